/**
 * Read an answer of each answer type out of a part's text: which option was chosen, which boxes
 * ticked, which value assigned to which panel, the proposed distributions, the proposed init.
 * Generic over the problem set's data: labels, aliases and values come from the part.
 */
import { familyList } from "../divergences/families/index.js";
import type { Option, PartOf } from "../problems/schema.js";
import { conceptGlosses, words } from "./lexicon/index.js";
import { withoutMarks } from "./lexicon/spelling.js";
import {
  aliasRegex,
  escapeRe,
  findAliases,
  findMarks,
  findNumbers,
  matchForm,
  normalizeMath,
} from "./normalize.js";
import {
  alternation,
  earliestPhrase,
  findPhrase,
  firstPhrase,
  phraseIndex,
  SENTENCE_END,
  SENTENCES_AND_LINES,
  SPACELESS,
  startsWithPhrase,
  stripMarkup,
  wholeWords,
  wordsOf,
} from "./words.js";

const OPTION_NOUNS = words("optionNouns");
/** Nouns for options in every language ("curve", "panel", "curva"), to look words up in. */
export const OPTION_NOUN_SET = new Set(OPTION_NOUNS);
/** Option nouns that end in a letter of a spaced script ("curve", "Gráfico"): a label follows apart. */
const SPACED_NOUNS = alternation(
  OPTION_NOUNS.filter((n) => /[\p{L}\p{N}]$/u.test(n) && !SPACELESS.test(n.slice(-1))),
);
/** Option nouns a label may follow straight ("图A", "fig.b"). */
const JOINED_NOUNS = alternation(
  OPTION_NOUNS.filter((n) => !/[\p{L}\p{N}]$/u.test(n) || SPACELESS.test(n.slice(-1))),
);
/** The words for "or" of every language, spelled in letters alone ("eller", "oder", "ou"). */
const OR_WORDS = alternation(words("or").filter((w) => /^\p{L}+$/u.test(w)));
/** Nouns that follow the letter ("A grafiği", "A 그래프"), in the languages that put them after it. */
const NOUNS_AFTER = alternation(words("optionNounsAfter"));
const BUT = alternation(words("but"));
const WHEREAS = alternation(words("whereas"));
/** Verbs a bare letter is the subject of ("A is …", "A ist …"), each a whole word. */
const SUBJECT_VERBS = wholeWords(words("subjectVerbs"));
/** Words that rank an option last ("worst", "schlechteste"): a negation of their whole clause. */
const WORST = words("worst");
/**
 * Sentences, with the full-width ends of Chinese and Japanese, which need no space after them, and
 * the ASCII ends they become when the text is normalized ("；" → ";"), beside such a script.
 */
const SENTENCES_CJK = new RegExp(
  `${SENTENCE_END}|(?<=[。！？；])|(?<=${SPACELESS.source}[;!?])|(?<=[;!?])(?=${SPACELESS.source})`,
  "u",
);
/** Sentences and the clauses "but", "whereas", "while", "however" (in any language) join. */
const CLAUSES = new RegExp(
  `${SENTENCE_END}|\\s+(?:${alternation([...words("but"), ...words("whereas"), ...words("however")])})\\s+`,
);
/**
/** Sentences, lines, and the clauses "while", "whereas", ", but" (in any language) join. */
const STATEMENTS = new RegExp(`${SENTENCE_END}|\\n|,?\\s+(?:${WHEREAS})\\s+|,\\s+(?:${BUT})\\s+`);

export type Mention = { label: string; index: number; byLabel: boolean };

/** A short gloss in brackets after a label in a table's cell: "A (wide Q)". */
const GLOSS = String.raw`(?:\([^()|\t\n]{1,40}\)\s*)?`;

/** Regexes naming an option by its label: "(b)", "curve b", "panel (a)", "plot A", line-start "b)". */
const labelCache = new Map<string, RegExp[]>();
function labelRegexes(label: string): RegExp[] {
  const hit = labelCache.get(label);
  if (hit) return hit;
  const l = escapeRe(label.toLowerCase());
  const res = [
    // "(b)", "it's (b)", "go with (b)"; not "3 (b)", "f(b)" or "part (b)"
    new RegExp(`(?<!\\d\\s?|\\w|(?:part|question|problem|exercise)\\s?)\\(${l}\\)`, "g"),
    // the nouns of every language ("curve (b)", "Gráfico A", "图 A"); a noun that ends in a
    // letter is set apart from the label, so "diagrama" and "figura" name no option "a"
    new RegExp(
      `(?<![A-Za-zÀ-ÿ])(?:(?:${SPACED_NOUNS})(?:\\s*\\(|\\s+)${JOINED_NOUNS ? `|(?:${JOINED_NOUNS})\\s*\\(?` : ""})${l}\\)?(?![\\w])`,
      "g",
    ),
    // "Answer: b", "**Choice:** (b)" (a bare "a" there only when no word follows: "Answer: a U-shape")
    new RegExp(
      `\\b(?:answer|choice|option|curve|panel|plot)\\s*:\\s*(?:\\*\\*|__)?\\s*\\(?${l}\\)?(?![\\w])${l === "a" ? "(?!\\s+[a-z]{2,})" : ""}`,
      "g",
    ),
    new RegExp(
      `\\b(?:answer|choice|option|curve) (?:is|would be|=)\\s+(?:curve |option )?\\(?${l}\\)?(?![\\w])`,
      "g",
    ),
    // (or a dash, as Russian and Armenian set a pair: "A — прямая KL")
    new RegExp(`^\\s*(?:[-*+•]\\s*)?(?:\\*\\*|__)?\\s*${l}\\s*(?:\\*\\*|__)?\\s*[).:→=—–-]`, "g"),
    new RegExp(`\\*\\*\\s*\\(?${l}\\)?\\s*\\*\\*`, "g"),
    // the noun after the letter: "A grafiği", "A 그래프는" (a particle may follow), "Aのグラフ"
    new RegExp(
      `(?<![\\p{L}\\p{N}])\\(?${l}\\)?(?:\\*\\*)?\\s?(?:${NOUNS_AFTER})(?![\\p{Script=Latin}\\p{Script=Cyrillic}])`,
      "gu",
    ),
    // a row's first cell, the label alone or with a gloss in brackets: "| (a) |", "| A (wide) |",
    // and copied as tab-separated text: "A\tbroad\tforward KL", "A (宽, 覆盖两峰)\t前向 KL"
    new RegExp(`^\\|\\s*(?:\\*\\*)?\\s*\\(?${l}\\)?\\s*(?:\\*\\*)?\\s*${GLOSS}\\|`, "g"),
    new RegExp(`^\\s*(?:\\*\\*)?\\(?${l}\\)?(?:\\*\\*)?\\s*${GLOSS}\\t`, "g"),
  ];
  // Letter labels only (a word label such as "regularizer" is found by its aliases):
  if (label.length <= 2) {
    res.push(
      // a line that is just the label: "b", "(b)", "**b**." (a terse answer under its heading)
      new RegExp(`^\\s*(?:\\*\\*|__)?\\s*\\(?${l}\\)?\\s*(?:\\*\\*|__)?\\s*[.!]?\\s*$`, "g"),
      // a list of pairs, and the first after a label's colon or a cell border: "a=1e-3, b=1e-6,
      // c=1", "2(b): A = forward; B = reverse", "| A = forward, B = reverse |", a pair in bold
      // ("**A → forward KL**  |  **B → reverse KL**")
      new RegExp(
        `(?<=(?:[,;:|]|\\band)\\s*(?:\\*\\*|__)?)\\(?${l}\\)?\\s*(?:=|→|[—–]\\s|:(?!\\/))`,
        "g",
      ),
    );
  }
  if (/^[a-z]$/i.test(label)) {
    res.push(
      // a bare letter as the subject of a verb no article takes: "A is the reverse KL and B is
      // the forward KL", "A minimizes KL(P||Q), B minimizes KL(Q||P)", "A ist …" (the
      // lexicon's subjectVerbs)
      new RegExp(
        `(?:(?<=^\\s*)|(?<=(?:[.;,:]|\\band|\\bso|(?<![\\p{L}\\p{N}_])(?:${WHEREAS}))\\s+))${l}\\s+(?==\\b|${SUBJECT_VERBS})`,
        "gu",
      ),
      // after an arrow: "reverse KL → B", "forward -> A" (an "a" that a noun follows is an
      // article: "→ a wider spread", Hungarian "→ a legnagyobb skála"; not before "and")
      new RegExp(
        `(?<=(?:→|->|=>|⇒|↔)\\s*)${l}(?![\\w(])${l === "a" ? "(?!\\s+(?!and\\b|und\\b)\\p{L}{3,})" : ""}`,
        "gu",
      ),
    );
  }
  if (/^[b-h]$/i.test(label)) {
    // two bare letters a conjunction joins, as speech says them: "between b and d", "entre a b e
    // a d", "b ou d", "b eller d" ("a" is an article in too many languages to stand as a label
    // here)
    const pair = String.raw`\s+(?:(?:\p{L}{1,3}|${OR_WORDS})\s+){1,2}`;
    res.push(
      new RegExp(String.raw`(?<![\p{L}\p{N}('’])${l}(?=${pair}[b-h](?![\p{L}\p{N}('’]))`, "gu"),
      new RegExp(String.raw`(?<=(?<![\p{L}\p{N}'’])[b-h]${pair})${l}(?![\p{L}\p{N}('’])`, "gu"),
    );
  }
  labelCache.set(label, res);
  return res;
}

/** A label of one to three words and nothing else but a colon before a mark: "θe ☑", "task loss: ☒". */
const LABEL_THEN_MARK = /^[^\s,;→>]+(?:\s[^\s,;→>]+){0,2}\s*[:：]?\s*$/;

/** An option noun just before or after a number: "fig. 1", "figure 1", "1 pav." (Lithuanian). */
const NOUN_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(OPTION_NOUNS)})\\.?\\s*$`, "u");
const NOUN_AFTER = new RegExp(`^\\s?(?:${alternation(OPTION_NOUNS)})(?![\\p{L}])`, "u");

/** Whether the plain integer at `i` numbers a figure or panel rather than stating a value. */
function figureNumber(line: string, i: number): boolean {
  const digits = /^\d+(?![\d.eE^])/.exec(line.slice(i))?.[0];
  if (!digits) return false;
  const after = line.slice(i + digits.length, i + digits.length + 30);
  return NOUN_AFTER.test(after) || NOUN_BEFORE.test(line.slice(Math.max(0, i - 30), i));
}

/** Mentions of options in one match-form line: by label, by numeric value, or (fallback) alias. */
export function findMentions(line: string, options: Option[], useAliases = true): Mention[] {
  const out: Mention[] = [];
  for (const o of options) {
    if (o.value === undefined) {
      for (const re of labelRegexes(o.label)) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re))
          out.push({ label: o.label, index: m.index, byLabel: true });
      }
    }
  }
  const numeric = options.filter((o) => o.value !== undefined);
  if (numeric.length) {
    for (const n of findNumbers(line)) {
      if (figureNumber(line, n.index)) continue;
      const hit = numeric.find(
        (o) => Math.abs(n.value - o.value!) <= 1e-6 * Math.abs(o.value!) + 1e-12,
      );
      if (hit && (n.explicit || numeric.some((o) => o.value! < 1))) {
        out.push({ label: hit.label, index: n.index, byLabel: true });
      }
    }
  }
  if (useAliases && !out.length) {
    for (const o of options) {
      for (const i of findAliases(line, o.aliases))
        out.push({ label: o.label, index: i, byLabel: false });
    }
  }
  return dedupe(out);
}

function dedupe(ms: Mention[]): Mention[] {
  ms.sort((a, b) => a.index - b.index);
  return ms.filter(
    (m, i) => i === 0 || ms[i - 1]!.index !== m.index || ms[i - 1]!.label !== m.label,
  );
}

/** Arrows that point at the chosen option; the words that do are the lexicon's ("best", "最适合"). */
const CHOICE_ARROW = /→|⇒|=>|(?<![<-])->/g;
const PREFERRED = words("preferred");

/** Offsets in `sentence` of words or arrows that mark a choice, in order. */
function choiceMarks(sentence: string): number[] {
  const out = [...sentence.matchAll(CHOICE_ARROW)].map((m) => m.index);
  const lower = sentence.toLowerCase();
  for (const p of PREFERRED) {
    for (let at = findPhrase(lower, p); at >= 0; at = findPhrase(lower, p, at + p.length))
      out.push(at);
  }
  // (inside corner brackets a sentence quotes a description, 「改善 → 破綻」, and chooses nothing)
  const quoted = cornerQuoted(sentence);
  return out.filter((i) => !quoted.some(([a, b]) => i > a && i < b)).sort((a, b) => a - b);
}

/** Spans inside the corner brackets Japanese and Chinese quote with: 「…」, 『…』. */
function cornerQuoted(s: string): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if ((c === "「" || c === "『") && open < 0) open = i;
    else if ((c === "」" || c === "』") && open >= 0) {
      out.push([open, i]);
      open = -1;
    }
  }
  return out;
}

/**
 * The option a choice mark at `e` points to: the next one named in its clause ("the best is (b)"),
 * else the last one named before it in its clause ("β = 1e-3 gives the best latent space, and
 * (b) is too spread"), else the next one at all.
 */
function choiceNear(sentence: string, ms: Mention[], e: number): Mention {
  const apart = (a: number, b: number) => /[,;，；]/.test(sentence.slice(a, b));
  const next = ms.find((m) => m.index >= e);
  if (next && !apart(e, next.index)) return next;
  const before = ms.filter((m) => m.index < e && !apart(m.index, e)).pop();
  return before ?? next ?? ms[ms.length - 1]!;
}

/**
 * The answer's first sentence, after what its line takes back, when more follows it ("la (b). con
 * β …"): of the first non-blank line, or of the next one under a title that names no option.
 */
function openingSentence(
  lines: string[],
  names: (sentence: string) => boolean,
): string | undefined {
  const [head, next, ...later] = lines
    .map((l) => afterRetraction(l).trim())
    .filter((l) => l !== "");
  // (under its section's title when the title names no option: "Better latent space" / "β = …")
  const titled = head !== undefined && !names(head) && next !== undefined;
  const line = titled ? next : head;
  const [first, ...rest] = line?.split(SENTENCES_CJK) ?? [];
  // (a line alone first, "is (d) imo", may quote the question; an empty box offers, not answers)
  const goesOn = rest.join("").trim() !== "" || (titled && later.length > 0);
  const open = first?.trim();
  return open && goesOn && !findMarks(open).some((m) => !m.checked) ? open : undefined;
}

/**
 * A word that says something beside naming an option: not the option's letter, number or symbol
 * ("(b)", "1e-3", "β"), nor a noun for options ("panel", "curve").
 */
function says(w: string): boolean {
  return !/^\(?[a-z]\)?$|\d|^\p{Script=Greek}$/u.test(w) && !OPTION_NOUN_SET.has(w);
}

/**
 * A text without the unfinished sentence it breaks off in (a reply cut at its length limit: "…
 * In panel (b) the"); the whole text when it ends as sentences do.
 */
function completeSentences(text: string): string {
  const t = text.trimEnd();
  // (cut prose ends in a small word after sentences of it; "Answer: β = 1e-3" is no cut)
  if (!/\p{Ll}$/u.test(t) || wordsOf(t).length < 30) return t;
  const stop = Math.max(...[". ", "! ", "? ", "。", "\n\n"].map((c) => t.lastIndexOf(c)));
  if (stop <= 0 || wordsOf(t.slice(stop)).length < 3) return t;
  return t.slice(0, stop + 1);
}

export type ChoiceResult =
  | { kind: "found"; label: string; how: string }
  | { kind: "ambiguous"; labels: string[]; offered?: boolean }
  | { kind: "none" };

/**
 * The option chosen: the last explicit statement ("Answer: (b)", "the best curve is (b)", a ticked
 * box); otherwise the only option mentioned. `via` maps other labels (panels) to option labels.
 */
export function extractChoice(
  text: string,
  options: Option[],
  via?: { items: Option[]; map: Record<string, string> },
): ChoiceResult {
  const lines = unwrapped(text.split("\n"), matchForm(text).split("\n"));
  const mentionsIn = (line: string, aliases = true): Mention[] => {
    const ms = findMentions(line, options, aliases);
    // a panel stands for its β only where no β is named beside it: "β = 1e-6 (panel (a))" is
    // the writer's own pairing, which may not be the key's
    if (via && !ms.length) {
      for (const m of findMentions(line, via.items, false)) {
        const to = via.map[m.label];
        if (to && !ms.some((x) => x.label === to))
          ms.push({ label: to, index: m.index, byLabel: true });
      }
    }
    return dedupe(ms);
  };
  let explicit: { label: string; how: string } | undefined;
  /** The options the last concluding sentence offered side by side, when it chose none. */
  let alternatives: string[] | undefined;
  /** The options the last sentence naming any offered side by side without a choice word. */
  let lastOffered: string[] | undefined;
  /**
   * The options chosen under a condition since the last plain choice ("If the course means
   * separation, the answer is β = 1e-6. If it means generalisation, the answer is β = 1e-3."), and
   * whether the choice standing is one of them.
   */
  const conditionalRun = new Set<string>();
  let explicitConditional = false;
  const all = new Set<string>();
  // Options named alone in a sentence, in order: "The U-shaped one: (b). (a) and (c) are
  // monotone …" answers first, then dismisses the rest together.
  const solo: string[] = [];
  /** Whether a sentence said it cannot decide, naming no option. */
  let hedgedWithoutChoice = false;
  // a condition opening a line holds to its first full stop (over clauses split at ";", and over
  // a list item's next line: "- If that dip is noise, what you see" / "  is closest to (a).")
  let lineConditionOpen = false;
  for (const raw of lines) {
    const line = afterRetraction(raw).trim();
    if (!line) {
      lineConditionOpen = false;
      continue;
    }
    lineConditionOpen =
      (lineConditionOpen && !LIST_ITEM.test(line)) ||
      startsWithPhrase(line.replace(LIST_ITEM, ""), CONDITIONAL_WORDS) !== undefined;
    // Sentence by sentence, without what a negation rules out: "(b), not (d)", "My earlier
    // guess of 10⁻⁶ was wrong", "β = 1 is not the best".
    for (const sentence of line.split(SENTENCES_CJK)) {
      const lineConditional = lineConditionOpen;
      // (an abbreviation's point ends no sentence: "(ad es. da 10⁻³ in su)", "(z. B. …)")
      if (/[.!?。！？]\s*$/.test(sentence) && !/(?:^|[\s(])\p{L}{1,3}\.\s*$/u.test(sentence))
        lineConditionOpen = false;
      const negated = negatedRanges(sentence);
      const free = (i: number) => !negated.some(([a, b]) => i >= a && i < b);
      const mentioned = mentionsIn(sentence);
      // a sentence opening with another part's answer ("(c) 的答案不变，仍是 (b)", "(c)'s answer
      // stays (b)") chooses nothing for this one
      const opener = mentioned[0];
      if (
        opener &&
        stripMarkup(sentence.slice(0, opener.index)).trim() === "" &&
        ownsAnswer(sentence.slice(opener.index, opener.index + 40))
      )
        continue;
      const own = mentioned.filter(
        (m) =>
          !namesThePart(sentence.slice(Math.max(0, m.index - 40), m.index)) &&
          !ownsAnswer(sentence.slice(m.index, m.index + 40)),
      );
      const ms = own.filter((m) => free(m.index));
      for (const m of ms) all.add(m.label);
      const hedged = firstPhrase(sentence, HEDGE) !== undefined;
      // a sentence that names options and says it cannot decide between them ("hard to say
      // whether (b) or (c)") offers them, whatever it calls best; where a negation takes all but
      // one, it is the hedge's own and rules none out ("I can't confidently pick between (b) and
      // (d)")
      const freeNamed = new Set(ms.map((m) => m.label));
      const offeredInHedge = freeNamed.size >= 2 ? freeNamed : new Set(own.map((m) => m.label));
      if (hedged && offeredInHedge.size >= 2) {
        for (const l of offeredInHedge) all.add(l);
        explicit = undefined;
        alternatives = [...offeredInHedge];
        conditionalRun.clear();
        continue;
      }
      // a hedge that names no option ("both are defensible without the figure") speaks of the
      // ones set side by side around it
      if (hedged && !own.length) hedgedWithoutChoice = true;
      if (!ms.length) continue;
      const named = new Set(ms.map((m) => m.label));
      if (named.size === 1) solo.push(ms[0]!.label);
      else if (solo.length === 0) solo.push(""); // the first sentence named several
      const marks = findMarks(sentence).filter((k) => k.checked);
      // a row of boxes, one per option ("☐ (a)  ■ (b)  ☐ (c)"): the option after the one tick
      const span = tickedSpan(sentence);
      const ticked = span && ms.find((m) => m.index >= span.from && m.index < span.to);
      if (ticked) {
        explicit = { label: ticked.label, how: `ticked: "${clip(raw.trim())}"` };
        continue;
      }
      const e = choiceMarks(sentence).find(free);
      const conditions = CONDITIONAL(sentence.toLowerCase()).filter((c) => free(c.at));
      // (a condition before the option, or opening its line: "If the axis starts at tiny β: …;
      // … → curve (b).")
      const conditional = (at: number) => lineConditional || conditions.some((c) => c.at < at);
      const offered =
        alternativesOffered(sentence, ms) ??
        // "β = 1e-6 if the question is about separation, β = 1e-3 if it is about the trade-off"
        (named.size >= 2 && conditions.length >= 2 ? [...named] : undefined) ??
        (e === undefined ? undefined : bothAfter(sentence, ms, e));
      // (the last sentence naming options, when it only offers them: "β = 1e-3 or β = 1e-6,
      // depending on the criterion"; a question, "(b) or (d)?", offers nothing)
      lastOffered = e === undefined && !/\?\s*$/.test(sentence) ? offered : undefined;
      // (a choice word a condition follows says what would hold, not what does: "(d) is
      // inverted – it would be correct only if we plotted accuracy"; it does not take back a
      // plain choice standing before it)
      const counterfactual = e !== undefined && conditions.some((c) => c.at > e);
      if (counterfactual && explicit && !explicitConditional) continue;
      if (e !== undefined && offered) {
        // "(b) or (d) could be right": the conclusion offers both and chooses neither
        explicit = undefined;
        alternatives = offered;
        conditionalRun.clear();
      } else if (e !== undefined) {
        const after = choiceNear(sentence, ms, e);
        const isConditional = conditional(after.index) || counterfactual;
        explicit = { label: after.label, how: `"${clip(raw.trim())}"` };
        alternatives = undefined;
        explicitConditional = isConditional;
        if (!isConditional) conditionalRun.clear();
        else conditionalRun.add(after.label);
      } else if (
        (marks.length && /^[\s*-]*[☒☑✅✓✔[]/.test(sentence)) ||
        (new Set(ms.map((m) => m.label)).size === 1 && tickedRow(sentence))
      ) {
        explicit = { label: ms[0]!.label, how: `ticked: "${clip(raw.trim())}"` };
        alternatives = undefined;
        explicitConditional = false;
        conditionalRun.clear();
      } else if (named.size === 1 && conditional(ms[0]!.index)) {
        // "If the axis starts at tiny β, the expected shape is (b)": one option, under a condition
        conditionalRun.add(ms[0]!.label);
      }
    }
  }
  if (alternatives) return { kind: "ambiguous", labels: alternatives, offered: true };
  // each choice holds under its own condition, and none is made plainly after them
  if ((!explicit || explicitConditional) && conditionalRun.size >= 2)
    return { kind: "ambiguous", labels: [...conditionalRun], offered: true };
  if (explicit) return { kind: "found", ...explicit };
  // options each named alone in turn ("(b): if the axis … / (d): if instead …") under a hedge
  // that names none ("Both are defensible without the figure") are offered side by side
  const apart = new Set(solo.filter(Boolean));
  if (hedgedWithoutChoice && apart.size >= 2)
    return { kind: "ambiguous", labels: [...apart], offered: true };
  // an answer that opens with an option alone ("la (b). con β muy pequeño …", "Curve (b).") has
  // given it; options named after it are discussed
  const opening = openingSentence(lines, (s) => mentionsIn(s).length > 0);
  const first = new Set(opening ? mentionsIn(opening).map((m) => m.label) : []);
  if (all.size > 1 && first.size === 1 && wordsOf(stripMarkup(opening!)).filter(says).length <= 3)
    return { kind: "found", label: [...first][0]!, how: `opens with it: "${clip(opening!)}"` };
  // an answer cut off mid-sentence ("In panel (b) the") names what it was about to discuss
  if (all.size === 1 && !mentionsIn(matchForm(completeSentences(text))).length)
    return { kind: "none" };
  if (all.size === 1) return { kind: "found", label: [...all][0]!, how: "the only option named" };
  if (solo[0] && solo.every((l) => l === solo[0])) {
    return {
      kind: "found",
      label: solo[0],
      how: "named alone first; the others only listed together",
    };
  }
  // the one option set in bold, as chat models mark their answer ("**β = 1e-3** (panel (a)): …")
  const bold = boldMentions(text, mentionsIn);
  if (all.size > 1 && bold.size === 1)
    return { kind: "found", label: [...bold][0]!, how: "the only option in bold" };
  if (lastOffered) return { kind: "ambiguous", labels: lastOffered, offered: true };
  if (all.size > 1) return { kind: "ambiguous", labels: [...all] };
  return { kind: "none" };
}

/**
 * Lines with prose hard-wrapped into them joined back (an e-mail's 72 columns, a PDF's text): a
 * line that ends no sentence, followed by one that goes on in lower case as written, is one
 * sentence with it ("… bet (d) ir apgriezts – tā būtu pareiza" / "tikai tad, ja mēs attēlotu
 * precizitāti"). `read` is the text as matched, line for line (lower case); where its lines do
 * not match the written ones, nothing is joined.
 */
function unwrapped(written: string[], read: string[]): string[] {
  if (written.length !== read.length) return read;
  const out: string[] = [];
  for (const [i, line] of read.entries()) {
    const prev = written[i - 1];
    if (
      prev !== undefined &&
      prev.trim() !== "" &&
      !/[.!?:;。？！：]\s*$/.test(prev) &&
      /^\s*\p{Ll}/u.test(written[i]!) &&
      !LIST_ITEM.test(written[i]!.trimStart()) &&
      out.length
    )
      out[out.length - 1] = `${out[out.length - 1]!.trimEnd()} ${line.trim()}`;
    else out.push(line);
  }
  return out;
}

const OR = words("or");
/** A list item's marker at a line's start: "- ", "• ", "2. ", "3) ". */
const LIST_ITEM = /^(?:[-+•·*]|\d{1,2}[.)])\s+/;
const CONDITIONAL_WORDS = words("conditional");
const CONDITIONAL = phraseIndex(CONDITIONAL_WORDS);
const ANSWER_NOUNS = new Set(words("answer"));
const LINKS = new Set([...words("partOf"), ...words("leadIn")]);

/**
 * Whether the text before a letter makes it the part's name, not an option: "the corrected answer
 * for (c) is curve (b)" ("answer" and a linking word right before it).
 */
function namesThePart(before: string): boolean {
  const ws = wordsOf(before);
  const [a, b] = ws.slice(-2);
  return ws.length >= 2 && ANSWER_NOUNS.has(a!) && LINKS.has(b!);
}

const POSSESSIVE = words("possessive");

/**
 * Whether a letter in brackets owns an answer word, naming that part's answer, not the option:
 * "consistent with (c)'s conclusion", "与 (c) 的结论一致".
 */
function ownsAnswer(from: string): boolean {
  const label = /^\(\s*\p{L}\s*\)\s*/u.exec(from);
  if (!label) return false;
  let rest = from.slice(label[0].length);
  const owner = startsWithPhrase(rest, POSSESSIVE);
  if (!owner) return false;
  rest = rest.slice(owner.length).trimStart();
  for (const w of ANSWER_NOUNS) if (rest.startsWith(w)) return true;
  return false;
}

/**
 * Two or more options joined by nothing but "or" words ("(b) or (d)", "(b) veya (d)"), or
 * undefined: a sentence that offers alternatives instead of choosing one.
 */
function alternativesOffered(sentence: string, ms: Mention[]): string[] | undefined {
  const labels = new Set<string>();
  for (let k = 1; k < ms.length; k++) {
    const gap = stripMarkup(sentence.slice(ms[k - 1]!.index, ms[k]!.index))
      .replace(/^\(?\s*[\p{L}\p{N}.^-]{0,12}\s*\)?/u, "") // the first mention itself
      .trimEnd()
      .replace(/(?:β|beta)\s*=?$/i, "") // and the name of the second's value ("or β = 1e-6")
      .replace(/[\s,/*_]+/g, " ")
      .trim()
      .toLowerCase();
    if (gap && OR.includes(gap) && ms[k - 1]!.label !== ms[k]!.label) {
      labels.add(ms[k - 1]!.label);
      labels.add(ms[k]!.label);
    }
  }
  return labels.size >= 2 ? [...labels] : undefined;
}

/**
 * Two or more options named after a choice word together with "both" ("the answer depends on the
 * setup: (b) and (d) are both possible"): offered side by side, not chosen.
 */
function bothAfter(sentence: string, ms: Mention[], e: number): string[] | undefined {
  const both = earliestPhrase(sentence.slice(e), BOTH);
  if (!both) return undefined;
  const at = e + both.index;
  const named = ms.filter((m) => m.index > e && m.index < at);
  // (in the clause "both" closes: "the best is (b), because both (a) and (c) are monotone" chose)
  if (!named.length || /[,;:，；：]/.test(sentence.slice(named[0]!.index, at))) return undefined;
  const labels = new Set(named.map((m) => m.label));
  return labels.size >= 2 ? [...labels] : undefined;
}

/** The options named inside bold spans ("**…**", "__…__") of a text. */
function boldMentions(text: string, mentionsIn: (line: string) => Mention[]): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\*\*([^*\n]{1,80})\*\*|__([^_\n]{1,80})__/g))
    for (const x of mentionsIn(matchForm(m[1] ?? m[2] ?? ""))) out.add(x.label);
  return out;
}

/** Phrases that take back what a line said before them ("wait, no", "scratch that"), in every language. */
const RETRACTIONS = phraseIndex(words("retraction"));

/**
 * A match-form line's text after the answer takes itself back: "A is reverse. Wait, no — A is
 * forward …". Runs of spaces read as one ("wait,  no").
 */
function afterRetraction(line: string): string {
  const flat = line.replace(/\s+/g, " ");
  const end = RETRACTIONS(flat).reduce((e, m) => Math.max(e, m.at + m.phrase.length), -1);
  if (end < 0) return line;
  // the same place in the line, whose runs of spaces may be longer
  let cut = 0;
  for (let j = 0; j < end; j++) {
    if (flat[j] !== " ") cut++;
    else while (cut < line.length && /\s/.test(line[cut]!)) cut++;
  }
  return " ".repeat(cut) + line.slice(cut);
}

/** Where a negation's reach ends: a comma, colon or dash, or a "but" that turns to the positive. */
const NEGATION_STOP = new RegExp(`[,:;—–]|\\s-\\s|\\s(?:${BUT})\\s`);

/**
 * Where a negation rules out what it names: from the word to the next comma, colon or dash; and
 * the whole clause when it negates a choosing word ("β = 1 is not the best").
 */
function negatedRanges(s: string): [number, number][] {
  const out: [number, number][] = [];
  // What a comparison puts second is not chosen: "β = 1e-3 is better than β = 1e-6", "(b) over
  // (d)" (but not "Q spread over both modes"), "separated, without the spread of (b)", and a
  // contrast: "(a) is best, whereas (b) …".
  for (const m of s.matchAll(
    /\b(?:than|over(?=\s+(?:\(?[a-z]\)|β|\d|curve|option|plot|panel|graph)\b)|without|versus|vs\.?|compared (?:to|with)|whereas|while|statt|anstatt|anstelle|plutôt que|au lieu de|(?<=\b(?:besser|schlechter|eher|lieber)\s)als|(?<=\bmeilleure?s?\s)que)(?=\W)/g,
  )) {
    const rest = s.slice(m.index);
    const stop = /[,:;—–]|\s-\s|\bbecause\b/.exec(rest);
    out.push([m.index, m.index + (stop ? stop.index : rest.length)]);
  }
  // the contrast in any language: "…, mientras que con 10⁻⁶ no hay regularización"
  for (const m of s.matchAll(CONTRAST_G)) {
    const rest = s.slice(m.index, m.index + 400);
    const stop = /[,:;—–]|\s-\s/.exec(rest.slice(m[0].length));
    out.push([m.index, m.index + (stop ? m[0].length + stop.index : rest.length)]);
  }
  for (const m of s.matchAll(NEGATION_G)) {
    const rest = s.slice(m.index);
    // up to the next comma, or a "but" that turns to the positive ("not (d) but (b)")
    const stop = NEGATION_STOP.exec(rest);
    const end = m.index + (stop ? stop.index : rest.length);
    let start = m.index;
    // "β = 1 is worst" rules out its whole clause, like "β = 1 is not the best"
    if (choiceMarks(s.slice(m.index, end)).length || WORST.includes(m[0])) {
      const before = s.slice(0, m.index);
      start = Math.max(...[",", ":", ";", "—", "–"].map((c) => before.lastIndexOf(c) + 1), 0);
    }
    out.push([start, end]);
  }
  // a verb-final language denies at the clause's end: back to the sentence's start, or to the
  // last choosing word before it ("(b)が正解で、(d)は合いません")
  let chose: number[] | undefined;
  for (const m of s.matchAll(CLOSING_NEGATION_G)) {
    const end = m.index + m[0].length;
    // (at the clause's end: at most a particle before its comma or the sentence's end)
    const after = s.slice(end, end + 12);
    const stop = /[,:;]|$/.exec(after)!.index;
    if (after.slice(0, stop).replace(/[\s.!。！]/g, "").length > 6) continue;
    chose ??= choiceMarks(s);
    let from = 0;
    for (const c of chose) if (c < m.index) from = c + 1;
    out.push([from, end]);
  }
  return out;
}

/** "whereas", "mientras que", "tandis que": what follows is set against the choice. */
const CONTRAST_G = new RegExp(`(?<![\\p{L}])(?:${WHEREAS})(?![\\p{L}])`, "gu");
const CLOSING_NEGATION_G = new RegExp(words("closingNegation").map(escapeRe).join("|"), "gu");

/**
 * A row of boxes, each before one whole answer ("☐ (a)  ■ (b)  ☐ (c)", "☒ A: forward, B: reverse
 * ☐ A: reverse, B: forward"): where the text after the one tick runs, up to the next box.
 */
function tickedSpan(line: string): { from: number; to: number } | undefined {
  const marks = findMarks(line);
  const ticked = marks.filter((m) => m.checked);
  if (
    marks.length < 2 ||
    ticked.length !== 1 ||
    /^[a-z ]+$/i.test(line.substr(ticked[0]!.index, ticked[0]!.length))
  )
    return undefined;
  const next = marks.find((m) => m.index > ticked[0]!.index);
  return { from: ticked[0]!.index + ticked[0]!.length, to: next?.index ?? line.length };
}

/** Only the ticked answer of a row of boxes; other lines are kept as they are. */
function tickedChoice(line: string): string {
  const span = tickedSpan(line);
  return span ? line.slice(span.from, span.to) : line;
}

/** A table row whose cells tick it ("| (b) | U-shaped | ✅ |"): a cell that is only a ticked mark, none only an unticked one. */
function tickedRow(line: string): boolean {
  if (!line.startsWith("|")) return false;
  const only = line
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.replace(/\*\*|__|\ufe0f/g, "").trim())
    .map((c) => {
      const mk = findMarks(c);
      return mk.length === 1 && mk[0]!.length === c.length ? mk[0]!.checked : undefined;
    });
  return only.includes(true) && !only.includes(false);
}

function clip(s: string, n = 120): string {
  return s.length > n ? `${s.slice(0, n - 3)}...` : s;
}

export type AssignmentResult = {
  assignment: Record<string, string>;
  /** item → every value seen with it (for evidence when inconsistent). */
  seen: Record<string, string[]>;
  /** Items given two values with equal weight: two answers of equal standing. */
  tied: string[];
  /** Items whose last statement offers two values joined by "or" ("A could be forward or reverse"). */
  undecided: string[];
};

const HEDGE = words("hedge");

/** The phrase by which an answer declines to decide ("it could go either way"), if any. */
export function hedgePhrase(text: string): string | undefined {
  return firstPhrase(matchForm(text), HEDGE);
}

/** Negated clause: "A is not the reverse KL" pairs nothing. */
const NEGATION_G = new RegExp(
  // (a guess given up: "I first thought (d), but …")
  // (and a comparative denied: "the classes are no better separated")
  String.raw`\b(?:not|isn't|isnt|cannot|can't|never|no(?=\s+better\b)|rather than|instead of|unlike|wrong|incorrect|(?:first|initially|originally) thought|(?:first|earlier) guess|nicht|kein\w*|falsch|non(?!-)|pas|faux|fausse)\b|` +
    wholeWords(WORST),
  "gu",
);

/**
 * Items named by the axis range their description gives ("the plot with axes ≈ ±1.5", "−3..7",
 * "[−0.15, 0.15]"), for items that carry one: panels read by their scale, not their letter.
 */
function rangeMentions(text: string, items: Option[]): Mention[] {
  const ranged = items.flatMap((o) => {
    const r = (o.properties as { axisRange?: unknown } | undefined)?.axisRange;
    return Array.isArray(r) && r.length === 2
      ? [{ label: o.label, lo: Number(r[0]), hi: Number(r[1]) }]
      : [];
  });
  if (!ranged.length) return [];
  const nums = [
    ...text.matchAll(/(?<![\deE^])(?<!\d\.)[−-]?\d+(?:[.,]\d+)?(?!\d|\.\d|[eE][−+-]?\d)/g),
  ].map((m) => ({
    at: m.index,
    end: m.index + m[0].length,
    v: Number(m[0].replace("−", "-").replace(",", ".")),
  }));
  const near = (x: number, y: number, scale: number) => Math.abs(x - y) <= 0.15 * scale;
  const out: Mention[] = [];
  const name = (at: number, lo: number, hi: number) => {
    const scale = Math.max(Math.abs(lo), Math.abs(hi));
    const hit = ranged.filter((r) => near(r.lo, lo, scale) && near(r.hi, hi, scale));
    if (hit.length === 1) out.push({ label: hit[0]!.label, index: at, byLabel: false });
  };
  for (const [k, n] of nums.entries()) {
    // "±1.5"
    if (/[±]\s*$|\+\/?-\s*$/.test(text.slice(Math.max(0, n.at - 3), n.at)) && n.v > 0) {
      name(n.at, -n.v, n.v);
      continue;
    }
    // "−3..7", "-3 to 7", "[−3, 7]": a lower number, a short joint, a higher one (not the
    // exponents of "1e-3 to 1e0")
    const m = nums[k + 1];
    if (!m || m.v <= n.v) continue;
    const joint = text.slice(n.end, m.at).trim();
    if (joint.length <= 3 && !/\d/.test(joint)) name(n.at, n.v, m.v);
  }
  return out;
}

/**
 * Pair items (panels/plots) with values (β/direction) line by line. When a line starts with an item
 * its values follow it; when it starts with a value its item follows. Answer-like lines (headings,
 * bold, tables, "→", ":") outweigh prose; among equals the first statement wins.
 */
export function extractAssignment(text: string, part: PartOf<"assignment">): AssignmentResult {
  const lines = matchForm(text).split("\n").map(afterRetraction).map(tickedChoice);
  const score: Record<string, Record<string, number>> = {};
  const firstSeen: Record<string, Record<string, number>> = {};
  let order = 0;
  const undecided = new Set<string>();
  const add = (item: string, value: string, w: number) => {
    score[item] ??= {};
    firstSeen[item] ??= {};
    score[item][value] = (score[item][value] ?? 0) + w;
    firstSeen[item][value] ??= order++;
  };
  for (const [item, value] of columnPairs(lines, part)) add(item, value, 2);
  for (const line of lines) {
    if (!line.trim()) continue;
    const raw = decimalCommas(line);
    // a heading, bold line or arrow outweighs plain prose, and so do a colon ("A: forward") and a
    // dash after a line's first words ("Plot A — reverse KL"); not a run-in head over a paragraph
    // of reasons ("Why: in the reverse KL the expectation is …")
    const colon = raw.indexOf(": ");
    const runInHead =
      colon >= 0 && wordsOf(raw.slice(0, colon)).length <= 2 && raw.length - colon > 80;
    const shaped =
      /^\s*(?:#|\*\*|\||[-*+•]\s*\*\*)|→|⇒|=>|^[^—–\n]{1,40}\s[—–]\s/.test(raw) ||
      (colon >= 0 && !runInHead)
        ? 2
        : 1;
    // Clauses split on sentence punctuation; negated clauses are skipped.
    // The item of a clause that ends in a negation, for the clause "but" turns to: "B is not the
    // forward KL but the reverse KL".
    let carried: Mention | undefined;
    // A table row is one record: its cells are not sentences ("| (a) | approx. [−1.5, 1.5] | 1e-3 |"
    // would split at "approx.").
    const clauses = isTableRow(raw) ? [raw] : raw.split(CLAUSES);
    for (const whole of clauses) {
      // What a negation rules out pairs nothing; the rest of the clause still counts: "Plot B is
      // not the forward KL — it is the reverse KL" pairs B with reverse only.
      // a concluding clause ("Therefore A = reverse …", "따라서 …", "answer: …") outweighs the
      // reasoning around it
      const weight = PREFERRED.some((w) => findPhrase(whole, w) >= 0) ? 3 : shaped;
      let clause = whole;
      for (const [a, b] of negatedRanges(whole))
        clause = clause.slice(0, a) + " ".repeat(b - a) + clause.slice(b);
      const items = [
        ...findMentions(clause, part.items, false),
        ...rangeMentions(clause, part.items),
      ];
      let itemMs = items.length ? items : findMentions(clause, part.items, true);
      const valueMs = findMentions(clause, part.values, true);
      const from = carried;
      const lastItem = [...itemMs].sort((a, b) => a.index - b.index).pop();
      carried =
        lastItem && /\b(?:not|nicht|pas)\b/.test(whole.slice(lastItem.index))
          ? lastItem
          : undefined;
      if (!itemMs.length && from && valueMs.length) itemMs = [{ ...from, index: -1 }];
      if (!itemMs.length || !valueMs.length) continue;
      const tokens = [
        ...itemMs.map((m) => ({ ...m, kind: "item" as const })),
        ...valueMs.map((m) => ({ ...m, kind: "value" as const })),
      ].sort((a, b) => a.index - b.index);
      // Each token of the leading kind pairs with the next token of the other kind. The lead is
      // the reading with more tight pairs ("(a) -> 1e-6", "plot A is the forward", not across a
      // comma or an "and"); on a tie, whichever kind ends the clause is the partner: "… which
      // suggests plot A is the forward KL and plot B the reverse KL" pairs items with the values
      // after them, even though a value comes first.
      const pairsLed = (lead: "item" | "value") => {
        const out: { item: string; value: string; w: number; tight: boolean }[] = [];
        for (let i = 0; i < tokens.length; i++) {
          const t = tokens[i]!;
          if (t.kind !== lead) continue;
          const partner = tokens.slice(i + 1).find((u) => u.kind !== lead);
          const nextLead = tokens.slice(i + 1).find((u) => u.kind === lead && u.label !== t.label);
          if (!partner || (nextLead && nextLead.index < partner.index)) continue;
          // (a gloss in brackets separates nothing: "plot B (narrow, one mode) → reverse KL")
          const gap = clause.slice(t.index, partner.index).replace(/\([^()]{0,40}\)/g, "");
          out.push({
            item: lead === "item" ? t.label : partner.label,
            value: lead === "item" ? partner.label : t.label,
            w: t.byLabel && partner.byLabel ? 2 : 1,
            tight: gap.length <= 24 && !/[,;]|\b(?:and|und|et)\b/.test(gap),
          });
        }
        return out;
      };
      const byItem = pairsLed("item");
      const byValue = pairsLed("value");
      const tight = (ps: typeof byItem) => ps.filter((p) => p.tight).length;
      const lastIsItem = tokens[tokens.length - 1]!.kind === "item";
      const chosen =
        tight(byItem) !== tight(byValue)
          ? tight(byItem) > tight(byValue)
            ? byItem
            : byValue
          : lastIsItem
            ? byValue
            : byItem;
      // an item followed by values joined by "or" ("A could be forward or reverse KL") is left
      // open until a later clause pairs it with one value
      const offered = valuesOffered(clause, valueMs);
      const offeredTo = offered && itemMs.filter((m) => m.index < offered.at).pop();
      if (offered && offeredTo) {
        for (const value of offered.values) add(offeredTo.label, value, weight);
        undecided.add(offeredTo.label);
        continue;
      }
      for (const p of chosen) {
        add(p.item, p.value, weight * p.w);
        undecided.delete(p.item);
      }
    }
  }
  // Items ranked by a numeric value ("by increasing β: (b) < (a) < (c)") take the values in order,
  // where no item was paired with a value outright.
  if (Object.keys(score).length === 0) {
    for (const [item, value] of Object.entries(rankedAssignment(lines.join("\n"), part)))
      add(item, value, 1);
  }
  const assignment: Record<string, string> = {};
  const seen: Record<string, string[]> = {};
  const tied: string[] = [];
  for (const [item, vals] of Object.entries(score)) {
    const ranked = Object.entries(vals).sort(
      (a, b) => b[1] - a[1] || firstSeen[item]![a[0]]! - firstSeen[item]![b[0]]!,
    );
    assignment[item] = ranked[0]![0];
    seen[item] = ranked.map(([v]) => v);
    if (ranked[1] && ranked[1][1] === ranked[0]![1]) tied.push(item);
  }
  return { assignment, seen, tied, undecided: [...undecided] };
}

/**
 * The values a clause offers as alternatives, and where the first stands: two of them, close
 * together, with an "or" word between ("forward KL or reverse KL", "1e-3 或 1e-6"); undefined
 * when it offers none.
 */
function valuesOffered(
  clause: string,
  valueMs: Mention[],
): { values: string[]; at: number } | undefined {
  // (in text order: findMentions returns them so)
  for (let k = 1; k < valueMs.length; k++) {
    const [a, b] = [valueMs[k - 1]!, valueMs[k]!];
    if (a.label === b.label || b.index - a.index > 32) continue;
    const gap = clause.slice(a.index, b.index).toLowerCase();
    if (OR.some((w) => findPhrase(gap, w) >= 0)) return { values: [a.label, b.label], at: a.index };
  }
  return undefined;
}

/**
 * A table whose header names the items, one a column ("| Reading | Panel (a) | Panel (b) | … |"),
 * gives each row's values by column: every (item, value) pair its body cells state, one value a
 * cell. (Row by row, such a table pairs nothing: no row names an item.)
 */
function columnPairs(lines: string[], part: PartOf<"assignment">): [string, string][] {
  // (a pipe row's cells are not split at a "|" inside brackets: "D_KL(P||Q)")
  const cellsOf = (line: string) => {
    const t = line.trim();
    return t.startsWith("|") ? tableCells(t) : t.split("\t");
  };
  const out: [string, string][] = [];
  let columns: (string | undefined)[] | undefined;
  for (const line of lines) {
    if (!isTableRow(line)) {
      columns = undefined;
      continue;
    }
    const cells = cellsOf(decimalCommas(line));
    if (cells.every((c) => /^\s*:?-{3,}:?\s*$/.test(c))) continue;
    const heads = cells.map((c) => {
      const named = new Set(findMentions(c, part.items, false).map((m) => m.label));
      if (named.size === 1 && !findMentions(c, part.values, true).length) return [...named][0];
      // a header cell that opens with an item's letter and glosses it ("A (wide Q)"): in a cell
      // the letter is no English article
      const lead = /^[\s*_]*(\p{L})(?=[\s*_]*(?:$|\(|:|—|–))/u.exec(c)?.[1];
      return part.items.find(
        (o) => lead !== undefined && o.label.toLowerCase() === lead.toLowerCase(),
      )?.label;
    });
    if (!columns) {
      if (heads.filter(Boolean).length >= 2) columns = heads;
      continue;
    }
    cells.forEach((c, k) => {
      const item = columns![k];
      const vs = new Set(findMentions(c, part.values, true).map((m) => m.label));
      if (item && vs.size === 1) out.push([item, [...vs][0]!]);
    });
  }
  return out;
}

/** A row copied as tab-separated text, three cells or more, as a pipe-table row. */
function tabsAsPipes(line: string): string {
  const cells = line.split("\t");
  return cells.length > 2 ? `| ${cells.map((c) => c.trim()).join(" | ")} |` : line;
}

/**
 * Lines of a table copied as tab-separated text, as pipe rows. A header one cell short of the row
 * under it lost its empty corner cell in the copy ("task loss\tregularizer" over "θe\t✅\t✅"):
 * it is read with the corner put back.
 */
function tabRowsAsPipes(input: string[]): string[] {
  const lines = tabStopRows(input);
  return lines.map((line, i) => {
    const cells = line.split("\t").length;
    const below = lines[i + 1]?.split("\t").length ?? 0;
    return tabsAsPipes(cells >= 2 && below > 2 && below === cells + 1 ? `\t${line}` : line);
  });
}

/**
 * A table a word processor lays out with tab stops ("\t\tθe\tθd" over "Task loss\t\t☒\t\t☒"):
 * as many tabs as reach each column, so the rows' cells line up by what they hold, not by their
 * tabs. Rows in a run of two or more, each holding the same number of cells (the header one
 * fewer, over the terms' column), are read by their cells that hold something.
 */
function tabStopRows(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && lines[j]!.includes("\t")) j++;
    if (j - i >= 2 && lines.slice(i, j).some((l) => l.includes("\t\t"))) {
      const cells = lines.slice(i, j).map((l) => l.split("\t").filter((c) => c.trim() !== ""));
      const n = cells[1]!.length;
      if (n >= 2 && cells.slice(1).every((c) => c.length === n) && cells[0]!.length >= n - 1)
        cells.forEach((c, k) => {
          out[i + k] = c.join("\t");
        });
    }
    i = Math.max(j, i + 1);
  }
  return out;
}

/** A pipe-table row with at least two cells (counted, not matched: rows can be long). */
function isTableRow(line: string): boolean {
  // (or a row copied as tab-separated text, three cells or more)
  return (
    (line.trimStart().startsWith("|") && line.split("|").length > 3) || line.split("\t").length > 2
  );
}

/** Quantities other than the value itself that a ranking may be by ("by axis range: (b) > (a)"). */
const OTHER_QUANTITY =
  /\b(?:range|axis|axes|spread|scale|width|size|variance|radius|error|loss|norm|extent|magnitude|distance|separation)\b/;

/**
 * A ranking of the items by the values' own quantity, when every value is a number: "ordered by
 * increasing β, the panels are (b) < (a) < (c)", "from smallest to largest β: (b), (a), (c)". The
 * sentence must name the quantity (β) and no other (a ranking by axis range says nothing about β
 * by itself), and every item must be ranked; then the sorted values go to the items in order.
 */
function rankedAssignment(text: string, part: PartOf<"assignment">): Record<string, string> {
  const values = part.values;
  if (!values.length || values.some((v) => v.value === undefined)) return {};
  const n = part.items.length;
  if (n !== values.length) return {};
  const sorted = [...values].sort((a, b) => a.value! - b.value!).map((v) => v.label);
  const labels = part.items.map((i) => escapeRe(i.label.toLowerCase())).join("|");
  const tok = String.raw`(?:(?:panel|plot|figure|graph|subplot|experiment)s?\s*)?\(?(${labels})\)?(?![\w(])`;
  const quantity = /β|\bbeta\b/;
  const up =
    /\b(?:increasing|ascending|smallest to (?:the )?largest|lowest to (?:the )?highest|small to large|low to high)\b/;
  const down =
    /\b(?:decreasing|descending|largest to (?:the )?smallest|highest to (?:the )?lowest|large to small|high to low)\b/;
  for (const sentence of text.split(SENTENCES_AND_LINES)) {
    // a chain: "(b) < (a) < (c)"
    const chain = new RegExp(`${tok}(?:\\s*([<>≤≥])\\s*${tok}){${n - 1}}`, "g");
    for (const m of sentence.matchAll(chain)) {
      const context =
        sentence.slice(Math.max(0, m.index - 80), m.index) +
        sentence.slice(m.index + m[0].length, m.index + m[0].length + 12);
      if (!quantity.test(context) || OTHER_QUANTITY.test(context)) continue;
      const rels = [...m[0].matchAll(/[<>≤≥]/g)].map((r) => (/[<≤]/.test(r[0]) ? 1 : -1));
      if (new Set(rels).size !== 1) continue;
      const ascending = rels[0] === 1;
      if (
        (ascending && down.test(context)) ||
        (!ascending && up.test(context) && !down.test(context))
      )
        continue;
      const order = [...m[0].matchAll(new RegExp(tok, "g"))].map((x) => x[1]!);
      const got = ranking(order, ascending);
      if (got) return got;
    }
    // a list after an ordering phrase: "from smallest to largest β: (b), (a), (c)"
    const phrase = new RegExp(`(?:${up.source}|${down.source})`).exec(sentence);
    if (phrase) {
      const around = sentence.slice(
        Math.max(0, phrase.index - 30),
        phrase.index + phrase[0].length + 30,
      );
      if (!quantity.test(around) || OTHER_QUANTITY.test(around)) continue;
      const after = sentence.slice(phrase.index + phrase[0].length);
      const order = [...after.matchAll(new RegExp(tok, "g"))].map((x) => x[1]!);
      const got = ranking(order, up.test(phrase[0]));
      if (got) return got;
    }
  }
  return {};

  function ranking(order: string[], ascending: boolean): Record<string, string> | undefined {
    if (order.length !== n || new Set(order).size !== n) return undefined;
    const vals = ascending ? sorted : [...sorted].reverse();
    const out: Record<string, string> = {};
    order.forEach((label, i) => {
      const item = part.items.find((it) => it.label.toLowerCase() === label)!;
      out[item.label] = vals[i]!;
    });
    return out;
  }
}

export type GridResult = { cells: Record<string, Record<string, boolean>>; found: number };

/** A row of marks under a term the part's words do not name; `table` if a table's row. */
type UnnamedRow = { term: string; cells: [string, boolean][]; table?: boolean };

/** Whether a term's words (four letters or more, accents aside) appear among a row's words. */
function sharesWord(term: string, row: Option): boolean {
  const fold = (w: string) => withoutMarks(w.toLowerCase());
  const known = new Set(
    [row.label, ...(row.aliases ?? [])].flatMap((a) => fold(a).split(/[^\p{L}]+/u)),
  );
  return fold(term)
    .split(/[^\p{L}]+/u)
    .some((w) => w.length >= 4 && known.has(w));
}

/**
 * A grid row whose boxes did not survive the copy: a row's term, then two or more marks lost to an
 * encoding ("Task loss   ?   ?" from a mail declared Latin-1, "�"), or a line of a PDF's text layer
 * all glyph codes ("(cid:55)(cid:68)…"), or a scan's icons its OCR did not know ("▯", "⬚"). The
 * line, or undefined. The answer is there but cannot be read.
 */
export function lostMarksRow(text: string, part: PartOf<"checkbox-grid">): string | undefined {
  for (const line of text.split("\n")) {
    if (line.length > 200) continue;
    // (an OCR's glyph for a shape it did not recognise, "▯" or "⬚", is a lost mark too)
    const lost =
      line.match(/(?<!\S)(?:\?|\(cid:\d{1,5}\)|[\uFFFD\u25AF\u2B1A])(?!\S)/g)?.length ?? 0;
    if (lost >= 2 && findMentions(matchForm(line), part.rows, true).length) return line.trim();
    // (a PDF's text layer without its font's mapping loses the row's words too)
    if ((line.match(/\(cid:\d{1,5}\)/g)?.length ?? 0) >= 8) return line.trim().slice(0, 60);
  }
  return undefined;
}

/** A mark a key defines ("✔", "☒", "❌"), and one that opens a key's entry ("✔ = sends gradient"). */
const KEY_MARK = /[✔✓✘✗✅❌☑☒]/u;
const KEYED_MARK = /[✔✓✘✗✅❌☑☒]\uFE0F?\s?[=:]/u;

/**
 * A grid row of bare boxes under a key that defines other marks ("✔ = sends gradient, ✘ = does
 * not", then "| task loss | □ | □ |"): an OCR read each mark as the same box. The row, or
 * undefined. Read as empty boxes, every cell would be a guess.
 */
export function boxesUnderKey(text: string): string | undefined {
  if (!KEYED_MARK.test(text)) return undefined;
  for (const line of text.split("\n")) {
    if (line.length > 200 || KEY_MARK.test(line)) continue;
    if (line.split(/[|\t]/).filter((c) => /^\s*[□☐]\s*$/u.test(c)).length >= 2) return line.trim();
  }
  return undefined;
}

/**
 * Read a rows × columns checkbox grid: tables (header of column names, a row per term, marks in
 * cells), checkbox lines under a column heading ("θe: ☒ task loss ☐ latent regularizer"), lines
 * naming a row and a column with a mark, and (fallback) prose ("θd gets gradient only from the task
 * loss", "the regularizer does not depend on θd").
 */
export function extractGrid(text: string, part: PartOf<"checkbox-grid">): GridResult {
  const cells: Record<string, Record<string, boolean>> = {};
  let found = 0;
  const set = (r: string, c: string, v: boolean) => {
    cells[r] ??= {};
    if (cells[r][c] === undefined) found++;
    cells[r][c] = v;
  };
  // (a table copied from a page as text, its cells split by tabs, is read as a pipe table)
  const lines = tabRowsAsPipes(matchForm(text).split("\n"));
  const rawLines = text.split("\n");
  let header: string[] | null = null;
  let transposed = false;
  /** Column names of a plain-text grid ("            θe    θd") and where they stand on the line. */
  let plainHeader: { label: string; at: number }[] | null = null;
  let ctxCol: string | undefined;
  let ctxRow: string | undefined;
  let marksSeen = false;
  /** Rows of marks whose term the line does not name, as [column, ticked] pairs. */
  const unnamed: UnnamedRow[] = [];
  /** Cells a line at a time under a term the part does not know, by that term's words. */
  const unnamedTerms = new Map<string, [string, boolean][]>();
  /** A table's header of terms the part's words do not name ("| | Pèrdua de tasca | Regularitzador |"). */
  let termsHeader: string[] | null = null;
  const tabledTerms = new Set<string>();
  // Every row and column named, by label or alias: "task → θe ✓, …; regularizer → …" names both
  // rows although "task" alone is already a label.
  const named = (s: string, opts: Option[]) =>
    dedupe([...findMentions(s, opts, true), ...everyMention(s, opts)]).filter(
      (m, i, all) => !all.some((o, j) => j < i && o.label === m.label && m.index - o.index < 4),
    );
  const rowsIn = (s: string) => named(s, part.rows);
  const colsIn = (s: string) => named(s, part.columns);
  for (const [li, line] of lines.entries()) {
    const t = line.trim();
    if (!t) continue;
    // Gradients written as equations: "∂L_task/∂θd ≠ 0", "∇_θd L_reg = 0".
    const grads = gradientCells(t, part);
    if (grads.length) {
      for (const [r, c, v] of grads) set(r, c, v);
      marksSeen = true;
      continue;
    }
    if (t.startsWith("|")) {
      const cellsText = tableCells(t);
      if (cellsText.every((c) => /^:?-+:?$/.test(c))) continue;
      const colHits = cellsText.map((c) => colsIn(c)[0]?.label);
      const rowHit = rowsIn(cellsText[0] ?? "")[0]?.label;
      const col0 = colHits[0];
      // (a cell's note may name the row's own column again: "❌ none (KL has no θd in it)")
      if (transposed && header && col0 && !colHits.slice(1).some((c) => c && c !== col0)) {
        const got = rowMarks(cellsText, header);
        for (const [row, mk] of got) set(row, col0, mk);
        marksSeen ||= got.length > 0;
        continue;
      }
      // the grid transposed under terms the part's words do not name: θe/θd down the side, a
      // mark under each term
      if (termsHeader && !header && col0 && !colHits.slice(1).some(Boolean)) {
        const got = rowMarks(cellsText, termsHeader);
        for (const [term, mk] of got) {
          unnamedTerms.set(term, [...(unnamedTerms.get(term) ?? []), [col0, mk]]);
          tabledTerms.add(term);
        }
        marksSeen ||= got.length > 0;
        if (got.length) continue;
      }
      // a row of marks under the header whose term is named in words the part does not know (its
      // note may name a column: "… → only θe")
      const underHeader = !rowHit && header && !transposed ? rowMarks(cellsText, header) : [];
      if (underHeader.length) {
        unnamed.push({ term: cellsText[0] ?? "", cells: underHeader, table: true });
        continue;
      }
      if (!rowHit && !colHits.some(Boolean) && !findMarks(t).length)
        termsHeader = cellsText.map((c, k) => (k ? c.replace(/[^\p{L}]+/gu, " ").trim() : ""));
      // (a header names the columns; a row of marks after them is an answer, read below)
      if (!rowHit && colHits.filter(Boolean).length >= 1 && !findMarks(t).length) {
        header = colHits.map((c) => c ?? "");
        transposed = false;
        continue;
      }
      // The grid transposed: terms across the top, θe/θd down the side.
      const rowHeads = cellsText.map((c) => rowsIn(c)[0]?.label);
      if (
        !colHits[0] &&
        rowHeads.slice(1).filter(Boolean).length >= 1 &&
        colHits.every((c) => !c)
      ) {
        header = rowHeads.map((c) => c ?? "");
        // (a term the part's words do not name beside one they do is, by elimination, the other:
        // "| | Zereginaren galera | Erregularizatzailea |")
        const missing = part.rows.filter((r) => !header!.includes(r.label));
        const blanks = header.flatMap((h, k) => (k > 0 && !h && cellsText[k]?.trim() ? [k] : []));
        if (missing.length === 1 && blanks.length === 1) header[blanks[0]!] = missing[0]!.label;
        transposed = true;
        continue;
      }

      if (rowHit && header) {
        const got = rowMarks(cellsText, header);
        for (const [col, mk] of got) set(rowHit, col, mk);
        marksSeen ||= got.length > 0;
        continue;
      }
    }
    // (every mention, read once; a label repeated close after itself counts once in rs and cs)
    const rowMentions = rowsIn(t);
    const colMentions = colsIn(t);
    const rs = uniqueLabels(rowMentions);
    const cs = uniqueLabels(colMentions);
    // a line of marks by the columns whose term is not known: "Латентті регуляризатор → θe ✅, θd ❌"
    // (or two such rows on one line: "Tâche : θe ☒, θd ☒ — Régularisateur : θe ☒, θd ☐")
    if (rs.length === 0 && cs.length >= 2) {
      const ms = findMarks(t);
      const every = [...colMentions].sort((a, b) => a.index - b.index);
      const n = part.columns.length;
      const paired = (k: number) =>
        ms[k]!.index > every[k]!.index && ms[k]!.index < (every[k + 1]?.index ?? t.length);
      if (ms.length === every.length && ms.length % n === 0 && ms.every((_, k) => paired(k))) {
        for (let k = 0; k < ms.length; k += n)
          unnamed.push({
            term: t.slice(k ? ms[k - 1]!.index + ms[k - 1]!.length : 0, every[k]!.index),
            cells: every.slice(k, k + n).map((c, j) => [c.label, ms[k + j]!.checked]),
          });
        continue;
      }
    }
    // one cell a line, its term in words the part does not know: "- Régularisateur → θe : ☒"
    if (rs.length === 0 && cs.length === 1 && !ctxRow) {
      const ms = findMarks(t);
      const term = t
        .slice(0, cs[0]!.index)
        .replace(/[^\p{L}]+/gu, " ")
        .trim()
        .toLowerCase();
      if (ms.length === 1 && ms[0]!.index > cs[0]!.index && term.replace(/ /g, "").length >= 3) {
        const row = unnamedTerms.get(term) ?? [];
        row.push([cs[0]!.label, ms[0]!.checked]);
        unnamedTerms.set(term, row);
        continue;
      }
    }
    // In a sentence, "no"/"false" are words, not boxes: "the regularizer sends no gradient to θe"
    // is prose, read below; a short line ("θe: no") or a table cell keeps them as marks.
    // (a table row has cells: a "|" between spaces or opening the line, not "q(y|z)")
    const tableRow = t.trimStart().startsWith("|") || t.includes(" | ");
    const sentence = !tableRow && t.trim().split(/\s+/).length >= 10;
    const marks = findMarks(t).filter(
      (m) => !(sentence && /^[a-z ]+$/i.test(t.substr(m.index, m.length))),
    );
    // "All boxes are checked except regularizer/θd", "check task→θe, …": the words "checked" and
    // "unchecked" there describe the named cells, they are not marks beside them.
    const symbolic = marks.some((m) => !/^[a-z ]+$/i.test(t.substr(m.index, m.length)));
    if (!tableRow && !symbolic && statements(t, part, set)) continue;
    const raw = rawLines.length === lines.length ? (rawLines[li] ?? "") : "";
    // A header line is little more than the column names ("            θe    θd"), which come
    // from the part's own data, each perhaps glossed in brackets ("θe (kodetzailea)")
    const bare =
      withoutAliases(t, part.columns)
        .replace(/\([^()]{1,30}\)/g, "")
        .replace(/param\w*|[^\p{L}]/gu, "").length <= 12;
    if (rs.length === 0 && cs.length >= 2 && !marks.length && bare) {
      plainHeader = columnPositions(raw, part);
    } else if (plainHeader && rs.length === 1 && cs.length === 0) {
      // A row of a plain-text grid: each mark belongs to the column above it.
      const ticks = plainMarks(raw);
      if (ticks.length) {
        const got = new Map<string, boolean>();
        const header = [...plainHeader].sort((a, b) => a.at - b.at);
        // one mark per column: in order, whatever the indentation copying left
        if (ticks.length === header.length)
          for (const [k, tk] of ticks.entries()) got.set(header[k]!.label, tk.checked);
        else
          for (const tk of ticks) {
            const near = plainHeader.reduce((a, b) =>
              Math.abs(b.at - tk.at) < Math.abs(a.at - tk.at) ? b : a,
            );
            got.set(near.label, tk.checked);
          }
        for (const h of plainHeader) set(rs[0]!.label, h.label, got.get(h.label) ?? false);
        marksSeen = true;
        continue;
      }
    } else if (plainHeader && rs.length === 0 && cs.length === 0) {
      // a row of that grid under a term the part's words do not name ("Лосс задачи ✔ ✔"): one
      // mark per column, in order
      const ticks = plainMarks(raw);
      const header = [...plainHeader].sort((a, b) => a.at - b.at);
      const term = raw.slice(0, ticks[0]?.at ?? 0).trim();
      if (ticks.length === header.length && /\p{L}{3}/u.test(term)) {
        unnamed.push({
          term,
          cells: header.map((h, k) => [h.label, ticks[k]!.checked]),
          table: true,
        });
        continue;
      }
    }
    if (!marks.length) {
      // A heading naming one column (or row) sets the context for following checkbox lines.
      if (cs.length === 1 && rs.length === 0) ctxCol = cs[0]!.label;
      else if (rs.length === 1 && cs.length === 0 && /[:：]\s*$|^#|^\*\*/.test(t))
        ctxRow = rs[0]!.label;
      continue;
    }
    marksSeen = true;
    const tokens = [
      ...rs.map((m) => ({ kind: "row" as const, label: m.label, index: m.index })),
      ...cs.map((m) => ({ kind: "col" as const, label: m.label, index: m.index })),
    ].sort((a, b) => a.index - b.index);
    if (!tokens.length) continue;
    // One column and several rows on a line ("θe: ☒ task loss ☒ latent regularizer"): the column
    // is the context and the marks belong to the rows (and the other way round).
    const scan =
      cs.length === 1 && rs.length > 1
        ? tokens.filter((x) => x.kind === "row")
        : rs.length === 1 && cs.length > 1
          ? tokens.filter((x) => x.kind === "col")
          : tokens;
    // (marks may come first after prose that named the labels, "… nothing reaches θd → ☑ θe,
    // ☐ θd": each mark touches a mention of the label after it, not the one before; every mention
    // counts there, not only a label's first)
    const kinds = new Set(scan.map((x) => x.kind));
    const mentions = [
      ...(kinds.has("row") ? rowMentions.map((m) => ({ kind: "row" as const, ...m })) : []),
      ...(kinds.has("col") ? colMentions.map((m) => ({ kind: "col" as const, ...m })) : []),
    ].sort((a, b) => a.index - b.index);
    const nextOf = (mk: { index: number; length: number }) => {
      const n = mentions.find((x) => x.index > mk.index);
      return n && t.slice(mk.index + mk.length, n.index).trim() === "" ? n : undefined;
    };
    const touchesPrev = (mk: { index: number }) => {
      const p = [...mentions].reverse().find((x) => x.index < mk.index);
      return p !== undefined && LABEL_THEN_MARK.test(t.slice(p.index, mk.index));
    };
    const touching =
      marks[0]!.index > scan[0]!.index &&
      marks.every((mk) => nextOf(mk)) &&
      !marks.every(touchesPrev);
    const markFirst = marks[0]!.index < scan[0]!.index || touching;
    /** The other kind's label for `at`: the only one on the line, the nearest before, or context. */
    const other = (kind: "row" | "col", at: number, ctx: string | undefined) => {
      const own = kind === "row" ? rs : cs;
      if (own.length === 1) return own[0]!.label;
      // an arrow names the pair outright: "☒ regularizer → θe ☐ regularizer → θd"
      const next = tokens.find((x) => x.index > at);
      if (next?.kind === kind && /→|->|⇒|=>/.test(t.slice(at, next.index)) && next.index - at < 40)
        return next.label;
      return [...tokens].reverse().find((x) => x.kind === kind && x.index < at)?.label ?? ctx;
    };
    for (const mk of marks) {
      // The label a mark belongs to: the next one (mark-first style) or the previous one.
      const label = touching
        ? nextOf(mk)
        : markFirst
          ? scan.find((x) => x.index > mk.index)
          : [...scan].reverse().find((x) => x.index < mk.index);
      if (!label) continue;
      if (label.kind === "row") {
        const col = other("col", label.index, ctxCol);
        if (col) set(label.label, col, mk.checked);
      } else {
        const row = other("row", label.index, ctxRow);
        if (row) set(row, label.label, mk.checked);
      }
    }
  }
  // Rows of marks under terms the part's words do not name: a term sharing a word with one row's
  // words is that row ("Tâche" in "perte de tâche"); the rest pair with the terms not yet read.
  for (const [term, row] of unnamedTerms)
    unnamed.push({ term, cells: row, table: tabledTerms.has(term) });
  const unread = () => part.rows.filter((r) => !cells[r.label]);
  const left = unnamed.filter((u) => {
    const rows = unread().filter((r) => sharesWord(u.term, r));
    if (rows.length !== 1) return true;
    for (const [col, mk] of u.cells) set(rows[0]!.label, col, mk);
    marksSeen = true;
    return false;
  });
  // Every row unnamed: as many rows as terms left, in the problem's order, as answers copy the
  // grid (the task loss first) — a table's rows before the lines of prose that walk through it
  const last = unread();
  const tabled = left.filter((u) => u.table);
  const rows = tabled.length === last.length ? tabled : left;
  if (rows.length === last.length && (rows.length > 1 || found > 0)) {
    for (const [k, u] of rows.entries())
      for (const [col, mk] of u.cells) set(last[k]!.label, col, mk);
    marksSeen ||= left.length > 0;
  }
  if (!marksSeen) {
    proseGrid(lines.join("\n"), part, set);
    // Prose that lists, for every column, the terms reaching it ("θe ← task loss, latent
    // regularizer; θd ← task loss") leaves the unlisted cells unticked.
    const listed = part.columns.every((c) =>
      part.rows.some((r) => cells[r.label]?.[c.label] === true),
    );
    const anyFalse = part.rows.some((r) => Object.values(cells[r.label] ?? {}).includes(false));
    if (listed && !anyFalse)
      for (const r of part.rows)
        for (const c of part.columns)
          if (cells[r.label]?.[c.label] === undefined) set(r.label, c.label, false);
  }
  // "… so no gradient to θd; everything else gets gradient": the cells not yet stated, one way.
  if (found > 0) {
    const t = lines.join("\n");
    const rest = REST.exec(t);
    if (rest) {
      const clause = t.slice(rest.index).split(/[.;\n]/)[0] ?? "";
      const v = !unticked(clause);
      if (REST_SAYS.test(clause))
        for (const r of part.rows)
          for (const c of part.columns)
            if (cells[r.label]?.[c.label] === undefined) set(r.label, c.label, v);
    }
  }
  return { cells, found };
}

/**
 * Cells stated as derivatives: "∂L_task/∂θe ≠ 0" ticks (task, θe), "∂L_reg/∂θd = 0" leaves
 * (regularizer, θd) unticked; "∇_θd L_KL = 0" and "dL_task/dθd ≠ 0" too. The loss is named by its
 * subscript ("task", "KL", "reg" for "regularizer"), the parameters by a column's name.
 */
function gradientCells(line: string, part: PartOf<"checkbox-grid">): [string, string, boolean][] {
  if (!/[∂∇]|\bd\s*[lℒj]/.test(line)) return [];
  const out: [string, string, boolean][] = [];
  const rel = String.raw`\s*\)?\s*(≠|!=|=(?!=)|>|<)\s*0(?!\d|\.\d)`;
  const frac = new RegExp(
    String.raw`(?:∂|(?<![\p{L}])d)\s*([^/∂=≠]{1,30}?)\s*\)?\s*\/\s*\(?\s*(?:∂|d)\s*([^\s)=≠!<>]{1,24})${rel}`,
    "gu",
  );
  const nabla = new RegExp(
    String.raw`∇\s*_?\s*\(?([^\s()]{1,24}?)\)?\s+([^=≠]{1,30}?)${rel}`,
    "gu",
  );
  const add = (loss: string, params: string, relation: string) => {
    const row = lossRow(loss, part);
    const col = findMentions(params, part.columns, true)[0]?.label;
    if (row && col) out.push([row, col, relation !== "="]);
  };
  for (const m of line.matchAll(frac)) add(m[1]!, m[2]!, m[3]!);
  for (const m of line.matchAll(nabla)) add(m[2]!, m[1]!, m[3]!);
  return out;
}

/** The text with every label and alias of `options` taken out (case-insensitive). */
function withoutAliases(text: string, options: Option[]): string {
  let out = text.toLowerCase();
  const names = options.flatMap((o) => [o.label, ...o.aliases]).map((n) => n.toLowerCase());
  for (const n of names.sort((a, b) => b.length - a.length)) out = out.split(n).join(" ");
  return out;
}

/**
 * A loss symbol's name before its subscript: a word ("loss", "Verlust"), tried first so that
 * "loss_task" is not read as "L" and "oss_task", or "L", "ℒ", "J".
 */
const LOSS_SYMBOL = new RegExp(`^(?:${alternation(words("lossNames"))}|[lℒj])_?`, "u");

/** The row a loss symbol names: "L_task" → task, "ℒ_KL" → regularizer, "L_reg" → regularizer. */
function lossRow(loss: string, part: PartOf<"checkbox-grid">): string | undefined {
  const name = loss
    .replace(/[()[\]{}\s]/g, "")
    .replace(LOSS_SYMBOL, "")
    .replace(/^β\s*\*?/u, "");
  if (!name) return undefined;
  const hit = findMentions(name, part.rows, true)[0]?.label;
  if (hit) return hit;
  // an abbreviation: "reg" for "regularizer"
  if (name.length < 3) return undefined;
  return part.rows.find((r) =>
    [r.label, ...r.aliases].some((a) =>
      a
        .toLowerCase()
        .split(/[\s-]+/)
        .some((w) => w.startsWith(name)),
    ),
  )?.label;
}

/** "everything else", "all the others", "the rest": the cells a reply has not named. */
const REST =
  /\b(?:everything else|all (?:the )?others?(?: cells| boxes| combinations| pairs)?|all other (?:cells|boxes|combinations|pairs)|the rest(?! of)|all remaining(?: cells| boxes)?)\b/;
/** What a "the rest" clause must say to be about the boxes: "… gets gradient", "… are checked". */
const REST_SAYS =
  /\b(?:gradients?|checked|ticked|marked|unchecked|unticked|empty|blank|gets?|receives?|yes|no)\b/;

/** Cells of a Markdown table row, not split at a "|" inside brackets ("q(y|z)", "KL(p||q)"). */
function tableCells(row: string): string[] {
  const s = row.replace(/^\||\|$/g, "");
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    else if (c === "|" && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((c) => c.trim());
}

/**
 * The marks of a table row under a header, as [header label, ticked] pairs. A lone "X" ticks a
 * cell; an empty cell is unticked when the row ticks another.
 */
function rowMarks(cellsText: string[], header: string[]): [string, boolean][] {
  const marks = cellsText.map((c, k) => (k === 0 ? undefined : cellMark(c)));
  const any = marks.some((m) => m !== undefined);
  const out: [string, boolean][] = [];
  for (let k = 1; k < cellsText.length; k++) {
    const mk = marks[k] ?? (any && cellsText[k] === "" ? false : undefined);
    if (header[k] && mk !== undefined) out.push([header[k]!, mk]);
  }
  return out;
}

/** The mark a table cell holds: a check mark, or a lone "X"; undefined when it holds none. */
function cellMark(cell: string): boolean | undefined {
  const c = cell.replace(/\*\*|__/g, "").trim();
  if (/^x$/.test(c)) return true;
  if (c === "×") return false; // \times beside \checkmark: a cross
  const mk = findMarks(c);
  return mk.length ? mk[0]!.checked : undefined;
}

/** Where each column is named on a plain-text header line (character offsets of the raw line). */
function columnPositions(
  raw: string,
  part: PartOf<"checkbox-grid">,
): { label: string; at: number }[] | null {
  const low = raw.toLowerCase();
  const out: { label: string; at: number }[] = [];
  for (const c of part.columns) {
    const names = [
      c.label,
      ...c.aliases,
      c.label.replace(/^θ/, "θ_"),
      c.label.replace(/^θ/, "theta_"),
    ];
    const at = names
      .map((n) => low.indexOf(n.toLowerCase()))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0];
    if (at !== undefined) out.push({ label: c.label, at });
  }
  return out.length >= 2 ? out : null;
}

/** Marks on a plain-text grid row: check marks and lone "X"s, by character offset. */
function plainMarks(raw: string): { at: number; checked: boolean }[] {
  const out = findMarks(raw.toLowerCase()).map((m) => ({ at: m.index, checked: m.checked }));
  for (const m of raw.matchAll(/(?<=^|\s)[xX](?=\s|$)/g))
    if (!out.some((o) => o.at === m.index)) out.push({ at: m.index, checked: true });
  return out;
}

/** One mention per label and position run: "latent regularizer" also contains "regularizer". */
function uniqueLabels(ms: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of ms) {
    const prev = out[out.length - 1];
    if (prev && prev.label === m.label && m.index - prev.index < 24) continue;
    out.push(m);
  }
  return out;
}

/** A clause saying a term sends no gradient: "does not depend on θd", "neither …". */
/** Words that deny a gradient or a tick, in every language ("not", "nicht", "不"). */
const NEGATIONS = [...words("negation"), "zero", "independent", "doesn't", "neither", "nor"];
const denies = (s: string) => firstPhrase(s, NEGATIONS) !== undefined;
const ONLY = words("only");
const BOTH = words("both");

/**
 * Prose grids, sentence by sentence. One column named: "θd gets gradient only from the task loss".
 * Several: either each column opens its own clause ("θe gets both terms, while θd gets only the
 * task loss"), or the rows come first and each column carries its own polarity ("the regularizer
 * sends gradient only to θe, not to θd").
 */
function proseGrid(
  text: string,
  part: PartOf<"checkbox-grid">,
  set: (r: string, c: string, v: boolean) => void,
): void {
  const rowLabels = part.rows.map((r) => r.label);
  const rowsOf = (clause: string) => {
    if (
      /\b(?:both|all|each|beide[n]?|alle)\s+(?:terms|losses|parts|terme[n]?|verluste)\b|les deux termes/.test(
        clause,
      )
    )
      return rowLabels;
    return [...new Set(findMentions(clause, part.rows, true).map((m) => m.label))];
  };
  const colLabels = part.columns.map((c) => c.label);
  const oneColumn = (clause: string, col: string) => {
    // with one column named, a bare "both" is both terms: "θe gets both"
    const named = rowsOf(clause);
    const rows = named.length || !earliestPhrase(clause, BOTH) ? named : rowLabels;
    if (!rows.length) return;
    const negated = denies(clause);
    for (const r of rows) set(r, col, !negated);
    const only = earliestPhrase(clause, ONLY);
    if (!only || negated) return;
    // "θe only" / "only to θe" restricts the column; "only from the task loss" the rows.
    const after = clause.slice(only.index + only.phrase.length, only.index + 30);
    const rowNext = findMentions(after, part.rows, true).some((m) => m.index < 20);
    const colNext = findMentions(after, part.columns, true).some((m) => m.index < 15);
    // The nearest name just before "only" ("θe only" vs "task loss only").
    const before = clause.slice(Math.max(0, only.index - 20), only.index);
    const lastAt = (opts: Option[]) =>
      Math.max(-1, ...findMentions(before, opts, true).map((m) => m.index));
    const colBefore = lastAt(part.columns) > lastAt(part.rows);
    const ends = !/\w/.test(after.replace(/^[\s.,;:)]*/, "").slice(0, 1));
    if (!rowNext && (colNext || (colBefore && ends))) {
      for (const r of rows) for (const c of colLabels) if (c !== col) set(r, c, false);
    } else for (const r of rowLabels) if (!rows.includes(r)) set(r, col, false);
  };
  const readSentence = (sentence: string, split = true): void => {
    if (statements(sentence, part, set)) return;
    const cols = uniqueLabels(findMentions(sentence, part.columns, true)).sort(
      (a, b) => a.index - b.index,
    );
    const labels = [...new Set(cols.map((m) => m.label))];
    if (labels.length === 0) {
      // "the task loss sends gradient to both": every column, for the terms named
      if (BOTH_COLUMNS.test(sentence)) for (const c of colLabels) oneColumn(sentence, c);
      return;
    }
    if (labels.length === 1) {
      oneColumn(sentence, labels[0]!);
      return;
    }
    const rowMentions = findMentions(sentence, part.rows, true);
    const firstRow = Math.min(...rowMentions.map((m) => m.index));
    if (cols[0]!.index < firstRow) {
      cols.forEach((m, i) => {
        oneColumn(sentence.slice(m.index, cols[i + 1]?.index), m.label);
      });
      return;
    }
    // Each term with its own columns: "the task loss sends gradient to θe and θd, the KL
    // regularizer only to θe" is two statements, cut before the second term's clause.
    const pieces = split ? rowClauses(sentence) : [];
    if (pieces.length > 1) {
      for (const piece of pieces) readSentence(piece, false);
      return;
    }
    const rows = rowsOf(sentence);
    cols.forEach((m, i) => {
      const lead = sentence.slice(i === 0 ? 0 : cols[i - 1]!.index, m.index);
      // The last column's polarity may also follow it: "only θe, since θd does not appear in it".
      const tail = i === cols.length - 1 ? sentence.slice(m.index) : "";
      for (const r of rows) set(r, m.label, !denies(lead) && !denies(tail));
    });
  };
  for (const sentence of sentences(text, part)) readSentence(sentence);

  /** The sentence cut before each later term that has columns of its own after it. */
  function rowClauses(sentence: string): string[] {
    const rows = uniqueLabels(findMentions(sentence, part.rows, true)).sort(
      (a, b) => a.index - b.index,
    );
    if (new Set(rows.map((r) => r.label)).size < 2) return [];
    const cuts: number[] = [];
    for (const [i, r] of rows.entries()) {
      if (i > 0 && r.label === rows[i - 1]!.label) continue;
      const own = sentence.slice(r.index, rows[i + 1]?.index);
      if (!findMentions(own, part.columns, true).length) return [];
      if (i === 0) continue;
      // the clause starts after the last comma, semicolon or "and"/"but" before the term
      const before = sentence.slice(rows[i - 1]!.index, r.index);
      const sep = [...before.matchAll(/[,;]|\b(?:and|but)\b/g)].pop();
      cuts.push(sep ? rows[i - 1]!.index + sep.index + sep[0].length : r.index);
    }
    const at = [0, ...cuts, sentence.length];
    return at.slice(0, -1).map((a, i) => sentence.slice(a, at[i + 1]));
  }
}

/** "the task loss sends gradient to both": both columns. */
const BOTH_COLUMNS =
  /\b(?:to|into|reaches?|affects?|updates?)\s+both\b(?!\s+(?:terms|losses|parts))/;

/**
 * Sentences, and clauses joined by "while"/"whereas"/", but": "the task loss reaches both θe and
 * θd, while the KL term only affects θe" is two statements.
 */
function sentences(text: string, part: PartOf<"checkbox-grid">): string[] {
  // (a slash, or a full-width one, between two statements that each name a term: "task → θe, θd
  // / regularizer → θe only"; between columns, "θe / θd", it joins)
  return text.split(STATEMENTS).flatMap((s) => {
    const pieces = s.split(/\s+\/\s+|\s*／\s*/);
    return pieces.length > 1 && pieces.every((p) => findMentions(p, part.rows, true).length)
      ? pieces
      : [s];
  });
}

/** Reads the sentences of `text` that state cells outright ("all … except …", pairs); whether any did. */
function statements(
  text: string,
  part: PartOf<"checkbox-grid">,
  set: (r: string, c: string, v: boolean) => void,
): boolean {
  let any = false;
  for (const s of sentences(text, part))
    any = allExcept(s, part, set) || cellPairs(s, part, set) || any;
  return any;
}

/** "All boxes are checked except …", "everything but …": every cell one way, the named ones the other. */
const ALL_EXCEPT =
  /\b(?:all|every|everything|each)\b[^.;]{0,60}?\b(?:except(?:\s+for)?|apart from|other than|save for)\b|\b(?:all|everything)\s+but\b/;
/** "All four boxes are checked", "tick every box", "all cells are ticked". */
const ALL_BOXES =
  /\b(?:all|every)\s+(?:four\s+|4\s+|the\s+|of\s+the\s+)?(?:boxes|box|cells|cell|entries)\b[^.;]{0,30}\b(?:checked|ticked|marked|unchecked|unticked|empty|blank)\b|\b(?:check|tick|mark)\s+(?:all|every)\s+(?:four\s+|4\s+|the\s+)?(?:boxes|box|cells|cell)\b/;
/** Words that make a statement about cells a negative one: "leave … unchecked", "no gradient". */
const UNTICKED_WORDS = [...words("unticked"), ...NEGATIONS, "uncheck", "untick"];
const unticked = (s: string) => firstPhrase(s, UNTICKED_WORDS) !== undefined;

/**
 * Mentions of rows or columns by label or alias, in order, each one counted ("task→θe, task→θd"
 * names the task row twice); of overlapping names the longest ("latent regularizer") is kept.
 */
function everyMention(text: string, opts: Option[]): Mention[] {
  const hits = opts.flatMap((o) =>
    [o.label, ...o.aliases].flatMap((name) =>
      [...text.matchAll(aliasRegex(name))].map((m) => ({
        label: o.label,
        index: m.index,
        end: m.index + m[0].length,
      })),
    ),
  );
  hits.sort((a, b) => a.index - b.index || b.end - a.end);
  const out: Mention[] = [];
  let end = -1;
  for (const h of hits) {
    if (h.index < end) continue;
    out.push({ label: h.label, index: h.index, byLabel: false });
    end = h.end;
  }
  return out;
}

/**
 * The cells an "except" clause names: pairs "regularizer/θd", "(regularizer, θ_d)", "regularizer →
 * decoder"; a row alone stands for its whole row, a column alone for its column.
 */
function namedCells(clause: string, part: PartOf<"checkbox-grid">): [string, string][] {
  const rows = everyMention(clause, part.rows);
  const cols = everyMention(clause, part.columns);
  const allRows = part.rows.map((r) => r.label);
  const allCols = part.columns.map((c) => c.label);
  if (rows.length && rows.length === cols.length)
    return rows.map((r, i): [string, string] => [r.label, cols[i]!.label]);
  const rs = rows.length ? [...new Set(rows.map((r) => r.label))] : allRows;
  const cs = cols.length ? [...new Set(cols.map((c) => c.label))] : allCols;
  return rows.length || cols.length
    ? rs.flatMap((r) => cs.map((c): [string, string] => [r, c]))
    : [];
}

function allExcept(
  sentence: string,
  part: PartOf<"checkbox-grid">,
  set: (r: string, c: string, v: boolean) => void,
): boolean {
  const m = ALL_EXCEPT.exec(sentence);
  const whole = !m && ALL_BOXES.exec(sentence);
  if (!m && !whole) return false;
  // "all four boxes are checked": every cell, none excepted
  const excluded = m ? namedCells(sentence.slice(m.index + m[0].length), part) : [];
  if (m && !excluded.length) return false;
  // "all boxes are unchecked except task → θe" says the opposite of "all are checked except …"
  const head = m ? sentence.slice(0, m.index + m[0].length) : sentence;
  const rest = !/\b(?:unchecked|unticked|empty|blank|none)\b/.test(head);
  const isExcluded = (r: string, c: string) => excluded.some(([er, ec]) => er === r && ec === c);
  for (const r of part.rows)
    for (const c of part.columns)
      set(r.label, c.label, isExcluded(r.label, c.label) ? !rest : rest);
  return true;
}

/**
 * A sentence that lists cells as row–column pairs and says one thing about them all: "Check
 * task→θe, task→θd and regularizer→θe", "leave regularizer→θd unchecked". Every row and column
 * named must stand in a pair (a short arrow, slash, comma or "to" between them), else the
 * sentence is left to the prose reader.
 */
function cellPairs(
  sentence: string,
  part: PartOf<"checkbox-grid">,
  set: (r: string, c: string, v: boolean) => void,
): boolean {
  // "Only regularizer → θd is unchecked": the named cells one way, every other cell the other.
  const only = /\bonly\b/.exec(sentence);
  const boxWord = /\b(?:checked|ticked|marked|unchecked|unticked|empty|blank)\b/.test(sentence);
  if (/\bboth\b/.test(sentence) || (only && !boxWord)) return false;
  const rows = everyMention(sentence, part.rows);
  const cols = everyMention(sentence, part.columns);
  if (!rows.length || rows.length !== cols.length) return false;
  if (only && only.index > Math.min(rows[0]!.index, cols[0]!.index)) return false;
  const paired = rows.every((r, i) => {
    const between = sentence.slice(r.index, cols[i]!.index);
    const nextRow = rows[i + 1]?.index ?? Number.POSITIVE_INFINITY;
    return (
      cols[i]!.index > r.index &&
      cols[i]!.index < nextRow &&
      between.length <= 28 &&
      /(?:→|->|⟶|=>|\/|,|\bto\b|-to-|\bon\b)/.test(between) &&
      !/\b(?:and|und|et)\b/.test(between)
    );
  });
  if (!paired) return false;
  const ticked = !unticked(sentence);
  if (only) for (const r of part.rows) for (const c of part.columns) set(r.label, c.label, !ticked);
  for (const [i, r] of rows.entries()) set(r.label, cols[i]!.label, ticked);
  return true;
}

/**
 * Candidate specs for a named distribution ("P = N(0,1)", "P ~ Uniform[0,1]", "let Q be ..."):
 * one group per place the symbol is defined, each group's cuts shortest first.
 */
export function distributionSpecs(text: string, symbol: string): string[][] {
  const norm = [...text.split("\n"), ...tableDistributions(text, symbol)].map((l) =>
    normalizeDistLine(l),
  );
  // (an OCR or a Cyrillic keyboard writes a look-alike letter for the symbol: "Р = N(0, 1)")
  const s = [...symbol]
    .map((c) => (LOOK_ALIKES[c] ? `[${c}${LOOK_ALIKES[c]}]` : escapeRe(c)))
    .join("");
  const re = new RegExp(
    // the definition is captured in a lookahead, so a later "P = …" on the same line (a
    // self-correction) is found too instead of being swallowed by this match
    `(?<![\\w|(])${s}\\s*(?:\\(\\s*x\\s*\\))?\\s*(?:=|~|∼|:|—|–|\\bis\\b|(?:\\bto\\s+)?\\bbe\\b|as|${ELIDED_VERB})\\s*(?=(.{1,160}))`,
    "g",
  );
  const out: string[][] = [];
  const aside: string[][] = [];
  for (const line of norm) {
    for (const m of line.matchAll(re)) {
      // the sentence the definition stands in: a swapped, rejected or "what if" example is not
      // the answer ("If we swapped them, P = N(0,1) …", "P = N(0,1), Q = N(0,2) would not work")
      const start = Math.max(
        0,
        ...[...line.slice(0, m.index).matchAll(/[.!?;]\s+/g)].map((x) => x.index + x[0].length),
      );
      const stop = line.slice(m.index).search(/[.!?;](?:\s|$)/);
      const sentence = line.slice(start, stop < 0 ? line.length : m.index + stop);
      (HYPOTHETICAL.test(sentence) ? aside : out).push([...cuts(m[1]!), ...notations(m[1]!)]);
    }
    const masses = pointMasses(line, symbol);
    if (masses) out.push([masses]);
  }
  // only asides: they are all the answer has
  return out.length ? out : aside;
}

/** Cyrillic and Greek capitals that look like a Latin one, as OCR and mixed keyboards write them. */
const LOOK_ALIKES: Record<string, string> = {
  A: "АΑ",
  B: "ВΒ",
  C: "С",
  E: "ЕΕ",
  H: "НΗ",
  K: "КΚ",
  M: "МΜ",
  N: "Ν",
  O: "ОΟ",
  P: "РΡ",
  T: "ТΤ",
  X: "ХΧ",
};

/** A probability as written after "=": "1", "0.5", "1/2", "(1)/(2)" (a LaTeX fraction read). */
const MASS = /\(?\d+(?:\.\d+)?\)?(?:\s*\/\s*\(?\d+\)?)?/y;
/** What would make a number read as a mass only the start of an expression: "1-p", "1e-3", "0.5 + 0.5". */
const MASS_GOES_ON = /^\s?[-+*/^.eE\d\p{L}]/u;

/**
 * A discrete distribution stated value by value on one line: "P(X=1)=1, P(X=0)=0", "Q(X=1) =
 * Q(X=0) = 1/2", "P(0) = 1, P(1) = 0", as the distribution "Cat(1: 1, 0: 0)".
 */
function pointMasses(line: string, symbol: string): string | undefined {
  const at = new RegExp(
    `(?<![\\w])${escapeRe(symbol)}\\s*\\(\\s*([Xx]\\s*=\\s*)?(-?\\d+)\\s*\\)\\s*=\\s*`,
    "g",
  );
  const masses: string[] = [];
  let chain: string[] = [];
  let named = false;
  for (const m of line.matchAll(at)) {
    named ||= m[1] !== undefined;
    chain.push(m[2]!);
    const from = m.index + m[0].length;
    // (a chain "Q(X=1) = Q(X=0) = 1/2" gives its mass to every value in it)
    if (line.startsWith(symbol, from)) continue;
    MASS.lastIndex = from;
    const mass = MASS.exec(line);
    // a mass that is a number and ends there; "= p", "= 1-p", "= 1e-3", "= 0.5 + 0.5" are not
    // read, and then neither is the line
    if (!mass || MASS_GOES_ON.test(line.slice(MASS.lastIndex, MASS.lastIndex + 3)))
      return undefined;
    const p = mass[0].replace(/[()\s]/g, "");
    for (const v of chain) masses.push(`${v}: ${p}`);
    chain = [];
  }
  // ("P(3) = 0" alone, without "X =", is a remark about a distribution given elsewhere)
  return masses.length >= (named ? 1 : 2) ? `Cat(${masses.join(", ")})` : undefined;
}

/**
 * A discrete distribution given as a table, in either orientation: a row per distribution
 * ("| x | 1 | 2 | 3 |" over "| P(x) | 1/2 | 1/2 | 0 |") or a column per distribution
 * ("| x | P(x) | Q(x) |" over "| 1 | 1/2 | 1/3 |"), as definitions "P = Cat(1: 1/2, …)".
 */
function tableDistributions(text: string, symbol: string): string[] {
  const names = (cell: string) =>
    cell.replace(/[$*_`\\\s]/g, "").toLowerCase() === symbol.toLowerCase() ||
    cell.replace(/[$*_`\\\s]/g, "").toLowerCase() === `${symbol.toLowerCase()}(x)`;
  const isValue = (cell: string) => /^-?\d+$/.test(cell);
  const isMass = (cell: string) => /^\d+(?:\.\d+)?(?:\s*\/\s*\d+)?$/.test(cell);
  const cat = (values: string[], masses: string[]) =>
    `${symbol} = Cat(${values.map((v, i) => `${v}: ${masses[i]!.replace(/\s+/g, "")}`).join(", ")})`;
  const out: string[] = [];
  for (const block of tableBlocks(text)) {
    const [header, ...rows] = block;
    if (!header || !rows.length) continue;
    // a row per distribution: the header holds the values
    const values = header.slice(1);
    if (values.length >= 2 && values.every(isValue))
      for (const row of rows)
        if (names(row[0]!) && row.length === header.length && row.slice(1).every(isMass))
          out.push(cat(values, row.slice(1)));
    // a column per distribution: the first column holds the values
    const col = header.findIndex((c, k) => k > 0 && names(c));
    if (col > 0 && rows.length >= 2 && rows.every((r) => isValue(r[0]!) && isMass(r[col] ?? "")))
      out.push(
        cat(
          rows.map((r) => r[0]!),
          rows.map((r) => r[col]!),
        ),
      );
  }
  return out;
}

/**
 * Runs of table rows, as cells: pipe-table rows without their "---" separator rows, or rows of
 * tab-separated cells (a table copied from a page as text: "P(x)\t0.5\t0.5\t0").
 */
function tableBlocks(text: string): string[][][] {
  const blocks: string[][][] = [];
  let current: string[][] = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t.startsWith("|") && !t.includes("\t")) {
      if (current.length) blocks.push(current);
      current = [];
      continue;
    }
    const cells = t.startsWith("|") ? tableCells(t) : t.split("\t").map((c) => c.trim());
    if (cells.every((c) => /^:?-*:?$/.test(c))) continue;
    current.push(cells);
  }
  if (current.length) blocks.push(current);
  return blocks;
}

/** A sentence offering an example as a counterfactual or a rejected one, not as the answer. */
const HYPOTHETICAL =
  /\b(?:if (?:we|you|one|instead)|swap(?:ped|ping|s)?|would(?:n't| not)|won't|does(?:n't| not) work|fails?|mistake|wrong|counter-?example|for contrast|by contrast)\b|\bwith\b[^.;]{0,60}\binstead\b/i;

/**
 * "… and Q uniform on [0, 2]" (normalized to "Q U[0, 2]"): a symbol followed straight by a family,
 * its verb left out, or by an article in another language ("für P eine U(0, 1)").
 */
const ELIDED_VERB = `(?=\\s+(?:a |an |the )?(?:${[
  ...familyList().flatMap((f) => f.words),
  "standard",
  "half",
].join("|")})\\b|\\s+(?:[^\\s\\d]{1,5}\\s+)?[A-Za-z]+[([{])`;

/** Distributions described in words, rewritten in the toolkit's notation. */
const WORD_FORMS = familyList().flatMap((f) => f.wordForms);

/** "a standard normal" → "N(0, 1)", "the standard Cauchy distribution" → "Cauchy(0, 1)". */
const STANDARD_FORMS: Array<[RegExp, string]> = familyList().flatMap((f) =>
  f.standard
    ? [
        [
          new RegExp(
            String.raw`\b(?:a |the )?standard (?:${f.words.join("|")})(?: distribution)?\b`,
            "gi",
          ),
          f.standard,
        ],
      ]
    : [],
);

/** A fraction of two numbers as LaTeX's `\frac{1}{2}` reads: "(1)/(2)". */
const NUMBER_FRACTION = /\((\d+(?:\.\d+)?)\)\s*\/\s*\((\d+(?:\.\d+)?)\)/g;

function normalizeDistLine(l: string): string {
  const named = WORD_FORMS.reduce(
    (t, [re, to]) => t.replace(re, to),
    // (a LaTeX fraction of two numbers reads "(1)/(2)": a probability as much as "1/2")
    decimalCommas(normalizeMath(l)).replace(NUMBER_FRACTION, "$1/$2"),
  )
    .replace(/\*\*|__|`/g, "")
    .replace(/\bp\b/g, "P")
    .replace(/\bq\b/g, "Q")
    // a name in another script before the notation: "P = 一様分布 U(0, 1)" → "P = U(0, 1)"
    .replace(/(=\s*)(?:[^\p{ASCII}\s]+\s+){1,3}(?=[A-Za-z]+\s*[([{])/gu, "$1")
    // "the exponential distribution Exp(2)" → "Exp(2)"
    .replace(/\b(?:the|an?)\s+(?:[\w-]+\s+){0,2}distribution\s+(?=[A-Za-z]+[([{])/gi, "")
    // "Unif([0,1])" → "Unif[0,1]"
    .replace(/([A-Za-z]+)\s*\(\s*([[(][^()[\]]*[\])])\s*\)/g, "$1$2")
    // Named in words: "uniform on [0, 1]", "the uniform distribution over (0, 2)", "uniform on
    // {0, 1}" (a set: the discrete uniform below), "a standard normal"
    .replace(
      /\b(?:a |the )?(?:continuous |discrete )?uniform(?: distribution)?\s+(?:on|over)\s+(?:the (?:interval|range|set)\s+)?([[(][^()[\]]*[\])]|\\?\{[^{}]*\})/gi,
      "U$1",
    );
  return (
    STANDARD_FORMS.reduce((t, [re, to]) => t.replace(re, to), named)
      // A discrete uniform "Unif{0, 1, 2}" → "Cat(0: 1/3, 1: 1/3, 2: 1/3)"
      .replace(
        /\b(?:U|Unif|Uniform)\s*\\?\{\s*(-?\d+(?:\s*,\s*-?\d+)+)\s*\\?\}/gi,
        (_, list: string) => {
          const v = list.split(/\s*,\s*/);
          return `Cat(${v.map((x) => `${x}: 1/${v.length}`).join(", ")})`;
        },
      )
      // Values and their probabilities: "categorical on {1, 2, 3} with probabilities (1/2, 1/2, 0)"
      // → "Cat(1: 1/2, 2: 1/2, 3: 0)" (spaces bounded: no backtracking over long runs)
      .replace(
        /\b(?:categorical|discrete)(?: distribution)?\s{1,3}(?:on|over)\s{1,3}\\?\{([^{}]{1,200})\\?\},?\s{0,3}(?:with\s{1,3})?(?:probabilities|probs|masses|weights)?\s{0,3}[:=]?\s{0,3}[([]([^()[\]]{1,200})[)\]]/gi,
        (m, values: string, probs: string) => {
          const v = values.split(",").map((x) => x.trim());
          const p = probs.split(",").map((x) => x.trim());
          return v.length === p.length && v.every((x) => /^-?\d+$/.test(x))
            ? `Cat(${v.map((x, i) => `${x}: ${p[i]}`).join(", ")})`
            : m;
        },
      )
      // A constant mass on a finite set: "P(x) = 1/2 on x ∈ {0, 1}" → "Cat(0: 1/2, 1: 1/2)"
      .replace(
        /(?<=(?:=|:)\s*)(\d+(?:\.\d+)?(?:\s*\/\s*\d+)?)\s+(?:on|for|over)\s+(?:x\s*∈\s*|x\s+in\s+)?\\?\{\s*(-?\d+(?:\s*,\s*-?\d+)+)\s*\\?\}/g,
        (_, c: string, list: string) =>
          `Cat(${list
            .split(/\s*,\s*/)
            .map((x) => `${x}: ${c.replace(/\s+/g, "")}`)
            .join(", ")})`,
      )
      // A probability vector in parentheses: "P = (0.5, 0.5, 0)" → "[0.5, 0.5, 0]"
      .replace(/(?<=(?:=|~|:|\bis)\s*)\(([^()]*)\)/g, (m, list: string) =>
        isProbabilityVector(list) ? `[${list}]` : m,
      )
  );
}

/**
 * A list written with decimal commas, as much of Europe writes numbers, separated by semicolons:
 * "[0,5; 0,5; 0]" → "[0.5, 0.5, 0]", "[−1,5; 1,5]" → "[−1.5, 1.5]". Only inside brackets whose
 * items a ";" separates, where a comma between digits cannot be a separator; the semicolons
 * become commas, so that they end no clause.
 */
export function decimalCommas(l: string): string {
  return l.replace(/\[[^[\]\n]{0,200}\]/g, (list) =>
    list.includes(";") ? list.replace(/(\d),(\d)/g, "$1.$2").replaceAll(";", ",") : list,
  );
}

/** "0.5, 0.5, 0" or "1/3, 1/3, 1/3": at least two probabilities summing to 1, not just 0s and 1s. */
function isProbabilityVector(list: string): boolean {
  const parts = list.split(",").map((x) => x.trim());
  if (parts.length < 2) return false;
  const vals = parts.map((x) => {
    const m = /^(\d+(?:\.\d+)?)(?:\s*\/\s*(\d+(?:\.\d+)?))?$/.exec(x);
    return m ? Number(m[1]) / (m[2] ? Number(m[2]) : 1) : Number.NaN;
  });
  if (vals.some((v) => !(v >= 0 && v <= 1))) return false;
  const sum = vals.reduce((a, b) => a + b, 0);
  return Math.abs(sum - 1) < 1e-6 && vals.some((v) => v > 0 && v < 1);
}

/**
 * A family's notation inside a definition worded in prose, tried after every cut of it: "区間
 * [0, 1] 上の一様分布 U(0,1)" is U(0,1). (A notation is a name and one bracket with no brackets in
 * it: a bounded scan, no backtracking.)
 */
function notations(s: string): string[] {
  // (not one inside an aside's brackets: "Halbnormalverteilung (|X| mit X ~ N(0,1))" is no N(0,1))
  // (and only in the definition's first clause: "…, Q = N(0, 1)" defines the other one)
  const depth: number[] = [];
  let d = 0;
  let clause = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    depth.push(d);
    if ("([{".includes(c)) d++;
    else if (")]}".includes(c)) d = Math.max(0, d - 1);
    else if (d === 0 && (c === "," || c === ";" || c === "=")) {
      clause = i;
      break;
    }
  }
  return [
    ...s.slice(0, clause).matchAll(/(?<![\p{L}\d_])\p{Lu}[\p{L}.]{0,11}\s?\([^()\n]{1,60}\)/gu),
  ]
    .filter((m) => depth[m.index] === 0)
    .map((m) => m[0]);
}

/** Prefixes of `s` ending at top-level separators, shortest first, then the whole. */
function cuts(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) {
      depth--;
      if (depth === 0) out.push(s.slice(0, i + 1));
    } else if (
      depth <= 0 &&
      (c === ";" ||
        c === "," ||
        (c === "." && !/\d/.test(s[i + 1] ?? "")) ||
        // an aside after the definition: "\delta_1 (a point mass at 1)"
        (/\s/.test(c) && /^\s*\(/.test(s.slice(i)) && i > 0 && !/\s/.test(s[i - 1]!)))
    ) {
      out.push(s.slice(0, i));
    }
  }
  out.push(s);
  // (and the same joins in German and French: "… für x ≥ 0 und Q = …", "… et Q = …")
  const and = /\s(?:and|with|where|so|then|while|whereas|und|sowie|wobei|et|avec|où)\s/.exec(s);
  if (and) out.push(s.slice(0, and.index));
  return [...new Set(out.map((x) => x.trim()).filter((x) => x.length > 0))].sort(
    (a, b) => a.length - b.length,
  );
}

/** Code blocks of a Markdown text with their offsets; the rest is prose. */
export function codeBlocks(text: string): { code: string; lang: string; start: number }[] {
  const out: { code: string; lang: string; start: number }[] = [];
  const re = /^[ \t]*(```|~~~)[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm;
  for (const m of text.matchAll(re))
    out.push({ code: m[3]!, lang: m[2]!.toLowerCase(), start: m.index });
  return out;
}

/** The text with fenced code blocks blanked out. */
export function stripCode(text: string): string {
  return text.replace(/^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, " ");
}

/** Code lines that are not removed lines of a diff, with Python comments stripped. */
export function liveCode(code: string, lang: string): string {
  return code
    .split("\n")
    .map((l) => (lang === "diff" && /^-/.test(l) ? "" : lang === "diff" ? l.replace(/^\+/, "") : l))
    .map((l) => l.replace(/(^|\s)#.*$/, "$1"))
    .join("\n");
}

/**
 * The words of other languages for the ideas explanations are graded on (the lexicons' glosses),
 * with the English a key's concept patterns are written in: an answer written in those languages
 * is read for the same ideas.
 */
const stems = (...words: string[]) => new RegExp(`(?<![\\p{L}])(?:${words.join("|")})`, "u");
const GLOSSARY: [RegExp, string][] = [...conceptGlosses()].map(([en, ss]) => [stems(...ss), en]);
function gloss(t: string): string {
  return GLOSSARY.filter(([re]) => re.test(t))
    .map(([, en]) => en)
    .join(" ");
}

/** Concepts present in an explanation: each concept's patterns tried on the match form. */
export function findConcepts(
  text: string,
  concepts: { id: string; patterns: string[] }[],
): Set<string> {
  const base = matchForm(text);
  const t = `${base}\n${gloss(base)}`;
  const have = new Set<string>();
  for (const c of concepts) {
    if (c.patterns.some((p) => new RegExp(p, "iu").test(t) || new RegExp(p, "iu").test(text)))
      have.add(c.id);
  }
  return have;
}

export { aliasRegex };
