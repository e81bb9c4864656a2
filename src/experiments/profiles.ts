/**
 * The reproduction profiles, one record each, smallest first: what `--profile` accepts for the
 * VIB, the key and `reproduce`, and the Transformer profile each one trains. Every command, the
 * key and the report read this list. No imports, so the CLI reads it without loading the engine.
 */
export const PROFILES = {
  /** Everything in minutes: the shapes the problems ask about, not the paper's numbers. */
  quick: { transformer: "quick" },
  /** The paper's VIB model for 30 epochs; a 2+2-layer Transformer for 2 000 steps. */
  standard: { transformer: "standard" },
  /** The paper's VIB setting throughout; the course's Transformer. */
  paper: { transformer: "course" },
} as const;

export type ProfileName = keyof typeof PROFILES;
/** The profile a command runs when none is named: the smallest. */
export const DEFAULT_PROFILE = "quick" satisfies ProfileName;
/** The Transformer profile a command trains when none is named: the default profile's. */
export const DEFAULT_TRANSFORMER_PROFILE = PROFILES[DEFAULT_PROFILE].transformer;
/** The profile names, smallest first. */
export const PROFILE_NAMES = Object.keys(PROFILES) as readonly ProfileName[];
/** The same names as a non-empty tuple (what `z.enum` takes). */
export const profileEnum = PROFILE_NAMES as readonly [ProfileName, ...ProfileName[]];
/** "quick | standard | paper", for help text. */
export const profileChoices = PROFILE_NAMES.join(" | ");
