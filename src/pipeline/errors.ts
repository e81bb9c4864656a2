/**
 * An expected failure of a pipeline step that a person fixes by running something first or by
 * giving other input (no trained checkpoint yet, an empty description): the message is the
 * whole story, so the CLI prints it alone.
 */
export class PipelineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PipelineError";
  }
}

/**
 * A file a person named is not there: the message names it, so the CLI prints it without the
 * command's name.
 */
export class MissingFileError extends PipelineError {
  constructor(message: string) {
    super(message);
    this.name = "MissingFileError";
  }
}

/** Input a person wrote that cannot be read or computed with (a distribution string): a usage error. */
export class InputError extends PipelineError {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
