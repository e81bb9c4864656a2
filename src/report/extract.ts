/**
 * Pulling what the explorables need out of the recorded results. Tolerant of the exact file
 * layout (results/vib/*.json, results/transformer/*.json), strict about values: a run without
 * the numbers is left out, never filled in.
 */
import type { LoadedResults } from "./results.js";

/** One recorded K = 2 VIB run, as the latent explorer shows it. */
export type LatentRun = {
  file: string;
  beta: number;
  seed: number | null;
  valError: number | null;
  /** Axis extents of the latent embedding: [[xMin, xMax], [yMin, yMax]]. */
  extent: [[number, number], [number, number]] | null;
  separation: number | null;
  /** Per-class latent means, when recorded. */
  classMeans: { label: string; mean: [number, number] }[];
  /** Sample points (z1, z2, label), when recorded. */
  points: { x: number; y: number; label: string }[];
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** First finite number found under any of the dotted paths. */
export function pick(o: unknown, paths: string[]): number | null {
  for (const p of paths) {
    let cur: unknown = o;
    for (const k of p.split(".")) cur = isObj(cur) ? cur[k] : undefined;
    const n = num(cur);
    if (n !== null) return n;
  }
  return null;
}

function pickObj(o: unknown, paths: string[]): unknown {
  for (const p of paths) {
    let cur: unknown = o;
    for (const k of p.split(".")) cur = isObj(cur) ? cur[k] : undefined;
    if (cur !== undefined) return cur;
  }
  return undefined;
}

function extentOf(v: unknown): LatentRun["extent"] {
  if (Array.isArray(v) && v.length === 2 && v.every((a) => Array.isArray(a) && a.length === 2)) {
    const [[a, b], [c, d]] = v as number[][];
    if ([a, b, c, d].every((x) => num(x) !== null))
      return [
        [a!, b!],
        [c!, d!],
      ];
  }
  if (isObj(v)) {
    const xs = [num(v.xMin), num(v.xMax), num(v.yMin), num(v.yMax)];
    if (xs.every((x) => x !== null))
      return [
        [xs[0]!, xs[1]!],
        [xs[2]!, xs[3]!],
      ];
    const x = v.x ?? v.z1;
    const y = v.y ?? v.z2;
    if (Array.isArray(x) && Array.isArray(y)) return extentOf([x, y]);
  }
  return null;
}

/** Recorded runs with a 2-D latent, sorted by β (one per β and seed). */
export function extractLatentRuns(r: LoadedResults): LatentRun[] {
  const runs: LatentRun[] = [];
  for (const [file, value] of r.files) {
    if (!/vib/i.test(file) || !isObj(value)) continue;
    const candidates = Array.isArray(value.runs) ? value.runs : [value];
    for (const run of candidates) {
      if (!isObj(run)) continue;
      const zDim = pick(run, ["config.zDim", "config.K", "config.k", "zDim", "K"]);
      const latent = pickObj(run, ["latent", "metrics.latent", "embedding", "latent2d"]);
      if (zDim !== 2 && latent === undefined) continue;
      const beta = pick(run, ["config.beta", "beta"]);
      if (beta === null) continue;
      const L = isObj(latent) ? latent : {};
      const meansRaw = pickObj(L, ["classMeans", "means", "meansByClass"]);
      const classMeans: LatentRun["classMeans"] = [];
      if (Array.isArray(meansRaw)) {
        meansRaw.forEach((m, i) => {
          if (Array.isArray(m) && m.length === 2 && num(m[0]) !== null && num(m[1]) !== null)
            classMeans.push({ label: String(i), mean: [m[0], m[1]] });
          else if (isObj(m)) {
            const mean = (m.mean ?? m.mu) as unknown;
            if (Array.isArray(mean) && num(mean[0]) !== null && num(mean[1]) !== null)
              classMeans.push({
                label: String(m.label ?? m.class ?? m.digit ?? i),
                mean: [mean[0], mean[1]],
              });
          }
        });
      } else if (isObj(meansRaw)) {
        for (const [label, m] of Object.entries(meansRaw))
          if (Array.isArray(m) && num(m[0]) !== null && num(m[1]) !== null)
            classMeans.push({ label, mean: [m[0], m[1]] });
      }
      const pointsRaw = pickObj(L, ["points", "samples"]);
      const points: LatentRun["points"] = [];
      if (Array.isArray(pointsRaw)) {
        for (const p of pointsRaw.slice(0, 3000)) {
          if (Array.isArray(p) && num(p[0]) !== null && num(p[1]) !== null)
            points.push({ x: p[0], y: p[1], label: String(p[2] ?? "") });
          else if (isObj(p)) {
            const x = num(p.x ?? p.z1);
            const y = num(p.y ?? p.z2);
            if (x !== null && y !== null)
              points.push({ x, y, label: String(p.label ?? p.y_true ?? p.class ?? "") });
          }
        }
      }
      runs.push({
        file,
        beta,
        seed: pick(run, ["config.seed", "seed"]),
        valError: pick(run, [
          "metrics.valError",
          "valError",
          "metrics.val.error",
          "final.valError",
          "latent.valError",
        ]),
        extent: extentOf(pickObj(L, ["extent", "axisExtent", "axes", "range", "axisRange"])),
        separation: pick(L, ["separation", "classSeparation", "separation.ratio"]),
        classMeans,
        points,
      });
    }
  }
  return runs.sort((a, b) => a.beta - b.beta || (a.seed ?? 0) - (b.seed ?? 0));
}

/** Recorded Transformer initial-logit measurements (bug vs fix), shown beside the live ones. */
export type InitRecord = {
  file: string;
  label: string;
  dModel: number;
  logitStd: number;
  initialLoss: number | null;
  vocabSize: number | null;
};

export function extractInitRuns(r: LoadedResults): InitRecord[] {
  const out: InitRecord[] = [];
  const visit = (file: string, v: unknown, label: string, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) visit(file, x, `${label}[${i}]`, depth + 1);
      return;
    }
    if (!isObj(v)) return;
    const logitStd = pick(v, ["logitStd", "initialLogitStd", "logits.std"]);
    const dModel = pick(v, ["dModel", "config.dModel"]);
    if (logitStd !== null && dModel !== null) {
      out.push({
        file,
        label:
          typeof v.scheme === "string" ? v.scheme : typeof v.name === "string" ? v.name : label,
        dModel,
        logitStd,
        initialLoss: pick(v, ["initialLoss", "loss", "initLoss"]),
        vocabSize: pick(v, ["vocabSize", "config.vocabSize"]),
      });
      return;
    }
    for (const [k, x] of Object.entries(v)) visit(file, x, label ? `${label}.${k}` : k, depth + 1);
  };
  for (const [file, value] of r.files) if (/transformer/i.test(file)) visit(file, value, "", 0);
  return out.slice(0, 50);
}
