/** Problem 1 experiments: initialization diagnostics, training, decoding, evaluation, figures. */

export * from "./acceptance.js";
export * from "./compare.js";
export * from "./decode.js";
export * from "./evaluate.js";
export * from "./figures.js";
export * from "./init-stats.js";
export * from "./profiles.js";
export * from "./train.js";
