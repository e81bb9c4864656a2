/**
 * Read weight-initialisation calls out of code text (never run it): `nn.init.normal_(w, mean=0,
 * std=...)`, `w.data.normal_(0, ...)`, `torch.randn(...) * s`, `nn.init.xavier_uniform_(w)`,
 * `w.uniform_(-a, a)`, ... Every argument is read with the safe evaluator; each call yields the
 * standard deviation it gives the weight.
 */
import { type Env, ExprError, evaluate } from "./evaluate.js";
import { escapeRe } from "./regex.js";

export type InitKind =
  | "normal"
  | "trunc_normal"
  | "uniform"
  | "xavier_uniform"
  | "xavier_normal"
  | "kaiming_uniform"
  | "kaiming_normal"
  | "randn"
  | "constant";

/** One initialisation found in code: the target tensor and the std it draws from. */
export type InitCall = {
  target: string;
  kind: InitKind;
  std: number;
  mean: number;
  /** The call as written. */
  text: string;
  /** Offset of the call in the code given. */
  position: number;
};

export type InitExtraction = {
  calls: InitCall[];
  /** In-place rescalings (`w *= s`, `w.mul_(s)`) with no init call of that tensor before them. */
  scalings: Scaling[];
  /** Calls that were found but not understood ("could not parse X at position N"). */
  errors: { message: string; position: number; text: string }[];
};

export type InitOptions = {
  /** Names the code may use (`d_model`, `n_words`, ...). */
  env: Env;
  /** Known tensor shapes by name (`emb_word.weight` → [n_words, d_model]) for fan-based inits. */
  shapes?: Record<string, number[]>;
};

const INIT_FN =
  /(?:(?:torch\.)?nn\.init\.|\binit\.)?(normal|trunc_normal|uniform|xavier_uniform|xavier_normal|kaiming_uniform|kaiming_normal|constant|zeros|ones)_\s*\(/g;
const RANDN = /\btorch\.(randn|rand|zeros|ones)\s*\(/g;

const isClose = (c: string) => c === ")" || c === "]";

/**
 * Walks `s` from `from` (at most `max` characters), skipping quoted strings, and calls `stop`
 * with every other character, its index and the bracket depth after it; returns the index where
 * `stop` said yes, or -1.
 */
function scanBrackets(
  s: string,
  from: number,
  max: number,
  stop: (c: string, i: number, depth: number) => boolean,
): number {
  let depth = 0;
  let quote = "";
  for (let i = from; i < s.length && i < from + max; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[") depth++;
    else if (isClose(c)) depth--;
    if (stop(c, i, depth)) return i;
  }
  return -1;
}

/** The end (index after the closing paren) of a bracketed span starting at `open`, or -1. */
function matchParen(s: string, open: number): number {
  const end = scanBrackets(
    s,
    open,
    2000,
    (c, i, depth) =>
      (isClose(c) && depth === 0) ||
      (c === "\n" && depth > 0 && s.slice(open, i).split("\n").length > 12),
  );
  return end >= 0 && isClose(s[end]!) ? end + 1 : -1;
}

/** Split an argument list at top-level commas. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  scanBrackets(s, 0, s.length, (c, i, depth) => {
    if (c === "," && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
    return false;
  });
  if (s.slice(start).trim()) out.push(s.slice(start));
  return out.map((a) => a.trim()).filter((a) => a.length > 0);
}

type Args = { positional: string[]; keyword: Record<string, string> };

function readArgs(inner: string): Args {
  const positional: string[] = [];
  const keyword: Record<string, string> = {};
  for (const a of splitArgs(inner)) {
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(a);
    if (kw) keyword[kw[1]!] = kw[2]!;
    else positional.push(a);
  }
  return { positional, keyword };
}

/** Normalise a tensor name: drop `self.`, `model.`, `.data`, `.weight.data` → `.weight`. */
export function normalizeTarget(t: string): string {
  return t
    .trim()
    .replace(/\.data\b/g, "")
    .replace(/^(?:self|model|this)\./, "")
    .replace(/\s+/g, "");
}

function shapeOf(
  target: string,
  shapes: Record<string, number[]> | undefined,
): number[] | undefined {
  if (!shapes) return undefined;
  const t = normalizeTarget(target);
  if (shapes[t]) return shapes[t];
  const hit = Object.keys(shapes).find((k) => t.endsWith(k) || k.endsWith(t));
  return hit ? shapes[hit] : undefined;
}

/** erf by Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return s * y;
}

/** Std of N(μ, σ²) truncated to [a, b]. */
export function truncatedNormalStd(mean: number, std: number, a: number, b: number): number {
  if (std === 0) return 0;
  const phi = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  const Phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));
  const al = (a - mean) / std;
  const be = (b - mean) / std;
  const Z = Phi(be) - Phi(al);
  if (Z <= 1e-12) return 0;
  const r1 = (al * phi(al) - be * phi(be)) / Z;
  const r2 = (phi(al) - phi(be)) / Z;
  return std * Math.sqrt(Math.max(0, 1 + r1 - r2 * r2));
}

function num(src: string | undefined, env: Env, fallback: number): number {
  if (src === undefined) return fallback;
  return evaluate(src, env);
}

function fans(target: string, opts: InitOptions): { fanIn: number; fanOut: number } {
  const shape = shapeOf(target, opts.shapes);
  if (!shape || shape.length < 2) {
    throw new ExprError(`the shape of "${normalizeTarget(target)}" (unknown tensor)`, 0, target);
  }
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
}

function stripQuotes(s: string | undefined): string | undefined {
  return s?.replace(/^['"]|['"]$/g, "");
}

function kaimingGain(args: Args, env: Env): number {
  const nl = stripQuotes(args.keyword["nonlinearity"] ?? args.positional[3]) ?? "leaky_relu";
  const a = num(args.keyword["a"] ?? args.positional[1], env, 0);
  if (nl === "linear" || nl === "sigmoid" || nl.startsWith("conv")) return 1;
  if (nl === "tanh") return 5 / 3;
  if (nl === "relu") return Math.SQRT2;
  return Math.sqrt(2 / (1 + a * a));
}

/** The std (and mean) of one `*_(...)` init function. `method` means `w.normal_(...)` form. */
function initStd(
  kind: string,
  target: string,
  args: Args,
  opts: InitOptions,
): { kind: InitKind; std: number; mean: number } {
  const env = opts.env;
  const p = args.positional;
  const k = args.keyword;
  switch (kind) {
    case "normal":
      return {
        kind: "normal",
        mean: num(k["mean"] ?? p[0], env, 0),
        std: num(k["std"] ?? p[1], env, 1),
      };
    case "trunc_normal": {
      const mean = num(k["mean"] ?? p[0], env, 0);
      const std = num(k["std"] ?? p[1], env, 1);
      const a = num(k["a"] ?? p[2], env, -2);
      const b = num(k["b"] ?? p[3], env, 2);
      return { kind: "trunc_normal", mean, std: truncatedNormalStd(mean, std, a, b) };
    }
    case "uniform": {
      const a = num(k["a"] ?? k["from"] ?? p[0], env, 0);
      const b = num(k["b"] ?? k["to"] ?? p[1], env, 1);
      return { kind: "uniform", mean: (a + b) / 2, std: Math.abs(b - a) / Math.sqrt(12) };
    }
    case "xavier_uniform":
    case "xavier_normal": {
      const gain = num(k["gain"] ?? p[0], env, 1);
      const { fanIn, fanOut } = fans(target, opts);
      return { kind, mean: 0, std: gain * Math.sqrt(2 / (fanIn + fanOut)) };
    }
    case "kaiming_uniform":
    case "kaiming_normal": {
      const mode = stripQuotes(k["mode"] ?? p[1]) ?? "fan_in";
      const { fanIn, fanOut } = fans(target, opts);
      const fan = mode === "fan_out" ? fanOut : fanIn;
      return { kind, mean: 0, std: kaimingGain(args, env) / Math.sqrt(fan) };
    }
    case "constant":
      return { kind: "constant", mean: num(k["val"] ?? p[0], env, 0), std: 0 };
    case "zeros":
      return { kind: "constant", mean: 0, std: 0 };
    case "ones":
      return { kind: "constant", mean: 1, std: 0 };
  }
  throw new ExprError(`the init function "${kind}_"`, 0, kind);
}

/** The receiver of a method call ending at `end` (exclusive): `self.emb_word.weight.data`. */
function receiverBefore(code: string, end: number): string {
  const m = /([A-Za-z_][\w.[\]]*)\.$/.exec(code.slice(Math.max(0, end - 200), end));
  return m ? m[1]! : "";
}

/** The assignment target on the line containing `pos`, if any: `w = ...` → `w`. */
function assignedTarget(code: string, pos: number): string {
  const lineStart = code.lastIndexOf("\n", pos - 1) + 1;
  const m = /^\s*([A-Za-z_][\w.[\]]*)\s*=(?!=)/.exec(code.slice(lineStart, pos));
  return m ? m[1]! : "";
}

/** Find every init call in `code`; arguments read with the safe evaluator. */
export function extractInitCalls(code: string, opts: InitOptions): InitExtraction {
  const calls: InitCall[] = [];
  const errors: InitExtraction["errors"] = [];
  for (const m of code.matchAll(INIT_FN)) {
    const start = m.index;
    const open = start + m[0].length - 1;
    const close = matchParen(code, open);
    const text = close > 0 ? code.slice(start, close) : code.slice(start, open + 1);
    if (close < 0) {
      errors.push({ message: "could not parse an unclosed call", position: start, text });
      continue;
    }
    const inner = code.slice(open + 1, close - 1);
    const isFunctionForm = /init\.$/.test(m[0].slice(0, m[0].indexOf(m[1]!)));
    let args = readArgs(inner);
    let target: string;
    if (isFunctionForm) {
      target = args.keyword["tensor"] ?? args.positional[0] ?? "";
      args = {
        positional: args.positional.slice(args.keyword["tensor"] ? 0 : 1),
        keyword: args.keyword,
      };
    } else {
      target = receiverBefore(code, start);
      if (!target) continue; // a bare word such as "normal_(" in prose
    }
    try {
      const r = initStd(m[1]!, target, args, opts);
      // Method form: show and locate the call from its receiver (`emb.weight.data.normal_(...)`).
      const from = isFunctionForm ? start : Math.max(0, start - target.length - 1);
      calls.push({
        target: normalizeTarget(target),
        ...r,
        text: code.slice(from, close),
        position: from,
      });
    } catch (err) {
      errors.push({ message: describe(err), position: start, text });
    }
  }
  for (const m of code.matchAll(RANDN)) {
    const r = randnCall(code, m.index, m[1]!, opts);
    if (r === undefined) continue;
    if ("message" in r) errors.push(r);
    else calls.push(r);
  }
  calls.sort((a, b) => a.position - b.position);
  // An in-place rescaling after an init call changes the std that call gave the tensor.
  const scalings: Scaling[] = [];
  for (const sc of extractScalings(code, opts.env, errors)) {
    const prior = [...calls]
      .reverse()
      .find((c) => c.target === sc.target && c.position < sc.position);
    if (prior) {
      prior.std *= Math.abs(sc.factor);
      prior.mean *= sc.factor;
      prior.text = `${prior.text}; ${sc.text}`;
    } else scalings.push(sc);
  }
  return { calls, errors, scalings };
}

/** `w *= s`, `w /= s`, `w.mul_(s)`, `w.div_(s)` with a constant `s`: the factor applied to `w`. */
/**
 * Constant assignments in code, in order ("std = 1.0 / math.sqrt(self.d_model)", "scale =
 * d ** -0.5"), added to `env` so a later call that names them can be read. Only right-hand sides
 * the evaluator can compute are bound; names `env` already has keep their values.
 */
export function bindAssignments(code: string, env: Env): Env {
  const out: Record<string, number> = { ...env };
  const bind = (name: string, src: string) => {
    if (Object.hasOwn(env, name)) return;
    try {
      const v = evaluate(src, out);
      if (Number.isFinite(v)) out[name] = v;
    } catch {
      // a tensor, a call we do not read: not a constant
    }
  };
  for (const line of code.split("\n")) {
    // `std = …`, `self.std = …`, `config["std"] = …`, a dataclass field `init_std: float = …`,
    // and a keyword line of a call spread over
    // lines (`    emb_init_std=512 ** -0.5,` inside `dict(…)`)
    const m =
      /^\s*(?:self\.)?(?:[A-Za-z_]\w*\[\s*["'])?([A-Za-z_]\w*)(?:["']\s*\])?\s*(?::\s*[A-Za-z_][\w.]*\s*)?=(?!=)\s*([^#]+?)\s*,?\s*(?:#.*)?$/.exec(
        line,
      );
    if (m) bind(m[1]!, m[2]!);
    // keywords of a config built on one line: `cfg = dict(d_model=512, init_std=d_model**-0.5)`,
    // `cfg = Config(init_std=0.02)`
    const ctor = /=\s*(?:dict|[A-Z]\w*)\s*\((.*)\)\s*(?:#.*)?$/.exec(line);
    if (ctor)
      for (const k of ctor[1]!.matchAll(
        /(?:^|,)\s*([A-Za-z_]\w*)\s*=(?!=)\s*([^,()]+(?:\([^()]*\)[^,()]*)*)/g,
      ))
        bind(k[1]!, k[2]!);
    // entries of a dict literal: `"emb_init_std": 512 ** -0.5,` (on one line or several)
    for (const e of line.matchAll(/["']([A-Za-z_]\w*)["']\s*:\s*([^,{}#\n]+)/g)) bind(e[1]!, e[2]!);
  }
  return out;
}

export type Scaling = { target: string; factor: number; text: string; position: number };

const SCALE_OP = /([A-Za-z_][\w.]*)\s*([*/])=(?!=)\s*([^\n#;]+)/g;
const SCALE_FN = /([A-Za-z_][\w.]*)\.(mul|div)_\s*\(/g;

function extractScalings(code: string, env: Env, errors: InitExtraction["errors"]): Scaling[] {
  const out: Scaling[] = [];
  const add = (target: string, op: string, src: string, position: number, text: string) => {
    try {
      const v = evaluate(src, env);
      const factor = op === "/" || op === "div" ? 1 / v : v;
      if (Number.isFinite(factor))
        out.push({ target: normalizeTarget(target), factor, text: text.trim(), position });
    } catch (err) {
      if (/weight|emb/.test(target)) errors.push({ message: describe(err), position, text });
    }
  };
  for (const m of code.matchAll(SCALE_OP)) add(m[1]!, m[2]!, m[3]!, m.index, m[0]);
  for (const m of code.matchAll(SCALE_FN)) {
    const open = m.index + m[0].length - 1;
    const close = matchParen(code, open);
    if (close < 0) continue;
    add(m[1]!, m[2]!, code.slice(open + 1, close - 1), m.index, code.slice(m.index, close));
  }
  return out.sort((a, b) => a.position - b.position);
}

function describe(err: unknown): string {
  if (err instanceof ExprError) return err.message;
  return `could not parse: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * `torch.randn(V, d) * s`, `s * torch.randn(...)`, `torch.randn(...) / math.sqrt(d)`: the enclosing
 * expression is read with `torch.randn(...)` as a symbol; it must be linear in it, and its slope is
 * the std.
 */
/**
 * The expression around a call spanning [start, close): from after "=" (or the innermost unmatched
 * "(") to the end of the line, a comment, a top-level "," or an unmatched ")".
 */
function enclosingExpression(
  code: string,
  start: number,
  close: number,
): { left: number; right: number } {
  const lineStart = code.lastIndexOf("\n", start - 1) + 1;
  let left = lineStart;
  let depth = 0;
  for (let i = start - 1; i >= lineStart; i--) {
    const c = code[i]!;
    if (c === ")") depth++;
    else if (c === "(") {
      if (depth === 0) {
        left = i + 1;
        break;
      }
      depth--;
    } else if (c === "=" && depth === 0 && code[i - 1] !== "=" && code[i + 1] !== "=") {
      left = i + 1;
      break;
    }
  }
  let right = close;
  depth = 0;
  for (; right < code.length; right++) {
    const c = code[right]!;
    if (c === "\n" || c === "#") break;
    if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) break;
      depth--;
    } else if (c === "," && depth === 0) break;
  }
  return { left, right };
}

/** A constant factor applied to a call's output: `lm_head(h) / math.sqrt(d_model)` → 1/√d. */
export type OutputScale = { scale: number; text: string; position: number };

/**
 * Find `NAME(...)` calls (e.g. the output head) whose result is scaled by a constant in the
 * enclosing expression; the expression must be linear in the call, its slope is the scale.
 * Calls used without a factor are skipped.
 */
export function extractOutputScales(code: string, callee: string, env: Env): OutputScale[] {
  const out: OutputScale[] = [];
  const re = new RegExp(`(?:\\b[A-Za-z_][\\w.]*\\.)?\\b${escapeRe(callee)}\\s*\\(`, "g");
  for (const m of code.matchAll(re)) {
    const open = m.index + m[0].length - 1;
    const close = matchParen(code, open);
    if (close < 0) continue;
    const { left, right } = enclosingExpression(code, m.index, close);
    // (a `return` or `yield` keyword before the expression is not part of it)
    const before = code.slice(left, m.index).replace(/^\s*(?:return|yield)\s+/, "");
    const exprText = `${before}__call__${code.slice(close, right)}`.trim();
    // lm_head(h) * c scales the output; lm_head(h * c) scales the input, the same at
    // initialization (the head is linear and its bias starts at 0)
    const outside = exprText === "__call__" ? 1 : linearFactor(exprText, "__call__", env);
    const arg = code.slice(open + 1, close - 1); // close is past the ")"
    const direct = inputFactor(arg, env);
    // `h = h * d_model ** -0.5` on an earlier line, then `lm_head(h)`
    const traced =
      direct === 1 ? rescaledBefore(code.slice(0, m.index), arg.trim(), env) : undefined;
    const inside = traced ? traced.factor : direct;
    if (outside === null || inside === null || (outside === 1 && inside === 1)) continue;
    const text = code.slice(left, right).trim();
    out.push({
      scale: outside * inside,
      text: traced ? `${traced.text}; ${text}` : text,
      position: m.index,
    });
  }
  return out;
}

/**
 * The constant factor the last statement before `code`'s end that assigns `name` applies to it
 * (`h = h * c`, `h *= c`, `h /= c`), with that statement; undefined when that statement is not
 * such a rescaling, or none assigns it.
 */
function rescaledBefore(
  code: string,
  name: string,
  env: Env,
): { factor: number; text: string } | undefined {
  if (!/^[A-Za-z_][\w.]*$/.test(name)) return undefined;
  const target = escapeRe(name);
  const assign = new RegExp(`^[ \\t]*${target}[ \\t]*([*/]?=)(?!=)([^\\n#]*)`, "gm");
  let last: RegExpExecArray | undefined;
  for (const a of code.matchAll(assign)) last = a;
  if (!last) return undefined;
  const [whole, op, rhs] = last;
  const found = (factor: number | null) =>
    factor === null || factor === 1 ? undefined : { factor, text: whole.trim() };
  try {
    if (op === "*=") return found(evaluate(rhs!, env));
    if (op === "/=") return found(1 / evaluate(rhs!, env));
  } catch {
    return undefined;
  }
  const self = new RegExp(`(?<![\\w.])${target}(?!\\w)`, "g");
  return found(linearFactor(rhs!.replace(self, "__input__"), "__input__", env));
}

/** The slope of `expr` in the variable `name`, when expr = slope·name exactly; else null. */
function linearFactor(expr: string, name: string, env: Env): number | null {
  try {
    const f = (x: number) => evaluate(expr, { ...env, [name]: x });
    const f0 = f(0);
    const slope = f(1) - f0;
    if (f0 !== 0 || Math.abs(f(2) - 2 * slope) > 1e-9 * Math.max(1, Math.abs(slope))) return null;
    return slope;
  } catch {
    return null; // not a constant factor (another tensor, a function we do not read)
  }
}

/**
 * The constant factor on a call's single tensor argument ("h * d_model ** -0.5" → d^-0.5,
 * "h" → 1); null when the argument is not one tensor times a constant.
 */
function inputFactor(arg: string, env: Env): number | null {
  try {
    evaluate(arg, env);
    return null; // no tensor in it at all
  } catch (err) {
    const free = err instanceof ExprError ? /the unknown name "([^"]+)"/.exec(err.reason) : null;
    if (!free) return null;
    const name = free[1]!;
    // exactly one free name: binding it must make the argument evaluable
    const whole = new RegExp(`(?<![\\w.])${escapeRe(name)}(?!\\w)`, "g");
    return linearFactor(arg.replace(whole, "__input__"), "__input__", env);
  }
}

function randnCall(
  code: string,
  start: number,
  fn: string,
  opts: InitOptions,
): InitCall | InitExtraction["errors"][number] | undefined {
  const open = code.indexOf("(", start);
  const close = matchParen(code, open);
  if (close < 0)
    return {
      message: "could not parse an unclosed torch call",
      position: start,
      text: code.slice(start, open + 1),
    };
  const { left, right } = enclosingExpression(code, start, close);
  const before = code.slice(left, start);
  const after = code.slice(close, right);
  const exprText = `${before}__randn__${after}`.trim();
  const text = code.slice(left, right).trim();
  const target = assignedTarget(code, start) || "";
  if (fn !== "randn") {
    if (fn === "zeros" || fn === "ones") {
      return {
        target: normalizeTarget(target),
        kind: "constant",
        std: 0,
        mean: fn === "ones" ? 1 : 0,
        text,
        position: start,
      };
    }
  }
  try {
    const f = (x: number) => evaluate(exprText, { ...opts.env, __randn__: x });
    const f0 = f(0);
    const slope = f(1) - f0;
    if (Math.abs(f(2) - f0 - 2 * slope) > 1e-9 * Math.max(1, Math.abs(slope))) {
      return {
        message: `could not parse "${exprText}": not linear in ${fn}`,
        position: start,
        text,
      };
    }
    // torch.rand is U(0,1): std 1/√12.
    const baseStd = fn === "rand" ? 1 / Math.sqrt(12) : 1;
    const baseMean = fn === "rand" ? 0.5 : 0;
    return {
      target: normalizeTarget(target),
      kind: "randn",
      std: Math.abs(slope) * baseStd,
      mean: f0 + slope * baseMean,
      text,
      position: start,
    };
  } catch (err) {
    return { message: describe(err), position: start, text };
  }
}
