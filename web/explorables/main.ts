/** The explorables bundle: starts the explorable named by `<body data-page>`. */
import { startGrade } from "./grade.js";
import { startInit } from "./init.js";
import { startKl } from "./kl.js";
import { startLatent } from "./latent.js";

const starters: Record<string, (app: HTMLElement) => void> = {
  kl: startKl,
  init: startInit,
  latent: startLatent,
  grade: startGrade,
};

const app = document.getElementById("app");
const start = starters[document.body.dataset.page ?? ""];
if (app && start) {
  try {
    start(app);
  } catch (err) {
    app.textContent = `This explorable failed to start: ${(err as Error).message}`;
    app.classList.add("error");
  }
}
