/**
 * The registry of distribution families: one file per family, one entry here. The parser, the
 * KL code, the fitter, the grader's word lists and the KL explorer all read it.
 */
import { type Beta, betaFamily } from "./beta.js";
import { type Binomial, binomialFamily } from "./binomial.js";
import { type Categorical, categoricalFamily } from "./categorical.js";
import { type Cauchy, cauchyFamily } from "./cauchy.js";
import { type Exponential, exponentialFamily } from "./exponential.js";
import type { Family } from "./family.js";
import { type Gamma, gammaFamily } from "./gamma.js";
import { type Geometric, geometricFamily } from "./geometric.js";
import { type Laplace, laplaceFamily } from "./laplace.js";
import { type Logistic, logisticFamily } from "./logistic.js";
import { type Normal, normalFamily } from "./normal.js";
import { type Poisson, poissonFamily } from "./poisson.js";
import { type StudentT, studentTFamily } from "./student-t.js";
import { type Uniform, uniformFamily } from "./uniform.js";

export { type Beta, beta } from "./beta.js";
export { type Binomial, binomial } from "./binomial.js";
export { type Categorical, categorical } from "./categorical.js";
export { type Cauchy, cauchy } from "./cauchy.js";
export { type Exponential, exponential } from "./exponential.js";
export * from "./family.js";
export { type Gamma, gamma } from "./gamma.js";
export { type Geometric, geometric } from "./geometric.js";
export { type Laplace, laplace } from "./laplace.js";
export { type Logistic, logistic } from "./logistic.js";
export { type Normal, normal } from "./normal.js";
export { type Poisson, poisson } from "./poisson.js";
export { type StudentT, studentT } from "./student-t.js";
export { type Uniform, uniform } from "./uniform.js";

/** A member of a named family with a density. */
export type FamilyDensity =
  | Normal
  | Uniform
  | Laplace
  | Exponential
  | Cauchy
  | StudentT
  | Gamma
  | Beta
  | Logistic;
/** A member of a named discrete family. */
export type Discrete = Categorical | Binomial | Poisson | Geometric;
export type FamilyMember = FamilyDensity | Discrete;

/** Every family by its kind, in the order messages list them. */
export const FAMILIES: { [K in FamilyMember["kind"]]: Family<Extract<FamilyMember, { kind: K }>> } =
  {
    normal: normalFamily,
    uniform: uniformFamily,
    laplace: laplaceFamily,
    exponential: exponentialFamily,
    cauchy: cauchyFamily,
    studentT: studentTFamily,
    gamma: gammaFamily,
    beta: betaFamily,
    logistic: logisticFamily,
    categorical: categoricalFamily,
    binomial: binomialFamily,
    poisson: poissonFamily,
    geometric: geometricFamily,
  };

/** The families as a list (registry order). */
export const familyList = (): Array<Family<FamilyMember>> =>
  Object.values(FAMILIES) as Array<Family<FamilyMember>>;
