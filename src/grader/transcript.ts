/**
 * Read a chat transcript (Markdown or text) into who said what and which part each model answer
 * belongs to. Turn structure: a timestamp line closes each message, so text between an odd and an
 * even timestamp is the model's, and text after a model's closing timestamp (commentary, the next
 * prompt) is the person's. "Thought process:" opens the model's hidden reasoning, which ends where
 * the formatted answer starts. Explicit role lines ("User:", "Assistant:", "ChatGPT said:") work too.
 * A part answered in several turns counts by its last one.
 */
import type { Part, ProblemSet } from "../problems/schema.js";

export type Role = "person" | "model" | "thinking" | "unknown";

/** A run of lines with one speaker. Offsets index the original text; `line` is 1-based. */
export type Segment = { role: Role; turn: number; start: number; end: number; line: number };

/** One span of model text answering a part. */
export type PartAnswer = {
  partId: string;
  text: string;
  start: number;
  end: number;
  line: number;
  turn: number;
  role: Role;
  /** `text` with the part heading ("## Part (c)", "(ii)") blanked, for reading the answer. */
  body: string;
  /** The span's heading named several parts ("(d)" for (d)(i) and (d)(ii)). */
  shared?: boolean;
  /** Every span of the counted turn, joined: where the reasons are read when `body` is its last answer. */
  whole?: string;
};

export type ParsedTranscript = {
  text: string;
  segments: Segment[];
  /** Every span answering each part, in order. */
  spans: PartAnswer[];
  /** The counted answer per part: all spans of the last turn that answered it, joined. */
  final: Map<string, PartAnswer>;
  warnings: string[];
};

/** Input that cannot be read as a transcript at all. */
export class TranscriptError extends Error {}

/** Largest transcript accepted (characters). */
export const MAX_TRANSCRIPT_CHARS = 32 * 1024 * 1024;

/** Reject empty, binary or oversized input with a specific reason. */
export function checkTranscriptText(text: string): void {
  if (text.length > MAX_TRANSCRIPT_CHARS) {
    throw new TranscriptError(
      `transcript is too large (${text.length} characters; at most ${MAX_TRANSCRIPT_CHARS})`,
    );
  }
  if (text.trim().length === 0) throw new TranscriptError("transcript is empty");
  const head = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0)
      throw new TranscriptError(`input looks binary (a NUL byte at offset ${i}), not a transcript`);
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 27) control++;
  }
  if (control > head.length * 0.05) {
    throw new TranscriptError(
      `input looks binary (${control} control or undecodable characters in the first ${head.length}), not a transcript`,
    );
  }
}

type Line = { text: string; start: number; end: number; no: number };

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  let no = 1;
  while (start <= text.length) {
    let nl = text.indexOf("\n", start);
    if (nl < 0) nl = text.length;
    out.push({ text: text.slice(start, nl).replace(/\r$/, ""), start, end: nl, no });
    start = nl + 1;
    no++;
    if (nl === text.length) break;
  }
  return out;
}

const TIMESTAMP =
  /^\s*[*_]*\s*(?:\d{1,2}\/\d{1,2}\/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]\.?M\.?)?|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)\s*[*_]*\s*$/i;
const QUESTION = /^\s*#{1,6}\s*(question)\s+(\d+)\b(?!\s*\(?[a-z]\))/i;
const THOUGHT = /^\s*[*_]*\s*thought process\s*[*_]*\s*:?/i;
const PERSON_NAMES =
  "user|human|you|me|person|prompt|student|question|vous|tu|du|utilisateur|nutzer";
/** "said" in the chat UIs' own languages: "ChatGPT a dit :", "Du hast gesagt:". */
const SAID = "said|wrote|a dit|avez dit|as dit|hat gesagt|hast gesagt|dijo";
const MODEL_NAMES =
  "assistant|claude|chatgpt|gpt-?[\\w.-]*|model|gemini|meta ai|ai|bot|response|copilot|llama|deepseek|grok|perplexity|mistral|le chat|qwen[\\w.-]*|kimi|phind|huggingchat|o\\d[\\w-]*|bard";
/** A model's version after its name: "Claude 3.5 Sonnet", "Gemini 2.5 Pro", "ChatGPT o3-mini". */
const VERSION =
  "(?:[\\s-]+(?:v?\\d[\\w.]*|o\\d[\\w-]*|pro|flash|sonnet|opus|haiku|mini|max|turbo|plus|ultra|preview|thinking|advanced|instant|large|small|medium|nano|chat|coder|reasoner|r1|lite|exp|experimental))*";
const ROLE_LINE = new RegExp(
  `^\\s*(?:#{1,6}\\s*)?(?:\\*\\*|__)?\\s*(${PERSON_NAMES}|${MODEL_NAMES})(?![\\w])${VERSION}(?:\\s+(?:${SAID}))?\\s*(?:\\*\\*|__)?\\s*(:)?\\s*(?:\\*\\*|__)?\\s*(.*)$`,
  "i",
);
/** Characters of the shortest paragraph taken to open an answer after reasoning. */
const ANSWER_PARAGRAPH = 100;
const THINK_OPEN = /^\s*<think(?:ing)?>/i;
const THINK_CLOSE = /<\/think(?:ing)?>/i;

/**
 * Words of a model thinking aloud rather than answering: "The user wants …", "Let me …", "Hmm",
 * "Wait", "maybe", a question to itself.
 */
const REASONING =
  /\b(?:the user|let me|let's|i need|i should|i'll|i will|i think|i'm|i am|i'd|i recall|i wonder|i guess|i can|hmm+|wait|maybe|perhaps|actually|okay|ok|alright)\b|\?/i;

/**
 * "Thought process:" reasoning ends where the formatted answer starts, but an answer may open with
 * plain paragraphs ("The bug is on line 9. Because …") before its first heading or code block, or
 * have none. The paragraphs at the end of a reasoning run that do not think aloud (no "Let me",
 * "the user", "Hmm", no question), from the first full paragraph among them, are the answer's; the
 * run's first paragraph (the summary line) stays reasoning. Reasoning an explicit tag closes ("</think>") is left as it is.
 */
function answerAfterReasoning(
  lines: Line[],
  roles: Role[],
  turns: number[],
  tagged: Set<number>,
): void {
  let i = 0;
  while (i < lines.length) {
    if (roles[i] !== "thinking" || tagged.has(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && roles[j] === "thinking" && turns[j] === turns[i] && !tagged.has(j))
      j++;
    // Paragraphs of the run [i, j): start indices.
    const starts: number[] = [];
    for (let k = i; k < j; k++) {
      const blank = lines[k]!.text.trim() === "";
      const prevBlank = k === i || lines[k - 1]!.text.trim() === "";
      if (!blank && prevBlank) starts.push(k);
    }
    // The earliest paragraph from which every paragraph to the run's end is plain answer text.
    // It starts at a full paragraph (an answer opens with one; a terse aside such as "(d) is an
    // inverted U, so no." is still reasoning).
    let from = -1;
    for (let p = starts.length - 1; p >= 1; p--) {
      const end = p + 1 < starts.length ? starts[p + 1]! : j;
      const para = lines
        .slice(starts[p]!, end)
        .map((l) => l.text)
        .join("\n");
      if (REASONING.test(para)) break;
      if (para.trim().length >= ANSWER_PARAGRAPH) from = starts[p]!;
    }
    if (from >= 0) for (let k = from; k < j; k++) roles[k] = "model";
    i = j;
  }
}

/** Lines that start a formatted answer (ending hidden reasoning). */
const ANSWER_START = /^\s*(?:#{1,6}\s|\*\*|__|```|\||---|\*\*\*|>\s*\*\*)/;

/** A line that is only a name and a colon: "**Perplexity:**", "### Le Chat:". */
const NAME_LABEL =
  /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*([A-Za-z][\w.\- ]{0,40}?)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*$/;

/**
 * Speaker names the role lines do not know ("**Pi:**", "**MyTutorBot:**"): a name-only label line
 * that comes, at least twice, right after the person's own label ("**Me:**", "User:"), each time.
 */
function otherSpeakers(lines: Line[]): Set<string> {
  const events: { name: string | null }[] = [];
  let inFence = false;
  for (const l of lines) {
    if (/^\s*(```|~~~)/.test(l.text)) inFence = !inFence;
    if (inFence) continue;
    const r = roleOf(l.text);
    if (r) events.push({ name: r.role === "person" ? null : "" });
    else {
      const m = NAME_LABEL.exec(l.text);
      if (m) events.push({ name: m[1]!.trim().toLowerCase() });
    }
  }
  const seen = new Map<string, number>();
  const bad = new Set<string>();
  events.forEach((e, i) => {
    if (!e.name) return;
    if (events[i - 1]?.name === null) seen.set(e.name, (seen.get(e.name) ?? 0) + 1);
    else bad.add(e.name);
  });
  return new Set([...seen].filter(([n, c]) => c >= 2 && !bad.has(n)).map(([n]) => n));
}

/** "Q: …" / "A: …" lines of a question-and-answer list. */
const QA_LINE = /^\s*(?:\*\*|__)?([QA])(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(?=\S)/;

/**
 * Whether "Q:" and "A:" lines take turns (Q, A, Q, A, …; at least two questions): then they are the
 * person's and the model's lines. "A: forward KL / B: reverse KL" in an answer does not take turns.
 */
function questionAnswerTurns(lines: Line[]): boolean {
  const seq = lines.flatMap((l) => QA_LINE.exec(l.text)?.[1] ?? []);
  if (seq.filter((x) => x === "Q").length < 2) return false;
  return seq.every((x, i) => x === (i % 2 === 0 ? "Q" : "A"));
}

function roleOf(
  fullLine: string,
  others?: Set<string>,
  qa = false,
): { role: Role; rest: string } | null {
  // Only the head of the line names the speaker: "Assistant: <a long paragraph>" is common.
  const line = fullLine.length > 200 ? fullLine.slice(0, 200) : fullLine;
  const q = qa ? QA_LINE.exec(line) : null;
  if (q) return { role: q[1] === "Q" ? "person" : "model", rest: line.slice(q[0].length) };
  const m = ROLE_LINE.exec(line);
  if (!m) {
    const n = others?.size ? NAME_LABEL.exec(line) : null;
    return n && others!.has(n[1]!.trim().toLowerCase()) ? { role: "model", rest: "" } : null;
  }
  const name = m[1]!.toLowerCase();
  const hasColon = m[2] === ":";
  const rest = m[3] ?? "";
  const said = new RegExp(`\\b(?:${SAID})\\b`, "i").test(line.slice(0, m.index + 40));
  const heading = /^\s*#/.test(line);
  const bare = rest.trim() === "";
  if (!(hasColon || said || (heading && bare) || (bare && /^\s*(\*\*|__)/.test(line)))) return null;
  const isPerson = new RegExp(`^(?:${PERSON_NAMES})$`).test(name);
  return { role: isPerson ? "person" : "model", rest };
}

/** Split the text into speaker segments. */
export function segmentTranscript(text: string): {
  lines: Line[];
  roles: Role[];
  turns: number[];
  segments: Segment[];
  /** Line index → n for "## QUESTION n" block headers. */
  questions: Map<number, number>;
  /** Line index → length of a speaker label opening a line that goes on ("Assistant: It's (b)."). */
  labels: Map<number, number>;
} {
  const lines = splitLines(text);
  const questions = new Map<number, number>();
  const labels = new Map<number, number>();
  const others = otherSpeakers(lines);
  const qa = questionAnswerTurns(lines);
  const hasStructure = lines.some(
    (l) => TIMESTAMP.test(l.text) || roleOf(l.text, others, qa) !== null,
  );
  const roles: Role[] = new Array(lines.length);
  const turns: number[] = new Array(lines.length);
  let role: Role = hasStructure ? "person" : "unknown";
  let turn = 0;
  let inFence = false;
  /** Inside a "<think>" block, which only "</think>" closes. */
  let thinkTag = false;
  /** Lines of reasoning that an explicit tag or a heading-less "Thought process" opened. */
  const tagged = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    const fence = /^\s*(```|~~~)/.test(t);
    // DeepSeek-R1 / QwQ style reasoning: "<think> … </think>" before the answer.
    if (thinkTag || (!inFence && THINK_OPEN.test(t) && role !== "person")) {
      thinkTag = !THINK_CLOSE.test(t);
      roles[i] = "thinking";
      turns[i] = turn;
      tagged.add(i);
      if (!thinkTag) role = "model";
      else role = "thinking";
      continue;
    }
    if (!inFence && TIMESTAMP.test(t)) {
      const nextText = lines.slice(i + 1, i + 4).find((l) => l.text.trim() !== "")?.text ?? "";
      if (role === "model" || role === "thinking") {
        if (THOUGHT.test(nextText)) turn++;
        else role = "person";
      } else {
        role = "model";
        turn++;
      }
      roles[i] = "person";
      turns[i] = turn;
      continue;
    }
    const qm = inFence ? null : QUESTION.exec(t);
    // "## QUESTION n" opens a block; a model's own "## Question 3" heading inside its reply does not.
    if (qm && (qm[1] === "QUESTION" || (role !== "model" && role !== "thinking"))) {
      role = "person";
      questions.set(i, Number(qm[2]));
    } else if (!inFence) {
      const r = roleOf(t, others, qa);
      if (r) {
        const rest = r.rest.trim();
        // the speaker label is not answer text: "Assistant: A = forward", or "Assistant:" alone
        if (!rest) labels.set(i, t.length);
        else if (t.length <= 200) labels.set(i, t.lastIndexOf(rest));
        if (r.role === "model" && role !== "model") turn++;
        role = r.role;
      } else if ((role === "model" || role === "unknown") && THOUGHT.test(t)) {
        role = "thinking";
      } else if (role === "thinking" && ANSWER_START.test(t) && i > 0) {
        role = "model";
      }
    }
    if (fence) inFence = !inFence;
    roles[i] = role;
    turns[i] = turn;
  }
  answerAfterReasoning(lines, roles, turns, tagged);
  const segments: Segment[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const last = segments[segments.length - 1];
    if (last && last.role === roles[i] && last.turn === turns[i]) last.end = l.end;
    else
      segments.push({ role: roles[i]!, turn: turns[i]!, start: l.start, end: l.end, line: l.no });
  }
  return { lines, roles, turns, segments, questions, labels };
}

/** A part reference at the start of a line. */
type Marker = {
  problem?: number;
  letter?: string;
  sub?: string;
  strong: boolean;
  len?: number;
  /** A bare "2:" line: a problem only in a list that also numbers its parts ("2a:", "3b:"). */
  numOnly?: boolean;
  /** A table row whose first cell names the part ("| 2(b) | A: forward | … |"). */
  table?: boolean;
  /** A letter alone ("(b)", "b)", "b."), without "part" or a problem number. */
  bare?: boolean;
  /** "b." (a letter and a full stop): a part only in a list numbered by problem. */
  dot?: boolean;
};

const ROMAN = "(iv|v|i{1,3})";
/** Words naming a problem or a part, in English, German, French and Spanish. */
const PROBLEM_WORDS =
  "problem|question|exercise|q|aufgabe|frage|exercice|probl[eè]me|ejercicio|pregunta|problema";
const PART_WORDS = `part|teilaufgabe|teil|partie|parte|${PROBLEM_WORDS}`;
const SEP = "(?=[\\s:.)*_—–\\-]|$)";
const F_PART = new RegExp(
  `^(?:for\\s+)?(?:${PART_WORDS})\\s*(\\d+)?\\s*[.:]?\\s*(?:\\(([a-z])\\)|([a-z])${SEP})(?:\\s*[.(-]?\\s*\\(?${ROMAN}\\)?${SEP})?`,
  "i",
);
const F_PROBLEM = new RegExp(`^(?:${PROBLEM_WORDS})\\s*(\\d+)\\b`, "i");
/** "1: …" or "1) …": a problem number, only among parts numbered the same way ("2a)", "3c:"). */
const F_NUM_COLON = /^(\d+)\s*[:)]\s+\S/;
const F_NUMBERED = new RegExp(
  // "3d(ii)": the letter may run straight into its bracketed sub-part
  `^(\\d+)\\s*(?:\\(([a-z])\\)|\\.?([a-z])(?:${SEP}|(?=\\((?:iv|v|i{1,3})\\))))(?:\\s*[.(-]?\\s*\\(?${ROMAN}\\)?${SEP})?`,
);
// "(d)(i)", "(d) (i)", and "(d)** (i)" where the bold closes between the two.
const F_PAREN = new RegExp(`^\\(([a-z])\\)(?:(?:\\*\\*|__)?\\s*\\(${ROMAN}\\))?${SEP}`);
const F_LETTER = new RegExp(`^([a-z])\\)(?:\\s*\\(?${ROMAN}[.)]*)?(?=[\\s*_:]|$)`);
/** "d(ii)", "d (i)": a letter with its sub-part in brackets. */
const F_LETTER_SUB = new RegExp(`^([a-z])\\s*\\(${ROMAN}\\)${SEP}`);
/** "a. P = U(0, 1)": a lower-case letter and a full stop, as in a nested list of parts. */
const F_LETTER_DOT = /^([a-z])\.(?=\s|$)/;
/** "**3. (c)**": a bold problem number and lettered part. */
const F_BOLD_NUMBERED = new RegExp(
  `^(\\d+)\\.\\s*\\(([a-z])\\)(?:\\s*\\(${ROMAN}\\))?\\s*(?:\\*\\*|__)`,
);
const F_SUB = new RegExp(
  `^(?:part\\s*)?(?:\\(${ROMAN}\\)|${ROMAN}[.)](?!e\\.))(?=[\\s:*_]|$)`,
  "i",
);
const F_HEAD_NUM = /^(\d+)[.)]\s+\S/;

function parseMarker(raw: string, letters: Set<string>): Marker | null {
  const m = parseMarkerInner(raw.length > 300 ? raw.slice(0, 300) : raw, letters);
  return m;
}

function parseMarkerInner(raw: string, letters: Set<string>): Marker | null {
  // One table for every answer: "| 2(a) | P = U(0, 1), Q = N(0, 1) | … |", "| 1 | line 9: … |".
  // Only a cell that names a problem ("2(a)", "Q3c", "1"): "| (a) | rises | ❌ |" lists options.
  const row = /^\s*\|([^|\n]*)\|/.exec(raw);
  if (row) {
    const cell = row[1]!.replace(/\*\*|__|`/g, "").trim();
    const m = /^\d+$/.test(cell)
      ? { problem: Number(cell), strong: true, numOnly: true }
      : parseMarkerAt(cell, letters);
    if (!m || m.problem === undefined) return null;
    return { ...m, strong: true, len: row[0].length - 1, table: true };
  }
  // An ordered-list item naming a part: "1. **(a)** …", "2. For part (b), …".
  const item = /^(\s*\d{1,2}[.)]\s+)(?=\S)/.exec(raw);
  if (item) {
    const m = parseMarkerAt(raw.slice(item[0].length), letters);
    // Only a strong inner marker: "1. (a) rises steadily" may list a choice's options.
    if (m?.strong && (m.letter || m.sub))
      return { ...m, len: m.len === undefined ? undefined : m.len + item[0].length };
  }
  return parseMarkerAt(raw, letters);
}

function parseMarkerAt(raw: string, letters: Set<string>): Marker | null {
  const heading = /^\s*#{1,6}\s/.test(raw);
  const boldStart = /^\s*(?:[-*+>]\s+)?(?:\*\*|__)/.test(raw);
  const s = raw
    .replace(/^\s*(?:#{1,6}\s*)?/, "")
    .replace(/^(?:[-+•>]\s+|\*\s+)/, "")
    .replace(/^(?:\*\*|__|\*|_)+\s*/, "")
    .trimEnd();
  const lead = raw.trimEnd().length - s.length;
  const strongCtx = heading || boldStart;
  const ok = (l: string | undefined) =>
    l !== undefined && letters.has(l.toLowerCase()) ? l.toLowerCase() : undefined;
  let m = F_PART.exec(s);
  if (m) {
    const letter = ok(m[2] ?? m[3]);
    if (letter)
      return {
        problem: m[1] ? Number(m[1]) : undefined,
        letter,
        sub: m[4]?.toLowerCase(),
        strong: true,
      };
  }
  m = F_PROBLEM.exec(s);
  if (
    m &&
    (heading ||
      boldStart ||
      new RegExp(`^\\s*(?:${PROBLEM_WORDS})\\s*\\d+\\s*[:.)]?\\s*(\\*\\*)?\\s*$`, "i").test(s) ||
      /:/.test(s.slice(0, 20)))
  ) {
    return { problem: Number(m[1]), strong: true, len: lead + m[0].length };
  }
  m = boldStart ? F_BOLD_NUMBERED.exec(s) : null;
  if (m) {
    const letter = ok(m[2]);
    if (letter)
      return { problem: Number(m[1]), letter, sub: m[3], strong: true, len: lead + m[0].length };
  }
  m = F_NUMBERED.exec(s);
  if (m) {
    const letter = ok(m[2] ?? m[3]);
    if (letter)
      return {
        problem: Number(m[1]),
        letter,
        sub: m[4]?.toLowerCase(),
        strong: true,
        len: lead + m[0].length,
      };
  }
  if (heading) {
    m = F_HEAD_NUM.exec(s);
    if (m) return { problem: Number(m[1]), strong: true, len: lead + m[0].length - 1 };
  }
  // "**1.**" in bold, like "1:": a problem only among parts numbered the same way ("**2(a).**").
  m = boldStart ? /^(\d+)\s*[.):]\s*(?:\*\*|__)/.exec(s) : null;
  if (m) return { problem: Number(m[1]), strong: true, len: lead + m[0].length, numOnly: true };
  m = F_NUM_COLON.exec(s);
  if (m) return { problem: Number(m[1]), strong: true, len: lead + m[0].length - 1, numOnly: true };
  // A letter alone: "(b)", "b)", "d(ii)", and "b." (only in a list numbered by problem).
  for (const re of [F_PAREN, F_LETTER, F_LETTER_SUB, F_LETTER_DOT]) {
    m = re.exec(s);
    const letter = m ? ok(m[1]) : undefined;
    if (m && letter) {
      const len = lead + m[0].length;
      return { letter, sub: m[2], strong: strongCtx, len, bare: true, dot: re === F_LETTER_DOT };
    }
  }
  m = F_SUB.exec(s);
  if (m) return { sub: (m[1] ?? m[2])!.toLowerCase(), strong: strongCtx, len: lead + m[0].length };
  return null;
}

/**
 * "**(d)** i. (a) β = 1e-3, … ii. Panel (a) …" or "**(d)(i)** … (ii) …": one line that answers
 * a sub-part and goes on, inline, to the next ones. When the later sub-parts' markers ("ii." /
 * "(ii)" / "ii)") appear in order, each part gets its own stretch of the body (the rest blanked,
 * offsets kept): a map of part id → body, else null.
 */
function inlineSubParts(body: string, parts: Part[], all: Part[]): Map<string, string> | null {
  const first = parts[0];
  if (!first?.sub || parts.some((p) => p.problem !== first.problem || p.letter !== first.letter))
    return null;
  // A heading naming one sub-part may still run on into its later siblings.
  const siblings = all.filter((p) => p.problem === first.problem && p.letter === first.letter);
  const chain = parts.length > 1 ? parts : siblings.slice(siblings.indexOf(first));
  if (chain.length < 2) return null;
  const starts = [0];
  let from = 0;
  for (const p of chain.slice(1)) {
    const re = new RegExp(`(?:^|[\\s*_(])\\(?${p.sub}[.):](?=[\\s*_])`, "gi");
    re.lastIndex = from;
    const m = re.exec(body);
    if (!m) return parts.length > 1 ? null : starts.length > 1 ? cut(starts) : null;
    starts.push(m.index);
    from = m.index + m[0].length;
  }
  return cut(starts);

  function cut(at: number[]): Map<string, string> {
    const out = new Map<string, string>();
    at.forEach((a, i) => {
      const b = at[i + 1] ?? body.length;
      out.set(chain[i]!.id, " ".repeat(a) + body.slice(a, b) + " ".repeat(body.length - b));
    });
    return out;
  }
}

/** Part references anywhere in a person's prompt: "part (c)", "3(c)", "question 2b". */
function partsMentioned(text: string, set: ProblemSet, blockProblem?: number): Part[] {
  const found = new Set<Part>();
  const strong = new Set<Part>();
  const re =
    /(\bpart\s*|\bproblem\s*|\bq\s*(?=\d))?(?<!\w(?<!\bq))(\d)?\s*\(([a-z])\)(?:\s*\((iv|v|i{1,3})\))?|\bpart\s+([a-z])\b/gi;
  let panelList = -1; // where a list of panels ("panel (a) axes ±1.5, (b) …") runs to
  for (const m of text.matchAll(re)) {
    // "panel (a) …, (b) …" names the figure's panels, not the problem's parts
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (
      !m[1] &&
      !m[2] &&
      /\b(?:panels?|plots?|curves?|figures?|fig\.|options?|graphs?)\s*$/i.test(before)
    ) {
      const end = text.slice(m.index).search(/[.;!?\n]/);
      panelList = end < 0 ? text.length : m.index + end;
      continue;
    }
    if (!m[1] && !m[2] && m.index < panelList) continue;
    // "what about (c)?", "just (d) please" ask for a part; a bare "(a) rises steadily" may
    // restate an option.
    const asked =
      /^\s*(?:\?|please\b|only\b)/i.test(text.slice(m.index + m[0].length)) ||
      /\b(?:about|do|solve|answer|just|only)\s*$/i.test(before);
    const isStrong = Boolean(m[1] || m[2] || m[5] || asked);
    const problem = m[2] ? Number(m[2]) : blockProblem;
    const letter = (m[3] ?? m[5])!.toLowerCase();
    const sub = m[4]?.toLowerCase();
    for (const p of set.parts) {
      if (
        p.letter === letter &&
        (problem === undefined || p.problem === problem) &&
        (!sub || p.sub === sub)
      ) {
        found.add(p);
        if (isStrong) strong.add(p);
      }
    }
  }
  return strong.size ? [...strong] : [...found];
}

/** The one problem a prompt names ("Problem 2", "question 3", "Q1"), if it names exactly one. */
/** Every problem a prompt names, lists included: "problems 1 and 2(a)" → {1, 2}. */
function problemsNamed(text: string, set: ProblemSet): Set<number> {
  const numbers = new Set<number>();
  const item = String.raw`\d+(?:\s*\([a-z]{1,3}\))*`;
  const list = new RegExp(
    `\\b(?:${PROBLEM_WORDS})s?\\s*(${item}(?:\\s*(?:,|&|and|und|et)\\s*${item})*)`,
    "gi",
  );
  for (const m of text.matchAll(list))
    for (const d of m[1]!.matchAll(/(?<![\d(])\d+/g))
      if (set.problems.some((p) => p.number === Number(d[0]))) numbers.add(Number(d[0]));
  return numbers;
}

function problemNamed(text: string, set: ProblemSet): number | undefined {
  const numbers = new Set<number>();
  for (const m of text.matchAll(new RegExp(`\\b(?:${PROBLEM_WORDS})\\s*(\\d+)(?!\\d)`, "gi"))) {
    const n = Number(m[1]);
    if (set.problems.some((p) => p.number === n)) numbers.add(n);
  }
  return numbers.size === 1 ? [...numbers][0] : undefined;
}

function keywordScore(text: string, keywords: string[]): number {
  const low = text.toLowerCase();
  return keywords.reduce((n, k) => n + (low.includes(k.toLowerCase()) ? 1 : 0), 0);
}

/** The problem a stretch of text is most likely about, by the problem set's keywords. */
function guessProblem(text: string, set: ProblemSet, candidates: number[]): number | undefined {
  let best: number | undefined;
  let bestScore = 0;
  for (const p of set.problems) {
    if (!candidates.includes(p.number)) continue;
    const s = keywordScore(text, p.keywords);
    if (s > bestScore) {
      best = p.number;
      bestScore = s;
    }
  }
  return best;
}

/** The problem a QUESTION block (its person text) is about. */
function blockProblem(
  personText: string,
  qNumber: number | undefined,
  set: ProblemSet,
): number | undefined {
  const numbers = set.problems.map((p) => p.number);
  const head =
    /^\s*#{1,6}\s*(?:problem\s*)?(\d+)[.):]\s/im.exec(personText) ??
    /\bproblem\s+(\d+)\b/i.exec(personText);
  if (head && numbers.includes(Number(head[1]))) return Number(head[1]);
  if (qNumber !== undefined && numbers.includes(qNumber)) return qNumber;
  return guessProblem(personText, set, numbers);
}

function partsFor(
  set: ProblemSet,
  problem: number | undefined,
  letter: string,
  sub: string | undefined,
  text: () => string,
): Part[] {
  // A sub-part read where the part has none ("c) i think …") is not one.
  const subs = set.parts.some((p) => p.letter === letter && p.sub !== "");
  let cands = set.parts.filter((p) => p.letter === letter && (!sub || !subs || p.sub === sub));
  if (problem !== undefined) cands = cands.filter((p) => p.problem === problem);
  const problems = [...new Set(cands.map((p) => p.problem))];
  if (problems.length > 1) {
    const g = guessProblem(text(), set, problems);
    if (g === undefined) return [];
    cands = cands.filter((p) => p.problem === g);
  }
  return cands;
}

/** Parse a transcript against a problem set: speakers, then which model text answers which part. */
export function parseTranscript(text: string, set: ProblemSet): ParsedTranscript {
  checkTranscriptText(text);
  const { lines, roles, turns, segments, questions, labels } = segmentTranscript(text);
  const warnings: string[] = [];
  const letters = new Set(set.parts.map((p) => p.letter).filter((l) => l !== ""));
  const spans: PartAnswer[] = [];

  // Walk turn by turn: the block's problem, the person's prompt, then the model's lines.
  let qNumber: number | undefined;
  let blockStartLine = 0;
  const lastTurn = turns.length ? turns[turns.length - 1]! : 0;
  const blockProblems = new Map<number, number | undefined>();
  const problemOfLine: (number | undefined)[] = new Array(lines.length);
  // QUESTION blocks and their problem.
  let blockIdx = 0;
  for (let i = 0; i <= lines.length; i++) {
    const q = questions.get(i);
    if (q !== undefined || i === lines.length) {
      if (i > blockStartLine || i === lines.length) {
        const personText = lines
          .slice(blockStartLine, i)
          .filter((_, k) => roles[blockStartLine + k] === "person")
          .map((l) => l.text)
          .join("\n");
        const allText =
          personText ||
          lines
            .slice(blockStartLine, i)
            .map((l) => l.text)
            .join("\n");
        const prob =
          qNumber !== undefined || personText ? blockProblem(allText, qNumber, set) : undefined;
        blockProblems.set(blockIdx, prob);
        for (let k = blockStartLine; k < i; k++) problemOfLine[k] = prob;
      }
      if (q !== undefined) {
        qNumber = q;
        blockStartLine = i;
        blockIdx++;
      }
    }
  }
  const hasBlocks = blockIdx > 0;

  const byTurn = new Map<number, number[]>();
  for (let i = 0; i < lines.length; i++) {
    const list = byTurn.get(turns[i]!);
    if (list) list.push(i);
    else byTurn.set(turns[i]!, [i]);
  }
  // The one part the previous reply answered, for a follow-up ("Try again") that names none.
  let prevPart: Part | undefined;
  for (let turn = 0; turn <= lastTurn; turn++) {
    const idx = byTurn.get(turn) ?? [];
    const modelIdx = idx.filter(
      (i) => roles[i] === "model" || roles[i] === "unknown" || roles[i] === "thinking",
    );
    if (modelIdx.length === 0) continue;
    const firstModel = modelIdx[0]!;
    const spansBefore = spans.length;
    // The person's text before this reply: back from its first line to the previous model line.
    let from = firstModel;
    while (from > 0 && roles[from - 1] === "person") from--;
    const personText = lines
      .slice(from, firstModel)
      .map((l) => l.text)
      .join("\n");

    // The problem: the QUESTION block's, else the one problem the prompt names ("Problem 2, both
    // parts"), so its "(a)" and "(b)" are that problem's parts.
    let problem = hasBlocks
      ? problemOfLine[firstModel]
      : problemNamed(personText.slice(-1500), set);
    // Markers in this turn's model lines.
    const markers = modelIdx.map((i) => {
      const l = lines[i]!;
      if (isInFence(lines, i)) return null;
      // A marker right after a speaker label counts too: "Assistant: **1.** The tied head …".
      let label = labels.get(i);
      if (!label || label >= l.text.length) return parseMarker(l.text, letters);
      // the label's pattern takes the opening "**" of a bold marker ("Assistant: **1.**"): give it back
      if (/\s(?:\*\*|__)$/.test(l.text.slice(0, label))) label -= 2;
      const m = parseMarker(l.text.slice(label), letters);
      return m?.len === undefined ? m : { ...m, len: m.len + label };
    });
    // The prompt asked one part that is a choice among lettered options ("3(c): which curve?"): a
    // bare "**(b)**" opening a reply line is the option chosen, not a heading for part (b).
    const mentioned = partsMentioned(personText.slice(-1500), set, problem);
    const askedChoice =
      mentioned.length === 1 && hasLetteredChoices(mentioned[0]!) ? mentioned[0] : undefined;
    // Not when the reply also heads the asked part itself: then its "(a)", "(b)" are headings.
    const headsAsked = markers.some((m) => m?.letter === askedChoice?.letter);
    if (askedChoice && !headsAsked) {
      const labels = choiceLetters(askedChoice);
      markers.forEach((m, k) => {
        if (m?.bare && m.letter && !m.sub && labels.has(m.letter)) markers[k] = null;
      });
    }
    const anyStrong = markers.some(
      (m, k) => m?.strong && (m.letter || m.sub) && roles[modelIdx[k]!] !== "thinking",
    );
    // "1:" opens Problem 1 only among lines that number their parts the same way ("2a:", "3c:"),
    // so a reply's own numbered steps ("1: multiply") do not.
    const numberedParts = markers.some((m) => m?.problem !== undefined && m.letter !== undefined);
    const problemNumbers = new Set(set.problems.map((p) => p.number));
    // …or when the prompt asked for that problem: "problems 1 and 2(a)" then "**1.** The tied head …"
    const askedProblems = problemsNamed(personText.slice(-1500), set);
    for (let k = 0; k < markers.length; k++) {
      const m = markers[k];
      const numbered = numberedParts && problemNumbers.has(m?.problem ?? -1);
      if (m?.numOnly && !numbered && !askedProblems.has(m.problem!)) markers[k] = null;
    }
    const listed = listedProblems(
      modelIdx.map((i) => lines[i]!.text),
      markers,
      problemNumbers,
      (n, l) => set.parts.some((p) => p.problem === n && p.letter === l),
    );
    // outside such a list, "b." is not a part: "a. a multiplier, b. an adder" lists steps
    if (!listed)
      markers.forEach((m, k) => {
        if (m?.dot) markers[k] = null;
      });
    // "| 1 | … |" names Problem 1 only in a table whose other rows name parts ("| 2(a) | … |"), not
    // in a table of values ("| 1 | (c) |" for β = 1).
    markers.forEach((m, k) => {
      if (!m?.table || m.letter) return;
      let a = k;
      let b = k;
      while (a > 0 && /^\s*\|/.test(lines[modelIdx[a - 1]!]!.text)) a--;
      while (b + 1 < markers.length && /^\s*\|/.test(lines[modelIdx[b + 1]!]!.text)) b++;
      if (!markers.slice(a, b + 1).some((x) => x?.table && x.letter)) markers[k] = null;
    });
    type Cur = { parts: Part[]; startK: number; skip?: number; table?: boolean } | null;
    let cur: Cur = null;
    let letter: string | undefined;
    const flush = (endK: number) => {
      if (!cur || cur.parts.length === 0) return;
      pushSpan(cur.parts, cur.startK, endK, cur.skip ?? 0, cur.table);
    };
    const pushSpan = (parts: Part[], fromK: number, toK: number, skip = 0, table = false) => {
      // Split by role so thinking and answer spans stay apart.
      let k = fromK;
      while (k < toK) {
        const r = roles[modelIdx[k]!]!;
        let j = k;
        while (j < toK && roles[modelIdx[j]!] === r) j++;
        const a = lines[modelIdx[k]!]!;
        const b = lines[modelIdx[j - 1]!]!;
        const chunk = text.slice(a.start, b.end);
        let cut = k === fromK ? Math.min(skip, chunk.length) : 0;
        // Past the marker's own punctuation too: "3c: b" reads as " b", "**(a)** x" as " x".
        if (cut > 0) while (cut < chunk.length && /[ \t:.)*_—–]/.test(chunk[cut]!)) cut++;
        let body = " ".repeat(cut) + chunk.slice(cut);
        // A table row's cells are read as lines of their own (answer, then reason).
        if (table && k === fromK) {
          const eol = body.indexOf("\n");
          const first = eol < 0 ? body : body.slice(0, eol);
          body = cellsAsLines(first) + (eol < 0 ? "" : body.slice(eol));
        }
        // A speaker label opening a line is not part of the answer ("Assistant: A = forward").
        for (let q = k; q < j; q++) {
          const len = labels.get(modelIdx[q]!);
          const off = lines[modelIdx[q]!]!.start - a.start;
          if (len && off + len > cut)
            body = body.slice(0, off) + " ".repeat(len) + body.slice(off + len);
        }
        if (chunk.trim()) {
          const pieces = inlineSubParts(body, parts, set.parts);
          const targets = pieces ? set.parts.filter((p) => pieces.has(p.id)) : parts;
          for (const p of targets) {
            const own = pieces?.get(p.id);
            spans.push({
              partId: p.id,
              text: chunk,
              body: own ?? body,
              start: a.start,
              end: b.end,
              line: a.no,
              turn,
              role: r,
              shared: targets.length > 1 && !own,
            });
          }
        }
        k = j;
      }
    };
    const useWeak = !anyStrong && mentioned.length !== 1;
    let sawMarker = false;
    let headed = false;
    // The prompt asked one part, and the reply may go on to the next ones with plain "(b)" lines.
    // Only when the asked part has no lettered options, whose "(b) …" lines would be restated
    // options rather than parts.
    const asked = !anyStrong && mentioned.length === 1 ? mentioned[0]! : undefined;
    const continuing = asked && !hasLetteredChoices(asked) ? asked : undefined;
    if (continuing) {
      problem = continuing.problem;
      letter = continuing.letter;
      cur = { parts: [continuing], startK: 0 };
      sawMarker = true;
    }
    for (let k = 0; k < modelIdx.length; k++) {
      const m = markers[k];
      if (!m) continue;
      const nextPart =
        continuing !== undefined &&
        m.letter !== undefined &&
        m.problem === undefined &&
        letter !== undefined &&
        m.letter.charCodeAt(0) === letter.charCodeAt(0) + 1;
      // Under a "## Problem 3" heading, plain "(a)", "(b)", … lines in order open its parts even
      // when the reply also has strong markers elsewhere (a "Final answers: 3(c): (b)" summary).
      const headedNext =
        headed &&
        m.letter !== undefined &&
        m.problem === undefined &&
        (letter === undefined || m.letter > letter) &&
        set.parts.some((p) => p.problem === problem && p.letter === m.letter);
      if (
        !m.strong &&
        !useWeak &&
        !nextPart &&
        !headedNext &&
        !(m.sub && letter && hasSubs(set, problem, letter))
      )
        continue;
      const restText = () =>
        modelIdx
          .slice(k, k + 15)
          .map((i) => lines[i]!.text)
          .join("\n");
      if (m.problem !== undefined && !m.letter) {
        flush(k);
        problem = m.problem;
        letter = undefined;
        headed = true;
        const single = set.parts.filter((p) => p.problem === problem);
        cur =
          single.length === 1 && single[0]!.letter === ""
            ? { parts: single, startK: k, skip: m.len, table: m.table }
            : null;
        if (cur) sawMarker = true;
        continue;
      }
      if (m.letter) {
        // "1(a)" names no part of this problem set: not a heading ("1. (a) rises steadily").
        if (
          m.problem !== undefined &&
          !set.parts.some((p) => p.problem === m.problem && p.letter === m.letter)
        )
          continue;
        flush(k);
        if (m.problem !== undefined) {
          problem = m.problem;
          headed = false;
        }
        letter = m.letter;
        const parts = partsFor(set, problem, letter, m.sub, restText);
        if (parts.length && problem === undefined) problem = parts[0]!.problem;
        cur = { parts, startK: k, skip: m.len, table: m.table };
        sawMarker = true;
        continue;
      }
      if (m.sub && letter && hasSubs(set, problem, letter)) {
        flush(k);
        cur = { parts: partsFor(set, problem, letter, m.sub, restText), startK: k, skip: m.len };
        sawMarker = true;
      }
    }
    flush(modelIdx.length);
    if (!sawMarker) {
      // No part headings: the whole reply answers what the prompt asked, or a one-part problem.
      let parts: Part[] = [];
      if (mentioned.length > 0) {
        const probs = new Set(mentioned.map((p) => p.problem));
        parts = probs.size === 1 ? mentioned : [];
      } else {
        const all = modelIdx.map((i) => lines[i]!.text).join("\n");
        const prob =
          problem ??
          guessProblem(
            all,
            set,
            set.problems.map((p) => p.number),
          );
        const single = set.parts.filter((p) => p.problem === prob);
        if (single.length === 1) parts = single;
      }
      if (!parts.length) {
        // A reply that names exactly one part inline ("For 3(c) the answer is b").
        const all = modelIdx.map((i) => lines[i]!.text).join("\n");
        const named = partsMentioned(all.slice(0, 20000), set, problem);
        if (named.length === 1) parts = named;
      }
      if (!parts.length && prevPart && mentioned.length === 0) {
        // A follow-up reply ("You're right, use nested supports instead: …") answers the part the
        // previous reply answered, when it is about the same problem.
        const all = modelIdx.map((i) => lines[i]!.text).join("\n");
        const g = guessProblem(
          all,
          set,
          set.problems.map((p) => p.number),
        );
        if (g === prevPart.problem) parts = [prevPart];
      }
      if (parts.length) pushSpan(parts, 0, modelIdx.length);
      else if (modelIdx.some((i) => roles[i] === "model")) {
        warnings.push(
          `turn ${turn} (line ${lines[firstModel]!.no}): could not tell which part the reply answers`,
        );
      }
    }
    const answered = new Set(
      spans
        .slice(spansBefore)
        .filter((s) => s.role !== "thinking")
        .map((s) => s.partId),
    );
    if (answered.size) {
      prevPart = answered.size === 1 ? set.parts.find((p) => answered.has(p.id)) : undefined;
    }
  }

  // The counted answer: the last turn with a visible (non-thinking) answer; thinking only as fallback.
  const final = new Map<string, PartAnswer>();
  for (const part of set.parts) {
    const mine = spans.filter((s) => s.partId === part.id);
    const visible = mine.filter((s) => s.role !== "thinking");
    const pool = visible.length ? visible : mine;
    if (pool.length === 0) continue;
    const t = pool[pool.length - 1]!.turn;
    let last = pool.filter((s) => s.turn === t);
    const whole = last.map((s) => s.body).join("\n\n");
    // Answered twice in one reply (a worked answer, then a "Final answers" summary): the last counts.
    const own = last.filter((s) => !s.shared);
    if (own.length >= 2) {
      const from = own[own.length - 1]!.start;
      last = last.filter((s) => s.start >= from);
    }
    final.set(part.id, {
      partId: part.id,
      text: last.map((s) => s.text).join("\n\n"),
      body: last.map((s) => s.body).join("\n\n"),
      start: last[0]!.start,
      end: last[last.length - 1]!.end,
      line: last[0]!.line,
      turn: t,
      role: last[last.length - 1]!.role,
      whole,
    });
  }
  return { text, segments, spans, final, warnings };
}

/**
 * A Markdown table row with its cell borders turned into line breaks (same length), so each cell
 * reads as a line; a "|" inside brackets or backticks ("q(y|z)", "`a | b`") is not a border.
 */
function cellsAsLines(row: string): string {
  let depth = 0;
  let code = false;
  let out = "";
  for (const c of row) {
    if (c === "`") code = !code;
    else if (!code && "([{".includes(c)) depth++;
    else if (!code && ")]}".includes(c) && depth > 0) depth--;
    out += c === "|" && depth === 0 && !code ? "\n" : c;
  }
  return out;
}

/**
 * A list numbered by problem whose items nest the lettered parts:
 *
 *     1. Bug is on line 9. …
 *     2.
 *        a. P = U(0, 1), Q = N(0, 1)
 *        b. A = forward, B = reverse
 *
 * When an item "N." (N a problem number) has a marker of one of its own parts on a more indented
 * line below it, every item of that list (same indentation) opens its problem. Markers are updated
 * in place; whether such a list was found.
 */
function listedProblems(
  texts: string[],
  markers: (Marker | null)[],
  problems: Set<number>,
  hasPart: (problem: number, letter: string) => boolean,
): boolean {
  const items: { k: number; indent: number; n: number; len: number }[] = [];
  texts.forEach((t, k) => {
    const m = /^(\s*)(?:\*\*|__)?(\d{1,2})[.)](?:\*\*|__)?(?=\s|$)/.exec(t);
    if (m && problems.has(Number(m[2])) && !markers[k]?.letter)
      items.push({ k, indent: m[1]!.length, n: Number(m[2]), len: m[0].length });
  });
  const nests = (it: (typeof items)[number]): boolean => {
    for (let k = it.k + 1; k < texts.length; k++) {
      const t = texts[k]!;
      if (!t.trim()) continue;
      if (t.length - t.trimStart().length <= it.indent) return false;
      // a nested "a." that is a part of this problem (a step's sub-steps under "1." are not)
      const l = markers[k]?.letter;
      if (l) return hasPart(it.n, l);
    }
    return false;
  };
  const indents = new Set(items.filter(nests).map((it) => it.indent));
  for (const it of items) {
    if (indents.has(it.indent)) markers[it.k] = { problem: it.n, strong: true, len: it.len };
  }
  return indents.size > 0;
}

/** Whether a part's answer is a choice among lettered options or panels ("(b)" names an option). */
function hasLetteredChoices(part: Part): boolean {
  const labels = [
    ...("options" in part ? part.options : []),
    ...("items" in part ? part.items : []),
  ].map((o) => o.label);
  return labels.some((l) => /^\(?[a-z]\)?$/i.test(l));
}

/** The letters naming a part's options or panels ("(b)" → "b"). */
function choiceLetters(part: Part): Set<string> {
  const labels = [
    ...("options" in part ? part.options : []),
    ...("items" in part ? part.items : []),
  ].map((o) => o.label);
  return new Set(labels.flatMap((l) => /^\(?([a-z])\)?$/i.exec(l)?.[1]?.toLowerCase() ?? []));
}

function hasSubs(set: ProblemSet, problem: number | undefined, letter: string): boolean {
  return set.parts.some(
    (p) => p.letter === letter && p.sub !== "" && (problem === undefined || p.problem === problem),
  );
}

const fenceCache = new WeakMap<Line[], boolean[]>();
function isInFence(lines: Line[], i: number): boolean {
  let f = fenceCache.get(lines);
  if (!f) {
    f = new Array(lines.length);
    let inside = false;
    for (let k = 0; k < lines.length; k++) {
      const isFence = /^\s*(```|~~~)/.test(lines[k]!.text);
      f[k] = inside || isFence;
      if (isFence) inside = !inside;
    }
    fenceCache.set(lines, f);
  }
  return f[i]!;
}
