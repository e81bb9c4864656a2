/**
 * ROUGE-1, ROUGE-2 and ROUGE-L (Lin, 2004) as F1 scores, sentence level.
 *
 * Tokenization (ours, close to Google's `rouge_score` default): lower-case, replace every
 * character that is not a Unicode letter or digit with a space, split on whitespace. No
 * stemming and no stop-word removal. ROUGE-N counts n-gram overlaps clipped by the smaller
 * count; ROUGE-L uses the longest common subsequence. An empty candidate or reference scores 0.
 */

/** Lower-cased letter/digit runs. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter((t) => t.length > 0);
}

/** Precision, recall and their harmonic mean. */
export type Prf = { precision: number; recall: number; f1: number };

function prf(overlap: number, candidateTotal: number, referenceTotal: number): Prf {
  const precision = candidateTotal > 0 ? overlap / candidateTotal : 0;
  const recall = referenceTotal > 0 ? overlap / referenceTotal : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join("\u0001");
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N between token lists. */
export function rougeN(candidate: string[], reference: string[], n: number): Prf {
  const c = ngramCounts(candidate, n);
  const r = ngramCounts(reference, n);
  let overlap = 0;
  for (const [g, k] of c) overlap += Math.min(k, r.get(g) ?? 0);
  return prf(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Length of the longest common subsequence (O(|a|·|b|) time, O(|b|) memory). */
export function lcsLength(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    prev = cur;
  }
  return prev[b.length];
}

/** ROUGE-L between token lists. */
export function rougeL(candidate: string[], reference: string[]): Prf {
  return prf(lcsLength(candidate, reference), candidate.length, reference.length);
}

/** F1 of ROUGE-1, -2 and -L for one candidate/reference pair of texts. */
export type RougeScores = { rouge1: number; rouge2: number; rougeL: number };

export function rouge(candidate: string, reference: string): RougeScores {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return { rouge1: rougeN(c, r, 1).f1, rouge2: rougeN(c, r, 2).f1, rougeL: rougeL(c, r).f1 };
}
