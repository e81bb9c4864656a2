/**
 * The default target of Problem 2(b), in a module of its own (no imports) so the CLI can show it
 * in its help without loading the KL toolkit.
 */
export const DEFAULT_TARGET = "0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)";
