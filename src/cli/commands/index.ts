/** Every subcommand registers itself here; heavy modules load lazily inside each action. */
import type { Command } from "commander";
import { registerDoctor } from "./doctor.js";
import { registerFit } from "./fit.js";
import { registerGrade } from "./grade.js";
import { registerKey } from "./key.js";
import { registerKl } from "./kl.js";
import { registerReport } from "./report.js";
import { registerReproduce } from "./reproduce.js";
import { registerServe } from "./serve.js";
import { registerTransformer } from "./transformer.js";
import { registerVib } from "./vib.js";

export const commands: Array<(program: Command) => void> = [
  registerDoctor,
  registerReport,
  registerServe,
  registerGrade,
  registerVib,
  registerTransformer,
  registerKl,
  registerFit,
  registerKey,
  registerReproduce,
];
