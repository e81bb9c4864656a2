/** The project's safe expression evaluator (never executes its input) and init-call reader. */
export {
  type Env,
  type Expr,
  ExprError,
  evalExpr,
  evaluate,
  parseExpr,
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
