/**
 * Where each part is answered. A scanner reads part labels at the start of a line ("## Part (c)",
 * "**(d) ii.**", "2a.", "3d-i:", "Q2  KL", "Problema 2", "On (a) you are right") into
 * {problem, letter, sub}; a label names a part only where the problem set has it and where the
 * reading order allows (a bare "(a)" inside part (c) of a problem whose options are lettered is an
 * option, not part (a)). Problem context also flows from the person's turns and from headings that
 * match a problem's title. The result is, per part, every stretch of the answerer's text that
 * answers it, with its turn and role.
 */
import type { Part, PartOf, ProblemSet } from "../problems/schema.js";
import { findMentions, OPTION_NOUN_SET } from "./extract.js";
import { numberWords, words } from "./lexicon/index.js";
import { type Line, nextNonBlank } from "./markdown.js";
import { findAliases, matchForm } from "./normalize.js";
import { answerTerms, type LineRole, partTexts, type Role, type Segmentation } from "./segment.js";
import {
  findPhrase,
  firstPhrase,
  phrasesIn,
  SPACELESS,
  startsWithPhrase,
  stripMarkup,
  UNSPACED,
  wordsOf,
} from "./words.js";

/** A part label read at a line start. */
export type Marker = {
  problem?: number;
  letter?: string;
  sub?: string;
  /** A heading, a part/problem word, a number with a letter, or a bold label alone. */
  strong: boolean;
  /** Characters of the content the label takes. */
  length: number;
};

/** One stretch of text answering a part. */
export type Stretch = {
  partId: string;
  /** Line range [from, to). */
  from: number;
  to: number;
  /** Where in the first line's content the stretch starts, and in the last line's it ends. */
  fromCol?: number;
  toCol?: number;
  turn: number;
  role: Role;
  /** The label named the letter only, for a part with sub-parts ("(d)" for (d)(i) and (d)(ii)). */
  shared: boolean;
  /** Under a heading of the turn's final answers ("## Final answers", "**Summary**"). */
  summary: boolean;
  cue: string;
};

const PROBLEM_WORDS = words("problem");
const ORDINAL_PREFIXES = words("ordinalPrefix");
const PART_WORDS = words("part");
const LEAD_INS = words("leadIn");
const ANSWER_WORDS = words("answer");
const REVISION_WORDS = words("revision");
const FINAL = words("final");
const PART_OF = words("partOf");
/** Sub-part numerals in reading order. */
const ROMANS = ["i", "ii", "iii", "iv"];

function skipSpaces(s: string, i: number): number {
  while (i < s.length && (s[i] === " " || s[i] === "\t" || s[i] === "*" || s[i] === "_")) i++;
  return i;
}

/** Past a LaTeX command that carries a label: "\section*{Problem 2}", "\item[(b)]", "\textbf{3(c)}". */
function skipLatexCommand(s: string, i: number): number {
  if (s[i] !== "\\") return i;
  let j = i + 1;
  while (j < s.length && /[a-zA-Z]/.test(s[j]!)) j++;
  if (j === i + 1) return i;
  if (s[j] === "*") j++;
  if (s[j] === "{" || s[j] === "[") j++;
  return skipSpaces(s, j);
}

/**
 * LaTeX lists whose items are the parts: under a problem, the k-th "\item" of an enumerate is part
 * (k), and inside it the k-th item of a nested enumerate is sub-part k (i, ii). Items with their own
 * label ("\item[(b)]") are read by the marker scanner instead.
 */
function latexLists(set: ProblemSet) {
  const counts: number[] = [];
  return {
    item(content: string, st: { problem?: number; letter?: string }): Marker | undefined {
      const t = content.trimStart();
      if (t.startsWith("\\begin{enumerate}")) counts.push(0);
      else if (t.startsWith("\\end{enumerate}")) counts.pop();
      if (!t.startsWith("\\item") || /^\\item\s*\[/.test(t) || !counts.length) return undefined;
      const k = counts[counts.length - 1]!;
      counts[counts.length - 1] = k + 1;
      const length = content.indexOf("\\item") + 5;
      if (counts.length === 1) {
        const letters = [
          ...new Set(set.parts.filter((p) => p.problem === st.problem).map((p) => p.letter)),
        ].filter(Boolean);
        const letter = letters[k];
        return letter ? { letter, strong: true, length } : undefined;
      }
      const subs = set.parts
        .filter((p) => p.problem === st.problem && p.letter === st.letter)
        .map((p) => p.sub)
        .filter(Boolean);
      const sub = subs[k];
      return sub ? { letter: st.letter, sub, strong: true, length } : undefined;
    },
  };
}

/** Past a rule of "=" or "-" that decorates a label ("===== Problem 1 =====" in a code comment). */
function skipDecoration(s: string, i: number): number {
  let j = i;
  while (j < s.length && (s[j] === "=" || s[j] === "-" || s[j] === "~")) j++;
  return j - i >= 3 ? skipSpaces(s, j) : i;
}

/** Each word list's words by their first character: a lookup tries only the words that can match. */
const byFirstChar = new WeakMap<string[], Map<string, string[]>>();

/** A word of `list` at s[i] (lower case), followed by a non-letter; its length or 0. */
function wordAt(s: string, i: number, list: string[]): number {
  let index = byFirstChar.get(list);
  if (!index) {
    index = new Map();
    for (const w of list) index.set(w.slice(0, 1), [...(index.get(w.slice(0, 1)) ?? []), w]);
    byFirstChar.set(list, index);
  }
  const first = s[i]?.toLowerCase()[0];
  const candidates = first === undefined ? undefined : index.get(first);
  if (!candidates) return 0;
  const lower = s.slice(i, i + 24).toLowerCase();
  for (const w of candidates) {
    if (!lower.startsWith(w)) continue;
    const next = lower[w.length];
    if (next === undefined || !/\p{L}/u.test(next) || /[\p{Script=Han}]/u.test(w)) return w.length;
  }
  return 0;
}

/**
 * Reads a part label at the start of `content`. Grammar (spaces and emphasis allowed between):
 * [lead-in] [problem-word | part-word] [number] [letter] [sub], where a letter is "(a)", "a)",
 * "a." or "a" right after a number, and a sub "(ii)", "ii.", "ii)", "-ii". A bounded scan: it reads
 * at most a few dozen characters of the line.
 */
export function readMarker(
  content: string,
  letters: Set<string>,
  subs: string[] = ["ii", "i"],
): Marker | undefined {
  const s = content.slice(0, 80);
  let i = skipDecoration(s, skipLatexCommand(s, skipSpaces(s, 0)));
  let strong = false;
  // "On (a) …", and an answer word before the label: "ANSWER 2a:", "Respuesta 2(b):"; or a
  // revision word: "Poprawione (d) ii.:", "Corrected 2(a):", "修正后的 (a)："
  const plainLead = wordAt(s, i, LEAD_INS) || wordAt(s, i, ANSWER_WORDS);
  // (a revision word leads only a label its colon closes: "Actually (b) is right" names option (b))
  const revisionLead = plainLead ? 0 : wordAt(s, i, REVISION_WORDS);
  const lead = plainLead || revisionLead;
  if (lead) i = skipSpaces(s, i + lead);
  const pwAt = i;
  const pw = wordAt(s, i, PROBLEM_WORDS);
  const partWord = pw ? 0 : wordAt(s, i, PART_WORDS);
  if (pw || partWord) {
    strong = true;
    i = skipSpaces(s, i + (pw || partWord));
    if (s[i] === "." || s[i] === "#" || s[i] === "-") i = skipSpaces(s, i + 1);
  }
  let problem: number | undefined;
  let j = i;
  while (j < s.length && j - i < 2 && s[j]! >= "0" && s[j]! <= "9") j++;
  if (j > i && !(s[j]! >= "0" && s[j]! <= "9")) {
    problem = Number(s.slice(i, j));
    i = j;
  } else if (pw) {
    // a number written as a word after a problem word: "السؤال الثاني", "Problem three"
    const n = numberWordAt(s, i);
    if (n) {
      problem = n.value;
      i += n.length;
    }
  }
  // the number before its problem word, as Hungarian and Turkish write it: "2. feladat", "3. soru"
  if (!pw && problem !== undefined && s[i] === ".") {
    const j = skipSpaces(s, i + 1);
    const w = wordAt(s, j, PROBLEM_WORDS);
    if (w) {
      strong = true;
      i = j + w;
    }
  }
  let letter: string | undefined;
  let sub: string | undefined;
  const readLetter = (): boolean => {
    const k = skipSpaces(s, i);
    const c = s[k]?.toLowerCase();
    if (s[k] === "(" && s[k + 2] === ")" && c !== undefined) {
      const l = s[k + 1]!.toLowerCase();
      if (letters.has(l)) {
        letter = l;
        i = k + 3;
        return true;
      }
    }
    if (c && letters.has(c) && !/\p{L}/u.test(s[k + 1] ?? "")) {
      const after = s[k + 1];
      // "a)" "a." "a:" always; a bare "a" only right after a number ("2a", "3d-i")
      if (after === ")" || after === "." || after === ":" || after === "(") {
        letter = c;
        i = after === "(" ? k + 1 : k + 2;
        return true;
      }
      if (problem !== undefined && k === i) {
        letter = c;
        i = k + 1;
        return true;
      }
    }
    return false;
  };
  // a section number counts the parts in order: "Q2.1" is 2(a), "Q3.4.2" is 3(d)(ii), after a
  // problem word, in bold, or before a title's dash or colon (a bare "2.1 nats" is a value)
  const dotted = problem !== undefined ? dottedOrdinals(s, i) : undefined;
  const dottedLetter = dotted && String.fromCharCode(96 + dotted.part);
  if (
    dotted &&
    dottedLetter &&
    (pw || /^\s*(\*\*|__)/.test(s) || /^\s*[—–:)-]/.test(s.slice(dotted.end))) &&
    letters.has(dottedLetter)
  ) {
    letter = dottedLetter;
    const r = dotted.sub === undefined ? undefined : ROMANS[dotted.sub - 1];
    if (r && subs.includes(r)) sub = r;
    i = dotted.end;
  } else if (problem !== undefined) {
    // "3.(c)", "3. (c)", "2.a", "2)a)"
    if (
      (s[i] === "." || s[i] === ")") &&
      (/[a-z(]/.test(s[i + 1] ?? "") || (s[i + 1] === " " && s[i + 2] === "("))
    )
      i++;
    readLetter();
  } else readLetter();
  // a sub-part: "(ii)", "ii.", "ii)", "-ii", "(d) i." — lower case, and closed by punctuation
  {
    let k = skipSpaces(s, i);
    if (letter && (s[k] === "-" || s[k] === ".")) k = skipSpaces(s, k + 1);
    const paren = s[k] === "(";
    const at = paren ? k + 1 : k;
    const r = subs.find((x) => s.startsWith(x, at) && !/\p{L}/u.test(s[at + x.length] ?? ""));
    if (r) {
      const close = s[at + r.length];
      // (or by a table cell's end: "| (d) ii | β = 1e-6 |")
      const cellEnd = letter !== undefined && /^\s*\|/.test(s.slice(at + r.length));
      // (or by a dash before its title, or the emphasis closing: "**(d) i — assignment**")
      const titled = letter !== undefined && /^(?:\s+[—–]|\*\*)/.test(s.slice(at + r.length));
      // (or, opening the line alone, by a word of another script than Latin, as a postposition
      // follows it: "ii бойынша"; before a Latin word "i" is a pronoun or a conjunction, and after
      // a letter a conjunction may join the next numeral, "(d) i 和 ii")
      const postposed =
        letter === undefined && close === " " && NON_LATIN_LETTER.test(s[at + r.length + 1] ?? "");
      const closed = paren
        ? close === ")"
        : close === "." ||
          close === ")" ||
          close === ":" ||
          close === "：" ||
          cellEnd ||
          titled ||
          postposed ||
          (close === undefined && letter !== undefined);
      if (closed) {
        sub = r;
        // (a colon stays: it ends the label as a stop of its own, "(d) ii：β = 1e-6")
        const stays =
          close === undefined || cellEnd || titled || postposed || close === ":" || close === "：";
        i = at + r.length + (stays ? 0 : 1);
      }
    }
  }
  if (problem === undefined && letter === undefined && sub === undefined) return undefined;
  // the label must end: punctuation, a space, or the end of the line
  let k = i;
  while (k < s.length && (s[k] === "*" || s[k] === "_")) k++;
  const end = s[k];
  // (an aside may follow a label its point closed: "(d) i.(更正)", "(d) ii.（corrected）")
  const aside = end === "(" && (s[k - 1] === "." || s[k - 1] === ")") && sub !== undefined;
  if (
    end !== undefined &&
    !aside &&
    !" :.)—–-\t|,}]\u3000：）．、".includes(end) &&
    !UNSPACED.test(end)
  )
    return undefined;
  // an ordinal's number counts a problem only before a problem word ("第3题", not "第1项")
  const ordinal = pw > 0 && ORDINAL_PREFIXES.includes(s.slice(pwAt, pwAt + pw));
  if (
    ordinal &&
    letter === undefined &&
    end !== undefined &&
    UNSPACED.test(end) &&
    !wordAt(s, k, PROBLEM_WORDS)
  )
    return undefined;
  // (or one that names its problem too, "Revised 3(d) ii. β = 1e-3": no option has a number)
  if (
    revisionLead &&
    !/^[.)]?\s*[:：]/.test(s.slice(k)) &&
    (problem === undefined || letter === undefined)
  )
    return undefined;
  if (problem !== undefined && letter !== undefined) strong = true;
  // a problem number set in bold on its own ("**1.**") is a heading in all but name; a bold letter
  // may be an option ("**(b)** — the U-shaped curve"), so it stays weak
  if (problem !== undefined && /^\s*(\*\*|__)/.test(s)) {
    let j = k;
    if (".:)".includes(s[j] ?? " ")) j++;
    if (
      s.startsWith("**", j) ||
      s.startsWith("__", j) ||
      (j > 0 && (s[j - 1] === "*" || s[j - 1] === "_"))
    )
      strong = true;
  }
  if (
    problem !== undefined &&
    letter === undefined &&
    !strong &&
    s[i] !== "." &&
    s[i] !== ")" &&
    s[i] !== ":"
  )
    return undefined;
  return { problem, letter, sub, strong, length: k };
}

/** A letter of any script but Latin. */
const NON_LATIN_LETTER = /^(?!\p{Script=Latin})\p{L}/u;

/** ".4.2" at s[i]: one or two single-digit ordinals, each after a dot, the run ending there. */
function dottedOrdinals(
  s: string,
  i: number,
): { part: number; sub?: number; end: number } | undefined {
  const digit = (k: number) =>
    s[k] === "." && /[1-9]/.test(s[k + 1] ?? "") && !/\d/.test(s[k + 2] ?? "");
  if (!digit(i)) return undefined;
  const part = Number(s[i + 1]);
  if (digit(i + 2)) return { part, sub: Number(s[i + 3]), end: i + 4 };
  return { part, end: i + 2 };
}

/**
 * A short line that opens with a problem's number and a word, or a word and the number, its text
 * about that problem: "1 uždavinys. Transformerio inicializacijos klaida", "Zadatak 1 –
 * inicijalizacija Transformera" (the problem word in a language the lexicon does not know). A
 * strong label of the problem.
 */
function numberedTitle(content: string, set: ProblemSet, problems: number[]): Marker | undefined {
  if (content.length > 100) return undefined;
  // "1 uždavinys. …" (the number first) or "Zadatak 1 – …" (a word, then the number)
  const m =
    /^\s*(\d{1,2})\s+\p{L}/u.exec(content) ??
    /^\s*\p{L}{3,20}\s+(\d{1,2})(?![\d.,(])/u.exec(content);
  if (!m) return undefined;
  const problem = Number(m[1]);
  if (!problems.includes(problem) || guessProblem(content, set, [problem]) !== problem)
    return undefined;
  return { problem, letter: undefined, sub: undefined, strong: true, length: m[0].length };
}

/** Which problem a heading names by its title ("2. Comparing Distributions", "VIB"), if any. */
export function problemByTitle(text: string, set: ProblemSet): number | undefined {
  const ws = new Set(wordsOf(text).filter((w) => w.length >= 4));
  let best: number | undefined;
  let bestScore = 0;
  for (const p of set.problems) {
    const tw = wordsOf(p.title).filter((w) => w.length >= 4);
    const hits = tw.filter(
      (w) => ws.has(w) || [...ws].some((x) => x.startsWith(w.slice(0, 6))),
    ).length;
    const kw = p.keywords.filter((k) => ws.has(k.toLowerCase())).length;
    // one shared word is chance ("Figure 1: Comparing your model's loss …" is not "Comparing
    // Distributions"): two cues at least
    const score = hits + kw >= 2 ? hits * 2 + kw : 0;
    if (score > bestScore) {
      bestScore = score;
      best = p.number;
    }
  }
  return bestScore >= 2 ? best : undefined;
}

/** Keyword evidence for each problem in a text (to place unlabelled answers). */
function guessProblem(text: string, set: ProblemSet, among: number[]): number | undefined {
  // (in plain form: "$\theta_d$" is the keyword "θd")
  const lower = matchForm(text);
  const ws = wordsOf(lower);
  // a long keyword with an inflection's ending counts too: "transformera", "transformerin"
  const inflected = (k: string) =>
    k.length >= 6 &&
    !k.includes(" ") &&
    ws.some((w) => w.startsWith(k) && w.length - k.length <= 4);
  let best: number | undefined;
  let bestScore = 0;
  let tied = false;
  for (const p of set.problems) {
    if (!among.includes(p.number)) continue;
    // whole words: "kl" is no keyword inside "klopt"
    const score = p.keywords.filter((k) => {
      const kw = k.toLowerCase();
      return findPhrase(lower, kw) >= 0 || inflected(kw);
    }).length;
    if (score > bestScore) {
      bestScore = score;
      best = p.number;
      tied = false;
    } else if (score === bestScore && score > 0) tied = true;
  }
  // (words of two problems alike guess neither: "if β is large, doesn't the KL dominate?" is
  // about the VIB's KL term as much as about problem 2's)
  return tied ? undefined : best;
}

type PromptIndex = { parts: Part[]; stems: Set<string>[]; weight: Map<string, number> };
const promptIndexes = new WeakMap<ProblemSet, PromptIndex>();

/** Word stems, so that "distribution" meets "distributions" and "fits" meets "fitted". */
function stemsOf(text: string): Set<string> {
  return new Set(
    wordsOf(text)
      .filter((w) => w.length >= 4)
      .map((w) => w.slice(0, 5)),
  );
}

function promptIndex(set: ProblemSet): PromptIndex {
  let index = promptIndexes.get(set);
  if (!index) {
    const parts = set.parts;
    const stems = parts.map((p) => stemsOf(partTexts(p).join(" ")));
    const df = new Map<string, number>();
    for (const s of stems) for (const w of s) df.set(w, (df.get(w) ?? 0) + 1);
    // a stem every part uses says nothing about which part a request means
    const weight = new Map([...df].map(([w, n]) => [w, Math.log(parts.length / n)]));
    index = { parts, stems, weight };
    promptIndexes.set(set, index);
  }
  return index;
}

/**
 * The part whose own sentences a request paraphrases without naming it ("Which validation-error
 * curve vs beta fits VIB on MNIST?" asks 3(c)), when one part stands out from the rest.
 */
export function partByPrompt(text: string, set: ProblemSet): Part | undefined {
  const [best, second] = promptScores(text, set).sort((a, b) => b.score - a.score);
  return best && best.shared >= 3 && best.score >= 1.5 * (second?.score ?? 0) && best.score >= 3
    ? best.part
    : undefined;
}

/**
 * How much of each part's own wording a text shares: the weights of the stems in common (a stem
 * every part uses weighs nothing) and how many there are, in the problem set's order.
 */
function promptScores(
  text: string,
  set: ProblemSet,
): { part: Part; score: number; shared: number }[] {
  const { parts, stems, weight } = promptIndex(set);
  const asked = stemsOf(text);
  return parts.map((part, i) => {
    let score = 0;
    let shared = 0;
    for (const w of asked)
      if (stems[i]!.has(w)) {
        score += weight.get(w) ?? 0;
        shared++;
      }
    return { part, score, shared };
  });
}

/**
 * The requested parts a heading names by a bare letter within its first two words ("Sashe (a):
 * …", "Kısım (b) —"), if that letter is one the request asked for.
 */
function headingLetterPart(content: string, requested: Part[]): Part[] | undefined {
  const t = stripMarkup(content).trim();
  const m = /^(?:[\p{L}\p{M}]+\s+){1,2}\(([a-h])\)/u.exec(t);
  if (!m) return undefined;
  const parts = requested.filter((p) => p.letter === m[1]);
  return parts.length ? parts : undefined;
}

/** A paragraph's opening words up to its first stop or colon, when they are few (a run-in head). */
function leadOf(content: string): string {
  const t = stripMarkup(content).trim();
  const stop = t.search(/[.:：。](?:\s|$)/);
  if (stop < 0) return "";
  const lead = t.slice(0, stop);
  return wordsOf(lead).length <= 7 ? lead : "";
}

/**
 * The grid part whose column labels a request names, two or more of them ("which terms send
 * gradient to θe and which to θd?", or the pasted grid's header "θe   θd"), in any language.
 */
function gridByColumns(text: string, set: ProblemSet): Part | undefined {
  const grids = set.parts.filter(
    (p): p is PartOf<"checkbox-grid"> =>
      p.answerType === "checkbox-grid" &&
      p.columns.filter((c) => text.includes(c.label)).length >= Math.min(2, p.columns.length),
  );
  return grids.length === 1 ? grids[0] : undefined;
}

/**
 * Among the parts a request asked for, the one a section's opening words name by its own words
 * ("Gradient table." for 3(b), "The curve." for 3(c)), when one scores above the rest.
 */
function partByLead(lead: string, among: Part[], set: ProblemSet): Part | undefined {
  const [best, second] = promptScores(lead, set)
    .filter((s) => among.includes(s.part))
    .sort((a, b) => b.score - a.score);
  return best && best.score >= 0.5 && best.score > (second?.score ?? 0) ? best.part : undefined;
}

type State = {
  problem?: number;
  letter?: string;
  sub?: string;
  enumeration: boolean;
  enumBlock: number;
};

/** The reading state inside one part's answer. */
function insidePart(p: Part): State {
  return {
    problem: p.problem,
    letter: p.letter || undefined,
    sub: p.sub || undefined,
    enumeration: false,
    enumBlock: -1,
  };
}

function partFor(
  set: ProblemSet,
  problem: number | undefined,
  letter?: string,
  sub?: string,
): Part[] {
  if (problem === undefined) return [];
  return set.parts.filter(
    (p) =>
      p.problem === problem &&
      (letter === undefined || p.letter === letter) &&
      (sub === undefined ? true : p.sub === sub),
  );
}

/** Whether the part's own options or items are labelled by lower-case letters (panels, curves). */
/** Whether a line holds a part's label and nothing more ("### 3(a)", "**(c)**"). */
function labelAlone(content: string, letters: Set<string>): boolean {
  const m = readMarker(content, letters);
  return m !== undefined && !/[\p{L}\p{N}]/u.test(stripMarkup(content.slice(m.length)));
}

/**
 * Whether the lines from `from` restate parts' labels: the next line opens with one ("(a) …"), or
 * the one after a short line over them (a table's header copied as text, "Part⇥Answer").
 */
function labelsFollow(lines: Line[], from: number, letters: Set<string>): boolean {
  const next = nextNonBlank(lines, from);
  const opensLabel = (k: number) =>
    readMarker(lines[k]?.content ?? "", letters)?.letter !== undefined;
  if (opensLabel(next)) return true;
  const header = lines[next];
  return (
    header?.kind === "paragraph" &&
    header.content.length < 40 &&
    opensLabel(nextNonBlank(lines, next + 1))
  );
}

function letteredOptions(part: Part | undefined): boolean {
  if (!part) return false;
  const labels =
    part.answerType === "single-choice"
      ? part.optionsVia
        ? ["a"]
        : part.options.map((o) => o.label)
      : part.answerType === "assignment"
        ? part.items.map((o) => o.label)
        : [];
  return labels.includes("a");
}

/**
 * Whether a line opens with one of the part's own capital-letter items ("B: reverse KL" inside
 * 2(b), whose plots are A and B): an item of the answer, not the label of part (b).
 */
function opensWithItemOf(part: Part | undefined, content: string): boolean {
  if (part?.answerType !== "assignment") return false;
  const first = stripMarkup(content).trimStart()[0];
  return first !== undefined && /\p{Lu}/u.test(first) && part.items.some((o) => o.label === first);
}

/** Whether a line names one of the part's values or options ("β = 10⁻³" in 3(d)). */
function namesValueOf(part: Part | undefined, content: string): boolean {
  const values =
    part?.answerType === "assignment"
      ? part.values
      : part?.answerType === "single-choice"
        ? part.options
        : [];
  return findMentions(matchForm(content), values, true).length > 0;
}

/**
 * A line's text with its numbered list item's number before it, as a label ("1) El error …",
 * "2. (a) P = …"): Markdown holds the number apart from the text.
 */
export function withItemNumber(bullet: string, content: string): string {
  return /^\d{1,2}[.)]$/.test(bullet) ? `${bullet} ${content}` : content;
}

/** The text of line `i`'s block from that line on (a list item's paragraph, all its lines). */
function blockText(lines: Line[], i: number): string {
  const out: string[] = [];
  for (let k = i; k < lines.length && lines[k]!.block === lines[i]!.block; k++)
    out.push(lines[k]!.content);
  return out.join("\n");
}

/** An option pasted under its empty box, with its letter: "☐ (a) rises steadily", "[ ] b) …". */
const BOXED_OPTION = /^\s*(?:[-*+]\s+)?(?:[☐□▢⬜◻❏❑]|\[ \])\s*\(?([a-h])\)/u;

/**
 * The lines that restate one part's options, each under its empty box, in the order of their
 * letters ("☐ (a) …" … "☐ (d) …"), mapped to that part: the one part whose lettered options (or
 * items) are as many. A question may be put in words no problem set holds; its pasted options
 * still say which part it is.
 */
function boxedOptionLists(
  lines: Line[],
  roles: LineRole[],
  set: ProblemSet,
): Map<number, { part: Part; first: boolean }> {
  const lists = new Map<number, { part: Part; first: boolean }>();
  let i = 0;
  while (i < lines.length) {
    // (a run starts at "(a)" only: each line is looked at once)
    if (BOXED_OPTION.exec(lines[i]!.content)?.[1] !== "a") {
      i++;
      continue;
    }
    const run: number[] = [];
    let j = i;
    for (; j < lines.length && roles[j]?.role === roles[i]?.role; j++) {
      if (lines[j]!.kind === "blank") continue;
      const letter = BOXED_OPTION.exec(lines[j]!.content)?.[1];
      if (letter !== String.fromCharCode(97 + run.length)) break;
      run.push(j);
    }
    const parts = run.length >= 3 ? set.parts.filter((p) => letteredCount(p) === run.length) : [];
    if (parts.length === 1)
      for (const k of run) lists.set(k, { part: parts[0]!, first: k === run[0] });
    i = Math.max(j, i + 1);
  }
  return lists;
}

/** How many lettered options (or items) a part has, "(a)" to "(d)": 0 when they are not lettered. */
function letteredCount(part: Part): number {
  if (!letteredOptions(part)) return 0;
  return part.answerType === "single-choice"
    ? part.optionsVia
      ? 0
      : part.options.length
    : part.answerType === "assignment"
      ? part.items.length
      : 0;
}

/**
 * The stretches of answer text per part. Only the answerer's lines (model and reasoning) answer;
 * every line may set the problem context.
 */
export function findStretches(seg: Segmentation, set: ProblemSet): Stretch[] {
  const { lines, roles } = seg;
  const letters = new Set(set.parts.map((p) => p.letter).filter(Boolean));
  const subs = [...new Set(set.parts.map((p) => p.sub).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  const problems = set.problems.map((p) => p.number);
  const stretches: Stretch[] = [];
  const optionLists = boxedOptionLists(lines, roles, set);
  let state: State = { enumeration: false, enumBlock: -1 };
  let open:
    | { parts: Part[]; from: number; fromCol?: number; shared: boolean; cue: string }
    | undefined;
  /** The last line before the current one that holds anything. */
  let lastContent = -1;
  let lastTurn = -1;
  let lastTurnRole: Role | undefined;
  let turnProblem: number | undefined;
  /** Parts the person's last turn asked for ("and 2(a)?", "just (d) please"). */
  let asked: Part[] = [];
  /** Whether the person's words since the last answer named a part or a problem. */
  let requestNamed = false;
  /** The turn whose lines the current request comes from. */
  let askedTurn = -1;
  /** Who made that request, by speaker label, and who speaks in the current turn. */
  let askedSender: string | undefined;
  /** Whether the request names a part by its label, not only in words like its statement's. */
  let askedByName = false;
  let sender: string | undefined;
  let answeredSinceAsked = false;
  /** What the person has said since the last reply, and the parts that reply answered. */
  let sinceReply = "";
  let replyParts: Part[] = [];
  let lastReplyParts: Part[] = [];
  let answererRole: Role | undefined;
  /** The parts of the one part (letter) the request right before this reply asked for. */
  let turnAsked: Part[] = [];
  /** The parts whose pasted statement (its empty boxes) ended the text before the next message. */
  let prompted: Part[] | undefined;
  let promptTurn = -1;
  /** Every part the request right before this reply named. */
  let turnRequest: Part[] = [];
  /** The part the answerer's text last answered. */
  let lastAnswered: Part | undefined;
  /** Whether the answerer's turn has reached its final answers. */
  let inSummary = false;
  /** Whether the answerer's turn labels its parts: then a section's opening words name none. */
  let labelledReply = false;

  const latex = latexLists(set);

  /** Earlier lines by their opening words, to know a quotation of one (a chat app's quoted reply). */
  const openings = new Map<string, string[]>();
  const OPENING = 32;
  const repeatsEarlier = (content: string): boolean => {
    const text = content.trim().replace(/(…|\.\.\.)$/, "");
    const key = text.slice(0, OPENING);
    const earlier = openings.get(key);
    const repeats = text.length >= 2 * OPENING && !!earlier?.some((e) => e.startsWith(text));
    if (key.length === OPENING && !repeats) {
      const list = openings.get(key) ?? [];
      if (list.length < 8) list.push(content.trim());
      openings.set(key, list);
    }
    return repeats;
  };

  /** The state a reply starts in: inside the one part the person asked for, if there is one. */
  const turnStart = (problem: number | undefined): State => {
    const one = turnAsked[0];
    // (inside the part asked for, its sub-part still to be read: "ii." opens (d)(ii); inside the
    // problem of the parts asked for, where all are of one: "Please do 2(a) and 2(b)", then "## (a)")
    const first = turnRequest[0]?.problem;
    const ofOne = turnRequest.every((p) => p.problem === first) ? first : undefined;
    return one
      ? { ...insidePart(one), sub: undefined }
      : { problem: ofOne ?? problem, enumeration: false, enumBlock: -1 };
  };

  /** Ends the open stretch before line `to`, or inside line `to - 1` at column `toCol`. */
  const close = (to: number, toCol?: number) => {
    if (!open) return;
    // a stretch ends at the last answerer line before `to`
    let end = to;
    while (end > open.from && !isAnswerer(roles[end - 1]!)) end--;
    if (end > open.from) {
      lastAnswered = open.parts[0];
      replyParts.push(...open.parts);
      for (const p of open.parts) {
        const role = roles[open.from]!.role;
        stretches.push({
          partId: p.id,
          from: open.from,
          to: end,
          fromCol: open.fromCol,
          toCol: end === to ? toCol : undefined,
          turn: roles[open.from]!.turn,
          role,
          shared: open.shared,
          summary: inSummary,
          cue: open.cue,
        });
      }
    }
    open = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const r = roles[i]!;
    const prevContent = lastContent;
    if (l.kind !== "blank") lastContent = i;
    // the answerer's messages in a row are one reply split into bubbles (a chat app's one
    // message a line): the reply goes on
    if (r.turn !== lastTurn && r.role === "model" && lastTurnRole === "model") lastTurn = r.turn;
    if (r.turn !== lastTurn) {
      lastTurnRole = r.role;
      // a new turn: the letter state starts over; the problem carries from the person's turn, and
      // a reply to a request for one part starts inside that part
      close(i);
      if (r.role === "person" || r.role === "other") turnProblem = undefined;
      lastTurn = r.turn;
      sender = seg.labels.get(i)?.name;
      answererRole = r.role;
      turnRequest = isAnswerer(r) && !answeredSinceAsked ? asked : [];
      inSummary = false;
      labelledReply = false;
      // a reply to a request for one part answers it; a reply to words that name no part
      // ("are you sure?", "two Gaussians always give a finite KL") goes on with the last one
      // (or, where the words name the answer of one part the last reply gave, that part: "in the
      // one with the plots you have it reversed, forward KL is mass covering")
      const spokenOf =
        isAnswerer(r) && !asked.length ? partByAnswerWords(sinceReply, lastReplyParts) : undefined;
      const followed = spokenOf ?? (requestNamed ? undefined : lastAnswered);
      const followUp = followed
        ? set.parts.filter((p) => p.problem === followed.problem && p.letter === followed.letter)
        : [];
      turnAsked =
        isAnswerer(r) && !answeredSinceAsked
          ? onePart(asked)
            ? [...new Set(asked)]
            : followUp
          : [];
      state = isAnswerer(r)
        ? turnStart(state.problem)
        : { problem: state.problem, enumeration: false, enumBlock: -1 };
    }
    if (isAnswerer(r) && r.role !== answererRole) {
      // the reasoning ends and the visible answer starts over: its own labels count from the
      // start, and a part still open goes on as a second candidate
      if (answererRole === "reasoning") state = turnStart(state.problem);
      answererRole = r.role;
      if (open) {
        const { parts, shared, cue } = open;
        close(i);
        open = { parts, from: i, shared, cue };
      }
    }
    if (l.kind === "code" || l.kind === "blank") continue;
    // a speaker label's own line may go on with the message ("Assistant: **1.** The bug …")
    const label = seg.labels.get(i);
    const raw = label ? l.content.slice(label.rest) : l.content;
    const content = l.kind === "table" ? raw.replace(/^\s*\|/, "") : raw;
    if (r.role === "person" && answeredSinceAsked) {
      // the person's next request replaces the last one
      asked = [];
      requestNamed = false;
      answeredSinceAsked = false;
      sinceReply = "";
      lastReplyParts = replyParts;
      replyParts = [];
    }
    if (r.role === "person" && sinceReply.length < 2000) sinceReply += `${content}\n`;
    // (thoughts alone answer nothing yet: the reply under its own label after them still answers
    // the request, "Show thinking" / … / "Gemini" / "Answer: (b)")
    if (r.role === "model") answeredSinceAsked = true;
    const answerer = isAnswerer(r);
    // a part's statement pasted after its label, with its empty boxes ("(b) Tick which …" then
    // the bare grid), is answered by the next message (a document's "GPT:" after each question)
    if (r.role === "prompt") {
      prompted = open?.parts ?? prompted;
      promptTurn = r.turn;
    } else if (answerer && prompted && r.turn !== promptTurn && !open) {
      state = insidePart(prompted[0]!);
      open = {
        parts: prompted,
        from: i,
        shared: prompted.length > 1,
        cue: "the part whose statement was pasted before it",
      };
      prompted = undefined;
    } else if (!answerer || r.turn === promptTurn) prompted = undefined;
    // a quoted reply repeats an earlier message's words ("The issue is that the word …"): no new
    // request
    const repeated = repeatsEarlier(content);
    if (!answerer && repeated) continue;
    // problem context from any text: "Problem 2", "## 2. Comparing Distributions", "Q2  KL"
    const titled =
      (l.kind === "heading" || /^\s*(\*\*|__)/.test(content) || l.heading) && content.length < 120
        ? problemByTitle(content, set)
        : undefined;
    // a LaTeX item's place in its list names the part before anything written after it
    // a numbered list item's number is a label too: the marker reader reads it with the text
    const numbered = withItemNumber(l.bullet, content);
    const byNumber = readMarker(numbered, letters, subs);
    // (an item's number that is no problem's, "4. (d) i. …" in a list of final answers, leaves
    // the label after it)
    const notAProblem =
      byNumber?.problem !== undefined &&
      !problems.includes(byNumber.problem) &&
      numbered !== content;
    // (nor does a report's section number before a problem its text names: "3. Problema 2 — KL")
    const own = numbered !== content ? readMarker(content, letters, subs) : undefined;
    const namesOwnProblem = own?.problem !== undefined && problems.includes(own.problem);
    const inContent =
      latex.item(content, state) ?? (notAProblem || namesOwnProblem ? own : undefined);
    const read =
      inContent ?? (notAProblem ? undefined : byNumber) ?? numberedTitle(numbered, set, problems);
    /** The text the label was read in: with the list item's number, or without it. */
    const labelled = read === inContent ? content : numbered;
    // a speaker's header that names its part ("**ChatGPT — (a)**") says what the message answers
    const m =
      read && label && !read.strong && stripMarkup(content).trim().length <= read.length + 2
        ? { ...read, strong: true }
        : read;
    if (!answerer) {
      const named = m?.problem ?? titled;
      // (a numbered item of the person's list names its problem where its words are that
      // problem's: "1) Transformer encoder-decoder …", "2) Kiinteä bimodaalinen P …")
      const listedProblem =
        r.role === "person" &&
        numbered !== content &&
        named !== undefined &&
        guessProblem(blockText(lines, i), set, problems) === named;
      const namesProblem =
        named !== undefined &&
        problems.includes(named) &&
        (m?.strong || titled !== undefined || l.kind === "heading" || listedProblem);
      if (namesProblem) {
        state.problem = named;
        turnProblem = named;
      } else if (r.role === "person") {
        const g = guessProblem(content, set, problems);
        if (turnProblem === undefined && g !== undefined) state.problem = g;
        // words about another problem than the last answer's are a new request, not a follow-up
        // and a question set as a heading is a new topic, not a push-back
        // (a speaker's label set as a heading, Claude Exporter's "## Prompt:", is no question)
        if (
          (g !== undefined && lastAnswered && g !== lastAnswered.problem) ||
          (l.kind === "heading" && stripMarkup(content).trim() !== "")
        )
          requestNamed = true;
      }
      // (a section of a report set out between a reviewer's comments opens with the part's own
      // label, "(b) Which terms send gradient …?": the report's author asks it, whoever spoke last)
      const sectionLabel = r.role === "other" && m?.letter !== undefined && label === undefined;
      if (r.role === "person" || sectionLabel) {
        // the person's latest line that names parts (or a problem) is the request the next
        // reply answers
        // once a request has asked for one part whose options are lettered, its next lines'
        // bare letters are those options ("3(c)?" then "which curve: (a) rises; (b) …")
        // (a chat app's next messages from the same sender go on with the request, before any
        // answer: "now 3(c)", a picture, then the statement with its options)
        const goesOn =
          askedTurn === r.turn || (askedTurn >= 0 && !answeredSinceAsked && sender === askedSender);
        const askedOne = goesOn ? onePart(asked) : undefined;
        const namedParts = partsNamedIn(
          content,
          set,
          state.problem,
          lastAnswered,
          letteredOptions(askedOne) ? askedOne : undefined,
          asked[asked.length - 1] ?? lastAnswered,
          lastReplyParts,
        );
        // a request may paraphrase its part instead of naming it ("which plot is which?"); its
        // bare letters, where they run (a), (b), (c), … once in order, restate that part's options
        // ("which of the curves best shows …? (a) rises; (b) …"), where labels of parts would
        // not start at (a) or would come back ("(c) Which curve …: (a) …; (d) … ? (d) MNIST …")
        const byPrompt = partByPrompt(content, set);
        const lettersRunInOrder = () => {
          const refs = partRefs(content.slice(0, 400), letters, true);
          return (
            refs.length >= 3 &&
            refs.every(
              (ref, k) => ref.problem === undefined && ref.letter === String.fromCharCode(97 + k),
            )
          );
        };
        const lettersAreOptions =
          namedParts.length > 0 && letteredOptions(byPrompt) && lettersRunInOrder();
        const listed = optionLists.get(i);
        const paraphrased = listed?.first
          ? listed.part
          : namedParts.length
            ? lettersAreOptions
              ? byPrompt
              : undefined
            : (byPrompt ?? gridByColumns(content, set));
        const parts =
          paraphrased && (!namesProblem || paraphrased.problem === state.problem)
            ? [paraphrased]
            : namedParts.length || !listedProblem
              ? namedParts
              : set.parts.filter((p) => p.problem === named);
        if (paraphrased && turnProblem === undefined) state.problem = paraphrased.problem;
        // a request for a part whose options are lettered, then its options one a line
        // ("(c): which curve?" / "(a) rises" / "(b) …"): the lines restate its options
        const one = askedTurn === r.turn ? onePart(asked) : undefined;
        const restatesOptions =
          (listed !== undefined && !listed.first) ||
          (one !== undefined && letteredOptions(one) && m?.problem === undefined && !!m?.letter);
        // an aside after the request, wholly in parentheses, speaks of a part without asking
        // for it ("(my note: the explanation for question 1 says nothing of the softmax)")
        const aside = askedTurn === r.turn && isAside(content);
        if ((parts.length || namesProblem) && !restatesOptions && !aside) {
          // lines of one request add up ("(a) …" then "(b) …"); a later request replaces it. A
          // part named by its label replaces words before it that only sound like another part:
          // they are the setting the problem gives all its parts ("X → encoder → Z → decoder →
          // Y", then "(a) draw the diagram")
          // (a report's numbered section, "3.2. Zadanie 3(c) – …", asks its own part anew)
          const sameRequest =
            askedTurn === r.turn &&
            (!namesProblem || listedProblem) &&
            !SECTION_NUMBER.test(numbered);
          const byName = parts.length > 0 && !paraphrased;
          asked = sameRequest && !(byName && !askedByName) ? [...asked, ...parts] : parts;
          askedByName = sameRequest ? askedByName || byName : byName;
          askedTurn = r.turn;
          askedSender = sender;
          requestNamed = true;
          // (the report's next section asks anew, as the person's next message does)
          if (sectionLabel) answeredSinceAsked = false;
        }
      }
      if (open) close(i);
      continue;
    }
    // a block of final answers ends at a rule or a heading: the text after it is something else
    // ("---" then "Original post:")
    if (inSummary && (l.kind === "rule" || (l.kind === "heading" && !m))) {
      close(i);
      inSummary = false;
    }
    // "## Final answers", "**Summary:**": what follows restates the turn's answers, last;
    // "**EDIT 2 (final — what I'm handing in):**" calls what follows final wherever it stands
    // (a page copied as text loses the emphasis: there, such a heading is a short line that
    // opens a paragraph, "Resumen", "Ringkasan Jawaban", over the parts' labels restated)
    const standsAlone =
      l.kind === "paragraph" &&
      content.length < 40 &&
      lines[i - 1]?.kind !== "paragraph" &&
      labelsFollow(lines, i + 1, letters);
    const emphasised = l.kind === "heading" || /^\s*(\*\*|__)/.test(content) || standsAlone;
    if (!m && emphasised && content.length < 120) {
      // the heading alone ("Final answers:", "Ringkasan Jawaban"), not an answer line ("**Answer:
      // (b)**"): answer words and nothing else
      const heading = stripMarkup(content).trim();
      let rest = heading;
      let word = startsWithPhrase(rest, ANSWER_WORDS);
      while (word) {
        rest = rest.slice(word.length).trimStart();
        word = startsWithPhrase(rest, ANSWER_WORDS) ?? startsWithPhrase(rest, FINAL);
      }
      const alone = rest !== heading && !/[\p{L}\p{N}]/u.test(rest);
      // ("**Final answer:** P = … on {1, 2, 3}:" is an answer line, not a heading: text follows
      // the emphasis)
      const final =
        stripMarkup(content).trimEnd().endsWith(":") &&
        (l.kind === "heading" || !/[\p{L}\p{N}]/u.test(afterEmphasis(content))) &&
        phrasesIn(content.toLowerCase(), FINAL).length > 0;
      // right under a part's heading or its label alone on a line ("### 3(a) The diagram" then
      // "**Final answer:**") it opens that part's answer, not a summary of the turn's answers
      // ("(c) answer: (b)." then "Summary" closes (c))
      // (or a quotation it opens under the part's label, after the question: "### 3(b) …",
      // "**Question:** …", then "> **Answer**" over the answer engine's reply)
      const opensQuote = l.quote > 0 && prevContent >= 0 && lines[prevContent]!.quote === 0;
      const underLabel =
        open?.cue.startsWith("label") === true &&
        (opensQuote ||
          (prevContent <= open.from &&
            (lines[open.from]?.kind === "heading" ||
              labelAlone(lines[open.from]?.content ?? "", letters))));
      if (((alone && content.length < 60) || final) && !underLabel) {
        close(i);
        inSummary = true;
      }
    }
    const accepted = m ? acceptMarker(m, l, state, set, content) : undefined;
    // a section of a reply to several parts, opened by a few words that name one of them in its
    // own terms ("Gradient table. Treat V as …", "**The curve:** …")
    // (in the visible answer: thoughts run on without sections)
    const lead =
      !accepted &&
      !labelledReply &&
      turnRequest.length >= 2 &&
      prevContent < i - 1 &&
      r.role === "model" &&
      !l.quote
        ? leadOf(content)
        : "";
    const byLead = lead
      ? partByLead(
          lead,
          set.parts.filter((p) => turnRequest.some((q) => q.problem === p.problem)),
          set,
        )
      : undefined;
    if (byLead && !open?.parts.includes(byLead)) {
      close(i);
      state = insidePart(byLead);
      open = { parts: [byLead], from: i, shared: false, cue: `section "${lead}"` };
      continue;
    }
    // a heading that names a requested part by its bare letter after a word of its own, in a
    // language no lexicon has ("## Sashe (a): Zanen toshe" in reply to "(a), (b) da (c)")
    const byHeading =
      !accepted && l.kind === "heading" && r.role === "model" && turnRequest.length >= 2
        ? headingLetterPart(content, turnRequest)
        : undefined;
    if (byHeading && !open?.parts.includes(byHeading[0]!)) {
      close(i);
      state = insidePart(byHeading[0]!);
      open = {
        parts: byHeading,
        from: i,
        shared: byHeading.length > 1,
        cue: `heading "${stripMarkup(content).trim().slice(0, 40)}"`,
      };
      continue;
    }
    if (!accepted) {
      if (titled !== undefined && l.kind === "heading" && titled !== state.problem) {
        close(i);
        state = { problem: titled, enumeration: false, enumBlock: -1 };
      }
      const one = turnAsked[0];
      if (!open && one && (!state.letter || (state.letter === one.letter && !state.sub))) {
        // a reply with no label answers the one part the person asked for
        state.problem = one.problem;
        open = {
          parts: turnAsked,
          from: i,
          shared: turnAsked.length > 1,
          cue: `the part the person asked for (${turnAsked.map((p) => p.id).join(", ")})`,
        };
      }
      if (!open && state.problem !== undefined) {
        // text of a problem with a single part answers that part without a label
        const only = set.parts.filter((p) => p.problem === state.problem);
        if (only.length === 1 && only[0]!.letter === "")
          open = { parts: only, from: i, shared: false, cue: `text of problem ${state.problem}` };
      }
      if (state.enumeration && l.block !== state.enumBlock && l.bullet === "" && l.list < 0)
        state.enumeration = false;
      splitAtReferences(i, l, content, label?.rest ?? 0, 0);
      continue;
    }
    close(i);
    state = {
      problem: accepted.problem,
      letter: accepted.letter,
      sub: accepted.sub,
      enumeration: false,
      enumBlock: -1,
    };
    let parts = partFor(set, accepted.problem, accepted.letter, accepted.sub);
    const shared =
      accepted.sub === undefined && parts.length > 1 && parts.every((p) => p.sub !== "");
    if (accepted.letter === undefined && accepted.sub === undefined) {
      // a problem named alone opens its only part (Problem 1), or the one part of it the request
      // asked for ("2) Forward vs reverse KL" after "2) … which plot is which?"), or sets the context
      const askedOfIt = turnRequest.filter((p) => p.problem === accepted.problem);
      parts =
        parts.length === 1 && parts[0]!.letter === ""
          ? parts
          : r.role === "model" && askedOfIt.length === 1
            ? askedOfIt
            : [];
    }
    if (parts.length) {
      open = {
        parts,
        from: i,
        shared,
        cue: `label "${stripMarkup(labelled.slice(0, m!.length)).trim()}"`,
      };
      if (r.role === "model") labelledReply = true;
    }
    splitAtReferences(i, l, content, label?.rest ?? 0, m!.length);
  }
  close(lines.length);
  return stretches;

  /**
   * One paragraph answering several parts ("… in 2(a) take P = U(0, 2) …; in 2(b) plot A is …"):
   * each explicit reference to a later part starts that part's stretch at the start of its clause.
   * References back ("as in 2(a)") and bare letters (options) do not.
   */
  function splitAtReferences(i: number, l: Line, content: string, base: number, from: number) {
    if (l.kind === "table") return;
    let lastCut = from;
    /** A problem named alone, whose part may follow in the same clause ("problem two, KL part a"). */
    let problemRef: { cut: number; end: number } | undefined;
    for (const ref of partRefs(content, letters, false, from)) {
      const problem = ref.problem ?? state.problem;
      if (problem === undefined) continue;
      // a sub-part alone ("for item ii, …") inside an answer to one letter's sub-parts, both
      // or one of them ("3(d) i. … ; ii. …")
      const openLetter =
        open?.parts[0]?.sub !== undefined || open?.shared
          ? open.parts.every((p) => p.letter === open!.parts[0]!.letter)
            ? open.parts[0]!.letter
            : undefined
          : undefined;
      const parts =
        ref.letter === undefined && ref.sub !== undefined
          ? openLetter !== undefined
            ? partFor(set, open!.parts[0]!.problem, openLetter, ref.sub)
            : []
          : partFor(set, problem, ref.letter, ref.sub).filter(
              (p) => ref.letter !== undefined || p.letter === "",
            );
      // (a number the problem set does not have names something else: "Tarea 12", "HW 12")
      if (ref.letter === undefined && ref.problem !== undefined && problems.includes(ref.problem)) {
        state.problem = ref.problem;
        const cut = clauseStart(content, lastCut, ref.at);
        problemRef =
          ref.at - cut <= MAX_OPENING_CHARS && wordsOf(content.slice(cut, ref.at)).length <= 3
            ? { cut, end: ref.end }
            : undefined;
      }
      if (!parts.length) continue;
      const current =
        open?.parts ?? (state.letter ? partFor(set, state.problem, state.letter, state.sub) : []);
      const at = Math.max(...current.map((p) => set.parts.indexOf(p)), -1);
      // a reference back ("as in 2(a)") opens nothing, unless this turn has not answered that
      // part yet: an answer may take the problems in its own order ("Start with problem 3")
      const narrows = ref.letter === undefined && openLetter !== undefined;
      // (a line opening with it, "My answer to 3(c) stays (b)", restates that part)
      if (set.parts.indexOf(parts[0]!) <= at && !narrows) {
        const turn = roles[i]!.turn;
        const opensLine = wordsOf(stripMarkup(content.slice(from, ref.at))).length <= 3;
        if (
          !(ref.ordinal || opensLine) ||
          stretches.some(
            (s) => s.turn === turn && s.role === roles[i]!.role && s.partId === parts[0]!.id,
          )
        )
          continue;
      }
      // the part of a problem named just before, in the same clause, opens at that clause
      const cut = clauseStart(content, lastCut, ref.at);
      const chained =
        problemRef !== undefined &&
        ref.problem === undefined &&
        cut <= problemRef.cut &&
        wordsOf(content.slice(problemRef.end, ref.at)).length <= 4;
      problemRef = undefined;
      // a reference that opens its clause ("In 2(b), …", "nel 3(c) la curva …"), not one deep in
      // a sentence about something else ("if you want help with 3d, let me know")
      // (prose naming a part by ordinals takes a few more words: "That observation settles the
      // second part of the third problem")
      // (read from at most a short span before it: a clause's opening words are few)
      if (!chained && ref.at - cut > MAX_OPENING_CHARS) continue;
      if (!chained && wordsOf(content.slice(cut, ref.at)).length > (ref.ordinal ? 8 : 3)) continue;
      close(i + 1, base + cut);
      state = {
        problem: parts[0]!.problem,
        letter: narrows ? openLetter : ref.letter,
        sub: ref.sub,
        enumeration: false,
        enumBlock: -1,
      };
      open = {
        parts,
        from: i,
        fromCol: base + cut,
        shared: ref.sub === undefined && parts.length > 1,
        cue: `in-line reference "${content.slice(ref.at, ref.end)}"`,
      };
      lastCut = cut;
    }
  }

  function acceptMarker(
    m: Marker,
    l: Line,
    st: State,
    set: ProblemSet,
    content: string,
  ): { problem?: number; letter?: string; sub?: string } | undefined {
    const problem = m.problem ?? st.problem;
    if (problem === undefined || !problems.includes(problem)) {
      if (m.problem === undefined && m.letter) {
        const g = guessProblem(
          content,
          set,
          problems.filter((n) => set.parts.some((p) => p.problem === n && p.letter === m.letter)),
        );
        if (g === undefined) return undefined;
        return { problem: g, letter: m.letter, sub: m.sub };
      }
      return undefined;
    }
    const hasPart = set.parts.some(
      (p) =>
        p.problem === problem &&
        (m.letter === undefined || p.letter === m.letter) &&
        (m.sub === undefined || p.sub === m.sub),
    );
    if (!hasPart) return undefined;
    if (m.problem !== undefined && m.letter === undefined && !m.strong) {
      // "2." in a numbered list: a problem only when moving forward to a problem its text is about
      // a problem the request asked for, in the reply's own numbered list, its first item or
      // moving forward ("1) … 2) …" asked, "1) Alustusbugi" answers)
      if (
        turnRequest.some((p) => p.problem === m.problem) &&
        (!open || st.problem === undefined || m.problem > st.problem)
      )
        return { problem, letter: undefined, sub: undefined };
      if (st.problem !== undefined && m.problem <= st.problem) return undefined;
      const about = problemByTitle(content, set) ?? guessProblem(content, set, [m.problem]);
      if (st.problem !== undefined && about !== m.problem) return undefined;
      // a numbered item whose text is about that problem answers it ("1) El error está en la
      // línea 9 …")
      if (about === m.problem) return { problem, letter: undefined, sub: undefined };
    }
    // in the reply to one part whose options are lettered, an option opening a line ("(d), the
    // inverted U"; in bold, "**(d)** — the upside-down U") is that option, not another part
    const current = set.parts.find(
      (p) => p.problem === st.problem && p.letter === st.letter && (!st.sub || p.sub === st.sub),
    );
    if (
      m.problem === undefined &&
      m.letter !== undefined &&
      m.letter !== st.letter &&
      turnAsked.length === 1 &&
      turnAsked[0] === current &&
      current.answerType === "single-choice" &&
      !turnRequest.some((p) => p.problem === problem && p.letter === m.letter) &&
      // (bold, its own words must describe it; plain, words must follow it on its line, and no
      // sub-part: "(d)" alone or "(d) i." opens part (d))
      (m.strong || l.kind === "heading"
        ? findMentions(matchForm(content.slice(m.length)), current.options, true).some(
            (o) => o.label === m.letter && !o.byLabel,
          )
        : m.sub === undefined &&
          /\p{L}/u.test(content.slice(m.length)) &&
          !/^\s*\(?(?:i{1,3}|iv)[.)]/i.test(content.slice(m.length)))
    )
      return undefined;
    if (m.strong || l.kind === "heading") {
      if (m.problem === undefined && m.letter === undefined && m.sub && !st.letter)
        return undefined;
      return { problem, letter: m.letter ?? (m.sub ? st.letter : undefined), sub: m.sub };
    }
    // weak labels: a bare letter or sub-part must move forward within the problem
    if (m.letter) {
      if (
        st.problem === problem &&
        st.letter &&
        m.letter <= st.letter &&
        !(m.letter === st.letter && m.sub && m.sub !== st.sub)
      ) {
        // (the turn's final answers walk the parts again: there an earlier letter is a part,
        // "Summary" then "(a) Z = μ + σ·V", unless its line gives a value of the part before, as
        // a panel's line does: "### Answer:" then "(a) β = 10⁻³")
        const restated =
          inSummary && m.letter < st.letter && !namesValueOf(current, content.slice(m.length));
        if (restated) return { problem, letter: m.letter, sub: m.sub };
        if (letteredOptions(current) || m.letter < st.letter || opensWithItemOf(current, content)) {
          st.enumeration = true;
          st.enumBlock = l.block;
          return undefined;
        }
      }
      // a later part the person asked for by name is that part, not an option ("(c) and (d)")
      const requested = turnRequest.some(
        (p) => p.problem === problem && p.letter === m.letter && m.letter! > (st.letter ?? ""),
      );
      if (requested) return { problem, letter: m.letter, sub: m.sub };
      if (st.enumeration && (l.block === st.enumBlock || l.list >= 0)) return undefined;
      if (st.letter && letteredOptions(current) && m.letter === "a") {
        st.enumeration = true;
        st.enumBlock = l.block;
        return undefined;
      }
      return { problem, letter: m.letter, sub: m.sub };
    }
    if (m.sub) {
      // "i." opening a reply to a request that named one part with sub-parts among others
      // ("going with (c). Last one: (d) …")
      if (!st.letter) {
        const asked = [
          ...new Set(
            turnRequest
              .filter((p) => p.problem === problem && p.sub === m.sub)
              .map((p) => p.letter),
          ),
        ];
        return asked.length === 1 ? { problem, letter: asked[0], sub: m.sub } : undefined;
      }
      const subs = set.parts
        .filter((p) => p.problem === problem && p.letter === st.letter)
        .map((p) => p.sub);
      if (!subs.includes(m.sub)) return undefined;
      if (st.sub && ROMANS.indexOf(m.sub) <= ROMANS.indexOf(st.sub)) return undefined;
      return { problem, letter: st.letter, sub: m.sub };
    }
    return undefined;
  }
}

/** A reference to a part inside running text: "2(a)", "(3a)", "3(d)(ii)", "q2a", "esercizio 1". */
export type PartRef = {
  /** Offset of the reference (its problem word, number or letter). */
  at: number;
  end: number;
  problem?: number;
  letter?: string;
  sub?: string;
  /** Named by ordinals ("the second part of the third problem"), as prose does. */
  ordinal?: boolean;
};

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
/** A letter of a word a reference cannot start inside; scripts without spaces run into one ("次は2(b)"). */
const wordLetter = (c: string | undefined) => isLetter(c) && !SPACELESS.test(c!);

/**
 * Part references in running text, in order. A reference is a problem number with a part letter
 * ("2(a)", "2a:", "(3a)", "3(d)(i)", "q2a"), or a problem word with a number ("Problem 1",
 * "esercizio 2(a)"); with `bare`, also a lone letter closed by a parenthesis ("(c)", "c)"), which
 * in answers is usually an option and is left out. A single left-to-right scan.
 */
export function partRefs(text: string, letters: Set<string>, bare: boolean, from = 0): PartRef[] {
  const out: PartRef[] = [];
  let i = from;
  /** Where the last option's letter ("curves (a)") ended, for the letters that run on from it. */
  let optionsEnd = Number.NEGATIVE_INFINITY;
  while (i < text.length) {
    const prev = text[i - 1];
    // ("theta_d)" is a name's subscript, not the label "d)"; scripts without spaces run into the
    // reference: "次は2(b)です")
    const wordStart = !wordLetter(prev) && !isDigit(prev) && prev !== "_";
    let j = i;
    let word = 0;
    let spokenWord = 0;
    if (wordStart && isLetter(text[i])) {
      word = wordAt(text, i, PROBLEM_WORDS);
      // speech says "part two b" where text writes "2(b)"
      spokenWord = word || wordAt(text, i, PART_WORDS);
      if (word) {
        j = i + word;
        while (j < text.length && " .#".includes(text[j]!) && j - i - word < 3) j++;
      }
    }
    const numberStart = word ? j : i;
    const ordinal = wordStart && !word ? ordinalRefAt(text, i, letters) : undefined;
    if (ordinal) {
      out.push({ at: i, ...ordinal, ordinal: true });
      i = ordinal.end;
      continue;
    }
    // a sub-part alone in running text: "item ii", "part (ii)", "(ii)" (a bare "i" is a word)
    const subAt = spokenWord && !word ? skipSpaces(text, i + spokenWord) : wordStart ? i : -1;
    const sub = subAt >= 0 ? romanSubAt(text, subAt, spokenWord > 0 && !word) : undefined;
    if (sub) {
      out.push({ at: i, end: sub.end, sub: sub.sub });
      i = sub.end;
      continue;
    }
    // "…; ii. β = 1e-3": the second numeral closed by a stop or a parenthesis is a sub-part even
    // without a part word ("i." alone is too often an abbreviation's letter)
    if (
      wordStart &&
      /^ii[.)]/i.test(text.slice(i, i + 3)) &&
      (text[i + 3] === undefined || /\s/.test(text[i + 3]!))
    ) {
      out.push({ at: i, end: i + 3, sub: "ii" });
      i += 3;
      continue;
    }
    // "part b", "parte (c)", "part a." in running text: the part word names a letter alone
    if (spokenWord && !word) {
      const k = skipSpaces(text, i + spokenWord);
      const open = text[k] === "(";
      const c = text[open ? k + 1 : k];
      const after = text[open ? k + 2 : k + 1];
      const closedA = after === undefined || ".,:;)".includes(after);
      if (
        c &&
        letters.has(c) &&
        !isLetter(after) &&
        (!open || after === ")") &&
        (c !== "a" || open || closedA)
      ) {
        const end = open ? k + 3 : k + 1;
        out.push({ at: i, end, letter: c });
        i = end;
        continue;
      }
    }
    // (a one-letter problem word is an abbreviation, written with digits only: "Q2", not the "Q
    // bir kez" of "fit Q once")
    const spoken =
      spokenWord && !word
        ? spokenPartAt(text, skipSpaces(text, i + spokenWord), letters, true)
        : spokenPartAt(text, numberStart, letters, word > 1);
    if (spoken) {
      out.push({ at: i, ...spoken });
      i = spoken.end;
      continue;
    }
    const before = text[numberStart - 1];
    if (
      isDigit(text[numberStart]) &&
      text[numberStart] !== "0" &&
      (word || (!wordLetter(before) && !isDigit(before) && before !== "." && before !== ","))
    ) {
      let k = numberStart + 1;
      if (isDigit(text[k])) k++;
      // the number before its problem word, joined by a hyphen or a point, as Turkic languages
      // write an ordinal ("1-есеп", "3-soru", "2. masala"), or set apart, as Hungarian and
      // Lithuanian do ("1. feladat", "1 uždavinį"): that problem, and its part after it
      const joined = text[k] === "-" || text[k] === ".";
      const gap = joined && text[k + 1] === " " ? 2 : joined || text[k] === " " ? 1 : 0;
      const after = gap ? wordAt(text, k + gap, PROBLEM_WORDS) : 0;
      // (not a count's number, "2/9 Opgave 1": a number after the word is the problem's)
      const numbered = after > 0 && isDigit(text[skipSpaces(text, k + gap + after)]);
      if (!word && after > 0 && !numbered && !isLetter(text[k + gap + after])) {
        const problem = Number(text.slice(numberStart, k));
        const end = k + gap + after;
        const ref = readLetterAndSub(text, end, letters);
        out.push({ at: i, end: ref?.end ?? end, problem, letter: ref?.letter, sub: ref?.sub });
        i = ref?.end ?? end;
        continue;
      }
      // (a full stop ends the number after a problem word, "Question 1. The bug…"; a decimal's
      // point, "1.5", or a list's number, "1. (a) …", does not)
      if (!isDigit(text[k]) && (text[k] !== "." || (word > 0 && !isDigit(text[k + 1])))) {
        const problem = Number(text.slice(numberStart, k));
        // (the problem word that closes the number may stand apart, and the part after it:
        // "第 2 題 (b)")
        const closer = word ? wordAt(text, skipSpaces(text, k), PROBLEM_WORDS) : 0;
        const ref =
          readLetterAndSub(text, k, letters) ??
          (closer ? readLetterAndSub(text, skipSpaces(text, k) + closer, letters) : undefined);
        // ("第3题": a problem word may close the number too; "第1项", "the first term", is no problem)
        if (ref || (word && (!isLetter(text[k]) || wordAt(text, k, PROBLEM_WORDS) > 0))) {
          out.push({ at: i, end: ref?.end ?? k, problem, letter: ref?.letter, sub: ref?.sub });
          i = ref?.end ?? k;
          continue;
        }
      }
    }
    if (bare && wordStart && !word && !afterOptionNoun(text, i)) {
      const open = text[i] === "(";
      const c = text[open ? i + 1 : i];
      if (c && letters.has(c) && text[open ? i + 2 : i + 1] === ")" && (open || wordStart)) {
        const end = open ? i + 3 : i + 2;
        // (the letters that run on from an option's: "the curves (a)–(d)", "(a), (b)")
        if (i - optionsEnd <= 3 && /^\s*[–—\-/,]\s*$/.test(text.slice(optionsEnd, i))) {
          optionsEnd = end;
          i = end;
          continue;
        }
        const sub = subAfter(text, end);
        out.push({ at: i, end: sub?.end ?? end, letter: c, sub: sub?.sub });
        i = sub?.end ?? end;
        continue;
      }
    }
    // an option's letter: where its run may go on
    if (bare && wordStart && !word && text[i] === "(" && afterOptionNoun(text, i))
      optionsEnd = i + 3;
    i = word ? i + word : i + 1;
  }
  return out;
}

/**
 * Whether the word before text[i] names an option or item ("panel (a)", "curva (b)", and in the
 * plural, "the curves (a)–(d)", "les corbes (a)–(d)"): no part.
 */
function afterOptionNoun(text: string, i: number): boolean {
  // (at "a)" inside "(a)" too: the scan reaches the letter after passing its parenthesis)
  let end = text[i - 1] === "(" ? i - 1 : i;
  while (end > 0 && text[end - 1] === " ") end--;
  let start = end;
  // (a bounded look back: a noun is a short word)
  while (start > 0 && end - start < 16 && isLetter(text[start - 1])) start--;
  const word = text.slice(start, end).toLowerCase();
  return (
    start < end &&
    (OPTION_NOUN_SET.has(word) ||
      OPTION_STEMS.some((stem) => word.startsWith(stem) && word.length - stem.length <= 3))
  );
}
/** Option nouns' stems (all but the last letter, at most five), which their plurals share. */
const OPTION_STEMS = [
  ...new Set(
    [...OPTION_NOUN_SET]
      .filter((n) => /^\p{L}{5,}$/u.test(n))
      .map((n) => n.slice(0, Math.min(n.length - 1, 5))),
  ),
];

/**
 * A sub-part's numeral at text[i]: "(ii)", "(i)" in parentheses, or after a part word also bare
 * ("item ii", "part i,"), closed by a non-letter.
 */
function romanSubAt(
  text: string,
  i: number,
  afterPartWord: boolean,
): { sub: string; end: number } | undefined {
  const open = text[i] === "(";
  if (!open && !afterPartWord) return undefined;
  const from = open ? i + 1 : i;
  for (const r of ["iii", "ii", "i"]) {
    if (text.slice(from, from + r.length).toLowerCase() !== r) continue;
    const after = text[from + r.length];
    if (open ? after !== ")" : isLetter(after) || isDigit(after)) return undefined;
    return { sub: r, end: from + r.length + (open ? 1 : 0) };
  }
  return undefined;
}

const NUMBER_WORDS = numberWords();
const INDEFINITE_ARTICLES = new Set(words("indefiniteArticles"));
const NUMBER_LIST = [...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length);

/** A number written as a word at text[i] ("three", "drei", "الثاني"): its value and length. */
function numberWordAt(text: string, i: number): { value: number; length: number } | undefined {
  const length = wordAt(text, i, NUMBER_LIST);
  return length
    ? { value: NUMBER_WORDS.get(text.slice(i, i + length).toLowerCase())!, length }
    : undefined;
}

/**
 * A part named the way speech-to-text writes it: a number word after a problem or part word
 * ("problem three", "part two b", "Aufgabe zwei"), or before a part's letter ("Two B.", "three c
 * which curve", "three d two" for 3(d)(ii)). Transcribed speech often has no punctuation, so a
 * letter other than "a" counts anywhere; "a" (the article) and a capital only where a sentence
 * starts or the letter is closed by punctuation, so "one a day" is not a part.
 */
function spokenPartAt(
  text: string,
  i: number,
  letters: Set<string>,
  afterProblemWord: boolean,
): { end: number; problem: number; letter?: string; sub?: string } | undefined {
  if (!isLetter(text[i]) || isLetter(text[i - 1]) || isDigit(text[i - 1])) return undefined;
  const n = numberWordAt(text, i);
  if (!n) return undefined;
  const problem = n.value;
  const k = i + n.length;
  if (text[k] === " " && isLetter(text[k + 1]) && !isLetter(text[k + 2])) {
    const c = text[k + 1]!;
    const letter = c.toLowerCase();
    const closed = ".,:;)".includes(text[k + 2] ?? ".");
    let p = i - 1;
    while (p >= 0 && (text[p] === " " || text[p] === "\t")) p--;
    const sentenceStart = afterProblemWord || p < 0 || ".!?:;,…\n".includes(text[p]!);
    const plain = letter !== "a" && c === letter;
    if (letters.has(letter) && (plain || ((c !== letter || closed) && sentenceStart))) {
      // a sub-part spoken as a number after the letter: "three d two"
      const m = text[k + 2] === " " ? numberWordAt(text, k + 3) : undefined;
      if (m && m.value <= ROMANS.length)
        return { end: k + 3 + m.length, problem, letter, sub: ROMANS[m.value - 1] };
      return { end: k + 2, problem, letter };
    }
  }
  if (afterProblemWord) return { end: k, problem };
  return undefined;
}

/** Past a short word (an article: "the", "la", "der") and the spaces after it, or `i`. */
function pastArticle(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i <= 3 && isLetter(text[j])) j++;
  return j > i && j - i <= 3 && text[j] === " " ? skipSpaces(text, j) : i;
}

/**
 * A part named by ordinals, as essays write: "the third problem", "the second part of the third
 * problem", "the first question's second half". Returns the problem and, when a part word follows
 * the ordinal, the part's letter (the second part is (b)).
 */
function ordinalRefAt(
  text: string,
  i: number,
  letters: Set<string>,
): { end: number; problem?: number; letter?: string } | undefined {
  const n = numberWordAt(text, i);
  // (the article the number one doubles as counts nothing: "een vraag", "bir soru")
  if (!n || INDEFINITE_ARTICLES.has(text.slice(i, i + n.length).toLowerCase())) return undefined;
  // a Han numeral orders only after its ordinal prefix: "第四小题" is the fourth, "一共四小题" counts
  if (/\p{Script=Han}/u.test(text[i]!) && !ORDINAL_PREFIXES.some((p) => text.endsWith(p, i)))
    return undefined;
  const value = n.value;
  const k = skipSpaces(text, i + n.length);
  const pw = wordAt(text, k, PROBLEM_WORDS);
  if (pw && pw > 1) return { end: k + pw, problem: value };
  const partWord = wordAt(text, k, PART_WORDS);
  if (!partWord) return undefined;
  const letter = [...letters].sort()[value - 1];
  if (!letter) return undefined;
  // "… of the third problem": the problem it belongs to
  let j = skipSpaces(text, k + partWord);
  const of = wordAt(text, j, PART_OF);
  if (of) {
    j = pastArticle(text, skipSpaces(text, j + of));
    const m = numberWordAt(text, j);
    const after = m ? skipSpaces(text, j + m.length) : j;
    const pw2 = m ? wordAt(text, after, PROBLEM_WORDS) : 0;
    if (m && pw2 > 1) return { end: after + pw2, problem: m.value, letter };
  }
  return { end: k + partWord, letter };
}

/** "(a)", "a", "(d)(ii)", "d-ii", "d) ii." right after a problem number. */
function readLetterAndSub(
  text: string,
  k: number,
  letters: Set<string>,
): { letter: string; sub?: string; end: number } | undefined {
  let i = k;
  if (text[i] === " " && text[i + 1] === "(") i++;
  let letter: string | undefined;
  if (text[i] === "(" && text[i + 2] === ")" && letters.has(text[i + 1]!)) {
    letter = text[i + 1];
    i += 3;
  } else if (letters.has(text[i]!) && !isLetter(text[i + 1])) {
    // a bare letter must be closed: "2a:", "2a)", "2a,", "2a ", "3d-i" (not "3d plot" mid-word)
    letter = text[i];
    i += 1;
    if (text[i] === ")") i++;
  }
  if (!letter) return undefined;
  return { letter, ...(subAfter(text, i) ?? { end: i }) };
}

/**
 * A sub-part's numeral right after a part letter at text[i]: "(ii)", "-i", " i.", " ii)", ".ii",
 * and " ii" or " i" before a word of a script without spaces ("(d) i 번이요", "(d) ii는요") — not
 * before a Latin word, where "c) i think" is the pronoun.
 */
function subAfter(text: string, i: number): { sub: string; end: number } | undefined {
  for (const sub of ["iii", "ii", "i"]) {
    for (const [open, close] of [
      ["(", ")"],
      ["-", ""],
      [" ", "."],
      [" ", ")"],
      [".", ""],
      [" ", ""],
    ] as const) {
      const at = i + open.length;
      if (!text.startsWith(open, i) || !text.startsWith(sub, at)) continue;
      const after = at + sub.length;
      if (close && text[after] !== close) continue;
      if (!close && wordLetter(text[after])) continue;
      // (after the numeral: the line's end, a stop, or a word of a script without spaces)
      const next = text[skipSpaces(text, after)];
      if (
        open === " " &&
        !close &&
        next !== undefined &&
        !/[\n?!,;:]/.test(next) &&
        !SPACELESS.test(next)
      )
        continue;
      return { sub, end: after + close.length };
    }
  }
  return undefined;
}

const JUDGMENT = [...words("preferred"), ...words("judgedRight"), ...words("judgedWrong")];
const REQUEST = words("request");

/** A line that judges an answer ("I think (d) is better") and asks for nothing. */
function judges(text: string): boolean {
  return firstPhrase(text, JUDGMENT) !== undefined && firstPhrase(text, REQUEST) === undefined;
}

/**
 * Whether a text speaks of a problem's part by letter in its own terms: two or more of its rows,
 * columns or items ("the regularizer … θd"; one alone, "the KL term", is any part's word).
 */
function speaksOfPart(text: string, set: ProblemSet, problem: number, letter: string): boolean {
  const terms = set.parts
    .filter((x) => x.problem === problem && x.letter === letter && !letteredOptions(x))
    .flatMap(answerTerms);
  if (!terms.length) return false;
  return new Set(findMentions(matchForm(text), terms, true).map((m) => m.label)).size >= 2;
}

/**
 * Parts a person's line names: "2(a)", "3c", "q2a", "(d)", "part (b)", "y el c?" (the problem in
 * context); with `optionsOf`, a part already asked whose options are lettered, bare letters are
 * its options; `recent`, the part last asked for or answered, gives a bare sub-part its letter.
 */
function partsNamedIn(
  text: string,
  set: ProblemSet,
  problem: number | undefined,
  answered: Part | undefined,
  optionsOf?: Part,
  recent?: Part,
  replied: Part[] = [],
): Part[] {
  const letters = new Set(set.parts.map((p) => p.letter).filter(Boolean));
  const out: Part[] = [];
  const head = text.slice(0, 400);
  let prevEnd = 0;
  const refs = partRefs(head, letters, true);
  // "y el c? (a) sube … (b) …": a part named by its bare letter before any labelled one; the
  // labelled letters after it are then its options
  // (while a part's lettered options are being restated, a bare letter is one of them; a bare
  // sub-part numeral never is)
  const found = problem === undefined ? undefined : bareLetterRequest(head, letters);
  const bare = optionsOf && found?.letter ? undefined : found;
  // (a sub-part alone, "y el ii?", is of the letter last asked for or answered)
  const bareLetter = bare?.letter ?? (bare?.sub ? recent?.letter : undefined);
  // (only before every labelled reference: in "and 3(b)?" the letter is the reference's)
  // (the bare letter's own "c)" is no labelled reference)
  const labelled = refs.find(
    (r) => !(r.problem === undefined && r.at >= (bare?.at ?? 0) && r.end <= (bare?.end ?? 0)),
  );
  const askedBare = bare && bareLetter && (labelled?.at ?? Number.POSITIVE_INFINITY) >= bare.end;
  if (askedBare) {
    out.push(
      ...set.parts.filter(
        (x) =>
          x.problem === problem && x.letter === bareLetter && (!bare.sub || x.sub === bare.sub),
      ),
    );
    prevEnd = bare.end;
  }
  const bareParts = out.length;
  // (a problem named in the text gives its letters after it their problem: "questão três, a parte
  // c e a parte d")
  let inText = problem;
  for (const ref of refs) {
    const p = ref.problem ?? inText;
    if (p === undefined || (optionsOf && ref.problem === undefined)) continue;
    if (!ref.letter) {
      // (a number the problem set does not have names something else: "tarea 12")
      if (ref.problem !== undefined && set.parts.some((x) => x.problem === ref.problem))
        inText = ref.problem;
      // "problem 1" names a problem of a single part: that part
      const only = set.parts.filter((x) => x.problem === p);
      if (ref.problem !== undefined && only.length === 1 && only[0]!.letter === "")
        out.push(only[0]!);
      continue;
    }
    // "c) which curve: (a) rises (b) …": after a part whose options are lettered, bare letters
    // that follow words of its own are its options, restated ("(c) and (d)" names two parts)
    // (a question closed by its mark, "y el c?", is followed by its options at once)
    const gap = wordsOf(head.slice(prevEnd, ref.at)).length;
    // (a later letter right after the question's mark opens the next part: "… (U inversé) ?
    // (d) MNIST réduit à 3 classes …")
    const afterQuestion =
      /[?？]\s*$/.test(head.slice(0, ref.at)) && ref.letter > (out[out.length - 1]?.letter ?? "");
    if (
      ref.problem === undefined &&
      out.length &&
      letteredOptions(out[out.length - 1]) &&
      !afterQuestion &&
      (gap >= 2 || (askedBare && out.length === bareParts))
    )
      continue;
    // a bare letter inside a remark on an answer whose options or panels are lettered points back
    // into that answer, as one of its options, where the remark judges it ("I think (d) is
    // better": a judgment, not a request such as "(d) please" or "now (d)", and no part word
    // before it, "part (d)") or where the letter would name a part before the answered one ("look
    // at the axes! (b) goes from -3 to 7" after 3(d)): the request is then that part again
    // (unless the text speaks in that letter's part's own terms: "on (b): the regularizer has no
    // θd in it" is about part (b), whatever options the last answer had)
    const wordBefore = head
      .slice(Math.max(0, ref.at - 12), ref.at)
      .trimEnd()
      .split(" ")
      .pop();
    // (not a letter the reply also answered as a part of its own: "are you sure about (c)?", "in
    // (c), really (d)?" after a reply to 3(c) and 3(d)(ii); in "you have (b) and (c) in (d)i
    // swapped" the letters are the panels of the part the remark names by letter and sub-part)
    const namesAnswered = refs.some(
      (r) =>
        r.letter === answered?.letter &&
        (r.sub !== undefined ||
          r.problem !== undefined ||
          /^\s?\(?i{1,2}\b/.test(head.slice(r.end))),
    );
    const repliedTo =
      !namesAnswered &&
      replied.some(
        (x) => x.problem === p && x.letter === ref.letter && x.letter !== answered?.letter,
      );
    const remarkOnAnswer =
      ref.problem === undefined &&
      !out.length &&
      !repliedTo &&
      answered?.problem === p &&
      letteredOptions(answered) &&
      stripMarkup(head.slice(0, ref.at)).trim() !== "";
    if (
      remarkOnAnswer &&
      ((judges(head) && !wordAt(wordBefore ?? "", 0, PART_WORDS)) ||
        ref.letter < answered.letter) &&
      !speaksOfPart(head, set, p, ref.letter)
    ) {
      out.push(...set.parts.filter((x) => x.problem === p && x.letter === answered.letter));
      break;
    }
    // a bare letter before the part already named, later in the text, points back to it: "for
    // (b) I doubt it … isn't that what the diagram in (a) is for?" asks about (b) only
    const last = out[out.length - 1];
    if (
      ref.problem === undefined &&
      last?.problem === p &&
      ref.letter < last.letter &&
      wordsOf(head.slice(prevEnd, ref.at)).length >= 3
    )
      continue;
    prevEnd = ref.end;
    out.push(
      ...set.parts.filter(
        (x) => x.problem === p && x.letter === ref.letter && (!ref.sub || x.sub === ref.sub),
      ),
    );
  }
  return out;
}

/** A document's section number of two levels opening a line: "3.1. ", "2.3 ". */
const SECTION_NUMBER = /^\s*\d{1,2}\.\d{1,2}\.?\s/;

const LEAD_IN_SET = new Set(LEAD_INS);
/** "de", "of": "¿Seguro de la c)?" asks about part (c). */
const PART_OF_SET = new Set(PART_OF);

/**
 * A request naming its part by a bare letter (and sub-part), closed by "?" or ":": "y el c?",
 * "and d?", "el d i: asignar …", "y el ii?". Only where the clause opens with it, after at most a
 * lead-in ("and", "y", "what about") or one short word (an article): "is it b?" asks nothing.
 */
function bareLetterRequest(
  text: string,
  letters: Set<string>,
): { letter?: string; sub?: string; at: number; end: number } | undefined {
  // each clause that ends in a question mark or a colon (bounded: no backtracking over long runs)
  // (or a comma, right after a lead-in word: "and for c, you still can't choose?")
  for (const m of text.toLowerCase().matchAll(/[^.!?;,¿¡:？：\n]{1,80}[?:？：,，]/g)) {
    const ws = wordsOf(m[0]);
    const comma = /[,，]$/.test(m[0]);
    if (ws.length < 1 || ws.length > 4) continue;
    // the last word or two before the mark: a letter, a sub-part numeral, or both
    const sub = ["i", "ii", "iii", "iv"].includes(ws[ws.length - 1]!)
      ? ws[ws.length - 1]
      : undefined;
    const letterWord = sub ? ws[ws.length - 2] : ws[ws.length - 1];
    const letter =
      letterWord && letterWord.length === 1 && letters.has(letterWord) ? letterWord : undefined;
    if (!letter && !sub) continue;
    const before = ws.slice(0, ws.length - (letter ? 1 : 0) - (sub ? 1 : 0));
    if (comma && !LEAD_IN_SET.has(before[before.length - 1] ?? "")) continue;
    const opens =
      before.length === 0 ||
      (before.length === 1 && before[0]!.length <= 3) ||
      (before.length <= 3 && before.some((w) => LEAD_IN_SET.has(w) || PART_OF_SET.has(w)));
    if (opens) return { letter, sub, at: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** What follows a line's opening emphasis ("**Final answer:** text" → " text"). */
function afterEmphasis(content: string): string {
  const open = /^\s*(\*\*|__)/.exec(content);
  if (!open) return content;
  const close = content.indexOf(open[1]!, open[0].length);
  return close < 0 ? "" : content.slice(close + 2);
}

/** Longest opening of a clause before a part reference that still opens it. */
const MAX_OPENING_CHARS = 120;

/** Where the clause holding offset `at` starts: after the last ". ", "; ", "! " or "? " since `from`. */
function clauseStart(text: string, from: number, at: number): number {
  // Chinese and Japanese end a clause without a space ("…为 ∞；2(b) 图 A …", "。3(c)"), and
  // normalization has made their full-width "；" a ";"
  const spaceless = UNSPACED.test(text.slice(Math.max(from, at - MAX_OPENING_CHARS - 2), at));
  for (let k = at; k > Math.max(from, at - MAX_OPENING_CHARS - 2); k--) {
    if (".;!?".includes(text[k - 1]!) && text[k] === " ") return k + 1;
    if ("。；！？".includes(text[k - 1]!) || (spaceless && ";!?".includes(text[k - 1]!))) return k;
  }
  return from;
}

/**
 * Whether a line is an aside: a few words or more wholly inside one pair of parentheses, "(…)" or
 * "（…）", where a label's parentheses close at once ("(a) Draw …").
 */
function isAside(content: string): boolean {
  const t = stripMarkup(content)
    .trim()
    .replace(/[.。]$/, "");
  if (!/^[(（]/.test(t) || !/[)）]$/.test(t) || t.split(/\s+/).length < 4) return false;
  let depth = 0;
  for (let k = 0; k < t.length; k++) {
    const c = t[k];
    if (c === "(" || c === "（") depth++;
    else if ((c === ")" || c === "）") && --depth === 0) return k === t.length - 1;
  }
  return false;
}

/**
 * The one part, among those a reply answered, whose answer's own words a text uses: an
 * assignment's items and values ("forward KL", "mass covering"), a choice's options, a grid's rows
 * and columns, by their aliases of four letters or more. Undefined where none or several are named.
 */
function partByAnswerWords(text: string, parts: Part[]): Part | undefined {
  if (!text.trim() || parts.length < 2) return undefined;
  const t = matchForm(text);
  const named = new Map<string, Part>();
  for (const p of parts) {
    const aliases = answerTerms(p)
      .flatMap((o) => o.aliases)
      .filter((a) => a.length >= 4);
    if (findAliases(t, aliases).length) named.set(`${p.problem}${p.letter}`, p);
  }
  return named.size === 1 ? [...named.values()][0] : undefined;
}

/** The part (letter) a request names, when it names one: "(d)" for (d)(i) and (d)(ii). */
function onePart(asked: Part[]): Part | undefined {
  const first = asked[0];
  if (!first) return undefined;
  return asked.every((p) => p.problem === first.problem && p.letter === first.letter)
    ? first
    : undefined;
}

function isAnswerer(r: LineRole): boolean {
  return r.role === "model" || r.role === "reasoning";
}
