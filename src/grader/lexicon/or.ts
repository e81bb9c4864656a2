import { spelledAlso } from "./spelling.js";
import type { Lexicon } from "./types.js";

/** Odia "ଡ଼", "ଢ଼" as one code point and as the letter and the nukta: keyboards type either. */
function odiaNukta(w: string): string[] {
  const two = w.replaceAll("\u0b5c", "\u0b21\u0b3c").replaceAll("\u0b5d", "\u0b22\u0b3c");
  const one = two.replaceAll("\u0b21\u0b3c", "\u0b5c").replaceAll("\u0b22\u0b3c", "\u0b5d");
  return [one, two];
}

/**
 * Odia (Odia script). Chat apps' Odia labels are taken to be "ଆପଣ କହିଲେ:" (listed whole: "ଆପଣ"
 * alone opens a model's lines too) / "ChatGPT କହିଲା:", the buttons "କପି କରନ୍ତୁ", "ପୁଣି ଚେଷ୍ଟା
 * କରନ୍ତୁ", "ସମ୍ପାଦନ କରନ୍ତୁ" and the thinking line "ଚିନ୍ତା ପ୍ରକ୍ରିୟା": the natural wording, none of it
 * confirmed from a localized export. Vowel signs, the virama and the candrabindu are not letters to
 * the word matcher, so a word that ends in one is also found with the case endings after it
 * ("ପ୍ରଶ୍ନ" is not: its forms are listed, "ପ୍ରଶ୍ନର", "ପ୍ରଶ୍ନରେ"), and a word after one counts as a
 * word's start: short words that would hide in others are left out, "ନା" (no, opening "ନାମ",
 * name), "ବା" (or), "ହଁ" (yes, ending "ନୁହଁ", is not), "ଚାରି" (four, in "ବିଚାରି…", thinking), "ଏକ"
 * (one, also "a", opening "ଏକାଧିକ"), "ମାତ୍ର" (but, also "only"), "ତେବେ" (however, also "then").
 * Letters with a nukta (ଡ଼, ଢ଼) are listed in both encodings. Parts are lettered କ, ଖ, ଗ, ଘ.
 * "ଓଲଟା" (reversed) is only in a retraction phrase, never a judgment: reverse KL is an answer
 * here, not a verdict. Verbs come last: no subject verbs.
 */
export const or: Lexicon = spelledAlso(
  {
    language: "or",
    personLabels: [
      "ଆପଣ କହିଲେ",
      "ଆପଣ କହିଛନ୍ତି",
      "ତୁମେ କହିଲ",
      "ବ୍ୟବହାରକାରୀ",
      "ଉପଯୋଗକର୍ତ୍ତା",
      "ଛାତ୍ର",
      "ଛାତ୍ରୀ",
      "ବିଦ୍ୟାର୍ଥୀ",
    ],
    modelLabels: ["ସହାୟକ", "ମଡେଲ", "କୃତ୍ରିମ ବୁଦ୍ଧିମତ୍ତା", "ଏଆଇ"],
    said: ["କହିଲା", "କହିଛି", "ଲେଖିଲା", "ଉତ୍ତର ଦେଲା"],
    reasoning: ["ଚିନ୍ତା ପ୍ରକ୍ରିୟା", "ଚିନ୍ତନ ପ୍ରକ୍ରିୟା", "ଚିନ୍ତାଧାରା ଦେଖାନ୍ତୁ", "ଚିନ୍ତା ଦେଖାନ୍ତୁ", "ଚିନ୍ତନ ଦେଖାନ୍ତୁ"],
    reasoningDuration: ["ଚିନ୍ତା କରିବା ସମୟ", "ଚିନ୍ତନ ସମୟ"],
    sources: ["ଉତ୍ସ", "ଉତ୍ସଗୁଡ଼ିକ", "ସୂତ୍ର"],
    related: ["ସମ୍ବନ୍ଧିତ", "ସମ୍ପର୍କିତ", "ସମ୍ବନ୍ଧିତ ପ୍ରଶ୍ନ"],
    answer: [
      "ଉତ୍ତର",
      "ଉତ୍ତରଟି",
      "ଉତ୍ତରଗୁଡ଼ିକ",
      "ଚୂଡ଼ାନ୍ତ ଉତ୍ତର",
      "ଅନ୍ତିମ ଉତ୍ତର",
      "ଶେଷ ଉତ୍ତର",
      "ସମାଧାନ",
      "ଫଳାଫଳ",
      "ନିଷ୍କର୍ଷ",
      "ସାରାଂଶ",
      "ସଂକ୍ଷେପରେ",
    ],
    final: ["ଚୂଡ଼ାନ୍ତ", "ଅନ୍ତିମ", "ଚୂଡ଼ାନ୍ତ ସଂସ୍କରଣ", "ଦାଖଲ କରୁଛି"],
    personMessageEnd: ["ସମ୍ପାଦନ କରନ୍ତୁ", "ସମ୍ପାଦନା", "ବାର୍ତ୍ତା ସମ୍ପାଦନ କରନ୍ତୁ"],
    modelMessageEnd: ["କପି କରନ୍ତୁ", "କୋଡ୍ କପି କରନ୍ତୁ", "ପୁଣି ଚେଷ୍ଟା କରନ୍ତୁ", "ପୁନଃ ଚେଷ୍ଟା କରନ୍ତୁ", "ପୁନଃ ସୃଷ୍ଟି କରନ୍ତୁ"],
    theUser: ["ବ୍ୟବହାରକାରୀ", "ଉପଯୋଗକର୍ତ୍ତା", "ଉପଯୋଗକର୍ତ୍ତାଙ୍କ"],
    revision: [
      "ସଂଶୋଧିତ",
      "ସଂଶୋଧନ",
      "ଅଦ୍ୟତନ",
      "ପ୍ରକୃତରେ",
      "ଆପଣ ଠିକ୍ କହିଛନ୍ତି",
      "ତୁମେ ଠିକ୍ କହିଛ",
      "ମୁଁ ଭୁଲ୍ କରିଥିଲି",
      "ମୁଁ ଭୁଲ କରିଥିଲି",
      "ମୋର ଭୁଲ୍",
      "ମୋର ଭୁଲ",
      "ନୂଆ ଉତ୍ତର",
      "ନୂତନ ଉତ୍ତର",
    ],
    retraction: [
      "ରୁହନ୍ତୁ, ନା",
      "ନା, ରୁହନ୍ତୁ",
      "ଅପେକ୍ଷା କରନ୍ତୁ, ନା",
      "ଏହାକୁ ଭୁଲିଯାଆନ୍ତୁ",
      "ଏହା ଭୁଲ୍",
      "ଏହା ଭୁଲ",
      "ଓଲଟା ଲେଖିଥିଲି",
    ],
    problem: ["ପ୍ରଶ୍ନ", "ପ୍ରଶ୍ନର", "ପ୍ରଶ୍ନରେ", "ପ୍ରଶ୍ନଟି", "ସମସ୍ୟା", "ଅଭ୍ୟାସ", "ଅଭ୍ୟାସର"],
    part: ["ଭାଗ", "ଅଂଶ", "ଖଣ୍ଡ", "ଉପପ୍ରଶ୍ନ"],
    numbers: [["ପ୍ରଥମ"], ["ଦୁଇ", "ଦ୍ୱିତୀୟ"], ["ତିନି", "ତୃତୀୟ"], ["ଚତୁର୍ଥ"], ["ପାଞ୍ଚ", "ପଞ୍ଚମ"]],
    partLetters: ["କ", "ଖ", "ଗ", "ଘ"],
    leadIn: [],
    commentary: [
      "ମୋ ମତରେ",
      "ମୋର ମତରେ",
      "ମୋ ବିଚାରରେ",
      "ମୁଁ ସହମତ ନୁହେଁ",
      "ମୁଁ ସହମତ",
      "ବ୍ୟକ୍ତିଗତ ଭାବରେ",
      "ମୁଁ ନିଶ୍ଚିତ ନୁହେଁ",
      "ମୋତେ ଲାଗୁନାହିଁ",
    ],
    commentaryWeak: ["ମୋତେ ଲାଗୁଛି", "ମୁଁ ଭାବୁଛି", "ବ୍ୟାଖ୍ୟା"],
    judgedRight: ["ଠିକ୍", "ସଠିକ୍", "ସଠିକ", "ଠିକ୍ ଅଛି", "ସମ୍ପୂର୍ଣ୍ଣ ଠିକ୍"],
    judgedWrong: ["ଭୁଲ", "ଭୁଲ୍", "ତ୍ରୁଟି", "ଠିକ୍ ନୁହେଁ", "ହେବା ଉଚିତ"],
    negation: ["ନାହିଁ", "ନୁହେଁ", "ନୁହଁ", "କେବେ ନୁହେଁ", "କଦାପି ନୁହେଁ", "ବିନା"],
    closingNegation: ["ନୁହେଁ", "ନୁହଁ", "ମେଳ ଖାଉନାହିଁ"],
    but: ["କିନ୍ତୁ", "ପରନ୍ତୁ"],
    whereas: ["ଅନ୍ୟପକ୍ଷରେ"],
    however: ["ତଥାପି"],
    or: ["କିମ୍ବା", "ଅଥବା"],
    worst: ["ସବୁଠାରୁ ଖରାପ", "ଅଧିକ ଖରାପ"],
    lossNames: ["କ୍ଷତି"],
    qualifiers: ["କଟା ହୋଇଥିବା", "ସୀମିତ", "ସର୍ତ୍ତମୂଳକ", "ସ୍ଥାନାନ୍ତରିତ", "ପ୍ରତିଫଳିତ", "ପରମ ମାନ"],
    qualifierLeads: ["ତାପରେ"],
    request: ["ଦୟାକରି", "ଦୟା କରି", "ସମାଧାନ କରନ୍ତୁ", "ସାହାଯ୍ୟ କରନ୍ତୁ", "ପରବର୍ତ୍ତୀ", "ଧନ୍ୟବାଦ", "ନମସ୍କାର"],
    ticked: ["ଚିହ୍ନିତ", "ବଛାଯାଇଛି"],
    unticked: ["ଅଚିହ୍ନିତ", "ଖାଲି"],
    declined: [
      "ଦେଖିପାରୁନାହିଁ",
      "ଦେଖି ପାରୁନାହିଁ",
      "ଦେଖିପାରିବି ନାହିଁ",
      "ଚିତ୍ର ବିନା",
      "ଯଦି ଆପଣ ବର୍ଣ୍ଣନା କରନ୍ତି",
      "ଅପଲୋଡ୍ କରନ୍ତୁ",
      "ଉତ୍ତର ଦେଇପାରିବି ନାହିଁ",
    ],
    skipped: ["ପରେ କରିବି", "ଛାଡ଼ି ଦେଉଛି", "ଜାଣିନାହିଁ", "ଜାଣେ ନାହିଁ", "ଏପର୍ଯ୍ୟନ୍ତ କରିନାହିଁ"],
    preferred: ["ଉତ୍ତର", "ସଠିକ୍", "ସର୍ବୋତ୍ତମ", "ଶ୍ରେଷ୍ଠ", "ଅଧିକ ଭଲ", "ବାଛୁଛି", "ତେଣୁ", "ଅତଏବ", "ସମ୍ଭବତଃ"],
    optionNouns: ["ବକ୍ରରେଖା", "ଗ୍ରାଫ", "ଚିତ୍ର", "ବିକଳ୍ପ", "ପ୍ୟାନେଲ", "ପରୀକ୍ଷଣ", "ଆରେଖ"],
    only: ["କେବଳ"],
    both: ["ଉଭୟ", "ଦୁହେଁ", "ଦୁଇଟିଯାକ"],
    conditional: ["ଯଦି"],
    hedge: ["କହିବା କଷ୍ଟକର", "କହିବା କଠିନ", "ନିଶ୍ଚିତ ଭାବେ କହିହେବ ନାହିଁ", "ସ୍ଥିର କରିପାରୁନାହିଁ", "ଉଭୟ ବ୍ୟାଖ୍ୟା", "ଅଧିକ ତଥ୍ୟ ଆବଶ୍ୟକ"],
    welcome: ["ସାହାଯ୍ୟ କରି ଖୁସି ଲାଗିଲା", "ସାହାଯ୍ୟ କରିପାରି ଖୁସି"],
    failedReply: ["କିଛି ଭୁଲ ହୋଇଗଲା", "କିଛି ତ୍ରୁଟି ହୋଇଛି", "ଏକ ତ୍ରୁଟି ଘଟିଛି", "ପରେ ପୁଣି ଚେଷ୍ଟା କରନ୍ତୁ"],
  },
  odiaNukta,
);
