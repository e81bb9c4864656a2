import { describe, expect, it } from "vitest";
import {
  fixed,
  fmt,
  formatBeta,
  measured,
  percent,
  percentOf,
  points,
  pointsInterval,
  seconds,
  shortDuration,
  sig,
} from "./index.js";

describe("number formats", () => {
  it("writes each number the one way the project does", () => {
    expect(sig(22.976431, 4)).toBe("22.98");
    expect(sig(0.5, 3)).toBe("0.5");
    expect([fmt(0), fmt(1.015424), fmt(2.2e-7), fmt(Infinity), fmt(-Infinity)]).toEqual([
      "0",
      "1.015",
      "2.200e-7",
      "∞",
      "−∞",
    ]);
    expect([measured(349.796), measured(22.9764), measured(0.0101523)]).toEqual([
      "349.8",
      "22.98",
      "0.01015",
    ]);
    expect([fixed(-1e-5, 3), fixed(1.23456, 3)]).toEqual(["0.000", "1.235"]);
    expect([fmt(12345), fmt(12345, 4, 1e4)]).toEqual(["12350", "1.235e+4"]);
    expect([points(0.0104), percent(0.0705)]).toEqual(["1.04", "7.05 %"]);
    // 100·23/80 is 28.75 exactly; 100·(23/80) is not, and would round down
    expect([percentOf(102, 108), percentOf(23, 80), percentOf(0, 0)]).toEqual([
      "94.4 %",
      "28.8 %",
      "–",
    ]);
    expect([1e-6, 1e-3, 1e-2, 1].map(formatBeta)).toEqual(["1e-6", "1e-3", "1e-2", "1"]);
    expect([seconds(42), seconds(185.4)]).toEqual(["42.0 s", "3 min 05 s"]);
    expect([42, 185, 3720, Number.NaN].map(shortDuration)).toEqual(["42s", "3m05s", "1h02m", "?"]);
    expect(pointsInterval({ mean: 0.24920546, low: 0.240901, high: 0.258135 })).toBe(
      "24.9 [24.1, 25.8]",
    );
    expect(pointsInterval({ mean: 0.017, low: -0.0012, high: 0.037 }, { signed: true })).toBe(
      "+1.7 [-0.1, 3.7]",
    );
    expect(pointsInterval({ mean: -0.1207, low: -0.132, high: -0.1096 }, { signed: true })).toBe(
      "-12.1 [-13.2, -11.0]",
    );
  });
});
