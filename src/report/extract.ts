/**
 * Pulling what the explorables need out of the recorded results: the files are found where the
 * results layout (src/results/layout.ts) puts them; their values are checked, strictly: a run
 * without the numbers is left out, never filled in.
 */
import { PROFILE_NAMES } from "../experiments/profiles.js";
// the layout alone: this module also runs in the browser
import { transformerFiles, vibPartOf } from "../results/layout.js";
import type { LoadedResults } from "./results.js";

/** One recorded K = 2 VIB run, as the latent explorer shows it. */
export type LatentRun = {
  /** The result file and the profile it came from (quick, standard, paper). */
  file: string;
  profile: string;
  beta: number;
  valError: number | null;
  /** Axis extents of the latent embedding: [[xMin, xMax], [yMin, yMax]]. */
  extent: [[number, number], [number, number]] | null;
  /** Fisher ratio: between-class over within-class scatter (scale-free). */
  separation: number | null;
  knnAccuracy: number | null;
  decoderAccuracy: number | null;
  /** Latent means of held-out digits (at most 600 per run, evenly thinned). */
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

function pair(v: unknown): [number, number] | null {
  return Array.isArray(v) && v.length === 2 && num(v[0]) !== null && num(v[1]) !== null
    ? [v[0], v[1]]
    : null;
}

/** Largest profile first. */
const PROFILE_ORDER: readonly string[] = [...PROFILE_NAMES].reverse();

/**
 * The K = 2 runs of each profile's latent part (`vib/<profile>/latent.json`), sorted by β. When
 * several profiles were run, the largest one (paper > standard > quick) is shown.
 */
export function extractLatentRuns(r: LoadedResults, maxPoints = 600): LatentRun[] {
  const files = [...r.files].filter(
    ([file, v]) => vibPartOf(file)?.part === "latent" && isObj(v) && Array.isArray(v.runs),
  );
  if (files.length === 0) return [];
  const profileOf = ([file, v]: [string, unknown]) =>
    typeof (v as Obj).profile === "string"
      ? ((v as Obj).profile as string)
      : (vibPartOf(file)?.profile ?? "");
  const rank = (p: string) => {
    const i = PROFILE_ORDER.indexOf(p);
    return i < 0 ? PROFILE_ORDER.length : i;
  };
  files.sort((a, b) => rank(profileOf(a)) - rank(profileOf(b)));
  const [file, value] = files[0]!;
  const profile = profileOf([file, value]);
  const runs: LatentRun[] = [];
  for (const run of (value as Obj).runs as unknown[]) {
    if (!isObj(run)) continue;
    const beta = pick(run, ["beta", "stats.beta"]);
    if (beta === null) continue;
    const st = isObj(run.stats) ? run.stats : {};
    const ex = isObj(st.extent) ? st.extent : {};
    const x = pair(ex.x);
    const y = pair(ex.y);
    const raw = Array.isArray(run.points) ? run.points : [];
    const stride = Math.max(1, Math.ceil(raw.length / maxPoints));
    const points: LatentRun["points"] = [];
    for (let i = 0; i < raw.length; i += stride) {
      const p = raw[i];
      if (!isObj(p) || num(p.x) === null || num(p.y) === null) continue;
      points.push({ x: p.x as number, y: p.y as number, label: String(p.digit ?? p.label ?? "") });
    }
    runs.push({
      file,
      profile,
      beta,
      valError: pick(st, ["validationError"]),
      extent: x && y ? [x, y] : null,
      separation: pick(st, ["fisherRatio"]),
      knnAccuracy: pick(st, ["knnAccuracy"]),
      decoderAccuracy: pick(st, ["decoderAccuracy"]),
      points,
    });
  }
  return runs.sort((a, b) => a.beta - b.beta);
}

/** One row of the CLI's `results/transformer/init-stats.json`, shown beside the live measurement. */
export type InitRecord = {
  file: string;
  scheme: string;
  dModel: number;
  vocabSize: number;
  seed: number | null;
  logitStd: number;
  initialLoss: number | null;
};

/** Rows of the init diagnostics' result (`transformer/init-stats.json`; vocabulary and seed from its config). */
export function extractInitRuns(r: LoadedResults): InitRecord[] {
  const file = transformerFiles().initStats;
  const v = r.files.get(file);
  if (!isObj(v) || !Array.isArray(v.rows)) return [];
  const vocabSize = pick(v, ["config.vocabSize"]);
  if (vocabSize === null) return [];
  const out: InitRecord[] = [];
  for (const row of v.rows) {
    const dModel = pick(row, ["dModel"]);
    const logitStd = pick(row, ["logitStd"]);
    if (!isObj(row) || typeof row.scheme !== "string" || dModel === null || logitStd === null)
      continue;
    out.push({
      file,
      scheme: row.scheme,
      dModel,
      vocabSize,
      seed: pick(v, ["config.seed"]),
      logitStd,
      initialLoss: pick(row, ["initialLoss"]),
    });
  }
  return out;
}
