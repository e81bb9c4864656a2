/**
 * The project's one arithmetic evaluator: tokenizer → recursive-descent parser → tree walk.
 * Nothing is ever executed: only numbers, identifiers bound in a given environment, + - * / ** ^,
 * parentheses, unary signs and a short allow-list of functions (sqrt, math.sqrt, np.sqrt,
 * torch.sqrt, ...) are understood. The tokenizer (`tokenize`, in its `math` dialect), the parser
 * (`readArithmetic`, grammar there) and the operators' values (`binaryValue`) also serve the
 * distribution parser, which folds each construct into a checked number as it is read, with
 * LaTeX arithmetic (`\frac{1}{2}`, `0.5^{2}`, `σ²`) switched on.
 */

import { commandAt, LAYOUT_COMMANDS } from "./latex.js";

/** A failure to read an expression: what was not understood, and where (0-based offset). */
export class ExprError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
    readonly source: string,
  ) {
    super(`could not parse ${reason} at position ${position} in "${clip(source)}"`);
  }
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** A token and where it was written: `pos` its first character, `end` just past its last. */
export type Token =
  | { kind: "num"; value: number; pos: number; end: number; text: string }
  | { kind: "name"; value: string; pos: number; end: number; text: string }
  | { kind: "op"; value: string; pos: number; end: number; text: string }
  | { kind: "str"; value: string; pos: number; end: number; text: string }
  | { kind: "end"; value?: undefined; pos: number; end: number; text: string };

/**
 * How the tokenizer reads a source: `code` is a program's arithmetic (`cfg.init_std`,
 * `config["d"]`, strings, `**`, `//`); `math` is written mathematics, as the distribution parser
 * reads it: LaTeX commands by the LaTeX reader's names (spacing and sizing stepped over, `\{` `\}`
 * as braces), Greek letters as their names (`μ` → `mu`), vulgar fractions, `∞` (as `\infty`),
 * Unicode operators (`−` `·` `×` `∼` `∣`), `²`, and `_ | ~ ;` for subscripts, conditioning,
 * "distributed as" and separators. Names are plain words in `math` (`σ_1` is `σ`, `_`, `1`).
 */
export type Dialect = "code" | "math";

/** What the tokenizer could not read, at a position: each reader words it its own way. */
export type LexFailure =
  | { kind: "character"; character: string }
  | { kind: "unterminated-string" }
  | { kind: "lone-backslash" }
  | { kind: "command"; name: string };

const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAMES: Record<Dialect, RegExp> = {
  // with attributes and string subscripts, read as attributes by `codeName`
  code: /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\s*(["'])[A-Za-z_][A-Za-z0-9_]*\1\s*\])*/y,
  math: /[A-Za-z][A-Za-z0-9]*/y,
};
/** Operators: the code dialect's (longest first), and written mathematics' (one character each). */
const CODE_OPS = ["**", "//", "+", "-", "*", "/", "^", "(", ")", ",", "=", "[", "]", ":"];
const MATH_OPS = "()[]{},;=+-*/^:_|~²";
/** Unicode operators of written mathematics, by the operator each is read as. */
const MATH_OPERATORS: Record<string, string> = {
  "−": "-",
  "–": "-",
  "·": "*",
  "×": "*",
  "⋅": "*",
  "∼": "~",
  "∣": "|",
};
const GREEK: Record<string, string> = {
  μ: "mu",
  µ: "mu",
  σ: "sigma",
  λ: "lambda",
  ν: "nu",
  α: "alpha",
  β: "beta",
  γ: "gamma",
  θ: "theta",
  π: "pi",
  Γ: "Gamma",
  τ: "tau",
  δ: "delta",
  κ: "kappa",
};
const VULGAR: Record<string, number> = { "½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3 };

/**
 * The longest number and name the code dialect reads as one token (a longer one is split, and the
 * expression does not parse); written mathematics reads them whole.
 */
const LONGEST: Record<Dialect, { number: number; name: number } | undefined> = {
  code: { number: 64, name: 200 },
  math: undefined,
};

/**
 * The match of a sticky pattern at `i`, within `window` characters when given; no copy of the
 * rest of the input, so linear overall.
 */
function matchAt(re: RegExp, src: string, i: number, window?: number): string | undefined {
  re.lastIndex = window === undefined ? i : 0;
  return re.exec(window === undefined ? src : src.slice(i, i + window))?.[0];
}

/** `config["emb_init_std"]` as `config.emb_init_std`, so a bound key or its last part resolves it. */
const codeName = (text: string) =>
  text.replace(/\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]/g, ".$1");

/** The code dialect's failures as ExprErrors. */
const exprFailure =
  (source: string) =>
  (why: LexFailure, pos: number): never => {
    throw new ExprError(
      why.kind === "character" ? `the character "${why.character}"` : "an unterminated string",
      pos,
      source,
    );
  };

/**
 * Split source into tokens, in one pass (linear in its length). What cannot be read goes to
 * `fail` with its position; by default (the code dialect) an ExprError.
 */
export function tokenize(
  source: string,
  dialect: Dialect = "code",
  fail: (why: LexFailure, pos: number) => never = exprFailure(source),
): Token[] {
  const math = dialect === "math";
  const longest = LONGEST[dialect];
  const tokens: Token[] = [];
  const push = <K extends "num" | "name" | "op">(
    kind: K,
    value: Extract<Token, { kind: K }>["value"],
    pos: number,
    end: number,
  ) => tokens.push({ kind, value, pos, end, text: source.slice(pos, end) } as Token);
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (math && ch === "\\") {
      const cmd = commandAt(source, i);
      if (!cmd) return fail({ kind: "lone-backslash" }, i);
      const { name, end } = cmd;
      if (name === "{" || name === "}") push("op", name, i, end);
      else if (!LAYOUT_COMMANDS.has(name)) {
        if (!/^[A-Za-z]/.test(name)) return fail({ kind: "command", name }, i);
        push("name", `\\${name}`, i, end);
      }
      i = end;
      continue;
    }
    const num = matchAt(NUMBER, source, i, longest?.number);
    if (num) {
      push("num", Number(num), i, i + num.length);
      i += num.length;
      continue;
    }
    // one character of written mathematics that is a number or a name: ½, ∞, μ
    if (math && (ch in VULGAR || ch === "∞" || ch in GREEK)) {
      if (ch in VULGAR) push("num", VULGAR[ch]!, i, i + 1);
      else push("name", ch === "∞" ? "\\infty" : GREEK[ch]!, i, i + 1);
      i++;
      continue;
    }
    const name = matchAt(NAMES[dialect], source, i, longest?.name);
    if (name) {
      push("name", math ? name : codeName(name), i, i + name.length);
      i += name.length;
      continue;
    }
    if (!math && (ch === '"' || ch === "'")) {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) return fail({ kind: "unterminated-string" }, i);
      tokens.push({
        kind: "str",
        value: source.slice(i + 1, end),
        pos: i,
        end: end + 1,
        text: source.slice(i, end + 1),
      });
      i = end + 1;
      continue;
    }
    const op = math
      ? MATH_OPS.includes(ch)
        ? ch
        : MATH_OPERATORS[ch]
      : CODE_OPS.find((o) => source.startsWith(o, i));
    if (op) {
      const end = i + (math ? 1 : op.length);
      push("op", op, i, end);
      i = end;
      continue;
    }
    return fail({ kind: "character", character: ch }, i);
  }
  tokens.push({ kind: "end", pos: source.length, end: source.length, text: "" });
  return tokens;
}

/** The expression tree. */
export type Expr =
  | { type: "num"; value: number; pos: number }
  | { type: "name"; name: string; pos: number }
  | { type: "unary"; op: "+" | "-"; arg: Expr; pos: number }
  | {
      type: "binary";
      op: BinaryOp;
      left: Expr;
      right: Expr;
      pos: number;
    }
  | { type: "call"; fn: string; args: Expr[]; pos: number };
export type BinaryOp = "+" | "-" | "*" | "/" | "//" | "**";

/** Where a construct was written: its first character and the end of its last. */
export type Span = { start: number; end: number };
/** What could not be read: an operand, a closing bracket, or a LaTeX command's braced argument. */
export type Failure =
  | { kind: "operand" }
  | { kind: "close"; close: string; open: Token }
  | { kind: "argument"; command: Token };

/**
 * What one reader of arithmetic makes of each construct as it is read (a tree for `parseExpr`, a
 * checked number for the distribution parser), and how it reports what it cannot read. `at` is
 * the operator's (or the command's) token.
 */
export type Reading<T> = {
  num(t: Token): T;
  name(t: Token): T;
  unary(op: "+" | "-", x: T, at: Token, span: Span): T;
  binary(op: BinaryOp, left: T, right: T, at: Token, span: Span): T;
  call(fn: Token, args: T[], span: Span): T;
  /** A bracketed value: `(x)`, `{x}`. */
  group(x: T, span: Span): T;
  fail(why: Failure, at: Token): never;
  /**
   * Plain-text and LaTeX arithmetic as well: `\frac{a}{b}`, `\frac12`, `\sqrt{a}`, `\cdot`,
   * `\times`, `{…}` as brackets, `x²`, and `sqrt` applied to the next operand (`sqrt 2`);
   * function calls `f(a, b)` are read only without it.
   */
  latex?: boolean;
  /** Whether a product stops before the "*" whose next token is at `next` (a weight before a name). */
  stopsBefore?(next: number): boolean;
};

/** Parse one arithmetic expression (the whole source must be consumed). */
export function parseExpr(source: string): Expr {
  const tokens = tokenize(source);
  const fail = (what: string, t: Token): never => {
    throw new ExprError(
      t.kind === "end" ? `${what} (unexpected end)` : `${what} near "${t.text}"`,
      t.pos,
      source,
    );
  };
  const tree: Reading<Expr> = {
    num: (t) => ({ type: "num", value: t.value as number, pos: t.pos }),
    name: (t) => ({ type: "name", name: t.value as string, pos: t.pos }),
    unary: (op, arg, at) => ({ type: "unary", op, arg, pos: at.pos }),
    binary: (op, left, right, at) => ({ type: "binary", op, left, right, pos: at.pos }),
    call: (fn, args) => ({ type: "call", fn: fn.value as string, args, pos: fn.pos }),
    group: (x) => x,
    fail: (why, at) => fail(why.kind === "close" ? `"${why.close}"` : "an operand", at),
  };
  const { value, next } = readArithmetic(tokens, 0, "sum", tree);
  if (tokens[next]!.kind !== "end") fail("the expression", tokens[next]!);
  return value;
}

/**
 * Reads arithmetic from `tokens[start]` as far as it goes, folding each construct through
 * `reading`; returns the result and the index of the first token not read. The one grammar of
 * the project's arithmetic (Python precedence; `^` is a power, as in plain-text math):
 *
 *   sum     := product (("+" | "-") product)*
 *   product := unary (("*" | "/" | "//" | "\cdot" | "\times") unary)*
 *   unary   := ("+" | "-") unary | power
 *   power   := atom (("**" | "^") unary | "^" "{" sum "}" | "²")?    // right-associative
 *   atom    := NUMBER | NAME | NAME "(" args ")" | "(" sum ")" | "{" sum "}"
 *            | "\frac" arg arg | "\frac" DIGIT DIGIT | "\sqrt" arg | "sqrt" atom
 *   arg     := NUMBER | "{" sum "}"
 *
 * Recursive descent, one token of lookahead: linear in the number of tokens.
 */
export function readArithmetic<T>(
  tokens: readonly Token[],
  start: number,
  level: "sum" | "product" | "atom",
  reading: Reading<T>,
): { value: T; next: number } {
  const p = new Arithmetic(tokens, start, reading);
  const node = level === "sum" ? p.sum() : level === "product" ? p.product() : p.atom();
  return { value: node.value, next: p.i };
}

type Node<T> = { value: T; start: number; end: number };
const FRACTIONS = new Set(["\\frac", "\\tfrac", "\\dfrac"]);
/** Names that begin a number in LaTeX arithmetic (`\\frac{1}{2}`, `\\sqrt{2}`, `sqrt 2`). */
export const LATEX_NUMBER_NAMES: ReadonlySet<string> = new Set([...FRACTIONS, "\\sqrt", "sqrt"]);
/** Whether `t` multiplies in LaTeX arithmetic: `*`, `\\cdot`, `\\times`. */
export function isLatexProduct(t: Token): boolean {
  return t.kind === "op" ? t.value === "*" : t.value === "\\cdot" || t.value === "\\times";
}

class Arithmetic<T> {
  constructor(
    readonly tokens: readonly Token[],
    public i: number,
    readonly r: Reading<T>,
  ) {}

  private get tok(): Token {
    return this.tokens[this.i]!;
  }
  private isOp(v: string, t = this.tok): boolean {
    return t.kind === "op" && t.value === v;
  }
  private expectClose(close: string, open: Token): Token {
    if (!this.isOp(close)) this.r.fail({ kind: "close", close, open }, this.tok);
    return this.tokens[this.i++]!;
  }
  private leaf(t: Token, value: T): Node<T> {
    return { value, start: t.pos, end: t.end };
  }
  private binary(op: BinaryOp, l: Node<T>, r: Node<T>, at: Token, start = l.start): Node<T> {
    const span = { start, end: r.end };
    return { value: this.r.binary(op, l.value, r.value, at, span), ...span };
  }

  sum(): Node<T> {
    let left = this.product();
    while (this.isOp("+") || this.isOp("-")) {
      const at = this.tokens[this.i++]!;
      left = this.binary(at.value as "+" | "-", left, this.product(), at);
    }
    return left;
  }

  product(): Node<T> {
    let left = this.unary();
    for (;;) {
      const at = this.tok;
      const mul = this.isOp("*") || (this.r.latex && at.kind === "name" && isLatexProduct(at));
      if (!mul && !this.isOp("/") && !this.isOp("//")) return left;
      if (mul && this.r.stopsBefore?.(this.i + 1)) return left;
      this.i++;
      const op = mul ? "*" : (at.value as "/" | "//");
      left = this.binary(op, left, this.unary(), at);
    }
  }

  unary(): Node<T> {
    if (this.isOp("-") || this.isOp("+")) {
      const at = this.tokens[this.i++]!;
      const x = this.unary();
      const span = { start: at.pos, end: x.end };
      return { value: this.r.unary(at.value as "+" | "-", x.value, at, span), ...span };
    }
    return this.power();
  }

  private power(): Node<T> {
    const base = this.atom();
    const at = this.tok;
    if (this.r.latex && this.isOp("²")) {
      this.i++;
      const two = { ...at, kind: "num", value: 2, text: "2" } as Token;
      return this.binary("**", base, this.leaf(at, this.r.num(two)), at);
    }
    if (this.isOp("**") || this.isOp("^")) {
      this.i++;
      const exp = this.r.latex && this.isOp("{") ? this.atom() : this.unary();
      return this.binary("**", base, exp, at);
    }
    return base;
  }

  atom(): Node<T> {
    const t = this.tok;
    if (t.kind === "num") {
      this.i++;
      return this.leaf(t, this.r.num(t));
    }
    if (this.isOp("(") || (this.r.latex && this.isOp("{"))) {
      this.i++;
      const inner = this.sum();
      const close = this.expectClose(t.value === "(" ? ")" : "}", t);
      const span = { start: t.pos, end: close.end };
      return { value: this.r.group(inner.value, span), ...span };
    }
    if (t.kind !== "name") return this.r.fail({ kind: "operand" }, t);
    this.i++;
    if (this.r.latex && FRACTIONS.has(t.value as string)) return this.fraction(t);
    if (this.r.latex && (t.value === "\\sqrt" || t.value === "sqrt")) {
      const x = t.value === "sqrt" ? this.atom() : this.argument(t);
      const span = { start: t.pos, end: x.end };
      return { value: this.r.call(t, [x.value], span), ...span };
    }
    if (!this.r.latex && this.isOp("(")) {
      this.i++;
      const args: T[] = [];
      if (!this.isOp(")")) {
        args.push(this.sum().value);
        while (this.isOp(",")) {
          this.i++;
          args.push(this.sum().value);
        }
      }
      const close = this.expectClose(")", this.tokens[this.i - 1]!);
      const span = { start: t.pos, end: close.end };
      return { value: this.r.call(t, args, span), ...span };
    }
    return this.leaf(t, this.r.name(t));
  }

  /** `\frac{a}{b}`, `\frac 1 2`, and `\frac12` (two single digits). */
  private fraction(cmd: Token): Node<T> {
    const n = this.tok;
    if (n.kind === "num" && /^\d\d$/.test(n.text)) {
      this.i++;
      const digit = (k: number) =>
        ({
          ...n,
          value: Number(n.text[k]),
          pos: n.pos + k,
          end: n.pos + k + 1,
          text: n.text[k],
        }) as Token;
      const [a, b] = [digit(0), digit(1)];
      return this.binary(
        "/",
        this.leaf(a, this.r.num(a)),
        this.leaf(b, this.r.num(b)),
        cmd,
        cmd.pos,
      );
    }
    const num = this.argument(cmd);
    const den = this.argument(cmd);
    return this.binary("/", num, den, cmd, cmd.pos);
  }

  /** A LaTeX command's argument: a number, or a braced value. */
  private argument(cmd: Token): Node<T> {
    if (this.tok.kind !== "num" && !this.isOp("{"))
      this.r.fail({ kind: "argument", command: cmd }, this.tok);
    return this.atom();
  }
}

/** Names bound to numbers; dotted names (`self.d_model`, `cfg.d_model`) fall back to their last part. */
export type Env = Readonly<Record<string, number>>;

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E, inf: Number.POSITIVE_INFINITY };

const FUNCTIONS: Record<string, { arity: number[]; f: (...a: number[]) => number }> = {
  sqrt: { arity: [1], f: Math.sqrt },
  rsqrt: { arity: [1], f: (x) => 1 / Math.sqrt(x) },
  exp: { arity: [1], f: Math.exp },
  log: { arity: [1], f: Math.log },
  abs: { arity: [1], f: Math.abs },
  pow: { arity: [2], f: Math.pow },
  float: { arity: [1], f: (x) => x },
  int: { arity: [1], f: Math.trunc },
  tensor: { arity: [1], f: (x) => x },
};

const MODULES = new Set(["math", "np", "numpy", "torch", "jnp", "F"]);

function resolveFunction(fn: string): (typeof FUNCTIONS)[string] | undefined {
  const parts = fn.split(".");
  const last = parts[parts.length - 1]!;
  const prefixOk = parts.slice(0, -1).every((m) => MODULES.has(m));
  return prefixOk ? FUNCTIONS[last] : undefined;
}

function resolveName(name: string, env: Env): number | undefined {
  if (Object.hasOwn(env, name)) return env[name];
  const parts = name.split(".");
  const last = parts[parts.length - 1]!;
  if (parts.length > 1 && Object.hasOwn(env, last)) return env[last];
  if (parts.length === 2 && MODULES.has(parts[0]!) && Object.hasOwn(CONSTANTS, last)) {
    return CONSTANTS[last];
  }
  return undefined;
}

/** The value of `a op b`, as Python computes it (`//` floors). */
export function binaryValue(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    case "//":
      return Math.floor(a / b);
    case "**":
      return a ** b;
  }
}

/** Walk the tree. Unknown names/functions raise ExprError with the position. */
export function evalExpr(e: Expr, env: Env, source = ""): number {
  switch (e.type) {
    case "num":
      return e.value;
    case "name": {
      const v = resolveName(e.name, env);
      if (v === undefined) throw new ExprError(`the unknown name "${e.name}"`, e.pos, source);
      return v;
    }
    case "unary": {
      const v = evalExpr(e.arg, env, source);
      return e.op === "-" ? -v : v;
    }
    case "binary":
      return binaryValue(e.op, evalExpr(e.left, env, source), evalExpr(e.right, env, source));
    case "call": {
      const fn = resolveFunction(e.fn);
      if (!fn) throw new ExprError(`the unsupported function "${e.fn}"`, e.pos, source);
      if (!fn.arity.includes(e.args.length)) {
        throw new ExprError(`"${e.fn}" with ${e.args.length} argument(s)`, e.pos, source);
      }
      return fn.f(...e.args.map((a) => evalExpr(a, env, source)));
    }
  }
  throw new ExprError("the expression", 0, source);
}

/** Parse and evaluate in one go. @example evaluate("1/math.sqrt(d_model)", { d_model: 512 }) */
export function evaluate(source: string, env: Env = {}): number {
  return evalExpr(parseExpr(source), env, source);
}
