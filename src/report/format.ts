/** Number formatting shared by the report pages and the explorables. */

/** A number for reading: `digits` significant digits, exponent form when tiny or huge. */
export function fmt(n: number, digits = 4): string {
  if (!Number.isFinite(n)) return n > 0 ? "∞" : n < 0 ? "−∞" : "NaN";
  if (n === 0) return "0";
  const a = Math.abs(n);
  if (a < 1e-3 || a >= 1e6) return n.toExponential(digits - 1);
  return String(Number(n.toPrecision(digits)));
}
