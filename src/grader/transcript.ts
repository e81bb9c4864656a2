/**
 * A transcript read into answer candidates: decoded text → Markdown lines (markdown.ts) → who said
 * what (segment.ts) → where each part is answered (parts.ts) → one candidate per part, turn and
 * kind of text (visible answer or reasoning), each with the cues that weigh it. Choosing among the
 * candidates happens after each is read (grade.ts), since only a readable answer can count.
 */

import type { ProblemSet } from "../problems/schema.js";
import { collapseCopiedMath } from "./copied-math.js";
import { decimalCommas } from "./extract.js";
import { isButtonRow, PAGE_BUTTONS } from "./formats/page-copy.js";
import { type Judgment, readJudgments } from "./judgments.js";
import { partLetterMap, spokenNumberWords, words } from "./lexicon/index.js";
import { type Line, readMarkdown } from "./markdown.js";
import { findStretches, type Stretch } from "./parts.js";
import { type LineRole, problemTexts, type Role, type Segmentation, segment } from "./segment.js";
import { asciiDigits, startsWithPhrase } from "./words.js";

export type { Role };

/** One candidate answer to a part. */
export type PartAnswer = {
  partId: string;
  /** The candidate's text, the part label blanked. */
  body: string;
  /** The whole visible answer of the candidate's turn, where reasons may be given. */
  whole: string;
  start: number;
  end: number;
  /** 1-based lines of the candidate's first and last line. */
  line: number;
  lastLine: number;
  turn: number;
  role: Role;
  /** The label named several parts at once ("(d)" for (d)(i) and (d)(ii)). */
  shared: boolean;
  /** In the turn's final answers, after its worked answers. */
  summary: boolean;
  /** Explicit markers in the candidate: "answer", "final", "revised" (any language). */
  markers: string[];
  cue: string;
};

export type ParsedTranscript = {
  text: string;
  lines: Line[];
  roles: LineRole[];
  segmentation: Segmentation;
  stretches: Stretch[];
  /** Every candidate per part, in text order. */
  candidates: Map<string, PartAnswer[]>;
  /** The person's own verdicts on parts ("Sonnet gets this question correct"). */
  judgments: Judgment[];
  warnings: string[];
};

/** Input that cannot be read as a transcript at all. */
export class TranscriptError extends Error {}

/** Largest transcript accepted (characters). */
export const MAX_TRANSCRIPT_CHARS = 32 * 1024 * 1024;

/** Reject empty, binary or oversized input with a specific reason. */
export function checkTranscriptText(text: string): void {
  if (text.length > MAX_TRANSCRIPT_CHARS) {
    throw new TranscriptError(
      `transcript is too large (${text.length} characters; at most ${MAX_TRANSCRIPT_CHARS})`,
    );
  }
  if (text.trim().length === 0) throw new TranscriptError("transcript is empty");
  const head = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0)
      throw new TranscriptError(`input looks binary (a NUL byte at offset ${i}), not a transcript`);
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 27) control++;
  }
  if (control > head.length * 0.05) {
    throw new TranscriptError(
      `input looks binary (${control} control or undecodable characters in the first ${head.length}), not a transcript`,
    );
  }
}

/**
 * Bytes of a transcript file → text: UTF-8 (with or without a BOM) or UTF-16 (by its BOM, or by
 * the zero bytes of mostly-ASCII UTF-16 text).
 */
export function decodeTranscript(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const n = Math.min(bytes.length, 4096) & ~1;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (n >= 8 && oddZero > n / 4 && evenZero < n / 40)
    return new TextDecoder("utf-16le").decode(bytes);
  if (n >= 8 && evenZero > n / 4 && oddZero < n / 40)
    return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

// a word's edges in any script: "\b" knows only ASCII letters, and "pięć", "åtta", "âm" start or
// end with others
const START = "(?<![\\p{L}\\p{M}\\p{N}_])";
const END = "(?![\\p{L}\\p{M}\\p{N}_])";

const SPOKEN = spokenNumberWords().map((w) => {
  const alt = (xs: string[]) => xs.map((x) => x.replace(/ /g, "\\s+")).join("|");
  const digit = `(?:${alt(w.digits)})`;
  const digits = `${digit}(?:\\s+${digit}){0,5}`;
  const value = (run: string) =>
    run
      .toLowerCase()
      .split(/\s+/)
      .map((d) => w.digits.indexOf(d))
      .join("");
  return {
    // "ten to the minus three" → "10^-3"
    power: new RegExp(
      `${START}${w.ten}\\s+(?:${alt(w.power)})\\s+(${alt(w.minus)})?\\s*(${digit})${END}`,
      "giu",
    ),
    // "minus one point five" → "-1.5", "point one five" → "0.15", "minus three" → "-3"
    decimal: new RegExp(
      `${START}(?:(${alt(w.minus)})\\s+)?(?:(${digits})\\s+)?(?:${alt(w.point)})\\s+(${digits})${END}`,
      "giu",
    ),
    negative: new RegExp(`${START}(?:${alt(w.minus)})\\s+(${digit})${END}`, "giu"),
    value,
  };
});

/**
 * Numbers as speech-to-text spells them, in the languages whose lexicon says how: "ten to the
 * minus three" → "10^-3", "minus one point five" → "-1.5", "minus three" → "-3". A digit word
 * alone stays a word ("question three A" names a part).
 */
function spokenNumbers(s: string): string {
  for (const w of SPOKEN) {
    s = s
      .replace(
        w.power,
        (_m, minus: string | undefined, d: string) => `10^${minus ? "-" : ""}${w.value(d)}`,
      )
      .replace(
        w.decimal,
        (_m, minus: string | undefined, whole: string | undefined, frac: string) =>
          `${minus ? "-" : ""}${whole ? w.value(whole) : "0"}.${w.value(frac)}`,
      )
      .replace(w.negative, (_m, d: string) => `-${w.value(d)}`);
  }
  return s;
}

const FRACTIONS: Record<string, string> = {
  "½": "1/2",
  "⅓": "1/3",
  "⅔": "2/3",
  "¼": "1/4",
  "¾": "3/4",
  "⅕": "1/5",
  "⅖": "2/5",
  "⅗": "3/5",
  "⅘": "4/5",
  "⅙": "1/6",
  "⅚": "5/6",
  "⅛": "1/8",
  "⅜": "3/8",
  "⅝": "5/8",
  "⅞": "7/8",
};

const LIGATURES: Record<string, string> = { ﬁ: "fi", ﬂ: "fl", ﬀ: "ff", ﬃ: "ffi", ﬄ: "ffl" };

/**
 * Text damage from copying undone where it changes reading, not meaning: a BOM, CR line ends, form
 * feeds (page breaks become line breaks), no-break and zero-width spaces, ligatures, full-width
 * ASCII, flattened superscripts, vulgar fractions, an OCR's letter O for zero.
 */
export function normalizeTranscript(text: string): string {
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  s = s.replace(/\r\n?/g, "\n").replace(/\f/g, "\n");
  s = s.replace(/[\u00a0\u202f]/g, " ").replace(/\u200b|\u200c|\u200d|\u2060/g, "");
  // marks of writing direction, which an RTL page's copy puts before each line ("\u200fאתה אמרת")
  // and a chat export before its own notes ("\u200e<Media omitted>"): they show nothing
  s = s.replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g, "");
  // math a KaTeX page gave three times over (rendered, source, rendered): its source once
  s = collapseCopiedMath(s);
  s = s.replace(/ﬁ|ﬂ|ﬀ|ﬃ|ﬄ/g, (c) => LIGATURES[c] ?? c);
  // full-width forms of ASCII, as Japanese and Chinese input methods type them: "３（ｃ）" → "3(c)"
  s = s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // Greek capitals that are the Latin ones' twins, standing alone, name plots A and B as a Greek
  // keyboard types them ("**Α** (πλατιά Q)"); lowercase β is the hyperparameter and stays
  s = s.replace(/(?<![\p{L}\p{M}])[\u0391\u0392](?![\p{L}\p{M}])/gu, (c) =>
    c === "\u0391" ? "A" : "B",
  );
  s = asciiDigits(s);
  s = spokenNumbers(s);
  // LaTeX's decimal comma, braced so that it adds no space: "0{,}01" is 0.01 (it is never a list's)
  s = s.replace(/(?<=\d)\{,\}(?=\d)/g, ".");
  // a bracketed list in decimal commas ("[−1,5; 1,5]") ends no clause wherever it stands
  s = decimalCommas(s);
  // LaTeX's "\|" is the double bar of D_KL(P\|Q) (reStructuredText's :math: roles keep it)
  s = s.replace(/(?<=[\p{L}\p{N}}) ])\\\|(?=[\p{L}\p{N}{ ])/gu, "‖");
  // a problem's number as a CJK numeral before its part or after a problem word: "三(a)",
  // "第三题", "問三" → "3(a)", "第3题", "問3" ("第一项", "the first term", stays: 第 counts a
  // problem only before a problem's counter)
  s = s.replace(
    /(?<=[問问题題]\s?)[一二三四五六七八九](?![一二三四五六七八九十])|(?<=第\s?)[一二三四五六七八九](?=\s?[题題問问道])|[一二三四五六七八九](?=\s?[(（][a-dA-D][)）])/g,
    (c) => String("一二三四五六七八九".indexOf(c) + 1),
  );
  // vulgar fractions and the fraction slash: "(½, ½, 0)" → "(1/2, 1/2, 0)" (not after a digit,
  // where "2½" would become "21/2")
  s = s.replace(/(?<!\d)[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]/g, (c) => FRACTIONS[c] ?? c).replace(/\u2044/g, "/");
  // the letter O where a scan's OCR read a zero: "N(O,1)", "mean=O", "4O71", "1O-3"
  s = s.replace(/(?<=\d)O(?![\p{L}])/gu, "0").replace(/(?<=[([,=]\s?)O(?=\s?[,)\].\d])/g, "0");
  // commas of other scripts, which a distribution's arguments are written with: "U(0، 1)"
  s = s.replace(/[\u060c\u3001]/g, ",").replace(/\u061b/g, ";");
  // superscripts and subscripts a PDF's text layer flattens: "σ 2" for σ², "10 −3" for 10⁻³,
  // "D KL" for D_KL
  s = s
    .replace(/(σ|sigma) 2(?![\d.,])/g, "$1^2")
    .replace(/\b10 ([−-]\d+)\b/g, "10^$1")
    .replace(/(=\s?)10 0\b/g, "$110^0")
    .replace(/\bD KL\b/g, "D_KL");
  return editsAsRevisions(
    diffsAsText(copiedCodeAsFences(calloutsAsText(withoutFrontMatter(latinPartLetters(s))))),
  );
}

/** Languages a chat page names over its code blocks. */
const CODE_LANGUAGES = new Set(
  "python py bash sh shell console javascript js typescript ts json yaml c cpp c++ java rust go r sql latex tex text plaintext pseudocode".split(
    " ",
  ),
);

/**
 * A code block copied from a chat page as text keeps its header, the language and then the copy
 * button ("python" / "Copy code"), and loses its fences. The lines under the header, up to a blank
 * line, are fenced again, so a comment in the code ("# line 9 (fixed)") reads as code, not as a
 * heading, and the code as the code it is.
 */
function copiedCodeAsFences(s: string): string {
  const lower = s.toLowerCase();
  if (!PAGE_BUTTONS.some((b) => lower.includes(b))) return s;
  const lines = s.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const language = lines[i]!.trim().toLowerCase();
    const isHeader = CODE_LANGUAGES.has(language) && isButtonRow(lines[i + 1] ?? "");
    let end = i + 2;
    while (isHeader && end < lines.length && lines[end]!.trim() && !lines[end]!.includes("```"))
      end++;
    if (!isHeader || end === i + 2) {
      out.push(lines[i]!);
      continue;
    }
    out.push("", `\`\`\`${language}`, ...lines.slice(i + 2, end), "```");
    i = end - 1;
  }
  return out.join("\n");
}

/**
 * A message exporter's edit line ("Edited 48 seconds later: …", iMessage's history of a message):
 * the line before it is the text the edit replaced, struck out, so the edit is what the message
 * says.
 */
function editsAsRevisions(s: string): string {
  if (!s.includes("Edited ")) return s;
  const lines = s.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const edit = /^\s*Edited (?:[\w ]{1,30} )?later:\s*/.exec(lines[i]!);
    if (!edit || !lines[i - 1]!.trim() || lines[i - 1]!.includes("~~")) continue;
    lines[i - 1] = `~~${lines[i - 1]!.trim()}~~`;
    lines[i] = lines[i]!.slice(edit[0].length);
  }
  return lines.join("\n");
}

/**
 * A unified diff in a fence (a pull request copied as Markdown): the text as it stands after the
 * change — removed lines go, the added and context lines lose their column of "+"/" " — and, when
 * the file changed is prose (a Markdown file named before the fence, or tables in it), the fence
 * goes too, so its headings and tables read as the answer they are.
 */
function diffsAsText(s: string): string {
  if (!s.includes("```diff")) return s;
  const lines = s.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!/^\s{0,3}```diff\s*$/.test(line)) {
      out.push(line);
      continue;
    }
    let j = i + 1;
    const body: string[] = [];
    for (; j < lines.length && !/^\s{0,3}```\s*$/.test(lines[j]!); j++) {
      const l = lines[j]!;
      if (l.startsWith("-") || l.startsWith("@@") || l.startsWith("\\ No newline")) continue;
      body.push(l.startsWith("+") || l.startsWith(" ") ? l.slice(1) : l);
    }
    const named = out.slice(-4).join(" ");
    const prose =
      /\.(?:md|markdown|txt|rst)\b/i.test(named) ||
      body.filter((l) => /^\|.*\|\s*$/.test(l)).length >= 2;
    out.push(...(prose ? body : ["```", ...body, "```"]));
    i = j;
  }
  return out.join("\n");
}

/**
 * A note's front matter (YAML between "---" lines at the very top: "created: 2025-12-05") is
 * metadata, not speech: its "key:" lines would read as speaker labels. Blanked, lines kept.
 */
function withoutFrontMatter(s: string): string {
  if (!s.startsWith("---\n")) return s;
  const end = s.indexOf("\n---\n", 3);
  if (end < 0 || end > 4000) return s;
  const block = s.slice(4, end);
  if (!block.split("\n").every((l) => l.trim() === "" || /^[\w-]{1,40}:|^\s+|^- /.test(l)))
    return s;
  return `${"\n".repeat(block.split("\n").length + 1)}${s.slice(end + 5)}`;
}

/**
 * Callouts (Obsidian's and GitHub's "> [!quote]+ ChatGPT — (a)", "> [!NOTE]"): a box whose
 * title line names what it holds, written as a blockquote. The title becomes a bold line and the
 * box's lines plain text, so its content reads as what it is, not as a quotation.
 */
function calloutsAsText(s: string): string {
  if (!s.includes("[!")) return s;
  const lines = s.split("\n");
  let inside = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const title = /^\s{0,3}>\s?\[![\w-]{1,20}\][+-]?(.*)$/.exec(l);
    if (title) {
      const t = title[1]!.trim();
      lines[i] = t ? `**${t}**` : "";
      inside = true;
    } else if (inside && /^\s{0,3}>/.test(l)) lines[i] = l.replace(/^\s{0,3}> ?/, "");
    else inside = false;
  }
  return lines.join("\n");
}

/** The part letters by their first character, longest first ("الف", Persian's (a), is three). */
const PART_LETTERS = new Map<string, [string, string][]>();
for (const [letter, latin] of partLetterMap()) {
  const list = PART_LETTERS.get(letter[0]!) ?? [];
  list.push([letter, latin]);
  PART_LETTERS.set(letter[0]!, list);
}
for (const list of PART_LETTERS.values()) list.sort((x, y) => y[0].length - x[0].length);

/**
 * Part and option labels in another script's letters read as the Latin letter they stand for:
 * "(ख)" → "(b)", "2(ب)" → "2(b)", "(الف)" → "(a)", "в) …" at a line's start → "c) …". Only a
 * letter standing alone as a label (closed by ")", opened by "(" or a line start) changes, so
 * words are left alone.
 */
function latinPartLetters(s: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const hit = PART_LETTERS.get(s[i]!)?.find(([letter]) => s.startsWith(letter, i));
    if (!hit) continue;
    const [letter, latin] = hit;
    const end = i + letter.length;
    if (s[end] !== ")" || /\p{L}/u.test(s[end + 1] ?? "")) continue;
    const before = s[i - 1];
    let k = i - 1;
    while (k >= 0 && (s[k] === " " || s[k] === "\t")) k--;
    if (before === "(" || k < 0 || s[k] === "\n") {
      out += s.slice(from, i) + latin;
      from = end;
      i = end - 1;
    }
  }
  return out + s.slice(from);
}

const ANSWER_MARKERS = words("answer");
const REVISION_MARKERS = words("revision");

/** Explicit markers at the starts of a candidate's lines ("**Answer:**", "Revised answer:"). */
function markersIn(lines: Line[], from: number, to: number): string[] {
  const found = new Set<string>();
  for (let i = from; i < to; i++) {
    const c = lines[i]!.content;
    if (!c.trim()) continue;
    const head = c.slice(0, 200);
    const a = startsWithPhrase(head, ANSWER_MARKERS);
    if (a) found.add(a);
    const r = startsWithPhrase(head, REVISION_MARKERS);
    if (r) found.add(r);
    const lower = head.toLowerCase();
    for (const m of REVISION_MARKERS) if (m.length > 5 && lower.includes(m)) found.add(m);
  }
  return [...found];
}

/** Parse a transcript into its candidates per part. */
export function parseTranscript(input: string, set: ProblemSet): ParsedTranscript {
  checkTranscriptText(input);
  const text = input;
  const lines = readMarkdown(text);
  const seg = segment(lines, set);
  const stretches = findStretches(seg, set);
  const judgments = readJudgments(
    lines,
    seg.roles,
    stretches,
    problemTexts(set).join("\n").toLowerCase(),
  );
  const warnings: string[] = [];
  if (!seg.structured)
    warnings.push(
      "no speaker labels, timestamps or reasoning openers: the whole text is read as the answer",
    );

  // each turn's whole visible answer, gathered once (every candidate of the turn reads it)
  const visibleLines = new Map<number, string[]>();
  for (const l of lines) {
    const r = seg.roles[l.index]!;
    if (r.role !== "model") continue;
    const turnLines = visibleLines.get(r.turn);
    if (turnLines) turnLines.push(l.content);
    else visibleLines.set(r.turn, [l.content]);
  }
  const visibleOfTurn = new Map([...visibleLines].map(([t, ls]) => [t, ls.join("\n")]));

  // group stretches of one part by turn, kind and sharing
  const groups = new Map<string, Stretch[]>();
  for (const s of stretches) {
    const kind = s.role === "reasoning" ? "reasoning" : "model";
    const k = `${s.partId}\u0000${s.turn}\u0000${kind}\u0000${s.shared}\u0000${s.summary}`;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  const candidates = new Map<string, PartAnswer[]>();
  for (const ss of groups.values()) {
    const first = ss[0]!;
    const kind: Role = first.role === "reasoning" ? "reasoning" : "model";
    const bodies: string[] = [];
    for (const [n, s] of ss.entries()) {
      const out: string[] = [];
      // a note cut out of a reply leaves a gap where it stood ("Here is the diagram:", then "[the
      // picture did not print]", announces nothing that is there)
      const before = ss[n - 1];
      if (before && seg.roles.slice(before.to, s.from).some((r) => r.role === "commentary"))
        out.push("", "");
      for (let i = s.from; i < s.to; i++) {
        const r = seg.roles[i]!;
        const l = lines[i]!;
        const keep =
          kind === "reasoning" ? r.role === "reasoning" || r.role === "model" : r.role === "model";
        if (!keep) {
          if (kind === "model" && r.role === "commentary" && seg.roles[i - 1]?.role !== r.role)
            out.push("", "");
          continue;
        }
        // a speaker label alone on its line ("Maya Okafor  12:31 PM") is not the answer
        if (seg.labels.get(i)?.alone) continue;
        // a stretch may start or end inside a line (a paragraph answering several parts); a
        // speaker label opening the line is not part of the answer
        const label = seg.labels.get(i)?.rest ?? 0;
        const text = l.content.slice(
          Math.max(label, i === s.from ? (s.fromCol ?? 0) : 0),
          i === s.to - 1 ? (s.toCol ?? l.content.length) : l.content.length,
        );
        // the part label itself is blanked on the stretch's first line; struck-out text is gone
        const piece = withoutStruck(
          i === s.from && s.fromCol === undefined ? blankLabel(text, s.cue) : text,
        );
        const prev = out.length ? out[out.length - 1]! : undefined;
        if (prev !== undefined && i > s.from && wrapped(lines[i - 1]!, l, prev, piece))
          out[out.length - 1] = prev.endsWith("-")
            ? prev.slice(0, -1) + piece.trimStart()
            : `${prev.trimEnd()} ${piece.trimStart()}`;
        else out.push(piece);
      }
      bodies.push(out.join("\n"));
    }
    const last = ss[ss.length - 1]!;
    const c: PartAnswer = {
      partId: first.partId,
      body: bodies.join("\n"),
      whole: visibleOfTurn.get(first.turn) ?? "",
      start: lines[first.from]!.contentStart + (first.fromCol ?? 0),
      end:
        last.toCol === undefined
          ? lines[last.to - 1]!.end
          : lines[last.to - 1]!.contentStart + last.toCol,
      line: first.from + 1,
      lastLine: last.to,
      turn: first.turn,
      role: kind,
      shared: first.shared,
      summary: first.summary,
      markers: ss.flatMap((s) => markersIn(lines, s.from, s.to)),
      cue: first.cue,
    };
    candidates.set(c.partId, [...(candidates.get(c.partId) ?? []), c]);
  }
  for (const list of candidates.values()) list.sort((a, b) => a.start - b.start);
  return {
    text,
    lines,
    roles: seg.roles,
    segmentation: seg,
    stretches,
    candidates,
    judgments,
    warnings,
  };
}

/**
 * The line with its part label ("### Part (c):", "**2(b):**") replaced by spaces, with the
 * punctuation and emphasis that close it, so readers see the answer.
 */
function blankLabel(content: string, cue: string): string {
  const label = cue.startsWith('label "') ? cue.slice(7, -1) : "";
  if (!label) return content;
  const at = content.indexOf(label);
  if (at < 0 || at > 12) return content;
  let end = at + label.length;
  while (end < content.length && ":.)*_".includes(content[end]!)) end++;
  return " ".repeat(end) + content.slice(end);
}

/** Text struck through ("~~Plot A = reverse KL~~") is taken back: it is not the answer. */
function withoutStruck(line: string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const open = line.indexOf("~~", from);
    const close = open < 0 ? -1 : line.indexOf("~~", open + 2);
    if (close < 0) return out + line.slice(from);
    out += `${line.slice(from, open)} `;
    from = close + 2;
  }
}

/**
 * Whether a line continues the one before it as hard-wrapped prose (copied from a PDF or an email):
 * the same paragraph, the earlier line long and cut mid-sentence, this one going on in lower case
 * (a line starting in capitals may be the next row of a summary: "For θe: ☒ …", "For θd: …").
 * A short line (a grid row, a list of pairs) keeps its own line.
 */
function wrapped(before: Line, line: Line, prev: string, piece: string): boolean {
  if (before.kind !== "paragraph" || line.kind !== "paragraph" || before.block !== line.block)
    return false;
  const p = prev.trimEnd();
  // (emphasis or a formula may open the next line: "…minimalizaci\n**zpětné** KL $D(Q‖P)$";
  // a bold label does not: "**θ_d:** task loss — yes")
  return (
    p.length >= 50 &&
    /[\p{Ll},)$-]$/u.test(p) &&
    /^\s*(?:\*\*|__|\*|_|\$)?[\p{Ll}(]/u.test(piece) &&
    !/^\s*(?:\*\*|__)[^*\n]{0,40}[:：]/.test(piece)
  );
}

/** A run of lines with one role and turn; offsets index the text, lines are 1-based. */
export type Segment = {
  role: Role;
  turn: number;
  start: number;
  end: number;
  line: number;
  lastLine: number;
  cue: string;
};

/** Runs of one role, turn and cue (blank lines join the run before them). */
export function segmentsOf(seg: Segmentation): Segment[] {
  const out: Segment[] = [];
  for (const l of seg.lines) {
    const r = seg.roles[l.index]!;
    const prev = out[out.length - 1];
    if (
      prev &&
      (l.kind === "blank" || (prev.role === r.role && prev.turn === r.turn && prev.cue === r.cue))
    ) {
      prev.end = l.end;
      prev.lastLine = l.index + 1;
      continue;
    }
    out.push({
      role: r.role,
      turn: r.turn,
      start: l.start,
      end: l.end,
      line: l.index + 1,
      lastLine: l.index + 1,
      cue: r.cue,
    });
  }
  return out;
}

/** The transcript as runs of one role, for annotated views. */
export function segmentTranscript(text: string, set: ProblemSet): Segment[] {
  return segmentsOf(segment(readMarkdown(text), set));
}
