/** `groundtruth` command line: argv → validated config → library call. The only place with exit codes. */
import { Command, CommanderError } from "commander";
import { commands } from "./commands/index.js";
import { CliError } from "./errors.js";

const program = new Command()
  .name("groundtruth")
  .description(
    "A runnable deep-learning problem set: train the models, reproduce the figures,\n" +
      "derive the answer key from experiments, and grade answer transcripts.",
  )
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof CliError) {
    process.stderr.write(`groundtruth: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  throw err;
}
