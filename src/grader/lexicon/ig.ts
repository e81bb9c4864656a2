import { spelledAlso, tonelessForms } from "./spelling.js";
import type { Lexicon } from "./types.js";

/**
 * Igbo. Chat apps' Igbo labels are taken to be "Ị kwuru:" / "ChatGPT kwuru:", the buttons "Detuo",
 * "Nwaa ọzọ", "Dezie" and the thinking line "Gosi echiche": the natural wording, none of it
 * confirmed from a localized export (most Igbo users run these products in English). The dotted
 * vowels (ị, ọ, ụ, ṅ) are often typed bare; the matcher reads a phrase of five letters or more
 * without them ("azịza" → "aziza"), and a few shorter ones are listed bare ("abuo", "ma o bu").
 * Ordinals follow their noun with "nke" ("ajụjụ nke atọ", question three), so they are listed with
 * it. Left out: "otu" as a number (one, also "a": it is the indefinite article), bare "ato", "ano"
 * and "ise" (Japanese "after", Tagalog "what", Yoruba "work" typed bare), "mba" (no; English
 * "MBA"), "mana"/"kama"/"ma" (but; Malay "where", Swahili "like"), "zara"/"dere" (answered, wrote),
 * "omume" (exercise, also "behaviour"), "njehie" (mistake: a noun of technical text). "Agbanwe"
 * (reversed) is only in a retraction phrase, never a judgment: reverse KL is an answer here, not a
 * verdict.
 */
export const ig: Lexicon = spelledAlso(
  {
    language: "ig",
    personLabels: ["ị kwuru", "unu kwuru", "nwa akwụkwọ"],
    modelLabels: ["onye enyemaka"],
    said: ["kwuru", "sịrị", "dere ya"],
    reasoning: ["usoro echiche", "gosi echiche", "gosi usoro echiche"],
    reasoningDuration: ["chere echiche maka", "oge echiche"],
    sources: ["isi mmalite"],
    related: ["ndị metụtara", "ajụjụ ndị metụtara"],
    answer: ["azịza", "azịza ikpeazụ", "ngwọta", "nsonaazụ", "nchịkọta", "mmechi", "na nkenke"],
    final: ["ikpeazụ", "nke ikpeazụ", "ụdị ikpeazụ"],
    personMessageEnd: ["dezie", "dezie ozi"],
    modelMessageEnd: ["detuo", "detuo koodu", "nwaa ọzọ", "megharịa"],
    // unconfirmed: the natural wording, not seen in a localized app or export
    mediaOmitted: ["<ewepụrụ mgbasa ozi>", "ewepụrụ mgbasa ozi", "ewepụrụ foto"],
    theUser: ["onye jụrụ ajụjụ"],
    revision: [
      "edoziri",
      "mgbazi",
      "n'ezie",
      "n'eziokwu",
      "ị kwuru eziokwu",
      "i kwuru eziokwu",
      "emehiere m",
      "azịza ọhụrụ",
      "emelitere",
    ],
    retraction: [
      "chere, mba",
      "mba, chere",
      "chefuo nke ahụ",
      "nke ahụ ezighi ezi",
      "agbanwere m ha",
    ],
    problem: ["ajụjụ", "nsogbu"],
    part: ["akụkụ"],
    numbers: [
      ["nke mbụ", "mbụ"],
      ["abụọ", "abuo", "nke abụọ"],
      ["atọ", "nke atọ"],
      ["anọ", "nke anọ"],
      ["nke ise"],
      ["isii", "nke isii"],
      ["asaa", "nke asaa"],
      ["asatọ", "nke asatọ"],
      ["itoolu", "iteghete", "nke itoolu", "nke iteghete"],
    ],
    indefiniteArticles: ["otu"],
    partLetters: [],
    leadIn: ["banyere", "ugbu a"],
    commentary: ["n'echiche m", "n'uche m", "ekwenyeghị m", "ekwenyere m", "n'onwe m"],
    commentaryWeak: ["echere m", "m chere", "ekwere m", "nkọwa"],
    judgedRight: ["ziri ezi", "ọ ziri ezi", "ọ bụ eziokwu"],
    judgedWrong: ["ezighi ezi", "ezighị ezi", "ọ bụghị eziokwu", "kwesịrị ịbụ", "adịghị mma"],
    negation: ["ọ bụghị", "bụghị", "enweghị", "na-enweghị", "adịghị", "anaghị", "ọ dịghị"],
    or: ["ma ọ bụ", "ma o bu"],
    however: ["n'agbanyeghị", "otú ọ dị"],
    subjectVerbs: ["bụ", "na-egosi"],
    worst: ["kacha njọ", "kachasị njọ", "ka njọ"],
    request: [
      "ị nwere ike",
      "i nwere ike",
      "biko",
      "dozie",
      "nyere m aka",
      "nke na-esote",
      "daalụ",
      "ndewo",
      "kedu",
    ],
    ticked: ["ahọpụtara", "e tinyere akara"],
    unticked: ["ahọpụtaghị", "enweghị akara"],
    declined: [
      "enweghị m ike ịhụ",
      "ahụghị m",
      "enweghị foto",
      "ọ bụrụ na ị kọwaa",
      "bulite foto",
      "enweghị m ike ịza",
    ],
    skipped: [
      "emesịa",
      "mgbe e mesịrị",
      "m ga-awụfe",
      "amaghị m",
      "emebeghị m ya",
      "m ga-eme ya n'onwe m",
    ],
    // unconfirmed: the natural wording, not seen in a localized app or export
    failedReply: ["ihe mebiri emebi", "nsogbu mere", "nsogbu netwọk", "biko nwaa ọzọ ma emesịa"],
    // unconfirmed: the natural wording, not seen in a localized app or export
    welcome: ["ọ dịghị ihe", "nnọọ"],
    preferred: [
      "azịza",
      "ziri ezi",
      "kacha mma",
      "ka mma",
      "ahọrọ m",
      "m họrọ",
      "ya mere",
      "n'ihi ya",
      "o yikarịrị",
    ],
    optionNouns: ["eserese", "onyonyo", "nhọrọ", "nnwale"],
    only: ["naanị"],
    both: ["ha abụọ", "abụọ ahụ"],
    conditional: ["ọ bụrụ na", "o buru na"],
    hedge: [
      "ọ siri ike ikwu",
      "o siri ike ikwu",
      "enweghị m ike ikpebi",
      "amaghị m nke",
      "nkọwa abụọ ahụ",
      "ha abụọ ziri ezi",
      "a ga-achọ ozi ndị ọzọ",
      "ọ gaghị ekwe omume ikwu",
    ],
    glosses: { "mass covering cover": ["kpuchi", "ekpuchi"] },
  },
  tonelessForms,
);
