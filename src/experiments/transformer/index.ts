/** Problem 1 experiments: initialization diagnostics, training, decoding, evaluation. */
export * from "./decode.js";
export * from "./init-stats.js";
