/**
 * Densities written out as formulas, the way answers write them when no named family fits:
 * `p(x) = 2x on [0, 1]`, `q(x) = 3x² for 0 ≤ x ≤ 1 (0 otherwise)`, `f(x) = e^{-x}, x ≥ 0`,
 * `p(x) ∝ x(1 − x) on [0, 1]`, `p(x) = \frac{1}{\pi(1+x^2)}`, `2x·𝟙[0 ≤ x ≤ 1]`.
 *
 * The formula is rewritten into the syntax of the safe evaluator (src/expr: numbers, x, e, pi,
 * + − * / ^, sqrt/exp/log/abs; implicit products such as `2x` made explicit) and is never
 * executed. The density is checked where it is defined (finite, ≥ 0, integrates to 1 unless
 * written with ∝) and each infinite tail is classified by probing log p at doubling distances,
 * which is what the KL toolkit's tail analysis needs.
 */
import { type Env, type Expr, ExprError, evalExpr, parseExpr } from "../expr/evaluate.js";
import { latexToFormula } from "../expr/index.js";
import { sig } from "../format/index.js";
import type { Tail } from "./distributions.js";
import { excerpt } from "./excerpt.js";
import { integratePieces } from "./quadrature.js";

/** A written density as plain data: the formula (evaluator syntax) times `norm` on [lo, hi]. */
export type FormulaSpec = {
  kind: "formula";
  formula: string;
  lo: number;
  hi: number;
  /** 1 for a normalized formula, 1/∫ for one written with ∝. */
  norm: number;
  /** Median and a normal-equivalent spread (IQR / 1.349), for quadrature grids and plots. */
  loc: number;
  scale: number;
  left: Tail;
  right: Tail;
};

/** A written density that cannot be used, with the reason ("integrates to 0.5, not 1"). */
export class FormulaError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "FormulaError";
  }
}

const INF = Number.POSITIVE_INFINITY;
/** The longest formula read as a density. */
const MAX_FORMULA_CHARS = 2000;

// ------------------------------------------------------------------ evaluation

const compiled = new Map<string, Expr>();
/** The formula's value at x (NaN where it is undefined). */
export function evalFormula(formula: string, x: number): number {
  let e = compiled.get(formula);
  if (!e) {
    e = parseExpr(formula);
    compiled.set(formula, e);
  }
  const env: Env = { x, e: Math.E, pi: Math.PI };
  return evalExpr(e, env, formula);
}

// ------------------------------------------------------------------ construction

/** Checks and measures a written density; throws FormulaError with the reason when it is not one. */
export function formulaDensity(
  formula: string,
  lo: number,
  hi: number,
  proportional = false,
): FormulaSpec {
  if (!(hi > lo)) throw new FormulaError(`the interval must have lo < hi, got [${lo}, ${hi}]`);
  // it is evaluated thousands of times (checks, normalization, quantiles)
  if (formula.length > MAX_FORMULA_CHARS)
    throw new FormulaError(
      `the formula "${excerpt(formula)}" has ${formula.length} characters, more than a density needs (at most ${MAX_FORMULA_CHARS})`,
    );
  try {
    evalFormula(formula, Number.isFinite(lo) ? lo : Number.isFinite(hi) ? hi : 0);
  } catch (err) {
    // ExprError's own message quotes the whole formula again; its reason and position suffice
    const why =
      err instanceof ExprError
        ? `could not parse ${err.reason} at position ${err.position}`
        : (err as Error).message;
    throw new FormulaError(`cannot read the formula "${excerpt(formula)}": ${why}`);
  }
  const f = (x: number) => evalFormula(formula, x);
  for (const x of probes(lo, hi)) {
    const v = f(x);
    if (v < 0)
      throw new FormulaError(
        `${excerpt(formula)} is negative at x = ${sig(x, 6)}, so it is not a density`,
      );
    // ∞ at an end (1/(2√x) at 0) is an integrable singularity; inside it is a mistake
    if (!Number.isFinite(v) && x !== lo && x !== hi)
      throw new FormulaError(`${excerpt(formula)} is not finite at x = ${sig(x, 6)}`);
  }
  const safe = densityOf(formula, lo, hi, 1);
  const ends = [lo, hi].filter(Number.isFinite);
  const total = integratePieces(safe, lo, hi, [...ends, 0, -1, 1], { relTol: 1e-10 });
  if (!Number.isFinite(total.value) || !total.converged || total.value > 1e12)
    throw new FormulaError(`${excerpt(formula)} has no finite integral on ${showInterval(lo, hi)}`);
  if (!(total.value > 0))
    throw new FormulaError(`${excerpt(formula)} is 0 on ${showInterval(lo, hi)}`);
  if (!proportional && Math.abs(total.value - 1) > 1e-6) {
    throw new FormulaError(
      `${excerpt(formula)} integrates to ${sig(total.value, 6)} on ${showInterval(lo, hi)}, not 1, so it is not a density (write "∝" to have it normalized)`,
    );
  }
  const norm = proportional ? 1 / total.value : 1;
  const p = densityOf(formula, lo, hi, norm);
  const [q25, q50, q75] = [0.25, 0.5, 0.75].map((u) => quantile(p, lo, hi, u));
  const scale = (q75 - q25) / 1.349 || (Number.isFinite(hi - lo) ? (hi - lo) / 4 : 1);
  return {
    kind: "formula",
    formula,
    lo,
    hi,
    norm,
    loc: q50,
    scale,
    left: Number.isFinite(lo) ? { kind: "bounded" } : probeTail(p, q50, -1, scale),
    right: Number.isFinite(hi) ? { kind: "bounded" } : probeTail(p, q50, 1, scale),
  };
}

/**
 * The density as a function for quadrature: `norm` × the formula on [lo, hi], 0 outside it and at
 * an integrable singularity (1/(2√x) at 0), which is a single node of measure zero.
 */
function densityOf(formula: string, lo: number, hi: number, norm: number): (x: number) => number {
  return (x) => {
    if (x < lo || x > hi) return 0;
    const v = norm * evalFormula(formula, x);
    return Number.isFinite(v) ? v : 0;
  };
}

/** Points where a density is checked: a grid over a finite interval, a doubling ladder on a half-line. */
function probes(lo: number, hi: number): number[] {
  if (Number.isFinite(lo) && Number.isFinite(hi))
    return Array.from({ length: 257 }, (_, i) => lo + ((hi - lo) * i) / 256);
  const ladder = Array.from({ length: 40 }, (_, i) => 2 ** (i - 10));
  const from = Number.isFinite(lo) ? lo : Number.isFinite(hi) ? hi : 0;
  const right = Number.isFinite(hi) ? [] : ladder.map((t) => from + t);
  const left = Number.isFinite(lo) ? [] : ladder.map((t) => from - t);
  return [from, ...right, ...left];
}

/** The u-quantile of the density p on [lo, hi], by bisection on its integral. */
function quantile(p: (x: number) => number, lo: number, hi: number, u: number): number {
  const cdf = (t: number) => integratePieces(p, lo, t, [0, -1, 1], { relTol: 1e-8 }).value;
  let a = Number.isFinite(lo) ? lo : -1;
  let b = Number.isFinite(hi) ? hi : 1;
  while (!Number.isFinite(lo) && cdf(a) > u) a *= 2;
  while (!Number.isFinite(hi) && cdf(b) < u) b *= 2;
  for (let i = 0; i < 60 && b - a > 1e-12 * Math.max(1, Math.abs(a)); i++) {
    const m = (a + b) / 2;
    if (cdf(m) < u) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/**
 * The class of one infinite tail, from r(t) = −log p(t) at t = loc ± scale·2^k: with t doubling,
 * the increments of r stay constant for a power law (≈ (1 + index)·ln 2), double for an
 * exponential tail and quadruple for a Gaussian one.
 */
function probeTail(p: (x: number) => number, loc: number, dir: 1 | -1, scale: number): Tail {
  const pts: Array<[number, number]> = [];
  for (let k = 1; k <= 60; k++) {
    const t = scale * 2 ** k;
    const v = p(loc + dir * t);
    if (!(v > 0)) break; // underflowed: lighter than double precision can follow
    pts.push([t, -Math.log(v)]);
  }
  if (pts.length < 3) {
    const [t0, r0] = pts[0] ?? [scale, 0];
    return { kind: "gaussian", c: Math.max(r0, 1) / (t0 * t0) };
  }
  const [[, r1], [t2, r2], [t3, r3]] = pts.slice(-3);
  const growth = (r3 - r2) / (r2 - r1);
  if (growth < 1.4) return { kind: "power", index: (r3 - r2) / Math.LN2 - 1 };
  if (growth < 3) return { kind: "exponential", rate: (r3 - r2) / (t3 - t2) };
  return { kind: "gaussian", c: (r3 - r2) / (t3 * t3 - t2 * t2) };
}

/** Inverse-CDF tables for sampling, one per density (tabulated once, 2 048 cells). */
const tables = new Map<string, { xs: Float64Array; cs: Float64Array }>();
/** The u-quantile of a written density, interpolated in a tabulated CDF (tails past 10⁻⁷ cut). */
export function formulaQuantile(d: FormulaSpec, u: number): number {
  const key = `${d.formula}|${d.lo}|${d.hi}`;
  let tab = tables.get(key);
  if (!tab) {
    const p = densityOf(d.formula, d.lo, d.hi, d.norm);
    const a = Number.isFinite(d.lo) ? d.lo : quantile(p, d.lo, d.hi, 1e-7);
    const b = Number.isFinite(d.hi) ? d.hi : quantile(p, d.lo, d.hi, 1 - 1e-7);
    const n = 2048;
    const xs = new Float64Array(n + 1);
    const cs = new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) {
      xs[i] = a + ((b - a) * i) / n;
      if (i > 0) cs[i] = cs[i - 1]! + integratePieces(p, xs[i - 1]!, xs[i]!, []).value;
    }
    for (let i = 0; i <= n; i++) cs[i] = cs[i]! / cs[n]!;
    tab = { xs, cs };
    tables.set(key, tab);
  }
  const { xs, cs } = tab;
  let lo = 0;
  let hi = cs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cs[mid]! < u) lo = mid;
    else hi = mid;
  }
  const span = cs[hi]! - cs[lo]!;
  return xs[lo]! + (span > 0 ? ((u - cs[lo]!) / span) * (xs[hi]! - xs[lo]!) : 0);
}

/** `[0, 1]`, `[0, ∞)`, `(−∞, ∞)`: closed at finite ends, parseable by `readWrittenDensity`. */
export function showInterval(lo: number, hi: number): string {
  const end = (x: number) => (Number.isFinite(x) ? sig(x, 12) : x > 0 ? "∞" : "−∞");
  return `${Number.isFinite(lo) ? "[" : "("}${end(lo)}, ${end(hi)}${Number.isFinite(hi) ? "]" : ")"}`;
}

// ------------------------------------------------------------------ reading

/** What `readWrittenDensity` found: the formula in evaluator syntax and where it holds. */
export type WrittenDensity = { formula: string; lo: number; hi: number; proportional: boolean };

const NAMES = ["sqrt", "exp", "log", "abs", "pi", "ln", "x", "e"];
const FUNCTION_NAMES = new Set(["sqrt", "exp", "log", "abs", "ln"]);

/**
 * Reads `p(x) = <formula> [on|for|, <domain>] [(0 otherwise)]`. Returns null when the text does
 * not look like a written density (no variable, or a named family); throws FormulaError when it
 * does but cannot be read (an unknown symbol, a domain it cannot parse).
 */
export function readWrittenDensity(text: string): WrittenDensity | null {
  // whitespace runs as one space: no two adjacent \s* below can split a long run many ways
  let s = latexToFormula(text)
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.。]$/, "");
  const head =
    /^(?:the\s+)?(?:(?:probability\s+)?density(?:\s+function)?|pdf)?\s*(?:(?:of\s+)?[A-Za-z](?:_\w+)?\s*\(\s*([a-z])\s*\)\s*)?(=|∝|propto)\s*/i.exec(
      s,
    );
  const named = /^(?:the\s+)?(?:(?:probability\s+)?density(?:\s+function)?|pdf)\s+/i.exec(s);
  const declared = Boolean(head?.[0].trim()) || Boolean(named);
  if (head?.[0].trim()) s = s.slice(head[0].length);
  else if (named) s = s.slice(named[0].length);
  const variable = head?.[1]?.toLowerCase() ?? "x";
  if (variable !== "x") s = s.replace(new RegExp(`(?<![A-Za-z])${variable}(?![A-Za-z])`, "g"), "x");
  // a named family ("N(0, 1)", "Exp(2)") or no variable at all: not a written density
  if (/\b[A-Z][A-Za-z]*\s*[([]/.test(s)) return null;
  const otherwise = execAtEnd(OTHERWISE, s);
  const { body, lo, hi, domain } = splitDomain(
    (otherwise ? s.slice(0, otherwise.index) : s).trim(),
  );
  if (!body || (!declared && !domain && !/(?:^|[^a-z])x(?![a-z])/.test(s))) return null;
  const proportional = head?.[2] === "∝" || head?.[2]?.toLowerCase() === "propto";
  return { formula: toEvaluatorSyntax(body), lo, hi, proportional };
}

/**
 * How many characters before the end of a text the patterns that end there (the domain, "0
 * otherwise", an indicator) look at. A regex tried from every start of a long text can take
 * quadratic time or worse (a run of digits before "<= x <= 1", of spaces before "otherwise");
 * within a fixed window each costs a constant, so reading stays linear in the text's length.
 */
const TAIL_CHARS = 200;

/** `re` (ending in `$`) matched within the last TAIL_CHARS characters of `s`, index into `s`. */
function execAtEnd(re: RegExp, s: string): RegExpExecArray | null {
  const from = Math.max(0, s.length - TAIL_CHARS);
  const m = re.exec(s.slice(from));
  if (m) m.index += from;
  return m;
}

/** "…, 0 otherwise", "(and 0 elsewhere)", "else 0": the zero part of a piecewise definition. */
const OTHERWISE =
  /\s*[,;]?\s*\(?\s*(?:and\s+|und\s+|et\s+)?(?:(?:0|zero|null)\s+(?:otherwise|elsewhere|else|sonst|ansonsten|sinon|ailleurs)|(?:otherwise|else(?:where)?|sonst|ansonsten|sinon|ailleurs)\s*(?:0|zero|null))\s*\)?\s*\.?$/i;

/** An end of a domain: ±∞, or a number with an optional fraction or π ("1/2", "2pi", "-3.5"). */
const END = String.raw`(-?\s*(?:∞|inf(?:inity|ty)?)|-?\s*(?:[\d.]+(?:\s*[/*]\s*[\d.]+)*(?:\s*\*?\s*pi)?|pi))`;
const LT = "(<=|<)";
const GT = "(>=|>)";

/** Splits "<formula> on [a, b]" / "… for 0 <= x <= 1" / "… 𝟙[x >= 0]" into the formula and [lo, hi]. */
function splitDomain(s: string): { body: string; lo: number; hi: number; domain: boolean } {
  // English, and the same words in German and French ("für x ≥ 0", "auf [0, 1]", "pour x ≥ 0", "sur [0, 1]")
  const sep = String.raw`(?:\s*[,;:]?\s*(?:(?:for|on|over|if|when|where|with|supported on|für|fuer|auf|falls|wenn|pour|sur|si)\s+(?:the\s+interval\s+|dem\s+intervall\s+|l'intervalle\s+)?(?:all\s+|alle\s+|tout\s+)?)?)`;
  const patterns: Array<[RegExp, (m: RegExpExecArray) => [number, number]]> = [
    // interval: "on [0, 1]", "x ∈ (0, ∞)", "𝟙_{[0,1]}(x)"
    [
      new RegExp(
        String.raw`${sep}(?:x\s*(?:∈|in)\s*)?([[(])\s*${END}\s*,\s*${END}\s*([\])])$`,
        "i",
      ),
      (m) => [readEnd(m[2]!), readEnd(m[3]!)],
    ],
    // "0 <= x <= 1"
    [
      new RegExp(String.raw`${sep}${END}\s*${LT}\s*x\s*${LT}\s*${END}$`, "i"),
      (m) => [readEnd(m[1]!), readEnd(m[4]!)],
    ],
    // "x >= 0", "x > 2"
    [new RegExp(String.raw`${sep}x\s*${GT}\s*${END}$`, "i"), (m) => [readEnd(m[2]!), INF]],
    // "x <= 0"
    [new RegExp(String.raw`${sep}x\s*${LT}\s*${END}$`, "i"), (m) => [-INF, readEnd(m[2]!)]],
    // "x ∈ ℝ", "for all x", "on the real line"
    [
      /\s*[,;:]?\s*(?:(?:for|on|over)\s+)?(?:all\s+(?:real\s+)?x|x\s*∈\s*(?:ℝ|R)|ℝ|the\s+real\s+line)$/i,
      () => [-INF, INF],
    ],
  ];
  // an indicator factor: "2x · 𝟙[0 <= x <= 1]", "2x 1_{[0,1]}(x)"
  const ind = execAtEnd(
    /\s*\*?\s*(?:𝟙|\bI\b|(?<![\w.])1)\s*(?:_\s*\{?\s*([[(][^\])]*[\])])\s*\}?\s*\(\s*x\s*\)|[{[]\s*([^{}[\]]*?)\s*[}\]])\s*$/,
    s,
  );
  const target = ind ? (ind[1] ?? ind[2] ?? "") : s;
  for (const [re, ends] of patterns) {
    const m = execAtEnd(re, ind ? ` for ${target}` : target);
    if (m) {
      const [lo, hi] = ends(m);
      // "𝟙[0 <= x <= 1]" alone is the density 1 on its domain
      const body = ind ? s.slice(0, ind.index).trim() || "1" : s.slice(0, m.index);
      return { body: body.trim(), lo, hi, domain: true };
    }
  }
  if (ind) throw new FormulaError(`cannot read the indicator's domain "${excerpt(target)}"`);
  return { body: s, lo: -INF, hi: INF, domain: false };
}

function readEnd(text: string): number {
  const t = text.replace(/\s+/g, "");
  if (/^\+?(?:∞|inf(?:inity|ty)?)$/i.test(t)) return INF;
  if (/^-(?:∞|inf(?:inity|ty)?)$/i.test(t)) return -INF;
  const v = evalFormula(toEvaluatorSyntax(t), 0);
  if (!Number.isFinite(v))
    throw new FormulaError(`cannot read the end "${excerpt(text.trim())}" of the domain`);
  return v;
}

/**
 * Math text into evaluator syntax: names split ("xe" → x e), implicit products made explicit
 * ("2x(1-x)" → 2*x*(1-x)), "ln" → log, a function without parentheses applied to the next atom
 * ("sqrt x" → sqrt(x)), |…| → abs(…). Unknown symbols are an error: a formula with parameters
 * (λ e^{-λx}) has no numeric value.
 */
export function toEvaluatorSyntax(text: string): string {
  const s = text
    .replace(/\{/g, "(")
    .replace(/\}/g, ")")
    .replace(/\|([^|]+)\|/g, "abs($1)");
  const raw =
    s.match(/\d+(?:\.\d+)?(?:[eE][+-]?\d+(?![A-Za-z]))?|\.\d+|[A-Za-z]+|\*\*|[-+*/^()]|\S/g) ?? [];
  const toks: string[] = [];
  for (const t of raw) {
    if (/^[A-Za-z]+$/.test(t)) toks.push(...splitNames(t));
    else if (/\p{L}/u.test(t)) throw unknownSymbol(t);
    else toks.push(t);
  }
  const out: string[] = [];
  const isValue = (t: string | undefined) =>
    t !== undefined && (/^[\d.]/.test(t) || (/^[a-z]+$/.test(t) && !FUNCTION_NAMES.has(t)));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = out[out.length - 1];
    const startsValue = isValue(t) || t === "(" || FUNCTION_NAMES.has(t);
    if (startsValue && (isValue(prev) || prev === ")")) out.push("*");
    if (FUNCTION_NAMES.has(t) && toks[i + 1] !== "(" && isValue(toks[i + 1])) {
      out.push(t === "ln" ? "log" : t, "(", toks[i + 1]!, ")");
      i++;
      continue;
    }
    out.push(t === "ln" ? "log" : t);
  }
  // "(1)/(2)" from \frac{1}{2}: parentheses around a single number or name are noise
  return out.join("").replace(/(?<![A-Za-z])\(([\w.]+)\)/g, "$1");
}

function unknownSymbol(name: string): FormulaError {
  return new FormulaError(
    `unknown symbol "${excerpt(name)}" in the formula (a density needs numbers, not parameters)`,
  );
}

function splitNames(run: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < run.length) {
    const name = NAMES.find((n) => run.startsWith(n, i));
    if (!name) throw unknownSymbol(run.slice(i));
    out.push(name);
    i += name.length;
  }
  return out;
}
