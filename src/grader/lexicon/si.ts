import type { Lexicon } from "./types.js";

/**
 * Sinhala. Chat apps' Sinhala labels are taken to be "ඔබ පැවසුවේ:" / "ChatGPT පැවසුවේ:", their
 * buttons "පිටපත් කරන්න", "නැවත උත්සාහ කරන්න", "සංස්කරණය කරන්න", and the thinking line "සිතීමේ
 * ක්‍රියාවලිය" (the natural wording: no localized export was at hand to confirm any UI string
 * here). The conjuncts "ක්‍ර", "ප්‍ර" (rakaransaya) and "ශ්‍ර" are written with a zero-width joiner,
 * which keyboards and pages often leave out: words with one are listed both ways (`zwj`). Vowel
 * signs are not letters to the word matcher, so a word is also found with the case endings that
 * start with one. Parts are lettered අ, ආ, ඇ, ඈ. Left out: "එක" (one, also "a"), bare "හරි"
 * (right, but also "OK"), "නම්" (if, but also the topic marker "as for") and the 1–2-letter words
 * ("හෝ", or; "පහ", five; "නෑ", no). "ප්‍රතිලෝම" (reversed) is left out of the judgments: reverse KL
 * is an answer here, not a verdict. Verbs come last: no subject verbs.
 */
const J = "\u200d";
/** A word as written with its zero-width joiners and as typed without them. */
const zwj = (...ws: string[]) => [...new Set(ws.flatMap((w) => [w, w.replaceAll(J, "")]))];

export const si: Lexicon = {
  language: "si",
  personLabels: ["ඔබ පැවසුවේ", "ඔබ කීවේ", "ඔයා කිව්වේ", "පරිශීලක", "පරිශීලකයා"],
  modelLabels: ["සහායක", "ආකෘතිය", ...zwj(`කෘත්${J}රිම බුද්ධිය`)],
  said: ["පැවසුවේ", "කීවේ", "ලිව්වේ", "පිළිතුරු දුන්නේ"],
  reasoning: zwj(`සිතීමේ ක්${J}රියාවලිය`, `චින්තන ක්${J}රියාවලිය`, "සිතුවිලි පෙන්වන්න", "සිතීම පෙන්වන්න"),
  reasoningDuration: ["සිතූ කාලය", "සිතීමේ කාලය"],
  sources: zwj(`මූලාශ්${J}ර`),
  related: zwj("අදාළ", `ආශ්${J}රිත`, `අදාළ ප්${J}රශ්න`),
  answer: [
    "පිළිතුර",
    "පිළිතුරු",
    "අවසාන පිළිතුර",
    "අවසාන පිළිතුරු",
    "විසඳුම",
    ...zwj(`ප්${J}රතිඵලය`),
    "නිගමනය",
    "සාරාංශය",
    "කෙටියෙන්",
  ],
  final: ["අවසාන", "අවසාන අනුවාදය", "අවසාන පිටපත"],
  personMessageEnd: ["සංස්කරණය කරන්න", "සංස්කරණය"],
  modelMessageEnd: ["පිටපත් කරන්න", "කේතය පිටපත් කරන්න", "නැවත උත්සාහ කරන්න", "නැවත ජනනය කරන්න"],
  // unconfirmed: the natural wording, not seen in a localized app or export
  mediaOmitted: ["<මීඩියා ඉවත් කර ඇත>", "මීඩියා ඉවත් කර ඇත"],
  theUser: ["පරිශීලකයා", "පරිශීලකයාට", "පරිශීලකයාගේ"],
  revision: [
    "සංශෝධිත",
    "නිවැරදි කළ",
    "නිවැරදි කරන ලද",
    "ඇත්තටම",
    "ඇත්ත වශයෙන්ම",
    "ඔබ හරි",
    "ඔබ නිවැරදියි",
    "මම වැරදුණා",
    "මට වැරදුණා",
    "නව පිළිතුර",
    "යාවත්කාලීන කළ",
  ],
  retraction: [
    "ඉන්න, නැහැ",
    "නැහැ, ඉන්න",
    "ඇත්තටම නැහැ",
    "ඒක අමතක කරන්න",
    "එය වැරදියි",
    "ඒක වැරදියි",
    "මම ඒවා මාරු කළා",
  ],
  problem: [
    ...zwj(`ප්${J}රශ්නය`, `ප්${J}රශ්න`, `ප්${J}රශ්නයේ`, `අභ්${J}යාසය`, `අභ්${J}යාස`),
    "ගැටලුව",
    "ගැටලු",
    "ගැටළුව",
    "ගැටලුවේ",
  ],
  part: ["කොටස", "කොටස්", "උපකොටස", "කොටසේ"],
  numbers: [
    ["පළමු", "පළමුවන", "පළමුවැනි"],
    ["දෙක", "දෙවන", "දෙවැනි"],
    ["තුන", "තෙවන", "තුන්වන", "තුන්වැනි"],
    ["හතර", "සිව්වන", "හතරවන", "හතරවැනි"],
    ["පස්වන", "පස්වැනි"],
  ],
  partLetters: ["අ", "ආ", "ඇ", "ඈ"],
  leadIn: ["දැන්"],
  commentary: [
    "මගේ මතය අනුව",
    "මගේ අදහස අනුව",
    "මගේ අදහසේ හැටියට",
    "මම එකඟ නැහැ",
    "මම එකඟ නොවෙමි",
    "මම එකඟයි",
    "පෞද්ගලිකව",
  ],
  commentaryWeak: ["මම හිතනවා", "මට හිතෙනවා", "මට පෙනෙන්නේ"],
  judgedRight: ["නිවැරදියි", "නිවැරදි", "හරියටම", "ඒක හරි", "එය නිවැරදියි"],
  judgedWrong: ["වැරදියි", "වැරදි පිළිතුර", "නිවැරදි නැත", "නිවැරදි නැහැ", "විය යුතුය", "විය යුතුයි"],
  negation: ["නැහැ", "නැත", "නොවේ", "කවදාවත්", "නැතිව", "නොමැතිව", "නොමැත"],
  closingNegation: ["නොවේ", "නැත", "නැහැ", "නොගැලපේ"],
  but: ["නමුත්", "එහෙත්", "ඒත්"],
  however: ["කෙසේ වෙතත්", "එසේ වුවද", "එසේ වුවත්"],
  worst: ["නරකම", "වඩා නරක", "දුර්වලම"],
  request: zwj("කරුණාකර", "උදව් කරන්න", "විසඳන්න", "ඊළඟ", "ස්තූතියි", "ස්තුතියි", "ආයුබෝවන්"),
  ticked: ["සලකුණු කළ", "තෝරාගත්", "ඔව්"],
  unticked: ["සලකුණු නොකළ", "හිස්"],
  declined: [
    "මට දැකිය නොහැක",
    "දැකිය නොහැක",
    "මට පෙනෙන්නේ නැහැ",
    "රූපය නොමැතිව",
    "විස්තර කළහොත්",
    "උඩුගත කරන්න",
    "පිළිතුරු දිය නොහැක",
  ],
  skipped: ["පසුව කරන්නම්", "මඟ හරිනවා", "දන්නේ නැහැ", "තවම කළේ නැහැ"],
  // unconfirmed: the natural wording, not seen in a localized app or export
  failedReply: ["යමක් වැරදී ඇත", "දෝෂයක් ඇති විය", "දෝෂයක් සිදු විය", "ජාල දෝෂය", "පසුව නැවත උත්සාහ කරන්න"],
  // unconfirmed: the natural wording, not seen in a localized app or export
  welcome: ["ඔබව සාදරයෙන් පිළිගනිමු"],
  preferred: ["පිළිතුර", "නිවැරදි", "හොඳම", "වඩා හොඳ", "තෝරනවා", "එබැවින්", "එනිසා", "ඒ නිසා", "බොහෝ දුරට"],
  optionNouns: [...zwj(`වක්${J}රය`, `ප්${J}රස්තාරය`), "රූපය", "විකල්පය", "පරීක්ෂණය"],
  only: ["පමණි", "පමණක්", "විතරයි", "විතරක්"],
  both: ["දෙකම", "දෙදෙනාම"],
  or: ["නැතහොත්", "නැතිනම්"],
  hedge: [
    "කීම අපහසුයි",
    "කීමට අපහසුයි",
    "තීරණය කළ නොහැක",
    "නිශ්චිතව කිව නොහැක",
    "අර්ථකථන දෙකම",
    "දෙකම වලංගු",
    "ස්ථිරව කිව නොහැක",
  ],
};
