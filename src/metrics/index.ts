/** Evaluation metrics: ROUGE and bootstrap confidence intervals. */
export * from "./bootstrap.js";
export * from "./rouge.js";
