/**
 * The encoder-decoder Transformer of Problem 1 (document → summary), read top to bottom:
 *
 *   tokens ──emb_word[tokens] + emb_pos[positions]──▶ emb_ln ──▶ dropout ──▶ N post-LN encoder layers ─▶ memory
 *   summary tokens ──same embeddings + emb_ln──▶ N post-LN decoder layers (causal self-attn,
 *        cross-attn to memory) ──▶ [× d_model^−½ for "t5"] ──▶ lm_head: h · emb_wordᵀ + b ──▶ logits
 *
 * `lm_head.weight` IS `emb_word.weight`: one parameter `embWord` [V, d], used twice (embedding
 * lookup and transposed in the head), so its gradient is the sum of both uses. The head has its
 * own bias. The loss is cross-entropy over the vocabulary with targets −100 ignored.
 *
 * Why the initialization matters: the decoder's last op is a LayerNorm, so each coordinate of
 * h has unit variance and ‖h‖² ≈ d. A logit is h · e_w, so with embedding entries N(0, σ²) its
 * standard deviation is σ·√d: √d under the bug (σ = 1), 1 under the fix (σ = d^−½).
 *
 * Pure: no fs, no console, no clock. Functions borrow `params` and consume their other arrays.
 */
import { type Dense, dense, denseFromDrawn } from "../engine/dense.js";
import { normal, uniform, zeros } from "../engine/init.js";
import { lax, nn, numpy as np, random } from "../engine/jax.js";
import {
  INIT_SCHEMES,
  type InitScheme,
  type InitSchemeRecord,
  initSchemes,
} from "./init-schemes.js";

// ---------------------------------------------------------------- configuration

// Problem 1's init schemes, one record each (a light module: the CLI reads it without the engine).
export {
  INIT_SCHEMES,
  type InitScheme,
  type InitSchemeRecord,
  initSchemes,
} from "./init-schemes.js";

/** Everything that shapes the model. */
export type TransformerConfig = {
  /** Vocabulary size V (rows of the shared embedding / logits per position). */
  vocabSize: number;
  /** Model width d. */
  dModel: number;
  /** Attention heads; must divide dModel. */
  nHeads: number;
  /** Hidden width of the feed-forward block. */
  dFfn: number;
  /** Encoder layers, and as many decoder layers. */
  nLayers: number;
  /** Rows of the position embedding: the longest source or target sequence. */
  maxLen: number;
  /** Dropout probability after embeddings, attention outputs and FFN outputs. */
  pDrop: number;
  /** How the word and position embeddings start (see `embeddingStd`). */
  init: InitScheme;
  /**
   * Pointer-generator copying (See et al., 2017): the output distribution mixes the tied head's
   * softmax with a single-head attention over the source tokens, p = g·p_vocab + (1 − g)·p_copy,
   * the gate g from the decoder state and its source context. Absent: no copying.
   */
  copy?: boolean;
};

/** Standard deviation of the embedding entries under `scheme` (uniform: 0.05/√3). */
export function embeddingStd(scheme: InitScheme, dModel: number): number {
  return INIT_SCHEMES[scheme].embeddingStd(dModel);
}

/** The factor applied to the decoder output before the tied head: d^−½ for "t5", else 1. */
export function outputScale(cfg: Pick<TransformerConfig, "init" | "dModel">): number {
  const s: InitSchemeRecord = INIT_SCHEMES[cfg.init];
  return s.outputScale ? s.outputScale(cfg.dModel) : 1;
}

/**
 * Predicted std of the initial logits: each is h·e_w with h a LayerNorm output (unit variance
 * per coordinate, so ‖h‖² ≈ d) scaled by `scale`, and e_w ~ embStd i.i.d.: embStd·scale·√d.
 */
export function predictedLogitStd(dModel: number, embStd: number, scale = 1): number {
  return embStd * scale * Math.sqrt(dModel);
}

/** Throws a specific error for an impossible configuration. */
export function checkConfig(cfg: TransformerConfig): void {
  const ints: (keyof TransformerConfig)[] = [
    "vocabSize",
    "dModel",
    "nHeads",
    "dFfn",
    "nLayers",
    "maxLen",
  ];
  for (const k of ints) {
    const v = cfg[k] as number;
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`transformer config: ${k} must be a positive integer, got ${v}`);
  }
  if (cfg.dModel % cfg.nHeads !== 0) {
    throw new Error(
      `transformer config: nHeads (${cfg.nHeads}) must divide dModel (${cfg.dModel})`,
    );
  }
  if (!(cfg.pDrop >= 0 && cfg.pDrop < 1))
    throw new Error(`transformer config: pDrop must be in [0, 1), got ${cfg.pDrop}`);
  if (!initSchemes.includes(cfg.init))
    throw new Error(`transformer config: unknown init scheme "${cfg.init}"`);
}

// ---------------------------------------------------------------- parameters

/** LayerNorm gain and bias, each [d]. */
export type LayerNormParams = { g: np.Array; b: np.Array };
/** Self-attention with fused projections: qkv [3d, d], out [d, d]. */
export type SelfAttention = { qkv: Dense; out: Dense };
/** Cross-attention: queries from the decoder [d, d], keys/values from the memory [2d, d]. */
export type CrossAttention = { q: Dense; kv: Dense; out: Dense };
export type Ffn = { fc1: Dense; fc2: Dense }; // [dFfn, d], [d, dFfn]
export type EncoderLayer = {
  self: SelfAttention;
  ln1: LayerNormParams;
  ffn: Ffn;
  ln2: LayerNormParams;
};
export type DecoderLayer = {
  self: SelfAttention;
  ln1: LayerNormParams;
  cross: CrossAttention;
  ln2: LayerNormParams;
  ffn: Ffn;
  ln3: LayerNormParams;
};
export type TransformerParams = {
  /** emb_word.weight = lm_head.weight (tied): [V, d]. */
  embWord: np.Array;
  /** emb_pos.weight: [maxLen, d]. */
  embPos: np.Array;
  /** emb_ln, shared by encoder and decoder inputs. */
  embLn: LayerNormParams;
  encoder: EncoderLayer[];
  decoder: DecoderLayer[];
  /** lm_head.bias: [V]. */
  headBias: np.Array;
  /** Copying (cfg.copy): pointer query [d, d] and key [d, d] projections, gate [1, 2d]. */
  pointer?: PointerParams;
};

/** The pointer-generator's parameters: a single attention head over the memory and the gate. */
export type PointerParams = { q: Dense; k: Dense; gate: Dense };

/** A key source that splits one key as often as needed. Consumes the key it is given. */
export class KeyStream {
  #key: np.Array;
  constructor(key: np.Array) {
    this.#key = key;
  }
  next(): np.Array {
    const [a, b] = np.unstack(random.split(this.#key, 2));
    this.#key = a;
    return b;
  }
  dispose(): void {
    this.#key.dispose();
  }
}

/** PyTorch's nn.Linear default for weights, U(±1/√fanIn); zero bias. */
function initLinear(keys: KeyStream, fanIn: number, fanOut: number): Dense {
  const limit = 1 / Math.sqrt(fanIn);
  return denseFromDrawn(uniform(keys.next(), [fanIn, fanOut], -limit, limit));
}

function initLayerNorm(d: number): LayerNormParams {
  return { g: np.ones([d], { dtype: np.float32 }), b: zeros([d]) };
}

/** An embedding table under `scheme`. Consumes `key`. */
function initEmbedding(
  key: np.Array,
  shape: number[],
  scheme: InitScheme,
  dModel: number,
): np.Array {
  const s: InitSchemeRecord = INIT_SCHEMES[scheme];
  if (s.uniformHalfWidth !== undefined)
    return uniform(key, shape, -s.uniformHalfWidth, s.uniformHalfWidth);
  return normal(key, shape, s.embeddingStd(dModel));
}

/** Fresh parameters. Consumes `key`. */
export function init(key: np.Array, cfg: TransformerConfig): TransformerParams {
  checkConfig(cfg);
  const { vocabSize: V, dModel: d, dFfn: f } = cfg;
  const keys = new KeyStream(key);
  const ffn = (): Ffn => ({ fc1: initLinear(keys, d, f), fc2: initLinear(keys, f, d) });
  const selfAttn = (): SelfAttention => ({
    qkv: initLinear(keys, d, 3 * d),
    out: initLinear(keys, d, d),
  });
  const embWord = initEmbedding(keys.next(), [V, d], cfg.init, d); // line 9
  const embPos = initEmbedding(keys.next(), [cfg.maxLen, d], cfg.init, d); // line 10
  const encoder: EncoderLayer[] = [];
  for (let i = 0; i < cfg.nLayers; i++) {
    encoder.push({ self: selfAttn(), ln1: initLayerNorm(d), ffn: ffn(), ln2: initLayerNorm(d) });
  }
  const decoder: DecoderLayer[] = [];
  for (let i = 0; i < cfg.nLayers; i++) {
    decoder.push({
      self: selfAttn(),
      ln1: initLayerNorm(d),
      cross: {
        q: initLinear(keys, d, d),
        kv: initLinear(keys, d, 2 * d),
        out: initLinear(keys, d, d),
      },
      ln2: initLayerNorm(d),
      ffn: ffn(),
      ln3: initLayerNorm(d),
    });
  }
  // drawn last, so a model with copying has the same other parameters as one without
  const pointer = cfg.copy
    ? { q: initLinear(keys, d, d), k: initLinear(keys, d, d), gate: initLinear(keys, 2 * d, 1) }
    : undefined;
  keys.dispose();
  const params: TransformerParams = {
    embWord,
    embPos,
    embLn: initLayerNorm(d),
    encoder,
    decoder,
    headBias: zeros([V]),
  };
  if (pointer) params.pointer = pointer;
  return params;
}

/**
 * Redraws both embeddings (lines 9 and 10) from N(0, std²): a proposed initialisation in place
 * of the scheme's. Consumes the two keys; replaces params.embWord and params.embPos.
 */
export function redrawEmbeddings(
  params: TransformerParams,
  kWord: np.Array,
  kPos: np.Array,
  std: number,
): void {
  const [word, pos] = [params.embWord.shape, params.embPos.shape];
  params.embWord.dispose();
  params.embPos.dispose();
  params.embWord = normal(kWord, word, std);
  params.embPos = normal(kPos, pos, std);
}

/** Number of scalar parameters (the tied matrix counted once). */
export function paramCount(cfg: TransformerConfig): number {
  const { vocabSize: V, dModel: d, dFfn: f, nLayers: n } = cfg;
  const lin = (i: number, o: number) => (i + 1) * o;
  const ln = 2 * d;
  const self = lin(d, 3 * d) + lin(d, d);
  const ffn = lin(d, f) + lin(f, d);
  const enc = self + ffn + 2 * ln;
  const dec = self + lin(d, d) + lin(d, 2 * d) + lin(d, d) + ffn + 3 * ln;
  const pointer = cfg.copy ? 2 * lin(d, d) + lin(2 * d, 1) : 0;
  return V * d + cfg.maxLen * d + ln + n * (enc + dec) + V + pointer;
}

// ---------------------------------------------------------------- building blocks

/** LayerNorm over the last axis, eps 1e-5 (PyTorch's default). Borrows p; consumes x. */
export function layerNorm(p: LayerNormParams, x: np.Array): np.Array {
  const mean = x.ref.mean(-1, { keepdims: true });
  const centered = x.sub(mean);
  const variance = np.square(centered.ref).mean(-1, { keepdims: true });
  return centered
    .div(np.sqrt(variance.add(1e-5)))
    .mul(p.g.ref)
    .add(p.b.ref);
}

/** Inverted dropout: keep with prob 1−p and scale by 1/(1−p); identity when `keys` is null. */
export function dropout(x: np.Array, p: number, keys: KeyStream | null): np.Array {
  if (keys === null || p === 0) return x;
  const keep = random.bernoulli(keys.next(), 1 - p, x.shape);
  return np.where(keep, x.mul(1 / (1 - p)), 0);
}

/** [B, T, d] → [B, h, T, d/h]. Consumes x. */
function splitHeads(x: np.Array, nHeads: number): np.Array {
  const [B, T, d] = x.shape;
  return x.reshape([B, T, nHeads, d / nHeads]).transpose([0, 2, 1, 3]);
}

/** [B, h, T, d/h] → [B, T, d]. Consumes x. */
function mergeHeads(x: np.Array): np.Array {
  const [B, h, T, dh] = x.shape;
  return x.transpose([0, 2, 1, 3]).reshape([B, T, h * dh]);
}

/**
 * Scaled dot-product attention, by hand: softmax(q kᵀ/√dh + bias) v.
 * q [B, h, T, dh], k and v [B, h, S, dh], bias broadcastable to [B, h, T, S] (0 or −1e9).
 * Consumes q, k, v, bias.
 */
export function attention(q: np.Array, k: np.Array, v: np.Array, bias: np.Array): np.Array {
  const dh = q.shape[3];
  const scores = np.matmul(q, k.transpose([0, 1, 3, 2])).mul(1 / Math.sqrt(dh)); // [B, h, T, S]
  const weights = nn.softmax(scores.add(bias), -1); // [B, h, T, S]
  return np.matmul(weights, v); // [B, h, T, dh]
}

/** Additive key mask from a 0/1 float mask [B, S]: 0 where real, −1e9 where padding → [B, 1, 1, S]. */
export function paddingBias(mask: np.Array): np.Array {
  const [B, S] = mask.shape;
  return mask.sub(1).mul(1e9).reshape([B, 1, 1, S]);
}

/** Additive causal mask [1, 1, T, T]: position t sees positions ≤ t only. */
export function causalBias(T: number): np.Array {
  return np.tri(T, T, 0, { dtype: np.float32 }).sub(1).mul(1e9).reshape([1, 1, T, T]);
}

/** Multi-head self-attention: [B, T, d] → [B, T, d]. Borrows p; consumes x and bias. */
function selfAttention(p: SelfAttention, x: np.Array, bias: np.Array, nHeads: number): np.Array {
  const [q, k, v] = np.split(dense(p.qkv, x), 3, -1); // 3 × [B, T, d]
  const o = attention(splitHeads(q, nHeads), splitHeads(k, nHeads), splitHeads(v, nHeads), bias);
  return dense(p.out, mergeHeads(o));
}

/** Multi-head cross-attention: x [B, T, d] attends to memory [B, S, d]. Borrows p; consumes all. */
function crossAttention(
  p: CrossAttention,
  x: np.Array,
  memory: np.Array,
  bias: np.Array,
  nHeads: number,
): np.Array {
  const q = splitHeads(dense(p.q, x), nHeads); // [B, h, T, dh]
  const [k, v] = np.split(dense(p.kv, memory), 2, -1); // 2 × [B, S, d]
  const o = attention(q, splitHeads(k, nHeads), splitHeads(v, nHeads), bias);
  return dense(p.out, mergeHeads(o));
}

/** Position-wise feed-forward: relu(x W1 + b1) W2 + b2. Borrows p; consumes x. */
function feedForward(p: Ffn, x: np.Array): np.Array {
  return dense(p.fc2, nn.relu(dense(p.fc1, x)));
}

// ---------------------------------------------------------------- embeddings, encoder, decoder

/**
 * emb_ln(emb_word[tokens] + emb_pos[positions]), then dropout: [B, T] int32 → [B, T, d].
 * `positions` (int32 [T]) defaults to 0..T−1 (the cached decoder passes its own).
 * Lookups and the LayerNorm work on the flattened [B·T, d] rows: jax-js jits the scatter-add
 * that is `take`'s gradient only when its cotangent comes straight from an elementwise op.
 * Borrows params; consumes tokens and positions.
 */
export function embed(
  params: TransformerParams,
  tokens: np.Array,
  cfg: TransformerConfig,
  keys: KeyStream | null,
  positions: np.Array | null = null,
): np.Array {
  const [B, T] = tokens.shape;
  const pos = positions ?? np.arange(T).astype(np.int32); // [T]
  const flatPos = np.tile(pos, B); // [B·T]: 0..T−1 for each row
  const words = np.take(params.embWord.ref, tokens.reshape([B * T]), 0); // [B·T, d]
  const x = layerNorm(params.embLn, words.add(np.take(params.embPos.ref, flatPos, 0))); // [B·T, d]
  return dropout(x.reshape([B, T, cfg.dModel]), cfg.pDrop, keys);
}

/** Encoder: src [B, S] int32, srcMask [B, S] (1 real, 0 pad) → memory [B, S, d]. Borrows params; consumes src, srcMask. */
export function encode(
  params: TransformerParams,
  src: np.Array,
  srcMask: np.Array,
  cfg: TransformerConfig,
  keys: KeyStream | null,
): np.Array {
  const bias = paddingBias(srcMask); // [B, 1, 1, S]
  let x = embed(params, src, cfg, keys); // [B, S, d]
  for (const layer of params.encoder) {
    const a = dropout(selfAttention(layer.self, x.ref, bias.ref, cfg.nHeads), cfg.pDrop, keys);
    x = layerNorm(layer.ln1, x.add(a)); // post-LN
    const f = dropout(feedForward(layer.ffn, x.ref), cfg.pDrop, keys);
    x = layerNorm(layer.ln2, x.add(f));
  }
  bias.dispose();
  return x;
}

/**
 * Decoder: tgtIn [B, T] int32 with causal self-attention and cross-attention to memory [B, S, d]
 * → hidden [B, T, d] (before the head). Borrows params; consumes tgtIn, memory, srcMask.
 */
export function decode(
  params: TransformerParams,
  tgtIn: np.Array,
  memory: np.Array,
  srcMask: np.Array,
  cfg: TransformerConfig,
  keys: KeyStream | null,
): np.Array {
  const T = tgtIn.shape[1];
  const crossBias = paddingBias(srcMask); // [B, 1, 1, S]
  const selfBias = causalBias(T); // [1, 1, T, T]
  let x = embed(params, tgtIn, cfg, keys); // [B, T, d]
  for (const layer of params.decoder) {
    const a = dropout(selfAttention(layer.self, x.ref, selfBias.ref, cfg.nHeads), cfg.pDrop, keys);
    x = layerNorm(layer.ln1, x.add(a));
    const c = dropout(
      crossAttention(layer.cross, x.ref, memory.ref, crossBias.ref, cfg.nHeads),
      cfg.pDrop,
      keys,
    );
    x = layerNorm(layer.ln2, x.add(c));
    const f = dropout(feedForward(layer.ffn, x.ref), cfg.pDrop, keys);
    x = layerNorm(layer.ln3, x.add(f));
  }
  memory.dispose();
  crossBias.dispose();
  selfBias.dispose();
  return x;
}

/** lm_head with the tied weight: (h · scale) embWordᵀ + b: [..., d] → [..., V]. Borrows params; consumes h. */
export function lmHead(params: TransformerParams, h: np.Array, cfg: TransformerConfig): np.Array {
  const scale = outputScale(cfg);
  const hs = scale === 1 ? h : h.mul(scale);
  return np.matmul(hs, params.embWord.ref.transpose()).add(params.headBias.ref);
}

/** A padded batch: sources and teacher-forced targets. */
export type Seq2SeqBatch = {
  /** [B, S] int32 source token ids (padding = the tokenizer's pad id). */
  src: np.Array;
  /** [B, S] float32: 1 for real source tokens, 0 for padding. */
  srcMask: np.Array;
  /** [B, T] int32 decoder inputs: BOS, y1, …, y_{n−1}, padding. */
  tgtIn: np.Array;
  /** [B, T] int32 targets: y1, …, y_n, EOS, then −100 (ignored). */
  tgtOut: np.Array;
};

/** Full forward pass: logits [B, T, V]. Borrows params; consumes src, srcMask, tgtIn. */
export function forward(
  params: TransformerParams,
  src: np.Array,
  srcMask: np.Array,
  tgtIn: np.Array,
  cfg: TransformerConfig,
  keys: KeyStream | null = null,
): np.Array {
  const memory = encode(params, src, srcMask.ref, cfg, keys);
  const h = decode(params, tgtIn, memory, srcMask, cfg, keys);
  return lmHead(params, h, cfg);
}

/**
 * The pointer-generator's copy attention and gate: one head over the memory, scaled dot
 * products with source padding masked, a [B, T, S]; context c = a·memory; g = σ(w·[h; c] + b)
 * [B, T, 1], the probability of generating from the vocabulary rather than copying.
 * Borrows params; consumes h, memory, srcMask.
 */
export function pointerAttention(
  params: TransformerParams,
  h: np.Array,
  memory: np.Array,
  srcMask: np.Array,
): { attn: np.Array; gate: np.Array } {
  const ptr = params.pointer;
  if (!ptr) throw new Error("pointerAttention: the model has no copy parameters (cfg.copy)");
  const [B, S] = srcMask.shape;
  const d = h.shape[h.ndim - 1];
  const q = dense(ptr.q, h.ref); // [B, T, d]
  const k = dense(ptr.k, memory.ref); // [B, S, d]
  const scores = np.matmul(q, k.transpose([0, 2, 1])).mul(1 / Math.sqrt(d)); // [B, T, S]
  const attn = nn.softmax(scores.add(srcMask.sub(1).mul(1e9).reshape([B, 1, S])), -1);
  const context = np.matmul(attn.ref, memory); // [B, T, d]
  const gate = nn.sigmoid(dense(ptr.gate, np.concatenate([h, context], -1))); // [B, T, 1]
  return { attn, gate };
}

/**
 * −log p(target) under the pointer-generator: p = g·softmax(logits)[y] + (1 − g)·Σ_s a_s·[src_s = y]
 * (the copy mass needs no [.., V] scatter: it compares source ids with the target). With label
 * smoothing ε the generator's logits also pay ε·(lse − mean z), as without copying.
 * logits [B, T, V], attn [B, T, S], gate [B, T, 1], src [B, S] int32, targets [B, T]. Consumes all.
 */
function copyPositionNll(
  logits: np.Array,
  attn: np.Array,
  gate: np.Array,
  src: np.Array,
  targets: np.Array,
  smoothing: number,
): { nll: np.Array; weight: np.Array } {
  const [B, T, V] = logits.shape;
  const S = src.shape[1];
  const rowMax = lax.stopGradient(logits.ref.max(-1, { keepdims: true })); // [B, T, 1]
  const shifted = logits.sub(rowMax); // [B, T, V]
  const lse = np.log(np.exp(shifted.ref).sum(-1)); // [B, T]
  const valid = targets.ref.notEqual(IGNORE_INDEX); // [B, T]
  const safe = np.where(valid.ref, targets, 0); // [B, T]
  const isTarget = np.arange(V).equal(np.expandDims(safe.ref, -1)); // [B, T, V]
  const target = np.where(isTarget, shifted.ref, 0).sum(-1); // [B, T]
  const pVocab = np.exp(target.sub(lse.ref)); // [B, T]
  const fromSource = src.reshape([B, 1, S]).equal(np.expandDims(safe, -1)); // [B, T, S]
  const pCopy = np.where(fromSource, attn, 0).sum(-1); // [B, T]
  const g = gate.reshape([B, T]);
  const p = g.ref.mul(pVocab).add(g.mul(-1).add(1).mul(pCopy)); // [B, T]
  let nll = np.log(np.maximum(p, 1e-30)).mul(-1);
  if (smoothing > 0) nll = nll.mul(1 - smoothing).add(lse.sub(shifted.mean(-1)).mul(smoothing));
  else {
    lse.dispose();
    shifted.dispose();
  }
  return { nll, weight: valid.astype(np.float32) };
}

/**
 * Per-position −log p(target) of a batch and its weights, with copying when cfg.copy.
 * Borrows params; consumes the batch and key.
 */
function batchNll(
  params: TransformerParams,
  batch: Seq2SeqBatch,
  cfg: TransformerConfig,
  keys: KeyStream | null,
  smoothing: number,
): { nll: np.Array; weight: np.Array } {
  if (!cfg.copy) {
    const logits = forward(params, batch.src, batch.srcMask, batch.tgtIn, cfg, keys);
    return positionNll(logits, batch.tgtOut, smoothing);
  }
  const memory = encode(params, batch.src.ref, batch.srcMask.ref, cfg, keys);
  const h = decode(params, batch.tgtIn, memory.ref, batch.srcMask.ref, cfg, keys); // [B, T, d]
  const { attn, gate } = pointerAttention(params, h.ref, memory, batch.srcMask);
  const logits = lmHead(params, h, cfg);
  return copyPositionNll(logits, attn, gate, batch.src, batch.tgtOut, smoothing);
}

/** The value used for targets that carry no loss (PyTorch's `ignore_index`). */
export const IGNORE_INDEX = -100;

/**
 * Cross-entropy of every position: logits [B, T, V], targets [B, T] int32 → −log p(target)
 * [B, T] and its weight [B, T] (1 where the target ≠ −100, else 0). Each position costs
 * log Σ_v exp(logit_v) − logit_target. The target logit is picked where the vocabulary index
 * equals the target: `nn.oneHot` would gather rows of a V×V identity, which a jitted step keeps
 * alive for every shape it compiles. Both terms are taken relative to the row's maximum, which
 * cancels, so the loss rounds exactly as the log-softmax form did.
 *
 * With label smoothing ε > 0 the target distribution is (1 − ε)·onehot + ε/V (PyTorch's
 * `label_smoothing`), so a position costs (1 − ε)·(lse − z_target) + ε·(lse − mean_v z_v).
 * Consumes both.
 */
function positionNll(
  logits: np.Array,
  targets: np.Array,
  smoothing = 0,
): { nll: np.Array; weight: np.Array } {
  const V = logits.shape[logits.ndim - 1];
  // a constant for the gradient: the maximum cancels, so only the stability shift needs it
  const rowMax = lax.stopGradient(logits.ref.max(-1, { keepdims: true })); // [B, T, 1]
  const shifted = logits.sub(rowMax); // [B, T, V]
  const shiftedLogSumExp = np.log(np.exp(shifted.ref).sum(-1)); // [B, T]
  const valid = targets.ref.notEqual(IGNORE_INDEX); // [B, T]
  const safe = np.where(valid.ref, targets, 0);
  const isTarget = np.arange(V).equal(np.expandDims(safe, -1)); // [B, T, V]
  if (smoothing === 0) {
    const shiftedTarget = np.where(isTarget, shifted, 0).sum(-1); // [B, T]
    const nll = shiftedLogSumExp.sub(shiftedTarget); // [B, T] −log p(target)
    return { nll, weight: valid.astype(np.float32) };
  }
  const shiftedTarget = np.where(isTarget, shifted.ref, 0).sum(-1); // [B, T]
  const shiftedMean = shifted.mean(-1); // [B, T]
  const nll = shiftedLogSumExp.ref.sub(shiftedTarget).mul(1 - smoothing); // (1 − ε)·(−log p(target))
  const uniform = shiftedLogSumExp.sub(shiftedMean).mul(smoothing); // ε·mean_v(−log p_v)
  return { nll: nll.add(uniform), weight: valid.astype(np.float32) };
}

/**
 * Mean cross-entropy over targets ≠ −100 (label-smoothed by `smoothing`, default none):
 * logits [B, T, V], targets [B, T] int32 → scalar, and the number of counted targets. Consumes both.
 */
export function crossEntropy(
  logits: np.Array,
  targets: np.Array,
  smoothing = 0,
): { loss: np.Array; count: np.Array } {
  const { nll, weight: w } = positionNll(logits, targets, smoothing);
  const count = w.ref.sum();
  const loss = nll.mul(w).sum().div(np.maximum(count.ref, 1));
  return { loss, count };
}

/**
 * Mean token loss on a batch and the number of counted target tokens (dropout on when `key` is
 * given; label smoothing `smoothing`). Borrows params; consumes the batch and key.
 */
export function tokenLoss(
  params: TransformerParams,
  batch: Seq2SeqBatch,
  cfg: TransformerConfig,
  key: np.Array | null = null,
  smoothing = 0,
): { loss: np.Array; count: np.Array } {
  const keys = key === null ? null : new KeyStream(key);
  if (cfg.copy) {
    const { nll, weight: w } = batchNll(params, batch, cfg, keys, smoothing);
    keys?.dispose();
    const count = w.ref.sum();
    return { loss: nll.mul(w).sum().div(np.maximum(count.ref, 1)), count };
  }
  const logits = forward(params, batch.src, batch.srcMask, batch.tgtIn, cfg, keys);
  keys?.dispose();
  return crossEntropy(logits, batch.tgtOut, smoothing);
}

/**
 * Summed token loss and counted targets of each example (no dropout): [B] and [B]. Borrows
 * params; consumes the batch.
 */
export function exampleLosses(
  params: TransformerParams,
  batch: Seq2SeqBatch,
  cfg: TransformerConfig,
): { sum: np.Array; count: np.Array } {
  if (cfg.copy) {
    const { nll, weight } = batchNll(params, batch, cfg, null, 0);
    return { sum: nll.mul(weight.ref).sum(-1), count: weight.sum(-1) };
  }
  const logits = forward(params, batch.src, batch.srcMask, batch.tgtIn, cfg, null);
  const { nll, weight } = positionNll(logits, batch.tgtOut);
  return { sum: nll.mul(weight.ref).sum(-1), count: weight.sum(-1) };
}

/** Training loss on a batch (dropout on when `key` is given; label smoothing `smoothing`). Borrows params; consumes the batch and key. */
export function loss(
  params: TransformerParams,
  batch: Seq2SeqBatch,
  cfg: TransformerConfig,
  key: np.Array | null = null,
  smoothing = 0,
): np.Array {
  const { loss: l, count } = tokenLoss(params, batch, cfg, key, smoothing);
  count.dispose();
  return l;
}

// ---------------------------------------------------------------- incremental decoding (key/value cache)

/**
 * Per decoder layer: self-attention keys/values for every position so far, stored in fixed-size
 * buffers [B, h, maxLen, dh] (so one jitted step serves every position), and the cross-attention
 * keys/values of the memory [B, h, S, dh], computed once.
 */
export type DecoderCache = {
  selfK: np.Array[];
  selfV: np.Array[];
  crossK: np.Array[];
  crossV: np.Array[];
  /** [B, 1, 1, S] additive source padding bias. */
  crossBias: np.Array;
  /** Copying (cfg.copy): the memory [B, S, d], source mask [B, S] and source ids [B, S]. */
  copy?: { memory: np.Array; srcMask: np.Array; src: np.Array };
};

/**
 * Cross-attention keys/values of the memory and empty self-attention buffers (and, with copying,
 * what the pointer needs: pass the source ids). Borrows params; consumes memory, srcMask, src.
 */
export function initCache(
  params: TransformerParams,
  memory: np.Array,
  srcMask: np.Array,
  cfg: TransformerConfig,
  src: np.Array | null = null,
): DecoderCache {
  const B = memory.shape[0];
  const dh = cfg.dModel / cfg.nHeads;
  const cache: DecoderCache = {
    selfK: [],
    selfV: [],
    crossK: [],
    crossV: [],
    crossBias: paddingBias(cfg.copy ? srcMask.ref : srcMask),
  };
  if (cfg.copy) {
    if (!src) throw new Error("initCache: a model with copying needs the source ids");
    cache.copy = { memory: memory.ref, srcMask, src };
  } else src?.dispose();
  for (const layer of params.decoder) {
    const [k, v] = np.split(dense(layer.cross.kv, memory.ref), 2, -1); // [B, S, d] each
    cache.crossK.push(splitHeads(k, cfg.nHeads));
    cache.crossV.push(splitHeads(v, cfg.nHeads));
    cache.selfK.push(np.zeros([B, cfg.nHeads, cfg.maxLen, dh], { dtype: np.float32 }));
    cache.selfV.push(np.zeros([B, cfg.nHeads, cfg.maxLen, dh], { dtype: np.float32 }));
  }
  memory.dispose();
  return cache;
}

/**
 * One decoder step at position `pos` for tokens [B] int32: writes this position's keys/values
 * into the cache and returns log-probabilities [B, V] and the new cache. Positions beyond `pos`
 * are masked, so the result equals the full causal decoder's output at `pos`.
 * Borrows params; consumes tokens, pos (int32 scalar) and cache.
 */
export function decodeStep(
  params: TransformerParams,
  tokens: np.Array,
  pos: np.Array,
  cache: DecoderCache,
  cfg: TransformerConfig,
): { logProbs: np.Array; cache: DecoderCache } {
  const B = tokens.shape[0];
  const L = cfg.maxLen;
  const at = nn.oneHot(pos.ref.reshape([1]), L); // [1, L] one-hot of the position
  const seen = np.arange(L).lessEqual(pos.ref).astype(np.float32); // [L]: 1 for positions ≤ pos
  const bias = seen.sub(1).mul(1e9).reshape([1, 1, 1, L]);
  const write = at.reshape([1, 1, L, 1]); // where this step's k/v go
  let x = embed(params, tokens.reshape([B, 1]), cfg, null, pos.reshape([1])); // [B, 1, d]
  const next: DecoderCache = {
    selfK: [],
    selfV: [],
    crossK: cache.crossK,
    crossV: cache.crossV,
    crossBias: cache.crossBias,
  };
  if (cache.copy) next.copy = cache.copy;
  params.decoder.forEach((layer, i) => {
    const [q, k, v] = np.split(dense(layer.self.qkv, x.ref), 3, -1); // [B, 1, d] each
    const keep = write.ref.mul(-1).add(1);
    const K = cache.selfK[i].mul(keep.ref).add(splitHeads(k, cfg.nHeads).mul(write.ref)); // [B, h, L, dh]
    const V = cache.selfV[i].mul(keep).add(splitHeads(v, cfg.nHeads).mul(write.ref));
    next.selfK.push(K.ref);
    next.selfV.push(V.ref);
    const a = dense(
      layer.self.out,
      mergeHeads(attention(splitHeads(q, cfg.nHeads), K, V, bias.ref)),
    );
    x = layerNorm(layer.ln1, x.add(a));
    const cq = splitHeads(dense(layer.cross.q, x.ref), cfg.nHeads);
    const c = attention(cq, cache.crossK[i].ref, cache.crossV[i].ref, cache.crossBias.ref);
    x = layerNorm(layer.ln2, x.add(dense(layer.cross.out, mergeHeads(c))));
    x = layerNorm(layer.ln3, x.add(feedForward(layer.ffn, x.ref)));
  });
  bias.dispose();
  write.dispose();
  if (cfg.copy && cache.copy) {
    // p = g·softmax(logits) + (1 − g)·(copy attention scattered onto the source tokens' ids)
    const c = cache.copy;
    const { attn, gate } = pointerAttention(params, x.ref, c.memory.ref, c.srcMask.ref); // [B, 1, S], [B, 1, 1]
    const V = cfg.vocabSize;
    const onSource = np.arange(V).equal(np.expandDims(c.src.ref, -1)).astype(np.float32); // [B, S, V]
    const pCopy = np.matmul(attn, onSource).reshape([B, V]);
    const pVocab = nn.softmax(lmHead(params, x.reshape([B, cfg.dModel]), cfg), -1); // [B, V]
    const g = gate.reshape([B, 1]);
    const p = g.ref.mul(pVocab).add(g.mul(-1).add(1).mul(pCopy));
    return { logProbs: np.log(np.maximum(p, 1e-30)), cache: next };
  }
  const logits = lmHead(params, x.reshape([B, cfg.dModel]), cfg); // [B, V]
  return { logProbs: nn.logSoftmax(logits, -1), cache: next };
}

/** Reorders a cache along the batch axis (beam search keeps the parents' histories). Consumes cache and parents. */
export function reorderCache(cache: DecoderCache, parents: np.Array): DecoderCache {
  const pick = (a: np.Array) => np.take(a, parents.ref, 0);
  const out: DecoderCache = {
    selfK: cache.selfK.map(pick),
    selfV: cache.selfV.map(pick),
    crossK: cache.crossK.map(pick),
    crossV: cache.crossV.map(pick),
    crossBias: pick(cache.crossBias),
  };
  if (cache.copy)
    out.copy = {
      memory: pick(cache.copy.memory),
      srcMask: pick(cache.copy.srcMask),
      src: pick(cache.copy.src),
    };
  parents.dispose();
  return out;
}
