/**
 * Google Takeout's "My Activity" page for a chat product (Gemini Apps, Bard), read from its
 * Markdown: one card an exchange — the product's name, the person's words after the page's field
 * word ("Prompted", "プロンプト:", "Prompt eingegeben:"), the time, the reply, then the page's own
 * fields ("**Products:**", "**Why is this here?**") — newest first. The page is localised, so the
 * card is read by its shape, not its words: the time line anchors each card, the product's name
 * (the line every card opens with) ends the previous card's fields, and the field lines are the
 * bold lines every card repeats. Each card with a reply becomes the person's turn and the
 * model's, oldest first; a card without one (feedback given) goes.
 */
import { isTimestamp } from "../speakers.js";

type Card = { time: number; order: number; prompt: string[]; reply: string[] };

/** A page field's name on its own line: "**Products:**", "**Warum ist das hier?**". */
const FIELD = /^\*\*[^*]{1,40}[:：?？]\*\*$/;

/** The exchanges of an activity page, oldest first, or undefined when the text is not one. */
export function activityToMarkdown(markdown: string): string | undefined {
  const lines = markdown.split("\n").map((l) => l.trim());
  const stamps = lines.flatMap((l, i) => (isTimestamp(l) ? [i] : []));
  if (stamps.length < 2) return undefined;
  // (counted once: a count per line would be quadratic in a long page)
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  const count = (text: string) => counts.get(text) ?? 0;
  // the product's name opens every card; the fields close every card
  const product = lines.find((l) => l !== "" && count(l) >= stamps.length);
  const fields = new Set(lines.filter((l) => FIELD.test(l) && count(l) >= stamps.length));
  if (!product || fields.size === 0) return undefined;
  const cards: Card[] = [];
  for (const [k, at] of stamps.entries()) {
    // the card opens after the last line naming the product before its time line
    let open = at - 1;
    while (open > (stamps[k - 1] ?? -1) && lines[open] !== product) open--;
    if (lines[open] !== product) return undefined;
    // (to the card's fields, or at most to the next card's time: each line is walked once)
    const next = stamps[k + 1] ?? lines.length;
    let close = at + 1;
    while (close < next && !fields.has(lines[close]!)) close++;
    const reply = lines.slice(at + 1, close);
    cards.push({
      time: Date.parse(lines[at]!.replace(/, (\d{1,2}:)/, " $1")),
      order: k,
      prompt: lines.slice(open + 1, at),
      reply,
    });
  }
  const exchanges = cards.filter((c) => c.reply.some((l) => l !== ""));
  if (exchanges.length === 0) return undefined;
  stripFieldWord(exchanges);
  // newest first on the page; by time when every card has one, else the page's order reversed
  const timed = exchanges.every((c) => Number.isFinite(c.time));
  exchanges.sort((a, b) => (timed ? a.time - b.time : b.order - a.order));
  return `${exchanges
    .map(
      (c) =>
        `**User:**\n\n${c.prompt.join("\n").trim()}\n\n**Assistant:**\n\n${c.reply.join("\n").trim()}`,
    )
    .join("\n\n")}\n`;
}

/**
 * The page's field word before each prompt ("Prompted ", "プロンプト: "): what the prompts' first
 * lines share up to a space, when two or more prompts share it.
 */
function stripFieldWord(cards: Card[]): void {
  const firsts = cards.map((c) => c.prompt.find((l) => l !== "") ?? "");
  if (firsts.length < 2) return;
  let n = 0;
  while (n < firsts[0]!.length && firsts.every((f) => f[n] === firsts[0]![n])) n++;
  // (the page puts a no-break space after the word as often as a space)
  while (n > 0 && !/\s/.test(firsts[0]![n - 1]!)) n--;
  const word = firsts[0]!.slice(0, n);
  if (!word.trim()) return;
  for (const c of cards) {
    const i = c.prompt.findIndex((l) => l !== "");
    c.prompt[i] = c.prompt[i]!.slice(word.length);
  }
}
