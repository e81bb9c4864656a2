/**
 * A Q&A site's question page copied as text (Stack Exchange: Cross Validated, Stack Overflow …).
 * Each post ends with its action row ("Share", "Cite", "Improve this answer", "Follow"), then its
 * byline ("answered Dec 3 at 0:17", the author's name, their reputation), then its comments, one a
 * line ("… – Ben W. Dec 3 at 7:52"), closed by "Add a comment". The asker is the person, each
 * answer's author the answering side, other commenters third parties; the site's chrome around
 * the posts goes.
 */
import { words } from "../lexicon/index.js";

const QUESTION_FOOTER = new Set(words("questionFooter"));
const ANSWER_FOOTER = new Set(words("answerFooter"));
const POSTED_BY = words("postedBy");
const COMMENTS_END = new Set(words("commentsEnd"));

/** The action row's lines are single short words ("Share", "Cite", "Follow"). */
const MAX_ACTION_CHARS = 12;
/** How far below a post's footer its byline may end. */
const MAX_BYLINE_LINES = 10;

const key = (line: string) => line.trim().toLowerCase();

/** Whether a text is a copied Q&A page: a question's footer and at least one answer's. */
export function isQaPage(text: string): boolean {
  let question = 0;
  let answers = 0;
  for (const line of text.split("\n")) {
    if (line.length > 40) continue;
    if (QUESTION_FOOTER.has(key(line))) question++;
    else if (ANSWER_FOOTER.has(key(line))) answers++;
  }
  return question === 1 && answers >= 1;
}

type Post = { author: string; body: string[]; comments: { author: string; text: string }[] };

/** The author of a comment line "text – Name Dec 3 at 7:52": the words after the last dash. */
function commentOf(line: string): { author: string; text: string } {
  const dash = line.lastIndexOf(" – ");
  if (dash < 0) return { author: "", text: line.trim() };
  const tail = line.slice(dash + 3).trim();
  // the name ends where the date starts: at the first word with a digit, less a month before it
  const ws = tail.split(" ");
  let end = ws.findIndex((w) => /\d/.test(w));
  if (end < 0) end = ws.length;
  else if (end > 1 && /^\p{L}{3,10}\.?$/u.test(ws[end - 1]!)) end--;
  return {
    author: ws.slice(0, end).join(" ").replace(/♦$/, "").trim(),
    text: line.slice(0, dash).trim(),
  };
}

export function qaPageToMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const posts: Post[] = [];
  let bodyStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const k = key(lines[i]!);
    if (!QUESTION_FOOTER.has(k) && !ANSWER_FOOTER.has(k)) continue;
    // the body ends where the action row starts
    let rowStart = i;
    while (
      rowStart > bodyStart &&
      lines[rowStart - 1]!.trim() !== "" &&
      lines[rowStart - 1]!.trim().length <= MAX_ACTION_CHARS
    )
      rowStart--;
    const body = lines.slice(bodyStart, rowStart).filter((l) => !/^\s*\d+\s*$/.test(l));
    // the byline: the line after the last "asked …"/"answered …" line names the author
    let author = "";
    let j = i + 1;
    for (; j < Math.min(lines.length, i + MAX_BYLINE_LINES); j++) {
      const l = key(lines[j]!);
      if (POSTED_BY.some((w) => l.startsWith(`${w} `))) author = lines[j + 1]?.trim() ?? "";
      else if (author && l !== "" && !/\d/.test(l)) break;
    }
    // the comments, one a line, until the line that closes them ("Add a comment") or, where the
    // copy has none, the first line that is no comment ("1 Answer", the next post's text)
    const comments: Post["comments"] = [];
    let end = j;
    while (end < lines.length && !COMMENTS_END.has(key(lines[end]!))) {
      const l = lines[end]!;
      if (l.includes(" – ")) comments.push(commentOf(l));
      else if (l.trim() !== "" && comments.length) break;
      end++;
    }
    const closed = end < lines.length && COMMENTS_END.has(key(lines[end]!));
    posts.push({ author, body, comments });
    bodyStart = closed ? end + 1 : end;
    i = closed ? end : end - 1;
  }
  const asker = posts[0]?.author ?? "";
  // an answer's author speaks for the answering side in comments too
  const answerers = new Set(posts.slice(1).map((p) => p.author));
  const labelOf = (author: string) =>
    author === asker
      ? `User (${asker})`
      : answerers.has(author)
        ? `Assistant (${author})`
        : author || "Comment";
  const out: string[] = [];
  for (const p of posts) {
    out.push(`**${labelOf(p.author)}:**`, "", p.body.join("\n").trim(), "");
    for (const c of p.comments) out.push(`**${labelOf(c.author)}:**`, "", c.text, "");
  }
  return `${out.join("\n").trim()}\n`;
}
