import { spelledAlso } from "./spelling.js";
import type { Lexicon } from "./types.js";

/** ĉ, ĝ, ĥ, ĵ, ŝ, ŭ as the x-system types them without the layout ("ĝusta" → "gxusta"). */
const XSYSTEM: Record<string, string> = { ĉ: "cx", ĝ: "gx", ĥ: "hx", ĵ: "jx", ŝ: "sx", ŭ: "ux" };

function xForms(w: string): string[] {
  const x = w.replace(/[ĉĝĥĵŝŭ]/g, (c) => XSYSTEM[c] ?? c);
  return x === w ? [] : [x];
}

/**
 * Esperanto. No chat product is localized in Esperanto: the labels are taken to be "Vi diris:" /
 * "ChatGPT diris:", the buttons "Kopii", "Reprovi", "Redakti" and the error "Io misfunkciis", the
 * natural wording, none of it confirmed from a real export. The accented letters are also typed in
 * the x-system ("ĝusta" as "gxusta"), listed in both; the matcher adds the bare form of a phrase of
 * five letters or more, so "ĝusta" (correct) and "ĝuste" are listed only in phrases and in the
 * x-system, their bare forms being Spanish "gusta" (likes). Nouns take the accusative "-n" and the
 * plural "-j" ("respondo", "respondon", "respondoj", "respondojn"), adjectives agree, so the forms
 * a reference takes are listed. Left out: "du" (two; French "du"), "se" (if; the Romance
 * pronoun), "sen" (without; Swedish "late"), "dum" (while; Swedish "stupid"), "nek" (nor; Hungarian
 * "to"), "do" (so; English "do"), "jen" (here is; Czech "only"), "poste" (later; French and
 * Portuguese "post"), "estas" (is; Spanish "these"), "pensado" (thinking; Spanish "thought") and
 * "fina" (final; Spanish "thin") alone, "korekta" alone (Polish "correction"), "prava" (right;
 * Slavic "rights"), "persone" (personally; Italian "people"), "sole" (only; Italian "sun").
 * "Inversa" (reversed) is left out of the judgments: reverse KL is an answer here, not a verdict.
 */
export const eo: Lexicon = spelledAlso(
  {
    language: "eo",
    personLabels: ["vi diris", "uzanto", "uzantino", "lernanto", "studento", "demandinto"],
    modelLabels: ["asistanto", "helpanto", "artefarita inteligenco", "ai-modelo"],
    said: ["diris", "skribis", "respondis"],
    reasoning: ["pensprocezo", "montri pensadon", "rezonado", "montri rezonadon"],
    reasoningDuration: ["pensis dum", "rezonis dum", "pensado daŭris"],
    sources: ["fontoj"],
    related: ["rilataj", "rilataj demandoj"],
    answer: [
      "respondo",
      "respondon",
      "respondoj",
      "respondojn",
      "fina respondo",
      "finaj respondoj",
      "solvo",
      "solvon",
      "solvoj",
      "rezulto",
      "resumo",
      "konkludo",
      "mallonge",
    ],
    final: ["fina versio", "definitiva", "definitiva versio", "mi transdonas"],
    personMessageEnd: ["redakti", "redakti mesaĝon"],
    modelMessageEnd: ["kopii", "kopii kodon", "reprovi", "regeneri"],
    theUser: ["la uzanto", "la uzanton", "la uzanta"],
    revision: [
      "korektita",
      "korektitaj",
      "korektite",
      "korekto",
      "reviziita",
      "fakte",
      "vi pravas",
      "mi eraris",
      "mi malpravis",
      "nova respondo",
      "ĝisdatigita",
      "mi ŝanĝas mian respondon",
    ],
    retraction: [
      "atendu, ne",
      "atendu ne",
      "ne, atendu",
      "fakte ne",
      "fakte, ne",
      "forgesu tion",
      "tio estas malĝusta",
      "tio estas malprava",
      "mi interŝanĝis ilin",
      "mi konfuzis ilin",
    ],
    problem: [
      "problemo",
      "problemon",
      "problemoj",
      "demando",
      "demandon",
      "demandoj",
      "ekzerco",
      "ekzercon",
      "ekzercoj",
      "tasko",
      "taskon",
      "hejmtasko",
    ],
    part: ["parto", "parton", "partoj", "subparto", "subdemando"],
    numbers: [
      ["unu", "unua", "unuan"],
      ["dua", "duan"],
      ["tri", "tria", "trian"],
      ["kvar", "kvara", "kvaran"],
      ["kvin", "kvina", "kvinan"],
    ],
    partLetters: [],
    leadIn: ["pri", "koncerne", "rilate al"],
    commentary: [
      "laŭ mi",
      "laŭ mia opinio",
      "mi malkonsentas",
      "mi konsentas",
      "mi ne pensas",
      "mi ne certas",
      "mi ne estas certa",
    ],
    commentaryWeak: ["mi pensas", "mi kredas", "ŝajnas al mi", "klarigo"],
    judgedRight: [
      "korekte",
      "estas korekta",
      "estas ĝusta",
      "tute ĝuste",
      "ĝusta respondo",
      "gxusta",
      "gxuste",
    ],
    judgedWrong: [
      "malĝusta",
      "malĝuste",
      "malprava",
      "erara",
      "erare",
      "eraro",
      "interŝanĝitaj",
      "devus esti",
    ],
    negation: ["ne", "neniam", "neniu", "nenio", "neniel", "ne estas"],
    but: ["sed"],
    or: ["aŭ"],
    whereas: ["dum ke", "dume"],
    however: ["tamen"],
    subjectVerbs: ["montras", "respondas al", "minimumigas"],
    worst: ["plej malbona", "plej malbonaj", "pli malbona", "plej malbone"],
    lossNames: ["perdo"],
    qualifiers: [
      "tranĉita",
      "stumpigita",
      "limigita",
      "kondiĉa",
      "ŝovita",
      "skalita",
      "spegulita",
      "kvadratita",
      "absoluta valoro",
    ],
    qualifierLeads: ["kiu estas", "kaj poste"],
    request: [
      "ĉu vi povas",
      "ĉu vi povus",
      "bonvolu",
      "solvu",
      "helpu",
      "helpu min",
      "sekva",
      "sekvan",
      "dankon",
      "koran dankon",
      "saluton",
    ],
    ticked: ["markita", "jes", "elektita"],
    unticked: ["nemarkita", "malplena"],
    declined: [
      "mi ne povas vidi",
      "mi ne vidas",
      "sen la bildo",
      "sen la figuro",
      "se vi priskribos",
      "se vi priskribas",
      "alŝutu",
      "mi ne povas respondi",
    ],
    skipped: ["pli poste", "mi preterlasas", "mi ne scias", "ankoraŭ ne farita", "mi faros mem"],
    preferred: [
      "respondo",
      "ĝusta respondo",
      "plej bona",
      "pli bona",
      "mi elektas",
      "tial",
      "sekve",
      "plej verŝajne",
    ],
    optionNouns: [
      "kurbo",
      "grafikaĵo",
      "grafiko",
      "figuro",
      "bildo",
      "opcio",
      "elekto",
      "diagramo",
      "eksperimento",
    ],
    only: ["nur", "nure"],
    both: ["ambaŭ"],
    conditional: ["kondiĉe ke", "okaze ke"],
    failedReply: ["io misfunkciis", "okazis eraro", "reta eraro", "la servilo estas okupata"],
    welcome: ["nedankinde", "ne dankinde"],
    hedge: [
      "malfacile diri",
      "estas malfacile diri",
      "mi ne povas decidi",
      "ambaŭ interpretoj",
      "necesus pli da informoj",
    ],
  },
  xForms,
);
