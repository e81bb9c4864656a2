/**
 * Chat and forum exports in XML or YAML (a Moodle forum backup, SMS and messenger backups, a CLI
 * chat tool's saved session; Evernote's notes, as documents): parsed by a real parser
 * (fast-xml-parser, with entities decoded and attributes kept as fields; yaml) into the plain
 * object tree a JSON export is, then read by the JSON reader, which finds the list of messages by
 * their author and text fields (a message written in HTML, as Moodle stores its posts, becomes
 * Markdown there).
 */
import { XMLParser } from "fast-xml-parser";
import { parse as parseYaml } from "yaml";
import { htmlToMarkdown } from "./html.js";
import { conversationsMarkdown, type Json, treeConversations } from "./json.js";

/** Whether a text is an XML document: an XML declaration, or a root element that is not HTML. */
export function isXmlDocument(text: string): boolean {
  const head = text.trimStart().slice(0, 200).toLowerCase();
  if (head.startsWith("<?xml")) return true;
  return /^<[a-z][\w:.-]*[\s>]/.test(head) && !/^<(!doctype|html|head|body|div|p)\b/.test(head);
}

/**
 * Whether a text is a YAML chat log: a `.yaml`/`.yml` name, or a `messages:` key at the top
 * level followed by a list item with a role ("- role: user").
 */
export function isYamlLog(text: string, fileName?: string): boolean {
  if (/\.ya?ml$/i.test(fileName ?? "")) return true;
  return /^messages:\s*\n-\s+role:/m.test(text.slice(0, 20000));
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
});

/**
 * An SMS backup (SMS Backup & Restore: `<sms type="2" body="…" contact_name="…"/>`) says who
 * wrote each message by its type, 1 received and 2 sent: the messages as a list of senders and
 * texts, the phone's owner as "Me".
 */
function smsMessages(tree: Json): Json {
  const smses = (tree as { smses?: { sms?: unknown } } | undefined)?.smses?.sms;
  if (!smses) return tree;
  const list = (Array.isArray(smses) ? smses : [smses]) as Record<string, string>[];
  return list.map((m) => ({
    sender:
      m.type === "2"
        ? "Me"
        : m.contact_name && m.contact_name !== "(Unknown)"
          ? m.contact_name
          : m.address,
    text: m.body,
    date: Number(m.date),
  }));
}

export function xmlToMarkdown(text: string): string | undefined {
  try {
    const tree = xmlParser.parse(text) as Json;
    return notesMarkdown(tree) ?? conversationsMarkdown(treeConversations(smsMessages(tree)));
  } catch {
    return undefined;
  }
}

/**
 * An Evernote export (`.enex`: `<en-export><note><title/><content>` with the note's ENML, an HTML
 * dialect, in CDATA): each note a heading and its content as Markdown. Not a chat: a document.
 */
function notesMarkdown(tree: Json): string | undefined {
  const root = (tree as { "en-export"?: { note?: unknown } } | undefined)?.["en-export"];
  if (!root?.note) return undefined;
  const notes = (Array.isArray(root.note) ? root.note : [root.note]) as Record<string, unknown>[];
  return `${notes
    .map((n) => {
      const title = typeof n.title === "string" ? `# ${n.title}\n\n` : "";
      const content = typeof n.content === "string" ? htmlToMarkdown(n.content).trim() : "";
      return `${title}${content}`;
    })
    .join("\n\n---\n\n")}\n`;
}

export function yamlToMarkdown(text: string): string | undefined {
  try {
    return conversationsMarkdown(treeConversations(parseYaml(text, { maxAliasCount: 100 })));
  } catch {
    return undefined;
  }
}
