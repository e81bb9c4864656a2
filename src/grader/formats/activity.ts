/**
 * Google Takeout's "My Activity" page for a chat product (Gemini Apps, Bard), read from its
 * Markdown: one card an exchange — the product's name, "Prompted" and the person's words, the
 * time, the reply, then "Products:" and "Why is this here?" — newest first. Each card becomes the
 * person's turn and the model's, oldest first.
 */

const PROMPTED = /^Prompted\s+/;
/** The card's time line: "Dec 3, 2025, 10:38:27 PM PKT". */
const WHEN =
  /^([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}, \d{1,2}:\d{2}(?::\d{2})?\s?[AP]M)(?:\s+[A-Z]{2,5}[+-]?\d{0,4})?\s*$/;
const CARD_END = /^\*\*Products:\*\*|^\*\*Why is this here\?\*\*/;

/** The exchanges of an activity page, oldest first, or undefined when the text is not one. */
export function activityToMarkdown(markdown: string): string | undefined {
  const lines = markdown.split("\n");
  if (lines.filter((l) => PROMPTED.test(l)).length < 2) return undefined;
  type Card = { time: number; order: number; prompt: string[]; reply: string[] };
  const cards: Card[] = [];
  let card: Card | undefined;
  let inReply = false;
  let inFooter = false;
  for (const line of lines) {
    if (PROMPTED.test(line)) {
      card = {
        time: Number.NaN,
        order: cards.length,
        prompt: [line.replace(PROMPTED, "")],
        reply: [],
      };
      cards.push(card);
      inReply = false;
      inFooter = false;
      continue;
    }
    if (!card || inFooter) continue;
    const when = WHEN.exec(line.trim());
    if (!inReply && when) {
      card.time = Date.parse(when[1]!.replace(/, (\d{1,2}:)/, " $1"));
      inReply = true;
      continue;
    }
    if (CARD_END.test(line.trim())) {
      inFooter = true;
      continue;
    }
    (inReply ? card.reply : card.prompt).push(line);
  }
  if (cards.length < 2) return undefined;
  // newest first on the page; by time when every card has one, else the page's order reversed
  const timed = cards.every((c) => Number.isFinite(c.time));
  cards.sort((a, b) => (timed ? a.time - b.time : b.order - a.order));
  return `${cards
    .map(
      (c) =>
        `**User:**\n\n${c.prompt.join("\n").trim()}\n\n**Assistant:**\n\n${c.reply.join("\n").trim()}`,
    )
    .join("\n\n")}\n`;
}
