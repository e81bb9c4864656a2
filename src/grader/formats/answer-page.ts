/**
 * An answer engine's thread (Perplexity), as it leaves the engine in two ways.
 *
 * - Copied from its page as text: each query, then the list of its "Sources", an "Answer" line over
 *   the reply, and "Related" over suggested follow-ups. The page's section lines mark the turns: a
 *   query is the person's, a reply the model's; the sources and the suggestions are the page's own
 *   and go.
 * - Exported as Markdown: the engine's logo, then per exchange the query as a level-1 heading (its
 *   first line only: the rest of a long query runs on as plain paragraphs), the reply, a centred
 *   "⁂" and the reply's footnoted sources, and "---" before the next query. Only the query is
 *   marked, so each exchange becomes the person's message; where the query ends and the reply
 *   begins is read as on any page that marks only the person (`segment.ts`).
 */
import { words } from "../lexicon/index.js";
import { readMarkdown } from "../markdown.js";
import { speakerLabels } from "../speakers.js";

/**
 * A line that is one of a lexicon's words, in any language ("Sources", "Kaynaklar"), a count after
 * it or not ("Izvori · 6").
 */
const lineOf = (key: "sources" | "answer" | "related") => {
  const set = new Set(words(key).map((w) => w.toLowerCase()));
  return (line: string) => set.has(line.trim().replace(COUNT, "").toLowerCase());
};
const COUNT = /\s*[·•]\s*\d{1,3}$/;
const isSources = lineOf("sources");
const isAnswerWord = lineOf("answer");
/**
 * The reply's "Answer" line, or its whole tab row on one line, as a PDF's text lays it out
 * ("Отговор          Източници · 5").
 */
const isAnswer = (line: string) => {
  if (isAnswerWord(line)) return true;
  const cells = line.trim().split(/\s{2,}|\t/);
  return cells.length >= 2 && isAnswerWord(cells[0]!) && cells.slice(1).some(isSources);
};
const isRelated = lineOf("related");
const PAGE_HEADER = /^perplexity · \S/i;
const PAGE_FOOTER = /^https?:\/\/\S+\s+\d{1,3}\/\d{1,3}$/;
/** A tab's name in the row under a query ("Images", "Görseller"): a few letters, nothing else. */
const TAB_WORD = /^[\p{L}\p{M} ]{1,24}$/u;

/**
 * Whether a text is such a copy, with no speaker labels: a "Sources" line and then an "Answer" line
 * (the list of sources over the reply), or an "Answer" line with "Sources" in its tab row ("Yanıt",
 * "Görseller", "Kaynaklar").
 */
export function isAnswerPage(text: string): boolean {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  // (a PDF's page header names the engine and a date, "Perplexity · 3 дек. 2025 г.": a model's
  // name, no speaker)
  if (lines.some((l) => !isAnswerWord(l) && isAnswer(l)))
    return [...speakerLabels(readMarkdown(text)).values()].every((l) => l.role === "model");
  const sources = lines.findIndex(isSources);
  if (sources < 0) return false;
  // (the tab row: "Answer", then tab names up to "Sources")
  let k = sources - 1;
  while (k >= 0 && !isAnswer(lines[k]!) && TAB_WORD.test(lines[k]!)) k--;
  const answered = lines.slice(sources + 1).some(isAnswer) || (k >= 0 && isAnswer(lines[k]!));
  return answered && speakerLabels(readMarkdown(text)).size === 0;
}

/** The export's marks: a "⁂" line (the engine's separator before the sources) or its logo. */
const EXPORT_MARK = /^(<div[^>]*>\s*⁂\s*<\/div>|⁂|<img [^>]*perplexity\.ai[^>]*>)$/;
/** A footnoted source: "[^2_1]: https://…". */
const FOOTNOTE = /^\[\^\d+_\d+\]:/;

/** A query's heading: level 1 or 2 ("# …", "## …"); the text after its marks. */
const QUERY_HEADING = /^#{1,2} (?=\S)/;

/**
 * Whether a text is such an export, with no speaker labels: a query heading first (after the logo)
 * and the engine's separator or logo; or, in a copy that kept neither, two query headings or more
 * each after a "---" rule, with the engine's "Sources" lists between them.
 */
export function isAnswerExport(text: string): boolean {
  const lines = text.split("\n").map((l) => l.trim());
  const marked = lines.some((l) => EXPORT_MARK.test(l));
  const first = lines.find((l) => l !== "" && !EXPORT_MARK.test(l));
  const firstIsQuery = marked && first !== undefined && QUERY_HEADING.test(first);
  const queriesAfterRules = queryStarts(lines).filter((k) => k > 0).length;
  const sourced = marked || lines.some(isSources);
  return (
    (firstIsQuery || (sourced && queriesAfterRules >= 2)) &&
    speakerLabels(readMarkdown(text)).size === 0
  );
}

/**
 * The lines where a query opens: a query heading at the start (after the logo) or right after a
 * "---" rule, outside code blocks (a "#" inside a reply's code block is a comment, not a query).
 */
function queryStarts(lines: string[]): number[] {
  const out: number[] = [];
  let fenced = false;
  let afterRule = true;
  for (const [k, t] of lines.entries()) {
    if (t.startsWith("```") || t.startsWith("~~~")) fenced = !fenced;
    if (fenced || t === "" || EXPORT_MARK.test(t)) continue;
    if (afterRule && QUERY_HEADING.test(t)) out.push(k);
    afterRule = t === "---";
  }
  return out;
}

/**
 * Each exchange as the person's message: a query opens at its heading (see `queryStarts`); the
 * marks and the footnoted sources go.
 */
export function answerExportToMarkdown(text: string): string {
  const out: string[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const starts = new Set(queryStarts(lines.map((l) => l.trim())));
  let fenced = false;
  for (const [k, line] of lines.entries()) {
    const t = line.trim();
    if (t.startsWith("```") || t.startsWith("~~~")) fenced = !fenced;
    if (!fenced && (EXPORT_MARK.test(t) || FOOTNOTE.test(t))) continue;
    if (starts.has(k)) {
      out.push("**User:**", "", t.replace(QUERY_HEADING, ""));
      continue;
    }
    if (t !== "---" || fenced) out.push(line);
  }
  return `${out.join("\n").trim()}\n`;
}

export function answerPageToMarkdown(text: string): string {
  const out: string[] = [];
  let state: "query" | "sources" | "answer" | "related" = "query";
  let block: string[] = [];
  const flush = (who: "User" | "Assistant") => {
    const body = block.join("\n").trim();
    if (body) out.push(`**${who}:**\n\n${body}`);
    block = [];
  };
  // whether the lines since the reply's "Answer" line are only the tab row's words ("Görseller"),
  // held back: a "Sources" line among them makes them that row's tabs, not the reply's words
  let inTabRow = false;
  let tabWords: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const t = line.trim();
    // (a PDF's page header, the engine's name and the date, "Perplexity · 3 дек. 2025 г.", and its
    // footer, the thread's address and the page, "https://www.perplexity.ai/search/…   1/3")
    if (PAGE_HEADER.test(t) || PAGE_FOOTER.test(t)) continue;
    // the tab row on one line ("Отговор          Източници · 5") ends the query as a "Sources"
    // line would, and opens the reply
    const row = !isAnswerWord(t) && isAnswer(t);
    if ((row || isSources(t)) && !(state === "answer" && inTabRow)) {
      if (state === "answer") {
        // an answer without its "Related" list: the paragraph before "Sources" is the next query
        let cut = block.length;
        while (cut > 0 && block[cut - 1]!.trim() === "") cut--;
        while (cut > 0 && block[cut - 1]!.trim() !== "") cut--;
        const query = block.splice(cut);
        flush("Assistant");
        block = query;
      }
      flush("User");
      state = row ? "answer" : "sources";
    } else if (isAnswer(t) && state !== "answer") {
      if (state === "query") flush("User");
      state = "answer";
      inTabRow = true;
    } else if (isRelated(t) && state === "answer") {
      block.push(...tabWords);
      tabWords = [];
      flush("Assistant");
      state = "related";
    } else if (state === "related") {
      // the suggested follow-ups run to the first blank line
      if (t === "") state = "query";
    } else if (state === "answer" && isSources(t)) {
      // the tab row's "Sources", not a list to drop: the row goes
      tabWords = [];
    } else if (state === "answer" && inTabRow && (t === "" || TAB_WORD.test(t))) {
      tabWords.push(line);
    } else if (state !== "sources") {
      block.push(...tabWords, line);
      tabWords = [];
      if (t !== "") inTabRow = false;
    }
  }
  flush(state === "answer" ? "Assistant" : "User");
  return `${out.join("\n\n")}\n`;
}
