/**
 * A spreadsheet of answers (CSV or TSV, parsed by papaparse) as Markdown. When its header names a
 * part column and an answer column in any language the lexicon knows ("part", "Aufgabe";
 * "answer", "respuesta"), each row becomes a paragraph "**part:** answer", under a speaker label when
 * a role or model column says who wrote it, and the row's other cells after it as a note; rows
 * above the header are the sheet's title. A form's responses (questions as columns) become the
 * fullest response's answer sheet. Otherwise the sheet is a Markdown table, which the grader
 * reads as one.
 */
import Papa from "papaparse";
import { words } from "../lexicon/index.js";
import { speakerLabel } from "./json.js";
import { pipeTable } from "./pipe-table.js";

const PART_HEADERS = new Set([...words("part"), ...words("problem"), "id", "label", "q"]);
const ANSWER_HEADERS = new Set([
  ...words("answer"),
  "response",
  "reply",
  "output",
  "text",
  "content",
  "message",
  "solution",
]);
// (a "model" column names who answered each row: "claude-sonnet-4")
const ROLE_HEADERS = new Set(["role", "speaker", "author", "sender", "from", "who", "model"]);

/** Rows of a delimited text, or undefined when it does not parse as a regular table. */
export function delimitedRows(text: string): string[][] | undefined {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const rows = parsed.data;
  if (rows.length < 2 || rows[0]!.length < 2) return undefined;
  const width = rows[0]!.length;
  // a table: every row as wide as the header (a few ragged rows are damage, not prose)
  const regular = rows.filter((r) => r.length === width).length;
  return regular >= rows.length * 0.9 ? rows : undefined;
}

const cell = (s: string | undefined) => (s ?? "").trim();
const headerName = (h: string) => h.trim().toLowerCase().replace(/[_-]+/g, " ");
const headerIndex = (header: string[], names: Set<string>) =>
  header.findIndex((h) => names.has(headerName(h)));

/**
 * The answer column: named by an answer word alone ("answer", "respuesta"), or, where none is, the
 * first named by one among its words ("Copilot answer (pasted from the chat)").
 */
function answerIndex(header: string[]): number {
  const exact = headerIndex(header, ANSWER_HEADERS);
  if (exact >= 0) return exact;
  return header.findIndex((h) =>
    headerName(h)
      .split(/[^\p{L}\p{N}]+/u)
      .slice(0, 4)
      .some((w) => ANSWER_HEADERS.has(w)),
  );
}

/** Rows above the header a sheet may open with: its title and notes, at most a few. */
const MAX_TITLE_ROWS = 8;

/** A header cell that is a question (a form's column): long, or opening with a part's label. */
const isQuestion = (h: string) => h.trim().length >= 40 || /^\s*\d\s*\(?[a-d]\)?[.:)\s]/i.test(h);

/**
 * A form's responses (Google Forms, Microsoft Forms): the questions are the columns, a row is one
 * respondent. The fullest response is the answer sheet: each question a heading, its answer
 * under it; a grid question's columns ("3(b) … [Task loss]") one line each under one heading.
 */
function formResponse(rows: string[][]): string | undefined {
  const header = rows[0]!;
  const questions = header.map((h, k) => (isQuestion(h) ? k : -1)).filter((k) => k >= 0);
  if (questions.length < 3) return undefined;
  const filled = (r: string[]) => questions.filter((k) => cell(r[k]) !== "").length;
  const best = rows.slice(1).reduce((a, b) => (filled(b) > filled(a) ? b : a));
  const out: string[] = [];
  let lastQuestion = "";
  for (const [k, h] of header.entries()) {
    const answer = cell(best[k]);
    if (!answer) continue;
    if (!questions.includes(k)) {
      out.push(`${h.trim()}: ${answer}`);
      continue;
    }
    // a grid's row is the bracket after its question
    const grid = /^(.*?)\s*\[([^[\]]{1,80})\]\s*$/s.exec(h);
    const question = (grid ? grid[1]! : h).trim();
    if (question !== lastQuestion) out.push(`### ${question}`);
    lastQuestion = question;
    out.push(grid ? `${grid[2]!.trim()}: ${answer}` : answer);
  }
  return `${out.join("\n\n")}\n`;
}

export function csvToMarkdown(rows: string[][]): string {
  // (a sheet may open with its title and notes above the header: "HW12 audit", "Sheet: Copilot")
  const top = rows
    .slice(0, MAX_TITLE_ROWS + 1)
    .findIndex((r) => headerIndex(r, PART_HEADERS) >= 0 && answerIndex(r) >= 0);
  const header = rows[Math.max(top, 0)]!;
  const part = headerIndex(header, PART_HEADERS);
  const answer = answerIndex(header);
  const role = headerIndex(header, ROLE_HEADERS);
  const form = part < 0 || answer < 0 ? formResponse(rows) : undefined;
  if (form) return form;
  if (part < 0 || answer < 0) {
    const cells = rows.map((r) => r.map((c) => cell(c).replace(/\n/g, " ").replace(/\|/g, "\\|")));
    return `${pipeTable(cells, header.length).join("\n")}\n`;
  }
  const out = rows
    .slice(0, top)
    .map((r) => r.map(cell).filter(Boolean).join(" "))
    .filter(Boolean);
  for (const r of rows.slice(top + 1)) {
    const text = cell(r[answer]);
    if (!text) continue;
    if (role >= 0 && cell(r[role])) out.push(`**${speakerLabel(cell(r[role]))}:**`);
    // the part in bold, as a heading in all but name ("**3c:** (b) …")
    out.push(`**${cell(r[part])}:** ${text}`);
    const rest = header
      .map((h, k) =>
        k === part || k === answer || k === role || !cell(r[k]) ? "" : `${h}: ${cell(r[k])}`,
      )
      .filter(Boolean);
    // (the sheet keeper's own cells, points and comments, are a note on the answer, set as a
    // marker sets one in a copy: "[Points: 0 / 3; Comment: Key: (a) 1e-3 …]")
    if (rest.length) out.push(`[${rest.join("; ")}]`);
  }
  return `${out.join("\n\n")}\n`;
}
