import type { Lexicon } from "./types.js";

/**
 * Bosnian (Latin script). It shares nearly all its words with Croatian and Serbian, whose lexicons
 * already hold them ("rekli ste", "odgovor", "zadatak", "tačno", "nije", "ali"): only what
 * Bosnian writes differently is listed here, the ijekavian forms of words Serbian writes ekavian
 * ("izmijeni", "pomjerena", "vještačka inteligencija", "najvjerovatnije"), the words Croatian
 * writes otherwise ("tačno"/"točno", "ponovo"/"ponovno", "greška", "uradit ću"), and what neither
 * lists (the error replies, "nema na čemu", the accusative and locative of the ordinals). ChatGPT
 * labels turns as in Croatian and Serbian ("Rekli ste:", "ChatGPT je rekao:"); Bosnian also says
 * "kazati" ("je kazao"). The UI strings are unconfirmed against a Bosnian-language export. Nouns
 * take seven cases, so whole-word matching misses the forms not listed. Left out as in Croatian:
 * "ako" (if; Slovak "how"), "da" (yes, also "that"), "već" (but rather, also "already"), "tačka"
 * (item, also a geometric point), "sad" (now; English "sad").
 */
export const bs: Lexicon = {
  language: "bs",
  personLabels: ["učenica"],
  modelLabels: ["vještačka inteligencija", "asistentica"],
  said: ["je kazao", "je kazala"],
  reasoning: ["tok misli"],
  reasoningDuration: [],
  answer: ["finalni odgovor", "konačno rješenje"],
  final: ["finalna verzija", "finalno", "finalni", "predajem ovo"],
  personMessageEnd: ["izmijeni", "izmijeni poruku"],
  modelMessageEnd: ["generiši ponovo", "kopiraj kôd"],
  theUser: [],
  revision: [
    "ustvari",
    "u stvari",
    "imate pravo",
    "imaš pravo",
    "ispravljena verzija",
    "ispravljeni odgovor",
    "ažurirani odgovor",
  ],
  retraction: [
    "to je netačno",
    "to nije ispravno",
    "pobrkao sam",
    "pobrkala sam",
    "pomiješala sam",
    "zamijenio sam",
  ],
  problem: ["zadaća", "zadaće", "zadaći", "zadaću"],
  part: ["podtačka", "podtačke", "podtački", "podtačku"],
  numbers: [
    ["prvu", "prvoj"],
    ["drugu", "drugoj"],
    ["treću", "trećoj"],
    ["četvrtu", "četvrtoj"],
    ["petu", "petoj"],
  ],
  partLetters: [],
  leadIn: ["kad je riječ o"],
  commentary: ["po mome mišljenju", "ne bih se složio", "ne bih se složila"],
  // (a model's hedge reads the same: "dovršiti – nisam sigurna što točno ide u zbrajalo")
  commentaryWeak: [
    "ja mislim",
    "nisam siguran",
    "nisam sigurna",
    "smatram",
    "smatram da",
    "vjerujem",
    "pojašnjenje",
  ],
  judgedRight: ["tačno tako", "to je tačno", "ispravan", "ispravna"],
  judgedWrong: ["netačan", "netačna", "pogrešan", "pogrešna", "greška", "zamijenjena"],
  negation: ["nikako", "nijedno"],
  however: ["s druge strane"],
  qualifiers: ["odsječena", "odsječeno", "pomjerena", "pomjereno", "preslikano"],
  request: ["uradi", "uradite", "objasni", "objasnite", "hvala ti", "hvala vam", "selam"],
  ticked: ["označena"],
  unticked: ["nije označeno", "neštiklirano", "nečekirano"],
  declined: ["ne mogu otvoriti sliku", "ako mi opišete", "priložite sliku", "učitajte sliku"],
  skipped: [
    "uradit ću sam",
    "uradit ću sama",
    "uradit ću kasnije",
    "nisam uradio",
    "nisam uradila",
  ],
  preferred: [
    "najtačniji",
    "najtačnija",
    "odlučujem se za",
    "opredjeljujem se za",
    "najvjerovatnije",
    "biram opciju",
  ],
  optionNouns: ["opciju", "grafiku"],
  only: [],
  both: ["oboje"],
  failedReply: [
    "nešto je pošlo po zlu",
    "nešto nije u redu",
    "došlo je do greške",
    "greška mreže",
    "server je zauzet",
    "pokušajte ponovo kasnije",
  ],
  welcome: ["nema na čemu"],
  hedge: ["teško je odlučiti", "ne mogu se odlučiti", "nije moguće reći"],
};
