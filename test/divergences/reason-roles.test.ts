/**
 * Every reason for an infinite KL, in both directions, names the distributions in their roles:
 * D_KL(A‖B) is infinite because A (named first, "A = …") puts mass where B has density or
 * probability 0 (or has the heavier tail), and every "P = …" / "Q = …" is that letter's own
 * distribution. Checked where people read the reasons: the CLI, the key, and the KL explorer.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { klText } from "../../src/cli/commands/kl.js";
import { formatDistribution, parsePair } from "../../src/divergences/index.js";
import { deriveKey } from "../../src/key/derive.js";
import { loadKeyResults } from "../../src/key/load.js";
import { answer2a, judge2a } from "../../src/key/problem2.js";
import { klReadings } from "../../src/pipeline/index.js";
import { klCards } from "../../web/explorables/kl.js";
import { writeSyntheticResults } from "../key/synthetic.js";

/** Pairs (P, Q) with an infinite direction, and which directions are infinite. */
const PAIRS: Array<{ kind: string; p: string; q: string; infinite: Array<"pq" | "qp"> }> = [
  { kind: "support mismatch", p: "U(0, 1)", q: "U(0, 2)", infinite: ["qp"] },
  { kind: "support mismatch", p: "U(0, 1)", q: "N(0, 1)", infinite: ["qp"] },
  { kind: "support mismatch", p: "N(0, 1)", q: "Exp(1)", infinite: ["pq"] },
  { kind: "heavier tails", p: "N(0, 1)", q: "Cauchy(0, 1)", infinite: ["qp"] },
  { kind: "heavier tails", p: "t(1)", q: "Laplace(0, 1)", infinite: ["pq"] },
  { kind: "point mass", p: "Dirac(0)", q: "N(0, 1)", infinite: ["pq", "qp"] },
  { kind: "discrete", p: "[0.5, 0.5]", q: "[0.25, 0.25, 0.5]", infinite: ["qp"] },
  { kind: "discrete", p: "Poisson(1)", q: "Binomial(3, 0.5)", infinite: ["pq"] },
  {
    kind: "discrete",
    p: "Geometric(p=0.5, from=0)",
    q: "Geometric(p=0.5, from=1)",
    infinite: ["pq"],
  },
];

type Role = { letter: "P" | "Q"; dist: string };

/** The roles of D_KL(first‖second) for a direction of the pair (P, Q). */
function roles(direction: "pq" | "qp", p: string, q: string): [Role, Role] {
  const P: Role = { letter: "P", dist: p };
  const Q: Role = { letter: "Q", dist: q };
  return direction === "pq" ? [P, Q] : [Q, P];
}

/** Offsets of every occurrence of `needle` in `text`. */
function occurrences(text: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) at.push(i);
  return at;
}

/** The last standalone P or Q before `end` (not part of a word such as "Poisson" or "E_P"). */
function lastRoleLetter(text: string, end: number): string | undefined {
  const word = (c: string | undefined) => c !== undefined && /[\w]/.test(c);
  for (let i = end - 1; i >= 0; i--) {
    if ((text[i] === "P" || text[i] === "Q") && !word(text[i - 1]) && !word(text[i + 1]))
      return text[i];
  }
  return undefined;
}

/** Asserts that `reason`, for D_KL(first‖second), gives every name its own role. */
function expectRoles(reason: string, [first, second]: [Role, Role]) {
  const context = `reason for D_KL(${first.letter}‖${second.letter}): ${reason}`;
  expect(reason.startsWith(`${first.letter} = ${first.dist} `), context).toBe(true);
  expect(reason, context).toContain(`${second.letter} = ${second.dist}`);
  for (const role of [first, second]) {
    for (const at of occurrences(reason, `${role.letter} = `))
      expect(reason.startsWith(role.dist, at + 4), context).toBe(true);
  }
  // Where something has density or probability 0, it is the second argument.
  for (const phrase of ["has density 0", "has probability 0", "gives every single point"]) {
    for (const at of occurrences(reason, phrase))
      expect(lastRoleLetter(reason, at), `${phrase} — ${context}`).toBe(second.letter);
  }
  // Densities, expectations and probabilities are written with the right letters.
  const [a, b] = [first.letter, second.letter];
  const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
  for (const at of occurrences(reason, "log ")) {
    const written = [`log ${la}/${lb}`, `log ${lb}(`, "log density"];
    expect(
      written.some((w) => reason.startsWith(w, at)),
      `"log " at ${at} — ${context}`,
    ).toBe(true);
  }
  for (const at of occurrences(reason, "E_")) expect(reason[at + 2], context).toBe(a);
  for (const at of occurrences(reason, "-probability")) expect(reason[at - 1], context).toBe(a);
}

/** P and Q as the toolkit prints them. */
function formatted(p: string, q: string) {
  const [r] = parsePair(p, q);
  return { p: formatDistribution(r.p), q: formatDistribution(r.q), reading: r };
}

describe("reasons for an infinite KL name each distribution in its role", () => {
  it("has a test pair of every kind, infinite exactly in the listed directions", async () => {
    for (const pair of PAIRS) {
      const [row] = await klReadings(pair.p, pair.q);
      const infinite = (["pq", "qp"] as const).filter((d) => !row[d].finite);
      expect(infinite, `${pair.p} | ${pair.q}`).toEqual(pair.infinite);
    }
  });

  it.each(PAIRS)("CLI ($kind): kl $p $q, --json and text", async (pair) => {
    const rows = await klReadings(pair.p, pair.q);
    const text = klText(rows);
    for (const row of rows) {
      for (const direction of pair.infinite) {
        const side = row[direction];
        expectRoles(side.reason!, roles(direction, row.p, row.q));
        const label = direction === "pq" ? "KL(P‖Q)" : "KL(Q‖P)";
        expect(text).toContain(`  ${label} = ∞  (${side.method}): ${side.reason}\n`);
      }
    }
  });

  it.each(PAIRS)("KL explorer card ($kind): $p, $q", (pair) => {
    const { p, q, reading } = formatted(pair.p, pair.q);
    const cards = klCards(reading);
    for (const direction of pair.infinite) {
      expect(cards[direction].infinite).toBe(true);
      expect(cards[direction].value).toBe("∞");
      expectRoles(cards[direction].detail, roles(direction, p, q));
    }
  });

  it.each(PAIRS)("key's judge of a proposed 2(a) pair ($kind): $p, $q", (pair) => {
    const { p, q } = formatted(pair.p, pair.q);
    const [judged] = judge2a(pair.p, pair.q).readings;
    for (const direction of pair.infinite) {
      const reason = judged[direction].reason!;
      expectRoles(reason, roles(direction, p, q));
      expect(judged.note).toContain(reason);
    }
  });

  it("key: 2(a)'s explanation, its alternatives and the example the key derives from", async () => {
    const a = answer2a();
    expectRoles(a.qp.reason!, roles("qp", a.p, a.q));
    expect(a.explanation).toContain(`D_KL(Q‖P) = ∞ (${a.qp.method}): ${a.qp.reason}.`);
    expect(a.alternatives.length).toBeGreaterThan(0);
    for (const alt of a.alternatives) expectRoles(alt.qp.reason!, roles("qp", alt.p, alt.q));

    const root = mkdtempSync(join(tmpdir(), "gt-reasons-"));
    writeSyntheticResults(root);
    const { results } = await loadKeyResults(root, "quick");
    const e = results.kl.example;
    expect(e.reverse.finite).toBe(false);
    expectRoles(e.reverse.reason!, roles("qp", e.p, e.q));
    const part = deriveKey(results).parts.find((x) => x.id === "2a")!;
    expect(part.explanation).toContain(a.qp.reason!);
  });
});
