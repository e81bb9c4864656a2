/**
 * grade(transcript, key, tools) → Report: one verdict per part of the problem set, with the answer
 * read from the transcript and the evidence. Claims are checked by computation where they can be:
 * distributions through the KL toolkit, code fixes through the safe evaluator and a measurement of
 * the initial logits. The transcript is data: nothing in it is ever run.
 */

import { evaluate } from "../expr/evaluate.js";
import {
  bindAssignments,
  extractInitCalls,
  extractOutputScales,
  type InitCall,
  normalizeTarget,
  type Scaling,
} from "../expr/index.js";
import { fmt } from "../format/index.js";
import type { AnswerKey, PartKey } from "../key/types.js";
import { homework } from "../problems/homework.js";
import type { AnswerType, Option, Part, PartOf, ProblemSet } from "../problems/schema.js";
import { sizeOf, targetLine, targetModule } from "../problems/schema.js";
import {
  boxesUnderKey,
  type ChoiceResult,
  codeBlocks,
  distributionSpecs,
  extractAssignment,
  extractChoice,
  extractGrid,
  findConcepts,
  findMentions,
  hedgePhrase,
  liveCode,
  lostMarksRow,
  OPTION_NOUN_SET,
  stripCode,
} from "./extract.js";
import { checkFormula } from "./formula.js";
import type { Judgment } from "./judgments.js";
import { words } from "./lexicon/index.js";
import { matchForm } from "./normalize.js";
import { partRefs, readMarker } from "./parts.js";
import { problemVocabulary } from "./segment.js";
import { isHeaderTime } from "./speakers.js";
import {
  type ParsedTranscript,
  type PartAnswer,
  parseTranscript,
  TranscriptError,
} from "./transcript.js";
import { VERDICTS, type Verdict } from "./verdicts.js";
import {
  alternation,
  escapeRe,
  findPhrase,
  firstPhrase,
  SENTENCES_AND_LINES,
  startsWithPhrase,
  wholeWords,
  wordsOf,
} from "./words.js";

export type { Verdict };

export type PartReport = {
  id: string;
  verdict: Verdict;
  /** The answer as read from the transcript (short). */
  answer: string;
  /** Why: the comparison, the computed numbers, what was missing. */
  evidence: string;
  /** Where the counted answer is in the transcript (absent when unanswered). */
  location?: { start: number; end: number; line: number };
  /** The verdict the person wrote beside this part ("Sonnet gets this question correct"). */
  person?: Omit<Judgment, "partId">;
};

export type Report = { parts: PartReport[]; warnings: string[] };

/** One reading of a written distribution (ambiguous notation gives several). */
export type DistributionReading = { label: string; dist: unknown };
export type KlResult = { finite: boolean; value: number | null; reason?: string | null };
export type InitialLogits = {
  logitStd: number;
  predictedLogitStd: number;
  initialLoss: number;
  lnVocab: number;
  argmaxMass: number;
};

/** What grading computes with; injectable so tests run fast. `defaultTools()` wires the real ones. */
export type GradeTools = {
  parseDistribution(text: string): { readings: DistributionReading[] };
  /** Both texts under one shared notation per reading (preferred when given). */
  parsePair?(pText: string, qText: string): { label: string; p: unknown; q: unknown }[];
  /** D_KL(p‖q); `names` label the two arguments in the reason given for an infinite value. */
  kl(p: unknown, q: unknown, names?: { p: string; q: string }): KlResult;
  measureInitialLogits(opts: {
    dModel: number;
    vocabSize: number;
    embeddingStd: number;
    outputScale?: number;
    seed?: number;
  }): Promise<InitialLogits>;
};

/** Longest answer text read per part. */
const MAX_ANSWER_CHARS = 100_000;

/**
 * One reading of an answer. `empty`: the text holds nothing of the kind the part asks for (no option,
 * no boxes, no initialisation): where the only text at a part says nothing of that kind, the part
 * is not answered, not unreadable. `undecided`: it named several options and chose none, which
 * ranks as a reading that failed (a later word on the part may still say nothing) but is reported
 * as ambiguous when it stands: the model did not commit.
 */
type Graded = {
  verdict: Verdict;
  answer: string;
  evidence: string;
  empty?: true;
  undecided?: true;
  /** Short of correct only for key concepts its explanation leaves out. */
  missingConcepts?: true;
};

/** A number in the evidence: 4 significant digits, exponent form from 10⁴ up. */
const num = (x: number) => fmt(x, 4, 1e4);

function optionText(o: Option | undefined, label: string): string {
  if (!o) return label;
  return o.value !== undefined ? `β = ${label}` : `(${label})`;
}

function keyEvidence(k: PartKey): string {
  const items = k.evidence.slice(0, 4).map((e) => {
    const v =
      e.value === undefined
        ? ""
        : ` = ${typeof e.value === "number" ? num(e.value) : String(e.value)}`;
    return `${e.label}${v}${e.unit ? ` ${e.unit}` : ""}${e.figure ? ` [${e.figure}]` : ""}`;
  });
  return items.length ? ` Key evidence: ${items.join("; ")}.` : "";
}

/**
 * An answer that opens with its own part's letter, which is also an option's ("**(c) Curve
 * (b).**" for 3(c)), names two options only because of it: read without that label, it chooses.
 */
function withoutOwnLabel(
  r: ChoiceResult,
  text: string,
  part: Part,
  read: (t: string) => ChoiceResult,
): ChoiceResult {
  if (r.kind !== "ambiguous" || r.offered || !part.letter) return r;
  const own = new Set([part.letter]);
  let opening: string | undefined;
  // the part's label opening a line, words and all ("(c) Curve (b).", "**Revised (c): Curve
  // (b).**"), set apart: only where another option follows it in its own sentence (in "(c) looks
  // plausible. (a) also could work" the letter is the option)
  const lines = text.split("\n").map((line) => {
    const m = readMarker(line, own);
    if (m?.letter !== part.letter || (m.problem ?? part.problem) !== part.problem) return line;
    const rest = line.slice(m.length);
    const first = read(rest.split(/[.!?。]/)[0] ?? "");
    if (first.kind !== "found") return line;
    opening = first.label;
    return rest;
  });
  if (opening === undefined) return r;
  const again = read(lines.join("\n"));
  return again.kind === "found" && again.label === opening ? again : r;
}

/**
 * A summary line under the part's own sub-label that names one option ("Podsumowanie: … ii. β =
 * 10⁻³"), the last such, where the answer's discussion names several: the summary states it.
 */
function ownSubLabelLine(
  r: ChoiceResult,
  text: string,
  part: Part,
  read: (t: string) => ChoiceResult,
): ChoiceResult {
  if (r.kind !== "ambiguous" || r.offered || !part.sub) return r;
  const label = new RegExp(`^[\\s*_>-]*\\(?${part.sub}[.):]\\s*`, "i");
  let found: ChoiceResult | undefined;
  for (const line of text.split("\n")) {
    const m = label.exec(line);
    if (!m) continue;
    const got = read(line.slice(m[0].length));
    if (got.kind === "found") found = { ...got, how: `its summary line: "${line.trim()}"` };
  }
  return found ?? r;
}

function gradeChoice(
  part: PartOf<"single-choice">,
  text: string,
  k: PartKey,
  key: AnswerKey,
  set: ProblemSet,
): Graded {
  if (k.answer.type !== "single-choice") throw new Error("type");
  let via: { items: Option[]; map: Record<string, string> } | undefined;
  if (part.optionsVia) {
    const vp = set.parts.find((p) => p.id === part.optionsVia);
    const vk = key.parts.find((p) => p.id === part.optionsVia);
    if (vp?.answerType === "assignment" && vk?.answer.type === "assignment") {
      via = { items: vp.items, map: vk.answer.assignment };
    }
  }
  const read = (t: string) => extractChoice(t, part.options, via);
  const r = ownSubLabelLine(withoutOwnLabel(read(text), text, part, read), text, part, read);
  const want = k.answer.option;
  const wantOpt = part.options.find((o) => o.label === want);
  if (r.kind === "none")
    return {
      verdict: "unreadable",
      answer: "",
      evidence: "it names none of the options",
      empty: true,
    };
  if (r.kind === "ambiguous") {
    // options named only in questions ask for the figure, they answer nothing ("Can you describe
    // each curve (a), (b), (c) and (d)?")
    if (!r.offered && onlyAsksAbout(text, part.options))
      return {
        verdict: "unreadable",
        answer: "",
        evidence: "it asks about the options instead of choosing one",
        empty: true,
      };
    // a conclusion that offers two options ("(b) or (d)"), or names them and says it cannot
    // choose ("it depends on the criterion"), is an answer that decides nothing; options only
    // listed are no answer read
    const answer = r.labels
      .map((l) =>
        optionText(
          part.options.find((o) => o.label === l),
          l,
        ),
      )
      .join(" or ");
    // (not a reply that declines for want of the figure: "I can't tell which … describe each curve")
    const hedge = r.offered || declinesFirst(text) ? undefined : hedgePhrase(text);
    if (hedge)
      return {
        verdict: "ambiguous",
        answer,
        evidence: `the answer names ${r.labels.join(" and ")} and does not decide ("${hedge}")`,
      };
    return {
      verdict: r.offered ? "ambiguous" : "unreadable",
      answer,
      evidence: r.offered
        ? `the answer offers ${r.labels.join(" or ")} and chooses neither`
        : `the answer names several options (${r.labels.join(", ")}) without saying which it chooses`,
      ...(r.offered ? {} : { undecided: true as const }),
    };
  }
  const got = part.options.find((o) => o.label === r.label);
  const ok = r.label === want;
  return {
    verdict: ok ? "correct" : "incorrect",
    answer: optionText(got, r.label),
    evidence:
      `chose ${optionText(got, r.label)} (${r.how}); the key's answer is ${optionText(wantOpt, want)}` +
      `${wantOpt ? `: ${wantOpt.description}` : ""}` +
      (ok || !got ? "" : ` The chosen option is described as: ${got.description}`),
  };
}

function gradeGrid(part: PartOf<"checkbox-grid">, text: string, k: PartKey): Graded {
  if (k.answer.type !== "checkbox-grid") throw new Error("type");
  const r = extractGrid(text, part);
  const want = k.answer.cells;
  const wrong: string[] = [];
  const missing: string[] = [];
  const shown: string[] = [];
  for (const row of part.rows) {
    for (const col of part.columns) {
      const w = want[row.label]?.[col.label];
      if (w === undefined) continue;
      const g = r.cells[row.label]?.[col.label];
      const name = `${row.label}→${col.label}`;
      if (g === undefined) missing.push(name);
      else {
        shown.push(`${name} ${g ? "☒" : "☐"}`);
        if (g !== w) wrong.push(`${name} should be ${w ? "ticked" : "unticked"}`);
      }
    }
  }
  const answer = shown.join(", ");
  const lost = boxesUnderKey(text) ?? (shown.length === 0 ? lostMarksRow(text, part) : undefined);
  if (lost)
    return {
      verdict: "unreadable",
      answer: "",
      evidence: `its grid's boxes did not survive the copy: "${lost}"`,
    };
  if (shown.length === 0)
    return {
      verdict: "unreadable",
      answer: "",
      evidence: "it ticks or crosses no box",
      empty: true,
    };
  if (wrong.length)
    return { verdict: "incorrect", answer, evidence: `wrong cells: ${wrong.join("; ")}` };
  if (missing.length) {
    return {
      verdict: "partial",
      answer,
      evidence: `the cells given match the key; not answered: ${missing.join(", ")}`,
    };
  }
  return { verdict: "correct", answer, evidence: "every cell matches the key" };
}

function gradeAssignment(part: PartOf<"assignment">, text: string, k: PartKey): Graded {
  if (k.answer.type !== "assignment") throw new Error("type");
  const r = extractAssignment(text, part);
  const want = k.answer.assignment;
  const label = (l: string) => {
    const v = part.values.find((o) => o.label === l);
    return v?.value !== undefined ? `β = ${l}` : l;
  };
  // an item offered as one value or another ("(a) and (b) could each be 1e-6 or 1e-3") is not
  // answered; where no item is decided, the answer chose nothing
  const undecided = new Set(r.undecided);
  const decided = part.items.filter(
    (i) => r.assignment[i.label] !== undefined && !undecided.has(i.label),
  );
  const shown = part.items
    .filter((i) => r.assignment[i.label] !== undefined)
    .map((i) => `${i.label} → ${label(r.assignment[i.label]!)}`);
  if (!shown.length)
    return {
      verdict: "unreadable",
      answer: "",
      evidence: "it assigns no value to any item",
      empty: true,
    };
  const wrong: string[] = [];
  const missing: string[] = [];
  for (const item of part.items) {
    const w = want[item.label];
    if (w === undefined) continue;
    const g = undecided.has(item.label) ? undefined : r.assignment[item.label];
    if (g === undefined) missing.push(item.label);
    else if (g !== w)
      wrong.push(`${item.label} is ${label(w)}, not ${label(g)} (${item.description})`);
  }
  const answer = shown.join(", ");
  // An answer that gives an item two values and says it cannot decide, or that states two whole
  // assignments with equal weight (two rows of a table, one a reading: two items or more tied),
  // offers two answers and chooses neither. Items each offered as one value or another beside
  // items it decides are only missing, hedge or not ("(c) is 1e0; (a) and (b) could each be 1e-6
  // or 1e-3, hard to say").
  const torn = part.items.filter((i) => (r.seen[i.label]?.length ?? 0) > 1);
  const hedge = hedgePhrase(text);
  const noneDecided = undecided.size > 0 && !decided.length;
  const onlyOffered = decided.length > 0 && torn.every((i) => undecided.has(i.label));
  if (torn.length && ((hedge && !onlyOffered) || r.tied.length >= 2 || noneDecided)) {
    const why = hedge
      ? `("${hedge}")`
      : noneDecided
        ? `(${r.undecided.join(", ")} offered as one value or another)`
        : "(two assignments stated with equal weight)";
    return {
      verdict: "ambiguous",
      answer,
      evidence: `the answer does not decide ${why}: ${torn.map((i) => `${i.label} is given as ${r.seen[i.label]!.map(label).join(" and as ")}`).join("; ")}`,
    };
  }
  if (wrong.length) return { verdict: "incorrect", answer, evidence: `wrong: ${wrong.join("; ")}` };
  if (missing.length)
    return {
      verdict: "partial",
      answer,
      evidence: `correct as far as given; missing: ${missing.join(", ")}${undecided.size ? ` (${r.undecided.join(", ")} offered as one value or another)` : ""}`,
    };
  return { verdict: "correct", answer, evidence: "every item matches the key" };
}

function gradeExample(
  part: PartOf<"worked-example">,
  text: string,
  k: PartKey,
  tools: GradeTools,
): Graded {
  if (k.answer.type !== "worked-example") throw new Error("type");
  const [sp, sq] = part.example.symbols;
  const read = (sym: string) => {
    const groups = distributionSpecs(text, sym);
    let found: { spec: string; readings: DistributionReading[] } | undefined;
    let qualified: string | undefined;
    let refused: string | undefined;
    let invalid: string | undefined;
    const tried: string[] = [];
    /** Every distribution the answer gives the symbol, in order. */
    const given: string[] = [];
    for (const g of groups) {
      const whole = g.reduce((a, b) => (b.length > a.length ? b : a), "");
      for (const spec of g) {
        try {
          const r = tools.parseDistribution(spec);
          if (r.readings.length) {
            // "N(0, 1) truncated to [0, ∞)" is not N(0, 1): read the longer text if the toolkit
            // can (truncation), else the example is a transformation it cannot compute.
            const rest = whole.startsWith(spec) ? whole.slice(spec.length) : "";
            if (QUALIFIED.test(rest)) {
              qualified = `${spec}${rest.slice(0, 40)}`.trim();
              found = undefined;
              continue;
            }
            found = { spec, readings: r.readings };
            given.push(spec);
            qualified = undefined;
            break;
          }
        } catch (err) {
          // not a distribution; try a longer cut, remembering why a written density was refused
          // and why a complete one ("N(0, -1)", "[0.5, 0.6]") is not a distribution
          const reason = (err as { reason?: unknown }).reason;
          if ((err as Error).name === "DensityFormulaError") refused = String(reason);
          else if (typeof reason === "string" && /[)\]}]$/.test(spec.trim()))
            invalid ??= `"${spec.trim()}": ${reason}`;
        }
      }
      tried.push(g[g.length - 1] ?? "");
    }
    return { found, tried, qualified, refused, invalid, given };
  };
  const P = read(sp);
  const Q = read(sq);
  // the pair and its swap, both given and neither taken back ("Option 1: P = N(0, 1), Q =
  // Cauchy(0, 1), or Option 2: P = Cauchy(0, 1), Q = N(0, 1), depending on your convention"):
  // the direction, which is the question, is not decided
  const norm = (x: string) => x.replace(/\s+/g, "");
  const bothWays =
    P.found &&
    Q.found &&
    norm(P.found.spec) !== norm(Q.found.spec) &&
    P.given.some((x) => norm(x) === norm(Q.found!.spec)) &&
    Q.given.some((x) => norm(x) === norm(P.found!.spec));
  if (bothWays && !firstPhrase(text, REVISED) && !firstPhrase(text, RETRACTED))
    return {
      verdict: "ambiguous",
      answer: `${sp} = ${P.found!.spec}; ${sq} = ${Q.found!.spec}, or the swap`,
      evidence: `the answer gives the pair both ways round (${sp} = ${Q.found!.spec}; ${sq} = ${P.found!.spec} too) and takes neither back`,
    };
  if (!P.found || !Q.found) {
    const which = !P.found ? sp : sq;
    const miss = !P.found ? P : Q;
    const tried = miss.tried.slice(-2);
    return {
      verdict: "unreadable",
      answer: [P.found?.spec, Q.found?.spec].filter(Boolean).join("; "),
      evidence: miss.qualified
        ? `${which} is given as "${miss.qualified}", a transformed distribution the KL toolkit cannot compute`
        : miss.refused
          ? `${which} is written out as a density that is not one: ${miss.refused}`
          : miss.invalid
            ? `${which} is not a valid distribution: ${miss.invalid}`
            : `could not read ${which} as a distribution${tried.length ? ` (tried "${tried.join('", "')}")` : " (not defined in the answer)"}`,
    };
  }
  const answer = `${sp} = ${P.found.spec}; ${sq} = ${Q.found.spec}`;
  const wantFwd = k.answer.criterion.forward === "finite";
  const wantRev = k.answer.criterion.reverse === "finite";
  const lines: string[] = [];
  let good = 0;
  let swapped = 0;
  let total = 0;
  let pairs: { label: string; p: unknown; q: unknown }[] = [];
  try {
    pairs = tools.parsePair ? tools.parsePair(P.found.spec, Q.found.spec) : [];
  } catch {
    pairs = [];
  }
  if (!pairs.length) {
    for (const p of P.found.readings) {
      for (const q of Q.found.readings) {
        const label =
          P.found.readings.length * Q.found.readings.length > 1
            ? `${p.label} / ${q.label}`
            : "unambiguous";
        pairs.push({ label, p: p.dist, q: q.dist });
      }
    }
  }
  try {
    for (const pr of pairs) {
      {
        const f = tools.kl(pr.p, pr.q, { p: sp, q: sq });
        const b = tools.kl(pr.q, pr.p, { p: sq, q: sp });
        total++;
        if (f.finite === wantFwd && b.finite === wantRev) good++;
        else if (f.finite === wantRev && b.finite === wantFwd) swapped++;
        const v = (x: KlResult) =>
          x.finite ? num(x.value ?? Number.NaN) : `∞${x.reason ? ` (${x.reason})` : ""}`;
        const tag = pairs.length > 1 ? `[${pr.label}] ` : "";
        lines.push(`${tag}KL(${sp}||${sq}) = ${v(f)}, KL(${sq}||${sp}) = ${v(b)}`);
      }
    }
  } catch (err) {
    return {
      verdict: "unreadable",
      answer,
      evidence: `the KL toolkit failed: ${(err as Error).message}`,
    };
  }
  const computed = `computed: ${lines.join("; ")}`;
  const need = `needs KL(${sp}||${sq}) ${k.answer.criterion.forward} and KL(${sq}||${sp}) ${k.answer.criterion.reverse}`;
  if (good === total)
    return { verdict: "correct", answer, evidence: `${computed} — ${need}: holds` };
  if (swapped === total) {
    // the example shows the opposite of what was asked: wrong, however close
    return {
      verdict: "incorrect",
      answer,
      evidence: `${computed} — ${need}: holds only with ${sp} and ${sq} swapped`,
    };
  }
  if (good > 0) {
    return {
      verdict: "partial",
      answer,
      evidence: `${computed} — ${need}: holds under ${good} of ${total} readings of the notation`,
    };
  }
  return { verdict: "incorrect", answer, evidence: `${computed} — ${need}: fails` };
}

const REVISED = words("revision");
const RETRACTED = words("retraction");

/**
 * Words after a distribution that change it ("N(0, 1) truncated to [0, ∞)", "…, shifted by 2",
 * "…, then folded"), in every language.
 */
const QUALIFIED = new RegExp(
  `^\\s*[,(]?\\s*(?:(?:${alternation([...words("but"), ...words("qualifierLeads")])})\\s+)?(?:${wholeWords(words("qualifiers"))})`,
  "iu",
);

/** Words before a value that mark it as the old one: "instead of std = 1", "replace std=1". */
const SET_ASIDE =
  /(?:instead of|rather than|\bnot|current(?:ly)?|original(?:ly)?|\bold|\breplace|\bbuggy|\bbug)\s*(?:the\s+)?(?:\w+\s+)?$/;

/** A std that describes something other than the proposed init: "logits of std √d_model". */
const DESCRIBES_OTHER =
  /\b(?:logits?|outputs?|activations?|gradients?|scores?|dot products?|pre-?softmax)\b[^.;:]{0,14}$/i;

/** Text just before a code block saying it quotes the old code ("**Original (line 9):**", "instead of"). */
const OLD_CODE =
  /\b(?:instead of|rather than|original|before(?=\s*[:(*_])|buggy|old|current(?:ly)?|wrong|broken|problematic|bug)\b/i;
const NEW_CODE = /\b(?:with|fix|fixed|corrected|correct|new|after|should|becomes?|to|use)\b/i;
/** A short label line ending in ":" ("**Original (line 9):**", "Buggy line:"), or "instead of …". */
function quotesOldCode(text: string, blockStart: number): boolean {
  const before = text.slice(Math.max(0, blockStart - 300), blockStart).trimEnd();
  const line = before.slice(before.lastIndexOf("\n") + 1).trim();
  const label = line.length <= 80 && /[:：][\s*_)]*$/.test(line);
  const insteadOf = /^\W*(?:instead of|rather than)\b/i.test(line);
  return (label || insteadOf) && OLD_CODE.test(line) && !NEW_CODE.test(line);
}

/** Prose math as the evaluator reads it: no code ticks or bold, "·"/"×" as "*", "√d" as "sqrt(d)". */
function proseMath(text: string): string {
  return (
    matchForm(text)
      // Python's power in prose ("std = d_model ** -0.5") before the asterisks of emphasis go
      .replace(/(?<=[\w)]\s?)\*\*(?=[-+]?\d|[a-z_(]|\s[-+]?\d)/g, "^")
      .replace(/[`*]/g, "")
      .replace(/·|×/g, "*")
      .replace(/√\s*(?:\(\s*([\w.]+)\s*\)|(\w+(?:\.\w+)*))/g, "sqrt($1$2)")
  );
}

/** Std proposed in prose: "std = 1/√d_model", "N(0, 1/d_model)" (a variance), "σ = d_model^-0.5". */
function proseStd(
  text: string,
  env: Record<string, number>,
): { std: number; src: string } | undefined {
  const t = proseMath(text);
  const clean = (s: string) => s.replace(/[\s.,;:]+$/, "").trim();
  let found: { std: number; src: string } | undefined;
  /** The last value after `word` that is not set aside, as a std (a variance is square-rooted). */
  const lastAfter = (word: RegExp, variance: boolean) => {
    let last: { std: number; src: string } | undefined;
    for (const m of t.matchAll(word)) {
      const before = t.slice(Math.max(0, m.index - 30), m.index);
      if (SET_ASIDE.test(before) || DESCRIBES_OTHER.test(before)) continue;
      const lead = leadingValue(
        clean(m[1]!),
        env,
        (v) => Number.isFinite(v) && !(variance && v < 0),
      );
      if (!lead) continue;
      last = variance
        ? { std: Math.sqrt(lead.value), src: `variance ${lead.text}` }
        : { std: Math.abs(lead.value), src: `std = ${lead.text}` };
    }
    return last;
  };
  // The value is captured in a lookahead so "replace std=1 with std=1/√d" finds both; a value the
  // text sets aside ("instead of std = 1", "replace std=1") is skipped.
  found =
    lastAfter(
      /(?<![\w])(?:std|standard deviation|σ|sigma)\s*(?:=|≈|of|to|:|equal to|be|is|\s)\s*(?=([\w.()^*/+\-\s]{1,60}))/g,
      false,
    ) ?? lastAfter(/\bvariance\s*(?:=|of|to|:|\s)\s*(?=([\w.()^*/+\-\s]{1,60}))/g, true);
  if (found) return found;
  for (const m of t.matchAll(/\bn\s*\(\s*0(?:\.0)?\s*,\s*/g)) {
    if (SET_ASIDE.test(t.slice(Math.max(0, m.index - 30), m.index))) continue;
    // the variance: up to the bracket that closes "N(", however deeply nested
    let depth = 0;
    let end = -1;
    for (let i = m.index + m[0].length; i < Math.min(t.length, m.index + 200); i++) {
      if (t[i] === "(") depth++;
      else if (t[i] === ")" && depth-- === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) continue;
    const arg = t.slice(m.index + m[0].length, end);
    try {
      const v = evaluate(arg, env);
      if (Number.isFinite(v) && v >= 0)
        found = { std: Math.sqrt(v), src: `N(0, ${arg.trim()}) (a variance)` };
    } catch {
      // not arithmetic
    }
  }
  return found;
}

/**
 * A rescaling of the embedding's init said in prose: "scale line 9 down by √d_model", "divide the
 * word embedding by sqrt(d_model)", "multiply emb_word by d_model^-0.5". The sentence must name the
 * embedding or the line that initialises it (the part's target and its line), not the logits.
 */
function proseScale(
  text: string,
  env: Record<string, number>,
  part: PartOf<"code-fix">,
): { factor: number; src: string } | undefined {
  const t = proseMath(text);
  const module = escapeRe(targetModule(part));
  const names = new RegExp(
    `\\bline\\s*${escapeRe(targetLine(part))}\\b|${module}|word embedding|embedding (?:weight|matrix|table)`,
  );
  let found: { factor: number; src: string } | undefined;
  for (const sentence of t.split(SENTENCES_AND_LINES)) {
    if (!names.test(sentence)) continue;
    if (/\blogits?\b[^.;]{0,20}\b(?:scale|divide|multipl)/.test(sentence)) continue;
    const m =
      /\b(scale[sd]?(?:\s+\S+){0,4}?\s+down|divide[sd]?|shrink|multipl(?:y|ied|ies))\b[^.;]{0,40}?\bby\s+(?:a\s+factor\s+of\s+)?([\w.()^*/+\-\s]{1,40})/.exec(
        sentence,
      );
    if (!m) continue;
    const src = m[2]!.replace(/[\s.,;:]+$/, "").trim();
    const lead = leadingValue(src, env, (v) => Number.isFinite(v) && v !== 0);
    if (!lead) continue;
    const up = /^multipl/.test(m[1]!);
    found = {
      factor: Math.abs(up ? lead.value : 1 / lead.value),
      src: `${up ? "multiplied" : "divided"} by ${lead.text}`,
    };
  }
  return found;
}

/**
 * The longest prefix of `src` that evaluates to a value `accept` takes: prose goes on after the
 * arithmetic ("1/sqrt(d_model) so that the logits …" → 1/sqrt(d_model)).
 */
function leadingValue(
  src: string,
  env: Record<string, number>,
  accept: (v: number) => boolean,
): { value: number; text: string } | undefined {
  for (let n = src.length; n > 0; n--) {
    try {
      const value = evaluate(src.slice(0, n), env);
      if (accept(value)) return { value, text: src.slice(0, n).trim() };
    } catch {
      // not arithmetic yet: a shorter prefix
    }
  }
  return undefined;
}

/** Every name the problem's own code and sizes use ("emb_word", "weight", "d_model", "normal_"). */
function knownNames(part: PartOf<"code-fix">): Set<string> {
  const out = new Set<string>(Object.keys(part.env));
  for (const names of Object.values(part.sizeNames)) for (const n of names) out.add(n);
  for (const code of [...Object.values(part.lines), part.target, ...part.equivalentTargets])
    for (const m of code.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) out.add(m[0]);
  return out;
}

/**
 * Names as optical character recognition misreads them ("d_mode1", "emb_w0rd", "Im_head") put
 * back where the repair gives a name the problem knows; any other word is left alone.
 */
function repairNames(text: string, known: Set<string>): string {
  return text.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (w) => {
    if (known.has(w) || !/[01I]|rn/.test(w)) return w;
    const fixed = w.replace(/rn/g, "m").replace(/[1I]/g, "l").replace(/0/g, "o");
    return known.has(fixed) ? fixed : w;
  });
}

async function gradeCodeFix(
  part: PartOf<"code-fix">,
  answer: string,
  k: PartKey,
  tools: GradeTools,
): Promise<Graded> {
  if (k.answer.type !== "code-fix") throw new Error("type");
  const text = repairNames(answer, knownNames(part));
  const crit = k.answer.criterion;
  // Measure (and read the code) at the key's sizes when it gives them.
  const env: Record<string, number> = { ...part.env };
  const dModel = crit.dModel ?? sizeOf(part, "dModel");
  const vocabSize = crit.vocabSize ?? sizeOf(part, "vocabSize");
  for (const n of part.sizeNames.dModel) env[n] = dModel;
  for (const n of part.sizeNames.vocabSize) env[n] = vocabSize;
  const shapes: Record<string, number[]> = {};
  for (const [name, dims] of Object.entries(part.shapes))
    shapes[name] = dims.map((d) => evaluate(d, env));
  // Code quoted as the original ("**Original (line 9):**", "instead of the original:") is not the fix.
  const blocks = codeBlocks(text).filter((b) => !quotesOldCode(text, b.start));
  const prose = stripCode(text);
  const targets = [part.target, ...part.equivalentTargets].map(normalizeTarget);
  const exact = (c: { target: string }) =>
    targets.some((t) => c.target === t || c.target.endsWith(`.${t}`) || c.target.endsWith(t));
  const fuzzy = (c: { target: string }) =>
    !/pos/.test(c.target) && /word|tok|emb|lm_head|head/.test(c.target);
  const codeCalls: InitCall[] = [];
  const codeScalings: Scaling[] = [];
  const errors: string[] = [];
  for (const b of blocks) {
    const live = liveCode(b.code, b.lang);
    const r = extractInitCalls(live, { env: bindAssignments(live, env), shapes });
    codeCalls.push(...r.calls);
    codeScalings.push(...r.scalings);
    errors.push(...r.errors.map((e) => `${e.message} (in "${e.text.slice(0, 80)}")`));
  }
  const proseR = extractInitCalls(prose.replace(/`/g, " "), { env, shapes });
  const pick = (calls: InitCall[]) =>
    [...calls].reverse().find(exact) ?? [...calls].reverse().find(fuzzy);
  let std: number | undefined;
  let how = "";
  const call = pick(codeCalls) ?? pick(proseR.calls);
  /** The std the problem's own lines give the target (N(0, 1) on line 9). */
  const givenStd = () =>
    Object.values(part.lines)
      .flatMap((l) => extractInitCalls(l, { env, shapes }).calls)
      .find(exact)?.std ?? 1;
  // `emb_word.weight.data *= d_model ** -0.5` alone rescales the problem's own init.
  const rescale = [...codeScalings].reverse().find((sc) => exact(sc) || fuzzy(sc));
  if (call) {
    std = call.std;
    how = `\`${call.text.replace(/\s+/g, " ").slice(0, 100)}\``;
  } else if (rescale) {
    std = givenStd() * Math.abs(rescale.factor);
    how = `the problem's init rescaled by \`${rescale.text.slice(0, 80)}\``;
  } else {
    // Prose only, with any init call written inline (for another tensor) taken out.
    const plain = [...proseR.calls, ...codeCalls].reduce(
      (t, c) => t.split(c.text).join(" "),
      prose,
    );
    const ps = proseStd(plain, env);
    const sc = ps ? undefined : proseScale(plain, env, part);
    if (ps) {
      std = ps.std;
      how = `${ps.src}, from the prose`;
    } else if (sc) {
      std = givenStd() * sc.factor;
      how = `the problem's init ${sc.src}, from the prose`;
    }
  }
  // A fix may instead scale the head's output (lm_head(h) / √d_model): then the embedding keeps
  // the problem's own (buggy) std and the logits get the factor.
  let outputScale: number | undefined;
  if (part.outputCall) {
    const scales = blocks.flatMap((b) =>
      extractOutputScales(liveCode(b.code, b.lang), part.outputCall!, env),
    );
    const last = scales[scales.length - 1];
    if (last) {
      outputScale = last.scale;
      how = how ? `${how} and \`${last.text.slice(0, 80)}\`` : `\`${last.text.slice(0, 80)}\``;
      if (std === undefined) std = givenStd();
    }
  }
  // A fix that scales the embedding lookup's output ("self.emb_word(tokens) * math.sqrt(d)")
  // leaves the weights, hence the tied head, at the problem's own init.
  if (std === undefined) {
    const lookup = new RegExp(
      `\\b${escapeRe(targetModule(part))}\\s*\\([^()\\n]{0,80}\\)\\s*[*/]\\s*[^\\s]{1,60}`,
    ).exec(text);
    if (lookup) {
      std = givenStd();
      how = `the embedding lookup's output scaled (\`${lookup[0]}\`), its weights left as line ${targetLine(part)} sets them`;
    }
  }
  if (std === undefined) {
    const others = [...codeCalls, ...proseR.calls];
    if (others.length) {
      return {
        verdict: "incorrect",
        answer: others
          .map((c) => c.text)
          .join("; ")
          .slice(0, 200),
        evidence: `the proposed code initialises ${[...new Set(others.map((c) => c.target))].join(", ")} but not ${part.target} (line ${Object.keys(part.lines)[0] ?? "?"}), which sets the tied output head's scale`,
      };
    }
    if (errors.length)
      return {
        verdict: "unreadable",
        answer: "",
        evidence: `not gradable: ${errors[errors.length - 1]}`,
      };
    return {
      verdict: "unreadable",
      answer: "",
      evidence: `it initialises no ${part.target}`,
      empty: true,
    };
  }
  let m: InitialLogits;
  try {
    m = await tools.measureInitialLogits({
      dModel,
      vocabSize,
      embeddingStd: std,
      seed: crit.seed,
      ...(outputScale === undefined ? {} : { outputScale }),
    });
  } catch (err) {
    return {
      verdict: "unreadable",
      answer: how,
      evidence: `could not measure the proposed init: ${(err as Error).message}`,
    };
  }
  const works = m.logitStd <= crit.maxLogitStd && m.logitStd >= crit.minLogitStd;
  const evidence =
    `proposed ${part.target} std = ${num(std)}${outputScale === undefined ? "" : ` with the head's output scaled by ${num(outputScale)}`} at d_model = ${dModel} (${how}); measured initial logit std ` +
    `${num(m.logitStd)} (predicted σ·√d_model = ${num(m.predictedLogitStd)}), initial loss ${num(m.initialLoss)} ` +
    `vs ln V = ${num(m.lnVocab)}, top-token mass ${num(m.argmaxMass)}; accepted logit std range ` +
    `[${num(crit.minLogitStd)}, ${num(crit.maxLogitStd)}] — ${works ? "the fix works" : "still broken"}`;
  return {
    verdict: works ? "correct" : "incorrect",
    answer: `std = ${num(std)} (${how})`,
    evidence,
  };
}

/** `text` is the counted answer (its equation is checked); `reasons` where its concepts are read. */
function gradeFree(
  part: PartOf<"free-explanation">,
  text: string,
  k: PartKey,
  reasons: string,
): Graded {
  const g = gradeConcepts(reasons, k, text);
  const f = part.formula ? checkFormula(text, part.formula) : undefined;
  if (!f || !part.formula) return g;
  const want = `${part.formula.symbol} = ${part.formula.expr}`;
  if (f.ok) {
    // The equation itself is the construction the concepts describe ("Z = μ_θe(x) + σ_θe(x) v"
    // is the multiplier and the adder), however it is worded around it.
    if (g.verdict !== "correct" && g.verdict !== "unreadable")
      return {
        ...g,
        verdict: "correct",
        evidence: `its equation ${part.formula.symbol} = ${f.written} equals ${want}, which states what the key's concepts ask for (its words alone: ${g.evidence})`,
      };
    return {
      ...g,
      evidence: `${g.evidence}; its equation ${part.formula.symbol} = ${f.written} equals ${want}`,
    };
  }
  const c = f.counter!;
  const at = Object.entries(c.at)
    .map(([n, v]) => `${n} = ${v}`)
    .join(", ");
  return {
    verdict: "incorrect",
    answer: g.answer,
    evidence: `its equation ${part.formula.symbol} = ${f.written} is not ${want}: at ${at} it gives ${num(c.got)} instead of ${num(c.want)}`,
  };
}

/** Concepts read in `text`; the answer shown is the first line of `shown` (the counted answer). */
function gradeConcepts(text: string, k: PartKey, shown = text): Graded {
  const have = findConcepts(text, k.concepts);
  const answer =
    shown
      .trim()
      .split("\n")
      // not a heading, nor a label line alone ("**Final answer:**")
      .find((l) => l.trim() && !/^\s*#/.test(l) && !/^[^:]{0,40}:[*_\s]*$/.test(l))
      ?.trim()
      .slice(0, 160) ?? "";
  const req = k.concepts.filter((c) => c.required);
  if (req.length === 0)
    return { verdict: "unreadable", answer, evidence: "the key lists no concepts for this part" };
  // a mark or a score where an explanation would be ("| 3(a) | 1 |" in a grading table) explains
  // nothing
  if ((shown.match(/\p{L}{2,}/gu) ?? []).length < 2 && !/[σμ×+·*]/u.test(shown))
    return { verdict: "unreadable", answer, evidence: "it explains nothing", empty: true };
  const got = req.filter((c) => have.has(c.id));
  if (got.length === req.length) {
    return {
      verdict: "correct",
      answer,
      evidence: `has every key concept: ${got.map((c) => c.description).join("; ")}`,
    };
  }
  const miss = req.filter((c) => !have.has(c.id)).map((c) => c.description);
  // none of it, where the model says it cannot answer ("I can't see Figure 3"): no answer
  const declined =
    got.length || shown.length > PLACEHOLDER_CHARS * 3 ? undefined : firstPhrase(shown, DECLINED);
  if (declined)
    return { verdict: "unreadable", answer, evidence: `it declines ("${declined}")`, empty: true };
  return {
    verdict: got.length ? "partial" : "incorrect",
    answer,
    evidence: `${got.length} of ${req.length} key concepts; missing: ${miss.join("; ")}`,
    missingConcepts: true,
  };
}

/**
 * The key's concepts (the "why") beside a correct answer. A careful grader marks the answer, not the
 * wording of its reasons: a missing concept is reported, and the verdict stays correct — except an
 * essential one (the reason the answer is right), whose absence from the prose makes it partial.
 */
function applyConcepts(g: Graded, text: string, k: PartKey, part: Part): Graded {
  if (part.answerType === "free-explanation" || g.verdict !== "correct") return g;
  const req = k.concepts.filter((c) => c.required);
  if (!req.length) return g;
  const have = findConcepts(text, req);
  const miss = req.filter((c) => !have.has(c.id));
  const essential = req.filter((c) => c.essential);
  const prose = stripCode(text).replace(/`[^`\n]*`/g, " ");
  const said = findConcepts(prose, essential);
  const unsaid = essential.filter((c) => !said.has(c.id));
  if (unsaid.length)
    return {
      ...g,
      verdict: "partial",
      evidence: `${g.evidence}; but the explanation does not give the reason it is right: ${unsaid.map((c) => c.description).join("; ")}`,
    };
  if (!miss.length)
    return {
      ...g,
      evidence: `${g.evidence}; explanation has: ${req.map((c) => c.description).join("; ")}`,
    };
  return {
    ...g,
    evidence: `${g.evidence}; the explanation does not state: ${miss.map((c) => c.description).join("; ")}`,
  };
}

async function gradePart(
  part: Part,
  ans: PartAnswer,
  k: PartKey,
  key: AnswerKey,
  set: ProblemSet,
  tools: GradeTools,
): Promise<Graded> {
  if (k.answer.type !== part.answerType) {
    return {
      verdict: "unreadable",
      answer: "",
      evidence: `the key's answer for ${part.id} is a ${k.answer.type}, the problem set expects ${part.answerType}`,
    };
  }
  const read = READERS[part.answerType] as Reader<AnswerType>;
  return read({ part, body: ans.body, whole: ans.whole, partKey: k, key, set, tools });
}

/** What every reader gets: its part, the candidate's text and its turn's whole visible answer
 * (where reasons may be given), the key and the tools that compute. */
type ReadInput<T extends AnswerType> = {
  part: PartOf<T>;
  body: string;
  whole: string;
  partKey: PartKey;
  key: AnswerKey;
  set: ProblemSet;
  tools: GradeTools;
};
type Reader<T extends AnswerType> = (x: ReadInput<T>) => Graded | Promise<Graded>;

/** One reader per answer type: a new answer type is a new record here. */
const READERS: { [T in AnswerType]: Reader<T> } = {
  "single-choice": (x) => gradeChoice(x.part, x.body, x.partKey, x.key, x.set),
  "checkbox-grid": (x) => gradeGrid(x.part, x.body, x.partKey),
  assignment: (x) => gradeAssignment(x.part, x.body, x.partKey),
  "worked-example": (x) => gradeExample(x.part, x.body, x.partKey, x.tools),
  "code-fix": (x) => gradeCodeFix(x.part, x.body, x.partKey, x.tools),
  "free-explanation": (x) => gradeFree(x.part, x.body, x.partKey, x.whole || x.body),
};

/** How a candidate weighs: later turns first, then visible text over reasoning, the turn's final
 * answers over its worked ones, a part's own label over a shared one, explicit markers ("answer",
 * "final", "revised") over none. */
function weight(c: PartAnswer): number[] {
  return [
    c.turn,
    c.role === "reasoning" ? 0 : 1,
    c.summary ? 1 : 0,
    c.shared ? 0 : 1,
    c.markers.length ? 1 : 0,
  ];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

type Read = { cand: PartAnswer; g: Graded };

/** Read one candidate with its part's reader; an oversized answer is read at its two ends. */
async function readCandidate(
  part: Part,
  cand: PartAnswer,
  k: PartKey,
  key: AnswerKey,
  set: ProblemSet,
  tools: GradeTools,
): Promise<Graded> {
  const long = cand.body.length > MAX_ANSWER_CHARS;
  // an answer states itself first or last: its opening and its end are read, the middle (a long
  // script, a pasted log) is not
  const half = MAX_ANSWER_CHARS / 2;
  // an answer drawn as an image the saved page does not hold (a "blob:" address lives only in the
  // browser tab that made it; an image with no address at all) is read in its own words only: the
  // reply's other parts do not stand for the picture
  const image = lostImage(cand.body);
  const a = long
    ? { ...cand, body: `${cand.body.slice(0, half)}\n…\n${cand.body.slice(-half)}` }
    : image
      ? { ...cand, whole: cand.body }
      : cand;
  try {
    const reasons = long || a.whole.length > MAX_ANSWER_CHARS ? a.body : `${a.body}\n${a.whole}`;
    let g = applyConcepts(await gradePart(part, a, k, key, set, tools), reasons, k, part);
    // short of correct, an answer the copy lost was given and cannot be read: the words around
    // it do not stand for it
    const lost = g.verdict !== "correct" ? lostAnswer(cand.body, image) : undefined;
    if (lost) g = { verdict: "unreadable", answer: "", evidence: lost };
    if (long)
      g = {
        ...g,
        evidence: `${g.evidence} (answer of ${cand.body.length} characters: only its first and last ${half} read)`,
      };
    return g;
  } catch (err) {
    return {
      verdict: "unreadable",
      answer: "",
      evidence: `reading failed: ${(err as Error).message}`,
    };
  }
}

/**
 * How an answer's text says the copy lost it, or undefined: letters lost to glyphs it could not
 * show (an OCR's "▯▯▯▯ KL", a wrong encoding's "�"); an announcement with only the hole a picture
 * left after it ("Here is the diagram:", then blank lines); an image the transcript does not hold;
 * an attachment the export left out ("‎imagem ocultada", "<Media omitted>").
 */
function lostAnswer(body: string, image: string | undefined): string | undefined {
  const glyphs = lostGlyphs(body);
  if (glyphs >= LOST_GLYPHS)
    return `its text was lost to ${glyphs} glyphs the copy could not show ("▯", "�")`;
  const hole = announcedHole(body);
  if (hole)
    return `its answer announces what the copy does not hold ("${hole.slice(-80)}", then nothing)`;
  if (image) return `its answer is an image the transcript does not hold (${image.slice(0, 60)})`;
  const card = artifactCard(body);
  if (card) return `its answer is in an artifact the copy shows only as its card ("${card}")`;
  const media = omittedMedia(body);
  if (media) return `its answer was an attachment the export left out ("${media}")`;
  return undefined;
}

/**
 * A part whose answer a person relayed as a picture the copy does not hold: a person's message
 * names the part ("3b üçün də soruşdum … skrinşot atıram", "Για το 3c … στο στιγμιότυπο οθόνης:")
 * and then, before any word of the model, comes a picture that is not here (an export's note of
 * a left-out attachment, a mail's "[image: …png]", an image without an address), and the model
 * says nothing after it. Read only where no answer was found: it is answered, unseen.
 */
function relayedPicture(parsed: ParsedTranscript, part: Part): PartReport | undefined {
  const letters = new Set([part.letter]);
  const { lines, roles } = parsed;
  let named: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const r = roles[i]!.role;
    if (r === "model" || r === "reasoning") {
      named = undefined;
      continue;
    }
    if (r !== "person" && r !== "other") continue;
    const text = lines[i]!.content;
    if (
      part.letter &&
      partRefs(text.slice(0, 400), letters, false).some(
        (ref) => ref.problem === part.problem && ref.letter === part.letter,
      )
    )
      named = i;
    const picture =
      named === undefined
        ? undefined
        : (omittedMedia(text) ?? MAIL_IMAGE.exec(text)?.[0] ?? lostImage(text));
    if (!picture) continue;
    const after = roles.slice(i + 1).some((x) => x.role === "model");
    if (after) return undefined;
    return {
      id: part.id,
      verdict: "unreadable",
      answer: "",
      evidence: `answered, relayed (line ${named! + 1}) as a picture the copy does not hold ("${picture.slice(0, 80)}", line ${i + 1})`,
      location: { start: lines[i]!.contentStart, end: lines[i]!.end, line: i + 1 },
    };
  }
  return undefined;
}

/** A mail client's note of an inline image in plain text: "[image: Screenshot 2025-12-03.png]". */
const MAIL_IMAGE = /\[image: ?[^\]\n]{1,200}\]/;

/**
 * An image the transcript cannot show, where it stands for the answer: a Markdown image whose
 * address it cannot resolve ("![diagram](blob:https://…)", "![]()"), or a note's embed of a
 * picture file (Obsidian's "![[Pasted image 20251204093112.png]]") that the text announces, a
 * line ending in a colon a few lines above it ("I drew the diagram for you:", then the artifact's
 * title). An embed under a heading alone is the problem's own figure, pasted beside the answer.
 */
function lostImage(body: string): string | undefined {
  const image = LOST_IMAGE.exec(body)?.[0];
  if (image) return image;
  const embed = NOTE_EMBED.exec(body);
  if (!embed) return undefined;
  const before = body
    .slice(0, embed.index)
    .split("\n")
    .filter((l) => l.trim())
    .slice(-3);
  return before.some((l) => /\p{L}[:：]\s*$/u.test(l.trim())) ? embed[0] : undefined;
}

const LOST_IMAGE = /!\[[^\]\n]{0,200}\]\(\s*(?:blob:[^)\s]{0,300})?\s*\)/;
const NOTE_EMBED = /!\[\[[^\]\n]{1,200}\.(?:png|jpe?g|gif|webp|svg|bmp)(?:\|[^\]\n]{0,40})?\]\]/i;

/**
 * A line announcing what follows, a colon after its last word, followed by nothing: two or more
 * blank lines where an image stood, then prose or the answer's end. (A colon before one blank
 * line is prose going on, "Here is why:\n\nBecause …"; before code, the code is what it
 * announced; "In [3]:" and ":white_check_mark:" announce nothing.) Or the caption a converter
 * kept under the hole its picture left: two or more blank lines, then "Umfanekiso 1: …",
 * "Figure 2. …".
 */
function announcedHole(body: string): string | undefined {
  const lines = body.split("\n");
  let blankRun = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) {
      blankRun++;
      continue;
    }
    const caption = blankRun >= 2 ? CAPTION.exec(line) : null;
    blankRun = 0;
    if (caption && OPTION_NOUN_SET.has(caption[1]!.toLowerCase())) return line;
    // (inside a quotation its mark may close after the colon: "… to download it:"")
    if (!/\p{L}[:：]["'”’»]?$/u.test(line) || /:[\w+-]+:$/.test(line)) continue;
    let blank = 0;
    while (i + 1 + blank < lines.length && lines[i + 1 + blank]!.trim() === "") blank++;
    const next = lines[i + 1 + blank];
    if (blank >= 2 && (next === undefined || !/^\s*(?:```|~~~|\s{4})/.test(next))) return line;
  }
  return undefined;
}

/**
 * An artifact's card where a page copy left the artifact out (Claude's side panel): a title line,
 * then its kind and format joined by a middle dot ("Diagram · SVG", "Code · Python").
 */
function artifactCard(body: string): string | undefined {
  const lines = body.split("\n").map((l) => l.trim());
  for (let i = 1; i < lines.length; i++)
    if (ARTIFACT_KIND.test(lines[i]!) && lines[i - 1] && !ARTIFACT_KIND.test(lines[i - 1]!))
      return `${lines[i - 1]!.slice(0, 60)} / ${lines[i]}`;
  return undefined;
}

const ARTIFACT_KIND = /^\p{L}{2,20} · [\p{L}\d+#.]{1,12}$/u;

/** A picture's caption: a noun, its number and a colon or stop ("Figure 1:", "Fig. 2.", "Umfanekiso 1:"). */
const CAPTION = /^(\p{L}+)\.?\s?\d{1,2}[.:：]\s/u;

/** An export's note that it left out an attachment here, in the export's words or brackets. */
function omittedMedia(body: string): string | undefined {
  return firstPhrase(body, MEDIA_OMITTED) ?? omittedAttachment(body);
}

/**
 * A message that is only an export's note of a left-out attachment, in the export's own angle
 * brackets, alone or after the sender's name ("<Multimedia-fitxategia ez da sartu>", "Ana: <attached:
 * 00000012-PHOTO….jpg>"): the shape is the same in every language, the words are not. (An HTML tag
 * holds "=", quotes or a slash, is one word, "<think>", or names an element, "<details open>".)
 */
function omittedAttachment(body: string): string | undefined {
  for (const raw of body.split("\n")) {
    const line = raw.trimEnd();
    if (!line.endsWith(">")) continue;
    const open = line.lastIndexOf("<");
    const inner = line.slice(open + 1, -1);
    const sender = line.slice(0, open);
    if (
      open >= 0 &&
      inner.length <= 160 &&
      /^\p{L}/u.test(inner) &&
      /[\s-]/.test(inner) &&
      !/[="/\\]/.test(inner) &&
      !HTML_ELEMENT.test(inner) &&
      (sender.trim() === "" || /:\s$/.test(sender))
    )
      return line.slice(open);
  }
  return undefined;
}

/** An HTML element's name opening a tag's text ("details open", "input disabled"). */
const HTML_ELEMENT =
  /^(?:a|abbr|audio|b|body|br|button|code|details|div|em|figure|form|h[1-6]|head|hr|html|i|iframe|img|input|label|li|link|meta|ol|option|p|pre|script|section|select|source|span|strong|style|summary|table|td|th|tr|ul|video)(?![\p{L}\d-])/iu;

/** Whether a candidate is the model's thoughts opened by a "<think>" tag that never closes. */
function cutOffThoughts(cand: PartAnswer): boolean {
  return (
    cand.role === "reasoning" &&
    /<think(?:ing)?>/i.test(cand.body) &&
    !/<\/think(?:ing)?>/i.test(cand.body)
  );
}

/** How many lost glyphs mark an answer unreadable: more than a stray one or two. */
const LOST_GLYPHS = 6;

/**
 * Glyphs standing for letters a copy lost: OCR's and fonts' "▯", the replacement "�", "(cid:12)",
 * private-use code points, which only the page's own font could draw ("&#xF0000;" in a saved
 * page's math), and runs of black squares where a scan's OCR blacked out words ("■■■ reparame■■■"; a
 * square alone may be a tick).
 */
function lostGlyphs(text: string): number {
  return (
    text.match(/[\u25AF\uFFFD\uE000-\uF8FF\u{F0000}-\u{10FFFD}]|\(cid:\d{1,5}\)|\u25A0{2,}/gu)
      ?.length ?? 0
  );
}

/** The read of most weight (the later of equals). */
function heaviest(rs: Read[]): Read {
  return rs.reduce((a, b) => (compare(weight(b.cand), weight(a.cand)) >= 0 ? b : a));
}

/** The counted answer among a part's read candidates, or "ambiguous" when two of equal weight disagree. */
function choose(reads: Read[]): { pick: Read; rival?: Read } | undefined {
  // (an answer that offers two options and chooses neither is read: it decides nothing, as its verdict says)
  const readable = reads.filter((r) => VERDICTS[r.g.verdict].read);
  if (!readable.length) return undefined;
  let best = heaviest(readable);
  // (thoughts do not stand for a visible answer that is there and cannot be read: a picture the
  // copy lost, glyphs it could not show)
  if (
    best.cand.role === "reasoning" &&
    reads.some(
      (r) =>
        r.cand.role === "model" &&
        r.cand.turn >= best.cand.turn &&
        r.g.verdict === "unreadable" &&
        !r.g.empty &&
        !r.g.undecided,
    )
  )
    return undefined;
  // a later answer that restates only some items ("Yes, I'm sure: the KL term has no θd"), or a
  // later explanation that leaves the key's concepts out ("Why is it needed at all?" "Because
  // sampling is not differentiable …"), does not take back the complete one before it, unless it
  // says it revises it
  const short = (r: Read) => r.g.verdict === "partial" || r.g.missingConcepts === true;
  // (the model's thoughts do not stand for a visible answer: "Problem 1: … With std 1 the head
  // weights are big" in the thinking, then a reply that says less than the key asks)
  const complete = readable.filter(
    (r) => !short(r) && (r.cand.role !== "reasoning" || best.cand.role === "reasoning"),
  );
  if (short(best) && !best.cand.markers.length && complete.length) best = heaviest(complete);
  const w = weight(best.cand);
  const rival = readable.find(
    (r) =>
      r !== best &&
      compare(weight(r.cand), w) === 0 &&
      r.g.verdict !== best.g.verdict &&
      r.g.answer !== best.g.answer,
  );
  return { pick: best, rival };
}

/** What a verdict against a key entry the experiments do not support means. */
const KEY_STATUS_NOTE = {
  "contradicted-by-evidence":
    " Note: this project's experiments contradict the expected property for this part (key status: contradicted-by-evidence).",
  unresolved:
    " Note: this project's experiments could not decide the expected property for this part (key status: unresolved); the verdict compares with the expected answer only.",
} as const;

const SKIPPED = words("skipped");
const FAILED_REPLY = words("failedReply");
const WELCOME = words("welcome");
/** What an answer is written with: relations, brackets, arrows, Greek, a decimal or a power. */
const ANSWER_SYMBOLS = /[=()|<>→←^_*/\\∞σμβθ]|\d[.,eE]\d|\de-/u;
const DECLINED = words("declined");
const MEDIA_OMITTED = words("mediaOmitted");
/** Longest text still read as a placeholder ("TODO (need to look at figure 4 again)"). */
const PLACEHOLDER_CHARS = 160;

/**
 * The text of a candidate that holds no answer — empty, a note that the part is left for later
 * ("not yet, doing the VIB stuff tomorrow"), or, read `loose`ly, small talk or the model declining
 * for want of the figure — or undefined when it says more.
 */
function placeholderText(c: PartAnswer, vocabulary: Set<string>, loose = true): string | undefined {
  // (an answer the copy lost, an attachment the export left out or a picture it does not hold,
  // was an answer: it is there, unseen)
  if (lostAnswer(c.body, lostImage(c.body))) return undefined;
  // (a chat header's time line, "Tuesday 11:12 PM", is no text of the message; nor are the
  // punctuation and LaTeX left around a blanked label: "===== Problem 3d =====", "% TODO")
  const lines = c.body.trim().split("\n");
  const t = (isHeaderTime(lines[0] ?? "") ? lines.slice(1).join("\n") : c.body)
    .replace(/\s+/g, " ")
    .replace(/\\[a-zA-Z]+\*?/g, "")
    .replace(/^[\s=~#*_:.|%(){}[\]-]+/, "")
    .trim();
  const declined = loose ? firstPhrase(t, DECLINED) : undefined;
  if (declined) return t.slice(Math.max(0, t.toLowerCase().indexOf(declined) - 30));
  // the app's error where the reply would be ("The server is busy. Please try again later."),
  // whatever a note after it says
  const opening = c.body
    .trim()
    .split(/\n\s*\n/)[0]!
    .trim();
  if (opening.length <= PLACEHOLDER_CHARS && startsWithPhrase(opening, FAILED_REPLY))
    return opening;
  // a reply to thanks, with nothing of an answer in it ("You're welcome, good luck on the final!")
  if (t.length <= PLACEHOLDER_CHARS && startsWithPhrase(t, WELCOME) && !ANSWER_SYMBOLS.test(t))
    return t;
  if (t.length > PLACEHOLDER_CHARS) return undefined;
  if (
    /[\p{L}\p{N}]/u.test(t) &&
    !startsWithPhrase(t, SKIPPED) &&
    !(loose && isSmallTalk(t, vocabulary)) &&
    // a note that sends the answer elsewhere or to later, holding no value or symbol itself
    // ("Good question. We'll take that next time", "see the back page")
    !(firstPhrase(t, SKIPPED) !== undefined && !ANSWER_SYMBOLS.test(t))
  )
    return undefined;
  return t;
}

/** Whether a text declines for want of the figure before it names any lettered option. */
function declinesFirst(text: string): boolean {
  const lower = text.toLowerCase();
  let first = -1;
  for (const p of DECLINED) {
    const at = findPhrase(lower, p);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return false;
  const option = lower.search(/\([a-h]\)/);
  return option < 0 || first < option;
}

/**
 * Whether a part's candidates hold no answer at all: the placeholders' text, or undefined when
 * any says more (the visible answer speaks for the turn; unreadable reasoning beside it says
 * nothing more).
 */
function onlyPlaceholders(cands: PartAnswer[], vocabulary: Set<string>): string | undefined {
  const visible = cands.filter((c) => c.role === "model");
  const texts: string[] = [];
  for (const c of visible.length ? visible : cands) {
    const t = placeholderText(c, vocabulary);
    if (t === undefined) return undefined;
    texts.push(t);
  }
  return texts.join(" … ");
}

/**
 * A short text with nothing of an answer in it: no value, symbol, option label or word of the
 * problem set ("Rica ederim! Kolay gelsin", "sounds good, good luck with lab") — the pleasantries
 * a reply ends with, which a request for a part may be followed by.
 */
function isSmallTalk(t: string, vocabulary: Set<string>): boolean {
  // a whole number alone may name a problem ("send me 2 and 3"); a decimal or a power is a value
  if (ANSWER_SYMBOLS.test(t)) return false;
  // (words of five letters or more: the problem set's "with", "then", "over" are anyone's)
  return !wordsOf(t).some((w) => w.length >= 5 && vocabulary.has(w));
}

/** Whether every sentence of a text that names an option asks a question. */
function onlyAsksAbout(text: string, options: Option[]): boolean {
  const naming = matchForm(text)
    .split(/(?<=[.!?。！？])\s+|\n/)
    .filter((sentence) => findMentions(sentence, options, false).length > 0);
  return naming.length > 0 && naming.every((sentence) => /[?？؟]\s*$/.test(sentence.trim()));
}

const quote = (s: string) => `"${s.length > 80 ? `${s.slice(0, 77)}…` : s}"`;

/** Grade a transcript against a key. Never throws on bad transcripts: every part is then unreadable. */
export async function grade(
  transcript: string,
  key: AnswerKey,
  tools: GradeTools,
  set: ProblemSet = homework,
): Promise<Report> {
  let parsed: ParsedTranscript;
  try {
    parsed = parseTranscript(transcript, set);
  } catch (err) {
    const reason =
      err instanceof TranscriptError
        ? err.message
        : `could not read the transcript: ${(err as Error).message}`;
    return {
      parts: set.parts.map((p) => ({
        id: p.id,
        verdict: "unreadable",
        answer: "",
        evidence: reason,
      })),
      warnings: [reason],
    };
  }
  const parts: PartReport[] = [];
  const vocabulary = problemVocabulary(set);
  for (const part of set.parts) {
    const k = key.parts.find((x) => x.id === part.id);
    const cands = parsed.candidates.get(part.id) ?? [];
    if (!k) {
      parts.push({
        id: part.id,
        verdict: "unreadable",
        answer: "",
        evidence: `the answer key has no entry for part ${part.id}`,
      });
      continue;
    }
    if (!cands.length) {
      parts.push(
        relayedPicture(parsed, part) ?? {
          id: part.id,
          verdict: "not answered",
          answer: "",
          evidence: "no answer to this part found in the transcript",
        },
      );
      continue;
    }
    const reads: Read[] = [];
    // a note that the part is left for later answers nothing, whatever else says more (a
    // declining reply may still answer in part, and a terse one looks like small talk: both read)
    for (const cand of cands)
      if (placeholderText(cand, vocabulary, false) === undefined)
        reads.push({
          cand,
          // thoughts cut off inside their "<think>" (the session stopped before the reply) are no
          // answer: the model never gave one
          g: cutOffThoughts(cand)
            ? {
                verdict: "unreadable",
                answer: "",
                evidence: 'only thoughts, cut off before the reply ("<think>" never closed)',
                empty: true,
              }
            : await readCandidate(part, cand, k, key, set, tools),
        });
    const chosen = choose(reads);
    // (a reply that offers options and takes none said something: "(b) is the classic picture, (d)
    // is also plausible … without the figure I cannot say which"; one that declines first and
    // names the options only as what it would need, "I can't see Figure 3 … describe what each
    // curve (a)–(d) looks like", did not)
    const offered = reads.some((r) => r.g.undecided && !declinesFirst(r.cand.body));
    const placeholder = chosen || offered ? undefined : onlyPlaceholders(cands, vocabulary);
    if (placeholder !== undefined) {
      parts.push({
        id: part.id,
        verdict: "not answered",
        answer: "",
        evidence: `only a placeholder where the answer would be: ${quote(placeholder)}`,
        location: { start: cands[0]!.start, end: cands[0]!.end, line: cands[0]!.line },
      });
      continue;
    }
    // (an answer that could not be read was given all the same: a later word that says nothing,
    // "You're welcome!", does not take it back; options only named, undecided, are no answer)
    const said = reads.filter((r) => !r.g.empty && !r.g.undecided);
    // (nothing read, and the latest text at the part says nothing of its kind: the last word on
    // it is no answer, "I have to go, tomorrow")
    const latest = !chosen && reads.length ? heaviest(reads) : undefined;
    if (latest?.g.empty && !said.length) {
      const relayed = relayedPicture(parsed, part);
      if (relayed) {
        parts.push(relayed);
        continue;
      }
      parts.push({
        id: part.id,
        verdict: "not answered",
        answer: "",
        evidence: `the text read as its answer (line ${latest.cand.line}) says nothing it asks for: ${latest.g.evidence}`,
        location: { start: latest.cand.start, end: latest.cand.end, line: latest.cand.line },
      });
      continue;
    }
    if (!chosen) {
      // (the heaviest word on the part: a visible reply that offers two options and takes
      // neither outweighs thoughts that name none)
      const spoken = reads.filter((r) => !r.g.empty);
      const last = spoken.length ? heaviest(spoken) : reads[reads.length - 1]!;
      parts.push({
        id: part.id,
        verdict: last.g.undecided ? "ambiguous" : "unreadable",
        answer: last.g.answer,
        evidence: last.g.undecided
          ? `answered (line ${last.cand.line}) without committing: ${last.g.evidence}`
          : `answered (line ${last.cand.line}) but could not be read: ${last.g.evidence}`,
        location: { start: last.cand.start, end: last.cand.end, line: last.cand.line },
      });
      continue;
    }
    const { pick, rival } = chosen;
    const location = { start: pick.cand.start, end: pick.cand.end, line: pick.cand.line };
    if (rival) {
      parts.push({
        id: part.id,
        verdict: "ambiguous",
        answer: `${pick.g.answer} | ${rival.g.answer}`,
        evidence: `two answers of equal weight disagree: line ${rival.cand.line} ${quote(rival.g.answer)} (${rival.g.verdict}) and line ${pick.cand.line} ${quote(pick.g.answer)} (${pick.g.verdict})`,
        location,
      });
      continue;
    }
    let evidence = pick.g.evidence + keyEvidence(k);
    if (pick.cand.role === "reasoning")
      evidence += " (read from the model's reasoning: no visible answer found)";
    if (reads.length > 1)
      evidence += ` (the counted one of ${reads.length} answers, line ${pick.cand.line})`;
    if (k.status !== "supported") evidence += KEY_STATUS_NOTE[k.status];
    parts.push({ id: part.id, verdict: pick.g.verdict, answer: pick.g.answer, evidence, location });
  }
  return { parts: withJudgments(parts, parsed.judgments), warnings: parsed.warnings };
}

/**
 * The person's own verdict beside each part they judged; where it disagrees with the grader's,
 * the evidence says so first, so every view of the report shows it.
 */
function withJudgments(parts: PartReport[], judgments: Judgment[]): PartReport[] {
  return parts.map((p) => {
    const j = judgments.filter((x) => x.partId === p.id).pop();
    if (!j) return p;
    const { partId: _, ...person } = j;
    const graded = p.verdict === "correct" || p.verdict === "incorrect";
    if (!graded || p.verdict === j.verdict) return { ...p, person };
    return {
      ...p,
      person,
      evidence: `the person judged this ${j.verdict} (line ${j.line}: ${quote(j.quote)}), the grader finds it ${p.verdict}: ${p.evidence}`,
    };
  });
}

/** The `--json` shape: exactly { parts: [{ id, verdict, answer, evidence, person? }] }. */
export function reportJson(r: Report): {
  parts: Pick<PartReport, "id" | "verdict" | "answer" | "evidence" | "person">[];
} {
  return {
    parts: r.parts.map(({ id, verdict, answer, evidence, person }) =>
      person ? { id, verdict, answer, evidence, person } : { id, verdict, answer, evidence },
    ),
  };
}
