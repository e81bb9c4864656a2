/**
 * TEST DATA ONLY: small synthetic experiment results with plausible shapes. Every number is
 * invented for the tests of the key's derivation and the report writers; none is a measurement.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { KeyResults } from "../../src/key/derive.js";
import { RESULT_KINDS, resultFiles } from "../../src/results/layout.js";

const sqrt = Math.sqrt;
const initRow = (
  scheme: string,
  dModel: number,
  std: number,
  logitStd: number,
  loss: number,
  mass: number,
) => ({
  scheme,
  dModel,
  embeddingStd: std,
  logitStd,
  initialLoss: loss,
  lnVocab: Math.log(8000),
  argmaxMass: mass,
});

/** Test data: plausible shapes, every number invented for the test. */
export function synthetic(): KeyResults {
  return {
    profile: "test-data",
    transformer: {
      initStats: {
        source: "test:init-stats",
        rows: [
          ...[64, 256, 512].map((d) => initRow("bug", d, 1, 1.02 * sqrt(d), 0.5 * d, 0.9)),
          ...[64, 256, 512].map((d) => initRow("fix", d, 1 / sqrt(d), 1.05, 9.5, 0.002)),
        ],
      },
      acceptance: {
        source: "test:acceptance",
        dModel: 64,
        config: { logitScales: [0, 0.3, 1, 3, 8], steps: 30, toleranceNats: 0.5 },
        rows: [
          [0, 8.6],
          [0.3, 7.9],
          [1, 7.8],
          [3, 8.1],
          [8, 25],
        ].map(([s, v]) => ({
          logitScale: s,
          embeddingStd: s / 8,
          firstLoss: 9 + s * s,
          valLoss: v,
          accepted: v <= 8.3,
        })),
        fixValLoss: 7.8,
        band: { minLogitScale: 0.3, maxLogitScale: 3 },
      },
      training: {
        source: "test:train",
        runs: [
          { scheme: "bug", steps: 300, final: { trainLoss: 9.4, valLoss: 9.8 } },
          { scheme: "fix", steps: 300, final: { trainLoss: 5.1, valLoss: 5.4 } },
        ],
      },
    },
    kl: {
      example: {
        source: "test:kl",
        p: "U(0, 1)",
        q: "N(0, 1)",
        forward: { finite: true, value: 1.07 },
        reverse: { finite: false, reason: "Q has mass outside P's support" },
      },
      fits: {
        source: "test:fits",
        target: "0.5 N(-2, 0.5²) + 0.5 N(2, 0.5²)",
        modes: [
          { mu: -2, sigma: 0.5 },
          { mu: 2, sigma: 0.5 },
        ],
        forward: { mu: 0, sigma: 2.06, klNats: 0.9 },
        reverse: { mu: 2, sigma: 0.5, klNats: 0.69 },
      },
    },
    vib: {
      diagram: {
        source: "test:diagram",
        blocks: { multipliers: 1, adders: 1 },
        cases: [
          {
            mu: 0,
            sigma: 1,
            sampleMean: 0.001,
            sampleStd: 1.0004,
            meanZScore: 0.3,
            stdRelErr: 4e-4,
          },
        ],
        maxDerivativeError: { dZdMu: 0, dZdSigma: 2e-8 },
        samples: 1000,
        pass: true,
      },
      gradients: {
        source: "test:gradients",
        grids: [
          {
            when: "init",
            grid: {
              task: {
                encoder: { norm: 2.6, sendsGradient: true },
                decoder: { norm: 0.9, sendsGradient: true },
              },
              klTerm: {
                encoder: { norm: 0.26, sendsGradient: true },
                decoder: { norm: 0, sendsGradient: false },
              },
              threshold: 1e-12,
              beta: 1e-3,
              batchSize: 8,
            },
          },
        ],
      },
      sweep: sweepResults("supported", [0.093, 0.088, 0.085, 0.104, 0.68]),
      latent: {
        source: "test:latent",
        runs: [
          latentRun(1e-6, 5.2, 2.0, 0.02),
          latentRun(1e-3, 1.4, 6.0, 0.012),
          latentRun(1, 0.13, 0.05, 0.4),
        ],
        ...latentDecision([0.06, 0.04, 0.9]),
      },
    },
  };
}

/**
 * A 3(c) decision over β ∈ {1e-6, 1e-3, 1e-2, 1e-1, 1} with the given mean errors; every
 * interval is ±0.3 points around its mean (invented).
 */
export function sweepResults(
  status: KeyResults["vib"]["sweep"]["decision"]["status"],
  errors: number[],
): KeyResults["vib"]["sweep"] {
  const betas = [1e-6, 1e-3, 1e-2, 1e-1, 1];
  const moderate = [1e-3, 1e-2, 1e-1];
  const around = (m: number) => ({ mean: m, low: m - 0.003, high: m + 0.003 });
  const err = (b: number) => errors[betas.indexOf(b)];
  return {
    source: "test:sweep",
    design: { betas, reference: 1e-6, moderate, large: 1, alpha: 0.05 },
    base: {
      epochs: 30,
      trainSubset: 2000,
      validationSize: 10000,
      finalDraws: 4,
      model: { hidden: [128], zDim: 32, evalSamples: 12 },
    },
    runs: betas.flatMap((beta) =>
      [0, 1].map((seed) => ({
        beta,
        seed,
        trainError: beta < 1e-2 ? 0 : 0.02,
        validationError: err(beta),
      })),
    ),
    decision: {
      status,
      reason: `test decision: ${status}`,
      seeds: 2,
      looks: 3,
      confidence: 1 - 0.05 / 18,
      arms: betas.map((beta) => ({
        beta,
        error: around(err(beta)),
        perSeed: [err(beta), err(beta)],
      })),
      contrasts: moderate.flatMap((b) => [
        {
          from: 1e-6,
          minus: b,
          test: "moderate-beats-reference" as const,
          interval: around(err(1e-6) - err(b)),
        },
        { from: 1, minus: b, test: "large-rises" as const, interval: around(err(1) - err(b)) },
      ]),
      bestModerate: moderate.sort((a, b) => err(a) - err(b))[0],
    },
  };
}

/**
 * A 3(d)(ii) decision over β ∈ {1e-6, 1e-3, 1} with the given mean cross-entropies (nats); every
 * interval is ±`half` around its mean (invented), and the best β follows from the intervals.
 */
export function latentDecision(
  ce: number[],
  half = 0.005,
): Pick<KeyResults["vib"]["latent"], "design" | "base" | "decision"> {
  const betas = [1e-6, 1e-3, 1];
  const around = (m: number) => ({ mean: m, low: m - half, high: m + half });
  const contrasts = [
    [0, 1],
    [0, 2],
    [1, 2],
  ].map(([a, b]) => ({
    beta: betas[a],
    rival: betas[b],
    crossEntropy: around(ce[b] - ce[a]),
    error: around((ce[b] - ce[a]) / 4),
  }));
  const better = (a: number, b: number) => Math.abs(ce[b] - ce[a]) > half && ce[a] < ce[b];
  const best = betas.find((_, a) => betas.every((_, b) => a === b || better(a, b))) ?? null;
  const leader = betas[ce.indexOf(Math.min(...ce))];
  return {
    design: { betas, seeds: { min: 3, max: 6 }, alpha: 0.05 },
    base: {
      epochs: 4,
      trainSubset: 4000,
      validationSize: 10000,
      finalDraws: 4,
      classes: [0, 1, 2],
      model: { hidden: [128, 128], zDim: 2, evalSamples: 12 },
    },
    decision: {
      best,
      leader,
      reason: best !== null ? `test decision: β = ${best} best` : "test decision: no β best",
      seeds: 3,
      looks: 4,
      confidence: 1 - 0.05 / 12,
      arms: betas.map((beta, k) => ({
        beta,
        crossEntropy: around(ce[k]),
        error: around(ce[k] / 4),
        perSeed: { crossEntropy: [ce[k], ce[k], ce[k]], error: [ce[k] / 4, ce[k] / 4, ce[k] / 4] },
      })),
      contrasts,
    },
  };
}

function latentRun(beta: number, half: number, fisher: number, valErr: number) {
  return {
    beta,
    stats: {
      extent: {
        x: [-half, 0.8 * half] as [number, number],
        y: [-0.5 * half, half] as [number, number],
      },
      halfWidth: half,
      fisherRatio: fisher,
      knnAccuracy: 1 - valErr,
      validationError: valErr,
    },
  };
}

/** Writes the synthetic test data (not measurements) as the result files a run would leave. */
export function writeSyntheticResults(root: string): void {
  const s = synthetic();
  const R = resultFiles("quick");
  const put = (rel: string, v: unknown) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), typeof v === "string" ? v : JSON.stringify(v));
  };
  put(R.transformer.initStats, {
    kind: RESULT_KINDS.initStats,
    rows: s.transformer.initStats.rows,
  });
  const { source: _a, ...acceptance } = s.transformer.acceptance;
  put(R.transformer.acceptance, { kind: RESULT_KINDS.acceptance, ...acceptance });
  const [bug, fix] = s.transformer.training!.runs;
  put(R.transformer.training.train("bug"), { kind: RESULT_KINDS.train, ...bug });
  put(R.transformer.training.train("fix"), { kind: RESULT_KINDS.train, ...fix });
  const dir = (m: { mu: number; sigma: number; klNats: number }) => ({
    finite: true,
    minima: [m],
    others: [],
  });
  put(R.problem2.fit, {
    target: "0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)",
    forward: dir(s.kl.fits.forward!),
    reverse: dir(s.kl.fits.reverse!),
  });
  put(R.vib.part("diagram"), { kind: RESULT_KINDS.vib.diagram, check: s.vib.diagram });
  put(R.vib.part("gradients"), { kind: RESULT_KINDS.vib.gradients, grids: s.vib.gradients.grids });
  const { source: _source, ...sweep } = s.vib.sweep;
  put(R.vib.part("sweep"), { kind: RESULT_KINDS.vib.sweep, ...sweep });
  const { source: _l, ...latent } = s.vib.latent;
  put(R.vib.part("latent"), { kind: RESULT_KINDS.vib.latent, ...latent });
  put(R.vib.sweepFigure, "<svg/>");
}
