/**
 * An answer engine's thread copied from its page as text (Perplexity): each query, then the list
 * of its "Sources", an "Answer" line over the reply, and "Related" over suggested follow-ups. The
 * page's section lines mark the turns: a query is the person's, a reply the model's; the sources
 * and the suggestions are the page's own and go.
 */
import { readMarkdown } from "../markdown.js";
import { speakerLabels } from "../speakers.js";

const SOURCES = "Sources";
const ANSWER = "Answer";
const RELATED = "Related";

/** Whether a text is such a copy: a "Sources" line, then an "Answer" line, and no speaker labels. */
export function isAnswerPage(text: string): boolean {
  const lines = text.split("\n").map((l) => l.trim());
  const sources = lines.indexOf(SOURCES);
  return (
    sources >= 0 &&
    lines.indexOf(ANSWER, sources) > sources &&
    speakerLabels(readMarkdown(text)).size === 0
  );
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
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const t = line.trim();
    if (t === SOURCES) {
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
      state = "sources";
    } else if (t === ANSWER && state !== "answer") {
      if (state === "query") flush("User");
      state = "answer";
    } else if (t === RELATED && state === "answer") {
      flush("Assistant");
      state = "related";
    } else if (state === "related") {
      // the suggested follow-ups run to the first blank line
      if (t === "") state = "query";
    } else if (state !== "sources") block.push(line);
  }
  flush(state === "answer" ? "Assistant" : "User");
  return `${out.join("\n\n")}\n`;
}
