/**
 * The summarization tokenizer: a byte-fallback BPE over Metaspace pre-tokens (SentencePiece
 * style), trained with Hugging Face `tokenizers` and saved as a standard `tokenizer.json`.
 * This file encodes and decodes it in plain TypeScript (synchronous, no native module, usable
 * in a browser); a test checks it gives the same ids and text as the Rust library.
 *
 * Round trip: `decode(encode(x)) === x` for text whose whitespace is normalised (single
 * spaces, no leading/trailing space; see `normaliseWhitespace`), which all data set text is.
 * Other whitespace (tabs, newlines) also survives, via byte-fallback tokens.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DataError } from "./errors.js";

/** The text interface a model needs. Special ids are never produced by `encode`. */
export type TextTokenizer = {
  vocabSize: number;
  padId: number;
  bosId: number;
  eosId: number;
  unkId: number;
  /** Text → ids, without bos/eos (add them where the model needs them). */
  encode(text: string): number[];
  /** Ids → text; pad/bos/eos/unk ids are skipped. */
  decode(ids: ArrayLike<number>): string;
  /** The token string of an id (e.g. "▁the", "<0x0A>", "<eos>"). */
  idToToken(id: number): string;
};

const SPACE = "▁";

/** Path of the committed tokenizer. */
export function defaultTokenizerPath(): string {
  return fileURLToPath(new URL("../../data/summarization/tokenizer.json", import.meta.url));
}

type TokenizerJson = {
  added_tokens?: Array<{ id: number; content: string; special?: boolean }>;
  pre_tokenizer?: { type?: string; replacement?: string; prepend_scheme?: string; split?: boolean };
  model?: {
    type?: string;
    byte_fallback?: boolean;
    unk_token?: string | null;
    vocab?: Record<string, number>;
    merges?: Array<[string, string] | string>;
  };
};

/** Builds the tokenizer from a parsed `tokenizer.json`; `file` names the source in errors. */
export function tokenizerFromJson(json: unknown, file = "tokenizer.json"): TextTokenizer {
  const j = json as TokenizerJson;
  function fail(what: string): never {
    throw new DataError(`${file}: ${what}`, file);
  }
  const m = j.model;
  if (m?.type !== "BPE") fail(`expected a BPE model, found ${m?.type ?? "none"}`);
  if (!m.byte_fallback) fail("expected a BPE model with byte_fallback");
  const pre = j.pre_tokenizer;
  if (pre?.type !== "Metaspace" || pre.replacement !== SPACE || pre.prepend_scheme !== "always") {
    fail(
      `expected a Metaspace pre-tokenizer ("${SPACE}", prepend always), found ${JSON.stringify(pre)}`,
    );
  }
  const vocab = m.vocab ?? fail("model has no vocab");
  const tokens: string[] = [];
  for (const [tok, id] of Object.entries(vocab)) {
    if (!Number.isInteger(id) || id < 0) fail(`bad id ${id} for token ${JSON.stringify(tok)}`);
    if (tokens[id] !== undefined) fail(`id ${id} is used twice`);
    tokens[id] = tok;
  }
  for (let i = 0; i < tokens.length; i++) if (tokens[i] === undefined) fail(`vocab has no id ${i}`);
  const idOf = new Map(tokens.map((t, i) => [t, i]));
  const special = (name: string): number => {
    const added = j.added_tokens?.find((t) => t.content === name);
    const id = idOf.get(name);
    if (added === undefined || id === undefined || added.id !== id || !added.special) {
      fail(`missing special token ${name}`);
    }
    return id;
  };
  const padId = special("<pad>");
  const bosId = special("<bos>");
  const eosId = special("<eos>");
  const unkId = special("<unk>");
  if (padId !== 0) fail(`expected <pad> to have id 0, found ${padId}`);

  const byteIds = new Int32Array(256).fill(-1);
  const byteOfId = new Map<number, number>();
  for (let b = 0; b < 256; b++) {
    const name = `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`;
    const id = idOf.get(name);
    if (id === undefined) fail(`missing byte-fallback token ${name}`);
    byteIds[b] = id;
    byteOfId.set(id, b);
  }

  // Merge (a, b), keyed a·V + b → rank, and the id of the merged token.
  const V = tokens.length;
  const mergeRank = new Map<number, number>();
  const mergeId = new Map<number, number>();
  for (const [rank, mg] of (m.merges ?? []).entries()) {
    const [a, b] = typeof mg === "string" ? mg.split(" ") : mg;
    const ia = idOf.get(a);
    const ib = idOf.get(b);
    const im = idOf.get(a + b);
    if (ia === undefined || ib === undefined || im === undefined) {
      fail(
        `merge ${rank} (${JSON.stringify(a)}, ${JSON.stringify(b)}) uses a token not in the vocab`,
      );
    }
    mergeRank.set(ia * V + ib, rank);
    mergeId.set(ia * V + ib, im);
  }

  const utf8 = new TextEncoder();
  const cache = new Map<string, number[]>();
  /** BPE of one pre-token: chars (or their bytes), then merges lowest rank first, leftmost. */
  const bpe = (piece: string): number[] => {
    const hit = cache.get(piece);
    if (hit) return hit;
    const sym: number[] = [];
    for (const ch of piece) {
      const id = idOf.get(ch);
      if (id !== undefined) sym.push(id);
      else for (const b of utf8.encode(ch)) sym.push(byteIds[b]);
    }
    for (;;) {
      let best = -1;
      let bestRank = Number.POSITIVE_INFINITY;
      for (let i = 0; i + 1 < sym.length; i++) {
        const r = mergeRank.get(sym[i] * V + sym[i + 1]);
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) break;
      sym.splice(best, 2, mergeId.get(sym[best] * V + sym[best + 1])!);
    }
    if (cache.size > 1_000_000) cache.clear();
    cache.set(piece, sym);
    return sym;
  };

  const skip = new Set([padId, bosId, eosId, unkId]);
  const utf8Strict = new TextDecoder("utf-8", { fatal: true });
  return {
    vocabSize: tokens.length,
    padId,
    bosId,
    eosId,
    unkId,
    idToToken(id) {
      const t = tokens[id];
      if (t === undefined)
        throw new RangeError(`token id ${id} out of range [0, ${tokens.length})`);
      return t;
    },
    encode(text) {
      if (text === "") return [];
      let s = text.replaceAll(" ", SPACE);
      if (!s.startsWith(SPACE)) s = SPACE + s;
      const out: number[] = [];
      // Pieces start at each ▁ (Metaspace split, merged with next).
      for (let start = 0; start < s.length; ) {
        let end = s.indexOf(SPACE, start + 1);
        if (end < 0) end = s.length;
        for (const id of bpe(s.slice(start, end))) out.push(id);
        start = end;
      }
      return out;
    },
    decode(ids) {
      // ByteFallback: runs of byte tokens become one piece (U+FFFD per byte if not UTF-8).
      const pieces: string[] = [];
      let bytes: number[] = [];
      const flushBytes = () => {
        if (bytes.length === 0) return;
        try {
          pieces.push(utf8Strict.decode(Uint8Array.from(bytes)));
        } catch {
          pieces.push("\uFFFD".repeat(bytes.length));
        }
        bytes = [];
      };
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (skip.has(id)) continue;
        const b = byteOfId.get(id);
        if (b !== undefined) {
          bytes.push(b);
          continue;
        }
        flushBytes();
        const t = tokens[id];
        if (t === undefined)
          throw new RangeError(`token id ${id} out of range [0, ${tokens.length})`);
        pieces.push(t);
      }
      flushBytes();
      // Metaspace: ▁ → space, except in the first piece, where ▁ is the prepended marker.
      return pieces.map((p, i) => p.replaceAll(SPACE, i === 0 ? "" : " ")).join("");
    },
  };
}

/**
 * How the tokens spell words, for constraints on words rather than tokens: whether a token
 * starts a word (its piece opens with ▁; in a text, the first token always does) and what it
 * adds to the word: its UTF-8 bytes, lower-cased, one character per byte, so that one word
 * spelled by different tokens (or by byte-fallback tokens) compares equal. Special tokens add
 * nothing. A byte-fallback token's byte is lower-cased only when it is ASCII, so "Æ" spelled in
 * bytes and "æ" differ.
 */
export type WordPieces = { startsWord: Uint8Array; text: string[] };

/** The `WordPieces` of a tokenizer. */
export function wordPieces(
  tok: Pick<TextTokenizer, "vocabSize" | "idToToken" | "padId" | "bosId" | "eosId" | "unkId">,
): WordPieces {
  const special = new Set([tok.padId, tok.bosId, tok.eosId, tok.unkId]);
  const utf8 = new TextEncoder();
  const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
  const startsWord = new Uint8Array(tok.vocabSize);
  const text: string[] = [];
  for (let id = 0; id < tok.vocabSize; id++) {
    const piece = tok.idToToken(id);
    const byte = /^<0x([0-9A-F]{2})>$/.exec(piece);
    if (special.has(id)) text.push("");
    else if (byte) {
      const b = Number.parseInt(byte[1], 16);
      const c = String.fromCharCode(b);
      text.push(b < 0x80 ? c.toLowerCase() : c);
    } else {
      startsWord[id] = piece.startsWith(SPACE) ? 1 : 0;
      text.push(latin1(utf8.encode(piece.replaceAll(SPACE, "").toLowerCase())));
    }
  }
  return { startsWord, text };
}

/** Loads `tokenizer.json` (default: the committed data/summarization/tokenizer.json). */
export function loadTokenizer(opts: { path?: string } = {}): TextTokenizer {
  const path = opts.path ?? defaultTokenizerPath();
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new DataError(
      `${path}: cannot read tokenizer (${code}); rebuild it with npm run data:summarization`,
      path,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataError(`${path}: not valid JSON (${(err as Error).message})`, path);
  }
  return tokenizerFromJson(json, path);
}
