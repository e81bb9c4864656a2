/**
 * Bring LaTeX and plain-text math to one plain form so answers can be matched: `$\mathcal{N}(0,1)$`
 * → `N(0,1)`, `\theta_{e}` → `θe`, `D_{KL}(P \| Q)` → `KL(P||Q)`, `\frac{1}{\sqrt{d}}` →
 * `(1)/(sqrt(d))`, `10⁻³` → `10^-3`.
 */
import { latexToText } from "../expr/index.js";
import { escapeRe, SPACELESS } from "./words.js";

export { escapeRe };

/** LaTeX → plain math, keeping the text's length roughly (not its offsets). */
export function normalizeMath(input: string): string {
  let s = latexToText(input);
  s = s.replace(/θ\s*_?\s*([ed])\b/g, "θ$1").replace(/\btheta\s*_?\s*([ed])\b/gi, "θ$1");
  s = s
    .replace(/\bD\s*_?\s*(?:KL|kl)\b/g, "KL")
    .replace(/\bKL\s*\[/g, "KL(")
    .replace(/\b(KL\([^()\]]*)\]/g, "$1)");
  s = s.replace(/\(\s*([A-Za-z])\s*\|\|\s*([A-Za-z])\s*\)/g, "($1||$2)");
  s = s.replace(/−/g, "-");
  return s;
}

/** Lowercased normalised text for alias matching. */
export function matchForm(text: string): string {
  return normalizeMath(text).toLowerCase();
}

const cache = new Map<string, RegExp>();
/** A regex finding `alias` in match-form text, as a whole word where it starts/ends with one. */

export function aliasRegex(alias: string): RegExp {
  let re = cache.get(alias);
  if (!re) {
    const a = matchForm(alias).trim();
    // whole words, except in scripts written without spaces ("潜在正則化項" holds "正則化項")
    const pre = /^[\p{L}\p{N}]/u.test(a) && !SPACELESS.test(a[0]!) ? "(?<![\\p{L}\\p{N}_])" : "";
    const post =
      /[\p{L}\p{N}]$/u.test(a) && !SPACELESS.test(a[a.length - 1]!) ? "(?![\\p{L}\\p{N}_])" : "";
    re = new RegExp(pre + escapeRe(a).replace(/\s+/g, "[\\s-]*") + post, "gu");
    cache.set(alias, re);
  }
  re.lastIndex = 0;
  return re;
}

/** Positions (in match-form `text`) where any alias occurs. */
export function findAliases(text: string, aliases: string[]): number[] {
  const out: number[] = [];
  for (const al of aliases) {
    if (!al.trim()) continue;
    for (const m of text.matchAll(aliasRegex(al))) out.push(m.index);
  }
  return out.sort((x, y) => x - y);
}

/** Numbers written as 1e-3, 10^-3, 10^(-3), 1×10^-3, 0.001, β = 1 in match-form text. */
export function findNumbers(text: string): { value: number; index: number; explicit: boolean }[] {
  const out: { value: number; index: number; explicit: boolean }[] = [];
  const taken: [number, number][] = [];
  const add = (value: number, index: number, len: number, explicit: boolean) => {
    if (taken.some(([a, b]) => index < b && index + len > a)) return;
    taken.push([index, index + len]);
    out.push({ value, index, explicit });
  };
  const mant = /(\d+(?:\.\d+)?)\s*(?:×|x|\*|·)\s*10\s*\^\s*\(?\s*([+-]?\d+)\s*\)?/g;
  for (const m of text.matchAll(mant))
    add(Number(m[1]) * 10 ** Number(m[2]), m.index, m[0].length, true);
  const pow = /(?<![\d.])10\s*(?:\^|\*\*)\s*\(?\s*([+-]?\d+)\s*\)?/g;
  for (const m of text.matchAll(pow)) add(10 ** Number(m[1]), m.index, m[0].length, true);
  const sci = /(?<![\w.])(\d+(?:\.\d+)?)e([+-]?\d+)(?![\w])/g;
  for (const m of text.matchAll(sci)) add(Number(`${m[1]}e${m[2]}`), m.index, m[0].length, true);
  const beta =
    /(?:β|beta|->|=>|=|:|→|↔|⇒|\bis|\bto)\s*(?:=|:|of|is|equal to)?\s*(\d+(?:\.\d+)?)(?!\d|\.\d|e[-+]?\d|\s*\^|\s*[×x*·]\s*10)/g;
  for (const m of text.matchAll(beta)) {
    const off = m[0].lastIndexOf(m[1]!);
    add(Number(m[1]), m.index + off, m[1]!.length, true);
  }
  const cell = /(?<=\|\s*)(\d+(?:\.\d+)?)(?=\s*(?:\||$))/g;
  for (const m of text.matchAll(cell)) add(Number(m[1]), m.index, m[0].length, true);
  const dec = /(?<![\w.])(0\.\d+)(?![\w]|\.\d)/g;
  for (const m of text.matchAll(dec)) add(Number(m[1]), m.index, m[0].length, false);
  return out.sort((a, b) => a.index - b.index);
}

/** Box symbols, ticked and empty: one list for the readers and for telling pasted prompts apart. */
export const TICKED_BOXES = "☒☑✅✓✔⊠■";
export const EMPTY_BOXES = "☐□⬜";

const CHECKED = [
  ...TICKED_BOXES,
  "[x]",
  "(x)",
  "checked",
  "yes",
  "true",
  "ticked",
  "✔️",
  "[✓]",
  "[✔]",
];
const UNCHECKED = [
  ...EMPTY_BOXES,
  "[ ]",
  "[]",
  "✗",
  "✘",
  "❌",
  "❎",
  "unchecked",
  "not checked",
  "no",
  "false",
  "unticked",
  "—",
  "-",
  "×",
];

type MarkPattern = { re: RegExp; checked: boolean };
function markPatterns(): MarkPattern[] {
  const out: MarkPattern[] = [];
  const add = (list: string[], checked: boolean) => {
    for (const tok of list) {
      const word = /^[a-z ]+$/.test(tok);
      const re = word
        ? new RegExp(`(?<![\\p{L}])${tok}(?![\\p{L}])`, "gu")
        : tok === "-" || tok === "—" || tok === "×"
          ? // alone in a table cell only: elsewhere a dash or a times sign is not a box
            new RegExp(`(?<=\\|\\s*)${tok}(?=\\s*\\|)`, "g")
          : /^[[(]/.test(tok)
            ? // "(x)" and "[x]" are boxes, not an argument list: μ(x), σ(x), f[x]
              new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRe(tok)}`, "gu")
            : new RegExp(escapeRe(tok), "g");
      out.push({ re, checked });
    }
  };
  add(["not checked", "unchecked", "unticked"], false);
  add(CHECKED, true);
  add(UNCHECKED, false);
  return out;
}
const MARKS = markPatterns();
const MARK_HINT = /[☒☑✅✓✔⊠■☐□⬜✗✘❌❎×[(—-]|checked|yes|no|true|false|ticked/;

/** Check marks in match-form text: position and whether ticked. */
export function findMarks(text: string): { index: number; checked: boolean; length: number }[] {
  const out: { index: number; checked: boolean; length: number }[] = [];
  if (!MARK_HINT.test(text)) return out;
  const taken: [number, number][] = [];
  for (const { re, checked } of MARKS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (taken.some(([a, b]) => m.index < b && m.index + m[0].length > a)) continue;
      taken.push([m.index, m.index + m[0].length]);
      out.push({ index: m.index, checked, length: m[0].length });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
