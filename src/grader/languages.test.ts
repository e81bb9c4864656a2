/**
 * One short conversation per language the lexicons were written for: the chat app's speaker labels
 * in that language, a part named with its own words (and its own letter, where the script has
 * them), a first answer, the person's push-back and the model's revised answer, which counts.
 */
import { describe, expect, it } from "vitest";
import { closedFormTools } from "../../test/fixtures/transcripts/closed-form-tools.js";
import { exampleKey } from "../../test/fixtures/transcripts/example-key.js";
import { homework } from "../problems/homework.js";
import { grade } from "./grade.js";
import { normalizeTranscript, segmentTranscript } from "./transcript.js";

type Conversation = {
  /** The person's and the model's labels, as the chat app prints them. */
  person: string;
  model: string;
  /** The request naming 3(c); the first answer, (d); the push-back; the revised answer, (b). */
  ask: string;
  first: string;
  pushBack: string;
  revised: string;
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
  },
  el: {
    person: "Είπες:",
    model: "Το ChatGPT είπε:",
    ask: "Μπορείς να λύσεις την άσκηση 3, ερώτημα (γ); Ποια καμπύλη δείχνει το σφάλμα επικύρωσης συναρτήσει του β;",
    first: "Απάντηση: καμπύλη (δ), ένα ανεστραμμένο U.",
    pushBack: "Είσαι σίγουρος; Εμένα μου φαίνεται ότι το σφάλμα είναι μικρό για μικρό β.",
    revised:
      "Έχεις δίκιο, έκανα λάθος. Διορθωμένη απάντηση: καμπύλη (β) — το σφάλμα είναι ελάχιστο σε μέτριο β και εκτινάσσεται σε μεγάλο β.",
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

describe("languages: labels, a part, a revised answer", () => {
  it.each(Object.entries(conversations))("%s", async (_, c) => {
    const t = transcript(c);
    expect(segmentTranscript(t, homework).map((s) => s.role)).toEqual([
      "person",
      "model",
      "person",
      "model",
    ]);
    const r = await grade(t, exampleKey, closedFormTools());
    expect(r.parts.find((p) => p.id === "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
  });
});
