/**
 * Text laid out in two columns, as `pdftotext -layout` writes a typeset page: each line holds a
 * piece of the left column, a gutter of spaces, and a piece of the right column. Read line by
 * line it interleaves two texts; read here column by column, page by page (pages end at form
 * feeds). A gutter is a character position where, on most lines that reach past it, the two
 * characters before are spaces, with text on both sides; lines that cross it (a page header) stay
 * whole. Linear in the text: each page is scanned once per candidate position, and positions are
 * bounded by the page's width.
 */

/** Widest line considered (a typeset page is about 100 characters wide). */
const MAX_WIDTH = 240;

/** Whether some page of the text is laid out in two columns. */
export function isTwoColumnText(text: string): boolean {
  return text
    .split("\f")
    .some((page) => gutterOf(page.replace(/\r\n?/g, "\n").split("\n")) !== undefined);
}

/** The columns of each page, left then right; one-column pages as they are. */
export function twoColumnsToText(text: string): string {
  const pages = text.replace(/\r\n?/g, "\n").split("\f");
  return `${pages
    .map((page) => {
      const lines = page.split("\n");
      const at = gutterOf(lines);
      if (at === undefined) return page.trimEnd();
      const left: string[] = [];
      const right: string[] = [];
      for (const line of lines) {
        const crosses = line.length > at && line.slice(at - 2, at).trim() !== "";
        if (crosses) {
          left.push(line.trim());
          continue;
        }
        left.push(line.slice(0, at).trim());
        right.push(line.slice(at).trim());
      }
      return `${joinColumn(left)}\n\n${joinColumn(right)}`;
    })
    .join("\n\n")
    .trim()}\n`;
}

/** A column's lines, hyphenated line ends joined ("iniciali-" + "zacijos"). */
function joinColumn(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /\p{L}-$/u.test(prev) && /^\p{Ll}/u.test(line))
      out[out.length - 1] = prev.slice(0, -1) + line;
    else out.push(line);
  }
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The gutter's position on a page: where at least 8 lines have text on both sides of two spaces,
 * half of them prose on both sides, and at most a tenth of the lines reaching past it cross it;
 * in the middle of the page only.
 */
function gutterOf(lines: string[]): number | undefined {
  const width = Math.min(MAX_WIDTH, Math.max(0, ...lines.map((l) => l.length)));
  if (width < 40 || lines.length < 8) return undefined;
  let best: { at: number; both: number } | undefined;
  for (let at = Math.floor(width * 0.3); at <= Math.floor(width * 0.7); at++) {
    let both = 0;
    let crossing = 0;
    // prose on both sides, not the short cells of an aligned table ("Task loss    ✓    ✓")
    let prose = 0;
    for (const l of lines) {
      if (l.length <= at) continue;
      const gap = l.slice(at - 2, at).trim() === "";
      if (!gap) crossing++;
      else {
        const left = l.slice(0, at - 2).trim();
        const right = l.slice(at).trim();
        if (left && right) both++;
        if (left.length >= 15 && right.length >= 15) prose++;
      }
    }
    if (
      both >= 8 &&
      prose * 2 >= both &&
      crossing * 10 <= both + crossing &&
      (!best || both > best.both)
    )
      best = { at, both };
  }
  return best?.at;
}
