/**
 * A Rich Text Format document (WordPad, TextEdit, Word's "Save as RTF") as text: a scanner over
 * its control words and groups — `\par` and `\line` end lines, `\tab` is a tab, `\'hh` is a byte
 * of the document's code page (`\ansicpg1252`: Windows-1252, decoded by TextDecoder), `\uN?` a
 * Unicode character (its `?` fallback skipped), bold and italic as Markdown emphasis, struck text
 * (`\strike`) as `~~…~~`; the header's tables (fonts, colours, styles, `\*` destinations) skipped.
 * One pass, linear in the text.
 */

/** Whether a text is RTF: its signature. */
export function isRtf(text: string): boolean {
  return /^\s*\{\\rtf1/.test(text);
}

/** Destinations whose group holds no text of the document. */
const SKIPPED = new Set([
  "fonttbl",
  "colortbl",
  "stylesheet",
  "info",
  "generator",
  "pict",
  "object",
  "header",
  "footer",
  "listtable",
  "listoverridetable",
  "rsidtbl",
  "themedata",
  "latentstyles",
  "datastore",
  "xmlnstbl",
]);

type Group = { skip: boolean; bold: boolean; italic: boolean; strike: boolean };

export function rtfToText(source: string): string {
  const codePage = Number(/\\ansicpg(\d{3,5})/.exec(source.slice(0, 2000))?.[1] ?? 1252);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(`windows-${codePage}`);
  } catch {
    decoder = new TextDecoder("windows-1252");
  }
  const out: string[] = [];
  let bytes: number[] = [];
  const flushBytes = () => {
    if (bytes.length) out.push(decoder.decode(new Uint8Array(bytes)));
    bytes = [];
  };
  const emit = (t: string) => {
    flushBytes();
    if (!state.skip) out.push(t);
  };
  const stack: Group[] = [];
  let state: Group = { skip: false, bold: false, italic: false, strike: false };
  let skipFallback = 0;
  const s = source;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "{") {
      flushBytes();
      stack.push(state);
      state = { ...state };
      // "{\*\destination …}": an optional destination a reader may ignore
      if (s.startsWith("{\\*", i)) state.skip = true;
      i++;
      continue;
    }
    if (c === "}") {
      flushBytes();
      const inner = state;
      state = stack.pop() ?? state;
      // close emphasis the group opened
      if (!state.skip) {
        if (inner.strike && !state.strike) out.push("~~");
        if (inner.italic && !state.italic) out.push("*");
        if (inner.bold && !state.bold) out.push("**");
      }
      i++;
      continue;
    }
    if (c === "\\") {
      const next = s[i + 1] ?? "";
      if (next === "'") {
        const hex = s.slice(i + 2, i + 4);
        if (skipFallback > 0) skipFallback--;
        else if (!state.skip && /^[0-9a-fA-F]{2}$/.test(hex)) bytes.push(Number.parseInt(hex, 16));
        i += 4;
        continue;
      }
      if (!/[a-zA-Z]/.test(next)) {
        // an escaped symbol: "\{", "\}", "\\", "\~" (no-break space), "\-" (soft hyphen)
        if (next === "~") emit(" ");
        else if (next !== "-" && next !== "*" && next !== "\n" && next !== "\r") emit(next);
        else if (next === "\n" || next === "\r") emit("\n");
        i += 2;
        continue;
      }
      let j = i + 1;
      while (j < s.length && j - i < 34 && /[a-zA-Z]/.test(s[j]!)) j++;
      const word = s.slice(i + 1, j);
      let k = j;
      if (s[k] === "-") k++;
      while (k < s.length && k - j < 12 && /[0-9]/.test(s[k]!)) k++;
      const arg = s.slice(j, k);
      if (s[k] === " ") k++;
      i = k;
      const on = arg !== "0";
      if (SKIPPED.has(word)) state.skip = true;
      else if (word === "par" || word === "sect" || word === "page") emit("\n\n");
      else if (word === "line") emit("\n");
      else if (word === "tab" || word === "cell") emit("\t");
      else if (word === "row") emit("\n");
      else if (word === "u") {
        const n = Number(arg);
        emit(String.fromCodePoint(n < 0 ? n + 65536 : n));
        skipFallback = 1;
        continue;
      } else if (word === "b" && state.bold !== on) {
        emit("**");
        state.bold = on;
      } else if (word === "i" && state.italic !== on) {
        emit("*");
        state.italic = on;
      } else if ((word === "strike" || word === "striked") && state.strike !== on) {
        emit("~~");
        state.strike = on;
      } else if (word === "plain") {
        if (state.strike) emit("~~");
        if (state.italic) emit("*");
        if (state.bold) emit("**");
        state = { ...state, bold: false, italic: false, strike: false };
      }
      skipFallback = 0;
      continue;
    }
    if (c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (skipFallback > 0) {
      skipFallback--;
      i++;
      continue;
    }
    if (c === "\0") {
      i++;
      continue;
    }
    emit(c);
    i++;
  }
  flushBytes();
  return `${out
    .join("")
    .replace(/\*\*(\s*)\*\*/g, "$1")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}
