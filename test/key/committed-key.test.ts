/**
 * The committed key (results/key.json, derived by `groundtruth reproduce`) against issue 14's
 * examples for Problem 1: std = 0 and std = 0.1 were accepted by the first rule although std = 0
 * gives no logit scale at all and std = 0.1 an initial loss of 34.7 nats; the rule derived from
 * short training runs must reject both and accept the fix.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { grade } from "../../src/grader/grade.js";
import { parseAnswerKey } from "../../src/key/types.js";
import { closedFormTools } from "../fixtures/transcripts/closed-form-tools.js";

const key = parseAnswerKey(
  JSON.parse(readFileSync(new URL("../../results/key.json", import.meta.url), "utf8")),
);
const fix = (std: string) =>
  `Assistant:\n## Problem 1\nThe tied head scales logits by sqrt(d_model); re-initialise line 9.\n\`\`\`python\nnn.init.normal_(self.emb_word.weight, mean=0.0, std=${std})\n\`\`\``;

describe("the committed key's acceptance rule for Problem 1", () => {
  it.each([
    ["0", "incorrect"],
    ["0.1", "incorrect"],
    ["1", "incorrect"],
    ["d_model ** -0.5", "correct"],
    ["0.02", "correct"],
  ])("std = %s is %s", async (std, verdict) => {
    const r = await grade(fix(std), key, closedFormTools());
    expect(r.parts.find((p) => p.id === "1")?.verdict).toBe(verdict);
  });
});
