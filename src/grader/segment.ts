/**
 * Lines → who said what. Boundaries come from speaker labels, timestamps and reasoning openers;
 * a stretch between boundaries that no label names gets its role from its content (a reasoning
 * opener, answer marks, requests, text that matches the problem statement). Inside the model's
 * turns, the person's own comments and pasted problem text are told apart paragraph by paragraph.
 * Every decision records its cue, which `grade --explain` prints.
 */
import type { Option, Part, ProblemSet } from "../problems/schema.js";
import { modelNames, words } from "./lexicon/index.js";
import { type Line, nextNonBlank } from "./markdown.js";
import { EMPTY_BOXES, TICKED_BOXES } from "./normalize.js";
import { readMarker, withItemNumber } from "./parts.js";
import {
  closesReasoning,
  continuesTerminalInput,
  isTerminalPrompt,
  isTimestamp,
  type Label,
  reasoningOpener,
  speakerLabels,
} from "./speakers.js";
import { findPhrase, phrasesIn, startsWithPhrase, stripMarkup, wordsOf } from "./words.js";

/** The role of a line: the person, the model's visible answer, its reasoning, the person's
 * comments inside the model's turn, pasted problem text, or a third party (a classmate). */
export type Role = "person" | "model" | "reasoning" | "commentary" | "prompt" | "other";

export type LineRole = { role: Role; turn: number; cue: string };

export type Segmentation = {
  lines: Line[];
  roles: LineRole[];
  /** Speaker labels by line index. */
  labels: Map<number, Label>;
  /** Whether any boundary cue (label, timestamp, reasoning opener) was found. */
  structured: boolean;
};

const COMMENTARY = words("commentary");
const COMMENTARY_WEAK = words("commentaryWeak");
const JUDGED_WRONG = words("judgedWrong");
const JUDGED_RIGHT = words("judgedRight");
const REQUEST = words("request");
const ANSWER = words("answer");
const PROBLEM_WORDS = words("problem");
/** No part letters: a marker read for its problem number alone. */
const NO_LETTERS = new Set<string>();
/** A question mark closing a text, a quotation mark or bracket after it allowed. */
const ENDS_ASKING = /[?？؟]["”»)]?\s*$/;

const vocabularies = new WeakMap<ProblemSet, Set<string>>();

/**
 * Content words of the problem set's own texts: what pasted problem statements are made of. Read
 * once per problem set (the segmenter and the grader's reading of small talk both ask).
 */
export function problemVocabulary(set: ProblemSet): Set<string> {
  let v = vocabularies.get(set);
  if (!v) {
    const titles = set.problems.flatMap((p) => [p.title, ...p.keywords]);
    v = new Set([...titles, ...problemTexts(set)].flatMap(wordsOf).filter((w) => w.length >= 4));
    vocabularies.set(set, v);
  }
  return v;
}

/** The problem set's own sentences: each part's prompt and the descriptions of its options. */
export function problemTexts(set: ProblemSet): string[] {
  return set.parts.flatMap(partTexts);
}

/** A part's own sentences: its prompt and the descriptions of its options, items or cells. */
export function partTexts(part: Part): string[] {
  return [part.prompt, ...answerTerms(part).map((o) => o.description)];
}

/**
 * What an answer to a part names: a choice's options, an assignment's items and values, a grid's
 * rows and columns.
 */
export function answerTerms(part: Part): Option[] {
  return part.answerType === "single-choice"
    ? part.options
    : part.answerType === "assignment"
      ? [...part.items, ...part.values]
      : part.answerType === "checkbox-grid"
        ? [...part.rows, ...part.columns]
        : [];
}

/** Share of a text's content words that the problem set uses (0 for short texts). */
function overlap(text: string, vocab: Set<string>): number {
  const ws = wordsOf(text).filter((w) => w.length >= 4);
  if (ws.length < 6) return 0;
  return ws.filter((w) => vocab.has(w)).length / ws.length;
}

/** How much a paragraph reads as the person's voice inside a model's turn (≥ 2: commentary). */
export function commentaryScore(
  text: string,
  modelNamesHere: string[],
  vocab: Set<string> = new Set(),
): number {
  // (a link's or an image's address names no one: "![](blob:https://chat.mistral.ai/…)")
  const plain = stripMarkup(text).replace(/\]\([^()\s]{0,400}\)/g, "]");
  const lower = plain.toLowerCase();
  let score = 0;
  if (phrasesIn(lower, COMMENTARY).length) score += 2;
  score += Math.min(2, phrasesIn(lower, COMMENTARY_WEAK).length);
  for (const name of modelNamesHere) {
    // the model named in the third person: "Sonnet gets this correct", "Kimi's answer"
    const at = findPhrase(lower, name);
    if (at >= 0) {
      score += 2;
      break;
    }
  }
  if (/^(wrong|correct|right|agreed?|nope)\b/i.test(lower.slice(0, 12))) score += 2;
  // (a word of the problem's own statement is its term, not a judgment: "the validation error")
  const judged = [...phrasesIn(lower, JUDGED_WRONG), ...phrasesIn(lower, JUDGED_RIGHT)].filter(
    (p) => !wordsOf(p).every((w) => vocab.has(w)),
  );
  if (judged.length) score += 1;
  // an answer's own shape: a label, bold, a heading or a formula block opening it
  if (/^\s*(\*\*|__|#|\$\$|\||[-*+] |\(?[a-d1-9][).:])/.test(text)) score -= 2;
  return score;
}

/** Paragraphs: runs of lines of one block. */
function paragraphs(
  lines: Line[],
  from: number,
  to: number,
  roles?: LineRole[],
): [number, number][] {
  const out: [number, number][] = [];
  let i = from;
  while (i < to) {
    if (lines[i]!.kind === "blank") {
      i++;
      continue;
    }
    let j = i + 1;
    // a paragraph ends at a blank line, a new block, or a new turn (a timestamp inside it)
    while (
      j < to &&
      lines[j]!.block === lines[i]!.block &&
      lines[j]!.kind !== "blank" &&
      (!roles || roles[j]!.turn === roles[i]!.turn)
    )
      j++;
    out.push([i, j]);
    i = j;
  }
  return out;
}

const textOf = (lines: Line[], a: number, b: number) =>
  lines
    .slice(a, b)
    .map((l) => l.content)
    .join("\n");

/** Empty and ticked option boxes in a text. */
function countBoxes(text: string): { empty: number; ticked: number } {
  let empty = 0;
  let ticked = 0;
  for (const c of text) {
    if (EMPTY_BOXES.includes(c)) empty++;
    else if (TICKED_BOXES.includes(c)) ticked++;
  }
  return { empty, ticked };
}

/** A pasted problem statement: empty option boxes (☐ or HTML checkboxes) and none ticked. */
function isPromptText(text: string): boolean {
  const { empty, ticked } = countBoxes(text);
  if (empty >= 2 && ticked === 0) return true;
  if (/<input type="checkbox"\s*\/?>/.test(text.slice(0, 2000)) && !/checked/.test(text))
    return true;
  return false;
}

/** A question whose lettered options follow its mark, in order: "… 是哪条曲线？(a) …；(b) …；(c) …". */
function optionsAfterQuestion(text: string): boolean {
  const q = text.search(/[?？؟]/);
  if (q < 0) return false;
  let at = q;
  for (const option of ["(a)", "(b)", "(c)"]) {
    at = text.indexOf(option, at);
    if (at < 0) return false;
  }
  return true;
}

/** Scores of a stretch with no label: how much it reads as the person's, and as the model's. */
function stretchScores(
  text: string,
  vocab: Set<string>,
): { person: number; model: number; why: string } {
  const lower = text.toLowerCase();
  let person = 0;
  let model = 0;
  const why: string[] = [];
  const req = phrasesIn(lower.slice(-600), REQUEST);
  if (req.length) {
    person += 1 + Math.min(2, req.length);
    why.push(`request "${req[0]}"`);
  }
  if (isPromptText(text)) {
    person += 3;
    why.push("empty option boxes");
  }
  const ov = overlap(text.slice(0, 6000), vocab);
  if (ov > 0.6) {
    person += 1;
    why.push(`problem wording ${(ov * 100).toFixed(0)} %`);
  }
  if (countBoxes(text.slice(0, 20000)).ticked) {
    model += 2;
    why.push("ticked boxes");
  }
  const ans = phrasesIn(lower.slice(0, 20000), ANSWER);
  if (ans.length) {
    model += 1 + Math.min(2, ans.length);
    why.push(`answer words "${ans[0]}"`);
  }
  if (text.length > 1500) {
    model += 1;
    why.push("long");
  }
  // an answer works things out ("KL(P||Q) = log 2", "σ = 1/√d"); a question ends asking
  if ((text.slice(0, 20000).match(/[^\s=<>!:]\s?=\s?[^\s=]/g) ?? []).length >= 2) {
    model += 1;
    why.push("equations");
  }
  if (/[?？؟]["”»]?$/.test(text.trim())) {
    person += 1;
    why.push("ends with a question");
  }
  return { person, model, why: why.join(", ") || "no cue" };
}

/** Split the transcript into roles and turns. */
export function segment(lines: Line[], set: ProblemSet): Segmentation {
  const vocab = problemVocabulary(set);
  const labels = speakerLabels(lines);
  const roles: LineRole[] = lines.map(() => ({ role: "model", turn: 0, cue: "" }));

  // Boundaries: label lines, timestamp lines, reasoning openers; in a terminal session, each input
  // line (`>>> `, two or more of them) and the output that follows it.
  type Boundary = {
    at: number;
    kind: "label" | "timestamp" | "reasoning" | "prompt" | "output";
    label?: Label;
  };
  const bounds: Boundary[] = [];
  const terminal = lines.filter(isTerminalPrompt).length >= 2;
  let afterInput = false;
  for (const l of lines) {
    const lab = labels.get(l.index);
    if (terminal && isTerminalPrompt(l)) {
      bounds.push({ at: l.index, kind: "prompt" });
      afterInput = true;
      continue;
    }
    if (afterInput && (l.kind === "blank" || continuesTerminalInput(l))) continue;
    const output = afterInput;
    afterInput = false;
    if (lab) bounds.push({ at: l.index, kind: "label", label: lab });
    else if (l.kind !== "code" && isTimestamp(l.content))
      bounds.push({ at: l.index, kind: "timestamp" });
    else if (reasoningOpener(l)) bounds.push({ at: l.index, kind: "reasoning" });
    else if (output) bounds.push({ at: l.index, kind: "output" });
  }
  const structured = bounds.length > 0;

  // Roles of unfamiliar labels: the model is the one whose turns answer, the person the one
  // whose turns ask; with a known model present, other unfamiliar names are third parties.
  const unknownNames = [
    ...new Set([...labels.values()].filter((l) => l.role === "unknown").map((l) => l.name)),
  ];
  const knownModel = [...labels.values()].some((l) => l.role === "model");
  const knownPerson = [...labels.values()].some((l) => l.role === "person");
  const nameRole = new Map<string, Role>();
  if (unknownNames.length) {
    const score = new Map<string, number>();
    const wordCount = new Map<string, number>();
    const labelLines = [...labels.entries()].sort((a, b) => a[0] - b[0]);
    for (let k = 0; k < labelLines.length; k++) {
      const [at, lab] = labelLines[k]!;
      if (lab.role !== "unknown") continue;
      const end = labelLines[k + 1]?.[0] ?? lines.length;
      const t = lines[at]!.content.slice(lab.rest) + "\n" + textOf(lines, at + 1, end);
      const s = stretchScores(t, vocab);
      // the one who asks puts questions in their own words (not in the lines they quote)
      let asks = 0;
      for (let i = at; i < end; i++)
        if (lines[i]!.quote === 0 && ENDS_ASKING.test(lines[i]!.content)) asks++;
      const asking = asks >= 2 ? Math.min(3, asks) : 0;
      score.set(lab.name, (score.get(lab.name) ?? 0) + s.model - s.person - asking);
      wordCount.set(lab.name, (wordCount.get(lab.name) ?? 0) + wordsOf(t).length);
    }
    // Whoever answers says most: a model's turns outweigh the questions put to it, and in a
    // dictated or recorded session the one working through the parts outweighs the interjections.
    const byWords = [...wordCount.entries()].sort((a, b) => b[1] - a[1]);
    if (byWords.length >= 2 && byWords[0]![1] >= 2 * byWords[1]![1])
      score.set(byWords[0]![0], (score.get(byWords[0]![0]) ?? 0) + 3);
    const ranked = [...unknownNames].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0));
    ranked.forEach((name, i) => {
      // with a known model and no known person, every unfamiliar name is a person asking it
      // (a group chat with a bot); beside a known person they are third parties
      if (knownModel) nameRole.set(name, knownPerson ? "other" : "person");
      else if (i === 0) nameRole.set(name, "model");
      else nameRole.set(name, knownPerson ? "other" : "person");
    });
  }
  const labelRole = (lab: Label): Role =>
    lab.role === "person"
      ? "person"
      : lab.role === "model"
        ? "model"
        : (nameRole.get(lab.name) ?? "other");

  /** How many lines each label name heads. */
  const labelCounts = new Map<string, number>();
  for (const l of labels.values()) labelCounts.set(l.name, (labelCounts.get(l.name) ?? 0) + 1);
  const onlyModelLabelled =
    labels.size > 0 && [...labels.values()].every((l) => labelRole(l) === "model");
  /** Whether lines [from, to) read as a request rather than the rest of an answer ("---" in it). */
  const asksMore = (from: number, to: number) => {
    const s = stretchScores(textOf(lines, from, to), vocab);
    return lastContentLine(lines, from, to) !== undefined && s.person > s.model;
  };
  /**
   * Where the person's unmarked words start before the model's next turn at `at`, the model
   * having spoken since `prev`: what follows the last rule; where the next turn opens with the
   * model's thinking, the whole text after the model's label when it reads as a request; or the
   * paragraph right before, when it asks. `cues` limits which of these are read.
   */
  const unmarkedRequest = (
    prev: Boundary,
    at: number,
    cues: "rule" | "lastQuestion" | "all",
  ): number | undefined => {
    const rule = lastRule(lines, prev.at + 1, at);
    if (rule !== undefined && asksMore(rule + 1, at)) return rule + 1;
    if (cues === "rule") return undefined;
    // (a reply's own buttons end it, "Copy" / "Regenerate": what follows them, up to the model's
    // next reasoning, is the person's, asking or not: "ok thanks, I'll write 1e-3 for ii")
    const buttons = cues === "all" ? lastButtons(lines, prev.at + 1, at) : undefined;
    if (buttons !== undefined) {
      let from = buttons + 1;
      while (from < at && lines[from]!.kind === "blank") from++;
      if (from < at) return from;
    }
    const paras = paragraphs(lines, prev.at + 1, at);
    // (after a label, a model's own text would open with its reasoning: text there that asks is
    // the person's, chrome and all)
    if (
      cues === "all" &&
      prev.kind === "label" &&
      !isTurnOpening(lines, prev.at, at) &&
      paras.some(([x, y]) => asks(textOf(lines, x, y), vocab))
    )
      return prev.at + 1;
    // (a page that marks no turn, DeepSeek's, puts the person's push-back there: "… 你是不是把方向写反了？")
    // (or a question with the part's options pasted after its mark: "… 是哪条曲线？(a) 一直上升；…")
    const last = paras.at(-1);
    const text = last ? textOf(lines, last[0], last[1]) : "";
    return last && (ENDS_ASKING.test(text) || optionsAfterQuestion(text)) ? last[0] : undefined;
  };
  // Walk the stretches between boundaries.
  const timedHeaders = [...labels.values()].filter((l) => l.strong && l.alone).length >= 2;
  let lastLabelled = false;
  let turn = 0;
  let current: Role | undefined;
  const setRange = (a: number, b: number, role: Role, cue: string) => {
    for (let i = a; i < b; i++) roles[i] = { role, turn, cue };
  };
  const firstStart = bounds[0]?.at ?? lines.length;
  // Before the first boundary: the person's (a title, a pasted problem), unless nothing follows.
  if (firstStart > 0) {
    if (!structured)
      setRange(0, lines.length, "model", "no speaker cues: the whole text is the answer");
    else {
      const t = textOf(lines, 0, firstStart);
      const s = stretchScores(t, vocab);
      const firstBound = bounds[0]!;
      const opensModel =
        firstBound.kind === "reasoning" ||
        firstBound.kind === "timestamp" ||
        firstBound.kind === "prompt" ||
        (firstBound.kind === "label" && labelRole(firstBound.label!) === "model");
      const role: Role = opensModel || s.person >= s.model ? "person" : "model";
      setRange(0, firstStart, role, `before the first speaker cue (${s.why})`);
      current = role;
    }
  }
  for (let k = 0; k < bounds.length; k++) {
    const b = bounds[k]!;
    const end = bounds[k + 1]?.at ?? lines.length;
    let role: Role;
    let cue: string;
    if (b.kind === "label") {
      role = labelRole(b.label!);
      cue = `speaker label "${b.label!.name}"`;
    } else if (b.kind === "reasoning") {
      role = "model";
      cue = `reasoning opener "${stripMarkup(lines[b.at]!.content).slice(0, 30)}"`;
    } else if (b.kind === "prompt") {
      role = "person";
      cue = "terminal input (>>>)";
    } else if (b.kind === "output") {
      role = "model";
      cue = "terminal output after the input";
    } else if (timedHeaders && current !== undefined && lastLabelled) {
      // a chat app that heads each sender's messages with name and time ("Maya Okafor  10:41
      // AM") marks the same sender's next messages with the time alone
      role = current;
      cue = "a time alone: the same sender goes on";
    } else {
      const t = textOf(lines, b.at + 1, end);
      const s = stretchScores(t, vocab);
      if (t.trim() === "") role = current ?? "person";
      else if (s.model > s.person) role = "model";
      else if (s.person > s.model) role = "person";
      else role = current === "model" ? "person" : "model";
      cue = `after a timestamp (${s.why})`;
    }
    // a reasoning opener right after the label or timestamp that opened a model turn continues it;
    // so does a chat app's next message line from the model ("… - Meta AI: Here is the diagram:",
    // then "… - Meta AI: <Media omitted>"); the person's messages stay apart, each may ask anew
    const prevLabel = k > 0 && bounds[k - 1]!.kind === "label" ? bounds[k - 1]!.label : undefined;
    const continues =
      (b.kind === "reasoning" &&
        current === "model" &&
        k > 0 &&
        isTurnOpening(lines, bounds[k - 1]!.at, b.at)) ||
      (b.kind === "label" &&
        role === "model" &&
        prevLabel !== undefined &&
        prevLabel.name === b.label!.name &&
        prevLabel.strong &&
        b.label!.strong &&
        !prevLabel.alone &&
        !b.label!.alone) ||
      // a name seen once, taken for the model's inside the model's turn, is a run-in heading of
      // its reply ("**例子（离散）：**", Example (discrete)), not a new turn
      (b.kind === "label" &&
        role === "model" &&
        current === "model" &&
        b.label!.role === "unknown" &&
        !b.label!.strong &&
        labelCounts.get(b.label!.name) === 1);
    if (b.kind === "label" && role === "model" && current === "model" && k > 0) {
      // an answer page heads each answer with the query it answers (Perplexity's follow-ups): a
      // heading just before the model's next answer is the person's question, not the last answer's
      const query = lastContentLine(lines, bounds[k - 1]!.at + 1, b.at);
      // and where only the model's answers are labelled (a student's document: "Respuesta de
      // Gemini:" under each question; a page copy with "Qwen3-Max" over each reply), the person's
      // words before the next answer are unmarked. A name only taken for the model's (a forum's
      // "Participant 57" posting twice) has only a rule to set the person's words apart.
      const cues = b.label!.role === "model" ? "lastQuestion" : "rule";
      const from = () =>
        onlyModelLabelled ? unmarkedRequest(bounds[k - 1]!, b.at, cues) : undefined;
      if (query !== undefined && lines[query]!.kind === "heading") {
        turn++;
        setRange(query, b.at, "person", "a heading before the model's next answer: its query");
      } else {
        const start = from();
        if (start !== undefined) {
          turn++;
          setRange(start, b.at, "person", "a request before the model's next answer");
        }
      }
    }
    if (b.kind === "reasoning" && !continues && current === "model" && k > 0) {
      // the model thinks anew after its own text: the person spoke in between, unmarked (a page
      // copy whose only marks are the model's: "Grok" over the page, "Thought for 12s" over each
      // reply)
      const from = unmarkedRequest(bounds[k - 1]!, b.at, "all");
      if (from !== undefined) {
        turn++;
        setRange(from, b.at, "person", "a request before the model's next reasoning");
      }
    }
    if (!continues) turn++;
    current = role;
    if (b.kind === "label") lastLabelled = true;
    else if (b.kind !== "timestamp") lastLabelled = false;
    setRange(b.at, end, role, cue);
  }

  const letters = new Set(set.parts.map((p) => p.letter).filter(Boolean));
  markAnnotatorNotes(lines, roles, bounds, labelRole);
  splitUnlabelledReplies(lines, roles, bounds, labelRole, vocab, letters);
  markFailedReplies(lines, roles, vocab);
  markFramedCopies(lines, roles, labels);
  markReasoning(lines, roles);
  markInsideModel(lines, roles, labels, vocab);
  markFolded(lines, roles, labels);
  return { lines, roles, labels, structured };
}

/**
 * A third name's notes set into the model's replies, as a marker annotates a copy of the chat
 * ("▶ OPE: oikein." between the answers, where "Sinä sanoit:" and "ChatGPT sanoi:" mark the
 * chat's own turns): a recurring label not the model's, its note on the label's line, that only
 * ever stands inside the model's replies, never after the person's and never before the model's.
 * Its note is its first paragraph; the text after it, up to the next mark, is the model's reply
 * going on.
 */
function markAnnotatorNotes(
  lines: Line[],
  roles: LineRole[],
  bounds: { at: number; kind: string; label?: Label }[],
  labelRole: (l: Label) => Role,
): void {
  const roleOf = (b: (typeof bounds)[number] | undefined) =>
    b === undefined ? undefined : b.kind === "label" ? labelRole(b.label!) : b.kind;
  const at = new Map<string, number[]>();
  for (const [k, b] of bounds.entries()) {
    if (b.kind !== "label") continue;
    // (appended in place: a copy per label would make thousands of labels quadratic)
    const where = at.get(b.label!.name);
    if (where) where.push(k);
    else at.set(b.label!.name, [k]);
  }
  const parties = new Set([...at.values()].map((ks) => roleOf(bounds[ks[0]!])));
  if (!parties.has("person") || !parties.has("model") || at.size < 3) return;
  for (const [name, ks] of at) {
    // (a note is written on the label's line, "▶ OPE: oikein."; a member of a group chat under
    // a header of name and time, "Vlad — 02.12.2025 21:15", is a party of its own)
    if (ks.length < 2 || roleOf(bounds[ks[0]!]) === "model") continue;
    if (ks.some((k) => bounds[k]!.label!.alone)) continue;
    const inReplies = ks.every((k) => {
      const before = bounds[k - 1];
      const after = bounds[k + 1];
      const fromModel =
        before !== undefined &&
        (roleOf(before) === "model" || before.kind === "reasoning" || before.label?.name === name);
      return fromModel && roleOf(after) !== "model" && after?.kind !== "reasoning";
    });
    if (!inReplies) continue;
    for (const k of ks) {
      const from = bounds[k]!.at;
      const end = bounds[k + 1]?.at ?? lines.length;
      // (the reply the note stands in: the model's line before it, or the note before it there)
      let reply = from - 1;
      while (reply > 0 && lines[reply]!.kind === "blank") reply--;
      const before = roles[reply];
      if (before?.role !== "model" && before?.role !== "commentary") continue;
      const turn = before.turn;
      let i = from;
      for (; i < end && lines[i]!.kind !== "blank"; i++)
        roles[i] = { role: "commentary", turn, cue: `an annotator's note ("${name}")` };
      for (; i < end; i++)
        roles[i] = { role: "model", turn, cue: `the model's reply after a note by "${name}"` };
    }
  }
}

/**
 * A reply the app failed to give ("服务器繁忙，请稍后再试。", "Something went wrong") after the
 * model's own text in one unmarked stretch: the paragraph just before it, where it asks, is the
 * person's next request (a page that marks no turn, DeepSeek's), and the failure its reply.
 */
function markFailedReplies(lines: Line[], roles: LineRole[], vocab: Set<string>): void {
  /** Each turn's first model line, read once (a failed reply looks back to it). */
  const firstModel = new Map<number, number>();
  for (const [k, x] of roles.entries())
    if (x.role === "model" && !firstModel.has(x.turn)) firstModel.set(x.turn, k);
  const turns = turnSplits(roles);
  /** The last split: the turn it split (as first numbered) and the failed reply that heads its rest. */
  let last = { turn: -1, head: 0 };
  for (let i = 0; i < lines.length; i++) {
    const first = roles[i]!.turn;
    turns.reach(i + 1);
    const r = roles[i]!;
    const text = stripMarkup(lines[i]!.content).trim();
    if (r.role !== "model" || text.length > 160 || !startsWithPhrase(text, FAILED_REPLY)) continue;
    let b = i;
    while (b > 0 && lines[b - 1]!.kind === "blank") b--;
    let a = b;
    while (a > 0 && lines[a - 1]!.kind !== "blank" && roles[a - 1]!.turn === r.turn) a--;
    // (the model spoke before it in the same turn: the request stands between two replies)
    const head = last.turn === first ? last.head : (firstModel.get(first) ?? a);
    if (a === b || head >= a || roles[a]!.role !== "model" || !asks(textOf(lines, a, b), vocab))
      continue;
    turns.split(a, b, "person", "a request before a failed reply");
    last = { turn: first, head: i };
  }
  turns.finish();
}

const FAILED_REPLY = words("failedReply");

/**
 * A copy set between two rules that carry words ("---------- Gemini atbilde ----------" …
 * "---------- beigas ----------", "──── start of copy ────" … "──── end of copy ────"). Where the
 * opening rule names a model and no speaker's label stands between them, the framed text is the
 * model's reply quoted in the writer's message; where the copy ends inside the model's turn, what
 * follows the closing rule, up to the next label, is the writer's own note.
 */
function markFramedCopies(lines: Line[], roles: LineRole[], labels: Map<number, Label>): void {
  const frames: { at: number; words: string }[] = [];
  for (const [at, l] of lines.entries()) {
    const words = frameWords(l.content);
    if (words !== undefined) frames.push({ at, words });
  }
  // (the labels' lines in order, walked once over all the frames)
  const labelled = [...labels.keys()].sort((x, y) => x - y);
  let next = 0;
  const turns = turnSplits(roles);
  for (let k = 0; k + 1 < frames.length; k += 2) {
    const [open, close] = [frames[k]!.at, frames[k + 1]!.at];
    while (next < labelled.length && labelled[next]! <= open) next++;
    const inside = next < labelled.length && labelled[next]! < close;
    const words = frames[k]!.words;
    const namesModel = wordsOf(words.toLowerCase()).some((w) => modelNames.includes(w));
    if (!inside && namesModel && roles[open]!.role === "person") {
      turns.reach(close);
      turns.split(open + 1, close, "model", `a copy framed by "${words}"`);
    } else if (inside && roles[close]!.role === "model") {
      for (let i = close; i < lines.length && !labels.has(i); i++)
        roles[i] = {
          ...roles[i]!,
          role: "commentary",
          cue: `after the rule that closes the copy ("${frames[k + 1]!.words}")`,
        };
    }
  }
  turns.finish();
}

/** A rule's words: "---------- Gemini atbilde ----------" → "Gemini atbilde"; else undefined. */
function frameWords(content: string): string | undefined {
  const t = content.trim();
  if (t.length > 120) return undefined;
  let a = 0;
  while (a < t.length && RULE_CHARS.includes(t[a]!)) a++;
  let b = t.length;
  while (b > a && RULE_CHARS.includes(t[b - 1]!)) b--;
  if (a < 3 || t.length - b < 3) return undefined;
  const inner = t.slice(a, b).trim();
  return /\p{L}/u.test(inner) && inner.length <= 60 ? inner : undefined;
}

const RULE_CHARS = "-─━—–=_~*#";

/** Whether a paragraph asks: a request, a question, or the problem statement pasted in. */
function asks(text: string, vocab: Set<string>): boolean {
  const lower = text.toLowerCase();
  return (
    phrasesIn(lower, REQUEST).length > 0 ||
    ENDS_ASKING.test(text) ||
    isPromptText(text) ||
    overlap(text, vocab) > 0.6
  );
}

/**
 * Whether a paragraph is a question of a pasted problem statement: it opens with a part's label and
 * ends asking, with a question mark or an imperative ("(a) … を描け。").
 */
function pastedQuestion(text: string, letters: Set<string>): boolean {
  const label = /^[\s*_>]*\(?(\p{Ll})\)/u.exec(text)?.[1];
  if (label === undefined || !letters.has(label)) return false;
  // (the imperative before a closing aside: "… を描け（乗算器1つ、加算器1つ）。")
  let to = text.trimEnd().length;
  while (to > 0 && ".。!！".includes(text[to - 1]!)) to--;
  const end = text
    .slice(Math.max(0, to - 120), to)
    .replace(/[（(][^（）()]{0,80}[）)]$/, "")
    .trimEnd()
    .toLowerCase();
  return ENDS_ASKING.test(text) || REQUEST.some((w) => end.endsWith(w));
}

/**
 * Where only the person is marked (a chat page copied whole: the person's avatar over each of
 * their messages, nothing over the model's; an answer engine's export: the query's heading), a
 * person's stretch that no model cue ends holds the reply too: the person's message is its first
 * paragraph and the run of paragraphs that ask after it, and what follows, if it reads as an
 * answer, is the model's.
 */
function splitUnlabelledReplies(
  lines: Line[],
  roles: LineRole[],
  bounds: { at: number; kind: string; label?: Label }[],
  labelRole: (l: Label) => Role,
  vocab: Set<string>,
  letters: Set<string>,
): void {
  let split = false;
  // a model's label over next to nothing is the page's model picker ("Claude Sonnet 4.5" over
  // "Claude can make mistakes."), not its turn
  const opensModel = (k: number) => {
    const b = bounds[k];
    if (b === undefined || b.kind === "timestamp") return false;
    if (b.kind !== "label") return true;
    if (labelRole(b.label!) !== "model") return false;
    // what it says runs on through its reasoning opener ("ChatGPT said:" / "Thought for 41s")
    let to = k + 1;
    while (bounds[to]?.kind === "reasoning") to++;
    return textOf(lines, b.at + 1, bounds[to]?.at ?? lines.length).trim().length >= 120;
  };
  // (where the model's turns have labels, an unlabelled message is someone else's: a group chat)
  if (bounds.some((b, k) => b.kind === "label" && opensModel(k))) return;
  for (let k = 0; k < bounds.length; k++) {
    const b = bounds[k]!;
    if (b.kind !== "label" || labelRole(b.label!) !== "person" || opensModel(k + 1)) continue;
    const end = bounds[k + 1]?.at ?? lines.length;
    const paras = paragraphs(lines, b.at + 1, end);
    // the message: its first paragraph, under the person's mark whether or not it reads as asking
    // (an attachment's line, a statement in words no lexicon knows), then the ones that ask
    const texts = paras.map(([a, e]) => textOf(lines, a, e));
    const asking = texts.map((t) => asks(t, vocab));
    let last = 0;
    for (;;) {
      if (asking[last + 1]) last++;
      // a short statement before a question of the pasted problem is its setting ("the encoder
      // maps x to …" before "(a) … draw the diagram."), part of the message
      else if (
        texts[last + 1] !== undefined &&
        texts[last + 1]!.length < 400 &&
        texts[last + 2] !== undefined &&
        pastedQuestion(texts[last + 2]!, letters)
      )
        last += 2;
      // so is a problem pasted in the problem set's own words between the ones that ask
      // ("Problem 1. … explain. Hints: …" before "Problem 2. … Which is which, and why?")
      else if (
        texts[last + 1] !== undefined &&
        asking[last + 2] &&
        overlap(texts[last + 1]!, vocab) >= 0.5
      )
        last += 2;
      else break;
    }
    const from = paras[last + 1]?.[0];
    if (from === undefined) continue;
    const reply = textOf(lines, from, end);
    const s = stretchScores(reply, vocab);
    if (s.model < s.person || reply.length < 200) continue;
    const turn = roles[b.at]!.turn + 0.5;
    for (let i = from; i < end; i++)
      roles[i] = {
        role: "model",
        turn,
        cue: `the reply after the person's last request (${s.why})`,
      };
    split = true;
  }
  // the replies' half turns renumbered in order
  if (split) renumberTurns(roles);
}

/**
 * Turns split in one walk down the lines. A split makes lines [from, to) a turn of their own and
 * the rest of their turn the one after it; every later line moves up by the turns opened before it,
 * written as the walk passes it (`reach`). So each line is moved once, however many splits one long
 * turn takes, and no split's number can reach the next turn's.
 */
function turnSplits(roles: LineRole[]) {
  let added = 0;
  let done = 0;
  return {
    /** Every line before `to` takes its turn after the splits so far. */
    reach(to: number): void {
      for (; done < to; done++) roles[done] = { ...roles[done]!, turn: roles[done]!.turn + added };
    },
    /** Lines [from, to), all reached, become their own turn; lines from `to` on, the next one. */
    split(from: number, to: number, role: Role, cue: string): void {
      const turn = roles[from]!.turn;
      for (let k = from; k < to; k++) roles[k] = { role, turn: turn + 1, cue };
      for (let k = to; k < done; k++) roles[k] = { ...roles[k]!, turn: turn + 2 };
      added += 2;
    },
    finish(): void {
      this.reach(roles.length);
      if (added) renumberTurns(roles);
    },
  };
}

/** Turns numbered 0, 1, 2, … in their order, after some were split at fractions. */
function renumberTurns(roles: LineRole[]): void {
  const order = [...new Set(roles.map((r) => r.turn))].sort((x, y) => x - y);
  const index = new Map(order.map((t, i) => [t, i]));
  for (const r of roles) r.turn = index.get(r.turn)!;
}

/**
 * Text folded away in a `<details>` block ("Copilot's raw output", "old draft") is what the
 * writer set aside, not the answer they show: commentary. A folded conversation, with speaker
 * labels inside, keeps its speakers.
 */
function markFolded(lines: Line[], roles: LineRole[], labels: Map<number, Label>): void {
  let open = -1;
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i]!.content;
    if (open < 0 && /^\s*<details[\s>]/i.test(c)) open = i;
    else if (open >= 0 && /<\/details>\s*$/i.test(c)) {
      let labelled = false;
      for (let k = open; k <= i; k++) if (labels.has(k)) labelled = true;
      // a model's thinking folded under its summary ("<summary>Show thinking</summary>")
      const summary = /<summary>([^<]{1,80})<\/summary>/i.exec(lines[open]!.content)?.[1];
      const thinking =
        summary !== undefined &&
        reasoningOpener({ ...lines[open]!, content: summary.trim() }) !== undefined;
      if (!labelled)
        for (let k = open; k <= i; k++)
          if (roles[k]!.role === "model" || (thinking && roles[k]!.role === "commentary"))
            roles[k] = thinking
              ? { ...roles[k]!, role: "reasoning", cue: `thinking folded under "${summary}"` }
              : { ...roles[k]!, role: "commentary", cue: "folded away in <details>" };
      open = -1;
    }
  }
}

/** The last thematic break ("---") in [from, to), if any. */
function lastRule(lines: Line[], from: number, to: number): number | undefined {
  for (let i = to - 1; i >= from; i--) if (lines[i]!.kind === "rule") return i;
  return undefined;
}

/** The last line in [from, to) that is a reply's button ("Copy", "Regenerate"), if any. */
function lastButtons(lines: Line[], from: number, to: number): number | undefined {
  for (let i = to - 1; i >= from; i--) {
    const t = stripMarkup(lines[i]!.content).trim().toLowerCase();
    if (t && MESSAGE_END.has(t)) return i;
  }
  return undefined;
}

const MESSAGE_END = new Set(words("modelMessageEnd").map((w) => w.toLowerCase()));

/** The last non-blank line in [from, to), if any. */
function lastContentLine(lines: Line[], from: number, to: number): number | undefined {
  for (let i = to - 1; i >= from; i--) if (lines[i]!.kind !== "blank") return i;
  return undefined;
}

/** Whether only blank lines or the label itself stand between a turn's opening and `at`. */
function isTurnOpening(lines: Line[], open: number, at: number): boolean {
  // (a mode chip or model name may stand between: "A Copilot ezt mondta" / "Alapos gondolkodás"
  // (Think deeper) / "Gondolkodott 6 másodpercig")
  let chips = 0;
  for (let i = open + 1; i < at; i++) {
    const l = lines[i]!;
    if (l.kind === "blank") continue;
    if (l.kind !== "paragraph" || !isChip(l.content) || ++chips > 2) return false;
  }
  return true;
}

/**
 * A line of a page's controls: a few words, no sentence, no part label ("Think deeper", "GPT-4o"),
 * and the app's logo beside them ("![Le Chat](logo.svg) Le Chat").
 */
function isChip(content: string): boolean {
  const t = content.replace(/!\[[^\]\n]{0,200}\]\((?:<[^>\n]{0,300}>|[^)\s]{0,300})\)/g, "").trim();
  return (
    t.length <= 32 &&
    t.split(/\s+/).length <= 4 &&
    !/[.?!:;。？！：]/.test(t.replace(/\d\.\d/g, "")) &&
    !/^\(?[a-h]\)/i.test(t)
  );
}

/**
 * Where a fenced block ends whose first line is a reasoning opener (Claude Exporter's "````plaintext"
 * / "Thought process: Worked through …" / the thoughts / "````"), or undefined when line `i` opens
 * no such block.
 */
function fencedThoughtsEnd(lines: Line[], i: number): number | undefined {
  const fence = lines[i]!;
  if (fence.kind !== "code" || lines[i - 1]?.block === fence.block) return undefined;
  if (!/^\s*(?:`{3,}|~{3,})/.test(fence.content)) return undefined;
  const first = lines[i + 1];
  if (first?.block !== fence.block || !reasoningOpener({ ...first, kind: "paragraph" }))
    return undefined;
  let end = i + 1;
  while (lines[end]?.block === fence.block) end++;
  return end;
}

/**
 * Inside the model's turns: reasoning from an opener to where the formatted answer starts (a
 * heading, a bold line, a table, a rule, a fenced block, or "</think>"); a "Thought for 12 s" line
 * is reasoning only when a block quote of thoughts follows it.
 */
function markReasoning(lines: Line[], roles: LineRole[]): void {
  let i = 0;
  while (i < lines.length) {
    const fenced = roles[i]!.role === "model" ? fencedThoughtsEnd(lines, i) : undefined;
    if (fenced !== undefined) {
      recast(roles, i, fenced, "reasoning", "a fenced block its first line calls thoughts");
      i = fenced;
      continue;
    }
    const op = roles[i]!.role === "model" ? reasoningOpener(lines[i]!) : undefined;
    if (!op) {
      i++;
      continue;
    }
    const turn = roles[i]!.turn;
    const tagged = op.phrase.startsWith("<");
    roles[i] = { ...roles[i]!, role: "reasoning", cue: `reasoning opener "${op.phrase}"` };
    let j = i + 1;
    const next = nextNonBlank(lines, j);
    const quoted = !tagged && (lines[next]?.quote ?? 0) > lines[i]!.quote;
    const inQuote = !tagged && !quoted ? quotedThoughts(lines, roles, i) : undefined;
    if (inQuote !== undefined) {
      // the opener opens a block quote of thoughts and the answer follows it unquoted
      recast(roles, i + 1, inQuote, "reasoning", "the block quote its opener starts");
      i = inQuote;
      continue;
    }
    // (after "Thought process", a summary line may come first: the thoughts follow it)
    const summary = !op.duration && !quoted && !tagged ? oneLineSummary(lines, next) : undefined;
    // (a short first paragraph that speaks of the user is the thoughts, not their summary)
    const aboutUser =
      quoted || tagged
        ? undefined
        : (thoughtsAboutUser(lines, roles, summary ?? next) ??
          (summary !== undefined ? thoughtsAboutUser(lines, roles, next) : undefined));
    if (aboutUser !== undefined) {
      // DeepSeek copied as text: "Thought for 23 seconds", then unquoted thoughts that speak of
      // "the user", then the formatted answer
      // (and Claude's "Thought process", its one-line summary, then thoughts of the same kind)
      recast(roles, next, aboutUser, "reasoning", "thoughts about the user");
      i = aboutUser;
      continue;
    }
    if (op.duration || quoted) {
      // "Thought for 12 s" / "Show thinking": only thoughts quoted right after belong to reasoning;
      // where the thinking time itself opens the model's turn (a page that labels no reply:
      // DeepSeek's), thoughts copied unquoted run to where the answer starts over at a part letter
      // (under a model's label, "ChatGPT said:", the thinking stays folded: what follows is the answer)
      j = quoted
        ? quoteEnd(lines, roles, next, lines[next]!.quote, turn)
        : labelledAbove(roles, i)
          ? next
          : (letterRestart(lines, roles, next) ?? next);
      recast(roles, next, j, "reasoning", "thoughts quoted after the thinking time");
      i = j;
      continue;
    }
    let seenText = false;
    while (j < lines.length && roles[j]!.turn === turn && roles[j]!.role === "model") {
      const l = lines[j]!;
      if (tagged) {
        roles[j] = { ...roles[j]!, role: "reasoning", cue: "inside <think>" };
        if (closesReasoning(l)) {
          j++;
          break;
        }
        j++;
        continue;
      }
      if (seenText && (opensAnswer(l) || (l.quote === 0 && titlesPart(l)))) break;
      if (l.kind !== "blank") seenText = true;
      roles[j] = { ...roles[j]!, role: "reasoning", cue: "reasoning after its opener" };
      j++;
    }
    i = j;
  }
}

/**
 * Where a block quote at `depth` that goes on at line `from` ends: the first line of another turn
 * than `turn`, or one quoted less deeply that is not blank.
 */
function quoteEnd(
  lines: Line[],
  roles: LineRole[],
  from: number,
  depth: number,
  turn: number,
): number {
  let end = from;
  while (
    end < lines.length &&
    roles[end]!.turn === turn &&
    (lines[end]!.quote >= depth || lines[end]!.kind === "blank")
  )
    end++;
  return end;
}

/**
 * Where the block quote that a quoted opener starts ends, when text of the same turn follows it
 * unquoted (DeepSeek's copied "> Thought for 23 s" and its quoted thoughts, then the answer). A
 * turn quoted whole (a transcript quoted in a blog post) has no such text, or headings inside the
 * quote, and its quote is kept.
 */
function quotedThoughts(lines: Line[], roles: LineRole[], at: number): number | undefined {
  const depth = lines[at]!.quote;
  if (depth === 0) return undefined;
  const turn = roles[at]!.turn;
  let end = quoteEnd(lines, roles, at + 1, depth, turn);
  // blank lines at the end of the quote are not thoughts
  while (end > at + 1 && lines[end - 1]!.kind === "blank") end--;
  // thoughts run as prose: a quote with its own headings is a reply quoted whole ("> **Thought for
  // 22s**" / "> ### (a) …" in a student's report, the report's own notes after it)
  for (let k = at + 1; k < end; k++) if (lines[k]!.kind === "heading") return undefined;
  for (let k = end; k < lines.length && roles[k]!.turn === turn; k++)
    if (lines[k]!.kind !== "blank" && roles[k]!.role === "model") return end;
  return undefined;
}

const THE_USER = words("theUser");

/**
 * Where the plain thoughts that start at `from` end: they name the asker in the third person in
 * their first paragraph ("Okay, the user wants …") and a formatted answer of the same turn follows
 * them (a heading, a bold line, a table); otherwise undefined.
 */
function thoughtsAboutUser(lines: Line[], roles: LineRole[], from: number): number | undefined {
  const first = lines[from];
  if (first?.kind !== "paragraph" || opensAnswer(first)) return undefined;
  let end = from;
  while (end < lines.length && lines[end]!.kind !== "blank") end++;
  const opening = lines
    .slice(from, end)
    .map((l) => l.content)
    .join(" ")
    .toLowerCase();
  if (!phrasesIn(opening, THE_USER).length) return undefined;
  const turn = roles[from]!.turn;
  // (or at a part's title after the first paragraph, "1) Alustusbugi": thoughts work a part through
  // in sentences, an answer copied as text titles it)
  for (let k = from; k < lines.length && roles[k]!.turn === turn; k++)
    if (
      roles[k]!.role === "model" &&
      (opensAnswer(lines[k]!) || (k > end && lines[k]!.quote === 0 && titlesPart(lines[k]!)))
    )
      return k;
  return letterRestart(lines, roles, from);
}

/**
 * Whether a line is a problem's or a part's title: its label and a few words, no sentence ("1)
 * Alustusbugi", "Part (b): Gradient flow"). (An option's letter alone, "(b) low and flat at small β",
 * titles nothing.)
 */
function titlesPart(line: Line): boolean {
  // (a numbered list's number is the label: "1) Alustusbugi")
  const content = withItemNumber(line.bullet, line.content);
  const marker = readMarker(content, PART_LETTERS);
  const labelled =
    marker !== undefined &&
    (marker.strong
      ? marker.letter !== undefined || marker.problem !== undefined
      : marker.letter === undefined && marker.problem !== undefined);
  return labelled && !worksThrough(content);
}

/** Letters a part may have, for reading a title's label. */
const PART_LETTERS = new Set(["a", "b", "c", "d", "e", "f", "g", "h"]);

/** Whether line `i` stands under a speaker's label in its turn (the label's stretch runs to it). */
function labelledAbove(roles: LineRole[], i: number): boolean {
  const above = roles[i - 1];
  return above?.turn === roles[i]!.turn && above.cue.startsWith("speaker label");
}

/**
 * Thoughts copied as plain text, nothing formatted, end where the answer starts over: the first
 * line from `from` on, in its turn, that opens with a part letter the thoughts have already passed
 * ("(c) …", "(d) …", then "(b) 梯度流向"). A thought works a part through in sentences; a title
 * or an option under a letter passes no part, and a table's row ("(b)\t[−3, 7]") neither passes
 * nor starts over.
 */
function letterRestart(lines: Line[], roles: LineRole[], from: number): number | undefined {
  const turn = roles[from]?.turn;
  let passed = "";
  let passedProblem = 0;
  for (let k = from; k < lines.length && roles[k]!.turn === turn; k++) {
    // a problem's heading starts its parts' letters afresh ("Problema 3 — VIB", then "(a)")
    if (startsWithPhrase(lines[k]!.content, PROBLEM_WORDS)) passed = "";
    // and the answer starts over at the title of a problem the thoughts have worked through
    // ("第1题，…。", "第2题(a)，…。", then "第1题：Transformer 初始化 bug")
    const problem = readMarker(lines[k]!.content, NO_LETTERS);
    if (problem?.strong && problem.problem !== undefined && lines[k]!.quote === 0) {
      passed = "";
      if (!worksThrough(lines[k]!.content)) {
        if (problem.problem <= passedProblem) return k;
      } else passedProblem = Math.max(passedProblem, problem.problem);
    }
    const letter = /^\(([a-h])\) *[^\s|]/.exec(lines[k]!.content)?.[1];
    if (letter === undefined || lines[k]!.quote > 0) continue;
    if (letter <= passed) return k;
    if (worksThrough(lines[k]!.content)) passed = letter;
  }
  return undefined;
}

/** Whether a line under a part letter works it through: sentences, not a title or an option. */
function worksThrough(content: string): boolean {
  return /[。？！；]|[.?!;](\s|$)/.test(content.slice(4));
}

/** The paragraph after a one-line summary at `at` ("Worked through the β sweep"), if any. */
function oneLineSummary(lines: Line[], at: number): number | undefined {
  if (lines[at]?.kind !== "paragraph" || lines[at + 1]?.kind !== "blank") return undefined;
  if (lines[at]!.content.length > 160) return undefined;
  const k = nextNonBlank(lines, at + 1);
  return k < lines.length ? k : undefined;
}

/** A line that starts a formatted answer after reasoning. */
function opensAnswer(l: Line): boolean {
  if (l.kind === "heading" || l.kind === "table" || l.kind === "rule") return true;
  if (l.kind === "code") return false;
  const c = l.content;
  if (closesReasoning(l)) return true;
  return /^\s*(\*\*|__)\S/.test(c) && !/^\s*\*\*\\\*/.test(c) && l.bullet === "";
}

const GENERIC_MODEL_WORDS = new Set(words("modelLabels"));

/** Lines `from`…`to` given another role, in the same turn, with the cue that decided it. */
function recast(roles: LineRole[], from: number, to: number, role: Role, cue: string): void {
  for (let k = from; k < to; k++) roles[k] = { ...roles[k]!, role, cue };
}

/** Inside the model's turns: the person's comments and pasted problem text, paragraph by paragraph. */
function markInsideModel(
  lines: Line[],
  roles: LineRole[],
  labels: Map<number, Label>,
  vocab: Set<string>,
): void {
  const names = [
    ...new Set([...labels.values()].filter((l) => l.role === "model").map((l) => l.name)),
  ]
    // (a role word, "assistant", "modelo", names no one: "el modelo generaliza" is no third person)
    .filter((n) => !GENERIC_MODEL_WORDS.has(n) && n !== "a")
    // (and its first word where that is a model's name, "claude" of "claude sonnet 4.5"; not the
    // "respuesta" of "respuesta de perplexity", a word every answer may use)
    .flatMap((n) => [n, n.split(" ")[0]!].filter((w, k) => k === 0 || modelNames.includes(w)))
    .filter((n) => n.length >= 3);
  const docNames = modelNamesInText(lines, roles);
  const all = [...new Set([...names, ...docNames])];
  const intro = introductionOf(lines, labels).toLowerCase();
  // each line's opening words, where they first stand
  const firstAt = new Map<string, number>();
  for (const [i, l] of lines.entries()) {
    const head = l.content.trim().slice(0, 60);
    if (head.length >= 30 && !firstAt.has(head)) firstAt.set(head, i);
  }
  for (const [a, b] of paragraphs(lines, 0, lines.length, roles)) {
    const r = roles[a]!;
    if (r.role !== "model" && r.role !== "reasoning") continue;
    if (lines[a]!.kind === "code" || lines[a]!.kind === "table") continue;
    if (labels.has(a)) continue;
    const text = textOf(lines, a, b);
    if (isPromptText(text)) {
      recast(roles, a, b, "prompt", "problem statement (empty option boxes)");
      continue;
    }
    // a note under the heading the introduction quotes for the annotator's notes ("my notes are
    // boxed as « ✎ Teacher's note »", then "> **✎ Teacher's note.** The fix is acceptable …")
    const lead = boldLead(lines[a]!.content);
    if (lead && quotedIn(intro, lead)) {
      recast(roles, a, b, "commentary", `a note the introduction names ("${lead}")`);
      continue;
    }
    const note = bracketedNote(text);
    if (note) {
      recast(roles, a, b, "commentary", `a bracketed note by "${note}"`);
      continue;
    }
    // a question quoted back from an earlier message, answered below it (a reply "in the text"),
    // is the answer's context, not a comment
    const head = lines[a]!.content.trim().slice(0, 60);
    if (lines[a]!.quote > 0 && (firstAt.get(head) ?? a) < a) continue;
    // a list item in the model's turn is the answer's own shape ("1. Bug: …", "- (b)")
    const score = commentaryScore(text, all, vocab) - (lines[a]!.bullet ? 2 : 0);
    if (score >= 2) recast(roles, a, b, "commentary", `the person's voice (score ${score})`);
  }
}

/**
 * The writer of a note set in brackets inside someone else's text, as a marker or reviewer
 * annotates a copy ("[[TA: the sign is reversed]]", "[Reviewer: see 2b]"): a short name and a
 * colon right after the opening bracket, the bracket closed by the paragraph's end. An answer
 * marker in that place ("[Answer: (b)]") is the text's own.
 */
function bracketedNote(text: string): string | undefined {
  const t = text.trim();
  const open = /^\[{1,2}([^\][:\n]{1,30}):/.exec(t);
  if (!open || !t.endsWith("]")) return undefined;
  const name = open[1]!.trim();
  if (!name || startsWithPhrase(name.toLowerCase(), ANSWER)) return undefined;
  return name;
}

/** The words in bold opening a line, without their closing punctuation, lower-cased (4–60 characters). */
function boldLead(content: string): string | undefined {
  const m = /^\s*(?:\*\*|__)([^*_\n]{4,60})(?:\*\*|__)/.exec(content);
  if (!m) return undefined;
  const lead = m[1]!
    .trim()
    .replace(/[.:：]+$/, "")
    .trim()
    .toLowerCase();
  return lead && lead.length >= 4 ? lead : undefined;
}

/** Whether a text quotes a phrase: « X », "X", “X”, 「X」 (marks and spaces around it aside). */
function quotedIn(text: string, phrase: string): boolean {
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const before = text.slice(Math.max(0, at - 4), at).trimEnd();
    const after = text.slice(at + phrase.length, at + phrase.length + 4).trimStart();
    if (/[«"“「'‘]$/.test(before) && /^[.:]?[»"”」'’]/.test(after)) return true;
  }
  return false;
}

/**
 * The prose before the conversation's first speaker label, within its first 30 lines: a
 * document's title and introduction (empty without labels, or with none that early).
 */
function introductionOf(lines: Line[], labels: Map<number, Label>): string {
  let first = Number.POSITIVE_INFINITY;
  for (const k of labels.keys()) first = Math.min(first, k);
  if (first > 30) return "";
  // (bounded: every note in the model's turns is looked up in it)
  return lines
    .slice(0, first)
    .filter((l) => boldLead(l.content) === undefined)
    .map((l) => l.content)
    .join("\n")
    .slice(0, 4000);
}

/**
 * Model names the text's title or introduction mentions ("Sonnet 4.5", "Kimi K2"), for
 * third-person cues: the lines before the first speaker cue of the model, at most twelve.
 */
function modelNamesInText(lines: Line[], roles: LineRole[]): string[] {
  const head: string[] = [];
  for (const l of lines.slice(0, 12)) {
    const role = roles[l.index]!.role;
    if (role === "model" || role === "reasoning") break;
    head.push(l.content);
  }
  const text = head.join(" ").toLowerCase();
  return modelNames.filter((n) => n.length >= 3 && findPhrase(text, n) >= 0);
}
