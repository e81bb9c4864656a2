/**
 * `grade --explain`: how a transcript was read — every span of lines with its role, the turn, the
 * cue that decided it, and the part each answering stretch was assigned to, with the label that
 * opened it — so a user sees why a verdict was given.
 */
import { homework } from "../problems/homework.js";
import type { ProblemSet } from "../problems/schema.js";
import { parseTranscript, segmentsOf } from "./transcript.js";

export function explainTranscript(text: string, set: ProblemSet = homework): string {
  const parsed = parseTranscript(text, set);
  const out: string[] = [];
  for (const s of segmentsOf(parsed.segmentation)) {
    const first =
      text
        .slice(s.start, Math.min(s.end, s.start + 200))
        .split("\n")
        .find((l) => l.trim()) ?? "";
    out.push(
      `lines ${String(s.line).padStart(4)}–${String(s.lastLine).padEnd(4)} ${s.role.padEnd(10)} turn ${String(s.turn).padEnd(3)} ${s.cue.slice(0, 90)}  | ${first.trim().slice(0, 60)}`,
    );
  }
  out.push("", "answers found (part ← lines, turn, kind, label):");
  for (const part of set.parts) {
    const cands = parsed.candidates.get(part.id) ?? [];
    if (!cands.length) out.push(`  ${part.id.padEnd(6)} none`);
    for (const c of cands)
      out.push(
        `  ${part.id.padEnd(6)} ← line ${c.line}–${c.lastLine}, turn ${c.turn}, ${c.role}${c.shared ? " (shared label)" : ""}${c.markers.length ? `, markers: ${c.markers.join(", ")}` : ""}, ${c.cue}`,
      );
  }
  return `${out.join("\n")}\n`;
}
