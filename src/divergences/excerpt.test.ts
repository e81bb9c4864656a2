import { describe, expect, it } from "vitest";
import { EXCERPT_CHARS, excerpt, excerptAround } from "./excerpt.js";

describe("excerpt", () => {
  it("keeps a short text whole and cuts a long one to 60 characters ending in …", () => {
    expect(excerpt("N(0, 1)")).toBe("N(0, 1)");
    expect(excerpt("x".repeat(EXCERPT_CHARS))).toBe("x".repeat(60));
    expect(excerpt("x".repeat(61))).toBe(`${"x".repeat(59)}…`);
    expect(excerpt("y".repeat(10_000))).toHaveLength(60);
  });

  it("never cuts a character written as a surrogate pair in half", () => {
    // "𝒩" is two UTF-16 units: at units 58–59 the cut at 59 would fall between them
    const text = `${"a".repeat(58)}𝒩${"b".repeat(10)}`;
    expect(excerpt(text)).toBe(`${"a".repeat(58)}…`);
  });
});

describe("excerptAround", () => {
  it("shows a long line's neighbourhood of an offset, with the offset's place in what is shown", () => {
    const line = `${"a".repeat(150)}#${"b".repeat(149)}`;
    const shown = excerptAround(line, 150);
    expect(shown.text).toBe(`…${"a".repeat(20)}#${"b".repeat(39)}…`);
    expect(shown.text[shown.at]).toBe("#");
    // near either end only that end is cut
    expect(excerptAround(line, 3)).toEqual({ text: `${"a".repeat(60)}…`, at: 3 });
    const end = excerptAround(line, 299);
    expect(end.text).toBe(`…${"b".repeat(60)}`);
    expect(end.at).toBe(60);
    expect(excerptAround("N(0 1)", 4)).toEqual({ text: "N(0 1)", at: 4 });
  });
});
