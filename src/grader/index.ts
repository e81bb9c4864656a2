/** The transcript grader: parse a chat transcript, read each part's answer, grade it against the key. */
export {
  annotateHtml,
  annotateMarkdown,
  escapeHtml,
  formatSummary,
  partName,
  verdictCounts,
} from "./annotate.js";
export { EXPORT_FORMATS, fromExport, TRANSCRIPT_EXTENSIONS } from "./formats/index.js";
export {
  type DistributionReading,
  type GradeTools,
  grade,
  type InitialLogits,
  type KlResult,
  type PartReport,
  type Report,
  reportJson,
  type Verdict,
} from "./grade.js";
export { defaultTools, toolkitTools } from "./tools.js";
export {
  checkTranscriptText,
  decodeTranscript,
  MAX_TRANSCRIPT_CHARS,
  normalizeTranscript,
  type ParsedTranscript,
  type PartAnswer,
  parseTranscript,
  type Role,
  type Segment,
  segmentTranscript,
  TranscriptError,
} from "./transcript.js";
export { VERDICT_NAMES, VERDICTS } from "./verdicts.js";
