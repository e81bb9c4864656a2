/**
 * An e-mail (RFC 822 / MIME, parsed by postal-mime) as Markdown, in the order it was written. A
 * reply quotes the messages before it ("> " lines, deeper for older ones) below or between its own
 * text; read top to bottom, the oldest answers would come last and override the corrections. So
 * each quoted level becomes a message of its own, oldest first, under its attribution line ("On
 * Mon, 1 Dec 2025, Dev wrote:") when there is one, and the newest text last; each under a
 * "Name wrote:" label, so each message is a turn of its own.
 */
import PostalMime from "postal-mime";

/** Whether a text starts with mail headers: "From:", "Subject:", "Date:" … before a blank line. */
export function isEmail(text: string): boolean {
  const head = text.trimStart().slice(0, 4000);
  const end = head.search(/\r?\n\r?\n/);
  if (end < 0) return false;
  const names = new Set<string>();
  for (const line of head.slice(0, end).split(/\r?\n/)) {
    const m = /^([A-Za-z][A-Za-z-]{1,40}):/.exec(line);
    if (m) names.add(m[1]!.toLowerCase());
    else if (!/^[ \t]/.test(line)) return false; // neither a header nor its folded continuation
  }
  return names.has("from") && (names.has("subject") || names.has("date") || names.has("to"));
}

/** Quote depth of a line ("> > text" → 2) and the text after its markers. */
function quoteDepth(line: string): { depth: number; text: string } {
  let i = 0;
  let depth = 0;
  while (i < line.length) {
    if (line[i] === ">") {
      depth++;
      i++;
    } else if (line[i] === " " && line[i + 1] === ">") i++;
    else break;
  }
  if (depth && line[i] === " ") i++;
  return { depth, text: line.slice(i) };
}

/**
 * An attribution line: it ends with a colon, holds a date or an address, and a quote follows it
 * ("On Tue, Dec 2, 2025 at 10:37 AM Dev <dev@x.edu> wrote:", "Le 2 déc. 2025, Dev a écrit :").
 */
const isAttribution = (s: string) => s.trimEnd().endsWith(":") && /\d|@/.test(s) && s.length < 300;

/** The author an attribution names: the words before the address ("… Dev Raman <dev@x.edu> wrote:"). */
function attributedName(line: string): string | undefined {
  const lt = line.lastIndexOf("<");
  if (lt <= 0 || !line.includes("@", lt)) return undefined;
  const words = line.slice(0, lt).trim().split(/\s+/);
  const name: string[] = [];
  for (let k = words.length - 1; k >= 0 && name.length < 4; k--) {
    const w = words[k]!.replace(/^["']|["',]$/g, "");
    // a name's words are capitalised; a time's "PM" and a date's digits end it
    if (!/^\p{Lu}/u.test(w) || /\d/.test(w) || /^[AP]\.?M\.?$/i.test(w)) break;
    name.unshift(w);
  }
  return name.length ? name.join(" ") : undefined;
}

/**
 * The lines of a message body regrouped by quote level, oldest (deepest) first, each under its
 * author's name as a speaker label (so each is a turn of its own) when the attribution gives one.
 */
export function chronological(body: string, author = "Sender"): string {
  const lines = body.split("\n").map(quoteDepth);
  const deepest = Math.max(0, ...lines.map((l) => l.depth));
  if (deepest === 0) return body;
  const levels: string[][] = Array.from({ length: deepest + 1 }, () => []);
  const authors: string[] = [author, ...Array.from({ length: deepest }, () => "Quoted message")];
  for (let k = 0; k < lines.length; k++) {
    const { depth, text } = lines[k]!;
    if (depth > 0 && (k === 0 || lines[k - 1]!.depth < depth)) {
      // the attribution just before a quote belongs to the quoted message, not to the quoter
      const own = levels[depth - 1]!;
      let j = own.length - 1;
      while (j >= 0 && own[j]!.trim() === "") j--;
      if (j >= 0 && isAttribution(own[j]!)) {
        authors[depth] = attributedName(own[j]!) ?? authors[depth]!;
        levels[depth]!.push(...own.splice(j), "");
      }
    }
    levels[depth]!.push(text);
  }
  // a reply written between the lines it quotes ("answering in the text") keeps them, quoted, in
  // place: its answers mean nothing without the questions they follow
  for (let d = 0; d < deepest; d++) {
    const inline = interleaved(lines, d);
    if (inline) levels[d] = inline;
  }
  const blocks: string[] = [];
  for (let d = deepest; d >= 0; d--) {
    const text = levels[d]!.join("\n").trim();
    // "X wrote:" is a speaker label in the lexicon's words, as forum quotes write it
    if (text) blocks.push(`**${authors[d]} wrote:**\n\n${text}`);
  }
  return blocks.join("\n\n");
}

/**
 * Level `d`'s lines with the level below quoted in place ("> …"), when its own text goes on after
 * a quoted block more than once (a reply answering in the text, not one quoting the whole message
 * above or below it); otherwise undefined.
 */
function interleaved(lines: { depth: number; text: string }[], d: number): string[] | undefined {
  const out: string[] = [];
  let answersAfterQuote = 0;
  let quoted = false;
  for (const { depth, text } of lines) {
    if (depth === d + 1) {
      out.push(`> ${text}`);
      quoted = true;
    } else if (depth === d) {
      if (quoted && text.trim()) {
        answersAfterQuote++;
        quoted = false;
        // (a blank line ends the quote: Markdown would carry it on over the answer)
        out.push("");
      }
      out.push(quoted && !text.trim() ? ">" : text);
    }
  }
  return answersAfterQuote >= 2 ? out : undefined;
}

export async function emailToMarkdown(text: string): Promise<string> {
  const mail = await PostalMime.parse(text);
  const from = mail.from ? mail.from.name || mail.from.address || "" : "";
  const body = (mail.text ?? "").replace(/\r\n?/g, "\n");
  const title = mail.subject ? `# ${mail.subject}\n\n` : "";
  return `${title}${chronological(body, from || "Sender")}\n`;
}
