/**
 * A chat page copied from the browser as plain text: no speaker names, but each message is
 * followed by its buttons on lines of their own — "Edit" under the person's, "Copy" and "Retry"
 * under the model's (in the page's language). Those lines end the messages; each message gets the
 * label of its side, and the buttons go.
 */
import { words } from "../lexicon/index.js";
import { readMarkdown } from "../markdown.js";
import { speakerLabels } from "../speakers.js";

const PERSON_END = new Set(words("personMessageEnd"));
const MODEL_END = new Set(words("modelMessageEnd"));

/** The buttons a chat page shows with a message, longest first: "Copy code", "Copy", "Edit". */
export const PAGE_BUTTONS = [...MODEL_END, ...PERSON_END].sort((a, b) => b.length - a.length);

/** A line of buttons only, as a page copy keeps them run together: "Copy codeEdit". */
export function isButtonRow(line: string): boolean {
  let rest = line.trim().toLowerCase();
  if (!rest || rest.length > 30) return false;
  while (rest) {
    const b = PAGE_BUTTONS.find((w) => rest.startsWith(w));
    if (!b) return false;
    rest = rest.slice(b.length).trimStart();
  }
  return true;
}

const buttonOf = (line: string) => {
  const t = line.trim().toLowerCase();
  return PERSON_END.has(t) ? "person" : MODEL_END.has(t) ? "model" : undefined;
};

/** Whether a text has a page's button lines under both sides' messages, several times. */
export function isPageCopy(text: string): boolean {
  let person = 0;
  let model = 0;
  for (const line of text.split("\n")) {
    if (line.length > 30) continue;
    const b = buttonOf(line);
    if (b === "person") person++;
    else if (b === "model") model++;
  }
  // a copy that kept its speaker names ("You said:", "ChatGPT said:") is read by those
  return person >= 1 && model >= 2 && speakerLabels(readMarkdown(text)).size === 0;
}

export function pageCopyToMarkdown(text: string): string {
  const out: string[] = [];
  let message: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const b = line.length <= 30 ? buttonOf(line) : undefined;
    if (!b) {
      message.push(line);
      continue;
    }
    // the first button after a message ends it; more buttons after it ("Retry") add nothing
    const body = message.join("\n").trim();
    if (body) out.push(`**${b === "person" ? "User" : "Assistant"}:**\n\n${body}`);
    message = [];
  }
  const rest = message.join("\n").trim();
  if (rest) out.push(rest);
  return `${out.join("\n\n")}\n`;
}
