import type { Lexicon } from "./types.js";

/**
 * Tigrinya (Ge'ez script, whose syllables are all letters to the word matcher). No chat app has a
 * Tigrinya interface that was at hand: the labels are taken to be "ንስኻ በልካ:" / "ንስኹም በልኩም:"
 * (you said) and "ChatGPT በለ:", the thinking line "መስርሕ ሓሳብ", the buttons "ቅዳሕ" (copy) and
 * "ደጊምካ ፈትን" (try again): the natural wording, none of it confirmed from an export. Prepositions
 * are prefixes ("ናይ", of, stands apart; "ን", "ብ" fuse: "ንሕቶ", "ብሓጺሩ") and possessives suffixes
 * ("መልሱ", its answer), so the forms a reference takes are listed. The script is shared with
 * Amharic, which am.ts reads; words that mean another thing in Amharic are left out, and those
 * the two share with the same sense ("ግን", but; "ተጠቃሚ", user) are listed in both. Tigrinya
 * writes ኣ where Amharic writes አ ("ኣይኮነን", is not). Parts are lettered ሀ, ለ, ሐ, መ, as in
 * Amharic. "ሓደ" (one, also "a") is not a number word. "ተገልቢጡ" (reversed) is only in a retraction
 * phrase, never a judgment: reverse KL is an answer here, not a verdict. Verbs come last: no
 * subject verbs.
 */
export const ti: Lexicon = {
  language: "ti",
  personLabels: ["ንስኻ በልካ", "ንስኺ በልኪ", "ንስኹም በልኩም", "ተጠቃሚ", "ተማሃራይ", "ተምሃራይ"],
  modelLabels: ["ሓጋዚ"],
  said: ["በለ", "ኢሉ", "ጸሓፈ", "መለሰ"],
  reasoning: ["መስርሕ ሓሳብ", "መስርሕ ኣተሓሳስባ", "ሓሳብ ኣርኢ", "ኣተሓሳስባ ኣርኢ"],
  reasoningDuration: ["ግዜ ምሕሳብ"],
  sources: ["ምንጭታት", "ምንጪታት"],
  related: ["ተዛማዲ", "ተዛመድቲ ሕቶታት"],
  answer: [
    "መልሲ",
    "መልሱ",
    "መልስታት",
    "ናይ መወዳእታ መልሲ",
    "ዝመወዳእታ መልሲ",
    "ፍታሕ",
    "ውጽኢት",
    "መደምደምታ",
    "ጽማቕ",
    "ብሓጺሩ",
  ],
  final: ["ናይ መወዳእታ", "ዝመወዳእታ"],
  modelMessageEnd: ["ቅዳሕ", "ደጊምካ ፈትን", "ደጊምኩም ፈትኑ"],
  theUser: ["ተጠቃሚ", "እቲ ተጠቃሚ"],
  revision: ["ዝተኣረመ", "ዝተመሓየሸ", "እርማት", "ሓቅኻ", "ሓቅኺ", "ሓቅኹም", "ተጋጊየ", "ጌጋ ሰሪሐ", "ሓድሽ መልሲ"],
  retraction: ["ጽናሕ፣ ኣይፋል", "ጽናሕ, ኣይፋል", "ኣይፋል፣ ጽናሕ", "ኣይፋል, ጽናሕ", "ነዚ ረሲዕዎ", "እዚ ጌጋ እዩ", "ተገልቢጡኒ"],
  problem: ["ሕቶ", "ሕቶታት", "ንሕቶ", "ጸገም", "ጸገማት", "መልመዲ", "ልምምድ", "ዕዮ"],
  part: ["ክፋል", "ክፋሉ", "ንኡስ ሕቶ", "ንኡስ ክፋል"],
  numbers: [
    ["ቀዳማይ", "ቀዳመይቲ"],
    ["ክልተ", "ካልኣይ", "ካልኣይቲ"],
    ["ሰለስተ", "ሳልሳይ", "ሳልሰይቲ"],
    ["ኣርባዕተ", "ራብዓይ", "ራብዐይቲ"],
    ["ሓሙሽተ", "ሓምሻይ", "ሓምሸይቲ"],
  ],
  partLetters: ["ሀ", "ለ", "ሐ", "መ"],
  leadIn: [],
  commentary: ["ብናተይ ርእይቶ", "ከም ርእይቶይ", "ኣይሰማማዕን", "እሰማማዕ እየ", "ብውልቀይ", "ርግጸኛ ኣይኮንኩን"],
  commentaryWeak: ["ይመስለኒ", "መብርሂ"],
  judgedRight: ["ቅኑዕ", "ቅኑዕ እዩ", "ልክዕ", "ልክዕ እዩ", "ትኽክል"],
  judgedWrong: ["ጌጋ", "ጌጋ እዩ", "ግጉይ", "ቅኑዕ ኣይኮነን", "ክኸውን ኣለዎ"],
  negation: ["ኣይኮነን", "ኣይኮኑን", "የለን", "የብሉን", "ብዘይ", "ኣይፋል"],
  closingNegation: ["ኣይኮነን", "ኣይኮኑን", "ኣይሰማማዕን", "ኣይገጥምን"],
  but: ["ግን", "ግና"],
  however: ["ይኹን እምበር", "ኮይኑ ግን"],
  or: ["ወይ", "ወይ ድማ"],
  worst: ["ዝኸፍአ", "ኣዝዩ ሕማቕ", "ካብ ኩሉ ዝኸፍአ"],
  lossNames: ["ክሳራ"],
  qualifiers: ["ዝተቖርጸ", "ፍጹም ዋጋ"],
  qualifierLeads: ["ድሕሪኡ"],
  request: ["በጃኻ", "በጃኺ", "በጃኹም", "ሓግዘኒ", "ሓግዙኒ", "ዝቕጽል", "የቐንየለይ", "የቐንየልካ", "የቐንየልና"],
  ticked: ["ዝተመልከተ", "ዝተሓረየ", "እወ"],
  unticked: ["ዘይተመልከተ", "ዘይተሓረየ"],
  declined: ["ክርእዮ ኣይክእልን", "ክርኢ ኣይክእልን", "ስእሊ ከይረኣኹ", "ብዘይ ስእሊ", "ክምልስ ኣይክእልን"],
  skipped: ["ጸኒሐ ክገብሮ", "ደሓር ክገብሮ", "ኣይፈልጥን", "ገና ኣይገበርኩዎን", "ባዕለይ ክገብሮ"],
  preferred: ["መልሲ", "ቅኑዕ", "ዝበለጸ", "ዝሓሸ", "እመርጽ", "ስለዚ", "ስለዚ ድማ"],
  optionNouns: ["ግራፍ", "ስእሊ", "ኣማራጺ", "ፈተነ", "ንድፊ"],
  only: ["ጥራይ", "ጥራሕ"],
  both: ["ክልቲኦም", "ክልቲአን", "ክልቲኡ"],
  conditional: ["እንተኾይኑ", "እንተደኣ"],
  hedge: ["ምባል ከቢድ እዩ", "ክውስን ኣይክእልን", "ተወሳኺ ሓበሬታ የድሊ", "ክልቲኡ ትርጉም"],
  failedReply: ["ገለ ጌጋ ኣጋጢሙ", "ጌጋ ኣጋጢሙ", "ደሓር ደጊምካ ፈትን"],
};
