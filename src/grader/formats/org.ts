/**
 * An Org-mode file (Emacs) as Markdown: `*` headings become `#` headings (their TODO/DONE
 * keyword dropped), `#+begin_src`/`#+begin_example` blocks become fenced code, other `#+KEYWORD:`
 * lines (title, options) go, and `=code=`/`~code~` become inline code. Lists and `[X]` checkboxes
 * are already Markdown's.
 */

const TODO_KEYWORDS = new Set(["TODO", "DONE", "NEXT", "WAITING", "CANCELLED", "CANCELED"]);

/** Whether a text is Org: a `#+TITLE:`-style keyword line or a `* ` heading with an Org block. */
export function isOrg(text: string, fileName?: string): boolean {
  if (fileName?.toLowerCase().endsWith(".org")) return true;
  const head = text.trimStart().slice(0, 200);
  return /^#\+(title|author|startup|options):/im.test(head);
}

export function orgToMarkdown(text: string): string {
  const out: string[] = [];
  let inBlock = false;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const lower = line.trim().toLowerCase();
    if (lower.startsWith("#+begin_")) {
      const lang = line.trim().split(/\s+/)[1] ?? "";
      out.push(lower.startsWith("#+begin_src") ? `\`\`\`${lang}` : "```");
      inBlock = true;
      continue;
    }
    if (lower.startsWith("#+end_")) {
      out.push("```");
      inBlock = false;
      continue;
    }
    if (inBlock) {
      out.push(line);
      continue;
    }
    if (lower.startsWith("#+")) continue;
    let stars = 0;
    while (line[stars] === "*") stars++;
    if (stars > 0 && line[stars] === " ") {
      const words = line
        .slice(stars + 1)
        .trim()
        .split(/\s+/);
      if (TODO_KEYWORDS.has(words[0]!)) words.shift();
      out.push(`${"#".repeat(Math.min(stars, 6))} ${words.join(" ")}`);
      continue;
    }
    out.push(line.replace(/(^|[\s(])[=~]([^=~\n]{1,200})[=~](?=$|[\s.,;:)])/g, "$1`$2`"));
  }
  return `${out.join("\n")}\n`;
}
