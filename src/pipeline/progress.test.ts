import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgress } from "./progress.js";

/** A stream that keeps what was written. */
function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, cb) {
        chunks.push(String(chunk));
        cb();
      },
    }),
    { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
  );
  return { stream, text: () => chunks.join("") };
}

describe("plain progress lines", () => {
  it("print every 5 % and every 10 s with rate and ETA, then a final line", () => {
    const out = sink(false);
    let t = 0;
    const p = createProgress({ label: "train", total: 200, stream: out.stream, now: () => t });
    for (let step = 1; step <= 25; step++) {
      t += 100; // 10 steps/s
      p.update(step, { loss: 1 / step });
    }
    t += 30_000; // a slow stretch: the 10 s rule fires without crossing a 5 % bucket
    p.update(26, { loss: 0.5 });
    p.stop();
    const lines = out.text().trim().split("\n");
    expect(lines[0]).toBe("train 1/200 (0.5%) 0.0/s ETA ? loss=1");
    expect(lines[1]).toBe("train 10/200 (5.0%) 10.0/s ETA 19s loss=0.1");
    expect(lines[2]).toBe("train 20/200 (10.0%) 10.0/s ETA 18s loss=0.05");
    expect(lines[3]).toMatch(/^train 26\/200 \(13\.0%\) 0\.8\/s ETA 3m\d\ds loss=0\.5$/);
    expect(lines).toHaveLength(4);
  });
});

describe("terminal progress bar", () => {
  it("draws a bar with the label, counts and rate", () => {
    const out = sink(true);
    let t = 0;
    const p = createProgress({ label: "vib", total: 50, stream: out.stream, now: () => t });
    for (let i = 1; i <= 50; i++) {
      t += 50;
      p.update(i, { loss: 0.25 });
    }
    p.stop();
    expect(out.text()).toContain("vib [");
    expect(out.text()).toContain("50/50");
    expect(out.text()).toContain("loss=0.25");
  });
});
