/**
 * Agreement with a careful human on a corpus: the verdicts a grader gives against the ones in an
 * expected file ({"file": {"2a": "incorrect", …}}), per part and overall, with a confusion matrix
 * and every disagreement with the grader's evidence. Parts the file leaves out are not counted.
 */
import { z } from "zod";
import { percentOf } from "../format/index.js";
import type { Report } from "./grade.js";
import { VERDICT_NAMES, type Verdict } from "./verdicts.js";

export const expectedSchema = z.record(
  z.string(),
  z.record(z.string(), z.enum(VERDICT_NAMES as [Verdict, ...Verdict[]])),
);
export type Expected = z.infer<typeof expectedSchema>;

export type Disagreement = {
  file: string;
  part: string;
  expected: Verdict;
  got: Verdict;
  evidence: string;
};

export type Agreement = {
  agreed: number;
  total: number;
  perPart: Record<string, { agreed: number; total: number }>;
  /** confusion[expected][got] = count */
  confusion: Record<string, Record<string, number>>;
  disagreements: Disagreement[];
  /** Expected files the corpus did not have. */
  missing: string[];
};

/** Compare graded reports (by file name relative to the corpus) with the expected verdicts. */
export function agreement(reports: Map<string, Report>, expected: Expected): Agreement {
  const out: Agreement = {
    agreed: 0,
    total: 0,
    perPart: {},
    confusion: {},
    disagreements: [],
    missing: [],
  };
  for (const [file, parts] of Object.entries(expected)) {
    const r = reports.get(file);
    if (!r) {
      out.missing.push(file);
      continue;
    }
    for (const [part, want] of Object.entries(parts)) {
      const p = r.parts.find((x) => x.id === part);
      const got: Verdict = p?.verdict ?? "not answered";
      out.total++;
      out.perPart[part] ??= { agreed: 0, total: 0 };
      const pp = out.perPart[part];
      pp.total++;
      out.confusion[want] ??= {};
      const row = out.confusion[want];
      row[got] = (row[got] ?? 0) + 1;
      if (got === want) {
        out.agreed++;
        pp.agreed++;
      } else
        out.disagreements.push({ file, part, expected: want, got, evidence: p?.evidence ?? "" });
    }
  }
  return out;
}

/** The agreement as a plain-text report. */
export function formatAgreement(a: Agreement): string {
  const lines: string[] = [];
  lines.push(`agreement: ${a.agreed} of ${a.total} parts (${percentOf(a.agreed, a.total)})`);
  lines.push("", "per part:");
  for (const [part, p] of Object.entries(a.perPart).sort())
    lines.push(
      `  ${part.padEnd(6)} ${String(p.agreed).padStart(3)}/${String(p.total).padEnd(3)} ${percentOf(p.agreed, p.total)}`,
    );
  const cols = VERDICT_NAMES.filter((v) => Object.values(a.confusion).some((r) => r[v]));
  lines.push("", "confusion (rows: expected, columns: graded):");
  lines.push(`  ${"".padEnd(13)}${cols.map((c) => c.padStart(13)).join("")}`);
  for (const [want, row] of Object.entries(a.confusion))
    lines.push(`  ${want.padEnd(13)}${cols.map((c) => String(row[c] ?? 0).padStart(13)).join("")}`);
  if (a.disagreements.length) {
    lines.push("", "disagreements:");
    for (const d of a.disagreements)
      lines.push(
        `  ${d.file} ${d.part}: expected ${d.expected}, graded ${d.got} — ${d.evidence.slice(0, 300)}`,
      );
  }
  if (a.missing.length) lines.push("", `not in the corpus: ${a.missing.join(", ")}`);
  return `${lines.join("\n")}\n`;
}
