/**
 * Summaries on the test split: the trained model's greedy and beam-search synopses beside the
 * Lead baseline (the description's first k words, k = the median training synopsis length in
 * words), each scored with ROUGE-1/2/L F1 and a bootstrap 95 % interval, plus the paired
 * interval of (model − Lead).
 */
import {
  bootstrapMean,
  type Interval,
  pairedBootstrapDiff,
  type RougeScores,
  rouge,
} from "../../metrics/index.js";
import type { TransformerConfig, TransformerParams } from "../../models/transformer.js";
import { makeDecoder } from "./decode.js";
import type { TransformerProfile } from "./profiles.js";
import type { Pair, Tokenizer } from "./train.js";

/** The first `k` whitespace-separated words of a document. */
export function leadSummary(document: string, k: number): string {
  return document.trim().split(/\s+/).slice(0, k).join(" ");
}

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
  kind: "transformer-summaries";
  profile: string;
  scheme: string;
  split: "test";
  leadWords: number;
  decoding: { maxNewTokens: number; beamSize: number; lengthPenalty: number };
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
  }[];
  seconds: { greedy: number; beam: number };
};

/** Decodes and scores the test split. Borrows params. */
export async function evaluateSummaries(o: {
  profile: TransformerProfile;
  cfg: TransformerConfig;
  params: TransformerParams;
  tokenizer: Tokenizer;
  test: Pair[];
  trainSummaries: string[];
  batchSize?: number;
  onProgress?: (done: number, total: number, what: string) => void;
}): Promise<SummariesResult> {
  const e = o.profile.evaluation;
  const tok = o.tokenizer;
  const test = o.test.slice(0, e.testExamples);
  const leadWords = typicalSummaryWords(o.trainSummaries);
  const decoder = makeDecoder(o.cfg);
  const special = {
    padId: tok.padId,
    bosId: tok.bosId,
    eosId: tok.eosId,
    maxNewTokens: e.maxNewTokens,
  };
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
    const beamN = Math.min(e.beamExamples, test.length);
    const beam: string[] = [];
    for (let i = 0; i < beamN; i++) {
      const ids = await decoder.beam(o.params, srcOf(test[i]), {
        ...special,
        beamSize: e.beamSize,
        lengthPenalty: e.lengthPenalty,
      });
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
    return {
      kind: "transformer-summaries",
      profile: o.profile.name,
      scheme: o.cfg.init,
      split: "test",
      leadWords,
      decoding: {
        maxNewTokens: e.maxNewTokens,
        beamSize: e.beamSize,
        lengthPenalty: e.lengthPenalty,
      },
      greedy: g.scores,
      lead: l.scores,
      greedyMinusLead: pairedDiff(g.perExample, l.perExample, R, seed),
      beam: b.scores,
      leadOnBeamSubset: lb.scores,
      beamMinusLead: pairedDiff(b.perExample, lb.perExample, R, seed),
      examples: test.slice(0, Math.min(e.examplesShown, beamN)).map((x, i) => ({
        id: x.id,
        document: x.document,
        reference: x.summary,
        greedy: greedy[i],
        beam: beam[i],
        lead: lead[i],
      })),
      seconds: { greedy: (t1 - t0) / 1000, beam: (t2 - t1) / 1000 },
    };
  } finally {
    decoder.dispose();
  }
}
