/**
 * The verdicts a part can get, one record each: how the CLI, the annotated pages and the report
 * show it, and whether it is the verdict of an answer that was read (`read`: it can be the
 * counted answer). "not answered" (no answer found) and "unreadable" (an answer found but not
 * read, with the reason) are kept apart; "ambiguous" is two answers of equal weight that disagree.
 */
export const VERDICTS = {
  correct: { mark: "✓", label: "correct", read: true },
  incorrect: { mark: "✗", label: "incorrect", read: true },
  partial: { mark: "~", label: "partially correct", read: true },
  ambiguous: { mark: "≟", label: "ambiguous", read: true },
  "not answered": { mark: "–", label: "not answered", read: false },
  unreadable: { mark: "?", label: "unreadable", read: false },
} as const;

export type Verdict = keyof typeof VERDICTS;

export const VERDICT_NAMES = Object.keys(VERDICTS) as Verdict[];
