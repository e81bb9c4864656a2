/** How error messages quote what a person typed: a long input as a short excerpt. */

/** The most characters of an input an error message quotes (an ellipsis marks what is left out). */
export const EXCERPT_CHARS = 60;

/** The end of a slice moved back off a surrogate pair's second half, so no character is cut. */
function wholeCharacters(text: string, end: number): number {
  const code = text.charCodeAt(end);
  return code >= 0xdc00 && code <= 0xdfff ? end - 1 : end;
}

/**
 * `text` whole when it has at most `maxChars` characters, else its start and "…".
 * @example excerpt("N(0, 1)") // "N(0, 1)"
 */
export function excerpt(text: string, maxChars = EXCERPT_CHARS): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, wholeCharacters(text, maxChars - 1))}…`;
}

/**
 * At most `maxChars` characters of `line` around offset `at`, "…" where it was cut, and where
 * `at` falls in what is shown (for a caret under it).
 */
export function excerptAround(
  line: string,
  at: number,
  maxChars = EXCERPT_CHARS,
): { text: string; at: number } {
  if (line.length <= maxChars) return { text: line, at };
  // the offending character a third of the way in: some context before it, more after
  const start = wholeCharacters(
    line,
    Math.max(0, Math.min(at - Math.floor(maxChars / 3), line.length - maxChars)),
  );
  const end = wholeCharacters(line, start + maxChars);
  const before = start > 0 ? "…" : "";
  const after = end < line.length ? "…" : "";
  return { text: `${before}${line.slice(start, end)}${after}`, at: before.length + at - start };
}
