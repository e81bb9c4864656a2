/**
 * The person's own verdicts: a comment such as "Sonnet gets this question correct" or "this is
 * wrong" beside an answer, read so that a report can say where the grader and the person disagree.
 * A comment judges the part whose answer it sits in or follows.
 */

import { words } from "./lexicon/index.js";
import type { Line } from "./markdown.js";
import type { Stretch } from "./parts.js";
import type { LineRole } from "./segment.js";
import { findPhrase } from "./words.js";

export type PersonVerdict = "correct" | "incorrect";

/** One judgment the person wrote, with the part it is about. */
export type Judgment = { partId: string; verdict: PersonVerdict; line: number; quote: string };

const RIGHT = words("judgedRight");
const WRONG = words("judgedWrong");
const NEGATION = words("negation");

/**
 * The verdict a comment states, if it states one. A judgment word that is part of a phrase of the
 * problem itself ("validation error") is not a judgment; a right-word under a negation ("not
 * correct") is a wrong one; "the right answer is (d)" states an answer, not a verdict.
 */
export function readJudgment(text: string, problemText: string): PersonVerdict | undefined {
  const lower = text.toLowerCase();
  const first = (list: string[]) => {
    let best = Number.POSITIVE_INFINITY;
    for (const p of list) {
      for (let i = findPhrase(lower, p); i >= 0 && i < best; i = findPhrase(lower, p, i + 1)) {
        const before =
          lower
            .slice(Math.max(0, i - 24), i)
            .trimEnd()
            .split(/\s+/)
            .pop() ?? "";
        const after = lower
          .slice(i + p.length, i + p.length + 12)
          .trimStart()
          .split(/\s+/)[0];
        if (before && problemText.includes(`${before} ${p}`)) continue;
        if (after === "answer" || after === "one" || after === "choice") continue;
        best = i;
      }
    }
    return best;
  };
  const wrong = first(WRONG);
  const right = first(RIGHT);
  if (wrong === Number.POSITIVE_INFINITY && right === Number.POSITIVE_INFINITY) return undefined;
  if (wrong <= right) return "incorrect";
  const before = lower.slice(Math.max(0, right - 12), right);
  return NEGATION.some((n) => findPhrase(before, n) >= 0) ? "incorrect" : "correct";
}

/**
 * Every run of the person's comments (role "commentary") that states a verdict, with the part
 * whose answer it sits in or follows: the answer stretch that starts last before it.
 */
export function readJudgments(
  lines: Line[],
  roles: LineRole[],
  stretches: Stretch[],
  problemWording: string,
): Judgment[] {
  const starts = [...stretches].sort((a, b) => a.from - b.from);
  const out: Judgment[] = [];
  let k = -1;
  for (let i = 0; i < lines.length; i++) {
    while (k + 1 < starts.length && starts[k + 1]!.from < i) k++;
    if (roles[i]!.role !== "commentary" || roles[i - 1]?.role === "commentary" || k < 0) continue;
    let j = i;
    const run: string[] = [];
    while (j < lines.length && roles[j]!.role === "commentary") run.push(lines[j++]!.content);
    const verdict = readJudgment(run.join("\n"), problemWording);
    if (verdict)
      out.push({
        partId: starts[k]!.partId,
        verdict,
        line: i + 1,
        quote: lines[i]!.content.trim().slice(0, 160),
      });
  }
  return out;
}
