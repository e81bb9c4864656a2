/**
 * Decoding a trained summarizer: greedy and beam search over the key/value-cached decoder.
 * Each decoder step is one jitted call with fixed shapes (the cache has maxLen slots), so a
 * sequence of any length reuses one compiled step.
 */
import type { WordPieces } from "../../data/tokenizer.js";
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
  /** How the tokens spell words (the tokenizer's `wordPieces`): needed by the word constraints. */
  words?: WordPieces;
  /** No word right after itself ("line line"), however the tokens split either. */
  noImmediateWordRepeat?: boolean;
  /** No n-gram of this many words twice, however the tokens split them (0 or absent: none). */
  noRepeatWordNgram?: number;
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

/** The words `tokens` spell, the last one the word in progress (none for no tokens). */
export function spelledWords(tokens: readonly number[], words: WordPieces): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (out.length === 0 || words.startsWord[t]) out.push(words.text[t]);
    else out[out.length - 1] += words.text[t];
  }
  return out;
}

type WordRules = Pick<DecodeOptions, "noImmediateWordRepeat" | "noRepeatWordNgram">;

/**
 * Words that may not come next after the complete words `done`: the last of them (no word
 * right after itself), and every word that followed an earlier occurrence of their last n − 1
 * (fairseq's no_repeat_ngram_size over words).
 */
function bannedWords(done: readonly string[], o: WordRules): Set<string> {
  const banned = new Set<string>();
  if (o.noImmediateWordRepeat && done.length > 0) banned.add(done[done.length - 1]);
  const n = o.noRepeatWordNgram ?? 0;
  const k = n - 1;
  if (n > 0 && done.length >= k) {
    const end = done.length - k;
    for (let i = 0; i + k < done.length; i++) {
      let same = true;
      for (let j = 0; j < k && same; j++) same = done[i + j] === done[end + j];
      if (same) banned.add(done[i + k]);
    }
  }
  return banned;
}

/** Token ids by the text they add, separately for tokens that start a word and that continue one. */
type WordIndex = { start: Map<string, number[]>; cont: Map<string, number[]> };
const wordIndexes = new WeakMap<WordPieces, WordIndex>();
function wordIndex(words: WordPieces): WordIndex {
  let index = wordIndexes.get(words);
  if (!index) {
    index = { start: new Map(), cont: new Map() };
    words.text.forEach((text, id) => {
      if (text === "") return;
      const m = words.startsWord[id] ? index!.start : index!.cont;
      m.set(text, [...(m.get(text) ?? []), id]);
    });
    wordIndexes.set(words, index);
  }
  return index;
}

/**
 * Tokens that would make a banned word if generated next, however the tokens split it: one
 * that continues the word in progress is banned when the word it makes is banned after the
 * complete words; one that starts a word, when its word is banned after them and the word it
 * completes. A word is judged as it stands, so a banned word is also unreachable as the
 * prefix of a longer one by way of that exact spelling ("line" + "s" after "line").
 */
export function repeatedWordTokens(
  tokens: readonly number[],
  words: WordPieces,
  o: WordRules,
): Set<number> {
  const out = new Set<number>();
  if (tokens.length === 0) return out;
  const spelled = spelledWords(tokens, words);
  const current = spelled[spelled.length - 1];
  const index = wordIndex(words);
  for (const w of bannedWords(spelled.slice(0, -1), o))
    if (w.length > current.length && w.startsWith(current))
      for (const id of index.cont.get(w.slice(current.length)) ?? []) out.add(id);
  for (const w of bannedWords(spelled, o)) for (const id of index.start.get(w) ?? []) out.add(id);
  return out;
}

const wordConstrained = (o: DecodeOptions) =>
  o.noImmediateWordRepeat === true || (o.noRepeatWordNgram ?? 0) > 0;

/** Sets the log-probabilities of the tokens a hypothesis may not take next to −∞ (in place). */
function applyConstraints(row: Float32Array, tokens: readonly number[], o: DecodeOptions): void {
  if (tokens.length < (o.minNewTokens ?? 0)) row[o.eosId] = Number.NEGATIVE_INFINITY;
  if (o.noRepeatNgram)
    for (const t of repeatedNgramTokens(tokens, o.noRepeatNgram)) row[t] = Number.NEGATIVE_INFINITY;
  if (wordConstrained(o)) {
    if (!o.words) throw new Error("word constraints need the tokenizer's word pieces (`words`)");
    for (const t of repeatedWordTokens(tokens, o.words, o)) row[t] = Number.NEGATIVE_INFINITY;
  }
}

const constrained = (o: DecodeOptions) =>
  (o.noRepeatNgram ?? 0) > 0 || (o.minNewTokens ?? 0) > 0 || wordConstrained(o);

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
