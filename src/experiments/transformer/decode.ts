/**
 * Decoding a trained summarizer: greedy and beam search over the key/value-cached decoder.
 * Each decoder step is one jitted call with fixed shapes (the cache has maxLen slots), so a
 * sequence of any length reuses one compiled step.
 */
import { jit, numpy as np, tree } from "../../engine/jax.js";
import {
  type DecoderCache,
  decodeStep,
  encode,
  initCache,
  reorderCache,
  type TransformerConfig,
  type TransformerParams,
} from "../../models/transformer.js";

/** Token ids the decoder needs. */
export type SpecialIds = { padId: number; bosId: number; eosId: number };

export type DecodeOptions = SpecialIds & {
  /** Most tokens generated (EOS excluded); at most cfg.maxLen − 1. */
  maxNewTokens: number;
  /** No n-gram of this many tokens is generated twice (0 or absent: no blocking). */
  noRepeatNgram?: number;
  /** EOS is blocked until this many tokens are out (absent: 0). */
  minNewTokens?: number;
};

export type BeamOptions = DecodeOptions & {
  beamSize: number;
  /** Hypotheses are ranked by Σ log p / length^alpha (0 = raw sum), plus `lengthReward`·length. */
  lengthPenalty: number;
  /** Per-token reward β added to a hypothesis's rank for each of its tokens (EOS counted). Absent: 0. */
  lengthReward?: number;
};

/** A beam hypothesis: its tokens (EOS excluded) and Σ log p (EOS included when finished). */
export type Hypothesis = { tokens: number[]; score: number };

/**
 * The rank of a hypothesis: score / (n)^α + β·n with n its tokens plus EOS. α = 0, β = 0 is
 * the raw log-probability; β > 0 favours longer outputs by β nats per token.
 */
export function rankHypothesis(h: Hypothesis, lengthPenalty: number, lengthReward = 0): number {
  const n = h.tokens.length + 1;
  return h.score / Math.max(1, n) ** lengthPenalty + lengthReward * n;
}

/** The best hypothesis of a pool under α and β (ties: the earlier one). */
export function chooseHypothesis(
  pool: readonly Hypothesis[],
  lengthPenalty: number,
  lengthReward = 0,
): Hypothesis | null {
  let best: Hypothesis | null = null;
  let bestRank = Number.NEGATIVE_INFINITY;
  for (const h of pool) {
    const r = rankHypothesis(h, lengthPenalty, lengthReward);
    if (best === null || r > bestRank) {
      best = h;
      bestRank = r;
    }
  }
  return best;
}

/**
 * Tokens that would repeat an n-gram of `tokens` if generated next (fairseq's
 * no_repeat_ngram_size): every token that followed an earlier occurrence of the last n − 1 tokens.
 */
export function repeatedNgramTokens(tokens: readonly number[], n: number): Set<number> {
  const banned = new Set<number>();
  if (!(n > 0) || tokens.length < n - 1) return banned;
  const k = n - 1;
  const end = tokens.length - k; // the current (n − 1)-gram starts here
  for (let i = 0; i + k < tokens.length; i++) {
    let same = true;
    for (let j = 0; j < k && same; j++) same = tokens[i + j] === tokens[end + j];
    if (same) banned.add(tokens[i + k]);
  }
  return banned;
}

/** Whether any n-gram occurs twice in `tokens`. */
export function hasRepeatedNgram(tokens: readonly number[], n: number): boolean {
  const seen = new Set<string>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(",");
    if (seen.has(g)) return true;
    seen.add(g);
  }
  return false;
}

/** Sets the log-probabilities of the tokens a hypothesis may not take next to −∞ (in place). */
function applyConstraints(row: Float32Array, tokens: readonly number[], o: DecodeOptions): void {
  if (tokens.length < (o.minNewTokens ?? 0)) row[o.eosId] = Number.NEGATIVE_INFINITY;
  if (o.noRepeatNgram)
    for (const t of repeatedNgramTokens(tokens, o.noRepeatNgram)) row[t] = Number.NEGATIVE_INFINITY;
}

const constrained = (o: DecodeOptions) => (o.noRepeatNgram ?? 0) > 0 || (o.minNewTokens ?? 0) > 0;

/** Pads token-id lists to [B, S] int32 plus a 0/1 float mask. `S` defaults to the longest. */
export function padBatch(
  seqs: number[][],
  padId: number,
  S?: number,
): { ids: np.Array; mask: np.Array } {
  const len = S ?? Math.max(1, ...seqs.map((s) => s.length));
  const ids = new Int32Array(seqs.length * len).fill(padId);
  const mask = new Float32Array(seqs.length * len);
  seqs.forEach((s, b) => {
    if (s.length > len)
      throw new Error(`padBatch: sequence of ${s.length} tokens exceeds width ${len}`);
    s.forEach((t, i) => {
      ids[b * len + i] = t;
      mask[b * len + i] = 1;
    });
  });
  return {
    ids: np.array(ids, { dtype: np.int32 }).reshape([seqs.length, len]),
    mask: np.array(mask, { dtype: np.float32 }).reshape([seqs.length, len]),
  };
}

type StepOut = { logProbs: np.Array; best: np.Array; cache: DecoderCache };

/** The jitted pieces of a decoder, built once per configuration. */
export type Decoder = {
  greedy(params: TransformerParams, sources: number[][], opts: DecodeOptions): Promise<number[][]>;
  /** The best hypothesis under the options' length penalty and reward. */
  beam(params: TransformerParams, source: number[], opts: BeamOptions): Promise<number[]>;
  /**
   * Every hypothesis the search finished (or, if none finished, those alive at the end): the
   * search itself does not depend on α or β, which only rank this pool, so one search serves a
   * whole grid of length rewards.
   */
  beamHypotheses(
    params: TransformerParams,
    source: number[],
    opts: BeamOptions,
  ): Promise<Hypothesis[]>;
  dispose(): void;
};

/** Builds greedy and beam decoders for `cfg`. Sources wider than cfg.maxLen are truncated. */
export function makeDecoder(cfg: TransformerConfig): Decoder {
  const start = jit((p: TransformerParams, src: np.Array, mask: np.Array) =>
    cfg.copy
      ? initCache(p, encode(p, src.ref, mask.ref, cfg, null), mask, cfg, src)
      : initCache(p, encode(p, src, mask.ref, cfg, null), mask, cfg),
  );
  const step = jit(
    (p: TransformerParams, tokens: np.Array, pos: np.Array, cache: DecoderCache): StepOut => {
      const out = decodeStep(p, tokens, pos, cache, cfg);
      return { logProbs: out.logProbs.ref, best: np.argmax(out.logProbs, -1), cache: out.cache };
    },
  );
  const beamStep = jit(
    (
      p: TransformerParams,
      tokens: np.Array,
      pos: np.Array,
      cache: DecoderCache,
      parents: np.Array,
    ) => decodeStep(p, tokens, pos, reorderCache(cache, parents), cfg),
  );
  const width = (n: number) => Math.min(cfg.maxLen, Math.max(8, Math.ceil(n / 16) * 16)); // few shapes → few compiles
  const maxNew = (n: number) => Math.min(n, cfg.maxLen - 1);

  return {
    async greedy(params, sources, opts) {
      const clipped = sources.map((s) => s.slice(0, cfg.maxLen));
      const { ids, mask } = padBatch(
        clipped,
        opts.padId,
        width(Math.max(...clipped.map((s) => s.length))),
      );
      let cache = start(tree.ref(params), ids, mask);
      const B = sources.length;
      const out: number[][] = sources.map(() => []);
      const done = new Array<boolean>(B).fill(false);
      let tokens = new Int32Array(B).fill(opts.bosId);
      try {
        for (let t = 0; t < maxNew(opts.maxNewTokens) && !done.every(Boolean); t++) {
          const r = step(
            tree.ref(params),
            np.array(tokens, { dtype: np.int32 }),
            np.array(t, { dtype: np.int32 }),
            cache,
          );
          cache = r.cache;
          let best: Int32Array;
          if (constrained(opts)) {
            // the constraints need the whole distribution on the host
            r.best.dispose();
            const logp = (await r.logProbs.data()) as Float32Array; // [B, V]
            const V = cfg.vocabSize;
            best = new Int32Array(B);
            for (let b = 0; b < B; b++) {
              const row = logp.subarray(b * V, (b + 1) * V);
              if (!done[b]) applyConstraints(row, out[b], opts);
              best[b] = topIndices(row, 1)[0];
            }
          } else {
            r.logProbs.dispose();
            best = (await r.best.data()) as Int32Array;
          }
          tokens = new Int32Array(best);
          for (let b = 0; b < B; b++) {
            if (done[b]) continue;
            if (best[b] === opts.eosId) done[b] = true;
            else out[b].push(best[b]);
          }
        }
      } finally {
        tree.dispose(cache);
      }
      return out;
    },

    async beam(params, source, opts) {
      const pool = await this.beamHypotheses(params, source, opts);
      return chooseHypothesis(pool, opts.lengthPenalty, opts.lengthReward ?? 0)?.tokens ?? [];
    },
    async beamHypotheses(params, source, opts) {
      const k = opts.beamSize;
      const src = source.slice(0, cfg.maxLen);
      const { ids, mask } = padBatch(
        Array.from({ length: k }, () => src),
        opts.padId,
        width(src.length),
      );
      let cache = start(tree.ref(params), ids, mask);
      type Hyp = Hypothesis;
      let alive: Hyp[] = [{ tokens: [], score: 0 }];
      const finished: Hyp[] = [];
      const limit = maxNew(opts.maxNewTokens);
      let parents = Array.from({ length: k }, (_, i) => i);
      try {
        for (let t = 0; t < limit && alive.length > 0 && finished.length < k; t++) {
          const last = new Int32Array(k).fill(opts.bosId);
          alive.forEach((h, i) => {
            if (h.tokens.length > 0) last[i] = h.tokens[h.tokens.length - 1];
          });
          const r = beamStep(
            tree.ref(params),
            np.array(last, { dtype: np.int32 }),
            np.array(t, { dtype: np.int32 }),
            cache,
            np.array(Int32Array.from(parents), { dtype: np.int32 }),
          );
          cache = r.cache;
          const logp = (await r.logProbs.data()) as Float32Array; // [k, V]
          const V = cfg.vocabSize;
          // candidates: each alive hypothesis extended by each token, best k·2 kept
          const cands: { from: number; token: number; score: number }[] = [];
          alive.forEach((h, i) => {
            const row = logp.subarray(i * V, (i + 1) * V);
            applyConstraints(row, h.tokens, opts);
            for (const token of topIndices(row, 2 * k))
              if (row[token] > Number.NEGATIVE_INFINITY)
                cands.push({ from: i, token, score: h.score + row[token] });
          });
          cands.sort((a, b) => b.score - a.score || a.from - b.from || a.token - b.token);
          const next: Hyp[] = [];
          const nextParents: number[] = [];
          for (const c of cands) {
            if (next.length >= k) break;
            const tokens = [...alive[c.from].tokens];
            if (c.token === opts.eosId) {
              finished.push({ tokens, score: c.score });
              continue;
            }
            tokens.push(c.token);
            next.push({ tokens, score: c.score });
            nextParents.push(c.from);
          }
          alive = next;
          parents = [...nextParents];
          while (parents.length < k) parents.push(0);
        }
      } finally {
        tree.dispose(cache);
      }
      return finished.length > 0 ? finished : alive;
    },

    dispose() {
      start.dispose();
      step.dispose();
      beamStep.dispose();
    },
  };
}

/** Indices of the n largest entries of `row`, largest first (ties: lower index first). */
function topIndices(row: Float32Array, n: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < row.length; i++) {
    if (best.length < n || row[i] > row[best[best.length - 1]]) {
      let j = best.length < n ? best.length : best.length - 1;
      best[j] = i;
      while (j > 0 && row[best[j]] > row[best[j - 1]]) {
        [best[j], best[j - 1]] = [best[j - 1], best[j]];
        j--;
      }
    }
  }
  return best;
}
