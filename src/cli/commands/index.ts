/** Every subcommand registers itself here; heavy modules load lazily inside each action. */
import type { Command } from "commander";
import { registerDoctor } from "./doctor.js";

export const commands: Array<(program: Command) => void> = [registerDoctor];
