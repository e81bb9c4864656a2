/**
 * Every way the project writes a number in text, one function each. The key's explanations, the
 * reports, the site, the explorables and the logs call these instead of formatting numbers their
 * own way. Pure, no imports.
 */

/** `digits` significant digits, shortest form: sig(22.9764, 4) = "22.98", sig(0.5, 3) = "0.5". */
export function sig(x: number, digits: number): string {
  return String(Number(x.toPrecision(digits)));
}

/**
 * For reading: `digits` significant digits, exponent form below 1e-3 and from `expFrom` up, ∞ for
 * infinities: fmt(2.2e-7) = "2.200e-7", fmt(12345, 4, 1e4) = "1.235e+4".
 */
export function fmt(n: number, digits = 4, expFrom = 1e6): string {
  if (!Number.isFinite(n)) return n > 0 ? "∞" : n < 0 ? "−∞" : "NaN";
  if (n === 0) return "0";
  const a = Math.abs(n);
  if (a < 1e-3 || a >= expFrom) return n.toExponential(digits - 1);
  return sig(n, digits);
}

/** A measurement in prose: one decimal from 100 up, else 4 significant digits (349.8, 22.98, 1.015). */
export function measured(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(1) : sig(x, 4);
}

/** `decimals` places, never "−0.000": fixed(−1e-5, 3) = "0.000". */
export function fixed(x: number, decimals: number): string {
  return Math.abs(x) < 0.5 * 10 ** -decimals ? (0).toFixed(decimals) : x.toFixed(decimals);
}

/** A fraction in percentage points, two decimals: points(0.0104) = "1.04". */
export function points(x: number): string {
  return (100 * x).toFixed(2);
}

/**
 * A fraction's mean and interval in points, one decimal: "24.9 [24.1, 25.8]" (ROUGE F1 × 100);
 * `signed` writes a difference's sign: "+1.7 [-0.1, 3.7]".
 */
export function pointsInterval(
  x: { mean: number; low: number; high: number },
  opts: { signed?: boolean } = {},
): string {
  const p = (v: number) => fixed(100 * v, 1);
  const mean = p(x.mean);
  return `${opts.signed && !mean.startsWith("-") ? "+" : ""}${mean} [${p(x.low)}, ${p(x.high)}]`;
}

/** A fraction as a percentage, two decimals: percent(0.0705) = "7.05 %". */
export function percent(x: number): string {
  return `${points(x)} %`;
}

/** `count` of `total` as a percentage, one decimal: percentOf(102, 108) = "94.4 %"; "–" of nothing. */
export function percentOf(count: number, total: number): string {
  return total ? `${((100 * count) / total).toFixed(1)} %` : "–";
}

/** β as the problem writes it: 1e-6, 1e-3, 1. */
export function formatBeta(b: number): string {
  return b === 1 ? "1" : b.toExponential(0).replace("e+", "e");
}

/** A duration for progress lines, whole seconds: "42s", "3m05s", "1h02m"; "?" when unknown. */
export function shortDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** A duration: "42.0 s", "3 min 05 s". */
export function seconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - 60 * m)).padStart(2, "0")} s`;
}
