/**
 * A mailing list's digest (Mailman's "Today's Topics", then "Message: N" with its headers, the
 * body, and a line of dashes; Google Groups and listserv digests alike): each message becomes a
 * turn under its sender's name, in order; the list's boilerplate, the headers and the lines a
 * reply quotes (">") go, since they repeat earlier messages.
 */

import { words } from "../lexicon/index.js";

const MESSAGE = /^Message:\s*\d{1,4}\s*$/;
/** "wrote", "ha scritto", "schrieb" …: the lexicon's said-words. */
const SAID = words("said");

/** A quote's attribution line: "On Tue, Paolo <p@x> wrote:", "Il giorno … ha scritto:". */
function introducesQuote(line: string): boolean {
  const t = line.trim().toLowerCase();
  if (!t.endsWith(":") || t.length > 200) return false;
  const head = t.slice(0, -1).trimEnd();
  return SAID.some((w) => head.endsWith(` ${w}`));
}
const SEPARATOR = /^-{20,}\s*$/;
const HEADER = /^([A-Za-z-]{2,30}):\s?(.*)$/;

/** Whether a text is a digest: at least two "Message: N" lines each followed by a From header. */
export function isDigest(text: string): boolean {
  const lines = text.slice(0, 400_000).split("\n");
  let messages = 0;
  for (let i = 0; i < lines.length && messages < 2; i++)
    if (MESSAGE.test(lines[i]!) && lines.slice(i + 1, i + 6).some((l) => /^From:\s/.test(l)))
      messages++;
  return messages >= 2;
}

export function digestToMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let inHeaders = false;
  let inMessage = false;
  let sender = "";
  let subject = "";
  for (const line of lines) {
    if (MESSAGE.test(line)) {
      inHeaders = true;
      inMessage = true;
      sender = "";
      subject = "";
      continue;
    }
    if (!inMessage) continue;
    if (inHeaders) {
      const h = HEADER.exec(line);
      if (h) {
        const name = h[1]!.toLowerCase();
        // "Andrea Ferri <andrea@…>" or "andrea@… (Andrea Ferri)"
        if (name === "from")
          sender =
            /^\s*"?([^"<]+?)"?\s*</.exec(h[2]!)?.[1] ?? /\(([^)]+)\)/.exec(h[2]!)?.[1] ?? h[2]!;
        if (name === "subject") subject = h[2]!.trim();
        continue;
      }
      // a header's folded continuation
      if (/^\s+\S/.test(line)) continue;
      if (line.trim() === "") {
        inHeaders = false;
        out.push("", `**${sender.trim() || "Unknown"}:**`, "");
        if (subject) out.push(`*${subject}*`, "");
      }
      continue;
    }
    if (SEPARATOR.test(line) || /^-{5,} next part -{5,}$/.test(line.trim())) {
      inMessage = false;
      continue;
    }
    // what a reply quotes repeats an earlier message; "On … wrote:" introduces it
    if (/^\s*>/.test(line) || introducesQuote(line)) continue;
    out.push(line);
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}
