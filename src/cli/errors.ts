/**
 * Library errors a person can act on, by `name` (so the CLI loads none of their modules), and how
 * each is reported: `command` ones as one line naming the subcommand whose action met them,
 * `plain` ones as their message alone (their messages name their input). Exit 1 either way.
 */
export const EXPECTED_ERRORS: ReadonlyMap<string, "command" | "plain"> = new Map([
  ["DataError", "command"],
  ["NonFiniteError", "command"],
  ["RunAheadError", "command"],
  ["KeyInputError", "command"],
  ["PipelineError", "command"],
  ["ParseError", "plain"],
  ["TranscriptError", "plain"],
  ["ExprError", "plain"],
  ["KlOverflowError", "plain"],
  ["MissingFileError", "plain"],
]);

/** An expected failure (bad input, missing data): printed as one clear line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
