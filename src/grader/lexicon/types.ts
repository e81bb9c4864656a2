/**
 * The words of one language that the grader reads structure by: who is speaking, where reasoning
 * starts, what marks an answer, a revision, a negation, a tick, a problem or part, a person's
 * comment or judgment. All lower case; matched as whole words (or as written, for scripts without
 * spaces). A new language is a new file here, added to the list in index.ts.
 */
export type Lexicon = {
  language: string;
  /** Names the person goes by in exports: "you", "user", "tú". */
  personLabels: string[];
  /** Generic names of the answering side: "assistant", "answer", "response". */
  modelLabels: string[];
  /** "said", "dijo", "a dit": a label followed by one of these names a speaker. */
  said: string[];
  /** Openers of a model's reasoning: "thought process", "show thinking". */
  reasoning: string[];
  /** A line that only reports thinking time: "thought for", "reasoned for". */
  reasoningDuration: string[];
  /** Words that mark an answer as the answer: "answer", "final answer", "respuesta". */
  answer: string[];
  /**
   * Words that call a block of answers the final ones wherever it stands ("EDIT 2 (final — this is
   * what I'm handing in)", "versión definitiva"). Optional: a language without them adds none.
   */
  final?: string[];
  /**
   * A chat page's buttons, copied as a line of their own under a message: "Edit" under the
   * person's, "Copy", "Retry" under the model's. Optional.
   */
  personMessageEnd?: string[];
  /**
   * A Q&A site's page copied as text (Stack Exchange): the action line under the question
   * ("improve this question") and under each answer ("improve this answer"), the line that opens
   * a post's byline ("asked", "answered"; not "edited", whose editor may be someone else), and the line closing its comments ("add a comment").
   * Optional.
   */
  questionFooter?: string[];
  answerFooter?: string[];
  /**
   * An answer engine's page (Perplexity) copied as text: the line over a reply's list of sources
   * ("Sources", "Kaynaklar") and the line over the suggested follow-ups ("Related", "İlgili"), in
   * the page's language. With a line that is one of `answer` ("Answer", "Yanıt") they mark each
   * exchange. Optional.
   */
  sources?: string[];
  related?: string[];
  postedBy?: string[];
  commentsEnd?: string[];
  modelMessageEnd?: string[];
  /**
   * What a chat export writes where it left out a message's attachment ("<Media omitted>",
   * "image omitted", "imagem ocultada"). Optional.
   */
  mediaOmitted?: string[];
  /**
   * The person named in the third person, as a model's thoughts name them ("the user wants",
   * "el usuario pide"): text written about the asker, not to them. Optional.
   */
  theUser?: string[];
  /** Words that mark a later answer as replacing an earlier one: "revised", "corrected", "actually". */
  revision: string[];
  /**
   * Phrases by which an answer takes back what it said before them on the same line: "wait, no",
   * "scratch that", "I had it backwards". What the line says before the last of them is set aside.
   */
  retraction: string[];
  /** Words for a problem: "problem", "question", "exercise". */
  problem: string[];
  /**
   * Of those, the ones that make the number after them an ordinal, a problem's only where a
   * problem word follows it: "第3题" is problem 3, "第1项" the first term. Optional.
   */
  ordinalPrefix?: string[];
  /** Words for a part: "part", "parte". */
  part: string[];
  /** Numbers as words, from one: entry k names k + 1 ("two", "dos", "zwei"), as speech-to-text writes them. */
  numbers: string[][];
  /**
   * Numbers as speech-to-text writes them ("ten to the minus three", "minus one point five"): the
   * digit words zero to nine, ten, and the words for minus, the decimal point and a power.
   * Optional.
   */
  spokenNumbers?: {
    digits: string[];
    ten: string;
    minus: string[];
    point: string[];
    power: string[];
  };
  /**
   * Letters this language's script labels parts and options with, in order, when they are not
   * a, b, c, d: entry k stands for the k-th Latin letter ("а", "б", "в", "г"; "क", "ख", "ग", "घ";
   * Persian's first is written as the letter's name, "الف").
   */
  partLetters: string[];
  /** Short words that may stand before a part label: "on (a) …", "for (b): …". */
  leadIn: string[];
  /**
   * Words that tie a part named by an ordinal to its problem: "the second part of the third
   * problem", "la segunda parte del tercer problema". Optional: languages that put the problem
   * first ("третьей задачи", "第三題の") have none.
   */
  partOf?: string[];
  /** Phrases of a person speaking about the answer in their own voice: "in my view", "i disagree". */
  commentary: string[];
  /** Weaker first-person cues: "i think", "i'm not sure". */
  commentaryWeak: string[];
  /** A person's judgment that an answer is right: "correct", "right". */
  judgedRight: string[];
  /** A person's judgment that an answer is wrong: "wrong", "incorrect", "swapped". */
  judgedWrong: string[];
  /**
   * The marker that makes what stands before it an owner: "'s", "的", "の", "의". An option's letter
   * owning an answer word names that part's answer, not the option: "(c) 的结论", "(c)'s answer".
   * Optional.
   */
  possessive?: string[];
  /** Negations: "not", "no", "never". */
  negation: string[];
  /**
   * Negations that close the clause they deny, in languages that put the verb last: "合いません"
   * ("does not fit"), "değil", "않습니다". What the sentence named before one is ruled out (after
   * any choosing word: "(b)が正解で、(d)は合いません"). Optional.
   */
  closingNegation?: string[];
  /**
   * "but" and its like, turning a sentence against what came before: "(a) rises, but (b) …",
   * "aber", "mais", "sino". A sentence is read clause by clause at them (a grid's statement only
   * after a comma), and a negation's reach ends at one: "not (d) but (b)".
   */
  but?: string[];
  /**
   * The conjunction that offers alternatives: "or", "oder", "veya". A conclusion naming two options
   * joined by one ("(b) or (d) could be right") chooses neither. Optional.
   */
  or?: string[];
  /**
   * Conjunctions that set two statements side by side: "while", "whereas", "mientras que",
   * "während". A sentence is read clause by clause, and a grid's prose statement by statement,
   * at them.
   */
  whereas?: string[];
  /**
   * Sentence adverbs of contrast: "however", "jedoch", "sin embargo". A sentence is read clause by
   * clause at them (a grid's statements are not cut there: "θd, however, gets …").
   */
  however?: string[];
  /**
   * Verbs a bare option letter is the subject of, with no article between: "A is the reverse KL",
   * "B minimises KL(P||Q)", "A ist …", "A est …": the letter then names the option. Optional:
   * languages that put the verb last (Turkish, Hindi, Japanese) have none to list.
   */
  subjectVerbs?: string[];
  /**
   * Words that rank an option last: "worst", "worse", "schlechteste", "pire". Like a negation they
   * rule out what they name, and the whole clause it stands in ("β = 1 is worst").
   */
  worst?: string[];
  /**
   * The word for a loss where it stands as a symbol's name before a term's subscript: "loss_task",
   * "Verlust_KL", "perte_reg" (the letters L, ℒ, J need no lexicon).
   */
  lossNames?: string[];
  /**
   * Words right after a distribution that change it, so it is no longer the one written: "N(0, 1)
   * truncated to [0, ∞)", "…, shifted by 2", "abgeschnitten", "tronquée", "截断".
   */
  qualifiers?: string[];
  /** Words that may stand between a distribution and its qualifier (or a "but"): "then", "which is". */
  qualifierLeads?: string[];
  /** Requests of a person: "can you", "please", "solve". */
  request: string[];
  /** Words for a ticked box written out: "checked", "yes". */
  ticked: string[];
  /** Words for an empty box written out: "unchecked", "no". */
  unticked: string[];
  /** The model declining to answer for want of input: "I can't see figure 4", "if you describe it". */
  declined: string[];
  /** A part left for later: "TODO", "skipping", "I'll do it myself", "待定". */
  skipped: string[];
  /**
   * The app's error where a reply would be: "The server is busy", "Something went wrong",
   * "服务器繁忙". Such a reply answers nothing. Optional.
   */
  failedReply?: string[];
  /**
   * A reply to thanks: "you're welcome", "de nada", "gern geschehen". With nothing of an answer in
   * it, it answers nothing. Only phrases that open no answer ("prego", "gerne" open many). Optional.
   */
  welcome?: string[];
  /** Words that mark the option a sentence chooses: "best", "I pick", "the answer", "最适合". */
  preferred: string[];
  /** "only", restricting what follows or precedes it: "only θe", "solo a θe", "只更新 θd". */
  only: string[];
  /** "both": "both terms", "ambos", "beide". */
  both: string[];
  /**
   * Words that make what a sentence chooses hold only under a condition: "if", "si", "wenn",
   * "如果", "açısından" (from the standpoint of). Two such choices of different options, with no
   * plain choice after them, leave the answer undecided. Only words that mean nothing else in any
   * language (not Dutch "als", German for "than"; not Swedish "om", "about"). Optional.
   */
  conditional?: string[];
  /**
   * Phrases by which an answer declines to choose between the answers it named: "hard to say",
   * "both readings are defensible", "很难说哪", "khó xác định". Only phrases that never stand in a
   * decided answer (not "it depends", not "maybe"). Optional.
   */
  hedge?: string[];
  /**
   * The indefinite article where it is also the number one ("een", "un", "bir", "एक"): before a
   * problem word it says "a question", not "question one" ("Stel me een vraag"). Optional.
   */
  indefiniteArticles?: string[];
  /** Nouns that stand before an option's or panel's letter: "curve (b)", "plot A", "Gráfico A". */
  optionNouns: string[];
  /**
   * Where the language puts the noun after the letter ("A grafiği", "A 그래프", "Aのグラフ"): the
   * nouns, inflected as they follow it. Only for languages without an article "a", which would
   * read as the letter. Optional.
   */
  optionNounsAfter?: string[];
  /**
   * Stems of the words for the ideas explanations are graded on, by the English words a key's
   * concept patterns are written in ("verteil" → "spread"), so an answer in this language is read
   * for the same ideas. Each stem is a regular expression (with the "u" flag) matched where a word
   * starts. Optional.
   */
  glosses?: Record<string, string[]>;
};
