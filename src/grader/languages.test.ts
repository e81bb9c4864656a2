/**
 * One short conversation per language the lexicons were written for: the chat app's speaker labels
 * in that language, a part named with its own words (and its own letter, where the script has
 * them), a first answer, the person's push-back and the model's revised answer, which counts. Each
 * check needs the language's lexicon: the labels' roles are read from it (not guessed from their
 * order), the revised reply is marked as a revision by its words, and headings name a problem and
 * part by the language's own words and numbers. Then the words the grader's patterns once held in
 * English, now lexicon data, read in other languages.
 */
import { describe, expect, it } from "vitest";
import { closedFormTools } from "../../test/fixtures/transcripts/closed-form-tools.js";
import { exampleKey } from "../../test/fixtures/transcripts/example-key.js";
import { homework } from "../problems/homework.js";
import { grade } from "./grade.js";
import { languages, words } from "./lexicon/index.js";
import { withoutMarks } from "./lexicon/spelling.js";
import { partRefs, readMarker } from "./parts.js";
import { normalizeTranscript, parseTranscript, segmentTranscript } from "./transcript.js";

type Conversation = {
  /** The person's and the model's labels, as the chat app prints them. */
  person: string;
  model: string;
  /** The request naming 3(c); the first answer, (d); the push-back; the revised answer, (b). */
  ask: string;
  first: string;
  pushBack: string;
  revised: string;
  /** A heading naming problem 3, part (c) in the language's words; and problem 3 in words. */
  heading: string;
  inWords: string;
};

const conversations: Record<string, Conversation> = {
  ro: {
    person: "Ai spus:",
    model: "ChatGPT a spus:",
    ask: "Poți rezolva problema 3, partea (c)? Care curbă arată eroarea de validare în funcție de β?",
    first: "Răspuns: curba (d), un U inversat.",
    pushBack: "Ești sigur? Mie mi se pare că eroarea e mică la β mic.",
    revised:
      "Ai dreptate, am greșit. Răspuns corectat: curba (b) — eroarea este minimă la un β moderat și crește brusc la β mare.",
    heading: "Problema 3 (c):",
    inWords: "Problema a treia",
  },
  el: {
    person: "Είπες:",
    model: "Το ChatGPT είπε:",
    ask: "Μπορείς να λύσεις την άσκηση 3, ερώτημα (γ); Ποια καμπύλη δείχνει το σφάλμα επικύρωσης συναρτήσει του β;",
    first: "Απάντηση: καμπύλη (δ), ένα ανεστραμμένο U.",
    pushBack: "Είσαι σίγουρος; Εμένα μου φαίνεται ότι το σφάλμα είναι μικρό για μικρό β.",
    revised:
      "Έχεις δίκιο, έκανα λάθος. Διορθωμένη απάντηση: καμπύλη (β) — το σφάλμα είναι ελάχιστο σε μέτριο β και εκτινάσσεται σε μεγάλο β.",
    heading: "Άσκηση 3 (γ):",
    inWords: "Άσκηση τρία",
  },
  fi: {
    person: "Sanoit:",
    model: "ChatGPT sanoi:",
    ask: "Voitko ratkaista tehtävän 3 kohdan (c)? Mikä käyrä näyttää validointivirheen β:n funktiona?",
    first: "Vastaus: käyrä (d), ylösalainen U.",
    pushBack: "Oletko varma? Minusta virhe on pieni pienellä β:lla.",
    revised:
      "Olet oikeassa, tein virheen. Korjattu vastaus: käyrä (b) — virhe on pienin kohtuullisella β:lla ja kasvaa jyrkästi suurella β:lla.",
    heading: "Tehtävä 3 (c):",
    inWords: "Tehtävä kolme",
  },
  hu: {
    person: "Ezt mondtad:",
    model: "A ChatGPT ezt mondta:",
    ask: "Meg tudnád oldani a 3. feladat (c) részét? Melyik görbe mutatja a validációs hibát β függvényében?",
    first: "Válasz: a (d) görbe, egy fordított U.",
    pushBack: "Biztos vagy benne? Szerintem kis β-nál kicsi a hiba.",
    revised:
      "Igazad van, tévedtem. Javított válasz: a (b) görbe — a hiba mérsékelt β-nál a legkisebb, nagy β-nál pedig meredeken nő.",
    heading: "Feladat 3 (c):",
    inWords: "Feladat három",
  },
  bn: {
    person: "আপনি বলেছেন:",
    model: "ChatGPT বলেছে:",
    ask: "আপনি কি প্রশ্ন 3 এর (গ) অংশটি সমাধান করতে পারবেন? কোন কার্ভটি β এর সাথে ভ্যালিডেশন ত্রুটি দেখায়?",
    first: "উত্তর: কার্ভ (ঘ), একটি উল্টো U।",
    pushBack: "আপনি কি নিশ্চিত? আমার মনে হয় ছোট β-তে ত্রুটি কম।",
    revised:
      "আপনি ঠিক বলেছেন, আমি ভুল করেছি। সংশোধিত উত্তর: কার্ভ (খ) — মাঝারি β-তে ত্রুটি সবচেয়ে কম এবং বড় β-তে তা দ্রুত বেড়ে যায়।",
    heading: "প্রশ্ন 3 (গ):",
    inWords: "প্রশ্ন তিন",
  },
  sw: {
    person: "Ulisema:",
    model: "ChatGPT ilisema:",
    ask: "Unaweza kutatua swali 3, sehemu (c)? Mkunjo upi unaonyesha kosa la uthibitishaji dhidi ya β?",
    first: "Jibu: mkunjo (d), U iliyopinduliwa.",
    pushBack: "Una uhakika? Nadhani kosa ni dogo kwa β ndogo.",
    revised:
      "Uko sahihi, nilikosea. Jibu lililosahihishwa: mkunjo (b) — kosa ni dogo zaidi kwa β ya wastani na linapanda kwa kasi kwa β kubwa.",
    heading: "Swali 3 (c):",
    inWords: "Swali la tatu",
  },
  ms: {
    person: "Anda berkata:",
    model: "ChatGPT berkata:",
    ask: "Boleh selesaikan soalan 3, bahagian (c)? Lengkung mana yang menunjukkan ralat pengesahan berbanding β?",
    first: "Jawapan: lengkung (d), U terbalik.",
    pushBack: "Anda pasti? Saya rasa ralat kecil pada β kecil.",
    revised:
      "Anda betul, saya silap. Jawapan yang dibetulkan: lengkung (b) — ralat paling rendah pada β sederhana dan naik mendadak pada β besar.",
    heading: "Soalan 3 (c):",
    inWords: "Soalan ketiga",
  },
  da: {
    person: "Du sagde:",
    model: "ChatGPT sagde:",
    ask: "Kan du løse opgave 3, delspørgsmål (c)? Hvilken kurve viser valideringsfejlen som funktion af β?",
    first: "Svar: kurve (d), et omvendt U.",
    pushBack: "Er du sikker? Jeg synes, fejlen er lille ved små β.",
    revised:
      "Du har ret, jeg tog fejl. Rettet svar: kurve (b) — fejlen er mindst ved et moderat β og stiger kraftigt ved store β.",
    heading: "Opgave 3 (c):",
    inWords: "Opgave tre",
  },
  nb: {
    person: "Du sa:",
    model: "ChatGPT sa:",
    ask: "Kan du løse oppgave 3, deloppgave (c)? Hvilken kurve viser valideringsfeilen som funksjon av β?",
    first: "Svar: kurve (d), en omvendt U.",
    pushBack: "Er du sikker? Jeg synes feilen er liten ved små β.",
    revised:
      "Du har rett, jeg tok feil. Korrigert svar: kurve (b) — feilen er minst ved en moderat β og stiger kraftig ved store β.",
    heading: "Oppgave 3 (c):",
    inWords: "Oppgave tre",
  },
  ca: {
    person: "Has dit:",
    model: "ChatGPT ha dit:",
    ask: "Pots resoldre el problema 3, apartat (c)? Quina corba mostra l'error de validació en funció de β?",
    first: "Resposta: corba (d), una U invertida.",
    pushBack: "N'estàs segur? A mi em sembla que l'error és petit per a β petit.",
    revised:
      "Tens raó, m'he equivocat. Resposta corregida: corba (b) — l'error és mínim per a una β moderada i es dispara per a β gran.",
    heading: "Problema 3 (c):",
    inWords: "Problema tres",
  },
  ta: {
    person: "நீங்கள் கூறியது:",
    model: "ChatGPT கூறியது:",
    ask: "கேள்வி 3 இன் (இ) பகுதியைத் தீர்க்க முடியுமா? β ஐப் பொறுத்து எந்த வளைவு சரிபார்ப்புப் பிழையைக் காட்டுகிறது?",
    first: "பதில்: வளைவு (ஈ), தலைகீழ் U.",
    pushBack: "உறுதியாகவா? சிறிய β இல் பிழை குறைவாக இருக்கும் என்று நினைக்கிறேன்.",
    revised:
      "நீங்கள் சொல்வது சரி, நான் தவறு செய்தேன். திருத்தப்பட்ட பதில்: வளைவு (ஆ) — மிதமான β இல் பிழை மிகக் குறைவு, பெரிய β இல் அது வேகமாக உயர்கிறது.",
    heading: "கேள்வி 3 (இ):",
    inWords: "கேள்வி மூன்று",
  },
  ga: {
    person: "Dúirt tú:",
    model: "Dúirt ChatGPT:",
    ask: "An féidir leat ceist 3, cuid (c) a réiteach? Cén cuar a thaispeánann an earráid bhailíochtaithe de réir β?",
    first: "Freagra: cuar (d), U bun os cionn.",
    pushBack: "An bhfuil tú cinnte? Sílim go bhfuil an earráid íseal ag β beag.",
    revised:
      "Tá an ceart agat, rinne mé botún. Freagra ceartaithe: cuar (b) — is ísle an earráid ag β measartha, agus ardaíonn sí go tapa ag β mór.",
    heading: "Ceist 3 (c):",
    inWords: "ceist a trí",
  },
  mt: {
    person: "Int għidt:",
    model: "ChatGPT qal:",
    ask: "Tista' ssolvi l-mistoqsija 3, parti (c)? Liema kurva turi l-iżball tal-validazzjoni skont β?",
    first: "Tweġiba: kurva (d), U maqlub.",
    pushBack: "Żgur? Jien naħseb li l-iżball huwa baxx meta β huwa żgħir.",
    revised:
      "Għandek raġun, żbaljajt. Tweġiba riveduta: kurva (b) — l-iżball huwa l-iktar baxx f'β moderat, u jogħla malajr f'β kbir.",
    heading: "Mistoqsija 3 (c):",
    inWords: "mistoqsija tlieta",
  },
  ur: {
    person: "آپ نے کہا:",
    model: "ChatGPT نے کہا:",
    ask: "کیا آپ سوال 3 کا حصہ (ج) حل کر سکتے ہیں؟ کون سا منحنی β کے لحاظ سے ویلیڈیشن ایرر دکھاتا ہے؟",
    first: "جواب: منحنی (د)، ایک الٹا U۔",
    pushBack: "کیا آپ کو یقین ہے؟ میرے خیال میں چھوٹے β پر ایرر کم ہے۔",
    revised:
      "آپ درست ہیں، مجھ سے غلطی ہوئی۔ درست شدہ جواب: منحنی (ب) — درمیانے β پر ایرر سب سے کم ہے اور بڑے β پر تیزی سے بڑھتا ہے۔",
    heading: "سوال 3 (ج):",
    inWords: "سوال نمبر تین",
  },
};

/** The conversation as the command line reads it (part letters of other scripts made Latin). */
const transcript = (c: Conversation) =>
  normalizeTranscript(
    [
      c.person,
      c.ask,
      "",
      c.model,
      c.first,
      "",
      c.person,
      c.pushBack,
      "",
      c.model,
      c.revised,
      "",
    ].join("\n"),
  );

const letters = new Set(["a", "b", "c", "d"]);

describe("languages: labels, a part, a revised answer", () => {
  it.each(Object.entries(conversations))("%s", async (code, c) => {
    const t = transcript(c);
    expect(segmentTranscript(t, homework).map((s) => s.role)).toEqual([
      "person",
      "model",
      "person",
      "model",
    ]);
    const parsed = parseTranscript(t, homework);
    const roles = new Set([...parsed.segmentation.labels.values()].map((l) => l.role));
    expect(roles).toEqual(new Set(["person", "model"]));
    // the revised reply carries a revision word of its language
    const own = languages.find((l) => l.language === code)!;
    const last = parsed.candidates.get("3c")!.at(-1)!;
    expect(last.markers.some((m) => own.revision.includes(m))).toBe(true);
    const r = await grade(t, exampleKey, closedFormTools());
    expect(r.parts.find((p) => p.id === "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    expect(readMarker(normalizeTranscript(c.heading), letters)).toMatchObject({
      problem: 3,
      letter: "c",
    });
    expect(readMarker(c.inWords, letters)).toMatchObject({ problem: 3, strong: true });
  });
});

describe("words once written into the grader's patterns, now read in every language", () => {
  const graded = async (t: string, id: string) =>
    (await grade(t, exampleKey, closedFormTools())).parts.find((p) => p.id === id)!;
  it("words typed without their diacritics read as the lexicon writes them", () => {
    const answer = words("answer");
    expect(answer).toContain("respuesta");
    expect(answer).toContain("câu trả lời");
    expect(answer).toContain("cau tra loi");
    expect(withoutMarks("Đáp án cuối cùng, łódź, sø")).toBe("Dap an cuoi cung, lodz, so");
    // only longer phrases gain a folded form: a folded "là" would be Spanish "la"
    const added = answer.filter((w) => !languages.some((l) => l.answer.includes(w)));
    expect(added.length).toBeGreaterThan(10);
    for (const w of added) expect(w.replace(/[^\p{L}]/gu, "").length).toBeGreaterThanOrEqual(5);
  });
  it("declined: Khmer 'មិន​ត្រូវ​បាន​ភ្ជាប់' (not attached), written with zero-width spaces: the options are named only to ask for the figure", async () => {
    const t = normalizeTranscript(
      "User: 3(c)?\nGemini: រូបភាព​មិន​ត្រូវ​បាន​ភ្ជាប់​មក​ទេ។ សូម​ផ្ញើ​រូបភាព ឬ​ពិពណ៌នា​ខ្សែកោង (a), (b), (c), (d) នីមួយៗ។\n",
    );
    expect((await graded(t, "3c")).verdict).toBe("not answered");
  });
  it("hedge: Malay 'kedua-dua tafsiran boleh dipertahankan' (both readings defensible) leaves the plots undecided", async () => {
    const t =
      "User: 2(b)?\nMeta AI: Plot A mungkin forward KL dan plot B reverse KL, tetapi plot A pun boleh datang daripada reverse KL. Kedua-dua tafsiran boleh dipertahankan.\n";
    expect((await graded(t, "2b")).verdict).toBe("ambiguous");
  });
  it("a problem's number set before its word, as Hungarian and Lithuanian write it ('1. feladat', '1 uždavinį'), names that problem", () => {
    const refs = (t: string) => partRefs(t, letters, true).map((r) => [r.problem, r.letter]);
    expect(refs("Az 1. feladat és a 3(d)")).toEqual([
      [1, undefined],
      [3, "d"],
    ]);
    expect(refs("atsakymai į 1 uždavinį ir 3(d) i")).toEqual([
      [1, undefined],
      [3, "d"],
    ]);
  });
  it("retraction: 'Warte, nein' takes back what the line said before it", async () => {
    const t = "User: 3(c)?\nAssistant: Die Antwort ist (d). Warte, nein — es ist (b).\n";
    expect(await graded(t, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
  });
  it("but: a negation's reach ends at Italian 'ma' ('non è (d) ma (b)')", async () => {
    const t = "User: 3(c)?\nAssistant: La risposta non è (d) ma (b).\n";
    expect(await graded(t, "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
  });
  it("whereas: French 'tandis que' splits the clauses each plot is paired in", async () => {
    const t =
      "User: 2(b)?\nAssistant: A correspond à la KL directe tandis que B correspond à la KL inverse.\n";
    expect(await graded(t, "2b")).toMatchObject({ verdict: "correct" });
  });
  it("subject verbs: 'A é …' names panel A in Portuguese", async () => {
    const t = "User: 3(d)(i)?\nAssistant: A é β = 1e-3; B é β = 1e-6; C é β = 1.\n";
    expect(await graded(t, "3d-i")).toMatchObject({ verdict: "correct" });
  });
  it("worst: Spanish 'la peor' rules its option out", async () => {
    const t = "User: 3(d)(ii)?\nAssistant: β = 1e-3. β = 1 es la peor.\n";
    expect(await graded(t, "3d-ii")).toMatchObject({ answer: "β = 1e-3" });
  });
  it("qualifiers: German 'abgeschnitten' changes the distribution written before it", async () => {
    const t = "User: 2(a)?\nAssistant: P = N(0, 1) abgeschnitten auf [0, 1], Q = N(0, 1).\n";
    const p = await graded(t, "2a");
    expect(p.verdict).toBe("unreadable");
    expect(p.evidence).toMatch(/abgeschnitten/);
  });
  it("spoken numbers: 'ten to the minus three', 'zero point zero zero one' as each language says them", () => {
    const spoken: Record<string, string> = {
      de: "zehn hoch minus drei; null komma null null eins",
      pl: "dziesięć do potęgi minus trzy; zero przecinek zero zero jeden",
      tr: "on üzeri eksi üç; sıfır virgül sıfır sıfır bir",
      ro: "zece la puterea minus trei; zero virgulă zero zero unu",
    };
    // (a language whose word for "minus" is also "less" has none: "au moins un terme" stays)
    expect(normalizeTranscript("au moins un terme")).toBe("au moins un terme");
    for (const [language, text] of Object.entries(spoken)) {
      const s = normalizeTranscript(text);
      expect(s, language).toContain("10^-3");
      expect(s, language).toContain("0.001");
    }
  });
  it("partOf: 'το δεύτερο ερώτημα της τρίτης άσκησης' is 3(b)", () => {
    expect(
      partRefs("το δεύτερο ερώτημα της τρίτης άσκησης", letters, false).map((r) => [
        r.problem,
        r.letter,
      ]),
    ).toEqual([[3, "b"]]);
  });
});
