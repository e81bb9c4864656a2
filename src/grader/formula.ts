/**
 * Check an equation an answer writes ("Z = σ(x)·(μ(x) + V)") against the problem's own
 * (`Z = mu + sigma * V`) by evaluating both at a few points with the safe evaluator: the answer's
 * right-hand side is never run, only read as arithmetic over the named variables.
 */
import { evaluate } from "../expr/evaluate.js";
import { escapeRe, matchForm } from "./normalize.js";

export type Formula = { symbol: string; expr: string; vars: Record<string, string[]> };

export type FormulaCheck = {
  /** The right-hand side as written (normalised). */
  written: string;
  ok: boolean;
  /** A point where it differs from the expected formula, with both values. */
  counter?: { at: Record<string, number>; got: number; want: number };
};

/** Three generic points (no variable 0 or 1, so a dropped term or factor shows). */
function points(names: string[]): Record<string, number>[] {
  const base = [
    [0.7, 1.3, -0.4, 2.1],
    [-2.2, 0.6, 1.7, -0.8],
    [0.35, 2.4, 0.9, 1.45],
  ];
  return base.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i % row.length]!])));
}

/** Spaces around operators and brackets dropped: "exp(0.5 * logvar)" reads as "exp(0.5*logvar)". */
const tight = (s: string) => s.replace(/\s*([-+*/^(),·×⊙∘⋅∗])\s*/g, "$1");

/**
 * The written right-hand side with each variable as `(name)`, implicit products made explicit.
 * A variable's aliases may be expressions ("exp(0.5*logvar)" for σ); a library prefix is dropped
 * first ("torch.exp" → "exp").
 */
function toArithmetic(rhs: string, f: Formula): string {
  const aliases = Object.entries(f.vars)
    .flatMap(([name, list]) => list.map((a) => ({ name, a: tight(matchForm(a).trim()) })))
    .sort((x, y) => y.a.length - x.a.length);
  const re = new RegExp(
    aliases
      .map(({ a }) => {
        const pre = /^[a-z_]/.test(a) ? "(?<![a-z_])" : "";
        const post = /[a-z_]$/.test(a) ? "(?![a-z_])" : "";
        return `${pre}${escapeRe(a)}${post}`;
      })
      .join("|"),
    "g",
  );
  const byAlias = new Map(aliases.map(({ name, a }) => [a, name]));
  return tight(rhs.replace(/\b(?:torch|np|numpy|jnp|math|f|tf)\./g, ""))
    .replace(/[·×⊙∘⋅∗]/g, "*")
    .replace(re, (m) => ` (${byAlias.get(m)}) `)
    .replace(/\)\s*\(/g, ")*(")
    .replace(/(\d)\s*\(/g, "$1*(")
    .replace(/\)\s*(\d)/g, ")*$1");
}

/**
 * A block diagram written as a chain, as the equation it draws: "V → [× σ(x)] → [+ μ(x)] → Z"
 * reads "Z = ((v) × (σ(x))) + (μ(x))". Each step after the first is an operator and its operand
 * ("[× σ(x)]", "(+ μ)", "×σ"); the chain must end at the formula's symbol.
 */
export function chainEquations(text: string, symbol: string): string[] {
  const out: string[] = [];
  const sym = symbol.toLowerCase();
  for (const line of text.split("\n")) {
    const steps = line
      .split(/\s*(?:→|->|⟶|─+►|=>|⇒)\s*/)
      .map((x) => x.trim())
      .filter(Boolean);
    if (steps.length < 3 || steps[steps.length - 1]!.replace(/[\s*_.]/g, "") !== sym) continue;
    let expr = `(${steps[0]!.replace(/^draw\s+/, "")})`;
    let ok = true;
    for (const step of steps.slice(1, -1)) {
      // "[× σ(x)]", "(x sigma(x))" or bare "×σ(x)"
      const m =
        /^[[(]\s*([+×*·⊙∗-]|x(?=\s))\s*(.+?)\s*[\])]$/.exec(step) ??
        /^([+×*·⊙∗-]|x(?=\s))\s*(.+)$/.exec(step);
      if (!m) {
        ok = false;
        break;
      }
      expr = `(${expr} ${m[1] === "x" ? "*" : m[1]} (${m[2]}))`;
    }
    if (ok) out.push(`${sym} = ${expr}`);
  }
  return out;
}

/** Whether position n splits a name or a dotted call ("torch.e|xp", "torch|.exp"), not "σv|.". */
function insideName(s: string, n: number): boolean {
  const word = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
  const [prev, next] = [s[n - 1], s[n]];
  if (word(prev) && word(next)) return true;
  if (word(prev) && next === "." && /[a-z_]/i.test(s[n + 1] ?? "")) return true;
  return prev === "." && word(next) && word(s[n - 2]);
}

/** The last equation for the formula's symbol that reads as arithmetic, checked; undefined if none. */
export function checkFormula(text: string, f: Formula): FormulaCheck | undefined {
  const names = Object.keys(f.vars);
  const pts = points(names);
  const want = pts.map((p) => evaluate(f.expr, p));
  const plain = matchForm(text).replace(/\*\*|__|`/g, " ");
  // a chain diagram counts as the equation it draws, where it is drawn
  const t = plain
    .split("\n")
    .flatMap((l) => [l, ...chainEquations(l, f.symbol)])
    .join("\n");
  const sym = escapeRe(f.symbol.toLowerCase());
  const re = new RegExp(
    `(?<![\\w|(])${sym}\\s*(?:\\(\\s*x\\s*\\))?\\s*=(?!=)\\s*(?=([^\\n=]{1,100}))`,
    "g",
  );
  let last: FormulaCheck | undefined;
  // The last few equations are enough (the last one counts); bounded work on hostile input.
  for (const m of [...t.matchAll(re)].slice(-20)) {
    const rhs = m[1]!;
    // The longest prefix that is arithmetic over the variables ("μ + σV, where V ~ N(0, 1)"), cut
    // where the arithmetic ends: not before an operator ("μ + exp(½·logvar) * ε" is not "μ").
    for (let n = rhs.length; n > 0; n--) {
      const src = rhs.slice(0, n);
      if (/^\s*[-+*/^·×⊙∘⋅∗]/.test(rhs.slice(n)) || /[-+*/^·×⊙∘⋅∗(]\s*$/.test(src)) continue;
      // nor inside a name: "mu + torch.exp(…)" is not "mu + torch.e"
      if (insideName(rhs, n)) continue;
      const expr = toArithmetic(src, f);
      if (!names.some((v) => expr.includes(`(${v})`))) continue;
      let got: number[];
      try {
        got = pts.map((p) => evaluate(expr, p));
      } catch {
        continue;
      }
      if (!got.every(Number.isFinite)) continue;
      const bad = got.findIndex(
        (g, i) => Math.abs(g - want[i]!) > 1e-9 * Math.max(1, Math.abs(want[i]!)),
      );
      last = {
        written: src.trim(),
        ok: bad < 0,
        ...(bad < 0 ? {} : { counter: { at: pts[bad]!, got: got[bad]!, want: want[bad]! } }),
      };
      break;
    }
  }
  return last;
}
