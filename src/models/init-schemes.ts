/**
 * Problem 1's initializations of the tied word (and position) embeddings, one record each: the
 * registry that the model, the experiments, the CLI (choices and help) and the web explorer read.
 * No imports, so the CLI can list the schemes without loading the engine.
 */

/** One initialization of the word (and position) embeddings; everything else is fixed. */
export type InitSchemeRecord = {
  /** A short label for menus. */
  label: string;
  /** The embedding distribution in words, for reports and help text. */
  description: string;
  /** Standard deviation of the embedding entries at width d (uniform: half-width/√3). */
  embeddingStd: (dModel: number) => number;
  /** When set, entries are drawn from U(−h, h); otherwise from N(0, embeddingStd²). */
  uniformHalfWidth?: number;
  /** The factor applied to the decoder output before the tied head (default 1). */
  outputScale?: (dModel: number) => number;
};

/** Every init scheme, one record each: the registry the CLI, the experiments and the web read. */
export const INIT_SCHEMES = {
  bug: {
    label: "bug: N(0, 1) (as the problem gives it)",
    description: "word and position embeddings N(0, 1) (as the problem gives them)",
    embeddingStd: () => 1,
  },
  fix: {
    label: "fix: N(0, 1/d_model)",
    description: "word and position embeddings N(0, d_model^-1/2 squared): std d_model^-1/2",
    embeddingStd: (d) => d ** -0.5,
  },
  gpt2: {
    label: "GPT-2: N(0, 0.02²)",
    description: "word and position embeddings N(0, 0.02^2)",
    embeddingStd: () => 0.02,
  },
  uniform: {
    label: "uniform: U(−0.05, 0.05)",
    description: "word and position embeddings U(-0.05, 0.05)",
    embeddingStd: () => 0.05 / Math.sqrt(3),
    uniformHalfWidth: 0.05,
  },
  t5: {
    label: "T5: N(0, 1), output × d_model^−½",
    description: "embeddings N(0, 1), decoder output scaled by d_model^-1/2 before the tied head",
    embeddingStd: () => 1,
    outputScale: (d) => d ** -0.5,
  },
} satisfies Record<string, InitSchemeRecord>;

export type InitScheme = keyof typeof INIT_SCHEMES;
export const initSchemes = Object.keys(INIT_SCHEMES) as readonly InitScheme[];
