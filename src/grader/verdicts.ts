/**
 * The verdicts a part can get, one record each: how the CLI, the annotated pages and the report
 * show it. "not answered" (no answer found) and "unreadable" (an answer found but not read, with
 * the reason) are kept apart; "ambiguous" is two answers of equal weight that disagree.
 */
export const VERDICTS = {
  correct: { mark: "✓", label: "correct" },
  incorrect: { mark: "✗", label: "incorrect" },
  partial: { mark: "~", label: "partially correct" },
  ambiguous: { mark: "≟", label: "ambiguous" },
  "not answered": { mark: "–", label: "not answered" },
  unreadable: { mark: "?", label: "unreadable" },
} as const;

export type Verdict = keyof typeof VERDICTS;

export const VERDICT_NAMES = Object.keys(VERDICTS) as Verdict[];
