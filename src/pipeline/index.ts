/**
 * The pipeline: each step runs an experiment (or reuses its finished run), writes its result
 * files where src/results says, and returns what it wrote. The CLI parses argv into a step's
 * options and calls one step; `reproduce` calls them all. Heavy modules (the engine, data,
 * charts) load inside each step, so importing this is cheap.
 */
export { type Log, stderrLog } from "./context.js";
export { doctor } from "./doctor.js";
export { InputError, PipelineError } from "./errors.js";
export {
  type GradedFile,
  type GradeFilesOptions,
  type GradeTranscriptsOptions,
  gradeTranscripts,
  readAnswerKey,
  readTranscript,
} from "./grade.js";
export { writeKey } from "./key.js";
export { type KlJson, type KlSide, klReadings } from "./kl.js";
export { type Problem2FitOptions, problem2Fit } from "./problem2.js";
export { buildReport, type ReportOptions } from "./report.js";
export { type ReproduceOptions, reproduce } from "./reproduce.js";
export { serveSite } from "./serve.js";
export {
  type CompareOutcome,
  type StepOptions,
  transformerAcceptance,
  transformerCompare,
  transformerInitStats,
  transformerSummarize,
  transformerTrain,
} from "./transformer.js";
export { VIB_PARTS, type VibPartsResult, vibParts } from "./vib.js";
