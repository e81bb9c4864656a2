/**
 * Math copied from a page that renders it with KaTeX (ChatGPT's web page, among others): a
 * select-all copy gives each formula three times in a row, the rendered text, its LaTeX source
 * and the rendered text again, as in "P=U(0,1)P = \mathcal{U}(0,1)P=U(0,1)" or
 * "DKL(P∥Q)D_{KL}(P\|Q)DKL(P∥Q)". Read as it stands, the copies run into each other
 * ("VZ = \mu(x) …"). Each such run is kept once, as its source between dollars: the LaTeX
 * reader then reads it like any other formula.
 *
 * The source is told by its commands ("\mu", "_{…}"); the copies around it by being the same
 * text (zero-width characters already removed), whose letters and digits the source gives. Work is bounded per formula and per text, so
 * the pass stays linear in the text's length.
 */

import { latexToText } from "../expr/index.js";

/** Characters a formula's source is written in: printable ASCII, no line break. */
const isSource = (c: number) => c >= 0x20 && c <= 0x7e;
/** How far the source may start before its first command, how long it may be, the longest copy. */
const REACH = 48;
const SOURCE = 160;
const COPY = 64;
/**
 * Comparisons spent per text at most: past them the rest is left as it stands, so a text made of
 * commands costs a bounded amount (a real transcript's formulas take a small part of it).
 */
const BUDGET = 5_000_000;

export function collapseCopiedMath(text: string): string {
  const out: string[] = [];
  let done = 0;
  const spent = { steps: 0 };
  let i = 0;
  while (i < text.length && spent.steps < BUDGET) {
    const at = nextCommand(text, i);
    if (at < 0) break;
    // the run of source characters around the command
    let r0 = at;
    while (r0 > done && isSource(text.charCodeAt(r0 - 1))) r0--;
    let r1 = at;
    while (r1 < text.length && isSource(text.charCodeAt(r1))) r1++;
    const best = copiesAround(text, r0, at, r1, done, spent);
    if (best) {
      out.push(text.slice(done, best.s - best.k), `$${text.slice(best.s, best.e).trim()}$`);
      done = best.e + best.k;
      // (the run may hold the next formula: "P=U(0,1)P = \mathcal{U}(0,1)P=U(0,1), Q=N(0,1)Q = …")
      i = done;
    } else i = r1;
  }
  out.push(text.slice(done));
  return out.join("");
}

/** Where the next command starts ("\mu", "_{", "^{"), or −1. */
function nextCommand(text: string, from: number): number {
  for (let i = from; i < text.length - 1; i++) if (opensCommand(text, i)) return i;
  return -1;
}

function opensCommand(text: string, i: number): boolean {
  const c = text[i];
  const d = text[i + 1]!;
  return (c === "\\" && /[a-zA-Z|]/.test(d)) || ((c === "_" || c === "^") && d === "{");
}

/**
 * The source [s, e) around the run's first command, inside the run [r0, r1), that has the same
 * text of length k right before and right after it (the two rendered copies), the longest such;
 * undefined if none.
 */
function copiesAround(
  text: string,
  r0: number,
  firstCommand: number,
  r1: number,
  floor: number,
  spent: { steps: number },
): { s: number; e: number; k: number } | undefined {
  let best: { s: number; e: number; k: number } | undefined;
  for (let s = Math.max(r0, firstCommand - REACH); s <= firstCommand; s++) {
    for (let e = Math.min(r1, firstCommand + SOURCE); e > firstCommand + 1; e--) {
      if (e <= s) continue;
      // a copy ends right before s and starts at e: its first character is text[e]; (two
      // letters or digits at least: " \mu " has no copies around it, nor "1. \tfrac12 … 1.")
      for (let k = Math.min(COPY, s - floor, text.length - e); k > Math.max(1, best?.k ?? 0); k--) {
        spent.steps++;
        if (text[s - k] !== text[e] || text[s - 1] !== text[e + k - 1]) continue;
        // (the comparison, and the source read as text, which costs more per character)
        spent.steps += k + 20 * (e - s);
        const copy = text.slice(s - k, s);
        if (
          text.startsWith(copy, e) &&
          !/\s/.test(copy) &&
          alphanumerics(copy).length >= 2 &&
          bareSource(text, s, e) &&
          rendersAs(text.slice(s, e), copy)
        ) {
          best = { s, e, k };
          break;
        }
      }
    }
  }
  return best;
}

/**
 * Whether a copy is the source rendered: its letters and digits, in order, are among the source's
 * read as text ("DKL(P∥Q)" of "D_{KL}(P\|Q)"; a rendering drops the square root's "sqrt").
 */
function rendersAs(source: string, copy: string): boolean {
  const plain = alphanumerics(latexToText(source));
  const letters = alphanumerics(copy);
  // (most of what the source says: a short copy is no rendering of a long source)
  if (2 * letters.length < plain.length) return false;
  let at = 0;
  for (const c of letters) {
    at = plain.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

const alphanumerics = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "");

/**
 * Whether text[s, e) can be a source copied between its renderings: touching both (no space at
 * either end), its braces paired, no delimiters of a formula already marked ("$", "\(", "`").
 */
function bareSource(text: string, s: number, e: number): boolean {
  if (/\s/.test(text[s]!) || /\s/.test(text[e - 1]!)) return false;
  const source = text.slice(s, e);
  if (/[$`]|\\[()[\]]/.test(source)) return false;
  let depth = 0;
  for (let i = s; i < e; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth < 0) return false;
  }
  return depth === 0;
}
