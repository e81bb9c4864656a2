/**
 * Rebuilds data/summarization/ from Debian's English package descriptions:
 *
 *   npm run data:summarization [-- --input FILE] [--out DIR] [--vocab-size 8000]
 *
 * Input: bookworm main's Translation-en index as apt stores it
 * (/var/lib/apt/lists/*_debian_dists_bookworm_main_i18n_Translation-en.lz4; get it with
 * `apt-get -o Acquire::Languages=en update`). An .lz4 file needs the `lz4` command
 * (Debian package lz4); a .gz or plain file needs nothing. Output: train/validation/test
 * .jsonl.gz, tokenizer.json (trained on train only), stats.json and the data card README.md.
 * The output is a deterministic function of the input file.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import {
  buildSummarization,
  defaultBuildOptions,
  medianP90,
  parseTranslation,
  SPLITS,
  type SplitName,
  type SummaryRecord,
  wordCount,
} from "../src/data/debian.js";
import { defaultSummarizationDir, encodeJsonlGz, splitFile } from "../src/data/summarization.js";
import { loadTokenizer } from "../src/data/tokenizer.js";
import { defaultTokenizerOptions, trainTokenizer } from "../src/data/tokenizer-train.js";

const APT_LISTS = "/var/lib/apt/lists";
const INPUT_SUFFIX = "_debian_dists_bookworm_main_i18n_Translation-en";

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const die = (msg: string): never => {
  process.stderr.write(`build-summarization-data: ${msg}\n`);
  process.exit(1);
};

function findInput(): string {
  const hits = existsSync(APT_LISTS)
    ? readdirSync(APT_LISTS)
        .filter((f) => f.includes(INPUT_SUFFIX))
        .sort()
    : [];
  if (hits.length === 0) {
    die(
      `no ${INPUT_SUFFIX}.* in ${APT_LISTS}: run \`apt-get -o Acquire::Languages=en update\` (Debian bookworm sources), or pass --input FILE`,
    );
  }
  return join(APT_LISTS, hits[0]);
}

function readInput(file: string): string {
  if (file.endsWith(".lz4")) {
    const r = spawnSync("lz4", ["-dc", file], { maxBuffer: 1 << 30 });
    if (r.error) {
      die(
        `cannot run lz4 (${(r.error as NodeJS.ErrnoException).code}): install it with \`apt-get install lz4\``,
      );
    }
    if (r.status !== 0) die(`lz4 -dc ${file} failed: ${r.stderr.toString().trim()}`);
    return r.stdout.toString("utf8");
  }
  const bytes = readFileSync(file);
  return (file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

/** The `Date:` of the Release file the index came with, when apt has it. */
function releaseDate(): string | undefined {
  for (const name of [
    "deb.debian.org_debian_dists_bookworm_InRelease",
    "deb.debian.org_debian_dists_bookworm_Release",
  ]) {
    const p = join(APT_LISTS, name);
    if (!existsSync(p)) continue;
    const m = /^Date: (.+)$/mu.exec(readFileSync(p, "utf8"));
    if (m) return m[1];
  }
  return undefined;
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

const { values: args } = parseArgs({
  options: {
    input: { type: "string" },
    out: { type: "string" },
    "vocab-size": { type: "string", default: String(defaultTokenizerOptions.vocabSize) },
  },
});
const input = resolve(args.input ?? findInput());
const outDir = resolve(args.out ?? defaultSummarizationDir());
const vocabSize = Number(args["vocab-size"]);
if (!Number.isInteger(vocabSize)) die(`--vocab-size must be an integer, got ${args["vocab-size"]}`);

log(`reading ${input}`);
const text = readInput(input);
const inputSha256 = createHash("sha256").update(text).digest("hex");
let records: ReturnType<typeof parseTranslation>;
try {
  records = parseTranslation(text, input);
} catch (err) {
  die((err as Error).message);
}
const { splits, counts } = buildSummarization(records!, defaultBuildOptions);
log(
  `${counts.records} records → ${counts.kept} examples (${counts.droppedTrivial} trivial, ${counts.droppedDuplicate} duplicate documents, ${counts.droppedFamilyCap} over the per-family cap)`,
);

mkdirSync(outDir, { recursive: true });
const splitStats = {} as Record<
  SplitName,
  {
    examples: number;
    documentWords: ReturnType<typeof medianP90>;
    summaryWords: ReturnType<typeof medianP90>;
    bytesGz: number;
  }
>;
for (const split of SPLITS) {
  const recs: SummaryRecord[] = splits[split];
  const gz = encodeJsonlGz(recs);
  writeAtomic(join(outDir, splitFile(split)), gz);
  splitStats[split] = {
    examples: recs.length,
    documentWords: medianP90(recs.map((r) => wordCount(r.document))),
    summaryWords: medianP90(recs.map((r) => wordCount(r.summary))),
    bytesGz: gz.length,
  };
}

log(`training a ${vocabSize}-token BPE on the ${splits.train.length} training examples`);
const workDir = join(tmpdir(), `gt-tokenizer-${process.pid}`);
const tokenizerPath = join(outDir, "tokenizer.json");
const tokTmp = `${tokenizerPath}.tmp-${process.pid}`;
const trained = trainTokenizer(
  splits.train.flatMap((r) => [r.document, r.summary]),
  tokTmp,
  { vocabSize, minCharCount: defaultTokenizerOptions.minCharCount, workDir },
);
renameSync(tokTmp, tokenizerPath);
rmSync(workDir, { recursive: true, force: true });

// Token lengths on the validation split (never seen by the tokenizer).
const tok = loadTokenizer({ path: tokenizerPath });
const byteTokenMax = 4 + 256; // ids 4..259 are byte-fallback tokens
let tokens = 0;
let byteTokens = 0;
const docTokens: number[] = [];
const sumTokens: number[] = [];
for (const r of splits.validation) {
  const d = tok.encode(r.document);
  const s = tok.encode(r.summary);
  docTokens.push(d.length);
  sumTokens.push(s.length);
  for (const id of [...d, ...s]) {
    tokens++;
    if (id >= 4 && id < byteTokenMax) byteTokens++;
  }
}
const stats = {
  source: {
    file: input.startsWith(APT_LISTS) ? input.slice(APT_LISTS.length + 1) : input,
    sha256OfDecompressed: inputSha256,
    releaseDate: (input.startsWith(APT_LISTS) && releaseDate()) || null,
  },
  options: defaultBuildOptions,
  counts,
  splits: splitStats,
  tokenizer: {
    ...trained,
    specialTokens: {
      "<pad>": tok.padId,
      "<bos>": tok.bosId,
      "<eos>": tok.eosId,
      "<unk>": tok.unkId,
    },
    validationDocumentTokens: medianP90(docTokens),
    validationSummaryTokens: medianP90(sumTokens),
    validationByteFallbackRate: byteTokens / tokens,
  },
};
writeAtomic(join(outDir, "stats.json"), `${JSON.stringify(stats, null, 2)}\n`);
writeAtomic(join(outDir, "README.md"), dataCard(stats));
log(`wrote ${outDir}`);
for (const s of SPLITS) log(`  ${s}: ${splitStats[s].examples} examples`);

function dataCard(st: typeof stats): string {
  const row = (s: SplitName) => {
    const x = st.splits[s];
    return `| ${s} | ${x.examples} | ${x.documentWords.median} | ${x.documentWords.p90} | ${x.documentWords.max} | ${x.summaryWords.median} | ${x.summaryWords.p90} | ${x.summaryWords.max} | ${(x.bytesGz / 1e6).toFixed(2)} MB |`;
  };
  const c = st.counts;
  const t = st.tokenizer;
  return `# Debian package descriptions: a summarization data set

Each example is one Debian package's long description (the **document**) and its one-line
synopsis (the **summary**), both written by the package's maintainers. This file is
generated by \`scripts/build-summarization-data.ts\`; do not edit it by hand.

## Source

- Debian 12 "bookworm", \`main\` component, English descriptions index \`Translation-en\`, as
  published by Debian's Description Translation Project (DDTP) and fetched by apt
  (\`${st.source.file}\`${st.source.releaseDate ? `, Release file dated ${st.source.releaseDate}` : ""}).
- SHA-256 of the decompressed index: \`${st.source.sha256OfDecompressed}\`.

## Licence and terms

The descriptions are the \`Description:\` fields of each package's \`debian/control\` file,
collected and redistributed by Debian. There is no single licence for the set: each text
is part of its package's Debian packaging and is distributed under that package's own
licence, which Debian's Free Software Guidelines (DFSG) require to allow redistribution and
modification (see each package's \`/usr/share/doc/<package>/copyright\`). The \`package\`
field of every record names the package, so attribution is preserved. Treat this set as
research/educational use of freely redistributable text; if you redistribute it, keep this
card with it.

## Rebuild

\`\`\`sh
apt-get -o Acquire::Languages=en update   # bookworm sources; provides the .lz4 index
apt-get install -y lz4                    # to decompress it
npm run data:summarization                # or: npx tsx scripts/build-summarization-data.ts --input FILE [--vocab-size N]
\`\`\`

The build is deterministic: the same index gives byte-identical files.

## Preparation

1. Parse each record (\`Package\`, \`Description-md5\`, \`Description-en: <synopsis>\`, long
   description lines indented by one space, \` .\` = paragraph break).
2. Normalise whitespace: every run of whitespace (including line and paragraph breaks)
   becomes one space; text is trimmed. Nothing else is changed (case, punctuation kept).
3. Drop trivial records: no synopsis, a document under ${st.options.minDocumentWords} words, a document equal to
   its synopsis, or text containing a reserved token string (\`<pad>\` \`<bos>\` \`<eos>\` \`<unk>\`).
   Dropped: ${c.droppedTrivial}.
4. Deduplicate by document text (packages such as \`foo\` and \`foo-data\` often share one),
   keeping the first package in Debian's (alphabetical) order. Dropped: ${c.droppedDuplicate}.
5. Group documents into **families** by their first paragraph (lower-cased, punctuation
   removed); packages from one source usually share it. Keep at most ${st.options.maxPerFamily} documents per
   family (dropped: ${c.droppedFamilyCap}), so that boilerplate families do not dominate. The largest were
${c.largestFamilies.map((f) => `   "${f.key} …" (${f.documents} documents)`).join(",\n")}.
6. Split by family: the first 32 bits of SHA-256(family key) decide train (${st.options.fractions.train * 100} %),
   validation (${st.options.fractions.validation * 100} %) or test (the rest). Documents sharing a first
   paragraph (the usual form of near-copies here) therefore never straddle splits.

From ${c.records} records: ${c.kept} examples in ${c.families} families.

## Files

- \`{train,validation,test}.jsonl.gz\`: one JSON object per line,
  \`{ "id": Description-md5, "package", "document", "summary" }\`.
  Load with \`loadSummarization()\` from \`src/data\`.
- \`tokenizer.json\`: a Hugging Face \`tokenizers\` file (load with \`loadTokenizer()\`).
- \`stats.json\`: every number on this card.

## Counts and lengths (words = whitespace-separated)

| split | examples | doc median | doc p90 | doc max | summary median | summary p90 | summary max | size |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${SPLITS.map(row).join("\n")}

## Tokenizer

Byte-fallback BPE (SentencePiece-style Metaspace pre-tokenizer, \`▁\` marks a space), trained
on the **train** split only (documents and summaries) with Hugging Face \`tokenizers\`.
Vocabulary ${t.vocabSize}: \`<pad>\`=${t.specialTokens["<pad>"]}, \`<bos>\`=${t.specialTokens["<bos>"]}, \`<eos>\`=${t.specialTokens["<eos>"]}, \`<unk>\`=${t.specialTokens["<unk>"]}, 256 byte tokens
\`<0x00>\`…\`<0xFF>\` (ids 4–259, for characters seen fewer than ${defaultTokenizerOptions.minCharCount} times), ${t.characters} characters,
${t.merges} merges. Any text round-trips: \`decode(encode(x)) === x\` for whitespace-normalised x.
On the validation split a document has a median of ${t.validationDocumentTokens.median} tokens (p90 ${t.validationDocumentTokens.p90}), a summary
${t.validationSummaryTokens.median} (p90 ${t.validationSummaryTokens.p90}); ${(t.validationByteFallbackRate * 100).toFixed(3)} % of tokens are byte fallbacks.
`;
}
