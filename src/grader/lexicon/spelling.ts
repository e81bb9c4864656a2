/**
 * Other spellings a language's words are typed in, added to its lexicon once: Romanian "ș" as the
 * older cedilla "ş", Greek and Romanian without their accents ("ειπες", "raspuns"), as phones and
 * keyboards without the layout leave them; Bengali letters with a nukta in either encoding.
 */
import type { Lexicon } from "./types.js";

/** Letters whose stroke is part of the letter, not a combining mark, so NFD does not split them. */
const strokeless: Record<string, string> = { đ: "d", Đ: "D", ł: "l", Ł: "L", ø: "o", Ø: "O" };

/**
 * A word without its accents and strokes: "răspuns" → "raspuns", "είπες" → "ειπες",
 * "đáp án" → "dap an". Only non-spacing marks go: an Indic vowel sign (a spacing mark) is a letter
 * to its reader, and dropping it would turn words into other words.
 */
export function withoutMarks(w: string): string {
  return w
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/[đĐłŁøØ]/g, (c) => strokeless[c] ?? c)
    .normalize("NFC");
}

/**
 * Bengali letters with a nukta ("য়", "ড়", "ঢ়") as one code point and as the letter and the sign:
 * keyboards type either, and Unicode normalization does not join them.
 */
export function nuktaForms(w: string): string[] {
  const two = w
    .replaceAll("\u09dc", "\u09a1\u09bc")
    .replaceAll("\u09dd", "\u09a2\u09bc")
    .replaceAll("\u09df", "\u09af\u09bc");
  const one = two
    .replaceAll("\u09a1\u09bc", "\u09dc")
    .replaceAll("\u09a2\u09bc", "\u09dd")
    .replaceAll("\u09af\u09bc", "\u09df");
  return [one, two];
}

/**
 * A Yoruba or Igbo word also as typed with combining marks (NFD), and without its tone marks but
 * with its dots (ẹ, ọ, ṣ, ị, ụ), as most people type it, where the toneless form keeps a dot or has
 * five letters or more ("kò" stays as typed: bare "ko" is other languages' word).
 */
export function tonelessForms(w: string): string[] {
  const toneless = w
    .normalize("NFD")
    .replace(/[\u0300\u0301\u0302\u0304\u030C]/g, "")
    .normalize("NFC");
  const keep =
    /\u0323/.test(toneless.normalize("NFD")) || toneless.replace(/[^\p{L}]/gu, "").length >= 5;
  const out = [w.normalize("NFD")];
  if (keep && toneless !== w) out.push(toneless, toneless.normalize("NFD"));
  return out;
}

/** The lexicon with every word also in the spellings `forms` gives it (duplicates dropped). */
export function spelledAlso(l: Lexicon, forms: (w: string) => string[]): Lexicon {
  const all = (ws: string[]) => [...new Set(ws.flatMap((w) => [w, ...forms(w)]))];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(l)) {
    if (k === "numbers") out[k] = (v as string[][]).map(all);
    else if (k === "partLetters" || !Array.isArray(v)) out[k] = v;
    else out[k] = all(v as string[]);
  }
  return out as Lexicon;
}
