/** Report pages: every `.vega` placeholder becomes an interactive chart from its inline spec. */
import embed from "vega-embed";
import { enhanceSpec } from "./enhance.js";

async function main(): Promise<void> {
  const holders = Array.from(document.querySelectorAll<HTMLElement>(".vega[data-spec]"));
  await Promise.all(
    holders.map(async (el) => {
      const script = document.getElementById(el.dataset.spec ?? "");
      try {
        if (!script?.textContent) throw new Error("the chart's data is missing from the page");
        const spec = enhanceSpec(JSON.parse(script.textContent));
        el.textContent = "";
        await embed(el, spec as never, { actions: false, renderer: "svg", tooltip: true });
        el.dataset.ready = "true";
      } catch (err) {
        el.textContent = `This chart could not be drawn: ${(err as Error).message}`;
        el.classList.add("error");
        el.dataset.ready = "error";
      }
    }),
  );
  document.body.dataset.chartsReady = "true";
}

void main();
