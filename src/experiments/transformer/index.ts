/** Problem 1 experiments: initialization diagnostics, training, decoding, evaluation. */

export * from "./acceptance.js";
export * from "./decode.js";
export * from "./evaluate.js";
export * from "./init-stats.js";
export * from "./profiles.js";
export * from "./train.js";
