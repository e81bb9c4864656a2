/** `groundtruth` command line: argv → validated config → library call. The only place with exit codes. */
import { Command, CommanderError } from "commander";
import { commands } from "./commands/index.js";
import { CliError, EXPECTED_ERRORS } from "./errors.js";

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
  // Library errors (bad data files, parse errors, NaN in training) are written for people:
  // print the message alone; the stack only on request.
  const error = err instanceof Error ? err : new Error(String(err));
  if (/4 GiB memory32 limit/.test(error.message)) {
    // jax-js's wasm heap cannot grow past 4 GiB: a configuration too big for the engine
    process.stderr.write(
      "groundtruth: out of engine memory: this run needs more than jax-js's 4 GiB wasm heap. " +
        "Use a smaller batch, or split it into micro-batches (a Transformer profile's microBatches).\n",
    );
    if (process.env.GROUNDTRUTH_DEBUG) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  }
  const expected = EXPECTED_ERRORS.has(error.name);
  process.stderr.write(`groundtruth: ${expected ? "" : "internal error: "}${error.message}\n`);
  if (process.env.GROUNDTRUTH_DEBUG) process.stderr.write(`${error.stack}\n`);
  else if (!expected) process.stderr.write("(set GROUNDTRUTH_DEBUG=1 for the stack trace)\n");
  process.exit(expected ? 1 : 70);
}
