/** Problem 3 (VIB on MNIST): training, parts (a)–(d), profiles, figures and analysis. */
export * from "./analysis.js";
export * from "./diagram.js";
export * from "./figures.js";
export * from "./gradients.js";
export * from "./profiles.js";
export * from "./run.js";
export * from "./train.js";
