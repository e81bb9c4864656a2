/**
 * A safe arithmetic evaluator for the expressions answer transcripts put in init code:
 * tokenizer → recursive-descent parser → tree walk. Nothing is ever executed: only numbers,
 * identifiers bound in a given environment, + - * / ** ^, parentheses, unary signs and a short
 * allow-list of functions (sqrt, math.sqrt, np.sqrt, torch.sqrt, ...) are understood.
 *
 * Grammar (Python precedence; `^` is read as a power, as in plain-text math):
 *   expr   := term (("+" | "-") term)*
 *   term   := unary (("*" | "/" | "//") unary)*
 *   unary  := ("+" | "-") unary | power
 *   power  := atom (("**" | "^") unary)?        // right-associative, 2**-1 allowed
 *   atom   := NUMBER | NAME | NAME "(" args ")" | "(" expr ")"
 */

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

export type Token =
  | { kind: "num"; value: number; pos: number; text: string }
  | { kind: "name"; value: string; pos: number; text: string }
  | { kind: "op"; value: string; pos: number; text: string }
  | { kind: "str"; value: string; pos: number; text: string }
  | { kind: "end"; pos: number; text: string };

const OPS = ["**", "//", "+", "-", "*", "/", "^", "(", ")", ",", "=", "[", "]", ":"];

/** Split source into tokens; unknown characters raise ExprError with their position. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i, i + 64));
    if (num) {
      tokens.push({ kind: "num", value: Number(num[0]), pos: i, text: num[0] });
      i += num[0].length;
      continue;
    }
    // A name, with attributes and string subscripts: `cfg.init_std`, `config["emb_init_std"]`
    // (read as `config.emb_init_std`, so a bound key or its last part resolves it).
    const name =
      /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\s*(["'])[A-Za-z_][A-Za-z0-9_]*\1\s*\])*/.exec(
        source.slice(i, i + 200),
      );
    if (name) {
      const value = name[0].replace(/\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]/g, ".$1");
      tokens.push({ kind: "name", value, pos: i, text: name[0] });
      i += name[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) throw new ExprError("an unterminated string", i, source);
      tokens.push({
        kind: "str",
        value: source.slice(i + 1, end),
        pos: i,
        text: source.slice(i, end + 1),
      });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: "op", value: op, pos: i, text: op });
      i += op.length;
      continue;
    }
    throw new ExprError(`the character "${ch}"`, i, source);
  }
  tokens.push({ kind: "end", pos: source.length, text: "" });
  return tokens;
}

/** The expression tree. */
export type Expr =
  | { type: "num"; value: number; pos: number }
  | { type: "name"; name: string; pos: number }
  | { type: "unary"; op: "+" | "-"; arg: Expr; pos: number }
  | {
      type: "binary";
      op: "+" | "-" | "*" | "/" | "//" | "**";
      left: Expr;
      right: Expr;
      pos: number;
    }
  | { type: "call"; fn: string; args: Expr[]; pos: number };

/** Parse one arithmetic expression (the whole source must be consumed). */
export function parseExpr(source: string): Expr {
  const p = new Parser(tokenize(source), source);
  const e = p.expr();
  p.expectEnd();
  return e;
}

class Parser {
  i = 0;
  constructor(
    readonly tokens: Token[],
    readonly source: string,
  ) {}

  peek(): Token {
    return this.tokens[this.i]!;
  }
  /** Consume an operator token (callers check `isOp` first). */
  nextOp(): { value: string; pos: number } {
    const t = this.tokens[this.i++]!;
    return { value: t.kind === "op" ? t.value : "", pos: t.pos };
  }
  isOp(v: string): boolean {
    const t = this.peek();
    return t.kind === "op" && t.value === v;
  }
  fail(what: string, t = this.peek()): never {
    throw new ExprError(
      t.kind === "end" ? `${what} (unexpected end)` : `${what} near "${t.text}"`,
      t.pos,
      this.source,
    );
  }
  expectEnd(): void {
    if (this.peek().kind !== "end") this.fail("the expression");
  }
  expect(v: string): void {
    if (!this.isOp(v)) this.fail(`"${v}"`);
    this.i++;
  }

  expr(): Expr {
    let left = this.term();
    while (this.isOp("+") || this.isOp("-")) {
      const t = this.nextOp();
      left = { type: "binary", op: t.value as "+" | "-", left, right: this.term(), pos: t.pos };
    }
    return left;
  }
  term(): Expr {
    let left = this.unary();
    while (this.isOp("*") || this.isOp("/") || this.isOp("//")) {
      const t = this.nextOp();
      left = {
        type: "binary",
        op: t.value as "*" | "/" | "//",
        left,
        right: this.unary(),
        pos: t.pos,
      };
    }
    return left;
  }
  unary(): Expr {
    if (this.isOp("-") || this.isOp("+")) {
      const t = this.nextOp();
      return { type: "unary", op: t.value as "+" | "-", arg: this.unary(), pos: t.pos };
    }
    return this.power();
  }
  power(): Expr {
    const base = this.atom();
    if (this.isOp("**") || this.isOp("^")) {
      const t = this.nextOp();
      return { type: "binary", op: "**", left: base, right: this.unary(), pos: t.pos };
    }
    return base;
  }
  atom(): Expr {
    const t = this.peek();
    if (t.kind === "num") {
      this.i++;
      return { type: "num", value: t.value, pos: t.pos };
    }
    if (t.kind === "name") {
      this.i++;
      if (this.isOp("(")) {
        this.i++;
        const args: Expr[] = [];
        if (!this.isOp(")")) {
          args.push(this.expr());
          while (this.isOp(",")) {
            this.i++;
            args.push(this.expr());
          }
        }
        this.expect(")");
        return { type: "call", fn: t.value, args, pos: t.pos };
      }
      return { type: "name", name: t.value, pos: t.pos };
    }
    if (this.isOp("(")) {
      this.i++;
      const e = this.expr();
      this.expect(")");
      return e;
    }
    return this.fail("an operand");
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
    case "binary": {
      const a = evalExpr(e.left, env, source);
      const b = evalExpr(e.right, env, source);
      switch (e.op) {
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
      break;
    }
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
