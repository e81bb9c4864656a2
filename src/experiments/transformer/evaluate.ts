/**
 * Summaries on the test split: the trained model's greedy and beam-search synopses beside the
 * Lead baseline (the description's first k words, k = the median training synopsis length in
 * words), each scored with ROUGE-1/2/L F1 and a bootstrap 95 % interval, plus the paired
 * interval of (model − Lead).
 */

import { type TextTokenizer, wordPieces } from "../../data/tokenizer.js";
import { permutation } from "../../engine/rng.js";
import {
  bootstrapMean,
  type Interval,
  pairedBootstrapDiff,
  type RougeScores,
  rouge,
} from "../../metrics/index.js";
import type { TransformerConfig, TransformerParams } from "../../models/transformer.js";
import { RESULT_KINDS } from "../../results/layout.js";
import {
  type BeamOptions,
  chooseHypothesis,
  type DecodeOptions,
  type Decoder,
  type Hypothesis,
  makeDecoder,
} from "./decode.js";
import type { TransformerProfile } from "./profiles.js";
import type { Pair } from "./train.js";

/** The first `k` whitespace-separated words of a document. */
export function leadSummary(document: string, k: number): string {
  return document.trim().split(/\s+/).slice(0, k).join(" ");
}

/**
 * The first sentence of a description: up to the first ".", "!" or "?" that is followed by
 * whitespace and a capital letter, a digit or an opening quote/bracket, or ends the text (so
 * "e.g. foo" and "et al. or" do not end it). The whole text when there is no such stop.
 */
export function firstSentence(document: string): string {
  const text = document.trim().replace(/\s+/g, " ");
  const m = /[.!?](?=\s+[\p{Lu}\p{N}"'([]|\s*$)/u.exec(text);
  return m ? text.slice(0, m.index + 1) : text;
}

/**
 * A sentence without its subject: the opening "X is a / an / the" (X up to five words, "is"
 * or "are") or "This package / library / program / module / tool provides / contains /
 * includes / is (a / an / the)" removed. Unchanged when it opens otherwise.
 */
export function withoutSubject(sentence: string): string {
  const s = sentence.trim();
  const patterns = [
    /^this\s+(?:package|library|program|module|tool|utility)\s+(?:provides|contains|includes|is|has|offers)\s+(?:(?:an?|the)\s+)?/iu,
    /^(?:\S+\s+){0,4}?\S+\s+(?:is|are)\s+(?:(?:an?|the)\s+)?/iu,
  ];
  for (const re of patterns) {
    const m = re.exec(s);
    if (m && m[0].length < s.length) return s.slice(m[0].length);
  }
  return s;
}

/** An extractive baseline: a name, what it takes from the description, and the rule. */
export type Baseline = {
  name: string;
  description: string;
  summarize: (document: string) => string;
};

/**
 * The baselines scored beside every model: Lead-k for k = 6, 8, 10, 12 words, the first
 * sentence, the first sentence without its subject, and that cut to 8 words (issue 15's
 * strongest).
 */
export const baselines: Baseline[] = [
  ...[6, 8, 10, 12].map((k) => ({
    name: `lead-${k}`,
    description: `the description's first ${k} words`,
    summarize: (d: string) => leadSummary(d, k),
  })),
  {
    name: "first-sentence",
    description: "the description's first sentence",
    summarize: firstSentence,
  },
  {
    name: "first-sentence-no-subject",
    description: 'the first sentence without its "X is a" / "This package provides" opening',
    summarize: (d: string) => withoutSubject(firstSentence(d)),
  },
  {
    name: "first-sentence-no-subject-8",
    description: "the same, cut to its first 8 words",
    summarize: (d: string) => leadSummary(withoutSubject(firstSentence(d)), 8),
  },
];

/** The median word count of the given synopses (the Lead cut-off). */
export function typicalSummaryWords(summaries: string[]): number {
  const n = summaries
    .map((s) => s.trim().split(/\s+/).filter(Boolean).length)
    .sort((a, b) => a - b);
  if (n.length === 0) throw new Error("typicalSummaryWords: no summaries");
  return n[Math.floor((n.length - 1) / 2)];
}

type MetricName = keyof RougeScores;
const metricNames: MetricName[] = ["rouge1", "rouge2", "rougeL"];

/** ROUGE F1 of one system: mean with bootstrap interval per metric. */
export type SystemScores = Record<MetricName, Interval> & { examples: number };

/** Scores a list of candidates against references. */
export function scoreSystem(
  candidates: string[],
  references: string[],
  resamples: number,
  seed: number,
): { scores: SystemScores; perExample: RougeScores[] } {
  const perExample = candidates.map((c, i) => rouge(c, references[i]));
  const scores = { examples: candidates.length } as SystemScores;
  for (const m of metricNames) {
    scores[m] = bootstrapMean(
      perExample.map((r) => r[m]),
      { resamples, seed },
    );
  }
  return { scores, perExample };
}

function pairedDiff(
  a: RougeScores[],
  b: RougeScores[],
  resamples: number,
  seed: number,
): Record<MetricName, Interval> {
  const out = {} as Record<MetricName, Interval>;
  for (const m of metricNames) {
    out[m] = pairedBootstrapDiff(
      a.map((r) => r[m]),
      b.map((r) => r[m]),
      { resamples, seed },
    );
  }
  return out;
}

/** `results/transformer/<profile>/summaries.json`. */
export type SummariesResult = {
  kind: typeof RESULT_KINDS.summaries;
  profile: string;
  scheme: string;
  split: "test";
  leadWords: number;
  decoding: {
    maxNewTokens: number;
    beamSize: number;
    lengthPenalty: number;
    noRepeatNgram?: number;
    minNewTokens?: number;
    noImmediateWordRepeat?: boolean;
    noRepeatWordNgram?: number;
    /** The per-token length reward used for beam search (tuned on validation). */
    lengthReward?: number;
  };
  /** Greedy decoding and Lead over the first `testExamples` test pairs. */
  greedy: SystemScores;
  lead: SystemScores;
  greedyMinusLead: Record<MetricName, Interval>;
  /** Beam search and Lead over the first `beamExamples` test pairs (a subset: beam is slower). */
  beam: SystemScores;
  leadOnBeamSubset: SystemScores;
  beamMinusLead: Record<MetricName, Interval>;
  examples: {
    id: string;
    document: string;
    reference: string;
    greedy: string;
    beam: string;
    lead: string;
    /** Every baseline's output (profiles with `randomExamples`). */
    baselines?: Record<string, string>;
  }[];
  /** How the examples were chosen: the first test pairs, or at random with a fixed seed. */
  examplesChosen?: { how: "first" | "random"; seed?: number; indices: number[] };
  /** Every baseline on the same test pairs as greedy and on the beam subset (see `baselines`). */
  baselines?: { name: string; description: string; test: SystemScores; beamSubset: SystemScores }[];
  /** The per-token length reward chosen on validation (profiles with a decoding recipe). */
  lengthReward?: LengthRewardTuning;
  /**
   * The model against the best baseline per metric (best by its test mean, which favours the
   * baselines): paired differences, and whether the model's interval lies wholly above it.
   */
  versusBestBaseline?: {
    greedy: Record<MetricName, Comparison>;
    beam: Record<MetricName, Comparison>;
  };
  seconds: { greedy: number; beam: number; tuning?: number };
};

/** The model against one baseline on one metric. */
export type Comparison = {
  baseline: string;
  modelMinusBaseline: Interval;
  /** The model's interval lies wholly above the baseline's (non-overlapping). */
  beatsWithoutOverlap: boolean;
};

/** The length-reward grid on validation pairs and the reward chosen. */
export type LengthRewardTuning = {
  split: "validation";
  examples: number;
  /** Chosen by the mean of ROUGE-1, ROUGE-2 and ROUGE-L F1. */
  criterion: "mean of ROUGE-1/2/L F1";
  grid: { reward: number; rouge1: number; rouge2: number; rougeL: number; meanTokens: number }[];
  chosen: number;
};

/**
 * Tunes the per-token length reward β on validation pairs: one beam search per pair (the
 * search does not depend on β), then each β of the grid picks from the finished hypotheses.
 */
export async function tuneLengthReward(o: {
  decoder: Decoder;
  params: TransformerParams;
  sources: number[][];
  references: string[];
  decode: (ids: number[]) => string;
  beam: BeamOptions;
  grid: number[];
  onProgress?: (done: number, total: number) => void;
}): Promise<LengthRewardTuning> {
  if (o.grid.length === 0) throw new Error("tuneLengthReward: empty grid");
  const pools: Hypothesis[][] = [];
  for (let i = 0; i < o.sources.length; i++) {
    pools.push(await o.decoder.beamHypotheses(o.params, o.sources[i], o.beam));
    o.onProgress?.(i + 1, o.sources.length);
  }
  const grid = o.grid.map((reward) => {
    const sum = { rouge1: 0, rouge2: 0, rougeL: 0, meanTokens: 0 };
    pools.forEach((pool, i) => {
      const h = chooseHypothesis(pool, o.beam.lengthPenalty, reward);
      const r = rouge(o.decode(h?.tokens ?? []), o.references[i]);
      sum.rouge1 += r.rouge1;
      sum.rouge2 += r.rouge2;
      sum.rougeL += r.rougeL;
      sum.meanTokens += h?.tokens.length ?? 0;
    });
    const n = Math.max(1, pools.length);
    return {
      reward,
      rouge1: sum.rouge1 / n,
      rouge2: sum.rouge2 / n,
      rougeL: sum.rougeL / n,
      meanTokens: sum.meanTokens / n,
    };
  });
  const score = (g: (typeof grid)[number]) => (g.rouge1 + g.rouge2 + g.rougeL) / 3;
  const best = grid.reduce((a, g) => (score(g) > score(a) ? g : a));
  return {
    split: "validation",
    examples: pools.length,
    criterion: "mean of ROUGE-1/2/L F1",
    grid,
    chosen: best.reward,
  };
}

/** Model vs the best baseline (by mean) on each metric: paired interval and the overlap test. */
function versusBest(
  model: { scores: SystemScores; perExample: RougeScores[] },
  bases: { name: string; scores: SystemScores; perExample: RougeScores[] }[],
  resamples: number,
  seed: number,
): Record<MetricName, Comparison> {
  const out = {} as Record<MetricName, Comparison>;
  for (const m of metricNames) {
    const best = bases.reduce((a, b) => (b.scores[m].mean > a.scores[m].mean ? b : a));
    out[m] = {
      baseline: best.name,
      modelMinusBaseline: pairedBootstrapDiff(
        model.perExample.map((r) => r[m]),
        best.perExample.map((r) => r[m]),
        { resamples, seed },
      ),
      beatsWithoutOverlap: model.scores[m].low > best.scores[m].high,
    };
  }
  return out;
}

/** The profile's word constraints, when it has any (absent from the options and results otherwise). */
function wordRules(profile: TransformerProfile) {
  const dr = profile.evaluation.decoding;
  const rules = {
    ...(dr?.noImmediateWordRepeat ? { noImmediateWordRepeat: true } : {}),
    ...(dr?.noRepeatWordNgram ? { noRepeatWordNgram: dr.noRepeatWordNgram } : {}),
  };
  return Object.keys(rules).length > 0 ? rules : null;
}

/**
 * How a profile decodes: the tokenizer's special ids, its length limit and its constraints (the
 * word constraints with the tokenizer's word pieces).
 */
export function decodeOptions(profile: TransformerProfile, tok: TextTokenizer): DecodeOptions {
  const dr = profile.evaluation.decoding;
  const rules = wordRules(profile);
  return {
    padId: tok.padId,
    bosId: tok.bosId,
    eosId: tok.eosId,
    maxNewTokens: profile.evaluation.maxNewTokens,
    noRepeatNgram: dr?.noRepeatNgram ?? 0,
    minNewTokens: dr?.minNewTokens ?? 0,
    ...(rules ? { ...rules, words: wordPieces(tok) } : {}),
  };
}

/** Decodes and scores the test split. Borrows params. */
export async function evaluateSummaries(o: {
  profile: TransformerProfile;
  cfg: TransformerConfig;
  params: TransformerParams;
  tokenizer: TextTokenizer;
  test: Pair[];
  trainSummaries: string[];
  /** Validation pairs, for tuning the length reward of a profile's decoding recipe. */
  validation?: Pair[];
  batchSize?: number;
  onProgress?: (done: number, total: number, what: string) => void;
}): Promise<SummariesResult> {
  const e = o.profile.evaluation;
  const tok = o.tokenizer;
  const test = o.test.slice(0, e.testExamples);
  const leadWords = typicalSummaryWords(o.trainSummaries);
  const decoder = makeDecoder(o.cfg);
  const dr = e.decoding;
  const special = decodeOptions(o.profile, tok);
  const srcOf = (x: Pair) => tok.encode(x.document).slice(0, o.profile.data.maxSrcTokens);
  try {
    const bs = o.batchSize ?? 64;
    const t0 = performance.now();
    const greedy: string[] = [];
    // batches of similar length decode faster (fewer padded positions, fewer shapes)
    const order = test
      .map((_, i) => i)
      .sort((a, b) => test[a].document.length - test[b].document.length || a - b);
    const byIndex = new Array<string>(test.length);
    for (let i = 0; i < order.length; i += bs) {
      const idx = order.slice(i, i + bs);
      const ids = await decoder.greedy(
        o.params,
        idx.map((j) => srcOf(test[j])),
        special,
      );
      idx.forEach((j, k) => {
        byIndex[j] = tok.decode(ids[k]);
      });
      o.onProgress?.(Math.min(i + bs, test.length), test.length, "greedy");
    }
    greedy.push(...byIndex);
    const t1 = performance.now();
    const beamOpts: BeamOptions = {
      ...special,
      beamSize: e.beamSize,
      lengthPenalty: e.lengthPenalty,
    };
    let tuning: LengthRewardTuning | undefined;
    if (dr?.lengthRewardGrid && dr.lengthRewardGrid.length > 0) {
      const val = (o.validation ?? []).slice(0, dr.tuneExamples ?? 200);
      if (val.length === 0)
        throw new Error(
          "evaluateSummaries: the decoding recipe tunes on validation pairs; none given",
        );
      tuning = await tuneLengthReward({
        decoder,
        params: o.params,
        sources: val.map(srcOf),
        references: val.map((x) => x.summary),
        decode: (ids) => tok.decode(ids),
        beam: beamOpts,
        grid: dr.lengthRewardGrid,
        onProgress: (d, t) => o.onProgress?.(d, t, "tuning"),
      });
      beamOpts.lengthReward = tuning.chosen;
    }
    const tTuned = performance.now();
    const beamN = Math.min(e.beamExamples, test.length);
    const beam: string[] = [];
    for (let i = 0; i < beamN; i++) {
      const ids = await decoder.beam(o.params, srcOf(test[i]), beamOpts);
      beam.push(tok.decode(ids));
      o.onProgress?.(i + 1, beamN, "beam");
    }
    const t2 = performance.now();
    const refs = test.map((x) => x.summary);
    const lead = test.map((x) => leadSummary(x.document, leadWords));
    const R = e.bootstrapResamples;
    const seed = o.profile.seed;
    const g = scoreSystem(greedy, refs, R, seed);
    const l = scoreSystem(lead, refs, R, seed);
    const b = scoreSystem(beam, refs.slice(0, beamN), R, seed);
    const lb = scoreSystem(lead.slice(0, beamN), refs.slice(0, beamN), R, seed);
    const full = e.randomExamples === true;
    const baseOut = full
      ? baselines.map((bl) => ({ bl, out: test.map((x) => bl.summarize(x.document)) }))
      : [];
    const baseScores = baseOut.map(({ bl, out }) => ({
      name: bl.name,
      description: bl.description,
      test: scoreSystem(out, refs, R, seed),
      beamSubset: scoreSystem(out.slice(0, beamN), refs.slice(0, beamN), R, seed),
    }));
    const shownCount = Math.min(e.examplesShown, beamN);
    const shown = full
      ? Array.from(permutation(beamN, seed).slice(0, shownCount))
      : Array.from({ length: shownCount }, (_, i) => i);
    return {
      kind: RESULT_KINDS.summaries,
      profile: o.profile.name,
      scheme: o.cfg.init,
      split: "test",
      leadWords,
      decoding: {
        maxNewTokens: e.maxNewTokens,
        beamSize: e.beamSize,
        lengthPenalty: e.lengthPenalty,
        ...(dr
          ? {
              noRepeatNgram: dr.noRepeatNgram ?? 0,
              minNewTokens: dr.minNewTokens ?? 0,
              ...wordRules(o.profile),
              lengthReward: beamOpts.lengthReward ?? 0,
            }
          : {}),
      },
      greedy: g.scores,
      lead: l.scores,
      greedyMinusLead: pairedDiff(g.perExample, l.perExample, R, seed),
      beam: b.scores,
      leadOnBeamSubset: lb.scores,
      beamMinusLead: pairedDiff(b.perExample, lb.perExample, R, seed),
      examples: shown.map((i) => ({
        id: test[i].id,
        document: test[i].document,
        reference: test[i].summary,
        greedy: greedy[i],
        beam: beam[i],
        lead: lead[i],
        ...(full
          ? { baselines: Object.fromEntries(baseOut.map(({ bl, out }) => [bl.name, out[i]])) }
          : {}),
      })),
      ...(full
        ? {
            examplesChosen: { how: "random" as const, seed, indices: shown },
            baselines: baseScores.map((x) => ({
              name: x.name,
              description: x.description,
              test: x.test.scores,
              beamSubset: x.beamSubset.scores,
            })),
            versusBestBaseline: {
              greedy: versusBest(
                g,
                baseScores.map((x) => ({ name: x.name, ...x.test })),
                R,
                seed,
              ),
              beam: versusBest(
                b,
                baseScores.map((x) => ({ name: x.name, ...x.beamSubset })),
                R,
                seed,
              ),
            },
          }
        : {}),
      ...(tuning ? { lengthReward: tuning } : {}),
      seconds: {
        greedy: (t1 - t0) / 1000,
        beam: (t2 - tTuned) / 1000,
        ...(tuning ? { tuning: (tTuned - t1) / 1000 } : {}),
      },
    };
  } finally {
    decoder.dispose();
  }
}
