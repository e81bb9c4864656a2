/**
 * Chat exports as JSON, turned into labelled Markdown turns. Two shapes cover what chat apps and
 * APIs write: a message tree (ChatGPT's `conversations.json`: `mapping` nodes with `parent` and
 * `children`, where regenerated replies are branches and `current_node` marks the one shown), and
 * a list of messages that each carry a role and a text in one of the usual field names (OpenAI and
 * Anthropic API logs, Claude's `chat_messages`, most bots' logs).
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
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
  return role.trim() || "Unknown";
}

/** Text of a message's content in any of the usual shapes: a string, parts, typed blocks. */
function textOf(v: Json | undefined, depth = 0): string {
  if (v === undefined || v === null || depth > 4) return "";
  if (typeof v === "string") return v;
  if (Array.isArray(v))
    return v
      .map((x) => textOf(x, depth + 1))
      .filter(Boolean)
      .join("\n\n");
  if (!isObj(v)) return "";
  // typed blocks ({"type": "text", "text": …}): images and tool calls carry no answer text
  if (typeof v.type === "string" && /image|tool|file|audio|function/.test(v.type)) return "";
  for (const k of ["text", "parts", "content", "value", "message", "body"]) {
    const t = textOf(v[k], depth + 1);
    if (t) return t;
  }
  return "";
}

/**
 * A message's role in the usual field names: "role", "author.role", "sender", "from"; or its
 * author's name, tagged as a bot when the export says so (Discord's `author.isBot`), which the
 * grader reads as the answering side ("StudyBuddy BOT").
 */
function roleOf(m: Obj): string | undefined {
  for (const k of ["role", "sender", "author", "from", "speaker", "name"]) {
    const v = m[k];
    if (typeof v === "string" && v.length <= 40) return v;
    if (!isObj(v)) continue;
    if (typeof v.role === "string") return v.role;
    const name = [v.nickname, v.name, v.username, v.display_name].find(
      (x): x is string => typeof x === "string" && x.length > 0 && x.length <= 40,
    );
    if (name) return v.isBot === true || v.bot === true ? `${name} BOT` : name;
  }
  return undefined;
}

/** ChatGPT's tree: the branch ending at `current_node` (or at the newest leaf), root first. */
function treeTurns(conv: Obj): Turn[] {
  const mapping = conv.mapping as Obj;
  const nodes = new Map<string, Obj>();
  for (const [id, n] of Object.entries(mapping)) if (isObj(n)) nodes.set(id, n);
  let end = typeof conv.current_node === "string" ? conv.current_node : undefined;
  if (!end || !nodes.has(end)) {
    let newest = Number.NEGATIVE_INFINITY;
    for (const [id, n] of nodes) {
      const kids = Array.isArray(n.children) ? n.children : [];
      const msg = isObj(n.message) ? n.message : undefined;
      const t = typeof msg?.create_time === "number" ? msg.create_time : 0;
      if (kids.length === 0 && t >= newest) {
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
    id = typeof n.parent === "string" ? n.parent : undefined;
  }
  const turns: Turn[] = [];
  for (const n of path.reverse()) {
    const msg = n.message;
    if (!isObj(msg)) continue;
    const meta = isObj(msg.metadata) ? msg.metadata : {};
    if (meta.is_visually_hidden_from_conversation === true) continue;
    const role = roleOf(msg);
    if (!role || HIDDEN_ROLES.has(role.toLowerCase())) continue;
    const text = textOf(msg.content).trim();
    if (text) turns.push({ role, text });
  }
  return turns;
}

/** The first list (depth-first, a bounded walk) whose items mostly have a role and a text. */
function messageList(root: Json): Turn[] | undefined {
  const stack: Json[] = [root];
  let visited = 0;
  while (stack.length && visited++ < 10_000) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      const objs = v.filter(isObj);
      const turns = objs
        .map((m) => ({ role: roleOf(m), text: textOf(m).trim() }))
        .filter((t): t is Turn => t.role !== undefined && t.text !== "");
      if (turns.length >= 2 && turns.length >= objs.length / 2)
        return turns.filter((t) => !HIDDEN_ROLES.has(t.role.toLowerCase()));
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]!);
    } else if (isObj(v)) {
      const vals = Object.values(v);
      for (let i = vals.length - 1; i >= 0; i--) stack.push(vals[i]!);
    }
  }
  return undefined;
}

/** Conversations in a JSON export (one or several), each a title and its turns; undefined if none. */
export function jsonConversations(text: string): { title?: string; turns: Turn[] }[] | undefined {
  let root: Json;
  try {
    root = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  const convs = Array.isArray(root) ? root : [root];
  const trees = convs.filter((c): c is Obj => isObj(c) && isObj(c.mapping));
  if (trees.length)
    return trees.map((c) => ({
      title: typeof c.title === "string" ? c.title : undefined,
      turns: treeTurns(c),
    }));
  const list = messageList(root);
  if (!list) return undefined;
  const title = isObj(root) && typeof root.title === "string" ? root.title : undefined;
  return [{ title, turns: list }];
}
