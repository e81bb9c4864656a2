/**
 * The Variational Information Bottleneck classifier (Alemi et al., "Deep Variational Information
 * Bottleneck", ICLR 2017), read top to bottom:
 *
 *   x ──encoder MLP──▶ (μ, ρ) ──σ = softplus(ρ − 5)──▶ z = μ + σ ⊙ v ──decoder──▶ softmax q(y|z)
 *
 * with v ~ N(0, I) an explicit input, the prior r(z) = N(0, I), and the loss
 *
 *   L = mean_n [ −log q(y_n | z_n) ]  +  β · mean_n KL( N(μ_n, σ_n²) ‖ N(0, I) ).
 *
 * Pure: no fs, no console, no clock. Functions borrow `params` and consume their other arrays.
 */
import {
  type Dense,
  dense,
  denseFromDrawn,
  initializers,
  nn,
  numpy as np,
  random,
  softplusAndLog,
} from "../engine/index.js";

// ---------------------------------------------------------------- configuration

/** Everything that shapes the model and its objective. */
export type VibConfig = {
  /** Input features per example (784 for MNIST). */
  inputDim: number;
  /** Hidden layer widths of the encoder MLP ([1024, 1024] in the paper). */
  hidden: number[];
  /** Latent dimension K. */
  zDim: number;
  /** Number of classes C. */
  numClasses: number;
  /** Weight of the latent regularizer β. */
  beta: number;
  /** The deterministic baseline: z = μ, no noise, no KL. */
  deterministic: boolean;
  /** σ = softplus(ρ − sigmaShift); 5 in the paper, so σ starts small. */
  sigmaShift: number;
  /** Softmax samples averaged at evaluation (12 in the paper). */
  evalSamples: number;
};

/** The paper's MNIST model. */
export const vibPaperConfig: VibConfig = {
  inputDim: 784,
  hidden: [1024, 1024],
  zDim: 256,
  numClasses: 10,
  beta: 1e-3,
  deterministic: false,
  sigmaShift: 5,
  evalSamples: 12,
};

// ---------------------------------------------------------------- parameters

/** θe (encoder: hidden layers + the 2K-wide head) and θd (decoder: one linear layer K → C). */
export type VibParams = {
  encoder: { layers: Dense[]; head: Dense };
  decoder: Dense;
};

/** Glorot-uniform weights and zero biases (TensorFlow's dense default, as in the paper's code). */
function initDense(key: np.Array, fanIn: number, fanOut: number): Dense {
  return denseFromDrawn(initializers.xavierUniform(key, [fanIn, fanOut]));
}

/** Encoder head width: 2K (μ and ρ) for the VIB, K (z = μ) for the deterministic baseline. */
export function headWidth(cfg: VibConfig): number {
  return cfg.deterministic ? cfg.zDim : 2 * cfg.zDim;
}

/** Fresh parameters from a PRNG key (consumed). */
export function init(key: np.Array, cfg: VibConfig): VibParams {
  const widths = [cfg.inputDim, ...cfg.hidden];
  const keys = random.split(key, widths.length + 1); // [L + 2, 2]
  const k = (i: number) => keys.ref.slice(i);
  const layers: Dense[] = [];
  for (let i = 0; i + 1 < widths.length; i++)
    layers.push(initDense(k(i), widths[i], widths[i + 1]));
  const last = widths[widths.length - 1];
  const head = initDense(k(widths.length - 1), last, headWidth(cfg));
  const decoder = initDense(k(widths.length), cfg.zDim, cfg.numClasses);
  keys.dispose();
  return { encoder: { layers, head }, decoder };
}

/** Number of scalar parameters. */
export function paramCount(cfg: VibConfig): number {
  const widths = [cfg.inputDim, ...cfg.hidden, headWidth(cfg)];
  let n = 0;
  for (let i = 0; i + 1 < widths.length; i++) n += (widths[i] + 1) * widths[i + 1];
  return n + (cfg.zDim + 1) * cfg.numClasses;
}

// ---------------------------------------------------------------- encoder

/** The Gaussian encoder p(z|x) = N(μ, diag σ²); σ is null for the deterministic baseline. */
export type Encoding = { mu: np.Array; sigma: np.Array | null }; // each [B, K]

/**
 * The encoder's output: the encoding, and log σ for the KL. log σ comes from ρ, not from σ: it
 * stays finite where log(σ) is −∞ (σ subnormal or 0 in float32, below ρ − shift ≈ −87).
 */
export type EncoderOutput =
  | { mu: np.Array; sigma: np.Array; logSigma: np.Array }
  | { mu: np.Array; sigma: null; logSigma: null }; // each [B, K]

/** x [B, D] → μ [B, K], σ = softplus(ρ − shift) [B, K], log σ [B, K]. Borrows params; consumes x. */
export function encode(params: VibParams, x: np.Array, cfg: VibConfig): EncoderOutput {
  let h = x; // [B, D]
  for (const layer of params.encoder.layers) h = nn.relu(dense(layer, h)); // [B, H]
  const out = dense(params.encoder.head, h); // [B, 2K] or [B, K]
  if (cfg.deterministic) return { mu: out, sigma: null, logSigma: null };
  const [mu, rho] = np.split(out, 2, 1); // [B, K] each
  const { softplus: sigma, logSoftplus: logSigma } = softplusAndLog(rho.sub(cfg.sigmaShift));
  return { mu, sigma, logSigma };
}

// ---------------------------------------------------------------- reparameterization

/**
 * The reparameterization as a tiny dataflow graph: one multiplier and one adder.
 * `reparameterize` evaluates exactly this graph, and the 3(a) diagram draws it.
 */
export type GraphNode = { id: string; op: "multiply" | "add"; inputs: [string, string] };
export type ReparamGraph = {
  inputs: readonly string[];
  nodes: readonly GraphNode[];
  output: string;
  /** What each named value is, for labels. */
  labels: Record<string, string>;
};

export const reparameterizationGraph: ReparamGraph = {
  inputs: ["mu", "sigma", "v"],
  nodes: [
    { id: "scaled", op: "multiply", inputs: ["sigma", "v"] },
    { id: "z", op: "add", inputs: ["mu", "scaled"] },
  ],
  output: "z",
  labels: {
    mu: "μ(x)",
    sigma: "σ(x)",
    v: "V ~ N(0, 1)",
    scaled: "σ·V",
    z: "Z = μ + σ·V",
  },
};

const graphOps = {
  multiply: (a: np.Array, b: np.Array) => np.multiply(a, b),
  add: (a: np.Array, b: np.Array) => np.add(a, b),
};

/** Evaluates a dataflow graph whose every intermediate is used once. Consumes the inputs. */
export function evalGraph(graph: ReparamGraph, inputs: Record<string, np.Array>): np.Array {
  const env: Record<string, np.Array> = { ...inputs };
  for (const node of graph.nodes) {
    const [a, b] = node.inputs.map((name) => {
      const value = env[name];
      if (!value) throw new Error(`reparameterization graph: "${name}" is undefined or used twice`);
      delete env[name];
      return value;
    });
    env[node.id] = graphOps[node.op](a, b);
  }
  return env[graph.output];
}

/** z = μ + σ ⊙ v: μ, σ [B, K], v [B, K] or [S, B, K] → z like v. Consumes all three. */
export function reparameterize(mu: np.Array, sigma: np.Array, v: np.Array): np.Array {
  return evalGraph(reparameterizationGraph, { mu, sigma, v });
}

// ---------------------------------------------------------------- decoder and prior

/** Decoder logits: z [N, K] → [N, C]. Borrows params; consumes z. */
export function decode(params: VibParams, z: np.Array): np.Array {
  return dense(params.decoder, z);
}

/**
 * KL( N(μ, σ²) ‖ N(0, I) ) = ½ Σ_k (μ² + σ² − 1 − 2 log σ), in nats: [B, K] → [B]. Takes log σ
 * as given (see `EncoderOutput`). Consumes all three.
 */
export function klToStandardNormal(mu: np.Array, sigma: np.Array, logSigma: np.Array): np.Array {
  return np.square(mu).add(np.square(sigma)).sub(1).sub(logSigma.mul(2)).sum(-1).mul(0.5);
}

// ---------------------------------------------------------------- objective

/** The two terms of L, each a scalar: task = mean cross-entropy, kl = mean KL in nats. */
export type LossTerms = { task: np.Array; kl: np.Array };

/**
 * Loss terms on a batch: x [B, D], y one-hot [B, C], v [B, K] (ignored and consumed for the
 * deterministic baseline, whose kl is 0). Borrows params; consumes x, y, v.
 */
export function lossTerms(
  params: VibParams,
  x: np.Array,
  y: np.Array,
  v: np.Array,
  cfg: VibConfig,
): LossTerms {
  const { mu, sigma, logSigma } = encode(params, x, cfg);
  let z: np.Array;
  let kl: np.Array;
  if (sigma === null) {
    v.dispose();
    z = mu;
    kl = np.zeros([]);
  } else {
    z = reparameterize(mu.ref, sigma.ref, v); // [B, K]
    kl = klToStandardNormal(mu, sigma, logSigma).mean(); // []
  }
  const logq = nn.logSoftmax(decode(params, z), -1); // [B, C]
  const task = logq.mul(y).sum(-1).mean().neg(); // []
  return { task, kl };
}

/** L = task + β · kl (scalar). Borrows params; consumes x, y, v. */
export function loss(
  params: VibParams,
  x: np.Array,
  y: np.Array,
  v: np.Array,
  cfg: VibConfig,
): np.Array {
  const { task, kl } = lossTerms(params, x, y, v, cfg);
  return task.add(kl.mul(cfg.beta));
}

// ---------------------------------------------------------------- evaluation

/**
 * Predictive distribution averaged over S samples of z: (1/S) Σ_s softmax(decoder(μ + σ ⊙ v_s)).
 * x [B, D], v [S, B, K] → [B, C]. The deterministic baseline ignores v. Borrows params;
 * consumes x and v.
 */
export function predictProbs(
  params: VibParams,
  x: np.Array,
  v: np.Array,
  cfg: VibConfig,
): np.Array {
  const { logSigma, ...encoding } = encode(params, x, cfg);
  logSigma?.dispose(); // only the KL needs it
  return predictFromEncoding(params, encoding, v, cfg);
}

/**
 * `predictProbs` from an encoding already computed, so an evaluation that needs several
 * predictions and the KL of the same inputs runs the encoder once. Consumes the encoding and v.
 */
export function predictFromEncoding(
  params: VibParams,
  { mu, sigma }: Encoding,
  v: np.Array,
  cfg: VibConfig,
): np.Array {
  if (sigma === null) {
    v.dispose();
    return nn.softmax(decode(params, mu), -1);
  }
  const [S, B, K] = v.shape;
  const z = reparameterize(mu, sigma, v).reshape([S * B, K]); // [S·B, K]
  const probs = nn.softmax(decode(params, z), -1); // [S·B, C]
  return probs.reshape([S, B, cfg.numClasses]).mean(0); // [B, C]
}

/** Standard-normal noise for a batch: [B, K] (S = undefined) or [S, B, K]. Consumes key. */
export function sampleNoise(key: np.Array, batch: number, cfg: VibConfig, S?: number): np.Array {
  const shape = S === undefined ? [batch, cfg.zDim] : [S, batch, cfg.zDim];
  return random.normal(key, shape);
}
