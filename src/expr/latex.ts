/**
 * The project's one LaTeX reader. LaTeX, and the Unicode math that rendered LaTeX pastes as, is
 * read in one pass into a tree of text runs, commands and brace groups (a stack, no backtracking:
 * linear in the input's length, whatever it holds), then written out as plain text for one of two
 * readers:
 *
 * - `latexToText` for matching answers: `$\mathcal{N}(0,1)$` → `N(0,1)`, `\sigma` → `σ`,
 *   `\frac{1}{\sqrt{d}}` → `(1)/(sqrt(d))`, `d_{model}` → `d_model`, `10^{-3}` → `10^(-3)`,
 *   `D_{KL}(P \| Q)` → `D_KL(P || Q)`, `10⁻³` → `10^-3`, an array → Markdown table rows.
 * - `latexToFormula` for the arithmetic evaluator: `\frac{1}{2}` → `((1)/(2))`, `\tfrac12` →
 *   `((1)/(2))`, `\cdot` → `*`, `\leq` → `<=`, `π` → `pi`, `x²` → `x^(2)`, `\mathbb{1}` → `𝟙`.
 *
 * The family parser (src/divergences/parse.ts) reads LaTeX token by token, for its error columns,
 * through the tokenizer's math dialect (./evaluate.ts); both take their command names
 * (`commandAt`, `LAYOUT_COMMANDS`, `WRAPPERS`) from here.
 */

/** How a reading writes the constructs that differ between matching text and formulas. */
type Dialect = {
  /** `\frac{a}{b}` as text. */
  frac(a: string, b: string): string;
  /** `_{x}` → `_x` and `^{x}` → `^(x)`, or braces kept (the evaluator's rewrite reads them). */
  scripts: boolean;
  /** A command's replacement (undefined: kept as written). */
  symbol(name: string): string | undefined;
  /** A wrapper's content as text: `\mathbb{1}` is the indicator 𝟙 in a formula. */
  wrapped(name: string, content: string): string;
  /** The Unicode step after the LaTeX one. */
  unicode(s: string): string;
};

/** A command and its replacement as text and, where it differs, in a formula. */
const SYMBOLS: Record<string, { text?: string; formula?: string }> = {
  theta: { text: "θ" },
  beta: { text: "β" },
  mu: { text: "μ" },
  sigma: { text: "σ" },
  epsilon: { text: "ε" },
  varepsilon: { text: "ε" },
  lambda: { text: "λ" },
  alpha: { text: "α" },
  infty: { text: "∞", formula: "∞" },
  to: { text: "→" },
  rightarrow: { text: "→" },
  Rightarrow: { text: "⇒" },
  mapsto: { text: "→" },
  cdot: { text: "·", formula: "*" },
  times: { text: "×", formula: "*" },
  odot: { text: "⊙" },
  leq: { text: "≤", formula: "<=" },
  geq: { text: "≥", formula: ">=" },
  le: { text: "≤", formula: "<=" },
  ge: { text: "≥", formula: ">=" },
  approx: { text: "≈" },
  sim: { text: "~" },
  propto: { text: "∝", formula: "∝" },
  partial: { text: "∂" },
  nabla: { text: "∇" },
  neq: { text: "≠" },
  ne: { text: "≠" },
  pm: { text: "±" },
  checkmark: { text: "✓" },
  boxtimes: { text: "☒" },
  square: { text: "☐" },
  Box: { text: "☐" },
  log: { text: "log", formula: "log" },
  exp: { text: "exp", formula: "exp" },
  sqrt: { text: "sqrt" },
  ln: { text: "ln", formula: "log" },
  pi: { formula: "pi" },
  in: { formula: "∈" },
  one: { formula: "𝟙" },
  // norms and bars
  "|": { text: "||" },
  Vert: { text: "||" },
  parallel: { text: "||" },
  mid: { text: "|" },
  vert: { text: "|" },
};

/** Commands that only set spacing: each reads as one space. */
const SPACES = new Set([",", ";", ":", "!", " ", "quad", "qquad"]);
/** Math delimiters `\(` `\)` `\[` `\]`: each reads as one space, like `$`. */
const DELIMITERS = new Set(["(", ")", "[", "]"]);
/** Commands that only size or style what follows (`\left(`, `\big|`): dropped, with the space after. */
const SIZING = [
  "left",
  "right",
  "middle",
  "big",
  "Big",
  "bigg",
  "Bigg",
  "bigl",
  "bigr",
  "Bigl",
  "Bigr",
  "biggl",
  "biggr",
  "Biggl",
  "Biggr",
  "displaystyle",
  "textstyle",
];
/** Commands a token reader steps over: spacing and sizing. */
export const LAYOUT_COMMANDS: ReadonlySet<string> = new Set([...SPACES, ...SIZING]);
/** Commands whose one argument is read as its content: `\mathcal{N}` → `N`, `\text{KL}` → `KL`. */
export const WRAPPERS: ReadonlySet<string> = new Set([
  "mathcal",
  "mathrm",
  "mathbf",
  "mathbb",
  "mathbbm",
  "mathsf",
  "mathit",
  "mathtt",
  "text",
  "textrm",
  "textbf",
  "textit",
  "operatorname",
  "boldsymbol",
  "emph",
  "boxed",
]);
const FRACTIONS = new Set(["frac", "dfrac", "tfrac"]);
/** Environments read as tables: their rows (`\\`) and cells (`&`) become Markdown table rows. */
const TABLES = new Set(["array", "tabular", "matrix", "pmatrix", "bmatrix", "vmatrix", "Bmatrix"]);
/** Rules between table rows: dropped. */
const RULES = new Set(["hline", "midrule", "toprule", "bottomrule"]);

/** Braces nested deeper than this are read as plain characters (bounded recursion). */
const MAX_DEPTH = 64;

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * The command at `src[i]` (a backslash): its name (`frac`, or one character: `,`, `{`, `\\`) and
 * where it ends; undefined for a backslash at the end of the input.
 */
export function commandAt(src: string, i: number): { name: string; end: number } | undefined {
  let j = i + 1;
  if (j >= src.length) return undefined;
  if (!isLetter(src.charCodeAt(j))) return { name: src[j]!, end: j + 1 };
  while (j < src.length && isLetter(src.charCodeAt(j))) j++;
  return { name: src.slice(i + 1, j), end: j };
}

// ---------------------------------------------------------------- reading

type Command = { kind: "command"; name: string; raw: string };
type Group = { kind: "group"; nodes: Node[]; closed: boolean };
/** A run of plain characters, a command, or a brace group. */
type Node = string | Command | Group;

/** The input as a tree, in one pass: `{` opens a group, a matching `}` closes it. */
function read(src: string): Node[] {
  const root: Group = { kind: "group", nodes: [], closed: true };
  const stack: Group[] = [root];
  let literal = 0; // braces too deep to be groups, read as characters
  let run = 0; // start of the pending text run
  const flush = (end: number) => {
    if (end > run) stack[stack.length - 1]!.nodes.push(src.slice(run, end));
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === "\\") {
      const cmd = commandAt(src, i);
      if (!cmd) break; // a lone backslash at the end stays in the text run
      flush(i);
      stack[stack.length - 1]!.nodes.push({
        kind: "command",
        name: cmd.name,
        raw: src.slice(i, cmd.end),
      });
      i = run = cmd.end;
    } else if (ch === "$") {
      flush(i);
      while (src[i] === "$") i++;
      stack[stack.length - 1]!.nodes.push({ kind: "command", name: "$", raw: "$" });
      run = i;
    } else if (ch === "{" && literal === 0 && stack.length < MAX_DEPTH) {
      flush(i);
      const g: Group = { kind: "group", nodes: [], closed: false };
      stack[stack.length - 1]!.nodes.push(g);
      stack.push(g);
      run = ++i;
    } else if (ch === "{") {
      literal++;
      i++;
    } else if (ch === "}" && literal > 0) {
      literal--;
      i++;
    } else if (ch === "}" && stack.length > 1) {
      flush(i);
      stack.pop()!.closed = true;
      run = ++i;
    } else i++;
  }
  flush(src.length);
  return root.nodes;
}

// ---------------------------------------------------------------- writing

/** A position in a list of nodes, inside a text run where `off` > 0. */
class Cursor {
  j = 0;
  off = 0;
  constructor(readonly nodes: Node[]) {}
  get node(): Node | undefined {
    return this.nodes[this.j];
  }
  /** The next character of a text run, else undefined. */
  char(): string | undefined {
    const n = this.node;
    return typeof n === "string" ? n[this.off] : undefined;
  }
  /** Past one character of a text run, or past a whole node. */
  step(): void {
    const n = this.node;
    if (typeof n === "string" && this.off + 1 < n.length) this.off++;
    else {
      this.j++;
      this.off = 0;
    }
  }
  skipSpaces(): void {
    for (let c = this.char(); c !== undefined && /\s/.test(c); c = this.char()) this.step();
  }
  save(): [number, number] {
    return [this.j, this.off];
  }
  restore([j, off]: [number, number]): void {
    this.j = j;
    this.off = off;
  }
}

/** A command's argument after optional spaces: a closed group, or one letter or digit if `char`. */
function argument(c: Cursor, char: boolean): Node[] | undefined {
  const at = c.save();
  c.skipSpaces();
  const n = c.node;
  if (typeof n === "object" && n.kind === "group" && n.closed) {
    c.step();
    return n.nodes;
  }
  const ch = c.char();
  if (char && ch !== undefined && /[A-Za-z0-9]/.test(ch)) {
    c.step();
    return [ch];
  }
  c.restore(at);
  return undefined;
}

function isCommand(n: Node | undefined, name?: string): n is Command {
  return typeof n === "object" && n.kind === "command" && (name === undefined || n.name === name);
}
/** The text of a group holding only text ("array" in `\begin{array}`). */
function groupText(n: Node | undefined): string | undefined {
  if (typeof n !== "object" || n.kind !== "group" || !n.closed) return undefined;
  return n.nodes.length === 1 && typeof n.nodes[0] === "string" ? n.nodes[0] : undefined;
}

class Writer {
  /** Per list of nodes and environment: the index from which no `\end{env}` follows. */
  private noEnd = new Map<Node[], Map<string, number>>();
  constructor(private readonly d: Dialect) {}

  write(nodes: Node[]): string {
    const out: string[] = [];
    const c = new Cursor(nodes);
    let prev = ""; // the character just written from a text run ("_" or "^" before a group)
    while (c.node !== undefined) {
      const n = c.node;
      if (typeof n === "string") {
        const rest = n.slice(c.off);
        out.push(rest);
        prev = rest[rest.length - 1]!;
        c.j++;
        c.off = 0;
        continue;
      }
      c.step();
      if (n.kind === "group") {
        const inner = this.write(n.nodes);
        if (!n.closed) out.push(`{${inner}`);
        else if (this.d.scripts && prev === "_") out.push(inner);
        else if (this.d.scripts && prev === "^") out.push(`(${inner})`);
        else out.push(`{${inner}}`);
      } else out.push(this.command(n, c));
      prev = "";
    }
    return out.join("");
  }

  private command(cmd: Command, c: Cursor): string {
    const { name } = cmd;
    if (name === "$" || SPACES.has(name) || DELIMITERS.has(name)) return " ";
    if (SIZING.includes(name)) {
      c.skipSpaces();
      return "";
    }
    if (FRACTIONS.has(name)) {
      const at = c.save();
      const a = argument(c, true);
      const b = a && argument(c, true);
      if (a && b) return this.d.frac(this.write(a), this.write(b));
      c.restore(at);
    } else if (name === "sqrt" || WRAPPERS.has(name)) {
      const a = argument(c, WRAPPERS.has(name));
      if (a) {
        const inner = this.write(a);
        return name === "sqrt" ? `sqrt(${inner})` : this.d.wrapped(name, inner);
      }
    } else if (name === "begin") {
      const table = this.table(c);
      if (table !== undefined) return table;
    }
    return this.d.symbol(name) ?? cmd.raw;
  }

  /**
   * `\begin{array}{cc} a & b \\ c & d \end{array}` (the cursor after `\begin`) as Markdown rows,
   * the first row as the header; undefined (cursor unmoved) when it is not a table or not closed.
   */
  private table(c: Cursor): string | undefined {
    const env = groupText(c.node);
    if (env === undefined || !TABLES.has(env) || c.off !== 0) return undefined;
    const { nodes } = c;
    let start = c.j + 1;
    if ((env === "array" || env === "tabular") && groupText(nodes[start]) !== undefined) start++;
    let end = start;
    const from = this.noEnd.get(nodes)?.get(env) ?? Number.POSITIVE_INFINITY;
    while (end < nodes.length && end < from) {
      if (isCommand(nodes[end], "end") && groupText(nodes[end + 1]) === env) break;
      end++;
    }
    if (end >= nodes.length || end >= from) {
      const ends = this.noEnd.get(nodes) ?? new Map<string, number>();
      this.noEnd.set(nodes, ends.set(env, Math.min(start, from)));
      return undefined;
    }
    c.j = end + 2;
    c.off = 0;
    // rows split at "\\", cells at "&" (at the table's own level)
    const rows: Node[][][] = [[[]]];
    for (const n of nodes.slice(start, end)) {
      const row = rows[rows.length - 1]!;
      if (isCommand(n, "\\")) rows.push([[]]);
      else if (isCommand(n) && RULES.has(n.name)) continue;
      else if (typeof n === "string") {
        const parts = n.split("&");
        row[row.length - 1]!.push(parts[0]!);
        for (const p of parts.slice(1)) row.push([p]);
      } else row[row.length - 1]!.push(n);
    }
    const cells = rows
      .map((r) => r.map((cell) => this.write(cell).trim()))
      .filter((r) => r.length > 1 || r[0] !== "");
    const line = (cs: string[]) => `| ${cs.join(" | ")} |`;
    const rule = line(cells[0]?.map(() => "---") ?? []);
    return `\n${[line(cells[0] ?? []), rule, ...cells.slice(1).map(line)].join("\n")}\n`;
  }
}

// ---------------------------------------------------------------- Unicode math

const SUPERSCRIPTS: Record<string, string> = {
  "⁰": "0",
  "¹": "1",
  "²": "2",
  "³": "3",
  "⁴": "4",
  "⁵": "5",
  "⁶": "6",
  "⁷": "7",
  "⁸": "8",
  "⁹": "9",
  "⁻": "-",
  "⁺": "+",
};
const SUBSCRIPTS: Record<string, string> = Object.fromEntries(
  [..."₀₁₂₃₄₅₆₇₈₉"].map((c, i) => [c, String(i)]),
);

/**
 * Each character of `one`'s keys in `s` replaced, and each run of super- or subscript characters
 * through `run` (`x²³` → `x^23`): one pass of a pattern of disjoint character classes (linear).
 */
function mapChars(
  one: Record<string, string>,
  run: (digits: string, sup: boolean) => string,
): (s: string) => string {
  const re = new RegExp(
    `[${Object.keys(SUPERSCRIPTS).join("")}]+|[${Object.keys(SUBSCRIPTS).join("")}]+|${Object.keys(one).join("|")}`,
    "gu",
  );
  return (s) =>
    s.replace(re, (m) => {
      const ch = m.slice(0, m.codePointAt(0)! > 0xffff ? 2 : 1);
      if (ch in SUPERSCRIPTS) return run([...m].map((c) => SUPERSCRIPTS[c]).join(""), true);
      if (ch in SUBSCRIPTS) return run([...m].map((c) => SUBSCRIPTS[c]).join(""), false);
      return one[m] ?? m;
    });
}

const TEXT_CHARS: Record<string, string> = { "‖": "||", "∥": "||", 𝒩: "N", 𝒰: "U" };
const FORMULA_CHARS: Record<string, string> = {
  "−": "-",
  "–": "-",
  "·": "*",
  "×": "*",
  "⋅": "*",
  π: "pi",
  "≤": "<=",
  "⩽": "<=",
  "≥": ">=",
  "⩾": ">=",
  "√": "sqrt ",
};

const TEXT: Dialect = {
  frac: (a, b) => `(${a})/(${b})`,
  scripts: true,
  symbol: (name) => SYMBOLS[name]?.text,
  wrapped: (_, content) => content,
  unicode: mapChars(TEXT_CHARS, (d, sup) => `${sup ? "^" : "_"}${d}`),
};

const FORMULA: Dialect = {
  frac: (a, b) => `((${a})/(${b}))`,
  scripts: false,
  symbol: (name) => {
    const sym = SYMBOLS[name];
    return sym && (sym.formula ?? sym.text);
  },
  wrapped: (name, content) =>
    content === "1" && ["mathbb", "mathbf", "mathbbm"].includes(name)
      ? "𝟙"
      : content === "R" && name === "mathbb"
        ? "ℝ"
        : content,
  unicode: mapChars(FORMULA_CHARS, (d, sup) => (sup ? `^(${d})` : `_${d}`)),
};

function readWith(d: Dialect, input: string): string {
  const latex = input.includes("\\") || input.includes("$") || input.includes("{");
  return d.unicode(latex ? new Writer(d).write(read(input)) : input);
}

/**
 * LaTeX and Unicode math as plain text for matching, keeping the text's length roughly (not its
 * offsets). @example latexToText("$\\mathcal{N}(0, \\sigma^{2})$") // " N(0, σ^(2)) "
 */
export function latexToText(input: string): string {
  return readWith(TEXT, input);
}

/**
 * LaTeX and Unicode math as plain formula text for the evaluator's rewrite: `\frac{a}{b}` →
 * `((a)/(b))`, `x²` → `x^(2)`, `√x` → `sqrt x`, `≤` → `<=`. @example latexToFormula("\\tfrac12 e^{-x}") // "((1)/(2)) e^{-x}"
 */
export function latexToFormula(input: string): string {
  return readWith(FORMULA, input);
}
