/**
 * Chat exports as JSON, turned into labelled Markdown turns. Three shapes cover what chat apps and
 * APIs write: a message tree (ChatGPT's `conversations.json`: `mapping` nodes with `parent` and
 * `children`, where regenerated replies are branches and `current_node` marks the one shown); a
 * list of messages that each carry an author and a text in one of the usual field names (Claude's
 * `chat_messages`, Slack, Telegram and Discord exports, most bots' logs), one list per conversation
 * when the file holds several; and JSON Lines of API calls, where each request repeats the history
 * and the response adds the reply.
 */

import { modelNames } from "../lexicon/index.js";
import { htmlToMarkdown } from "./html.js";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export type Turn = { role: string; text: string };

const isObj = (v: Json | undefined): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The labels the grader reads as a person and as a model, whatever the export calls them. */
const PERSON_ROLES = new Set(["user", "human", "person", "student", "you", "me", "prompter"]);
const MODEL_ROLES = new Set(["assistant", "model", "ai", "bot", "gpt", "chatbot", "system_reply"]);
const HIDDEN_ROLES = new Set(["system", "developer", "tool", "function"]);

/** The label a turn is written under: "User" or "Assistant", or the export's own name. */
export function speakerLabel(role: string): string {
  const r = role.trim().toLowerCase();
  if (PERSON_ROLES.has(r)) return "User";
  if (MODEL_ROLES.has(r)) return "Assistant";
  // an export that names its authors by number or account id (Moodle's `userid`, Skype's
  // "8:live:.cid.5e1b…"): each one participant
  if (/^\d+$/.test(r)) return `Participant ${r}`;
  if (/^[^\s]{12,}$/.test(r) && /[:@]/.test(r) && /\d/.test(r)) return `Participant ${r.slice(-4)}`;
  return role.trim() || "Unknown";
}

/**
 * Inline pieces of one message (Telegram's `text`: plain strings and `{type: "bold", text}`
 * entities), joined as they stand; a code block becomes a fenced block.
 */
const INLINE_ENTITIES = new Set([
  "plain",
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "code",
  "pre",
  "link",
  "text_link",
  "mention",
  "mention_name",
  "hashtag",
  "cashtag",
  "bot_command",
  "email",
  "phone",
  "custom_emoji",
  "blockquote",
]);

function inlineText(items: Json[]): string | undefined {
  const inline = items.every(
    (x) =>
      typeof x === "string" ||
      (isObj(x) &&
        typeof x.text === "string" &&
        typeof x.type === "string" &&
        INLINE_ENTITIES.has(x.type)),
  );
  if (!inline || !items.some((x) => typeof x !== "string")) return undefined;
  return items
    .map((x) => {
      if (typeof x === "string") return x;
      const o = x as Obj;
      const t = o.text as string;
      return o.type === "pre" ? `\n\`\`\`\n${t}\n\`\`\`\n` : o.type === "code" ? `\`${t}\`` : t;
    })
    .join("");
}

/** Text of a message's content in any of the usual shapes: a string, parts, typed blocks. */
function textOf(v: Json | undefined, depth = 0): string {
  if (v === undefined || v === null || depth > 4) return "";
  if (typeof v === "string") return v;
  if (Array.isArray(v))
    return (
      inlineText(v) ??
      v
        .map((x) => textOf(x, depth + 1))
        .filter(Boolean)
        .join("\n\n")
    );
  if (!isObj(v)) return "";
  // typed blocks ({"type": "text", "text": …}): images and tool calls carry no answer text, and
  // a thinking block is the reasoning, not the reply
  // (DeepSeek's export types its fragments in capitals: "REQUEST", "THINK", "RESPONSE")
  if (typeof v.type === "string" && /image|tool|file|audio|function|think|search/i.test(v.type))
    return "";
  // ("mes": SillyTavern's shown message; its other generations, "swipes", were not chosen;
  // "cooked": a Discourse post's HTML)
  // ("object": an ActivityStreams activity's post, as Mastodon's outbox holds them)
  for (const k of [
    "text",
    "parts",
    "content",
    "value",
    "message",
    "body",
    "mes",
    "cooked",
    "object",
    "fragments",
  ]) {
    const t = textOf(v[k], depth + 1);
    if (t) return t;
  }
  return "";
}

/**
 * A message's author in the usual field names: "role", "author.role", "sender", "from"; or its
 * author's name (Slack's `user_profile`, Discord's `author`), tagged as a bot when the export says
 * so (`author.isBot`, Slack's `bot_id`, `is_user: false`), which the grader reads as the answering
 * side ("Claude BOT").
 */
function roleOf(m: Obj): string | undefined {
  // a message made of typed fragments says by their type whose it is (DeepSeek's "REQUEST" for the
  // person's, "RESPONSE" after the model's "THINK")
  if (Array.isArray(m.fragments)) {
    const types = m.fragments.map((f) => (isObj(f) ? String(f.type).toLowerCase() : ""));
    if (types.includes("request")) return "user";
    if (types.includes("response")) return "assistant";
  }
  // a flag saying the author is not the user (SillyTavern's `is_user`) marks the answering side
  const bot = m.bot_id !== undefined || m.subtype === "bot_message" || m.is_user === false;
  for (const k of [
    "role",
    "sender",
    "sender_name",
    "senderName",
    "author",
    "creator",
    "displayName",
    "from",
    "speaker",
    "name",
    "user_profile",
    "bot_profile",
    "username",
    "user",
    "userid",
    "actor",
    "attributedTo",
  ]) {
    const v = m[k];
    if (typeof v === "string" && v.trim() && v.length <= 40) return bot ? `${v} BOT` : v;
    if (!isObj(v)) continue;
    if (typeof v.role === "string") return v.role;
    const name = [v.nickname, v.real_name, v.display_name, v.name, v.username].find(
      (x): x is string => typeof x === "string" && x.length > 0 && x.length <= 40,
    );
    if (name) return bot || v.isBot === true || v.bot === true ? `${name} BOT` : name;
  }
  return undefined;
}

/** Where a message names the message it answers, and where a conversation names the one shown. */
const PARENT_KEYS = [
  "parent",
  "parentId",
  "parent_id",
  "parentMessageId",
  "parent_message_id",
  "parent_message_uuid",
];
const CURRENT_KEYS = ["current_node", "currentId", "current_leaf_message_uuid", "currentMessageId"];
const ID_KEYS = ["id", "uuid", "messageId", "message_id"];

type MessageTree = { nodes: Map<string, Obj>; current?: string };

/**
 * A conversation's messages as a tree, when they link to their parents: ChatGPT's `mapping`
 * (nodes holding a `message`), Open WebUI's `history.messages` with `currentId`, a list whose
 * items carry their own id and their parent's (Claude's `parent_message_uuid`, LibreChat's
 * `parentMessageId`) with the id of the message shown. Regenerated replies are siblings there;
 * undefined for a flat list.
 */
function messageTree(conv: Obj): MessageTree | undefined {
  const stringAt = (o: Obj, keys: string[]) =>
    keys.map((k) => o[k]).find((x): x is string => typeof x === "string" && x !== "");
  const linked = (n: Json): n is Obj => isObj(n) && PARENT_KEYS.some((k) => k in n);
  // the conversation and the objects inside it, breadth first and bounded (Open WebUI keeps the
  // tree in `chat.history`)
  const holders: Obj[] = [conv];
  for (let i = 0; i < holders.length && i < 64; i++)
    for (const v of Object.values(holders[i]!))
      if (isObj(v) && holders.length < 64) holders.push(v);
  for (const holder of holders) {
    for (const v of Object.values(holder)) {
      const entries: [string | undefined, Json][] = Array.isArray(v)
        ? v.map((n) => [isObj(n) ? stringAt(n, ID_KEYS) : undefined, n])
        : isObj(v)
          ? Object.entries(v)
          : [];
      if (entries.length < 2 || !entries.every(([id, n]) => id !== undefined && linked(n)))
        continue;
      const nodes = new Map(entries as [string, Obj][]);
      const current = stringAt(holder, CURRENT_KEYS) ?? stringAt(conv, CURRENT_KEYS);
      // (a forum's replies link to their parents too, and every one of them is shown: a branch
      // is chosen only where the export names the message shown, or in ChatGPT's `mapping`)
      if (current !== undefined || v === conv.mapping) return { nodes, current };
    }
  }
  return undefined;
}

/** A tree's branch ending at the message shown (or at the newest leaf), root first. */
function treeTurns({ nodes, current }: MessageTree): Turn[] {
  const messageOf = (n: Obj) => (isObj(n.message) ? n.message : n);
  const parentOf = (n: Obj) =>
    PARENT_KEYS.map((k) => n[k]).find((x): x is string => typeof x === "string");
  let end = current && nodes.has(current) ? current : undefined;
  if (!end) {
    const parents = new Set([...nodes.values()].map(parentOf));
    let newest = Number.NEGATIVE_INFINITY;
    for (const [id, n] of nodes) {
      const t = timeOf(messageOf(n)) ?? 0;
      if (!parents.has(id) && t >= newest) {
        newest = t;
        end = id;
      }
    }
  }
  const path: Obj[] = [];
  const seen = new Set<string>();
  for (let id = end; id && nodes.has(id) && !seen.has(id); ) {
    seen.add(id);
    const n = nodes.get(id)!;
    path.push(n);
    id = parentOf(n);
  }
  const turns: Turn[] = [];
  for (const n of path.reverse()) {
    // (ChatGPT's root node holds no message: no role, no turn)
    const msg = messageOf(n);
    const meta = isObj(msg.metadata) ? msg.metadata : {};
    if (meta.is_visually_hidden_from_conversation === true) continue;
    const role = roleOf(msg);
    if (!role || HIDDEN_ROLES.has(role.toLowerCase())) continue;
    const text = messageText(msg);
    if (text) turns.push({ role, text });
  }
  return turns;
}

/** A message's text and the text of the files pasted into it (Claude's `extracted_content`). */
function messageText(m: Obj): string {
  const pasted = Array.isArray(m.attachments)
    ? m.attachments.flatMap((a) =>
        isObj(a) && typeof a.extracted_content === "string" ? [a.extracted_content.trim()] : [],
      )
    : [];
  return [textOf(m).trim(), ...pasted, ...leftOut(m)].filter(Boolean).join("\n\n");
}

/** A message's media field that names a file, not its content (Telegram's "photo"). */
const MEDIA_KEYS = ["photo", "file", "video_file", "voice_message", "image"];

/**
 * The notes of a message's media that the text does not hold, in the shape an export's note of a
 * left-out attachment has ("<photo: (File not included. …)>", "<photo: photo_3@07-12-2025.jpg>"):
 * a picture of an answer is an answer nobody can read here.
 */
function leftOut(m: Obj): string[] {
  return MEDIA_KEYS.flatMap((k) => {
    const v = m[k];
    if (typeof v !== "string" || !v.trim()) return [];
    const name = v
      .slice(v.lastIndexOf("/") + 1)
      .replace(/[<>="\\]/g, "")
      .slice(0, 120);
    return [`<${k}: ${name}>`];
  });
}

/** A message's time in the usual field names, as a number that orders messages, if it has one. */
function timeOf(m: Obj): number | undefined {
  for (const k of [
    "timestamp_ms",
    "timestamp",
    "origin_server_ts",
    "originalarrivaltime",
    "create_time",
    "created_at",
    "date",
    "ts",
    "time",
  ]) {
    const v = m[k];
    if (typeof v === "number") return v;
    if (typeof v === "string") {
      const t = /^\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v);
      if (Number.isFinite(t)) return t;
    }
  }
  return undefined;
}

/**
 * The turns of a list whose items mostly have an author and a text, if it is one, oldest first
 * (Facebook's and Instagram's exports list the newest message first).
 */
function listTurns(v: Json[]): Turn[] | undefined {
  const objs = v.filter(isObj);
  const times = objs.map(timeOf);
  let falls = 0;
  let rises = 0;
  for (let i = 1; i < times.length; i++) {
    const [a, b] = [times[i - 1], times[i]];
    if (a === undefined || b === undefined) continue;
    if (b < a) falls++;
    else if (b > a) rises++;
  }
  if (falls > rises) objs.reverse();
  const turns = objs
    .map((m) => ({ role: roleOf(m), text: messageText(m) }))
    .filter((t): t is Turn => t.role !== undefined && t.text !== "");
  if (turns.length < 2 || turns.length < objs.length / 2) return undefined;
  return turns.filter((t) => !HIDDEN_ROLES.has(t.role.toLowerCase()));
}

/** The first list (depth-first, a bounded walk) whose items mostly have a role and a text. */
function messageList(root: Json): Turn[] | undefined {
  const stack: Json[] = [root];
  let visited = 0;
  while (stack.length && visited++ < 10_000) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      const turns = listTurns(v);
      if (turns) return turns;
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]!);
    } else if (isObj(v)) {
      const vals = Object.values(v);
      for (let i = vals.length - 1; i >= 0; i--) stack.push(vals[i]!);
    }
  }
  return undefined;
}

/**
 * Slack's code blocks open and close on the text's own lines ("```x = 1```"); Markdown needs the
 * fences on lines of their own.
 */
function fencesOnOwnLines(text: string): string {
  const pieces = text.split("```");
  if (pieces.length < 3) return text;
  let out = pieces[0]!;
  for (let i = 1; i < pieces.length; i++) {
    const inside = i % 2 === 1;
    const piece = pieces[i]!;
    if (!out.endsWith("\n") && out !== "") out += "\n";
    out += inside
      ? `\`\`\`\n${piece.replace(/^\n/, "")}`
      : `\`\`\`${piece.startsWith("\n") ? "" : "\n"}${piece}`;
    if (inside && !out.endsWith("\n")) out += "\n";
  }
  return out;
}

/** Slack writes `<@U07ABC>` for a mention and escapes `&`, `<` and `>`: the names, the signs. */
function slackText(turns: Turn[], messages: Json[]): Turn[] {
  const names = new Map<string, string>();
  for (const m of messages)
    if (isObj(m) && typeof m.user === "string") {
      const name = roleOf(m);
      if (name) names.set(m.user, name.replace(/ BOT$/, ""));
    }
  return turns.map((t) => ({
    role: t.role,
    text: fencesOnOwnLines(t.text)
      .replace(/<@([A-Z0-9]{2,20})>/g, (_all, id: string) => `@${names.get(id) ?? id}`)
      .replaceAll("&gt;", ">")
      .replaceAll("&lt;", "<")
      .replaceAll("&amp;", "&"),
  }));
}

/** A reply that is one JSON object ("respond only with JSON"): its fields as labelled lines. */
function jsonAnswer(text: string): string {
  const t = text.trim();
  if (!t.startsWith("{") || !t.endsWith("}")) return text;
  let v: Json;
  try {
    v = JSON.parse(t) as Json;
  } catch {
    return text;
  }
  if (!isObj(v)) return text;
  const out: string[] = [];
  // the top level's objects are labelled blocks (a part each); deeper ones name their fields
  // by path ("task loss → theta e: ☒"), so that a row stays with its cells
  const walk = (o: Obj, depth: number, path: string) => {
    for (const [k, x] of Object.entries(o)) {
      const key = `${path}${k.replaceAll("_", " ")}`;
      if (isObj(x) && depth === 0) {
        out.push("", `**${k}:**`, "");
        walk(x, 1, "");
      } else if (isObj(x) && depth < 4) walk(x, depth + 1, `${key} → `);
      else {
        // a flag reads as a box, ticked or not ("theta_e": true)
        const value =
          typeof x === "string" ? x : typeof x === "boolean" ? (x ? "☒" : "☐") : JSON.stringify(x);
        out.push(`${key}: ${value}`, "");
      }
    }
  };
  walk(v, 0, "");
  return out.join("\n").trim();
}

/**
 * API calls logged one JSON object a line: each request repeats the conversation so far and the
 * response adds the reply, so a turn seen before is not repeated.
 */
function apiLogTurns(records: Json[]): Turn[] {
  const seen = new Set<string>();
  const turns: Turn[] = [];
  for (const r of records) {
    const stack: Json[] = [r];
    const found: Turn[] = [];
    while (stack.length) {
      const v = stack.pop()!;
      if (isObj(v)) {
        // an API message ({role, content}) or a chat export's post ({user, message}, Mattermost)
        const api = typeof v.role === "string";
        const role = api ? (v.role as string) : roleOf(v);
        const text = !role ? "" : api ? textOf(v.content).trim() : messageText(v);
        if (role && text) {
          found.push({ role, text });
          // a post's thread replies come after it
          for (const x of Object.values(v))
            if (Array.isArray(x) && x.some(isObj))
              for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]!);
          continue;
        }
        const vals = Object.values(v);
        for (let i = vals.length - 1; i >= 0; i--) stack.push(vals[i]!);
      } else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]!);
    }
    for (const t of found) {
      const key = `${t.role}\u0000${t.text}`;
      if (seen.has(key) || HIDDEN_ROLES.has(t.role.toLowerCase())) continue;
      seen.add(key);
      turns.push(t);
    }
  }
  return turns;
}

/** Objects one a line (JSON Lines), when most non-blank lines are one. */
function jsonLines(text: string): Json[] | undefined {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length < 2) return undefined;
  const records: Json[] = [];
  for (const l of lines) {
    try {
      records.push(JSON.parse(l) as Json);
    } catch {
      // a torn last line or a comment: the rest still reads
    }
  }
  return records.length >= lines.length / 2 && records.every(isObj) ? records : undefined;
}

export type Conversation = { title?: string; turns: Turn[] };

/** A message written in HTML (Skype's RichText, Moodle's posts): closing tags of its markup. */
export function looksLikeHtml(text: string): boolean {
  return /<\/(?:b|i|p|pre|a|div|span|strong|em|li|code)>|<br\s*\/?>/i.test(text.slice(0, 20000));
}

/**
 * Conversations as the Markdown transcript the grader reads — a title heading, each turn under
 * its speaker's label (a message in HTML as Markdown), conversations apart by rules — or
 * undefined when there are no turns.
 */
export function conversationsMarkdown(convs: Conversation[] | undefined): string | undefined {
  if (!convs?.some((c) => c.turns.length)) return undefined;
  const render = (t: string) => (looksLikeHtml(t) ? htmlToMarkdown(t).trim() : t);
  return convs
    .map((c) =>
      [
        c.title ? `# ${c.title}` : "",
        ...c.turns.map((t) =>
          forum(c.turns) && t.role !== c.turns[0]!.role
            ? `**Reply:** ${speakerLabel(t.role)}\n\n${render(t.text)}`
            : `**${speakerLabel(t.role)}:**\n\n${render(t.text)}`,
        ),
      ]
        .filter(Boolean)
        .join("\n\n"),
    )
    .join("\n\n---\n\n")
    .concat("\n");
}

/**
 * Whether turns are a forum thread: three or more authors, none of them a model, a bot or the
 * export's marked user. The
 * first author asks; everyone else's posts then go under one "Reply" label, the answering side,
 * since a name that posts once is no recurring speaker (the grader's cue for one).
 */
function forum(turns: Turn[]): boolean {
  const authors = new Set(turns.map((t) => t.role.trim().toLowerCase()));
  if (authors.size < 3) return false;
  // (a group where someone pastes a model's replies, each under the model's name, "Qwen3-Max" /
  // "Thinking completed" / …, "Grok: …", is a relayed chat: the replies are the model's, the
  // group's posts remarks on them)
  if (turns.some((t) => pastedReply(t.text))) return false;
  return [...authors].every((a) => {
    const label = speakerLabel(a).toLowerCase();
    // (an export that marks its user's side, "User", is a chat with a known person)
    return (
      label !== "assistant" &&
      label !== "user" &&
      !/\bbot\b/.test(label) &&
      !modelNames.some((m) => label === m || label.startsWith(`${m} `) || label.startsWith(`${m}-`))
    );
  });
}

/** A message opening with a model's name as its own label: "Qwen3-Max" alone, "Grok: …". */
function pastedReply(text: string): boolean {
  const first = text.trimStart().split("\n", 1)[0]!.trim().toLowerCase();
  return modelNames.some(
    (m) =>
      first.startsWith(m) &&
      (first.length === m.length ||
        /^(?:[-\s]?[\d.]+[\w.-]*)?(?:\s*:|$)/.test(first.slice(m.length))),
  );
}

const titleOf = (v: Json): string | undefined =>
  isObj(v)
    ? ([v.title, v.name].find((x) => typeof x === "string") as string | undefined)
    : undefined;

/** Conversations in a JSON export (one or several), each a title and its turns; undefined if none. */
export function jsonConversations(text: string): Conversation[] | undefined {
  let root: Json;
  try {
    root = JSON.parse(text) as Json;
  } catch {
    const records = jsonLines(text);
    return records && apiLogConversation(records);
  }
  // API calls logged as one JSON array: each record's request repeats the history, its response
  // adds the reply (or the array under a log's own header: {"tool": …, "records": [calls]})
  if (Array.isArray(root) && root.length > 1 && root.every(isApiCall))
    return apiLogConversation(root);
  const logged = isObj(root)
    ? Object.values(root).find(
        (v): v is Json[] => Array.isArray(v) && v.length > 0 && v.every(isApiCall),
      )
    : undefined;
  if (logged) return apiLogConversation(logged);
  return treeConversations(root);
}

/**
 * An application's log with the API's JSON bodies printed in it (a request's messages, a
 * response's choices), each body starting with "{" at a line's start: the calls as one
 * conversation; undefined unless both a request and a reply are found.
 */
export function loggedBodiesConversation(text: string): Conversation[] | undefined {
  const records: Json[] = [];
  let start = -1;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (start < 0) {
      if (c === "{" && (i === 0 || text[i - 1] === "\n")) {
        start = i;
        depth = 1;
      }
      continue;
    }
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) {
      try {
        records.push(JSON.parse(text.slice(start, i + 1)) as Json);
      } catch {
        // not JSON after all: a brace in the log's prose
      }
      start = -1;
    }
  }
  const convs = apiLogConversation(records);
  const roles = new Set(convs?.[0]?.turns.map((t) => t.role));
  return roles.has("user") && roles.has("assistant") ? convs : undefined;
}

/** Logged API calls as one conversation, each reply a JSON answer read as text; undefined if none. */
function apiLogConversation(records: Json[]): Conversation[] | undefined {
  const turns = apiLogTurns(records);
  return turns.length
    ? [{ turns: turns.map((t) => ({ ...t, text: jsonAnswer(t.text) })) }]
    : undefined;
}

/** A logged API call: an object holding a list of messages and, beside it, the reply's choices. */
function isApiCall(v: Json): boolean {
  if (!isObj(v)) return false;
  const has = (o: Json, key: string, depth: number): boolean =>
    isObj(o) &&
    (Array.isArray(o[key]) || (depth > 0 && Object.values(o).some((x) => has(x, key, depth - 1))));
  return has(v, "messages", 2) && (has(v, "choices", 2) || has(v, "output", 2));
}

/**
 * Conversations in an export already parsed into plain objects (JSON, or XML and YAML parsed the
 * same way); undefined if none.
 */
export function treeConversations(root: Json): Conversation[] | undefined {
  const convs = Array.isArray(root) ? root : [root];
  const found: Conversation[] = convs.flatMap((c) => {
    const tree = isObj(c) ? messageTree(c) : undefined;
    return tree ? [{ title: titleOf(c), turns: treeTurns(tree) }] : [];
  });
  if (!found.length) {
    // an evaluation run's records: a question and the model's answer in each
    const records = questionAnswerRecords(root);
    if (records) return [{ title: titleOf(root), turns: records }];
    // a list of messages at the top, or conversations that each hold one
    const top = Array.isArray(root) ? listTurns(root) : undefined;
    const each = top ? [] : convs.map((c) => ({ title: titleOf(c), turns: messageList(c) }));
    if (top) found.push({ title: undefined, turns: slackText(top, root as Json[]) });
    else if (each.length > 1 && each.every((c) => c.turns)) found.push(...(each as Conversation[]));
    else {
      const list = messageList(root);
      if (!list) return undefined;
      found.push({ title: titleOf(root), turns: list });
    }
  }
  return found.map((c) => ({
    title: c.title && utf8FromLatin1(c.title),
    turns: c.turns.map((t) => ({
      role: utf8FromLatin1(t.role),
      text: jsonAnswer(utf8FromLatin1(t.text)),
    })),
  }));
}

/** Fields that hold the question put to a model, and the model's own answer, in eval dumps. */
const QUESTION_KEYS = ["question", "prompt", "input", "query", "instruction", "problem"];
const ANSWER_KEYS = [
  "model_answer",
  "response",
  "output",
  "completion",
  "prediction",
  "generation",
  "model_output",
  "answer",
];
/** Fields that name the part a record asks about. */
const PART_KEYS = ["part", "part_id", "question_id", "task"];

/**
 * An evaluation harness's records (lm-eval, evalkit, a CSV turned YAML): a list of objects each
 * with a question and the model's answer; undefined when the tree holds no such list. A field
 * derived from the answer ("extracted_answer") or the reference ("target", "gold") is not the
 * model's answer and is left out.
 */
function questionAnswerRecords(root: Json): Turn[] | undefined {
  const lists: Json[][] = [];
  const visit = (v: Json, depth: number) => {
    if (Array.isArray(v)) lists.push(v);
    else if (isObj(v) && depth < 2) for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(root, 0);
  const field = (o: Obj, keys: string[]) =>
    keys.map((k) => o[k]).find((x): x is string => typeof x === "string" && x.trim() !== "");
  for (const list of lists) {
    const recs = list.filter(isObj);
    if (recs.length < 2 || recs.length < list.length) continue;
    if (!recs.every((r) => field(r, QUESTION_KEYS) && field(r, ANSWER_KEYS))) continue;
    return recs.flatMap((r) => {
      const part = field(r, PART_KEYS) ?? (typeof r.part === "number" ? String(r.part) : undefined);
      const q = field(r, QUESTION_KEYS)!.trim();
      return [
        { role: "user", text: part ? `Part ${part}: ${q}` : q },
        { role: "assistant", text: field(r, ANSWER_KEYS)!.trim() },
      ];
    });
  }
  return undefined;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Text whose UTF-8 bytes were written one escape a byte ("l\u00c3\u00a1" for "lá", as Facebook's
 * and Instagram's exports do) read as the characters meant. Only text of code points below 256
 * that decodes as strict UTF-8 with at least one multi-byte sequence changes.
 */
function utf8FromLatin1(text: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf]/.test(text) || /[\u0100-\u{10ffff}]/u.test(text))
    return text;
  try {
    return STRICT_UTF8.decode(Uint8Array.from(text, (c) => c.charCodeAt(0)));
  } catch {
    return text;
  }
}
