/**
 * Trains the summarization tokenizer with Hugging Face `tokenizers` (Rust, via its Node
 * bindings). The Node bindings train with the model's default BPE trainer (30 000 tokens, no
 * special tokens), so we train that, then keep its prefix: BPE training is greedy, so the first
 * k merges are exactly what a k-merge training would give. The final vocabulary is
 * `<pad>`=0, `<bos>`, `<eos>`, `<unk>`, the 256 byte-fallback tokens `<0x00>`…`<0xFF>`, the
 * characters seen at least `minCharCount` times, then merges up to `vocabSize`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as hf from "tokenizers";
import { SPECIAL_TOKENS } from "./debian.js";

export type TrainTokenizerOptions = {
  vocabSize: number;
  /** Rarer characters are left to byte fallback instead of taking a vocabulary slot. */
  minCharCount: number;
  /** Scratch folder for the training text and the raw trained model. */
  workDir: string;
};

export const defaultTokenizerOptions = { vocabSize: 8000, minCharCount: 10 } as const;

/** The largest vocabulary the default trainer can feed (its own target is 30 000). */
const RAW_VOCAB_SIZE = 30_000;

export type TrainedTokenizer = {
  vocabSize: number;
  characters: number;
  merges: number;
};

/** Trains on `texts` (one document or summary each) and writes `tokenizer.json` to `outPath`. */
export function trainTokenizer(
  texts: string[],
  outPath: string,
  opts: TrainTokenizerOptions,
): TrainedTokenizer {
  const fixed = SPECIAL_TOKENS.length + 256;
  if (!Number.isInteger(opts.vocabSize) || opts.vocabSize <= fixed + 1) {
    throw new RangeError(`vocab size must be an integer > ${fixed + 1}, got ${opts.vocabSize}`);
  }
  if (opts.vocabSize > RAW_VOCAB_SIZE) {
    throw new RangeError(`vocab size must be ≤ ${RAW_VOCAB_SIZE}, got ${opts.vocabSize}`);
  }
  mkdirSync(opts.workDir, { recursive: true });
  const textFile = join(opts.workDir, "tokenizer-train.txt");
  writeFileSync(textFile, `${texts.map((t) => t.replace(/\n/gu, " ")).join("\n")}\n`);

  const raw = new hf.Tokenizer(hf.BPE.empty());
  raw.setPreTokenizer(hf.metaspacePreTokenizer());
  raw.train([textFile]);
  const rawFile = join(opts.workDir, "tokenizer-raw.json");
  raw.save(rawFile);
  const rawModel = JSON.parse(readFileSync(rawFile, "utf8")).model as {
    vocab: Record<string, number>;
    merges: Array<[string, string] | string>;
  };

  const charCount = new Map<string, number>();
  for (const t of texts)
    for (const ch of t.replaceAll(" ", "▁")) charCount.set(ch, (charCount.get(ch) ?? 0) + 1);
  charCount.set("▁", Number.POSITIVE_INFINITY); // the word marker is always needed

  const vocab: Record<string, number> = {};
  let size = 0;
  const add = (tok: string) => {
    vocab[tok] = size++;
  };
  for (const s of SPECIAL_TOKENS) add(s);
  for (let b = 0; b < 256; b++) add(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
  const rawTokens = Object.entries(rawModel.vocab).sort((a, b) => a[1] - b[1]);
  let characters = 0;
  for (const [tok] of rawTokens) {
    if (
      [...tok].length === 1 &&
      (charCount.get(tok) ?? 0) >= opts.minCharCount &&
      !(tok in vocab)
    ) {
      add(tok);
      characters++;
    }
  }
  const merges: Array<[string, string]> = [];
  for (const mg of rawModel.merges) {
    if (size >= opts.vocabSize) break;
    const [a, b] = typeof mg === "string" ? (mg.split(" ") as [string, string]) : mg;
    if (a in vocab && b in vocab && !(a + b in vocab)) {
      add(a + b);
      merges.push([a, b]);
    }
  }
  if (size !== opts.vocabSize) {
    throw new Error(`training text too small: reached ${size} tokens, asked for ${opts.vocabSize}`);
  }

  const model = hf.BPE.init(vocab, merges as never, { unkToken: "<unk>", byteFallback: true });
  const tok = new hf.Tokenizer(model);
  tok.setPreTokenizer(hf.metaspacePreTokenizer());
  tok.setDecoder(hf.sequenceDecoder([hf.byteFallbackDecoder(), hf.metaspaceDecoder()]));
  tok.addSpecialTokens([...SPECIAL_TOKENS]);
  tok.save(outPath, true);
  return { vocabSize: size, characters, merges: merges.length };
}
