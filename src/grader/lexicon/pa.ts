import { spelledAlso } from "./spelling.js";
import type { Lexicon } from "./types.js";

/** Gurmukhi letters with a nukta, each as one code point and as the letter and the sign. */
const NUKTA: [string, string][] = [
  ["\u0a33", "\u0a32\u0a3c"],
  ["\u0a36", "\u0a38\u0a3c"],
  ["\u0a59", "\u0a16\u0a3c"],
  ["\u0a5a", "\u0a17\u0a3c"],
  ["\u0a5b", "\u0a1c\u0a3c"],
  ["\u0a5e", "\u0a2b\u0a3c"],
];

/**
 * A Punjabi word in both encodings of its nukta letters, and without the nukta of ਖ਼, ਗ਼, ਜ਼, ਫ਼,
 * which most people leave out ("ਗ਼ਲਤ" → "ਗਲਤ"; "ਸ਼" keeps it, being another sound).
 */
function gurmukhiForms(w: string): string[] {
  let split = w;
  for (const [one, two] of NUKTA) split = split.replaceAll(one, two);
  let joined = split;
  for (const [one, two] of NUKTA) joined = joined.replaceAll(two, one);
  return [joined, split, split.replace(/([\u0a16\u0a17\u0a1c\u0a2b])\u0a3c/g, "$1")];
}

/**
 * Punjabi in Gurmukhi. ChatGPT's Punjabi labels are taken to be "ਤੁਸੀਂ ਕਿਹਾ:" (listed whole: "ਤੁਸੀਂ"
 * alone opens a model's lines too) / "ChatGPT ਨੇ ਕਿਹਾ:", the buttons "ਕਾਪੀ ਕਰੋ", "ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼
 * ਕਰੋ", "ਸੰਪਾਦਿਤ ਕਰੋ" and Gemini's thinking line "ਸੋਚ ਦਿਖਾਓ": the natural wording, none of it
 * confirmed from a localized export. Vowel signs, the bindi, tippi and addak are not letters to the
 * word matcher, so a word that ends in one is also found with the endings after it, and a word
 * after one counts as a word's start: short words that would hide in others are left out, "ਸਾਰ"
 * (summary, ending "ਅਨੁਸਾਰ", according to), "ਪੰਜ" (five, opening "ਪੰਜਾਬ"), "ਚਾਰ" (four, ending
 * "ਵਿਚਾਰ", thought), "ਪਹਿਲਾ" (first, opening "ਪਹਿਲਾਂ", before), "ਦੋ" (two, opening "ਦੋਸਤ"), "ਜੇ"
 * (if), "ਹਾਂ" (yes, also "am/are"), "ਇੱਕ" (one, also "a"), "ਮਗਰ" (but, also "behind"). "ਪਰ" (but)
 * is kept, though it also ends "ਉੱਪਰ" (above). Letters with a nukta are listed in both encodings
 * and without it. Parts are lettered ੳ, ਅ, ੲ, ਸ, as school papers do. "ਉਲਟਾ" (reversed) is only in
 * a retraction phrase, never a judgment: reverse KL is an answer here, not a verdict. Verbs come
 * last: no subject verbs.
 */
export const pa: Lexicon = spelledAlso(
  {
    language: "pa",
    personLabels: ["ਤੁਸੀਂ ਕਿਹਾ", "ਤੂੰ ਕਿਹਾ", "ਉਪਭੋਗਤਾ", "ਵਰਤੋਂਕਾਰ", "ਯੂਜ਼ਰ", "ਵਿਦਿਆਰਥੀ"],
    modelLabels: ["ਸਹਾਇਕ", "ਮਾਡਲ", "ਏਆਈ"],
    said: ["ਨੇ ਕਿਹਾ", "ਨੇ ਲਿਖਿਆ", "ਨੇ ਜਵਾਬ ਦਿੱਤਾ"],
    reasoning: ["ਸੋਚਣ ਦੀ ਪ੍ਰਕਿਰਿਆ", "ਵਿਚਾਰ ਪ੍ਰਕਿਰਿਆ", "ਸੋਚ ਦਿਖਾਓ", "ਸੋਚ ਦਿਖਾਉ", "ਸੋਚਣ ਦੀ ਪ੍ਰਕਿਰਿਆ ਦਿਖਾਓ"],
    reasoningDuration: ["ਸੋਚਣ ਦਾ ਸਮਾਂ"],
    sources: ["ਸਰੋਤ"],
    related: ["ਸੰਬੰਧਿਤ", "ਸਬੰਧਿਤ", "ਸੰਬੰਧਿਤ ਸਵਾਲ"],
    answer: ["ਜਵਾਬ", "ਉੱਤਰ", "ਅੰਤਿਮ ਜਵਾਬ", "ਆਖ਼ਰੀ ਜਵਾਬ", "ਅੰਤਿਮ ਉੱਤਰ", "ਹੱਲ", "ਨਤੀਜਾ", "ਸਿੱਟਾ", "ਸੰਖੇਪ ਵਿੱਚ"],
    final: ["ਅੰਤਿਮ", "ਆਖ਼ਰੀ", "ਅੰਤਿਮ ਸੰਸਕਰਣ", "ਜਮ੍ਹਾਂ ਕਰ ਰਿਹਾ ਹਾਂ"],
    personMessageEnd: ["ਸੰਪਾਦਿਤ ਕਰੋ", "ਸੋਧੋ", "ਸੁਨੇਹਾ ਸੰਪਾਦਿਤ ਕਰੋ"],
    modelMessageEnd: ["ਕਾਪੀ ਕਰੋ", "ਕੋਡ ਕਾਪੀ ਕਰੋ", "ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ", "ਮੁੜ ਕੋਸ਼ਿਸ਼ ਕਰੋ", "ਦੁਬਾਰਾ ਬਣਾਓ"],
    theUser: ["ਉਪਭੋਗਤਾ", "ਵਰਤੋਂਕਾਰ"],
    revision: [
      "ਸੋਧਿਆ",
      "ਸੋਧਿਆ ਹੋਇਆ",
      "ਸੁਧਾਰਿਆ",
      "ਸੋਧ",
      "ਅਸਲ ਵਿੱਚ",
      "ਦਰਅਸਲ",
      "ਤੁਸੀਂ ਸਹੀ ਹੋ",
      "ਤੁਸੀਂ ਠੀਕ ਕਹਿ ਰਹੇ ਹੋ",
      "ਮੈਂ ਗ਼ਲਤ ਸੀ",
      "ਮੇਰੀ ਗ਼ਲਤੀ",
      "ਨਵਾਂ ਜਵਾਬ",
    ],
    retraction: ["ਰੁਕੋ, ਨਹੀਂ", "ਨਹੀਂ, ਰੁਕੋ", "ਇਸਨੂੰ ਭੁੱਲ ਜਾਓ", "ਇਹ ਗ਼ਲਤ ਹੈ", "ਮੈਂ ਉਲਟਾ ਲਿਖਿਆ"],
    problem: ["ਪ੍ਰਸ਼ਨ", "ਸਵਾਲ", "ਸਮੱਸਿਆ", "ਅਭਿਆਸ"],
    part: ["ਭਾਗ", "ਹਿੱਸਾ", "ਖੰਡ", "ਉਪ-ਪ੍ਰਸ਼ਨ"],
    numbers: [
      ["ਪਹਿਲੀ", "ਪਹਿਲੇ"],
      ["ਦੂਜਾ", "ਦੂਜੀ", "ਦੂਜੇ"],
      ["ਤਿੰਨ", "ਤੀਜਾ", "ਤੀਜੀ", "ਤੀਜੇ"],
      ["ਚੌਥਾ", "ਚੌਥੀ", "ਚੌਥੇ"],
      ["ਪੰਜਵਾਂ", "ਪੰਜਵੀਂ", "ਪੰਜਵੇਂ"],
    ],
    partLetters: ["ੳ", "ਅ", "ੲ", "ਸ"],
    leadIn: [],
    commentary: [
      "ਮੇਰੇ ਵਿਚਾਰ ਵਿੱਚ",
      "ਮੇਰੀ ਰਾਏ ਵਿੱਚ",
      "ਮੇਰੇ ਹਿਸਾਬ ਨਾਲ",
      "ਮੈਂ ਸਹਿਮਤ ਨਹੀਂ",
      "ਮੈਂ ਅਸਹਿਮਤ ਹਾਂ",
      "ਮੈਂ ਸਹਿਮਤ ਹਾਂ",
      "ਨਿੱਜੀ ਤੌਰ ਤੇ",
      "ਨਿੱਜੀ ਤੌਰ 'ਤੇ",
      "ਮੈਨੂੰ ਨਹੀਂ ਲੱਗਦਾ",
      "ਮੈਨੂੰ ਪੱਕਾ ਨਹੀਂ ਪਤਾ",
      "ਮੈਨੂੰ ਯਕੀਨ ਨਹੀਂ",
    ],
    commentaryWeak: ["ਮੈਨੂੰ ਲੱਗਦਾ ਹੈ", "ਮੇਰੇ ਖ਼ਿਆਲ ਵਿੱਚ", "ਵਿਆਖਿਆ"],
    judgedRight: ["ਸਹੀ", "ਸਹੀ ਹੈ", "ਬਿਲਕੁਲ ਸਹੀ", "ਠੀਕ"],
    judgedWrong: ["ਗ਼ਲਤ", "ਗ਼ਲਤੀ", "ਤਰੁੱਟੀ", "ਹੋਣਾ ਚਾਹੀਦਾ"],
    negation: ["ਨਹੀਂ", "ਨਹੀ", "ਕਦੇ ਨਹੀਂ", "ਬਿਨਾਂ", "ਬਗ਼ੈਰ", "ਨਾ ਤਾਂ"],
    closingNegation: ["ਨਹੀਂ", "ਮੇਲ ਨਹੀਂ ਖਾਂਦਾ"],
    but: ["ਪਰ", "ਪਰੰਤੂ", "ਲੇਕਿਨ"],
    whereas: ["ਜਦਕਿ", "ਜਦੋਂ ਕਿ"],
    however: ["ਹਾਲਾਂਕਿ", "ਫਿਰ ਵੀ"],
    or: ["ਜਾਂ", "ਅਥਵਾ"],
    worst: ["ਸਭ ਤੋਂ ਮਾੜਾ", "ਸਭ ਤੋਂ ਬੁਰਾ", "ਹੋਰ ਮਾੜਾ"],
    lossNames: ["ਨੁਕਸਾਨ", "ਹਾਨੀ"],
    qualifiers: ["ਕੱਟਿਆ ਹੋਇਆ", "ਸੀਮਤ", "ਸ਼ਰਤੀਆ", "ਖਿਸਕਾਇਆ", "ਪ੍ਰਤੀਬਿੰਬਿਤ", "ਨਿਰਪੇਖ ਮੁੱਲ"],
    qualifierLeads: ["ਫਿਰ"],
    request: [
      "ਕੀ ਤੁਸੀਂ",
      "ਕਿਰਪਾ ਕਰਕੇ",
      "ਹੱਲ ਕਰੋ",
      "ਮਦਦ ਕਰੋ",
      "ਮਦਦ",
      "ਅਗਲਾ",
      "ਧੰਨਵਾਦ",
      "ਸ਼ੁਕਰੀਆ",
      "ਸਤ ਸ੍ਰੀ ਅਕਾਲ",
    ],
    ticked: ["ਚੁਣਿਆ ਗਿਆ", "ਨਿਸ਼ਾਨਬੱਧ"],
    unticked: ["ਨਹੀਂ ਚੁਣਿਆ", "ਖ਼ਾਲੀ"],
    declined: [
      "ਨਹੀਂ ਦੇਖ ਸਕਦਾ",
      "ਨਹੀਂ ਦੇਖ ਸਕਦੀ",
      "ਦੇਖ ਨਹੀਂ ਸਕਦਾ",
      "ਤਸਵੀਰ ਤੋਂ ਬਿਨਾਂ",
      "ਚਿੱਤਰ ਤੋਂ ਬਿਨਾਂ",
      "ਜੇ ਤੁਸੀਂ ਵਰਣਨ ਕਰੋ",
      "ਅੱਪਲੋਡ ਕਰੋ",
      "ਜਵਾਬ ਨਹੀਂ ਦੇ ਸਕਦਾ",
    ],
    skipped: ["ਬਾਅਦ ਵਿੱਚ", "ਛੱਡ ਰਿਹਾ ਹਾਂ", "ਛੱਡ ਦਿੱਤਾ", "ਪਤਾ ਨਹੀਂ", "ਨਹੀਂ ਪਤਾ"],
    preferred: [
      "ਜਵਾਬ",
      "ਸਹੀ",
      "ਸਭ ਤੋਂ ਵਧੀਆ",
      "ਬਿਹਤਰ",
      "ਚੁਣਦਾ ਹਾਂ",
      "ਚੁਣਦੀ ਹਾਂ",
      "ਇਸ ਲਈ",
      "ਇਸਲਈ",
      "ਸਭ ਤੋਂ ਸੰਭਾਵਿਤ",
    ],
    optionNouns: ["ਵਕਰ", "ਗ੍ਰਾਫ਼", "ਚਿੱਤਰ", "ਵਿਕਲਪ", "ਪੈਨਲ", "ਪ੍ਰਯੋਗ", "ਪਲਾਟ"],
    only: ["ਸਿਰਫ਼", "ਕੇਵਲ", "ਮਹਿਜ਼"],
    both: ["ਦੋਵੇਂ", "ਦੋਨੋਂ", "ਦੋਹਾਂ", "ਦੋਵਾਂ"],
    conditional: ["ਜੇਕਰ", "ਅਗਰ"],
    hedge: [
      "ਕਹਿਣਾ ਮੁਸ਼ਕਲ ਹੈ",
      "ਕਹਿਣਾ ਔਖਾ ਹੈ",
      "ਪੱਕਾ ਨਹੀਂ ਕਹਿ ਸਕਦਾ",
      "ਫ਼ੈਸਲਾ ਨਹੀਂ ਕਰ ਸਕਦਾ",
      "ਦੋਵੇਂ ਵਿਆਖਿਆਵਾਂ",
      "ਦੋਵੇਂ ਸਹੀ ਹੋ ਸਕਦੇ",
      "ਹੋਰ ਜਾਣਕਾਰੀ ਦੀ ਲੋੜ",
    ],
    welcome: ["ਤੁਹਾਡਾ ਸਵਾਗਤ ਹੈ", "ਮਦਦ ਕਰਕੇ ਖ਼ੁਸ਼ੀ ਹੋਈ"],
    failedReply: [
      "ਕੁਝ ਗ਼ਲਤ ਹੋ ਗਿਆ",
      "ਇੱਕ ਗ਼ਲਤੀ ਆਈ",
      "ਕੋਈ ਗੜਬੜ ਹੋ ਗਈ",
      "ਨੈੱਟਵਰਕ ਗ਼ਲਤੀ",
      "ਬਾਅਦ ਵਿੱਚ ਦੁਬਾਰਾ ਕੋਸ਼ਿਸ਼ ਕਰੋ",
    ],
  },
  gurmukhiForms,
);
