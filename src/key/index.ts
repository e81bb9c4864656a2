/** The answer key: derived from experiment results (derive), read from result files (load), shown (format). */
export * from "./derive.js";
export { answerText, keySummary } from "./format.js";
export { KeyInputError, type KeyProfile, loadKeyResults } from "./load.js";
export * from "./types.js";
