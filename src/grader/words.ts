/**
 * Finding lexicon phrases in text without regular expressions: each phrase is looked up with
 * indexOf and kept only where it stands as a whole word (letters on neither side), except for
 * phrases in scripts written without spaces. Time is linear in the text for a fixed lexicon. For
 * the patterns that set lexicon words among symbols, the words as regex alternations.
 */
import { escapeRe } from "../expr/regex.js";

export { escapeRe };

const LETTER = /\p{L}|\p{N}/u;
/** Chinese and Japanese: written without spaces, between words or after a clause's stop. */
const UNSPACED_SCRIPTS = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}";
export const UNSPACED = new RegExp(`[${UNSPACED_SCRIPTS}]`, "u");
/**
 * Scripts whose words are not cut out by spaces for matching: Chinese and Japanese have none, and
 * Korean, which spaces its clauses, attaches particles to the word ("정답은", "ChatGPT의 말").
 */
export const SPACELESS = new RegExp(`[${UNSPACED_SCRIPTS}\\p{Script=Hangul}]`, "u");

function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const k = c.charCodeAt(0);
  // ASCII without the regex: a line of megabytes is read a character at a time
  if (k < 128) return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57);
  return LETTER.test(c);
}

/** Lexicon phrases as a regex alternation, longest first, for patterns that set them among symbols. */
export function alternation(phrases: string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join("|");
}

/**
 * Lexicon phrases as a regex alternation of whole words (no letter, digit or "_" on either side;
 * scripts without spaces as written), longest first, for a regex with the "u" flag.
 */
export function wholeWords(phrases: string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((w) =>
      SPACELESS.test(w) ? escapeRe(w) : `(?<![\\p{L}\\p{N}_])${escapeRe(w)}(?![\\p{L}\\p{N}_])`,
    )
    .join("|");
}

/** Offset of the first whole-word occurrence of `phrase` in lower-cased `lower`, or -1. */
export function findPhrase(lower: string, phrase: string, from = 0): number {
  let at = lower.indexOf(phrase, from);
  // (most phrases of a lexicon list are not there: no script test for them)
  if (at < 0) return -1;
  const spaceless = SPACELESS.test(phrase);
  const edgeStart = isWordChar(phrase[0]);
  const edgeEnd = isWordChar(phrase[phrase.length - 1]);
  while (at >= 0) {
    if (
      spaceless ||
      ((!edgeStart || !isWordChar(lower[at - 1])) &&
        (!edgeEnd || !isWordChar(lower[at + phrase.length])))
    )
      return at;
    at = lower.indexOf(phrase, at + 1);
  }
  return -1;
}

/**
 * Every whole-word occurrence of any of `phrases` in lower-cased text, found in one pass however
 * many phrases there are (for a lexicon list tried on every line): each phrase is looked up by its
 * first word where a word starts. Phrases in scripts without spaces are searched as written.
 */
export function phraseIndex(
  phrases: string[],
): (lower: string) => { at: number; phrase: string }[] {
  const byFirstWord = new Map<string, string[]>();
  const asWritten: string[] = [];
  for (const p of phrases) {
    let k = 0;
    while (k < p.length && isWordChar(p[k])) k++;
    if (k === 0 || SPACELESS.test(p)) asWritten.push(p);
    else byFirstWord.set(p.slice(0, k), [...(byFirstWord.get(p.slice(0, k)) ?? []), p]);
  }
  return (lower) => {
    const out: { at: number; phrase: string }[] = [];
    for (const p of asWritten)
      for (let at = findPhrase(lower, p); at >= 0; at = findPhrase(lower, p, at + 1))
        out.push({ at, phrase: p });
    let i = 0;
    while (i < lower.length) {
      if (!isWordChar(lower[i])) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < lower.length && isWordChar(lower[j])) j++;
      for (const p of byFirstWord.get(lower.slice(i, j)) ?? [])
        if (
          lower.startsWith(p, i) &&
          (!isWordChar(p[p.length - 1]) || !isWordChar(lower[i + p.length]))
        )
          out.push({ at: i, phrase: p });
      i = j;
    }
    return out;
  };
}

/** The earliest whole-word occurrence of any of `phrases` in `text` (case-insensitive). */
export function earliestPhrase(
  text: string,
  phrases: string[],
): { index: number; phrase: string } | undefined {
  const lower = text.toLowerCase();
  let best: { index: number; phrase: string } | undefined;
  for (const p of phrases) {
    const at = findPhrase(lower, p);
    if (at >= 0 && (!best || at < best.index)) best = { index: at, phrase: p };
  }
  return best;
}

/** The first phrase of `phrases` found in `text` (case-insensitive), or undefined. */
export function firstPhrase(text: string, phrases: string[]): string | undefined {
  const lower = text.toLowerCase();
  for (const p of phrases) if (findPhrase(lower, p) >= 0) return p;
  return undefined;
}

/** Every phrase of `phrases` found in `text`. */
export function phrasesIn(text: string, phrases: string[]): string[] {
  const lower = text.toLowerCase();
  return phrases.filter((p) => findPhrase(lower, p) >= 0);
}

/** Whether `text` starts with one of `phrases` (after markup and spaces), and which. */
export function startsWithPhrase(text: string, phrases: string[]): string | undefined {
  const lower = stripMarkup(text).toLowerCase();
  for (const p of phrases) {
    if (!lower.startsWith(p)) continue;
    if (SPACELESS.test(p) || !isWordChar(p[p.length - 1]) || !isWordChar(lower[p.length])) return p;
  }
  return undefined;
}

/** Emphasis, heading and quote markup at the ends of a short text: "**Answer:**" → "Answer:". */
export function stripMarkup(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && "*_#> \t`~".includes(s[a]!)) a++;
  while (b > a && "*_ \t`~".includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/** Lower-case words (letters and digits) of a text, for overlap measures. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const c of text.toLowerCase()) {
    if (isWordChar(c)) cur += c;
    else if (cur) {
      out.push(cur);
      cur = "";
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** A sentence's end and the space after it, in the scripts the lexicons cover (the danda, "؟", "۔"). */
export const SENTENCE_END = "(?<=[.;!?।؟۔])\\s+";
/** Where a text divides into statements read one at a time: its sentences and its lines. */
export const SENTENCES_AND_LINES = new RegExp(`${SENTENCE_END}|\\n`);

/**
 * Digits of every script read as ASCII digits: Devanagari "प्रश्न २" → "प्रश्न 2", Arabic-Indic
 * "٠٫٦٩٣" → "0.693". A decimal digit's value is its distance from the start of its run, modulo
 * ten (Unicode encodes each script's digits 0–9 contiguously); the Arabic decimal and thousands
 * separators become "." and ",". Linear: at most 60 steps back per digit.
 */
export function asciiDigits(s: string): string {
  if (!/[^\p{ASCII}]/u.test(s)) return s;
  return s.replace(/[\p{Nd}\u066b\u066c]/gu, (d) => {
    if (d === "\u066b") return ".";
    if (d === "\u066c") return ",";
    const cp = d.codePointAt(0)!;
    if (cp < 0x80) return d;
    let start = cp;
    // runs are whole tens (mathematical digits put five scripts' runs side by side)
    while (cp - start < 60 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((cp - start) % 10);
  });
}
