/**
 * A subcommand's action in three steps: the options commander parsed, checked against a schema
 * (a bad one is a usage error: one line naming the option, exit 2); the one pipeline call; and
 * the library's expected failures as one line that names the command (exit 1; input that cannot
 * be read, exit 2).
 */
import type { z } from "zod";
import { CliError, EXPECTED_ERRORS } from "./errors.js";

/** The options as `schema` reads them, or a CliError naming each bad option. */
export function parseOptions<S extends z.ZodType>(
  command: string,
  schema: S,
  raw: unknown,
): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `--${i.path.join(".") || "options"}: ${i.message}`);
  throw new CliError(`${command}: ${issues.join("; ")}`, 2);
}

/**
 * Commander's action for `command`: parses its options with `schema`, then calls `run` with them
 * and the positional arguments (a variadic one as an array). `named: false` prints the library's
 * messages without the command's name (`kl` and `serve`, whose messages name their argument).
 */
export function action<S extends z.ZodType, A extends unknown[] = []>(
  command: string,
  schema: S,
  run: (o: z.infer<S>, ...args: A) => Promise<void>,
  { named = true }: { named?: boolean } = {},
): (...args: unknown[]) => Promise<void> {
  const from = named ? `${command}: ` : "";
  return async (...args) => {
    // commander passes the positional arguments, then the options, then the command itself
    const o = parseOptions(command, schema, args.at(-2));
    try {
      await run(o, ...(args.slice(0, -2) as A));
    } catch (err) {
      const e = err as Error;
      // input a person wrote that cannot be read is a usage error
      if (e?.name === "InputError") throw new CliError(`${from}${e.message}`, 2);
      if (EXPECTED_ERRORS.get(e?.name) === "command") throw new CliError(`${from}${e.message}`);
      throw err;
    }
  };
}

/**
 * The value `schema` gives an option left out, as the default commander shows in the help (and
 * passes back, for the schema to read again): each default is stated once, in the schema.
 */
export function defaultOf(schema: z.ZodType): string {
  return String(schema.parse(undefined));
}

/** Prints a command's result: JSON with `--json`, else the text for people. */
export function print(json: boolean | undefined, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}
