/**
 * Chat and forum exports in XML (a Moodle forum backup, SMS and messenger backups): parsed by a
 * real XML parser (fast-xml-parser; entities decoded, attributes kept as fields) into the plain
 * object tree a JSON export is, then read by the JSON reader, which finds the list of messages by
 * their author and text fields. A message written in HTML (Moodle stores its posts so) becomes
 * Markdown through the HTML reader.
 */
import { XMLParser } from "fast-xml-parser";
import { htmlToMarkdown } from "./html.js";
import { jsonConversations, speakerLabel } from "./json.js";

/** Whether a text is an XML document: an XML declaration, or a root element that is not HTML. */
export function isXmlDocument(text: string): boolean {
  const head = text.trimStart().slice(0, 200).toLowerCase();
  if (head.startsWith("<?xml")) return true;
  return /^<[a-z][\w:.-]*[\s>]/.test(head) && !/^<(!doctype|html|head|body|div|p)\b/.test(head);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

/** The conversations of an XML export, as the JSON reader's Markdown; undefined if none. */
export function xmlToMarkdown(text: string): string | undefined {
  let tree: unknown;
  try {
    tree = parser.parse(text);
  } catch {
    return undefined;
  }
  const convs = jsonConversations(JSON.stringify(tree));
  if (!convs?.some((c) => c.turns.length)) return undefined;
  return convs
    .map((c) =>
      [
        c.title ? `# ${c.title}` : "",
        ...c.turns.map(
          (t) =>
            `**${speakerLabel(t.role)}:**\n\n${/^\s*<[a-z]/i.test(t.text) ? htmlToMarkdown(t.text).trim() : t.text}`,
        ),
      ]
        .filter(Boolean)
        .join("\n\n"),
    )
    .join("\n\n---\n\n")
    .concat("\n");
}
