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
};

export type BeamOptions = DecodeOptions & {
  beamSize: number;
  /** Hypotheses are ranked by Σ log p / length^alpha (0 = raw sum). */
  lengthPenalty: number;
};

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
  beam(params: TransformerParams, source: number[], opts: BeamOptions): Promise<number[]>;
  dispose(): void;
};

/** Builds greedy and beam decoders for `cfg`. Sources wider than cfg.maxLen are truncated. */
export function makeDecoder(cfg: TransformerConfig): Decoder {
  const start = jit((p: TransformerParams, src: np.Array, mask: np.Array) =>
    initCache(p, encode(p, src, mask.ref, cfg, null), mask, cfg),
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
          r.logProbs.dispose();
          const best = (await r.best.data()) as Int32Array;
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
      const k = opts.beamSize;
      const src = source.slice(0, cfg.maxLen);
      const { ids, mask } = padBatch(
        Array.from({ length: k }, () => src),
        opts.padId,
        width(src.length),
      );
      let cache = start(tree.ref(params), ids, mask);
      type Hyp = { tokens: number[]; score: number };
      let alive: Hyp[] = [{ tokens: [], score: 0 }];
      const finished: Hyp[] = [];
      const rank = (h: Hyp) => h.score / Math.max(1, h.tokens.length + 1) ** opts.lengthPenalty;
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
            for (const token of topIndices(row, 2 * k))
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
      const pool = finished.length > 0 ? finished : alive;
      pool.sort((a, b) => rank(b) - rank(a));
      return pool[0]?.tokens ?? [];
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
