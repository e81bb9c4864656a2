/**
 * Forward vs reverse KL fitting of a Gaussian Q = N(μ, σ²) to a fixed target P.
 *
 *   forward  D_KL(P‖Q) = E_P[log p] − E_P[log q]     → "mass-covering": q must be > 0 wherever p is
 *   reverse  D_KL(Q‖P) = E_Q[log q] − E_Q[log p]     → "mode-seeking": q must be ≈ 0 wherever p is
 *
 * Both objectives are fixed-node quadratures written in jax-js, so the gradients with respect
 * to (μ, log σ) come from the engine: forward uses nodes x_i with weights p(x_i)·Δx over P's
 * range; reverse reparameterises x = μ + σ·z over fixed standard-normal nodes z_j. Several
 * seeded starts are optimised at once (the loss is a sum over independent starts), with Adam in
 * float64 on the host; every converged point is re-evaluated with the float64 KL of ./kl.ts,
 * classified by a finite-difference Hessian, and distinct local minima are reported.
 * The engine is imported lazily, so importing this folder never loads jax-js.
 */
import type { numpy as np } from "../engine/index.js";
import { DEFAULT_TARGET } from "./default-target.js";
import {
  type Continuous,
  type Distribution,
  familyOf,
  formatDistribution,
  isDiscrete,
  locationScale,
  logPdf,
  mean,
  normal,
  variance,
} from "./distributions.js";
import { kl } from "./kl.js";
import { parseDistribution } from "./parse.js";
import { LOG_2PI } from "./special.js";

/** A target a Gaussian cannot be fitted to by both directions: ambiguous, discrete, or without a density on ℝ. */
export class FitTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FitTargetError";
  }
}
export type Direction = "forward" | "reverse";

export type FitConfig = {
  /** Number of starting points (optimised together). */
  starts: number;
  /** Adam steps per direction. */
  steps: number;
  /** Peak Adam learning rate on (μ, log σ); cosine-decayed to 1 % of it. */
  lr: number;
  seed: number;
  /** Quadrature nodes for the jax objectives. */
  nodes: number;
};

export const fitDefaults: FitConfig = { starts: 8, steps: 1500, lr: 0.05, seed: 0, nodes: 801 };

/** The settings a fit runs with: the given ones, the defaults for the rest. */
export function fitConfig(config: Partial<FitConfig> = {}): FitConfig {
  // undefined fields keep their defaults (callers pass optional CLI values straight through)
  const given = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
  return { ...fitDefaults, ...given };
}

/** One optimisation run from one start. */
export type FitRun = {
  start: { mu: number; sigma: number };
  mu: number;
  sigma: number;
  /** float64 KL at the end point (nats). */
  klNats: number;
  /** |∇(μ/scale, log σ)| of the engine's objective at the end (scale = P's typical scale). */
  gradNorm: number;
};

/** A distinct stationary point reached by one or more runs. */
export type FitPoint = {
  mu: number;
  sigma: number;
  klNats: number;
  /** Indices of the runs that ended here. */
  runs: number[];
  /** Eigenvalues of the float64 Hessian of KL in (μ, log σ). */
  hessianEigs: [number, number];
  /** "unconverged": the optimiser stopped with a gradient still > 1e-3 (more steps needed). */
  kind: "minimum" | "saddle" | "maximum" | "unconverged";
};

export type DirectionResult =
  | {
      direction: Direction;
      finite: true;
      runs: FitRun[];
      /** Distinct local minima, best first. */
      minima: FitPoint[];
      /** Stationary points that are not minima (e.g. a start exactly between two modes). */
      others: FitPoint[];
    }
  | { direction: Direction; finite: false; reason: string };

export type FitResult = {
  target: string;
  targetMoments: { mean: number; std: number };
  config: FitConfig;
  forward: DirectionResult;
  reverse: DirectionResult;
};

// ------------------------------------------------------------------ jax log densities

type Engine = typeof import("../engine/index.js");

/** log p(x) of a target as a jax expression. Consumes x. */
function jaxLogPdf(jax: Engine, d: Continuous, x: np.Array): np.Array {
  if (d.kind === "mixture") {
    const { numpy: np, nn } = jax;
    const parts = d.components.map((c, k) =>
      jaxLogPdf(jax, c, k === d.components.length - 1 ? x : x.ref).add(Math.log(d.weights[k])),
    );
    return nn.logsumexp(np.stack(parts), 0);
  }
  const family = familyOf(d);
  if (!family?.jaxLogPdf) {
    throw new FitTargetError(
      `reverse-KL fitting needs a target with a density on all of ℝ, got ${formatDistribution(d)}`,
    );
  }
  return family.jaxLogPdf(jax, d, x);
}

// ------------------------------------------------------------------ fixed nodes

/** Trapezoid nodes on [lo, hi] with weights w(x)·Δx. */
function nodes(
  lo: number,
  hi: number,
  n: number,
  w: (x: number) => number,
): { x: number[]; w: number[] } {
  const h = (hi - lo) / (n - 1);
  const x = Array.from({ length: n }, (_, i) => lo + i * h);
  return { x, w: x.map((xi, i) => w(xi) * h * (i === 0 || i === n - 1 ? 0.5 : 1)) };
}

/**
 * Forward-KL nodes: E_P[f] = Σ_k w_k E_{P_k}[f] for a mixture, each component on its own grid of
 * ±12 of its scales (so narrow, far-apart modes are all resolved), weights p_k(x)·Δx.
 */
function forwardNodes(p: Continuous, n: number): { x: number[]; w: number[] } {
  if (p.kind === "mixture") {
    const parts = p.components.map((c, k) => {
      const nd = forwardNodes(c, n);
      return { x: nd.x, w: nd.w.map((v) => v * p.weights[k]) };
    });
    return { x: parts.flatMap((q) => q.x), w: parts.flatMap((q) => q.w) };
  }
  const { loc, scale } = locationScale(p);
  const sd = Math.sqrt(variance(p));
  const span = 12 * (Number.isFinite(sd) ? Math.max(scale, sd) : scale);
  const m = Number.isFinite(mean(p)) ? mean(p) : loc;
  return nodes(m - span, m + span, n, (x) => Math.exp(logPdf(p, x)));
}

// ------------------------------------------------------------------ optimisation

type Objective = (mu: np.Array, logSigma: np.Array) => np.Array;

/** Σ_s KL-up-to-a-constant for S starts: mu, logSigma are [S]. */
function objective(jax: Engine, p: Continuous, direction: Direction, n: number): Objective {
  const np = jax.numpy;
  if (direction === "forward") {
    const nd = forwardNodes(p, n);
    const xs = nd.x;
    const ws = nd.w;
    return (mu, logSigma) => {
      const x = np.array(xs, { dtype: np.float32 }).reshape([1, xs.length]);
      const w = np.array(ws, { dtype: np.float32 }).reshape([1, ws.length]);
      const ls = logSigma.reshape([-1, 1]);
      const z = x.sub(mu.reshape([-1, 1])).mul(np.exp(ls.ref.mul(-1)));
      const nll = z.ref.mul(z).mul(0.5).add(ls); // −log q − ½log 2π, [S, N]
      return nll.mul(w).sum();
    };
  }
  const nd = nodes(-8, 8, n, (z) => Math.exp(-0.5 * z * z - 0.5 * LOG_2PI));
  return (mu, logSigma) => {
    const z = np.array(nd.x, { dtype: np.float32 }).reshape([1, nd.x.length]);
    const w = np.array(nd.w, { dtype: np.float32 }).reshape([1, nd.w.length]);
    const ls = logSigma.reshape([-1, 1]);
    const x = z.mul(np.exp(ls.ref)).add(mu.reshape([-1, 1])); // [S, N]
    const crossEntropy = jaxLogPdf(jax, p, x).mul(w).sum(1).mul(-1); // −E_Q[log p]
    const negEntropy = ls.reshape([-1]).mul(-1); // E_Q[log q] + ½log 2π + ½
    return crossEntropy.add(negEntropy).sum();
  };
}

/**
 * The engine's objective and gradient at given points, for checking against finite differences:
 * value = Σ_s KL_s up to a constant, grads with respect to μ_s and log σ_s.
 */
export async function engineObjective(
  target: Continuous,
  direction: Direction,
  mu: number[],
  logSigma: number[],
  n = fitDefaults.nodes,
): Promise<{ value: number; dMu: number[]; dLogSigma: number[] }> {
  const jax = await import("../engine/index.js");
  await jax.initEngine();
  const np = jax.numpy;
  const vg = jax.valueAndGrad(objective(jax, target, direction, n), { argnums: [0, 1] });
  const [v, [gm, gl]] = vg(
    np.array(mu, { dtype: np.float32 }),
    np.array(logSigma, { dtype: np.float32 }),
  ) as unknown as [np.Array, [np.Array, np.Array]];
  return {
    value: (await v.jsAsync()) as number,
    dMu: (await gm.jsAsync()) as number[],
    dLogSigma: (await gl.jsAsync()) as number[],
  };
}

/** float64 KL of the Gaussian N(μ, σ²) against P in the given direction (null if infinite). */
export function gaussianKl(
  p: Distribution,
  direction: Direction,
  mu: number,
  sigma: number,
): number | null {
  const q = normal(mu, sigma);
  const r = direction === "forward" ? kl(p, q) : kl(q, p);
  return r.finite ? r.value : null;
}

function hessianEigs(
  p: Distribution,
  direction: Direction,
  mu: number,
  sigma: number,
): [number, number] {
  const f = (a: number, b: number) =>
    gaussianKl(p, direction, mu + a, sigma * Math.exp(b)) ?? Number.NaN;
  const h = 1e-3 * Math.max(1, locationScale(p).scale);
  const k = 1e-3;
  const f0 = f(0, 0);
  const fmm = (f(h, 0) - 2 * f0 + f(-h, 0)) / (h * h);
  const fss = (f(0, k) - 2 * f0 + f(0, -k)) / (k * k);
  const fms = (f(h, k) - f(h, -k) - f(-h, k) + f(-h, -k)) / (4 * h * k);
  const tr = fmm + fss;
  const det = fmm * fss - fms * fms;
  const disc = Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  return [tr / 2 - disc, tr / 2 + disc];
}

async function fitDirection(
  jax: Engine,
  p: Continuous,
  direction: Direction,
  cfg: FitConfig,
): Promise<DirectionResult> {
  const { numpy: np, jit, valueAndGrad, createRng } = jax;
  // An infinite objective for every Gaussian (e.g. a Cauchy target forward, a bounded one reverse)
  const { loc, scale } = locationScale(p);
  const probe = normal(loc, scale);
  const pr = direction === "forward" ? kl(p, probe) : kl(probe, p);
  if (!pr.finite) {
    return {
      direction,
      finite: false,
      reason: `${direction} KL is infinite for every Gaussian Q (checked at Q = ${formatDistribution(probe)}): ${pr.reason}`,
    };
  }
  const S = cfg.starts;
  const rng = createRng(cfg.seed);
  // stratified starts: μ spread over loc ± 1.5·scale; σ log-uniform from the narrowest
  // component's scale (or scale·e^−1.5 if larger) up to scale·e^0.5
  const narrowest =
    p.kind === "mixture" ? Math.min(...p.components.map((c) => locationScale(c).scale)) : scale;
  const lsLo = Math.min(Math.log(scale) - 1.5, Math.log(narrowest));
  const lsHi = Math.log(scale) + 0.5;
  const mu = Array.from({ length: S }, (_, s) => loc + scale * (-1.5 + (3 * (s + rng.next())) / S));
  const ls = Array.from({ length: S }, () => lsLo + (lsHi - lsLo) * rng.next());
  const starts = mu.map((m, s) => ({ mu: m, sigma: Math.exp(ls[s]) }));
  const vg = valueAndGrad(objective(jax, p, direction, cfg.nodes), { argnums: [0, 1] });
  // one packed [1 + 2S] result per step: value, ∂/∂μ, ∂/∂log σ (a single device → host copy)
  const step = jit((m: np.Array, l: np.Array) => {
    const [v, [gm, gl]] = vg(m, l) as unknown as [np.Array, [np.Array, np.Array]];
    return np.concatenate([v.reshape([1]), gm, gl]);
  });
  const m1 = new Float64Array(2 * S);
  const m2 = new Float64Array(2 * S);
  const b1 = 0.9;
  const b2 = 0.99; // short memory: the gradient scale falls by orders of magnitude as σ shrinks
  let grad = new Float64Array(2 * S);
  try {
    for (let t = 1; t <= cfg.steps; t++) {
      const out = await step(
        np.array(mu, { dtype: np.float32 }),
        np.array(ls, { dtype: np.float32 }),
      ).data();
      if (!out.every(Number.isFinite)) {
        throw new Error(
          `${direction} KL objective or its gradient became non-finite at step ${t} (μ = ${mu}, log σ = ${ls})`,
        );
      }
      grad = Float64Array.from(out.subarray(1));
      // Adam on (u, log σ) with μ = loc + scale·u, so steps in μ are in units of P's scale
      for (let i = 0; i < S; i++) grad[i] *= scale;
      const lr = cfg.lr * (0.01 + 0.99 * 0.5 * (1 + Math.cos((Math.PI * (t - 1)) / cfg.steps)));
      for (let i = 0; i < 2 * S; i++) {
        const g = grad[i];
        m1[i] = b1 * m1[i] + (1 - b1) * g;
        m2[i] = b2 * m2[i] + (1 - b2) * g * g;
        const upd = (lr * (m1[i] / (1 - b1 ** t))) / (Math.sqrt(m2[i] / (1 - b2 ** t)) + 1e-12);
        if (i < S) mu[i] -= scale * upd;
        else ls[i - S] -= upd;
      }
    }
  } finally {
    step.dispose();
  }
  const runs: FitRun[] = starts.map((st, s) => {
    const sigma = Math.exp(ls[s]);
    return {
      start: st,
      mu: mu[s],
      sigma,
      klNats: gaussianKl(p, direction, mu[s], sigma) ?? Number.POSITIVE_INFINITY,
      gradNorm: Math.hypot(grad[s], grad[S + s]),
    };
  });
  // cluster end points: same μ within 2 % of the scale and same σ within 2 %
  const points: FitPoint[] = [];
  runs.forEach((r, i) => {
    const hit = points.find(
      (pt) =>
        Math.abs(pt.mu - r.mu) < 0.02 * scale && Math.abs(Math.log(pt.sigma / r.sigma)) < 0.02,
    );
    if (hit) {
      hit.runs.push(i);
      return;
    }
    points.push({
      mu: r.mu,
      sigma: r.sigma,
      klNats: r.klNats,
      runs: [i],
      hessianEigs: [0, 0],
      kind: "minimum",
    });
  });
  for (const pt of points) {
    // report the best run of the cluster, then classify it
    const best = pt.runs.reduce((a, b) => (runs[b].klNats < runs[a].klNats ? b : a));
    pt.mu = runs[best].mu;
    pt.sigma = runs[best].sigma;
    pt.klNats = runs[best].klNats;
    pt.hessianEigs = hessianEigs(p, direction, pt.mu, pt.sigma);
    const tol = 1e-4;
    pt.kind =
      runs[best].gradNorm > 1e-3
        ? "unconverged"
        : pt.hessianEigs[0] > -tol
          ? "minimum"
          : pt.hessianEigs[1] < tol
            ? "maximum"
            : "saddle";
  }
  points.sort((a, b) => a.klNats - b.klNats || a.mu - b.mu);
  return {
    direction,
    finite: true,
    runs,
    minima: points.filter((pt) => pt.kind === "minimum"),
    others: points.filter((pt) => pt.kind !== "minimum"),
  };
}

/**
 * Fits N(μ, σ²) to the target by forward and by reverse KL from several starts.
 * @example await fitGaussian("0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)") // forward σ ≈ 2.06; reverse μ ≈ ±2, σ ≈ 0.5
 */
export async function fitGaussian(
  target: string | Continuous = DEFAULT_TARGET,
  config: Partial<FitConfig> = {},
): Promise<FitResult> {
  const cfg = fitConfig(config);
  if (!(cfg.starts >= 1 && cfg.steps >= 1 && cfg.nodes >= 3 && cfg.lr > 0)) {
    throw new Error(`invalid fit config ${JSON.stringify(cfg)}`);
  }
  let p: Distribution;
  if (typeof target === "string") {
    const readings = parseDistribution(target).readings;
    if (readings.length > 1) {
      throw new FitTargetError(
        `the target "${target}" is ambiguous (${readings.map((r) => r.label).join(" / ")}); write it unambiguously, e.g. ${formatDistribution(readings[0].dist)}`,
      );
    }
    p = readings[0].dist;
  } else p = target;
  if (isDiscrete(p))
    throw new FitTargetError("a Gaussian can only be fitted to a continuous target");
  const jax = await import("../engine/index.js");
  await jax.initEngine();
  return {
    target: formatDistribution(p),
    targetMoments: { mean: mean(p), std: Math.sqrt(variance(p)) },
    config: cfg,
    forward: await fitDirection(jax, p, "forward", cfg),
    reverse: await fitDirection(jax, p, "reverse", cfg),
  };
}
