/**
 * A saved chat page (HTML) as Markdown, through a real HTML parser (parse5, via hast) and the
 * mdast serializer: headings, emphasis, lists, code blocks and tables survive as the Markdown the
 * grader reads; scripts and styles go. Chat pages mark whose message a block is in attributes the
 * text does not show (`data-message-author-role="assistant"`, `class="msg user"`); those become
 * a speaker label at the block's start.
 */
import type { Element, ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toMdast } from "hast-util-to-mdast";
import { gfmTableToMarkdown } from "mdast-util-gfm-table";
import { toMarkdown } from "mdast-util-to-markdown";
import { speakerLabel } from "./json.js";

const ROLE_ATTRIBUTES = ["dataMessageAuthorRole", "dataRole", "dataAuthor", "dataSender"];
const ROLE_CLASSES = new Set(["user", "assistant", "human", "bot", "model", "ai"]);

/** The role an element's attributes give its message, if any. */
function roleOf(el: Element): string | undefined {
  for (const a of ROLE_ATTRIBUTES) {
    const v = el.properties[a];
    if (typeof v === "string" && v.length <= 40) return v;
  }
  const cls = el.properties.className;
  if (Array.isArray(cls)) {
    const hit = cls.find((c) => typeof c === "string" && ROLE_CLASSES.has(c.toLowerCase()));
    if (typeof hit === "string") return hit;
  }
  return undefined;
}

const labelParagraph = (role: string): Element => ({
  type: "element",
  tagName: "p",
  properties: {},
  children: [
    {
      type: "element",
      tagName: "strong",
      properties: {},
      children: [{ type: "text", value: `${speakerLabel(role)}:` }],
    },
  ],
});

/** Put a label before each outermost element that says whose message it holds (iterative walk). */
function labelMessages(root: Root): void {
  const stack: (Root | Element)[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    for (const child of node.children) {
      if (child.type !== "element") continue;
      const role = roleOf(child);
      if (role) child.children.unshift(labelParagraph(role) as ElementContent);
      else stack.push(child);
    }
  }
}

/** Whether a text is a whole HTML document rather than Markdown with some tags in it. */
export function isHtmlDocument(text: string): boolean {
  const head = text.trimStart().slice(0, 200).toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html");
}

/** How marks that plain Markdown has no syntax for are written as text the grader reads. */
const MARKS_AS_TEXT: Record<string, (inner: string) => string> = {
  sup: (t) => `^${t}`, // "10<sup>-6</sup>" → "10^-6"
  sub: (t) => `_${t}`, // "θ<sub>e</sub>" → "θ_e"
  s: (t) => `~~${t}~~`, // struck through: taken back
  del: (t) => `~~${t}~~`,
  strike: (t) => `~~${t}~~`,
};

const MARK_TAG = new RegExp(`<(${Object.keys(MARKS_AS_TEXT).join("|")})>([^<]{0,400})</\\1>`, "g");

/**
 * The same marks written as tags inside a markup's text (MediaWiki's "<s>…</s>", "10<sup>−6</sup>"),
 * innermost first: a struck span may hold a superscript.
 */
export function marksInText(text: string): string {
  let s = text;
  for (let pass = 0; pass < 3; pass++) {
    const next = s.replace(MARK_TAG, (_m, tag: string, inner: string) =>
      MARKS_AS_TEXT[tag]!(inner),
    );
    if (next === s) break;
    s = next;
  }
  return s;
}

/**
 * Superscripts, subscripts and struck-through text as text: the serializer has no syntax for the
 * first two and drops the mark, and cannot write the third at all without GFM's extension.
 */
function marksAsText(root: Root): void {
  const stack: (Root | Element)[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    node.children.forEach((child, i) => {
      if (child.type !== "element") return;
      const write = MARKS_AS_TEXT[child.tagName];
      if (write) node.children[i] = { type: "text", value: write(textContent(child)) };
      else stack.push(child);
    });
  }
}

function textContent(el: Element): string {
  return el.children
    .map((c) => (c.type === "text" ? c.value : c.type === "element" ? textContent(c) : ""))
    .join("");
}

export function htmlToMarkdown(text: string): string {
  const tree = fromHtml(text);
  labelMessages(tree);
  marksAsText(tree);
  const mdast = toMdast(tree);
  const md = toMarkdown(mdast, { extensions: [gfmTableToMarkdown()] });
  // The serializer escapes what could read as markup ("P = \[0.5; 0.5]", "d\_model"); the grader
  // reads text, not a re-rendering, so the escapes go (outside table rows, whose "\|" matter).
  return md
    .split("\n")
    .map((line) =>
      line.startsWith("|")
        ? line
        : // (a line break written as a trailing backslash is just the line's end)
          // (and a numbered line's "1\." and code's "\`")
          line
            .replace(/\\([[\]_*#~<>&`])/g, "$1")
            .replace(/^(\s*\d{1,3})\\([.)])/, "$1$2")
            .replace(/\\$/, ""),
    )
    .join("\n");
}
