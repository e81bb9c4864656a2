/**
 * `groundtruth kl P Q [--json]`: D_KL(P‖Q) and D_KL(Q‖P) for distributions written as people
 * write them, every reading of ambiguous notation, and the reason for any infinity.
 */
import type { Command } from "commander";
import { z } from "zod";
import type { KlJson, KlSide } from "../../pipeline/index.js";
import { action } from "../action.js";

const Options = z.object({ json: z.boolean().optional() }).strict();

function showSide(name: string, s: KlSide): string {
  if (s.finite) return `  ${name} = ${s.value!.toPrecision(8)} nats  (${s.method})`;
  return `  ${name} = ∞  (${s.method}): ${s.reason}`;
}

/** The text output: each reading's P, Q and both directions, with the reason for any ∞. */
export function klText(rows: KlJson[]): string {
  const lines: string[] = [];
  if (rows.length > 1) {
    lines.push(`The notation is ambiguous: ${rows.length} readings, each computed.`);
  }
  for (const r of rows) {
    if (rows.length > 1) lines.push("", `reading: ${r.reading}`);
    lines.push(`P = ${r.p}`, `Q = ${r.q}`);
    lines.push(showSide("KL(P‖Q)", r.pq), showSide("KL(Q‖P)", r.qp));
  }
  return `${lines.join("\n")}\n`;
}

export function registerKl(program: Command): void {
  program
    .command("kl")
    .description("KL divergence both ways between two distributions, e.g. kl 'U(0,1)' 'U(0,2)'")
    .argument(
      "<P>",
      "first distribution, e.g. 'N(0, 4)', '\\mathcal{N}(0,1)', '0.5 N(-2,0.5^2) + 0.5 N(2,0.5^2)'",
    )
    .argument(
      "<Q>",
      "second distribution, e.g. 'Cauchy(0, 1)', 'U(0, 2)', '[0.5, 0.5]', 'HalfNormal(1)', 'N(0,1) truncated to [0, ∞)', 'Poisson(3)', 'Binomial(10, 0.3)', 'Geometric(p=0.2, from=1)', a written density 'p(x) = 2x on [0, 1]'",
    )
    .option("--json", "print one JSON object per reading (a list when there are several)")
    .action(
      action(
        "kl",
        Options,
        async (o, pText: string, qText: string) => {
          const { klReadings } = await import("../../pipeline/index.js");
          const rows = await klReadings(pText, qText);
          if (o.json) {
            process.stdout.write(
              `${JSON.stringify(rows.length === 1 ? rows[0] : rows, null, 2)}\n`,
            );
            return;
          }
          process.stdout.write(klText(rows));
        },
        { named: false },
      ),
    );
}
