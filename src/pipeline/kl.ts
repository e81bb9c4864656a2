/**
 * Problem 2(a)'s tool: D_KL(P‖Q) and D_KL(Q‖P) for distributions written as people write them,
 * every reading of ambiguous notation, and the reason for any infinity.
 */
import { InputError } from "./errors.js";

export type KlSide = {
  finite: boolean;
  value: number | null;
  reason: string | null;
  method: string;
};
/** One `kl --json` object: a reading of the pair and both directions. */
export type KlJson = {
  p: string;
  q: string;
  reading: string;
  input: { p: string; q: string };
  pq: KlSide;
  qp: KlSide;
};

/**
 * Computes every reading of (P, Q); parse errors, and parameters too extreme to compute with,
 * become InputErrors naming the argument.
 */
export async function klReadings(pText: string, qText: string): Promise<KlJson[]> {
  const d = await import("../divergences/index.js");
  for (const [which, text] of [
    ["P", pText],
    ["Q", qText],
  ] as const) {
    try {
      d.parseDistribution(text);
    } catch (err) {
      if (err instanceof d.ParseError) throw new InputError(`cannot read ${which}: ${err.message}`);
      throw err;
    }
  }
  return d.parsePair(pText, qText).map((r) => {
    const side = (x: ReturnType<typeof d.kl>): KlSide => ({
      finite: x.finite,
      value: x.value,
      reason: x.reason,
      method: x.method,
    });
    let both: ReturnType<typeof d.klBoth>;
    try {
      both = d.klBoth(r.p, r.q);
    } catch (err) {
      if (err instanceof d.KlOverflowError) throw new InputError(err.message);
      throw err;
    }
    return {
      p: d.formatDistribution(r.p),
      q: d.formatDistribution(r.q),
      reading: r.label,
      input: { p: pText, q: qText },
      pq: side(both.pq),
      qp: side(both.qp),
    };
  });
}
