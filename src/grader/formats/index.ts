/**
 * Exports that are not Markdown or text — notebooks, JSON, XML and YAML chat exports, subtitles,
 * terminal recordings, saved
 * HTML pages, e-mails, Org-mode, AsciiDoc, reStructuredText, LaTeX, Typst and MediaWiki files, flashcard decks, spreadsheets — recognised by their content (the file name only breaks a tie for delimited text) and
 * turned into the Markdown transcript the grader reads. One record a format.
 */

import { asciiDigits } from "../words.js";
import { activityToMarkdown } from "./activity.js";
import {
  answerExportToMarkdown,
  answerPageToMarkdown,
  isAnswerExport,
  isAnswerPage,
} from "./answer-page.js";
import { asciiDocToMarkdown, isAsciiDoc } from "./asciidoc.js";
import { isTwoColumnText, twoColumnsToText } from "./columns.js";
import { csvToMarkdown, delimitedRows } from "./csv.js";
import { digestToMarkdown, isDigest } from "./digest.js";
import { emailToMarkdown, isEmail } from "./email.js";
import { flashcardsToMarkdown, isFlashcardExport } from "./flashcards.js";
import { htmlToMarkdown, isHtmlDocument } from "./html.js";
import { conversationsMarkdown, jsonConversations, loggedBodiesConversation } from "./json.js";
import { isLatex, latexToMarkdown } from "./latex.js";
import { notebookTextToMarkdown, notebookToMarkdown } from "./notebook.js";
import { isOrg, orgToMarkdown } from "./org.js";
import { isPageCopy, pageCopyToMarkdown } from "./page-copy.js";
import { isQaPage, qaPageToMarkdown } from "./qa-site.js";
import { isRst, rstToMarkdown } from "./rst.js";
import { isRtf, rtfToText } from "./rtf.js";
import { isSocialThread, socialThreadToMarkdown } from "./social-thread.js";
import { isSubtitles, subtitlesToMarkdown } from "./subtitles.js";
import { isTerminalSession, terminalToMarkdown } from "./terminal.js";
import { isXmlDocument, isYamlLog, xmlToMarkdown, yamlToMarkdown } from "./tree.js";
import { isTypst, typstToMarkdown } from "./typst.js";
import { isMediaWiki, wikiToMarkdown } from "./wiki.js";

export type ExportFormat = {
  name: string;
  /** File extensions the CLI lists in a directory for this format. */
  extensions: string[];
  /** The Markdown transcript, or undefined when the text is not in this format. */
  read: (text: string, fileName?: string) => Promise<string | undefined> | string | undefined;
};

function conversationsToMarkdown(text: string): string | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  return conversationsMarkdown(jsonConversations(trimmed));
}

const DELIMITED = [".csv", ".tsv"];

export const EXPORT_FORMATS: ExportFormat[] = [
  { name: "Jupyter notebook", extensions: [".ipynb"], read: notebookToMarkdown },
  { name: "Jupyter notebook copied as text", extensions: [], read: notebookTextToMarkdown },
  { name: "JSON chat export", extensions: [".json", ".jsonl"], read: conversationsToMarkdown },
  {
    name: "subtitles",
    extensions: [".srt", ".vtt"],
    read: (t) => (isSubtitles(t) ? subtitlesToMarkdown(t) : undefined),
  },
  {
    name: "terminal session",
    extensions: [".typescript"],
    read: (t) => (isTerminalSession(t) ? terminalToMarkdown(t) : undefined),
  },
  {
    name: "HTML page",
    extensions: [".html", ".htm"],
    // (Google Takeout's activity page lists its exchanges newest first, in cards)
    read: (t) => {
      if (!isHtmlDocument(t)) return undefined;
      const md = htmlToMarkdown(t);
      return activityToMarkdown(md) ?? md;
    },
  },
  {
    name: "XML export",
    extensions: [".xml", ".enex"],
    read: (t) => (isXmlDocument(t) ? xmlToMarkdown(t) : undefined),
  },
  {
    name: "YAML chat log",
    extensions: [".yaml", ".yml"],
    read: (t, name) => (isYamlLog(t, name) ? yamlToMarkdown(t) : undefined),
  },
  {
    name: "reStructuredText document",
    extensions: [".rst"],
    read: (t, name) => (isRst(t, name) ? rstToMarkdown(t) : undefined),
  },
  {
    name: "RTF document",
    extensions: [".rtf"],
    read: (t) => (isRtf(t) ? rtfToText(t) : undefined),
  },
  {
    name: "LaTeX document",
    extensions: [".tex", ".ltx"],
    read: (t, name) => (isLatex(t, name) ? latexToMarkdown(t) : undefined),
  },
  {
    name: "Typst document",
    extensions: [".typ"],
    read: (t, name) => (isTypst(t, name) ? typstToMarkdown(t) : undefined),
  },
  {
    name: "MediaWiki page source",
    extensions: [".wiki", ".mediawiki"],
    read: (t, name) => (isMediaWiki(t, name) ? wikiToMarkdown(t) : undefined),
  },
  {
    name: "flashcard notes export",
    extensions: [],
    read: (t) => (isFlashcardExport(t) ? flashcardsToMarkdown(t) : undefined),
  },
  {
    name: "mailing-list digest",
    extensions: [],
    read: (t) => (isDigest(t) ? digestToMarkdown(t) : undefined),
  },
  {
    name: "e-mail",
    extensions: [".eml"],
    read: (t) => (isEmail(t) ? emailToMarkdown(t) : undefined),
  },
  {
    name: "Org-mode file",
    extensions: [".org"],
    read: (t, name) => (isOrg(t, name) ? orgToMarkdown(t) : undefined),
  },
  {
    name: "AsciiDoc document",
    extensions: [".adoc", ".asciidoc"],
    read: (t, name) => (isAsciiDoc(t, name) ? asciiDocToMarkdown(t) : undefined),
  },
  {
    name: "Q&A site page copied as text",
    extensions: [],
    read: (t) => (isQaPage(t) ? qaPageToMarkdown(t) : undefined),
  },
  {
    name: "social thread copied as text",
    extensions: [],
    read: (t) => (isSocialThread(t) ? socialThreadToMarkdown(t) : undefined),
  },
  {
    name: "two-column page text",
    extensions: [],
    read: (t) => (isTwoColumnText(t) ? twoColumnsToText(t) : undefined),
  },
  {
    name: "log with API request and response bodies",
    extensions: [".log"],
    read: (t) => conversationsMarkdown(loggedBodiesConversation(t)),
  },
  {
    name: "answer engine's thread exported as Markdown",
    extensions: [],
    read: (t) => (isAnswerExport(t) ? answerExportToMarkdown(t) : undefined),
  },
  {
    name: "answer engine's thread copied as text",
    extensions: [],
    read: (t) => (isAnswerPage(t) ? answerPageToMarkdown(t) : undefined),
  },
  {
    name: "chat page copied as text",
    extensions: [],
    read: (t) => (isPageCopy(t) ? pageCopyToMarkdown(t) : undefined),
  },
  {
    name: "spreadsheet",
    extensions: DELIMITED,
    // delimited text is recognised by its name: a Markdown file can parse as a table too
    read: (t, name) => {
      if (!name || !DELIMITED.some((e) => name.toLowerCase().endsWith(e))) return undefined;
      const rows = delimitedRows(t);
      return rows ? csvToMarkdown(rows) : undefined;
    },
  },
];

/** The extensions of every format the grader reads, Markdown and text included. */
export const TRANSCRIPT_EXTENSIONS = [
  ".md",
  ".markdown",
  ".txt",
  ".text",
  ...EXPORT_FORMATS.flatMap((f) => f.extensions),
];

/** The transcript as Markdown, and the export format it came in (undefined: it already was). */
export async function fromExport(
  text: string,
  fileName?: string,
): Promise<{ text: string; format?: string }> {
  // (an export's times and counts in its own script's digits read as the times they are: Takeout's
  // "४ डिसें, २०२५, १०:३१:५२ PM")
  const ascii = asciiDigits(text);
  for (const f of EXPORT_FORMATS) {
    const md = await f.read(ascii, fileName);
    if (md !== undefined) return { text: md, format: f.name };
  }
  return { text };
}
