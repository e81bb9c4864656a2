/**
 * A social-media thread copied from its page (X/Twitter, Threads, Bluesky, Mastodon): each post
 * opens with its author's display name over their @handle, then a "·" and the date; after the
 * text come the page's words ("Translate post", "Show more") and the post's counters (replies,
 * reposts, likes, views: "3", "4.9K"). The author becomes a speaker label, the page's words and
 * counters go. The thread's author (the first post's) is the one answering; the other people's
 * posts all go under one label, "Reply", as the other side of the conversation.
 */

const HANDLE = /^@[A-Za-z0-9_.]{1,40}(?:@[A-Za-z0-9.-]{1,60})?$/;
/** A counter line: "3", "4.9K", "18.2K", "1,204", "12 Views". */
const COUNTER = /^\s*\d[\d.,]{0,8}\s?[KkMm]?\s*(?:Views?|Likes?|Reposts?|Replies|Quotes?)?\s*$/;
/** The page's own lines around a post, in the languages such pages show. */
const PAGE_WORDS = new Set([
  "·",
  "views",
  "translate post",
  "show more",
  "show translation",
  "post",
  "see new posts",
  "conversation",
  "quote",
  "show replies",
  "show more replies",
  "discover more",
  "relevant people",
  "follow",
]);
/** A date or time line after the handle: "Nov 30", "9:02 PM · Nov 30, 2025", "2h", "30 nov". */
const WHEN =
  /^(?:\d{1,2}:\d{2}\s?(?:[AP]M)?\s?·\s?)?(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?|\d{1,2} [a-zé]{3,9}\.?(?: \d{4})?|\d{1,2}[smhd])$/;

/** Whether a text is a copied thread: several display names over @handles. */
export function isSocialThread(text: string): boolean {
  const lines = text.slice(0, 200_000).split("\n");
  let posts = 0;
  for (let i = 1; i < lines.length && posts < 3; i++)
    if (HANDLE.test(lines[i]!.trim()) && isName(lines[i - 1]!)) posts++;
  return posts >= 3;
}

const isName = (line: string) => {
  const t = line.trim();
  return t.length > 0 && t.length <= 50 && !HANDLE.test(t) && !/[.!?:]$/.test(t);
};

export function socialThreadToMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let header = false;
  /** The thread's author (the first post's handle): the others' replies are quoted comments. */
  let author: string | undefined;
  let quoted = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    const next = lines[i + 1]?.trim() ?? "";
    if (isName(t) && HANDLE.test(next)) {
      author ??= next;
      quoted = next !== author;
      // (one label for every reply: a label that recurs is a speaker's)
      out.push("", quoted ? `**Reply:** ${t} (${next})` : `**${t} (${next}):**`);
      i++;
      header = true;
      continue;
    }
    // between the handle and the text: "·", the date, "Replying to @x"
    if (header && (PAGE_WORDS.has(t.toLowerCase()) || WHEN.test(t) || /^Replying to @/.test(t)))
      continue;
    header = false;
    if (PAGE_WORDS.has(t.toLowerCase()) || COUNTER.test(t) || WHEN.test(t)) continue;
    out.push(lines[i]!);
  }
  return `${out.join("\n").trim()}\n`;
}
