import { describe, expect, it } from "vitest";
import { acceptedBand } from "./acceptance.js";

const rows = (losses: number[]) =>
  [0, 0.1, 1, 2, 8].map((logitScale, i) => ({
    logitScale,
    embeddingStd: logitScale / 8,
    firstLoss: 9,
    valLoss: losses[i],
  }));

describe("acceptance band", () => {
  it("accepts scales within the tolerance of the fix's loss, as one unbroken run around the fix", () => {
    const b = acceptedBand(rows([7.6, 7.2, 7.0, 7.4, 12]), 2, 0.5);
    expect(b.fixValLoss).toBe(7);
    expect(b.rows.map((r) => r.accepted)).toEqual([false, true, true, true, false]);
    expect(b.band).toEqual({ minLogitScale: 0.1, maxLogitScale: 2 });
    // a passing scale beyond a failing one does not widen the band
    const gap = acceptedBand(rows([7.1, 9, 7.0, 7.2, 12]), 2, 0.5);
    expect(gap.band).toEqual({ minLogitScale: 1, maxLogitScale: 2 });
    expect(gap.rows[0].accepted).toBe(true);
  });
});
