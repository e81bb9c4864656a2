/**
 * A terminal session recorded byte for byte (`script(1)`'s typescript, a saved `tmux` pane, a CLI
 * chat's log): the text as the screen showed it, not as the program wrote it. Spinners, redrawn
 * placeholders and word wraps are written and then overwritten with carriage returns, cursor moves
 * and erase sequences, so the bytes are replayed on a line buffer. A chat CLI's read-eval-print
 * prompts (">>> " and its "... " continuation, as ollama and Python-style REPLs print them) are
 * the person's turns; what the program prints between them is the model's.
 */

const ESC = "\u001b";

/** Whether the text was recorded from a terminal: a typescript header or several escape sequences. */
export function isTerminalSession(source: string): boolean {
  if (/^Script started on /.test(source)) return true;
  let n = 0;
  for (let i = source.indexOf(`${ESC}[`); i >= 0 && n < 3; i = source.indexOf(`${ESC}[`, i + 2))
    n++;
  return n >= 3;
}

/**
 * The screen's lines after replaying `source`: printable characters overwrite at the cursor;
 * CR, LF, backspace and the CSI cursor moves (A B C D G) and erases (K, 2K) move and clear;
 * colours, modes and window titles (OSC) are dropped. Linear in the input.
 */
export function renderTerminal(source: string): string[] {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = () => {
    while (lines.length <= row) lines.push([]);
    return lines[row]!;
  };
  const chars = Array.from(source);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === ESC) {
      const next = chars[i + 1];
      if (next === "[") {
        // CSI: parameters, then one final byte in @–~
        let j = i + 2;
        let params = "";
        while (j < chars.length && /[0-9;?<=>!]/.test(chars[j]!) && params.length < 32)
          params += chars[j++];
        const final = chars[j] ?? "";
        i = j;
        const n = Math.max(1, Number.parseInt(params.replace(/^\?/, ""), 10) || 1);
        if (final === "K") {
          const l = line();
          if (params === "" || params === "0") l.length = Math.min(l.length, col);
          else if (params === "1") for (let k = 0; k < Math.min(col + 1, l.length); k++) l[k] = " ";
          else if (params === "2") l.length = 0;
        } else if (final === "D") col = Math.max(0, col - n);
        else if (final === "C") col += n;
        else if (final === "G") col = n - 1;
        else if (final === "A") row = Math.max(0, row - n);
        else if (final === "B") row += n;
        continue;
      }
      if (next === "]") {
        // OSC (a window title): up to BEL or ESC \
        let j = i + 2;
        while (j < chars.length && chars[j] !== "\u0007" && chars[j] !== ESC) j++;
        i = chars[j] === ESC ? j + 1 : j;
        continue;
      }
      i++; // a two-character escape
      continue;
    }
    if (c === "\r") col = 0;
    else if (c === "\n") {
      row++;
      col = 0;
      line();
    } else if (c === "\b") col = Math.max(0, col - 1);
    else if (c === "\t") col = (Math.floor(col / 8) + 1) * 8;
    else if (c >= " " && c !== "\u007f") {
      const l = line();
      while (l.length < col) l.push(" ");
      l[col++] = c;
    }
  }
  return lines.map((l) => l.join("").trimEnd());
}

const PROMPT = /^>>> ?/;
const CONTINUATION = /^\.\.\. ?/;

/** The session as a transcript: prompts become the person's turns, the replies the model's. */
export function terminalToMarkdown(source: string): string {
  const out: string[] = [];
  let inPrompt = false;
  let replied = false;
  for (const raw of renderTerminal(source)) {
    if (/^Script (?:started|done) on /.test(raw)) continue;
    if (PROMPT.test(raw)) {
      const text = raw.replace(PROMPT, "").replace(/^"""/, "");
      // an empty prompt the program left on screen asks nothing
      if (!text.trim()) continue;
      out.push("", `**You:** ${text}`);
      inPrompt = true;
      replied = false;
      continue;
    }
    if (inPrompt && CONTINUATION.test(raw)) {
      const text = raw.replace(CONTINUATION, "").replace(/"""$/, "");
      if (text.trim()) out.push(text);
      continue;
    }
    if (inPrompt && !replied && raw.trim()) {
      // the label alone on its line: the reply may open with a table or a list
      out.push("", "**Assistant:**", raw);
      replied = true;
      continue;
    }
    out.push(raw);
  }
  return `${out.join("\n").trim()}\n`;
}
