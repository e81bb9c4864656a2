/**
 * A reStructuredText write-up as Markdown. Its section titles (underlined) and lists already read
 * as Markdown's; what does not is inline roles and directives: `:math:`D_{KL}(P\|Q)`` becomes
 * `$D_{KL}(P\|Q)$` (a formula the grader reads, not code it skips), other roles keep their text,
 * a directive line (`.. note::`, `.. math::`) becomes its name in bold and its options go.
 * A line scanner: linear in the text.
 */

/** Whether a text is reStructuredText: an `.rst` name, or directives and roles near its start. */
export function isRst(text: string, fileName?: string): boolean {
  if (/\.(rst|rest)$/i.test(fileName ?? "")) return true;
  const head = text.slice(0, 20000);
  return /^\.\. [\w-]{1,30}::/m.test(head) && /:[\w-]{1,20}:`[^`\n]{1,200}`/.test(head);
}

export function rstToMarkdown(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const directive = /^\.\. ([\w-]{1,30})::\s*(.*)$/.exec(line);
    if (directive) {
      const [, name, arg] = directive;
      out.push(name === "math" && arg ? `$$${arg}$$` : `**${name}:** ${arg}`.trimEnd());
      continue;
    }
    // a directive's options (":label: eq1") and comments ("..") are no text
    if (/^\s+:[\w-]{1,30}:( |$)/.test(line) || /^\.\.\s*$/.test(line)) continue;
    out.push(
      line
        .replace(/:math:`([^`\n]{1,400})`/g, "$$$1$$")
        .replace(/:[\w-]{1,20}:`([^`\n]{1,400})`/g, "$1"),
    );
  }
  return `${out.join("\n")}\n`;
}
