/**
 * A Jupyter notebook (.ipynb, nbformat 4) as Markdown: its Markdown cells as they are, its code
 * cells fenced in the kernel's language (answers written as code comments stay code comments), and
 * each code cell's text output fenced after it; a model's reply printed by a cell (an API call) as
 * the model's turn, the notes and code around it as the person's.
 */

type Cell = { cell_type?: unknown; source?: unknown; outputs?: unknown };

const text = (v: unknown): string =>
  typeof v === "string"
    ? v
    : Array.isArray(v)
      ? v.filter((x) => typeof x === "string").join("")
      : "";

/** The text of a code cell's outputs: streams, results and errors' names. */
function outputText(outputs: unknown): string {
  if (!Array.isArray(outputs)) return "";
  const parts: string[] = [];
  for (const o of outputs) {
    if (typeof o !== "object" || o === null) continue;
    const out = o as {
      text?: unknown;
      data?: Record<string, unknown>;
      ename?: unknown;
      evalue?: unknown;
    };
    if (out.text !== undefined) parts.push(text(out.text));
    else if (out.data && out.data["text/plain"] !== undefined)
      parts.push(text(out.data["text/plain"]));
    else if (typeof out.ename === "string") parts.push(`${out.ename}: ${text(out.evalue)}`);
  }
  return parts.join("\n").trimEnd();
}

/** What a cell printed (its stdout stream): a model's reply printed, never a warning on stderr. */
function stdout(outputs: unknown): string {
  if (!Array.isArray(outputs)) return "";
  return outputs
    .filter(
      (o) => typeof o === "object" && o !== null && (o as { name?: unknown }).name !== "stderr",
    )
    .map((o) => text((o as { text?: unknown }).text))
    .join("")
    .trimEnd();
}

/** The notebook as Markdown, or undefined when the text is not one. */
export function notebookToMarkdown(source: string): string | undefined {
  const trimmed = source.trimStart();
  if (!trimmed.startsWith("{") || !trimmed.includes('"cells"')) return undefined;
  let nb: { cells?: unknown; metadata?: { kernelspec?: { language?: unknown } } };
  try {
    nb = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!Array.isArray(nb.cells)) return undefined;
  const lang =
    typeof nb.metadata?.kernelspec?.language === "string"
      ? nb.metadata.kernelspec.language
      : "python";
  return cellsToMarkdown(nb.cells as Cell[], lang);
}

/**
 * A notebook copied as text, cell by cell, as JupyterLab and IPython print it: "In [3]:" over each
 * code cell's source and "Out[3]:" over what it printed, text before the first cell a note.
 */
export function notebookTextToMarkdown(source: string): string | undefined {
  const lines = source.split("\n");
  const IN = /^\s*In \[[\d ]*\]:\s*$/;
  const OUT = /^\s*Out\[\d+\]:\s*$/;
  if (lines.filter((l) => IN.test(l)).length < 2 || !lines.some((l) => OUT.test(l)))
    return undefined;
  let into: string[] = [];
  const cells: Cell[] = [{ cell_type: "markdown", source: into }];
  for (const line of lines) {
    if (IN.test(line)) {
      into = [];
      cells.push({ cell_type: "code", source: into, outputs: [] });
    } else if (OUT.test(line) && cells.length > 1) {
      into = [];
      (cells[cells.length - 1]!.outputs as unknown[]).push({ name: "stdout", text: into });
    } else into.push(`${line}\n`);
  }
  // (a notebook that asks no model keeps its text: answers there are written in its cells)
  return cells.some((c) => isReply(stdout(c.outputs)))
    ? cellsToMarkdown(cells, "python")
    : undefined;
}

/** Cells as Markdown: the person's notes and code, and each printed reply as the model's turn. */
function cellsToMarkdown(cells: Cell[], lang: string): string {
  // a notebook that asks a model (a prompt sent through an API, its reply printed) is a
  // conversation: the notes and code are the person's, each printed reply the model's
  // (once it does, any cell that prints words prints a reply: one that sends a prompt built
  // earlier, "ask(q3b + …)", or a reply of code, or one cut short by its token limit)
  const conversation = cells.some(
    (c) =>
      c.cell_type === "code" &&
      longStrings(text(c.source)).length > 0 &&
      isReply(stdout(c.outputs)),
  );
  const asks = cells.map(
    (c) => conversation && c.cell_type === "code" && wordCount(stdout(c.outputs)) >= 8,
  );
  const blocks: string[] = [];
  let speaker: "User" | "Assistant" | undefined;
  const say = (who: "User" | "Assistant", block: string) => {
    if (conversation && speaker !== who) blocks.push(`**${who}:**`);
    speaker = who;
    blocks.push(block);
  };
  for (const [n, c] of cells.entries()) {
    const src = text(c.source).trimEnd();
    if (c.cell_type === "code") {
      if (src) say("User", `\`\`\`${lang}\n${src}\n\`\`\``);
      // the prompt a cell sends, written as a long string in it, is the person's request
      if (conversation) for (const prompt of longStrings(src)) say("User", prompt);
      const out = outputText(c.outputs);
      if (out && asks[n]) say("Assistant", out);
      else if (out) say(speaker ?? "User", `\`\`\`text\n${out}\n\`\`\``);
    } else if (src) say("User", src);
  }
  return `${blocks.join("\n\n")}\n`;
}

/** The triple-quoted strings of a cell's code ("""Problem 2 (KL) …"""), in order. */
function longStrings(code: string): string[] {
  const out: string[] = [];
  for (const quote of ['"""', "'''"]) {
    let at = code.indexOf(quote);
    while (at >= 0) {
      const end = code.indexOf(quote, at + 3);
      if (end < 0) break;
      const body = code.slice(at + 3, end).trim();
      if (body) out.push(body);
      at = code.indexOf(quote, end + 3);
    }
  }
  return out;
}

/**
 * Whether a cell's output is a model's reply rather than a computation's: prose of some length
 * (most of its tokens words), as a chat reply printed from an API is (the cell also holds the
 * prompt it sent, a long string).
 */
function isReply(out: string): boolean {
  const tokens = out.split(/\s+/).filter(Boolean);
  const words = wordCount(out);
  return words >= 40 && words >= tokens.length / 2;
}

/** The words of a text, without its numbers and symbols. */
function wordCount(out: string): number {
  return out.split(/\s+/).filter((t) => /^\p{L}{2,}[.,;:!?)]*$/u.test(t)).length;
}
