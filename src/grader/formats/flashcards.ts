/**
 * A flashcard deck exported as notes (Anki's "Notes in Plain Text": `#separator:tab`, `#html:true`
 * and `#… column:N` header lines, then one note a row) as a study sheet: each note's first field is
 * the question (the person's), the other fields its answer, written under "Q:" and "A:" labels.
 * Columns the header names as metadata (note type, deck, tags, GUID) are left out; HTML fields
 * become Markdown.
 */
import Papa from "papaparse";
import { htmlToMarkdown } from "./html.js";

const SEPARATORS: Record<string, string> = {
  tab: "\t",
  semicolon: ";",
  comma: ",",
  pipe: "|",
  space: " ",
  colon: ":",
};

/** Whether a text is a notes export: its first line an Anki header ("#separator:tab"). */
export function isFlashcardExport(text: string): boolean {
  return /^#(separator|html|notetype column|deck column|tags column|guid column):/i.test(
    text.trimStart().slice(0, 60),
  );
}

export function flashcardsToMarkdown(text: string): string | undefined {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let separator = "\t";
  let html = false;
  const meta = new Set<number>();
  let body = 0;
  for (; body < lines.length && lines[body]!.startsWith("#"); body++) {
    const [key, value = ""] = lines[body]!.slice(1)
      .split(":", 2)
      .map((s) => s.trim().toLowerCase());
    if (key === "separator") separator = SEPARATORS[value] ?? (value || separator);
    else if (key === "html") html = value === "true";
    else if (key?.endsWith(" column")) meta.add(Number(value) - 1);
  }
  const rows = Papa.parse<string[]>(lines.slice(body).join("\n"), {
    delimiter: separator,
    skipEmptyLines: true,
  }).data;
  const md = (s: string) => (html ? htmlToMarkdown(s).trim() : s.trim());
  const notes = rows
    .map((r) => r.filter((_, i) => !meta.has(i)))
    .filter((fields) => fields.length >= 2)
    .map(([front, ...back]) => `**Q:** ${md(front!)}\n\n**A:** ${back.map(md).join("\n\n")}`);
  return notes.length ? `${notes.join("\n\n---\n\n")}\n` : undefined;
}
