/** KL toolkit: univariate distributions, a parser for how people write them, KL both ways, fits. */

export { DEFAULT_TARGET } from "./default-target.js";
export * from "./distributions.js";
export { fitFigures, landscapeFigure, problem2Figures } from "./figures.js";
export {
  type Direction,
  type DirectionResult,
  engineObjective,
  type FitConfig,
  type FitPoint,
  type FitResult,
  type FitRun,
  FitTargetError,
  fitConfig,
  fitDefaults,
  fitGaussian,
  gaussianKl,
} from "./fit.js";
export {
  type KlMethod,
  KlOverflowError,
  type KlResult,
  kl,
  klBoth,
  klClosedForm,
  klMonteCarlo,
  klNumeric,
  klReverse,
  supportViolation,
  tailDivergence,
} from "./kl.js";
export {
  DensityFormulaError,
  type PairReading,
  type ParsedDistribution,
  ParseError,
  parseDistribution,
  parsePair,
  type Reading,
} from "./parse.js";
export {
  combine,
  integrate,
  integratePieces,
  type QuadOptions,
  type QuadResult,
} from "./quadrature.js";
export { digamma, lbeta, lgamma, logSumExp } from "./special.js";
