/**
 * Who is speaking, read from cues that real exports have, none of them trusted alone: speaker
 * labels in any wording or language (a short label, often bold, ending in a colon, that recurs),
 * chat-app timestamps, and reasoning openers ("Thought process:", "<think>", "Show thinking").
 */

import { botTags, modelNames, words } from "./lexicon/index.js";
import type { Line } from "./markdown.js";
import { startsWithPhrase, stripMarkup, wordsOf } from "./words.js";

export type SpeakerRole = "person" | "model" | "unknown";

/** A speaker label at the start of a line. */
export type Label = {
  /** Normalised name: "assistant", "tú", "chatgpt". */
  name: string;
  role: SpeakerRole;
  /** Offset in the line's content where the message text starts (after the label). */
  rest: number;
  /** The label has "said"/"dijo" or comes from a chat-app line ("[date] Name: text"). */
  strong: boolean;
  /** The line holds nothing but the label. */
  alone: boolean;
};

const PERSON = new Set(words("personLabels"));
const MODEL = new Set(words("modelLabels"));
const SAID = words("said");
/** The scripts whose "said" starts with a particle the name takes (Hangul, kana). */
const PARTICLE = /[\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const REASONING = words("reasoning");
const DURATION = words("reasoningDuration");
/** Labels that structure an answer, not a conversation ("**Answer:**", "**Fix.**", "Hint:"). */
const STRUCTURE = new Set([
  ...words("answer"),
  ...words("revision"),
  ...words("problem"),
  ...words("part"),
  "bug",
  "fix",
  "why",
  "note",
  "hint",
  "hints",
  "figure",
  "example",
  "reasoning",
  "explanation",
  "proof",
  "intuition",
  "step",
  "code",
  "output",
  "input",
  "key",
  "idea",
  "plot",
  "panel",
  "case",
  "then",
  "so",
  "thus",
  "here",
  "link",
  "model",
  "exported",
  "created",
  "published",
  "date",
  "name",
  "source",
  "edit",
]);

const MAX_LABEL_CHARS = 48;
/** "u/name · 5h", "@name OP · 3 hr. ago": a handle, a "·", an age in a unit's short form. */
const AGED_HANDLE =
  /^(?:u\/|@)?(\p{L}[\p{L}\d_.-]{1,30})(?: OP)? · \d{1,3} ?(?:s|m|min|h|hr|hrs|d|w|mo|y)\.?(?: ago)?$/u;
const MAX_LABEL_WORDS = 6;

/** A timestamp on its own ("11/30/2025, 11:46:00 PM", "*2025-12-01 20:02*", "10:01 PM"). */
export function isTimestamp(content: string): boolean {
  // a note after the time goes with it: "10:43:50 PM (Read by you after 11 seconds)"
  // (a Markdown escape is the converter's, not the page's: "2025\. dec. 3. 23:58:12 CET")
  const s = stripMarkup(content)
    .replace(/\\(?=[.)\-#+*_])/g, "")
    .trim()
    .replace(/\s\([^()]{1,60}\)$/, "");
  if (s.length < 4 || s.length > 40) return false;
  const date = monthDateLength(s);
  // ("Dec 3, 2025, 10:14 PM": the comma after the date goes with it)
  const rest = s.slice(date).replace(/^[\s,]+/, "");
  if (rest === "") return date > 0;
  // (after a date in words, a time with points, as Indonesian and Finnish pages write it:
  // "30 Nov 2025, 23.58.12 WIB")
  const time = timestampLength(rest, 0) || (date > 0 ? (DOT_TIME.exec(rest)?.[0].length ?? 0) : 0);
  if (time > 0 && time + zoneLength(rest, time) === rest.length) return true;
  return wordedDateTime(s);
}

const DOT_TIME = /^\d{1,2}\.\d{2}(?:\.\d{2})?(?=$|\s)/;

/**
 * A date in any language's words around a time, as a localised page writes it: "2025 ж. 3 жел.,
 * 22:31:07 GMT+05:00", "3 груд. 2025 р., 22:31:07 EET", "2025. dec. 3. 22:31:07 CET". Read by its
 * tokens: one time (h:mm), a four-digit year, numbers, at most two short words (a month, "ж.",
 * "р.", "PM") and a zone; nothing else.
 */
function wordedDateTime(s: string): boolean {
  const tokens = s.split(/\s+/);
  if (tokens.length > 8) return false;
  let times = 0;
  let year = false;
  let words = 0;
  for (const [k, t] of tokens.entries()) {
    const bare = t.replace(/[.,]+$/, "");
    if (/^\d{1,2}:\d{2}(?::\d{2})?$/.test(bare)) times++;
    else if (/^\d{4}$/.test(bare)) year = true;
    else if (/^\d{1,2}$/.test(bare)) continue;
    // (the zone closes it, as it closes every timestamp: "EET", "GMT+05:00")
    else if (k === tokens.length - 1 && zoneLength(bare, 0) === bare.length) continue;
    // (a month in an Indic script carries vowel signs, which are marks: "डिसें")
    else if (/^(?:\p{L}\p{M}*){1,6}\.?$/u.test(bare)) words++;
    else return false;
  }
  return times === 1 && year && words <= 2;
}

/**
 * Length of a time zone closing a timestamp at `i` ("… 22:14:52 JST", "… 22:31:48 SEČ", "… 10:02 PM GMT+1",
 * "…T22:14:52+09:00", "(UTC)"), 0 if there is none: an abbreviation in capitals, an offset, or both.
 */
function zoneLength(s: string, i: number): number {
  // (in any script's capitals: "SEČ", "SELČ" on a Czech page)
  const m = /^ ?\(?(?:\p{Lu}{2,5}(?:[+−-]\d{1,2}(?::?\d{2})?)?|[+−-]\d{2}:?\d{2})\)?$/u.exec(
    s.slice(i),
  );
  return m ? m[0].length : 0;
}

/**
 * Length of a date with the month in words at the start of `s` ("Dec 05, 2025", "5 déc. 2025",
 * "05 Dezember 2025"), 0 if there is none. Anchored and bounded: no backtracking.
 */
function monthDateLength(s: string): number {
  const m =
    /^\p{L}{3,10}\.? \d{1,2},? \d{4}/u.exec(s) ?? /^\d{1,2}\.? \p{L}{3,10}\.?,? \d{4}/u.exec(s);
  return m ? m[0].length : 0;
}

/**
 * Length of a date/time run starting at `i` (digits, separators, "AM/PM", "T", "Z"), if it holds a
 * time (h:mm); 0 otherwise. A scanner, not a pattern, so it cannot backtrack.
 */
function timestampLength(s: string, i: number): number {
  let j = i;
  let colonTime = false;
  let digits = 0;
  while (j < s.length) {
    const c = s[j]!;
    if (c >= "0" && c <= "9") {
      digits++;
      j++;
    } else if (c === ":" && j > i && /\d/.test(s[j - 1]!) && /\d/.test(s[j + 1] ?? "")) {
      colonTime = true;
      j++;
    } else if ("/.-, T،".includes(c) && j > i) j++;
    else if ((c === "A" || c === "P" || c === "a" || c === "p") && /[mM]/.test(s[j + 1] ?? ""))
      j += 2;
    // (Arabic's morning and evening letters after the time: "9:40 م", as WhatsApp writes them)
    else if (
      (c === "ص" || c === "م") &&
      colonTime &&
      s[j - 1] === " " &&
      /^(?:$|[\s-])/.test(s.slice(j + 1, j + 2))
    )
      j++;
    else if (c === "Z" || c === "\u202f" || c === "\u00a0") j++;
    else break;
  }
  while (j > i && " ,".includes(s[j - 1]!)) j--;
  if (colonTime) return digits >= 3 ? j - i : 0;
  // a time written with a point after a date, as Indonesian, Finnish or Danish phones write it:
  // "06/12/25 20.58" (a bounded slice, checked once)
  return DATE_DOT_TIME.exec(s.slice(i, j))?.[0].length ?? 0;
}

const DATE_DOT_TIME = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},? \d{1,2}\.\d{2}(?:\.\d{2})?(?=$|[ ,-])/;

/**
 * "Maya Okafor  10:41 AM" → "Maya Okafor", "Ana — 10:01 PM" → "Ana": a short name, then a time
 * that ends the line. (A header whose time is followed by more, "Ana — 10:01 PM (edited)", is
 * read by the name-alone branch of readLabel.)
 */
function nameBeforeTime(s: string): string | undefined {
  if (s.length > MAX_LABEL_CHARS + 24) return undefined;
  const tokens = s.split(/\s+/);
  for (let k = tokens.length - 1; k >= Math.max(1, tokens.length - 4); k--) {
    // a transcriber's bracketed time: "SPEAKER_00 [00:00:02]", "Interviewer (01:12)"
    const tail = tokens
      .slice(k)
      .join(" ")
      .replace(/^[[(](.*)[\])]$/, "$1");
    if (timestampLength(tail, 0) === tail.length) {
      // the separator some apps put between the two goes too: "Ana — 10:01 PM"
      const name = tokens
        .slice(0, k)
        .join(" ")
        .replace(/\s*[—–·•|-]$/, "");
      // a date before the time belongs to the stamp: "Priya Natarajan  12/4/2025 3:41 PM"
      if (/\d/.test(name.replace(/\d+$/, ""))) continue;
      // a month in words is no name: "Dec 05, 2025 10:41 PM"; nor is a field's name
      // ("Saved at: 4/12/2025 00:12")
      if (monthDateLength(s) > 0 || /[:：]$/.test(name)) return undefined;
      return name;
    }
  }
  return undefined;
}

/**
 * "2025-12-03 22:01:17 陈思" → "陈思": a date and time, then a short name that ends the line (at
 * most three words, no sentence in it).
 */
function nameAfterTime(s: string): string | undefined {
  if (s.length > MAX_LABEL_CHARS + 24) return undefined;
  // a time in brackets is a stamp with or without its date: "[di 21:03] Sanne de Vries"
  const bracketed = leadingTime(s);
  const n = bracketed.bracketed ? bracketed.end : timestampLength(s, 0);
  // (unbracketed, with its date, or a recording's offset with seconds: Word's "00:01:27 Speaker 1")
  const stamp = s.slice(0, n).trim();
  if (
    !bracketed.bracketed &&
    (n < 8 || !/\d[-/.]\d|\d[-/.]\d{2}/.test(stamp)) &&
    !/^\d{1,2}:\d{2}:\d{2}$/.test(stamp)
  )
    return undefined;
  const name = s.slice(n).trim();
  if (!name || name.split(/\s+/).length > 3 || /[:：,，。.!?！？]/.test(name)) return undefined;
  // the stamp's time zone is no sender: "2025/12/03 22:14:52 JST"
  if (zoneLength(name, 0) === name.length) return undefined;
  return name;
}

/** Words for morning and afternoon that chat apps put before a time ("오후 3:41", "午後3:41"). */
const DAY_HALVES = ["오전", "오후", "午前", "午後", "上午", "下午"];

/**
 * KakaoTalk's line: "[김민준] [오후 3:41] text" → the name and the offset of the text, when the
 * second bracket holds a time.
 */
function bracketedNameAndTime(s: string): { name: string; rest: number } | undefined {
  if (s[0] !== "[") return undefined;
  const close = s.indexOf("]");
  if (close < 2 || close > 40 || s[close + 1] !== " " || s[close + 2] !== "[") return undefined;
  const close2 = s.indexOf("]", close + 3);
  if (close2 < 0 || close2 - close > 30) return undefined;
  let time = s.slice(close + 3, close2).trim();
  for (const h of DAY_HALVES) if (time.startsWith(h)) time = time.slice(h.length).trim();
  if (timestampLength(time, 0) !== time.length || !time) return undefined;
  return { name: s.slice(1, close).trim(), rest: close2 + 1 };
}

/** Name words after a chat-app's timestamp: "[12/03/25, 22:01:17] Ana: …" → offset of "Ana". */
function afterChatStamp(s: string): number {
  const t = leadingTime(s);
  if (t.bracketed) return t.end;
  if (t.end > 0 && (s.slice(t.end).startsWith(" - ") || s.slice(t.end).startsWith(" – ")))
    return t.end + 3;
  // (the scan takes a hyphen for a date's separator: "03/12/2025, 20:43 -" then " Meta AI: …",
  // as WhatsApp's Android export writes each message)
  if (t.end > 0 && / -$/.test(s.slice(0, t.end)) && s[t.end] === " ") return t.end + 1;
  return 0;
}

/**
 * A line's leading time, as chat exports and IRC clients write it: in brackets ("[21:04]",
 * "[12/3/25, 9:41 PM]") or bare ("21:04:13"); the offset after it (0 if none) and which it was.
 */
function leadingTime(s: string): { end: number; bracketed: boolean } {
  if (s[0] === "[") {
    const close = s.indexOf("]");
    // (a weekday may open it: "[di 21:03]", "[Tue 9:41 PM]")
    const inner = s
      .slice(1, Math.max(1, close))
      .trim()
      .replace(/^\p{L}{1,4}\.?,?\s+(?=\d)/u, "");
    return close > 4 && close < 40 && timestampLength(inner, 0) > 0
      ? { end: close + 1, bracketed: true }
      : { end: 0, bracketed: false };
  }
  return { end: timestampLength(s, 0), bracketed: false };
}

/**
 * An IRC client's message line: an optional time, then the nick in angle brackets with its
 * channel mode ("21:04 < kasia_w> text", "[21:04] <@bartek> text", "21:05:13 <gptbot> text"),
 * or an action ("21:06  * zuza waves"). The nick and the offset of the text.
 */
function ircNick(s: string): { name: string; rest: number } | undefined {
  const time = leadingTime(s);
  if (s[0] === "[" && !time.bracketed) return undefined;
  let i = time.end;
  while (s[i] === " ") i++;
  if (s[i] === "*" && s[i + 1] === " ") {
    // an action names its nick as the first word
    const end = s.indexOf(" ", i + 2);
    if (end < 0 || end - i > 34 || i === 0) return undefined;
    return { name: s.slice(i + 2, end), rest: i + 2 };
  }
  if (s[i] !== "<") return undefined;
  const close = s.indexOf(">", i);
  if (close < 0 || close - i > 34) return undefined;
  const nick = s
    .slice(i + 1, close)
    .trim()
    .replace(/^[@+%~&]/, "");
  if (!/^[\p{L}\p{N}_\-[\]`^{}|.]{1,32}$/u.test(nick)) return undefined;
  return { name: nick, rest: close + 1 };
}

/**
 * A chat export's tab-separated line: time, sender, message ("21:03\tต้น\tทำแล้ว…", LINE's
 * text export); the sender and the offset of the message (a quote opening a multi-line message
 * goes with the sender).
 */
function tabbedSender(s: string): { name: string; rest: number } | undefined {
  const t1 = s.indexOf("\t");
  if (t1 < 4 || t1 > 24 || timestampLength(s.slice(0, t1), 0) !== t1) return undefined;
  const t2 = s.indexOf("\t", t1 + 1);
  if (t2 < 0 || t2 - t1 > 42) return undefined;
  return { name: s.slice(t1 + 1, t2).trim(), rest: s[t2 + 1] === '"' ? t2 + 2 : t2 + 1 };
}

const ANSWER_WORDS = new Set(words("answer"));

/**
 * Whoever's answer it is, a label naming the answer marks the answering side: "Student answer:"
 * on a marked sheet (with its colon: a title line "HW12 answers" is not).
 */
const namesAnswer = (name: string) => {
  const ws = name.split(" ");
  // a person's answer ("student answer", "user answer") or an answer and its owner, in words
  // only: "c) the answer is" and "The answer is" open answers, they are no labels
  // (an elided particle keeps its apostrophe: Maltese "Tweġiba ta' Claude", Italian "Risposta d'IA")
  if (ws.length < 2 || ws.length > 3 || !/^[\p{L}\p{M}'’ ]+$/u.test(name)) return false;
  const [first, last] = [ws[0]!, ws[ws.length - 1]!];
  // (and the model's: "Respuesta de Gemini", "ChatGPT answer")
  const owner = (w: string) => PERSON.has(w) || roleOfName(w) === "model";
  // (a model's name of two words after the answer word: "Ҷавоби Le Chat")
  const rest = ws.slice(1).join(" ");
  return (
    (owner(first) && ANSWER_WORDS.has(last)) ||
    (ANSWER_WORDS.has(first) && (owner(last) || roleOfName(rest) === "model"))
  );
};

export function roleOfName(name: string): SpeakerRole {
  const ws = name.split(" ");
  if (ws.length === 2 && botTags.includes(ws[1]!)) return "model";
  // a model's answer named in the possessive: "DeepSeek's answer", "Gemini’s answer"
  if (ws.length === 2 && ANSWER_WORDS.has(ws[1]!) && /['’]s$/.test(ws[0]!))
    return roleOfName(ws[0]!.slice(0, -2)) === "model" ? "model" : "unknown";
  if (PERSON.has(name) || PERSON.has(ws[0]!)) return "person";
  if (MODEL.has(name) || MODEL.has(ws[0]!)) return "model";
  // a model's name, possibly with a version: "gpt-4o", "claude 3.5", "tutorbot"
  for (const m of modelNames) {
    if (name === m || name.startsWith(`${m} `) || name.startsWith(`${m}-`)) return "model";
    // (at the name's either end, in a short one: "Respuesta de Gemini" is the model's, "Īsumā
    // par Gemini atbildi", "briefly on Gemini's answer", is a person's heading)
    if (
      ws.length <= 3 &&
      [ws[0]!, ws[ws.length - 1]!].some(
        (w) => w === m || (m.length >= 3 && w.startsWith(m) && /^[\d.-]/.test(w.slice(m.length))),
      )
    )
      return "model";
    if (m.length >= 3 && ws.length === 1 && ws[0]!.endsWith(m) && !/[aeiou]$/.test(m.slice(0, 1)))
      return "model";
    // (a name of two words at the end, after at most two: Tajik "Ҷавоби Le Chat")
    if (m.includes(" ") && name.endsWith(` ${m}`) && ws.length - m.split(" ").length <= 2)
      return "model";
  }
  return "unknown";
}

/**
 * A plain line that is a speaker's name opens with it ("Gemini 2.5 Pro", "Le Chat"); one that only
 * contains it is a title ("Conversación con Gemini", "Conversation with Claude").
 */
function opensWithSpeaker(name: string): boolean {
  const ws = name.split(" ");
  return [1, 2].some((n) => n <= ws.length && roleOfName(ws.slice(0, n).join(" ")) !== "unknown");
}

/** A line that is a tag in brackets, after a part's label perhaps: "[Claude 답변 인용]", "(d) ii. [Gemini]". */
const BRACKET_TAG = /^\s*((?:\d\s?)?\(?[a-h]\)(?:\s?\(?i{1,3}\)?\.?)?\s+)?\[([^[\]\n]{2,40})\]\s*$/;

/** Whether a name opens with a model's ("claude 답변 인용", "gemini's answer"). */
function opensWithModel(name: string): boolean {
  const ws = name.split(" ");
  return [1, 2].some((n) => n <= ws.length && modelNames.includes(ws.slice(0, n).join(" ")));
}

/** A part named before a speaker's name in a label: "(a) DeepSeek", "**(b)** Claude". */
const LEADING_PART = /^\s*(?:\*\*|__)?\(?(?:[a-h]|[ivx]{1,4})\)(?:\*\*|__)?\s+/;

/** A part named at a label's end, with the short word that leads to it: " għal (a)", " to (ii)". */
const PART_IN_LABEL = /(?:\s+\p{L}{1,4})?\s+(\d?\((?:[a-h]|[ivx]{1,4})\))\s*$/u;

/** "Assistant (GPT-4o mini)" → "assistant"; "Tú dijiste" → "tú"; "ChatGPT a dit" → "chatgpt". */
function normaliseName(raw: string): { name: string; said: boolean } {
  let s = stripMarkup(raw).toLowerCase();
  const paren = s.indexOf("(");
  // a version or mode in parentheses goes; an option does not ("chatgpt said (b)" is a message)
  if (paren > 0 && !/^\(\w\)/.test(s.slice(paren))) s = s.slice(0, paren);
  // a separator before a version or a mode goes with it: "ChatGPT | GPT-4o", "Ana — 10:01"
  const dash = s.search(/ [—–|·-] /);
  if (dash > 0) s = s.slice(0, dash);
  // and so do emoji a bot's display name carries ("Tutor 🤖")
  s = s.replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu, "");
  // emphasis closed before the cut: "**dev.null** — Today at 9:43 PM"
  s = stripMarkup(s.replace(/\s+/g, " ").trim()).replaceAll("**", "").trim();
  let said = false;
  for (const w of SAID) {
    // Korean and Japanese attach it to the name with a particle ("ChatGPT의 말", "あなたの発言");
    // Chinese labels are whole ("你说")
    if (s.endsWith(` ${w}`) || (PARTICLE.test(w[0]!) && s.length > w.length && s.endsWith(w))) {
      s = s.slice(0, -w.length).trim();
      said = true;
      break;
    }
    // verb-first languages put it before the name: Arabic "قال ChatGPT"
    if (s.startsWith(`${w} `) && s.length > w.length + 1) {
      s = s.slice(w.length + 1).trim();
      said = true;
      break;
    }
  }
  return { name: s, said };
}

function looksLikeName(name: string): boolean {
  if (!name || name.length > MAX_LABEL_CHARS) return false;
  const ws = name.split(" ");
  if (ws.length > MAX_LABEL_WORDS) return false;
  // math, code and part labels are not names, nor is a form field's number ("Student no. 20231187")
  // (a diarizer's speaker id is a name: "speaker_00", "SPEAKER_01")
  if (/^\p{L}+_\d{1,3}$/u.test(name)) return true;
  // (a word's other gender after a slash is a name's: Czech "Řekl/a jste", "Student/in")
  const ungendered = name.replace(/(?<=\p{L}{2})\/(?=\p{L}{1,3}(?!\p{L}))/gu, "");
  for (const c of ungendered) if ("=+<>|∞‖/\\[]{}$`^_".includes(c)) return false;
  if (/\d{4}/.test(name)) return false;
  // a sentence's end inside is prose, not a name ("pengguna minta semua bagian. soal 1"); a
  // title's point before a name is not one ("Dr. Katrin Vogel", "Prof. Li")
  if (/[.!?] /.test(name.replace(/^\p{L}{1,4}\. /u, "")) || /[。！？]/.test(name)) return false;
  // a name starts with a letter and has a word of two letters or more ("(b)", "2a" are labels of parts)
  if (!/^\p{L}/u.test(name)) return false;
  return (
    wordsOf(name).some((w) => w.length >= 2 || w.charCodeAt(0) > 127) ||
    name === "q" ||
    name === "a"
  );
}

/**
 * The speaker label that opens this line, if its head is shaped like one: a short name before a
 * colon ("**Tú dijiste:**", "Assistant (GPT-4o mini): …", "[12/03/25, 22:01] Ana: …"), or a short
 * line that is only a name ("**Gemini**", "## Response").
 */
export function readLabel(line: Line): Label | undefined {
  if (line.kind === "code" || line.kind === "table" || line.kind === "blank") return undefined;
  const content = line.content;
  // an HTML tag is markup, not a speaker ("<details>", "<summary>Copilot output</summary>")
  if (/^\s*<\/?[a-z][\w-]*[\s>]/i.test(content)) return undefined;
  // a report's tag over each quoted answer, in brackets, naming the model ("[Claude 답변 인용]",
  // "(a) [Claude 답변 인용]", Claude's answer quoted); a part before it opens that part
  const tag = BRACKET_TAG.exec(stripMarkup(content));
  if (tag) {
    const { name } = normaliseName(tag[2]!);
    if (opensWithModel(name))
      return tag[1]
        ? { name, role: "model", rest: 0, strong: false, alone: false }
        : { name, role: "model", rest: content.length, strong: false, alone: true };
  }
  const head = content.slice(0, 160);
  const stamp = afterChatStamp(head.trimStart());
  const lead = head.length - head.trimStart().length;
  const from = stamp > 0 ? lead + stamp : 0;
  const s = head.slice(from);
  // the colon of a label comes within its first words (":" or the full-width "：")
  let colon = -1;
  for (let i = 0; i < Math.min(s.length, MAX_LABEL_CHARS + 8); i++) {
    if (s[i] === ":" || s[i] === "：") {
      colon = i;
      break;
    }
  }
  const tabbed = tabbedSender(head.trimStart());
  if (tabbed) {
    const { name } = normaliseName(tabbed.name);
    if (looksLikeName(name)) {
      const rest = lead + tabbed.rest;
      return { name, role: roleOfName(name), rest, strong: true, alone: rest >= content.length };
    }
  }
  const irc = ircNick(head.trimStart());
  if (irc) {
    const name = irc.name.toLowerCase();
    let rest = lead + irc.rest;
    while (rest < content.length && content[rest] === " ") rest++;
    return { name, role: roleOfName(name), rest, strong: true, alone: rest >= content.length };
  }
  const kakao = bracketedNameAndTime(head.trimStart());
  if (kakao) {
    const { name } = normaliseName(kakao.name);
    if (looksLikeName(name)) {
      let rest = lead + kakao.rest;
      while (rest < content.length && content[rest] === " ") rest++;
      return { name, role: roleOfName(name), rest, strong: true, alone: rest >= content.length };
    }
  }
  // a header of a time and a name: WeChat's "2025-12-03 22:01:17 陈思"
  const stampThenName = nameAfterTime(stripMarkup(head).trim());
  if (stampThenName) {
    const { name } = normaliseName(stampThenName);
    if (looksLikeName(name) && !isStructureWord(name))
      return { name, role: roleOfName(name), rest: content.length, strong: true, alone: true };
  }
  // a header of a name and a time: Slack's "Maya Okafor  10:41 AM", Otter's "Speaker 1  0:31"
  const timed = nameBeforeTime(stripMarkup(s).trim());
  if (timed) {
    const { name } = normaliseName(timed);
    if (looksLikeName(name) && !isStructureWord(name))
      return { name, role: roleOfName(name), rest: content.length, strong: true, alone: true };
  }
  // a forum's comment header: the author's handle, a "·" and the comment's age ("u/kl_annealer ·
  // 4h", "@ana_b · 2d")
  const aged = AGED_HANDLE.exec(stripMarkup(s).trim());
  if (aged)
    return {
      name: aged[1]!.toLowerCase(),
      role: roleOfName(aged[1]!.toLowerCase()),
      rest: content.length,
      strong: true,
      alone: true,
    };
  // (an address's scheme is no speaker: "https://en.wikipedia.org/…")
  if (colon > 0 && s.startsWith("//", colon + 1)) colon = -1;
  if (colon > 0) {
    // (or name it first, as a report sets each part's quoted answer: "(a) DeepSeek:"; the message
    // then opens at the part, its label and all, for the part to be read)
    const first = LEADING_PART.exec(s.slice(0, colon));
    if (first) {
      // (a model's name: after a part, "Student answer:" is a form's field, read as it always was)
      const { name } = normaliseName(s.slice(first[0].length, colon));
      if (roleOfName(name) === "model" && !namesAnswer(name))
        return { name, role: "model", rest: from, strong: false, alone: false };
    }
    // (a label may name the part its message answers: "Tweġiba ta' Claude għal (a):", "Claude's
    // answer to (ii):"; the word that leads to the part goes, and the message opens at the part)
    // (a speaker's name only: "Panel (a):" names no one)
    const named = PART_IN_LABEL.exec(s.slice(0, colon));
    const withoutPart = named ? normaliseName(s.slice(0, named.index)) : undefined;
    const part =
      withoutPart && (roleOfName(withoutPart.name) !== "unknown" || namesAnswer(withoutPart.name))
        ? named
        : null;
    const { name, said } = part ? withoutPart! : normaliseName(s.slice(0, colon));
    // "ChatGPT said:" is a label; "I asked Copilot, pasting what it said:" is a sentence
    const sentence = said && (name.includes(",") || name.split(" ").length > 4);
    if (looksLikeName(name) && !sentence && !/^[a-z]$/.test(name.replace(/^[q]$/, ""))) {
      let rest = part ? from + part.index + part[0].indexOf(part[1]!) : from + colon + 1;
      while (rest < content.length && "*_ \t".includes(content[rest]!)) rest++;
      // "Q:" and "A:" are labels only as a pair; single letters otherwise are part or plot labels
      if (name.length === 1 && name !== "q" && name !== "a") return undefined;
      return {
        name,
        role: name === "a" || namesAnswer(name) ? "model" : roleOfName(name),
        rest,
        strong: said || stamp > 0,
        alone: rest >= content.length,
      };
    }
  }
  // a name alone on its line, bold or as a heading, or a chat-app header "Ana — 10:01 PM"
  const trimmed = stripMarkup(content).trim();
  // a note in parentheses may run long: "**ChatGPT (after I told it to read the axes)**"
  const bold = /^\s*(\*\*|__)/.test(content) || line.kind === "heading";
  const noted = bold ? trimmed.replace(/\s\([^()]{1,120}\)$/, "") : trimmed;
  // (a name, a separator and the part the message answers may run long: "Respuesta de ChatGPT —
  // (ii) mejor espacio latente"; the name is what must be short)
  const sep = / [—–|·] /.exec(trimmed);
  const partAfter =
    sep !== null &&
    sep.index <= 40 &&
    trimmed.length <= 120 &&
    /^\(?(?:[ivx]{1,4}|[a-h]|\d\s?\(?[a-h]?)\)/.test(trimmed.slice(sep.index + 3));
  if (trimmed.length > 0 && (noted.length <= 40 || partAfter)) {
    const { name, said } = normaliseName(withoutFullStop(trimmed));
    const timed =
      / [—–-] /.test(trimmed) &&
      timestampLength(
        trimmed
          .split(/ [—–-] /)
          .pop()!
          .trim(),
        0,
      ) > 0;
    // a chat app's header may carry a handle ("jonah_w — 12/03/2025 10:02 PM"), underscore and all
    const handle = timed && /^\p{L}[\p{L}\d._-]{1,31}$/u.test(name);
    if (
      (looksLikeName(name) || handle) &&
      !(isProse(name) && !said) &&
      (bold || said || timed || opensWithSpeaker(name))
    ) {
      if (name.split(" ").length <= 4) {
        // what follows a separator is the message's own start: "**ChatGPT — (a)**" opens (a)
        const after = sep && !timed ? trimmed.slice(sep.index + 3).trim() : "";
        const at = after ? content.lastIndexOf(after) : -1;
        return {
          name,
          role: roleOfName(name),
          rest: at > 0 ? at : content.length,
          strong: said || timed,
          alone: at <= 0,
        };
      }
    }
  }
  return undefined;
}

/**
 * A label alone on its line without the full stop a UI may close it with ("Դուք ասացիք.",
 * "Դուք ասացիք։"), where the rest is a party's label; other lines as they are.
 */
function withoutFullStop(line: string): string {
  const bare = line.replace(/[.։।。]$/u, "");
  return bare !== line && roleOfName(normaliseName(bare).name) !== "unknown" ? bare : line;
}

/** A short line of a name (at most three words, no sentence mark) as a sender's label. */
function nameUnderStamp(l: Line): Label | undefined {
  if (l.kind !== "paragraph") return undefined;
  const trimmed = stripMarkup(l.content).trim();
  if (trimmed.length === 0 || trimmed.length > 40 || /[.!?,;:。！？，；：]/.test(trimmed))
    return undefined;
  const { name } = normaliseName(trimmed);
  if (!looksLikeName(name) || name.split(" ").length > 3 || isProse(name)) return undefined;
  return { name, role: roleOfName(name), rest: l.content.length, strong: false, alone: true };
}

/**
 * A message's time on its own line, with at most a word before it (a day: "Tuesday", "Ayer",
 * "昨天") and a word after it (a flag: "Edited"): "Tuesday 10:53 PM  Edited", "10:41".
 */
function isTimeUnderName(l: Line): boolean {
  return l.kind === "paragraph" && isHeaderTime(l.content);
}

/** A header's time line: "Tuesday 10:53 PM  Edited", "10:41" (see isTimeUnderName). */
export function isHeaderTime(content: string): boolean {
  const s = stripMarkup(content).trim();
  if (s.length > 40) return false;
  if (isTimestamp(s) || RELATIVE_AGE.test(s)) return true;
  const tokens = s.split(/\s+/);
  const isWord = (t: string | undefined) => t !== undefined && /^\p{L}{2,12},?$/u.test(t);
  for (const lead of [0, 1])
    for (const trail of [0, 1]) {
      if (lead && !isWord(tokens[0])) continue;
      if (trail && !isWord(tokens[tokens.length - 1])) continue;
      const rest = tokens.slice(lead, tokens.length - trail).join(" ");
      if (rest && timestampLength(rest, 0) === rest.length) return true;
    }
  return false;
}

/**
 * A comment's age as an English-only page writes it under its author, after a verb: GitHub's
 * "commented 2 days ago", "opened yesterday".
 */
const RELATIVE_AGE =
  /^(?:commented|opened|replied|posted|wrote)(?: (?:on|about))? (?:(?:\d{1,3}|an?) (?:second|minute|hour|day|week|month|year)s? ago|yesterday|just now)(?: · .{1,30})?$/i;

/**
 * Whether a label is a structural word of an answer ("**Answer:**", "**Fix.**") or a formula's
 * function name ("log" alone on a line, math copied glyph by glyph), never a speaker.
 */
export function isStructureWord(name: string): boolean {
  const bare = name.replace(/^(the|a|an|my|our|your|its) /, "");
  if (STRUCTURE.has(bare) || MATH_WORDS.has(bare)) return true;
  return STRUCTURE.has(bare.split(" ")[0]!);
}

/** Words of prose, not of a name: a label holding one is a sentence's head ("Using the trick:"). */
const PROSE = new Set([
  "the",
  "of",
  "to",
  "with",
  "using",
  "from",
  "for",
  "and",
  "is",
  "are",
  "this",
  "that",
  "it",
  "we",
  "i",
  "in",
  "on",
  "by",
  "as",
  "be",
  "have",
  "has",
  "let",
  "here",
  "so",
]);

function isProse(name: string): boolean {
  return name.split(" ").some((w) => PROSE.has(w));
}

/**
 * The labels of this transcript that name speakers. A label counts when its wording names a
 * speaker in some language (with a colon, or alone on its line), when it says "said" or comes from
 * a chat-app line, or when an unfamiliar name recurs as a label at least twice and is not an
 * answer's own structure word.
 */
export function speakerLabels(lines: Line[]): Map<number, Label> {
  const found = new Map<number, Label>();
  const counts = new Map<string, number>();
  const avatars = avatarInitials(lines);
  const plainNames = recurringPlainNames(lines);
  let afterStamp = false;
  let afterHeader = false;
  let prev: Line | undefined;
  const dayWords = new Set<string>();
  /** A party's label read as the message under a sender's header, kept if it heads another. */
  const underHeader = new Map<number, Label>();
  /** Whether the line above was the first line of a message, under its sender's header. */
  let aboveUnderHeader = false;
  for (const l of lines) {
    if (l.kind === "blank") continue;
    const above = prev;
    const aboveIsMessage = aboveUnderHeader;
    prev = l;
    aboveUnderHeader = afterHeader;
    // a sender's name alone on the line over a time (Teams, Google Chat: "Priya Raman" /
    // "Tuesday 10:41 PM  Edited" / the message): the name is the label, the time line no sender
    // (a short message over the next message's time, "ok thanks" / "10:42", is no name)
    if (
      above &&
      !aboveIsMessage &&
      !found.has(above.index) &&
      isTimeUnderName(l) &&
      !nameAfterTime(stripMarkup(l.content).trim())
    ) {
      const name = nameUnderStamp(above);
      if (name) {
        // the word before the time is a day ("Tuesday"), never a sender, wherever it heads a line
        const day = /^\p{L}+/u.exec(stripMarkup(l.content).trim())?.[0];
        if (day) dayWords.add(day.toLowerCase());
        found.set(above.index, { ...name, strong: true });
        counts.set(name.name, (counts.get(name.name) ?? 0) + 1);
        afterHeader = true;
        afterStamp = false;
        continue;
      }
    }
    // a sender's name alone on the line under a timestamp (iMessage and Signal exports:
    // "Dec 05, 2025 10:41 PM" / "Tanvir" / the message)
    const underStamp = afterStamp ? nameUnderStamp(l) : undefined;
    afterStamp = isTimestamp(l.content);
    const plainName = plainNames.get(l.index);
    let lab = readLabel(l) ?? underStamp ?? avatars.get(l.index) ?? plainName;
    // the line under a sender's header is the message, however short ("u up"), unless it is
    // shaped as a label of its own (a colon, bold, a heading: a title line, then "You:")
    const bare =
      !/[:：]/.test(l.content) && l.kind !== "heading" && !/^\s*(\*\*|__)/.test(l.content);
    // (a name that recurs over every message, "Ìwọ", is one under the app's name too)
    if (lab && afterHeader && bare && !lab.strong && lab !== underStamp && lab !== plainName) {
      // (unless it is a party's label that heads a message elsewhere too: a chat pasted into a
      // team chat, "[21:13] Emre Kaya" over "You said" over the question; see below)
      if (lab.role !== "unknown") underHeader.set(l.index, lab);
      lab = undefined;
    }
    afterHeader = lab?.alone === true;
    if (!lab) continue;
    found.set(l.index, lab);
    counts.set(lab.name, (counts.get(lab.name) ?? 0) + 1);
  }
  const underCounts = new Map<string, number>();
  for (const lab of underHeader.values())
    underCounts.set(lab.name, (underCounts.get(lab.name) ?? 0) + 1);
  // (or that heads two messages so: "Qwen3-Max" over each reply a group member pastes)
  const restored = [...underHeader].filter(
    ([, lab]) => counts.has(lab.name) || underCounts.get(lab.name)! >= 2,
  );
  for (const [i, lab] of restored) {
    found.set(i, lab);
    counts.set(lab.name, (counts.get(lab.name) ?? 0) + 1);
  }
  // (in the file's order: the sequence of names below reads turns in order)
  if (restored.length) {
    const ordered = [...found].sort(([a], [b]) => a - b);
    found.clear();
    for (const [i, lab] of ordered) found.set(i, lab);
  }
  // "Q:"/"A:" lines are turns only when questions recur and answers follow them
  const qa = (counts.get("q") ?? 0) >= 1 && (counts.get("a") ?? 0) >= 1;
  // an unfamiliar name is a speaker only if its turns alternate with someone else's
  const sequence = [...found.values()].map((l) => l.name);
  const alternates = (name: string) =>
    sequence.some((n, k) => n === name && k > 0 && sequence[k - 1] !== name);
  // a known speaker's label sets a frame its counterpart shares: "Sent by Copilot" makes
  // "Sent by you" a label too, whatever the frame's words, its role the name in the last place
  const frameOf = (name: string) => name.slice(0, name.lastIndexOf(" ") + 1);
  const frames = new Set(
    [...found.values()].filter((l) => l.role !== "unknown" && l.alone).map((l) => frameOf(l.name)),
  );
  frames.delete("");
  // the app's name heading a page copy ("Le Chat" over "New chat", the chat list and the person's
  // message): the file's first line, plain, never again a plain label; a conversation opens with
  // the person
  const first = lines.find((l) => l.kind !== "blank");
  const appHeader = (i: number, lab: Label) =>
    i === first?.index &&
    lab.role === "model" &&
    lab.alone &&
    !lab.strong &&
    first.kind === "paragraph" &&
    !/^\s*(\*\*|__)|[:：]/.test(first.content) &&
    // (the turns under that name say so: "Copilot의 말:", "Copilot said:")
    [...found.values()].filter((l) => l.name === lab.name && !l.strong).length === 1;
  /** Names of a word and a number whose word recurs with another number ("Speaker 1", "Speaker 2"). */
  const numberedPeers = numberedPairs(sequence);
  const bothParties = ["person", "model"].every((r) =>
    [...found.values()].some((l) => l.role === r),
  );
  // the page's message box after the last message ("Copilot に送信", "Message Copilot" over
  // "Copilot may make mistakes"): once, last, a model's name with words added (to a recurring
  // label, or on a page whose turns have none: "Mesaj ChatGPT ⊕ 🎙"), over next to nothing
  let last = -1;
  for (const i of found.keys()) last = Math.max(last, i);
  const messageBox = (i: number, lab: Label) =>
    i === last &&
    lab.role === "model" &&
    counts.get(lab.name) === 1 &&
    ([...counts].some(([name, n]) => n >= 2 && name !== lab.name && lab.name.includes(name)) ||
      ([...found].every(([j, l]) => j === i || l.role === "unknown") &&
        wordsOf(lab.name).length >= 2 &&
        lines[i]!.kind === "paragraph" &&
        !/^\s*(\*\*|__)|[:：]/.test(lines[i]!.content))) &&
    lines.slice(i + 1).reduce((chars, l) => chars + l.content.trim().length, lab.alone ? 0 : 120) <
      120;
  const out = new Map<number, Label>();
  for (const [i, raw] of found) {
    if (appHeader(i, raw) || messageBox(i, raw)) continue;
    const framed = raw.role === "unknown" && raw.alone && frames.has(frameOf(raw.name));
    const lab = framed
      ? { ...raw, role: roleOfName(raw.name.slice(frameOf(raw.name).length)) }
      : raw;
    if ((lab.name === "q" || lab.name === "a") && !qa) continue;
    if (dayWords.has(lab.name)) continue;
    if (isStructureWord(lab.name) && !lab.strong && !namesAnswer(lab.name)) continue;
    if (reasoningOpener(lines[i]!)) continue;
    const n = counts.get(lab.name) ?? 0;
    const known = lab.role !== "unknown";
    if (known && (lab.alone || lab.strong || n >= 2 || lab.rest <= 40)) out.set(i, lab);
    else if (lab.strong) out.set(i, lab);
    else if (
      !known &&
      !lines[i]!.bullet &&
      // a word and a number is a reference ("linha 9:"), not a third party, where both parties
      // are named ("Participant 57:" names one where nobody else is named); without a colon it is
      // a heading ("# line 9 (before)", "# 第9行（修改后）" in code copied as text) unless another
      // party is the same word with another number ("Speaker 1" / "Speaker 2")
      !(
        NUMBER_TOKEN.test(lab.name) &&
        (bothParties || (!/[:：]/.test(lines[i]!.content) && !numberedPeers.has(lab.name)))
      ) &&
      // nor is a heading of one word there ("### Begründung" in each reply): a section's title
      !(bothParties && lines[i]!.kind === "heading" && !lab.name.includes(" ")) &&
      (!isProse(lab.name) || framed) &&
      n >= 2 &&
      alternates(lab.name) &&
      (lab.alone || n >= 3)
    )
      out.set(i, lab);
  }
  // one person-label line with text after it ("Student ID: 2219034") is a form field, not a turn
  if (out.size === 1) {
    const only = [...out.values()][0]!;
    if (only.role === "person" && !only.alone && !only.strong) out.clear();
  }
  return out;
}

/**
 * The person's name in a language no lexicon has, on a page that writes the model's name alone over
 * each reply ("Gemini" / …, "Ìwọ" / …): a plain line of one or two words, each over a message,
 * recurring with a model's plain label between each two of its lines, where nothing names the
 * person. Read as a name whose role the alternation with the model's turns then settles. (Math
 * copied from a page leaves short lines too, "log", "𝑒": several within one reply.)
 */
function recurringPlainNames(lines: Line[]): Map<number, Label> {
  const at = new Map<string, number[]>();
  /** How many plain model labels stand before each line. */
  const modelsBefore = new Int32Array(lines.length + 1);
  for (let i = 0; i < lines.length; i++) {
    modelsBefore[i + 1] = modelsBefore[i]!;
    const l = lines[i]!;
    if (l.kind !== "paragraph" || l.quote > 0 || l.bullet) continue;
    const t = l.content.trim();
    if (t.length < 2 || t.length > 24 || !/^[\p{L}\p{M}]+(?: [\p{L}\p{M}]+)?$/u.test(t)) continue;
    const name = t.toLowerCase();
    const role = roleOfName(name);
    if (role === "person") return new Map();
    // (a product's name: "Gemini", "Copilot"; not a word of the page, "Yanıt" (Answer))
    if (modelNames.some((m) => name === m || name.startsWith(`${m} `))) modelsBefore[i + 1]++;
    if (role !== "unknown" || isStructureWord(name) || PAGE_WORDS.has(name) || MATH_LETTER.test(t))
      continue;
    if (lines[i + 1]?.kind === "blank" || i + 1 >= lines.length) continue;
    const where = at.get(t);
    if (where) where.push(i);
    else at.set(t, [i]);
  }
  const out = new Map<number, Label>();
  for (const [t, where] of at) {
    const alternating = where.every(
      (i, k) => k === 0 || modelsBefore[i]! > modelsBefore[where[k - 1]! + 1]!,
    );
    if (where.length < 2 || !alternating) continue;
    for (const i of where) out.set(i, labelAlone(lines[i]!, t.toLowerCase(), "unknown", false));
  }
  return out;
}

/** A page's own words, in any language ("Share", "Paylaş", "Related", "İlgili"): never a name. */
const PAGE_WORDS = new Set(
  (["modelMessageEnd", "personMessageEnd", "sources", "related", "answer"] as const).flatMap((k) =>
    words(k).map((w) => w.toLowerCase()),
  ),
);
/** A speaker's label that is its whole line. */
function labelAlone(line: Line, name: string, role: SpeakerRole, strong: boolean): Label {
  return { name, role, rest: line.content.length, strong, alone: true };
}

/** A formula's function names, left one a line where a page's math is copied glyph by glyph ("log"). */
const MATH_WORDS = new Set([
  "log",
  "ln",
  "exp",
  "sin",
  "cos",
  "tan",
  "max",
  "min",
  "sup",
  "inf",
  "lim",
  "det",
  "arg",
  "argmax",
  "argmin",
  "var",
  "cov",
  "kl",
]);

/** Letters of the math alphabets (𝑒, 𝒩): a formula's pieces, never a name. */
const MATH_LETTER = /[\u{1D400}-\u{1D7FF}]/u;

/** Letters of a line that holds nothing but one to three capitals ("JM", "MR", "P"). */
function initialsOf(l: Line): string | undefined {
  if (l.kind !== "paragraph" || l.quote > 0 || l.bullet) return undefined;
  const t = l.content.trim();
  return /^\p{Lu}{1,3}$/u.test(t) ? t : undefined;
}

/**
 * Capitals that begin a name in the page's header: its first lines, each of a few words ("Shared
 * by Priya" over a shared Claude chat), a model's name aside.
 */
function headerInitials(lines: Line[]): Set<string> {
  const out = new Set<string>();
  const head = lines.filter((l) => l.kind !== "blank").slice(0, 12);
  for (const l of head) {
    const words = stripMarkup(l.content).trim().split(/\s+/);
    if (words.length < 2 || words.length > 5) continue;
    for (const w of words.slice(1))
      if (/^\p{Lu}\p{Ll}+$/u.test(w) && !modelNames.includes(w.toLowerCase())) out.add(w[0]!);
  }
  return out;
}

/** A short name written only in letters that have no case (Han, kana, Hangul, Arabic, …). */
function uncasedName(text: string): boolean {
  const t = stripMarkup(text).trim();
  return t.length >= 2 && t.length <= 12 && /^[\p{Lo}\p{Lm}\s·・]+$/u.test(t);
}

/**
 * The person's avatar in a chat page copied whole (Claude: "JM" over each of the person's
 * messages, and in the sidebar over the account's name, "Jordan M."): a line of two or three
 * capitals, recurring, that are the initials of a name written right under one of them; or of one
 * capital, the initial of the name in the page's header (a shared chat's "Shared by Priya"). The
 * model has no avatar there, so such a line always marks the person.
 */
function avatarInitials(lines: Line[]): Map<number, Label> {
  const at = new Map<string, number[]>();
  const named = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const ini = initialsOf(lines[i]!);
    if (!ini) continue;
    // (appended in place: a copy per line would make thousands of such lines quadratic)
    const where = at.get(ini);
    if (where) where.push(i);
    else at.set(ini, [i]);
    const next = lines.slice(i + 1, i + 3).find((l) => l.kind !== "blank");
    const words = next ? stripMarkup(next.content).trim().split(/\s+/) : [];
    const firsts = words.map((w) => w[0]?.toUpperCase() ?? "").join("");
    if (words.length >= 2 && words.length <= 3 && firsts === ini) named.add(ini);
    // a name in a script without capitals ("田中 翔"): the page romanizes it for the initials
    else if (words.length >= 1 && words.length <= 3 && next && uncasedName(next.content))
      named.add(ini);
  }
  // (one capital, "P", is the initial of the name the page's header gives, "Shared by Priya",
  // where each stands over a message's words: not a formula's "D" over "KL", copied glyph by glyph)
  const header = headerInitials(lines);
  const overWords = (i: number) => {
    const next = lines.slice(i + 1, i + 3).find((l) => l.kind !== "blank");
    return next !== undefined && /\S \S/.test(next.content) && next.content.trim().length >= 20;
  };
  for (const [ini, where] of at)
    if (ini.length === 1 && header.has(ini) && where.every(overWords)) named.add(ini);
  const out = new Map<number, Label>();
  for (const [ini, where] of at) {
    if (where.length < 2 || !named.has(ini)) continue;
    for (const i of where) out.set(i, labelAlone(lines[i]!, ini.toLowerCase(), "person", true));
  }
  return out;
}

/**
 * A terminal session's input line: `>>> ` before what the person typed (the Python REPL, Ollama and
 * llama.cpp prompts). Markdown reads the marker as nested quotes, so it is checked in the line's
 * own prefix; `... ` lines continue the input.
 */
export function isTerminalPrompt(line: Line): boolean {
  if (line.kind === "code") return false;
  return line.prefix.trimStart().startsWith(">>>") || line.content.startsWith(">>> ");
}

export function continuesTerminalInput(line: Line): boolean {
  return line.kind !== "code" && line.content.startsWith("... ");
}

/** A reasoning opener at the start of a line, and whether it only reports a duration. */
export function reasoningOpener(line: Line): { phrase: string; duration: boolean } | undefined {
  if (line.kind === "code" || line.kind === "blank") return undefined;
  const s = line.content.slice(0, 120);
  const d = startsWithPhrase(s, DURATION);
  if (d) return { phrase: d, duration: true };
  const r = startsWithPhrase(s, REASONING);
  if (!r) return undefined;
  // "Thinking about it, …" is prose; an opener is a short line or "Thought process: summary",
  // whose summary is a phrase: a paragraph after the colon is an answer's reasons
  // ("Razonamiento: el regularizador β·D_KL … solo depende de μ y σ, …")
  const after = stripMarkup(s).slice(r.length).trimStart();
  const summary = (after.startsWith(":") || after.startsWith("：")) && line.content.length <= 120;
  if (after === "" || summary || r.startsWith("<")) return { phrase: r, duration: false };
  // the word and a time alone, in any app's punctuation, its label too: "Réflexion · 14 s",
  // "Thinking (9s)", "思考完了（所要時間：41秒）" (time taken: 41 s)
  if (
    /^[·•|\-–—(（]?\s*(?:\p{L}{1,12}\s*[:：]\s*)?\d+(?:[.,]\d+)?\s*\p{L}{0,8}\.?\s*[)）]?$/u.test(
      after,
    )
  )
    return { phrase: r, duration: true };
  return undefined;
}

/** Whether a line closes tagged reasoning ("</think>"). */
export function closesReasoning(line: Line): boolean {
  return line.kind !== "code" && /<\/think(?:ing)?>/i.test(line.content.slice(0, 400));
}

/**
 * A number standing as its own word in a name, or between CJK characters: "line 9", "第9行" (an
 * identifier's digits, "Participant 4e81", are no number).
 */
const NUMBER_TOKEN =
  /(?:^|[\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])\d+(?:$|[\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/u;

/** The names with a number among `names` whose words come with two numbers or more. */
function numberedPairs(names: string[]): Set<string> {
  const numbers = new Map<string, Set<string>>();
  const frame = (name: string) => name.replace(/\d+/, "#");
  for (const name of names) {
    const n = /\d+/.exec(name)?.[0];
    if (n !== undefined) numbers.set(frame(name), (numbers.get(frame(name)) ?? new Set()).add(n));
  }
  return new Set(names.filter((name) => (numbers.get(frame(name))?.size ?? 0) >= 2));
}
