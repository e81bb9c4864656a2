/**
 * Reads distributions the way people write them: `N(0, 4)`, `\mathcal{N}(\mu=0, \sigma^2=4)`,
 * `Normal(mu=0, sigma=2)`, `U(0,2)`, `Uniform[0,1]`, `Exp(1)`, `t(3)`, `Gamma(2,1)`, `Beta(2,3)`,
 * `0.5 N(-2,0.5) + 0.5 N(2,0.5)`, `[0.5, 0.5]`, `HalfNormal(1)`, `N(0, 1) truncated to [0, ∞)`,
 * `\frac{1}{2}`, `σ`, `μ`.
 *
 * Grammar:
 *   input     := [name ["(" var ")"] ("=" | "~" | "\sim" | ":")] mixture     // "P = …", "X ~ …"
 *   mixture   := component ("+" component)*
 *   component := [weight ["*" | "·" | "\cdot" | "\times"]] (family args | "[" numbers "]")
 *                [("truncated" | "restricted") ["to" | "on"] interval]      // interval: [a, ∞) …
 *   args      := ("(" | "[") [var (";" | "|" | "\mid")] arg ("," arg)* (")" | "]")
 *   arg       := [name ["^2" | "²"] ("=" | ":")] value
 *   value     := arithmetic with + - * / ^ ², \frac{a}{b}, \sqrt{a}, sqrt(a), pi
 *
 * Where notation is ambiguous (the 2nd parameter of N is a variance in most texts and a standard
 * deviation in others; Exp(λ) is a rate or a scale; Gamma's 2nd parameter is a rate or a scale)
 * every reading is returned with a label. Bad input → ParseError pointing at the character.
 */
import {
  binaryValue,
  isLatexProduct,
  LATEX_NUMBER_NAMES,
  type LexFailure,
  type Reading as NumberReading,
  readArithmetic,
  type Token,
  tokenize,
  WRAPPERS,
} from "../expr/index.js";
import { sig } from "../format/index.js";
import {
  type Continuous,
  type Distribution,
  formatDistribution,
  isDiscrete,
  truncated,
  uniform,
  validate,
} from "./distributions.js";
import { excerpt, excerptAround } from "./excerpt.js";
import {
  type Arg,
  type ArgReader,
  type Convention,
  familyList,
  type Reader,
  type Slot,
  type Value,
} from "./families/index.js";
import { FormulaError, formulaDensity, readWrittenDensity } from "./formula.js";

/**
 * A parse failure with the 1-based column and a caret line under the offending character (the
 * line cut to an excerpt around it when long).
 */
export class ParseError extends Error {
  readonly column: number;
  constructor(
    readonly reason: string,
    readonly offset: number,
    readonly source: string,
  ) {
    const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
    const lineEndRaw = source.indexOf("\n", offset);
    const lineEnd = lineEndRaw < 0 ? source.length : lineEndRaw;
    const col = offset - lineStart + 1;
    const shown = excerptAround(source.slice(lineStart, lineEnd), col - 1);
    super(`${reason} at column ${col}\n  ${shown.text}\n  ${" ".repeat(shown.at)}^`);
    this.name = "ParseError";
    this.column = col;
  }
}

/** A written-out density that is not one, or cannot be read ("x integrates to 0.5 on [0, 1], not 1"). */
export class DensityFormulaError extends ParseError {
  constructor(reason: string, source: string) {
    super(reason, 0, source);
    this.name = "DensityFormulaError";
  }
}

/** One way to read the text: a label for the convention and the resulting distribution. */
export type Reading = { label: string; dist: Distribution };
export type ParsedDistribution = { text: string; readings: Reading[] };

/** The choice made on each ambiguous notation (axis → choice), e.g. { normal2: "std" }. */
type Conv = Record<string, string>;
/** A component's readings: the conventions it depends on, and the distribution under a choice. */
type Builder = { axes: Map<string, Convention>; build(conv: Conv): Distribution };

// ---------------------------------------------------------------- tokens

/** The text as tokens of written mathematics (src/expr `tokenize`); what it cannot read, a ParseError. */
function lex(src: string): Token[] {
  return tokenize(src, "math", (why, pos) => {
    throw new ParseError(lexFailure(why, src[pos]!), pos, src);
  });
}

/** What the tokenizer could not read, in the parser's words. */
function lexFailure(why: LexFailure, character: string): string {
  switch (why.kind) {
    case "lone-backslash":
      return "a lone backslash";
    case "command":
      return `unknown LaTeX command "\\${why.name}"`;
    case "character":
    case "unterminated-string": // the math dialect reads no strings
      return `unexpected character "${character}"`;
  }
}

// ---------------------------------------------------------------- families

/** Every reader of every family by name (lowercase, no backslash). */
const READERS = new Map<string, Reader<Distribution>>(
  familyList().flatMap((f) => f.readers.flatMap((r) => r.names.map((n) => [n, r] as const))),
);
/** Families with a half form (HalfNormal, HalfCauchy): the reader named and the half's name. */
const HALVES = familyList().flatMap((f) =>
  f.half ? [{ reader: f.readers[0], name: f.half, word: f.words[0] }] : [],
);
const KNOWN = [
  ...familyList().flatMap((f) => f.readers.map((r) => r.shown)),
  ...HALVES.map((h) => h.name),
  "[p1, p2, …]",
].join(", ");

/** `\mathcal`, `\text`, …: a wrapper around a family's name, by the LaTeX reader's list. */
const isWrapper = (name: string) => name.startsWith("\\") && WRAPPERS.has(name.slice(1));
const INFINITY = Number.POSITIVE_INFINITY;
const INFINITY_WORDS = new Set(["\\infty", "inf", "infinity", "infty"]);
/** Names that begin a number: π, and the evaluator's LaTeX operands (\\frac, \\sqrt, sqrt). */
const NUMBER_WORDS = new Set(["pi", "\\pi", ...LATEX_NUMBER_NAMES]);

/** True when a number's digits, before any exponent, are not all 0 ("1e-400" yes, "0.0e5" no). */
function hasNonzeroDigit(numberText: string): boolean {
  for (const ch of numberText) {
    if (ch === "e" || ch === "E") return false;
    if (ch >= "1" && ch <= "9") return true;
  }
  return false;
}

const bare = (name: string) => name.replace(/^\\/, "").toLowerCase();
function readerOf(name: string): Reader<Distribution> | undefined {
  return READERS.get(bare(name));
}
/** The half form named in one word ("HalfNormal", "halfgaussian"), else undefined. */
function joinedHalf(name: string): Reader<Distribution> | undefined {
  const lower = bare(name);
  if (!lower.startsWith("half")) return undefined;
  const reader = readerOf(lower.slice(4));
  return HALVES.find((h) => h.reader === reader)?.reader;
}

// ---------------------------------------------------------------- parser

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly toks: Token[],
  ) {}

  /**
   * How the evaluator's grammar reads a number here: LaTeX arithmetic on, `pi` the only name,
   * and every intermediate value checked where it was written (`representable`).
   */
  private readonly numbers: NumberReading<Value> = {
    latex: true,
    num: (t) =>
      this.representable(
        { v: t.value as number, pos: t.pos, end: t.end, squared: false },
        hasNonzeroDigit(t.text),
      ),
    name: (t) => {
      if (t.value !== "pi" && t.value !== "\\pi")
        this.fail(`expected a number, found ${this.describe(t)}`, t);
      return { v: Math.PI, pos: t.pos, end: t.end, squared: false };
    },
    unary: (op, x, _, { start, end }) => ({
      v: op === "-" ? -x.v : x.v,
      pos: start,
      end,
      squared: x.squared,
    }),
    binary: (op, l, r, at, { start, end }) => {
      if (op === "/" && r.v === 0) this.err("division by zero", r.pos);
      // "²" squares as written, by a product
      const v = at.value === "²" ? l.v * l.v : binaryValue(op, l.v, r.v);
      // a result of 0 from nonzero operands has underflowed (a sum or difference is exact)
      const fromNonzero = op === "+" || op === "-" ? false : l.v !== 0 && (op !== "*" || r.v !== 0);
      return this.representable(
        { v, pos: start, end, squared: op === "**" && r.v === 2 },
        fromNonzero,
      );
    },
    // √, the only function: \sqrt{…}, sqrt x
    call: (_, [x], { start, end }) => {
      if (x.v < 0) this.err(`square root of a negative number (${x.v})`, x.pos);
      return { v: Math.sqrt(x.v), pos: start, end, squared: false };
    },
    group: (x, { start, end }) => ({ ...x, pos: start, end }),
    fail: (why, at) => {
      const found = `found ${this.describe(at)}`;
      if (why.kind === "operand") this.fail(`expected a number, ${found}`, at);
      if (why.kind === "close")
        this.fail(
          `expected "${why.close}" closing the "${why.open.text}" at column ${why.open.pos + 1}, ${found}`,
          at,
        );
      return this.fail(`expected "{" after ${why.command.text}, ${found}`, at);
    },
  };
  /** A mixture's weight: the product stops before a "*" that joins it to the family's name. */
  private readonly weights: NumberReading<Value> = {
    ...this.numbers,
    stopsBefore: (next) => {
      const save = this.i;
      this.i = next;
      const starts = this.startsDistribution();
      this.i = save;
      return starts;
    },
  };

  private get tok(): Token {
    return this.toks[this.i];
  }
  private peek(k = 1): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)];
  }
  private fail(reason: string, tok: { pos: number } = this.tok): never {
    throw new ParseError(reason, tok.pos, this.src);
  }
  private describe(tok: { pos: number; text: string }): string {
    return tok.pos >= this.src.length ? "the end of the input" : `"${excerpt(tok.text)}"`;
  }
  private isOp(v: string, tok: Token = this.tok): boolean {
    return tok.kind === "op" && tok.value === v;
  }
  private expectOp(v: string, what: string): Token {
    if (!this.isOp(v)) this.fail(`expected ${what}, found ${this.describe(this.tok)}`);
    return this.toks[this.i++];
  }

  /** Steps over a leading "P =", "X ~", "x \\sim", "p(x) =" or "Q:" naming the distribution. */
  private skipNamePrefix(): void {
    const save = this.i;
    if (this.tok.kind !== "name") return;
    this.i++;
    if (this.isOp("(") && this.peek().kind === "name" && this.isOp(")", this.peek(2))) this.i += 3;
    const t = this.tok;
    if (
      this.isOp("=") ||
      this.isOp("~") ||
      this.isOp(":") ||
      (t.kind === "name" && t.value === "\\sim")
    ) {
      this.i++;
      return;
    }
    this.i = save;
  }

  parseTop(): Builder {
    this.skipNamePrefix();
    if (this.tok.kind === "end")
      this.fail("expected a distribution such as N(0, 1), found nothing");
    const parts: Array<{ weight: Value | null; b: Builder; pos: number }> = [];
    for (;;) {
      const pos = this.tok.pos;
      let weight: Value | null = null;
      const t0 = this.tok;
      if (!this.startsDistribution() && !(t0.kind === "name" && !NUMBER_WORDS.has(t0.value))) {
        weight = this.readNumber("product", this.weights);
        // the "*", \cdot or \times joining the weight to the family's name
        if (isLatexProduct(this.toks[this.i]!)) this.i++;
        if (!this.startsDistribution()) {
          this.fail(
            `expected a distribution name (N, U, Exp, …) or [p1, p2, …] after the weight, found ${this.describe(this.tok)}`,
          );
        }
      }
      parts.push({ weight, b: this.parseComponent(), pos });
      if (this.isOp("+")) {
        this.i++;
        continue;
      }
      if ((this.tok as Token).kind !== "end") {
        this.fail(`expected "+" or the end of the input, found ${this.describe(this.tok)}`);
      }
      break;
    }
    if (parts.length === 1 && parts[0].weight === null) return parts[0].b;
    const weights: number[] = [];
    for (const p of parts) {
      if (p.weight === null) {
        throw new ParseError(
          "a mixture needs a weight before every component (e.g. 0.5 N(0, 1))",
          p.pos,
          this.src,
        );
      }
      if (!(p.weight.v > 0))
        throw new ParseError(
          `mixture weight must be > 0, got ${p.weight.v}`,
          p.weight.pos,
          this.src,
        );
      weights.push(p.weight.v);
    }
    const sum = weights.reduce((s, w) => s + w, 0);
    if (Math.abs(sum - 1) > 1e-9) {
      throw new ParseError(
        `mixture weights sum to ${sig(sum, 10)}, expected 1`,
        parts[0].pos,
        this.src,
      );
    }
    const axes = new Map(parts.flatMap((p) => [...p.b.axes]));
    return {
      axes,
      build: (conv) => {
        const comps = parts.map((p) => p.b.build(conv));
        const flat: Continuous[] = [];
        const ws: number[] = [];
        comps.forEach((c, k) => {
          if (isDiscrete(c)) {
            throw new ParseError(
              "a mixture of densities cannot contain a discrete component",
              parts[k].pos,
              this.src,
            );
          }
          if (c.kind === "mixture") {
            c.components.forEach((cc, j) => {
              flat.push(cc);
              ws.push(weights[k] * c.weights[j]);
            });
          } else {
            flat.push(c);
            ws.push(weights[k]);
          }
        });
        const total = ws.reduce((s, w) => s + w, 0);
        return { kind: "mixture", weights: ws.map((w) => w / total), components: flat };
      },
    };
  }

  /** True when the current token begins a family name or a probability vector. */
  private startsDistribution(): boolean {
    const t = this.tok;
    if (this.isOp("[")) return true;
    if (t.kind !== "name") return false;
    if (isWrapper(t.value)) return true;
    return (
      readerOf(t.value) !== undefined ||
      bare(t.value) === "half" ||
      joinedHalf(t.value) !== undefined
    );
  }

  private parseComponent(): Builder {
    if (this.isOp("[")) {
      const open = this.tok;
      return this.build(READERS.get("cat")!, this.parseArgs(), open);
    }
    const nameTok = this.tok;
    let name = nameTok.kind === "name" ? nameTok.value : "";
    this.i++;
    if (isWrapper(name)) {
      if (this.isOp("{")) {
        this.i++;
        const inner = this.tok;
        if (inner.kind !== "name")
          this.fail(
            `expected a distribution name inside ${name}{…}, found ${this.describe(inner)}`,
          );
        name = inner.value;
        this.i++;
        this.skipSuffix(name); // \text{Student-t}
        this.expectOp("}", `"}" closing ${nameTok.text}{…}`);
      } else if (this.tok.kind === "name") {
        name = this.tok.value;
        this.i++;
      } else {
        this.fail(
          `expected a distribution name after ${nameTok.text}, found ${this.describe(this.tok)}`,
        );
      }
    }
    // HalfNormal(σ), half-normal(σ), HalfCauchy(γ): the family centred at 0, cut to [0, ∞)
    const half = this.halfFamily(name);
    if (half) return this.parseHalf(half, nameTok);
    const reader = readerOf(name);
    if (!reader) {
      this.fail(
        `unknown distribution "${excerpt(nameTok.text)}"; expected one of ${KNOWN}`,
        nameTok,
      );
    }
    this.skipSuffix(name); // "Student-t", "Student t"
    // t_3, t_{3}: degrees of freedom as a subscript
    let subscript: Value | null = null;
    if (this.isOp("_")) {
      if (!reader.subscript) this.fail(`${nameTok.text} takes no subscript`);
      this.i++;
      subscript = this.readNumber("atom");
    }
    let args: Arg[] = [];
    if (this.isOp("(") || this.isOp("[")) args = this.parseArgs();
    else if (!subscript)
      this.fail(
        `expected "(" with the parameters of ${nameTok.text}, found ${this.describe(this.tok)}`,
      );
    if (subscript) {
      // t_3: the degrees of freedom; δ_0: where the point mass sits
      const name = reader.subscript!;
      args.unshift({ name, namePos: subscript.pos, squaredName: false, value: subscript });
    }
    return this.truncation(this.build(reader, args, nameTok));
  }

  /** Steps over a word that may follow a family's name ("Student" "-t", "Student" "t"). */
  private skipSuffix(name: string): void {
    const suffix = readerOf(name)?.suffix;
    if (!suffix || bare(name) !== suffix.after) return;
    const isWord = (t: Token) => t.kind === "name" && t.value.toLowerCase() === suffix.word;
    if (this.isOp("-") && isWord(this.peek())) this.i += 2;
    else if (isWord(this.tok)) this.i++;
  }

  /** "half" + normal/cauchy as one name (HalfNormal) or two (half-normal, half normal). */
  private halfFamily(name: string): Reader<Distribution> | null {
    const joined = joinedHalf(name);
    if (joined) return joined;
    if (bare(name) !== "half") return null;
    if (this.isOp("-")) this.i++;
    const next = this.tok;
    const reader = next.kind === "name" ? readerOf(next.value) : undefined;
    const half = HALVES.find((h) => h.reader === reader);
    if (!half)
      this.fail(
        `expected ${HALVES.map((h) => `"${h.word}"`).join(" or ")} after "half", found ${this.describe(next)}`,
      );
    this.i++;
    return half.reader;
  }

  /**
   * Half-normal / half-Cauchy: one scale parameter (σ or γ, never a variance), location 0; named
   * alone, the standard one (scale 1: |X| for a standard X), as "a half-normal" is meant.
   */
  private parseHalf(reader: Reader<Distribution>, nameTok: Token): Builder {
    const given = this.isOp("(") || this.isOp("[");
    const unit = { v: 1, pos: nameTok.end, end: nameTok.end, squared: false };
    const args = given
      ? this.parseArgs()
      : [{ name: null, namePos: nameTok.end, squaredName: false, value: unit }];
    if (args.length !== 1)
      this.err(`${nameTok.text} takes one parameter (its scale), got ${args.length}`, nameTok.pos);
    const [a] = args;
    const scale: Arg = a.name === null ? { ...a, name: "scale" } : a;
    const loc: Arg = {
      name: "loc",
      namePos: nameTok.pos,
      squaredName: false,
      value: { v: 0, pos: nameTok.pos, end: nameTok.end, squared: false },
    };
    return this.truncation(this.build(reader, [loc, scale], nameTok), [0, INFINITY]);
  }

  /**
   * A truncation after a density: `N(0, 1) truncated to [0, ∞)`, `… restricted to [-1, 1]`.
   * `given` applies a fixed one (the half-families) when no suffix is written.
   */
  private truncation(b: Builder, given?: [number, number]): Builder {
    const t = this.tok;
    const word = t.kind === "name" ? t.value.toLowerCase() : "";
    let range = given;
    if (word === "truncated" || word === "restricted") {
      this.i++;
      const next = this.tok;
      if (next.kind === "name" && ["to", "on"].includes(next.value.toLowerCase())) this.i++;
      const [lo, hi] = this.parseInterval();
      range = given ? [Math.max(lo, given[0]), Math.min(hi, given[1])] : [lo, hi];
    }
    if (!range) return b;
    const [lo, hi] = range;
    return {
      axes: b.axes,
      build: (conv) => {
        const d = b.build(conv);
        if (isDiscrete(d))
          this.err("only densities can be truncated here, not a discrete distribution", t.pos);
        try {
          return truncated(d, lo, hi);
        } catch (e) {
          this.err((e as Error).message, t.pos);
        }
      },
    };
  }

  /** [a, b], (a, b), [a, ∞) …: the ends may be ±∞ / inf / \infty; open or closed is immaterial. */
  private parseInterval(): [number, number] {
    const open = this.tok;
    if (!this.isOp("[") && !this.isOp("("))
      this.fail(`expected an interval such as [0, ∞), found ${this.describe(open)}`);
    this.i++;
    const lo = this.parseBound();
    this.expectOp(",", `"," between the ends of the interval`);
    const hi = this.parseBound();
    if (!this.isOp("]") && !this.isOp(")"))
      this.fail(`expected "]" or ")" closing the interval, found ${this.describe(this.tok)}`);
    this.i++;
    if (!(hi > lo)) this.err(`an empty interval [${lo}, ${hi}]`, open.pos);
    return [lo, hi];
  }

  private parseBound(): number {
    let sign = 1;
    if (this.isOp("-") || this.isOp("+")) {
      if (this.isOp("-")) sign = -1;
      const t = this.peek();
      if (t.kind === "name" && INFINITY_WORDS.has(t.value.toLowerCase())) {
        this.i += 2;
        return sign * INFINITY;
      }
    }
    const t = this.tok;
    if (t.kind === "name" && INFINITY_WORDS.has(t.value.toLowerCase())) {
      this.i++;
      return INFINITY;
    }
    return this.readNumber("sum").v;
  }

  private parseArgs(): Arg[] {
    const open = this.tok;
    this.i++;
    // N(x; 0, 1), N(x | 0, 1), N(x \\mid 0, 1): the variable before ";" or "|" is not a parameter
    const sep = this.peek();
    if (
      this.tok.kind === "name" &&
      !NUMBER_WORDS.has(this.tok.value) &&
      (this.isOp(";", sep) || this.isOp("|", sep) || (sep.kind === "name" && sep.value === "\\mid"))
    ) {
      this.i += 2;
    }
    const args: Arg[] = [];
    if (this.isOp(")") || this.isOp("]"))
      this.fail(`expected a parameter, found ${this.describe(this.tok)}`);
    for (;;) {
      args.push(this.parseArg());
      if (this.isOp(",") || this.isOp(";")) {
        this.i++;
        continue;
      }
      if (this.isOp(")") || this.isOp("]")) {
        this.i++;
        return args;
      }
      this.fail(
        `expected "," or a closing bracket for the "${open.text}" at column ${open.pos + 1}, found ${this.describe(this.tok)}`,
      );
    }
  }

  private parseArg(): Arg {
    const start = this.i;
    const t = this.tok;
    if (t.kind === "name" && !NUMBER_WORDS.has(t.value)) {
      this.i++;
      let squaredName = false;
      let name = t.value.replace(/^\\/, "");
      if (this.isOp("^") && this.peek().kind === "num" && this.peek().value === 2) {
        this.i += 2;
        squaredName = true;
      } else if (
        this.isOp("^") &&
        this.isOp("{", this.peek()) &&
        this.peek(2).value === 2 &&
        this.isOp("}", this.peek(3))
      ) {
        this.i += 4;
        squaredName = true;
      } else if (this.isOp("²")) {
        this.i++;
        squaredName = true;
      }
      if (this.isOp("_")) {
        this.i++;
        const sub = this.tok;
        if (sub.kind === "num" || sub.kind === "name") {
          name += String(sub.kind === "num" ? sub.text : sub.value);
          this.i++;
        } else if (this.isOp("{")) {
          this.i++;
          const inner = this.tok;
          if (inner.kind !== "num" && inner.kind !== "name")
            this.fail(`expected a subscript, found ${this.describe(inner)}`);
          name += inner.kind === "num" ? inner.text : inner.value;
          this.i++;
          this.expectOp("}", `"}" closing the subscript`);
        }
      }
      if (this.isOp("=") || this.isOp(":")) {
        this.i++;
        return { name, namePos: t.pos, squaredName, value: this.readNumber("sum") };
      }
      this.fail(
        `expected "=" after the parameter name "${excerpt(this.src.slice(t.pos, this.toks[this.i - 1].end))}", found ${this.describe(this.tok)}`,
      );
    }
    this.i = start;
    const value = this.readNumber("sum");
    if (this.isOp(":")) {
      // value: probability (Cat(1: 0.5, 3: 0.5))
      this.i++;
      const prob = this.readNumber("sum");
      return { name: null, namePos: value.pos, squaredName: false, value: prob, key: value };
    }
    return { name: null, namePos: value.pos, squaredName: false, value };
  }

  /** A number: arithmetic read by the one evaluator's grammar, checked as it is read. */
  private readNumber(level: "sum" | "product" | "atom", reading = this.numbers): Value {
    const { value, next } = readArithmetic(this.toks, this.i, level, reading);
    this.i = next;
    return value;
  }

  /**
   * `value` when double precision holds it; else a ParseError quoting what was written: a number
   * beyond ±1.8e308 (1e400, 1e300 * 1e300) is ∞, and one below 5e-324 (1e-400) rounds to 0,
   * which `fromNonzero` (the written digits or operands were not 0) tells apart from a real 0.
   */
  private representable(value: Value, fromNonzero = false): Value {
    const written = `"${excerpt(this.src.slice(value.pos, value.end))}"`;
    if (Number.isNaN(value.v)) this.err(`${written} is not a real number`, value.pos);
    if (!Number.isFinite(value.v))
      this.err(
        `${written} is not a finite number (beyond ±1.8e308, the range of double precision)`,
        value.pos,
      );
    if (value.v === 0 && fromNonzero)
      this.err(
        `${written} is too small for double precision (below 5e-324, it rounds to 0)`,
        value.pos,
      );
    return value;
  }

  // ------------------------------------------------------------ building distributions

  private err(reason: string, pos: number): never {
    throw new ParseError(reason, pos, this.src);
  }

  /** Reads a family's arguments through its reader; a ParseError points at what is wrong. */
  private build(reader: Reader<Distribution>, args: Arg[], nameTok: Token): Builder {
    const fam = nameTok.text;
    const pick = (slots: Slot[], min: number) => {
      const got: Record<string, Arg> = {};
      let positional = 0;
      for (const a of args) {
        if (a.key) this.err(`"value: probability" pairs belong to Cat(…), not ${fam}`, a.namePos);
        if (a.name === null) {
          if (Object.keys(got).some((k) => args.find((x) => x === got[k])?.name !== null)) {
            this.err("positional parameters must come before named ones", a.value.pos);
          }
          const slot = slots[positional++];
          if (!slot) this.err(`${fam} takes at most ${slots.length} parameter(s)`, a.value.pos);
          got[slot.key] = a;
        } else {
          const lname = a.name.toLowerCase() + (a.squaredName ? "^2" : "");
          const slot = slots.find(
            (s) =>
              s.names.includes(lname) || s.names.includes(a.name! + (a.squaredName ? "^2" : "")),
          );
          if (!slot) {
            const known = slots.flatMap((s) => s.names.slice(0, 2)).join(", ");
            this.err(
              `${fam} has no parameter "${excerpt(a.name)}${a.squaredName ? "^2" : ""}" (known: ${known})`,
              a.namePos,
            );
          }
          if (got[slot.key]) this.err(`parameter "${excerpt(a.name)}" given twice`, a.namePos);
          got[slot.key] = a;
        }
      }
      const count = Object.keys(got).length;
      if (count < min)
        this.err(
          `${fam} needs ${min} parameter(s), got ${count}`,
          args[0]?.value.pos ?? nameTok.pos,
        );
      return got;
    };
    const r: ArgReader = {
      name: fam,
      namePos: nameTok.pos,
      args,
      pick,
      positive: (a, what) => {
        if (a && !(a.value.v > 0)) this.err(`${what} must be > 0, got ${a.value.v}`, a.value.pos);
      },
      fail: (reason, pos) => this.err(reason, pos),
    };
    /** `d` checked by `validate`, whose message becomes a ParseError at the family's name. */
    const valid = (d: Distribution): Distribution => {
      try {
        return validate(d);
      } catch (e) {
        this.err((e as Error).message, nameTok.pos);
      }
    };
    const read = reader.read(r);
    if (!("convention" in read)) {
      valid(read);
      return { axes: new Map(), build: () => read };
    }
    const { convention } = read;
    valid(read.build(convention.choices[0][0])); // the default reading, checked as it is read
    return {
      axes: new Map([[convention.axis, convention]]),
      build: (c) => valid(read.build(c[convention.axis])),
    };
  }
}

function parseBuilder(text: string): Builder {
  try {
    return new Parser(text, lex(text)).parseTop();
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    const written = readDensityFormula(text);
    if (!written) throw err;
    return { axes: new Map(), build: () => written };
  }
}

/**
 * A density written out ("p(x) = 2x on [0, 1]"), or null when the text is not one. A constant on
 * a finite interval is the uniform distribution, which has closed forms.
 */
function readDensityFormula(text: string): Continuous | null {
  try {
    const w = readWrittenDensity(text);
    if (!w) return null;
    const d = formulaDensity(w.formula, w.lo, w.hi, w.proportional);
    const constant = !/x/.test(w.formula.replace(/exp/g, ""));
    return constant && Number.isFinite(w.lo) && Number.isFinite(w.hi) ? uniform(w.lo, w.hi) : d;
  } catch (err) {
    if (err instanceof FormulaError) throw new DensityFormulaError(err.reason, text);
    throw err;
  }
}

/** Every combination of choices on the axes. */
function combos(axes: Convention[]): Conv[] {
  let out: Conv[] = [{}];
  for (const ax of axes)
    out = out.flatMap((c) => ax.choices.map(([v]) => ({ ...c, [ax.axis]: v })));
  return out;
}

/** Builds every reading of several builders under shared conventions, deduplicated, with labels. */
function readAll<T>(builders: Builder[], make: (ds: Distribution[]) => T, key: (t: T) => string) {
  const conventions = new Map(builders.flatMap((b) => [...b.axes]));
  const axes = [...conventions.keys()].sort();
  const all = combos(axes.map((ax) => conventions.get(ax)!)).map((conv) => ({
    conv,
    value: make(builders.map((b) => b.build(conv))),
  }));
  const relevant = axes.filter((ax) =>
    all.some((x) =>
      all.some(
        (y) =>
          axes.every((o) => o === ax || x.conv[o] === y.conv[o]) &&
          x.conv[ax] !== y.conv[ax] &&
          key(x.value) !== key(y.value),
      ),
    ),
  );
  const seen = new Map<string, { label: string; value: T }>();
  for (const x of all) {
    const k = key(x.value);
    if (seen.has(k)) continue;
    const label =
      relevant.length === 0
        ? "unambiguous"
        : relevant
            .map((ax) => conventions.get(ax)!.choices.find(([v]) => v === x.conv[ax])![1])
            .join("; ");
    seen.set(k, { label, value: x.value });
  }
  return [...seen.values()];
}

/**
 * Parses one distribution; returns every reading of ambiguous notation, labelled.
 * @example parseDistribution("N(0, 4)").readings.map((r) => r.label) // variance and std readings
 */
export function parseDistribution(text: string): ParsedDistribution {
  const b = parseBuilder(text);
  const readings = readAll(
    [b],
    (ds) => ds[0],
    (d) => formatDistribution(d),
  ).map((r) => ({ label: r.label, dist: r.value }));
  return { text, readings };
}

/** A reading of a (P, Q) pair under one shared convention (an author uses one notation for both). */
export type PairReading = { label: string; p: Distribution; q: Distribution };

/** Parses P and Q together so that both follow the same convention in each reading. */
export function parsePair(pText: string, qText: string): PairReading[] {
  const bp = parseBuilder(pText);
  const bq = parseBuilder(qText);
  return readAll(
    [bp, bq],
    (ds) => ({ p: ds[0], q: ds[1] }),
    (x) => `${formatDistribution(x.p)} | ${formatDistribution(x.q)}`,
  ).map((r) => ({ label: r.label, p: r.value.p, q: r.value.q }));
}
