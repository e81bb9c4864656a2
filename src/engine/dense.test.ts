import { describe, expect, it } from "vitest";
import { dense, denseFromDrawn, initEngine, numpy as np } from "./index.js";

describe("dense layers", () => {
  it("compute x Wᵀ + b with W stored [out, in]", async () => {
    await initEngine();
    const p = {
      w: np.array([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      b: np.array([10, 20]),
    }; // [2 out, 3 in]
    const y = dense(
      p,
      np.array([
        [1, 0, -1],
        [2, 1, 0],
      ]),
    ); // [2, 3] → [2, 2]
    expect(await y.jsAsync()).toEqual([
      [1 - 3 + 10, 4 - 6 + 20],
      [2 + 2 + 10, 8 + 5 + 20],
    ]);
    p.w.dispose();
    p.b.dispose();
  });

  it("store a weight drawn [in, out] transposed, with a zero bias", async () => {
    await initEngine();
    const p = denseFromDrawn(
      np.array([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ); // drawn [2 in, 3 out]
    expect(await p.w.jsAsync()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(await p.b.jsAsync()).toEqual([0, 0, 0]);
  });
});
