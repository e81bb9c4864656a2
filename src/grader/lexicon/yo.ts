import { spelledAlso } from "./spelling.js";
import type { Lexicon } from "./types.js";

/**
 * Yoruba. Chat apps' Yoruba labels are taken to be "O sọ pé:" / "ChatGPT sọ pé:", the buttons
 * "Ṣe àdàkọ", "Gbìyànjú lẹ́ẹ̀kan síi", "Ṣàtúnṣe" and the thinking line "Fi ìrònú hàn": the
 * natural wording, none of it confirmed from a localized export (most Yoruba users run these
 * products in English). Words are listed with their tone marks and dots as typed; the matcher
 * also reads a phrase of five letters or more without them ("ìdáhùn" → "idahun"), and the shorter
 * ones people type bare are listed bare where the bare form is no other word ("keji", "jowo").
 * Ordinals follow their noun ("ìbéèrè kẹta", question three). Left out: "kan" (a/one; Turkish
 * "blood", Malay particle), "ni", "ko", "o", "e" and the other 1–2-letter words without marks,
 * "àkọ́kọ́" (first: bare "akoko" is "time"), bare "kini" (Indonesian "now"), "kesan" (ninth, bare;
 * Malay "impression"), "tabi" (or, bare; Tagalog "side"), "rara" (no, bare; Spanish "rare"),
 * "abala" (section; Tagalog "busy"), "àṣìṣe" alone (mistake: a noun of technical text). "Yí padà"
 * (reversed) is only in a retraction phrase, never a judgment: reverse KL is an answer here, not a
 * verdict.
 */
export const yo: Lexicon = spelledAlso(
  {
    language: "yo",
    personLabels: ["o sọ pé", "ìwọ sọ pé", "ẹ sọ pé", "olùlò", "akẹ́kọ̀ọ́"],
    modelLabels: ["olùrànlọ́wọ́", "ọgbọ́n àtọwọ́dá"],
    said: ["sọ pé", "so pe", "kọ pé", "dáhùn", "fèsì"],
    reasoning: ["ìlànà ìrònú", "ìlànà èrò", "fi ìrònú hàn", "ṣàfihàn ìrònú"],
    reasoningDuration: ["ronú fún", "àkókò ìrònú"],
    sources: ["àwọn orísun", "orísun"],
    related: ["tó jọmọ́", "àwọn ìbéèrè tó jọmọ́"],
    answer: [
      "ìdáhùn",
      "àwọn ìdáhùn",
      "ìdáhùn ìkẹyìn",
      "ìdáhùn tó kẹ́yìn",
      "ojútùú",
      "àbájáde",
      "àkótán",
      "ní ṣókí",
      "ìparí",
    ],
    final: ["ìkẹyìn", "ti ìkẹyìn", "ẹ̀dà ìkẹyìn"],
    personMessageEnd: ["ṣàtúnṣe", "ṣàtúnṣe ìfiránṣẹ́"],
    modelMessageEnd: ["ṣe àdàkọ", "àdàkọ", "gbìyànjú lẹ́ẹ̀kan síi", "tún gbìyànjú"],
    theUser: ["olùlò náà"],
    revision: [
      "a ti ṣàtúnṣe",
      "àtúnṣe",
      "ní tòótọ́",
      "ní ti gidi",
      "ẹ tọ̀nà",
      "òótọ́ lo sọ",
      "mo ṣàṣìṣe",
      "mo ṣe àṣìṣe",
      "ìdáhùn tuntun",
    ],
    retraction: [
      "dúró, rárá",
      "rárá, dúró",
      "gbàgbé ìyẹn",
      "ìyẹn kò tọ̀nà",
      "ìyẹn kò tọ́",
      "mo yí wọn padà",
      "mo yí i padà",
    ],
    problem: ["ìbéèrè", "àwọn ìbéèrè", "ìṣòro", "ìdánrawò"],
    part: ["apá", "ìpín"],
    numbers: [
      ["ọ̀kan", "kìíní", "ìkínní", "ìkíní"],
      ["èjì", "kejì", "ìkejì", "keji"],
      ["ẹ̀ta", "kẹta", "ìkẹta", "keta"],
      ["ẹ̀rin", "kẹrin", "ìkẹrin", "kerin"],
      ["àrún", "karùn-ún", "ìkarùn-ún", "karun"],
      ["ẹ̀fà", "kẹfà", "ìkẹfà", "kefa"],
      ["èje", "keje", "ìkeje"],
      ["ẹ̀jọ", "kẹjọ", "ìkẹjọ", "kejo"],
      ["ẹ̀sán", "kẹsàn-án", "ìkẹsàn-án"],
    ],
    partLetters: [],
    leadIn: ["nípa", "ní báyìí"],
    commentary: [
      "ní èrò tèmi",
      "lérò tèmi",
      "ní tèmi",
      "mi ò gbà",
      "mi ò fara mọ́",
      "mo fara mọ́",
      "ní ti ara mi",
    ],
    commentaryWeak: ["mo rò pé", "mo gbàgbọ́ pé", "àlàyé"],
    judgedRight: ["ó tọ̀nà", "tọ̀nà", "ó tọ́", "ó jẹ́ òótọ́"],
    judgedWrong: ["kò tọ̀nà", "kò tọ́", "kò péye", "àṣìṣe ni", "ó yẹ kí ó jẹ́", "wọ́n pààrọ̀"],
    negation: ["kò", "kò sí", "láìsí", "rárá", "kìí", "kò gba", "kò ní", "kì í ṣe"],
    but: ["ṣùgbọ́n", "àmọ́"],
    or: ["tàbí"],
    whereas: ["nígbà tí"],
    however: ["síbẹ̀síbẹ̀", "bí ó ti wù kí ó rí"],
    subjectVerbs: ["jẹ́", "ṣàfihàn", "fi hàn"],
    worst: ["burú jùlọ", "tó burú jù", "ó burú jù"],
    lossNames: ["àdánù"],
    qualifiers: ["tí a gé", "tí a gé kúrò", "tí a ṣí nípò", "tí a yí padà"],
    qualifierLeads: ["lẹ́yìn náà", "tí ó jẹ́"],
    request: [
      "ṣé o lè",
      "jọ̀wọ́",
      "ẹ jọ̀wọ́",
      "jowo",
      "yanjú",
      "ràn mí lọ́wọ́",
      "èyí tó kàn",
      "ẹ ṣé",
      "ẹ ṣeun",
      "o ṣeun",
      "báwo ni",
    ],
    ticked: ["a ti yàn", "a ti sàmì sí", "bẹ́ẹ̀ ni"],
    unticked: ["a kò yàn", "òfo", "kò sí àmì"],
    declined: [
      "mi ò lè rí",
      "n kò lè rí",
      "èmi kò lè rí",
      "láìrí àwòrán",
      "tí o bá ṣàpèjúwe",
      "gbé àwòrán sókè",
      "mi ò lè dáhùn",
    ],
    skipped: ["nígbà míì", "mo fò ó", "mi ò mọ̀", "n kò mọ̀", "mi ò tíì ṣe", "màá ṣe fúnra mi"],
    preferred: [
      "ìdáhùn",
      "ó tọ̀nà",
      "èyí tó dára jù",
      "ó dára jù",
      "mo yàn",
      "nítorí náà",
      "nítorí ìdí èyí",
      "ó ṣeéṣe jù",
    ],
    optionNouns: ["ìlà", "àwòrán", "àtẹ", "àṣàyàn", "pánẹ́ẹ̀lì", "ìdánwò", "àyẹ̀wò"],
    only: ["nìkan", "kìkì", "ṣoṣo"],
    both: ["méjèèjì", "àwọn méjèèjì"],
    conditional: ["tí ó bá", "bí ó bá", "tí a bá"],
    hedge: [
      "ó ṣòro láti sọ",
      "ó nira láti sọ",
      "mi ò lè pinnu",
      "kò dá mi lójú èwo",
      "ìtumọ̀ méjèèjì",
      "méjèèjì ló tọ̀nà",
      "a nílò àlàyé síi",
      "kò ṣeéṣe láti sọ",
    ],
    welcome: ["kò tọ́pẹ́"],
    failedReply: ["nǹkan kan ṣàṣìṣe", "àṣìṣe kan ṣẹlẹ̀"],
  },
  typedForms,
);

/**
 * A word also as typed with combining marks (NFD), and without its tone marks but with its dots
 * (ẹ, ọ, ṣ, ị, ụ), as most people type it, where the toneless form keeps a dot or has five letters
 * or more ("kò" stays as typed: bare "ko" is other languages' word).
 */
function typedForms(w: string): string[] {
  const toneless = w
    .normalize("NFD")
    .replace(/[\u0300\u0301\u0302\u0304\u030C]/g, "")
    .normalize("NFC");
  const keep =
    /\u0323/.test(toneless.normalize("NFD")) || toneless.replace(/[^\p{L}]/gu, "").length >= 5;
  const out = [w.normalize("NFD")];
  if (keep && toneless !== w) out.push(toneless, toneless.normalize("NFD"));
  return out;
}
