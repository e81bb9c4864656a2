/**
 * A Jupyter notebook (.ipynb, nbformat 4) as Markdown: its Markdown cells as they are, its code
 * cells fenced in the kernel's language (answers written as code comments stay code comments), and
 * each code cell's text output fenced after it.
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
  const blocks: string[] = [];
  for (const c of nb.cells as Cell[]) {
    const src = text(c.source).trimEnd();
    if (c.cell_type === "code") {
      if (src) blocks.push(`\`\`\`${lang}\n${src}\n\`\`\``);
      const out = outputText(c.outputs);
      if (out) blocks.push(`\`\`\`text\n${out}\n\`\`\``);
    } else if (src) blocks.push(src);
  }
  return `${blocks.join("\n\n")}\n`;
}
