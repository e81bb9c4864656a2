/** A data file that is missing, truncated or not what it claims to be. */
export class DataError extends Error {
  override readonly name = "DataError";
  constructor(
    message: string,
    /** The file at fault, when there is one. */
    readonly file?: string,
  ) {
    super(message);
  }
}
