/**
 * The project's safe arithmetic evaluator (never executes its input), its one LaTeX reader, and the
 * init-call reader.
 */
export {
  type BinaryOp,
  binaryValue,
  type Dialect,
  type Env,
  type Expr,
  ExprError,
  evalExpr,
  evaluate,
  type Failure,
  isLatexProduct,
  LATEX_NUMBER_NAMES,
  type LexFailure,
  parseExpr,
  type Reading,
  readArithmetic,
  type Span,
  type Token,
  tokenize,
} from "./evaluate.js";
export {
  bindAssignments,
  extractInitCalls,
  extractOutputScales,
  type InitCall,
  type InitExtraction,
  type InitKind,
  type InitOptions,
  normalizeTarget,
  type OutputScale,
  type Scaling,
  truncatedNormalStd,
} from "./init-calls.js";
export { commandAt, LAYOUT_COMMANDS, latexToFormula, latexToText, WRAPPERS } from "./latex.js";
