import { spelledAlso } from "./spelling.js";
import type { Lexicon } from "./types.js";

/**
 * Uzbek (Latin script). The letters oʻ and gʻ and the stop ʼ are typed with whichever apostrophe a
 * keyboard has ("to'g'ri", "toʻgʻri", "to‘g‘ri", "to’g’ri"), or none ("togri"): the words are
 * written here with "'" and listed in every form (the bare one only where it keeps five letters or
 * more: "tort", four, is a word of other languages). Chat apps label turns "Siz aytdingiz:" /
 * "ChatGPT dedi:" (the natural wording: no localized export was at hand to confirm it). Case
 * endings are suffixes, so the nouns are listed in the cases a reference takes ("masalaning",
 * "savolda", "qismi"); "band" (item) is not, being English. Parts are lettered a, b, d (the
 * alphabet's order), which the grader reads as they are. "Bir" (one, also "a") is not a number
 * word. "Teskari" (reversed) is left out of the judgments: reverse KL is an answer here, not a
 * verdict. Verbs come last: no subject verbs.
 */
const APOSTROPHES = ["ʻ", "ʼ", "‘", "’"];

function apostropheForms(w: string): string[] {
  if (!w.includes("'")) return [];
  const out = APOSTROPHES.map((a) => w.replaceAll("'", a));
  const bare = w.replaceAll("'", "");
  if (bare.replace(/[^\p{L}]/gu, "").length >= 5) out.push(bare);
  return out;
}

export const uz: Lexicon = spelledAlso(
  {
    language: "uz",
    personLabels: [
      "siz aytdingiz",
      "siz dedingiz",
      "sen aytding",
      "foydalanuvchi",
      "talaba",
      "o'quvchi",
    ],
    modelLabels: ["assistent", "yordamchi", "sun'iy intellekt"],
    said: ["aytdi", "yozdi", "javob berdi"],
    reasoning: [
      "fikrlash jarayoni",
      "fikrlashni ko'rsatish",
      "fikrlash jarayonini ko'rsatish",
      "mulohazani ko'rsatish",
    ],
    reasoningDuration: ["fikrlash vaqti"],
    sources: ["manbalar"],
    related: ["tegishli", "o'xshash savollar"],
    answer: [
      "javob",
      "javobi",
      "javoblar",
      "javobim",
      "yakuniy javob",
      "oxirgi javob",
      "yechim",
      "yechimi",
      "natija",
      "xulosa",
      "qisqacha",
    ],
    final: ["yakuniy", "yakuniy variant", "oxirgi variant", "topshiraman"],
    personMessageEnd: ["tahrirlash", "xabarni tahrirlash"],
    modelMessageEnd: [
      "nusxalash",
      "nusxa olish",
      "kodni nusxalash",
      "qayta urinish",
      "qayta yaratish",
    ],
    theUser: ["foydalanuvchi", "foydalanuvchining"],
    revision: [
      "tuzatilgan",
      "tuzatildi",
      "tuzatish",
      "yangilangan",
      "aslida",
      "siz haqsiz",
      "haqsiz",
      "to'g'ri aytasiz",
      "xato qildim",
      "adashdim",
      "yangi javob",
    ],
    retraction: [
      "kuting, yo'q",
      "to'xtang, yo'q",
      "yo'q, kuting",
      "buni unuting",
      "bu xato",
      "adashtirib yubordim",
      "teskari yozdim",
    ],
    problem: [
      "masala",
      "masalani",
      "masalaning",
      "masalada",
      "masalaga",
      "savol",
      "savolni",
      "savolning",
      "savolda",
      "savolga",
      "topshiriq",
      "topshiriqni",
      "topshiriqning",
      "mashq",
      "mashqning",
    ],
    part: ["qism", "qismi", "qismini", "qismida", "bandi", "kichik savol"],
    numbers: [
      ["birinchi"],
      ["ikki", "ikkinchi"],
      ["uch", "uchinchi"],
      ["to'rt", "to'rtinchi"],
      ["besh", "beshinchi"],
    ],
    partLetters: [],
    leadIn: ["endi"],
    commentary: [
      "menimcha",
      "mening fikrimcha",
      "fikrimcha",
      "qo'shilmayman",
      "qo'shilaman",
      "shaxsan",
      "unday deb o'ylamayman",
      "ishonchim komil emas",
      "amin emasman",
    ],
    commentaryWeak: ["o'ylaymanki", "o'ylayman", "nazarimda", "tushuntirish"],
    judgedRight: ["to'g'ri", "to'ppa-to'g'ri", "to'g'ri javob", "aniq to'g'ri"],
    judgedWrong: ["xato", "noto'g'ri", "almashib qolgan", "bo'lishi kerak"],
    negation: [
      "emas",
      "yo'q",
      "hech",
      "hech qachon",
      "hech qanday",
      "olmaydi",
      "ta'sir qilmaydi",
      "bog'liq emas",
    ],
    closingNegation: ["mos kelmaydi", "to'g'ri emas", "mos emas"],
    but: ["lekin", "ammo"],
    whereas: ["holbuki", "vaholanki"],
    however: ["biroq", "shunga qaramay", "shunday bo'lsa-da"],
    worst: ["eng yomon", "yomonroq"],
    lossNames: ["yo'qotish"],
    qualifiers: [
      "kesilgan",
      "cheklangan",
      "shartli",
      "siljitilgan",
      "masshtablangan",
      "aks ettirilgan",
      "kvadrati",
      "absolyut qiymat",
    ],
    qualifierLeads: ["keyin", "so'ngra"],
    request: [
      "iltimos",
      "yecha olasizmi",
      "yechib bering",
      "yeching",
      "yordam bering",
      "keyingi",
      "rahmat",
      "katta rahmat",
      "salom",
      "assalomu alaykum",
    ],
    ticked: ["belgilangan", "tanlangan"],
    unticked: ["belgilanmagan", "tanlanmagan", "bo'sh"],
    optionNouns: [
      "egri chiziq",
      "grafik",
      "rasm",
      "chizma",
      "variant",
      "panel",
      "tajriba",
      "diagramma",
    ],
    only: ["faqat", "faqatgina"],
    both: ["ikkalasi ham", "ikkisi ham", "har ikkisi", "har ikki", "ikkala"],
    conditional: ["agar"],
    preferred: [
      "javob",
      "to'g'ri",
      "eng yaxshi",
      "yaxshiroq",
      "tanlayman",
      "shuning uchun",
      "demak",
      "ehtimoli yuqori",
    ],
    skipped: ["keyinroq", "o'tkazib yuboraman", "bilmayman", "hali qilmadim", "o'zim qilaman"],
    declined: [
      "ko'ra olmayman",
      "rasmni ko'rmasdan",
      "rasmsiz",
      "tasvirlab bersangiz",
      "yuklang",
      "javob bera olmayman",
    ],
    or: ["yoki", "yoxud"],
  },
  apostropheForms,
);
