/**
 * A LaTeX write-up as Markdown: what the typeset page shows, in the shapes the grader reads.
 * Sectioning commands become headings; `\item[(а)]` keeps its label and `\item` becomes a list
 * item; struck-out text (`\sout`, `\st`, `\xout`, `\cancel`) becomes `~~…~~`, taken back as on
 * paper; `tabular` becomes a pipe table with `\checkmark`/`\times` as ✓/✗; verbatim and listings
 * become fenced code; comments (`%`), the preamble and layout commands go; argument-free macros
 * the document defines (`\newcommand{\KL}{D_{\mathrm{KL}}}`) are expanded. Math stays LaTeX,
 * which the grader reads. Scanners with bounded lookups: linear in the text.
 */

import { roleOfName, type SpeakerRole } from "../speakers.js";
import { pipeTable } from "./pipe-table.js";

/** Whether a text is a LaTeX document: its preamble or body markers, or a `.tex` name. */
export function isLatex(text: string, fileName?: string): boolean {
  if (/\.(tex|ltx)$/i.test(fileName ?? "")) return true;
  const head = text.slice(0, 20000);
  // (at a line's start: prose may mention "\begin{document}")
  return /^\s*\\documentclass\b/m.test(head) || /^\s*\\begin\{document\}/m.test(head);
}

// (a drawing's code, TikZ's "\node (a) {$+$};", is code too: its "(a)" names a node, not a part)
const VERBATIM =
  /^\s*\\begin\{(verbatim|lstlisting|minted|Verbatim|tikzpicture|pgfpicture|picture)\}(?:\[[^\]\n]*\])?(?:\{[^}\n]*\})?/;
const SECTIONS: Record<string, string> = {
  part: "#",
  chapter: "#",
  section: "##",
  subsection: "###",
  subsubsection: "####",
};
/** Commands whose argument is shown as text with a Markdown mark around it. */
const MARKS: Record<string, [string, string]> = {
  textbf: ["**", "**"],
  emph: ["*", "*"],
  textit: ["*", "*"],
  texttt: ["`", "`"],
  sout: ["~~", "~~"],
  st: ["~~", "~~"],
  xout: ["~~", "~~"],
  cancel: ["~~", "~~"],
  underline: ["", ""],
  textrm: ["", ""],
  mbox: ["", ""],
};
/** Commands that lay out the page and say nothing. */
const LAYOUT =
  /\\(?:label|vspace\*?|hspace\*?|noindent|maketitle|newpage|clearpage|centering|small|large|Large|footnotesize|bigskip|medskip|smallskip|tableofcontents|hline|toprule|midrule|bottomrule|cline)\b(?:\{[^{}\n]*\})?/g;
const SYMBOLS: Array<[RegExp, string]> = [
  [/\$?\\checkmark\$?|\\ding\{51\}|\\ding\{52\}|\\cmark\b/g, "✓"],
  [/\\ding\{55\}|\\ding\{56\}|\\xmark\b/g, "✗"],
  [/\\(?:XBox|CheckedBox|boxtimes)\b/g, "☒"],
  [/\\(?:Square|square|Box)\b/g, "☐"],
  [/\\ldots\b|\\dots\b/g, "…"],
  // TeX's quotation marks: a quoted phrase ("``Thought for 31 seconds''") is no line's own opener
  [/``/g, "“"],
  [/''/g, "”"],
  [/---/g, "—"],
  [/--/g, "–"],
];

export function latexToMarkdown(source: string): string {
  const macros = argumentFreeMacros(source);
  const boxes = titledBoxes(source);
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const begin = lines.findIndex((l) => /\\begin\{document\}/.test(l));
  const out: string[] = [];
  let verbatim: string | undefined;
  let table: string[] | undefined;
  const lists: List[] = [];
  for (const raw of begin >= 0 ? lines.slice(begin + 1) : lines) {
    if (verbatim) {
      if (new RegExp(`\\\\end\\{${verbatim}\\}`).test(raw)) {
        out.push("```");
        verbatim = undefined;
      } else out.push(raw);
      continue;
    }
    const v = VERBATIM.exec(raw);
    if (v) {
      verbatim = v[1]!;
      out.push("```");
      continue;
    }
    if (/\\end\{document\}/.test(raw)) break;
    let line = expand(withoutComment(raw), macros);
    // a box the document defines for a speaker ("title=Me (prompt)", "title=Le Chat", or named
    // "deepseek") opens that speaker's turn; the text after a model's box is the writer's own
    const box = /^\s*\\(begin|end)\{([A-Za-z]+)\}/.exec(line);
    const speaker = box ? boxes.get(box[2]!) : undefined;
    if (speaker && box![1] === "begin") {
      out.push("", `**${speaker.label}:**`, "");
      line = line.slice(box![0].length).replace(/^\[[^\]\n]*\]/, "");
    } else if (speaker?.role === "model") {
      out.push("", "**User:**", "");
      line = line.slice(box![0].length);
    }
    const list = /\\begin\{(enumerate|itemize|description)\}(?:\[([^\]\n]{0,80})\])?/.exec(line);
    if (list) lists.push({ kind: list[1]!, label: list[2], count: 0 });
    if (/\\end\{(?:enumerate|itemize|description)\}/.test(line)) lists.pop();
    // an item without its own label takes its list's: "(a)", "(b)" under label=(\alph*)
    const item = /^(\s*)\\item\b(?!\s*\[)\s*/.exec(line);
    const current = lists[lists.length - 1];
    if (item && current?.kind === "enumerate")
      line = `${item[1]}${itemLabel(current, lists.length)} ${line.slice(item[0].length)}`;
    if (/\\begin\{tabular[x*]?\}/.test(line)) {
      table = [];
      continue;
    }
    if (table) {
      if (/\\end\{tabular[x*]?\}/.test(line)) {
        out.push("", ...tableRows(table.join(" ")), "");
        table = undefined;
      } else table.push(line);
      continue;
    }
    // (indentation means nothing in LaTeX; in Markdown four spaces make code)
    out.push(inline(line).trimStart());
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

type List = { kind: string; label: string | undefined; count: number };

/**
 * The next item's label in an enumerate: its `label=` template (`(\alph*)` → "(b)", `\arabic*.`
 * → "2.", `(\roman*)` → "(ii)"), or LaTeX's default for its depth (1., (a), i.).
 */
function itemLabel(list: List, depth: number): string {
  const n = ++list.count;
  const roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][n - 1] ?? String(n);
  const counters: Record<string, string> = {
    "\\alph*": String.fromCharCode(96 + Math.min(n, 26)),
    "\\Alph*": String.fromCharCode(64 + Math.min(n, 26)),
    "\\arabic*": String(n),
    "\\roman*": roman,
    "\\Roman*": roman.toUpperCase(),
  };
  const template =
    /label\s*=\s*\{?([^,}\]]{1,30})/.exec(list.label ?? "")?.[1] ??
    (list.label && /^[^=]{1,12}$/.test(list.label) ? list.label : undefined);
  if (template) {
    const filled = template.replace(/\\(?:alph|Alph|arabic|roman|Roman)\*/g, (c) => counters[c]!);
    // enumerate's short form: "[(a)]" counts in the letter it shows
    return filled === template ? shortForm(template, n) : filled;
  }
  return depth <= 1 ? `${n}.` : depth === 2 ? `(${counters["\\alph*"]})` : `${roman}.`;
}

/** The `enumerate` package's short label "(a)" / "i." / "1)" at count n. */
function shortForm(template: string, n: number): string {
  return template.replace(/[a-zA-Z0-9]+/, (c) =>
    /^\d+$/.test(c)
      ? String(n)
      : /^[ivx]+$/i.test(c)
        ? (["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][n - 1] ?? String(n))
        : String.fromCharCode(c.charCodeAt(0) + n - 1),
  );
}

/** A line without its comment: from an unescaped `%` on. */
function withoutComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === "%") return line.slice(0, i).trimEnd();
  }
  return line;
}

/** `\newcommand{\KL}{D_{\mathrm{KL}}}`, `\def\KL{…}`, `\DeclareMathOperator{\KL}{KL}` (no arguments). */
function argumentFreeMacros(source: string): Map<string, string> {
  const out = new Map<string, string>();
  const def =
    /\\(?:newcommand|renewcommand|providecommand|DeclareMathOperator)\*?\{?\\([A-Za-z]+)\}?\{|\\def\\([A-Za-z]+)\{/g;
  for (const m of source.slice(0, 200_000).matchAll(def)) {
    const body = braced(source, m.index + m[0].length - 1);
    if (!body) continue;
    const op = m[0].startsWith("\\DeclareMathOperator");
    out.set(m[1] ?? m[2]!, op ? `\\operatorname{${body.text}}` : body.text);
  }
  return out;
}

/**
 * The boxes a document defines for its speakers, by environment name: a chat log set in boxes
 * names each speaker in its box's title (`\newtcolorbox{response}{…title=Le Chat (Mistral)…}`),
 * in a bold label its opening code sets (`\newenvironment{llm}{…\textbf{Claude:}\ }{…}`) or in
 * the environment's own name (`\newenvironment{deepseek}{…}{…}`).
 */
function titledBoxes(source: string): Map<string, { label: string; role: SpeakerRole }> {
  const out = new Map<string, { label: string; role: SpeakerRole }>();
  const def =
    /\\(?:newenvironment|renewenvironment|newtcolorbox|NewTColorBox|DeclareTColorBox)\*?\{([A-Za-z]+)\}(?:\[[^\]\n]{0,40}\])?\{/g;
  for (const m of source.slice(0, 200_000).matchAll(def)) {
    const opening = braced(source, m.index + m[0].length - 1)?.text ?? "";
    const bold = /\\textbf\{([^{}\n]{1,40}?):?\}/.exec(opening)?.[1];
    // (the title's note in parentheses names no one: "Le Chat (Mistral, Medium 3.1)")
    const roleOf = (label: string) => roleOfName(label.replace(/\s*\(.*$/, "").toLowerCase());
    const label = [boxTitle(opening), bold, m[1]!].find(
      (l) => l !== undefined && roleOf(l) !== "unknown",
    );
    if (label !== undefined) out.set(m[1]!, { label, role: roleOf(label) });
  }
  return out;
}

/** The `title=` of a box's options, up to a comma outside its parentheses and braces. */
function boxTitle(options: string): string | undefined {
  const key = /(?:^|,)\s*title\s*=\s*/.exec(options);
  if (!key) return undefined;
  let depth = 0;
  let end = key.index + key[0].length;
  for (; end < options.length; end++) {
    const c = options[end]!;
    if (c === "(" || c === "{") depth++;
    else if (c === ")" || c === "}") depth--;
    else if (c === "," && depth <= 0) break;
  }
  const text = options
    .slice(key.index + key[0].length, end)
    .replace(/^\{|\}$/g, "")
    .replace(/--/g, "–")
    .trim();
  return text && text.length <= 80 ? text : undefined;
}

function expand(line: string, macros: Map<string, string>): string {
  if (!macros.size || !line.includes("\\")) return line;
  return line.replace(/\\([A-Za-z]+)(?![A-Za-z])/g, (m, name: string) => macros.get(name) ?? m);
}

/** The text inside the braces opening at `open`, and the index after the closing brace. */
function braced(s: string, open: number): { text: string; end: number } | undefined {
  if (s[open] !== "{") return undefined;
  let depth = 0;
  for (let i = open; i < s.length && i - open < 4000; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === "{") depth++;
    else if (s[i] === "}" && --depth === 0) return { text: s.slice(open + 1, i), end: i + 1 };
  }
  return undefined;
}

/** One line's commands as Markdown. */
function inline(line: string): string {
  let s = line;
  const section = /^\s*\\(part|chapter|section|subsection|subsubsection)\*?\s*(?=\{)/.exec(s);
  if (section) {
    const title = braced(s, section[0].length);
    if (title) s = `${SECTIONS[section[1]!]} ${title.text}${s.slice(title.end)}`;
  }
  const paragraph = /^\s*\\(?:paragraph|subparagraph)\*?\s*(?=\{)/.exec(s);
  if (paragraph) {
    const title = braced(s, paragraph[0].length);
    if (title) s = `**${title.text}** ${s.slice(title.end)}`;
  }
  // list items: a given label is kept as written ("\item[(б)]" → "(б)")
  s = s
    .replace(/^(\s*)\\item\s*\[([^\]\n]{1,20})\]\s*/, "$1$2 ")
    .replace(/^(\s*)\\item\b\s*/, "$1- ");
  s = s.replace(/\\(?:begin|end)\{[A-Za-z*]+\}(?:\[[^\]\n]*\])?/g, "");
  s = s.replace(/\\\[|\\\]/g, "$$$$").replace(/\\\\\s*$/, "");
  // a tie and a thin space are spaces (before the marks: "~~" is Markdown's strike)
  s = s.replace(/(?<!\\)~|\\,/g, " ");
  s = marks(s);
  for (const [re, to] of SYMBOLS) s = s.replace(re, to);
  // escaped specials are themselves
  return s.replace(LAYOUT, "").replace(/\\([%&#_$])/g, "$1");
}

/** `\textbf{…}`, `\sout{…}` and the other marks, innermost first. */
function marks(line: string): string {
  const re = /\\([A-Za-z]+)\s*\{/g;
  let out = "";
  let from = 0;
  for (const m of line.matchAll(re)) {
    if (m.index < from) continue;
    const mark = MARKS[m[1]!];
    if (!mark) continue;
    const arg = braced(line, m.index + m[0].length - 1);
    if (!arg) continue;
    out += `${line.slice(from, m.index)}${mark[0]}${marks(arg.text)}${mark[1]}`;
    from = arg.end;
  }
  return out + line.slice(from);
}

/** A tabular's body: rows end at `\\`, cells at unescaped `&`; a cell of ✓ or × alone is a mark. */
function tableRows(body: string): string[] {
  const rows = body
    .split(/\\\\(?:\[[^\]]*\])?/)
    .map((r) => inline(r).trim())
    .filter((r) => r.replace(/\s/g, "") !== "")
    .map((r) =>
      r.split(/(?<!\\)&/).map((c) =>
        c
          .trim()
          .replace(/^\$?\\times\$?$/, "✗")
          .replace(/\$\\times\$/g, "✗"),
      ),
    );
  return rows.length ? pipeTable(rows) : [];
}
