/**
 * What each change of issue 16 contributes, measured in one run: a benchmark (bench/vib.ts or
 * bench/transformer.ts) runs as a child process once per variant and round, the variants
 * interleaved, each child timing jax-js against its PyTorch peer in alternation. The variants:
 *
 *   Node 20 + jax-js as published    the machine's system Node (`--node20`, default /usr/bin/node)
 *   Node 24 + jax-js as published    this project's Node, jax-js without patches/
 *   + matmul kernel patch            patches/…+001+matmul-kernel.patch
 *   + SIMD division patch            and …+002+simd-division.patch
 *   + view fusion patch              and …+003+view-fusion.patch
 *   + k-SIMD tile patch              and …+004+k-simd-tile.patch
 *   + atomics worker channel         kernels handed to the workers through a shared signal
 *                                    block (engine/node-platform.ts): the project as shipped
 *
 * Each variant adds one change to the one before; all but the last hand kernels to the workers
 * by message (GROUNDTRUTH_WORKER_CHANNEL=messages).
 * The weight layout's and the optimizer's shares are measured inside each child (bench/vib.ts).
 *
 *   npx tsx bench/contributions.ts vib [--rounds 5] [--node20 /usr/bin/node] [--json] [-- bench flags]
 *   npx tsx bench/contributions.ts transformer [--rounds 3] [-- --steps 3]
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { log, median, numberArg } from "./harness.js";

const bench = process.argv[2];
if (bench !== "vib" && bench !== "transformer") {
  log("usage: npx tsx bench/contributions.ts vib|transformer [--rounds N] [-- bench flags]");
  process.exit(1);
}
const rounds = numberArg("rounds", bench === "vib" ? 5 : 3);
const node20i = process.argv.indexOf("--node20");
const node20 = node20i >= 0 ? process.argv[node20i + 1] : "/usr/bin/node";
const dash = process.argv.indexOf("--");
const benchFlags = dash >= 0 ? process.argv.slice(dash + 1) : [];
const root = fileURLToPath(new URL("..", import.meta.url));

// jax-js with the patches after the first `keep` taken back out, as a copy beside the installed one
const patches = readdirSync(join(root, "patches"))
  .filter((f) => f.startsWith("@jax-js+jax+"))
  .sort();
const copies: string[] = [];
function jaxWithPatches(keep: number): string {
  const dir = mkdtempSync(join(tmpdir(), "gt-jax-"));
  copies.push(dir);
  const jax = join(dir, "node_modules/@jax-js/jax");
  cpSync(join(root, "node_modules/@jax-js/jax"), jax, { recursive: true });
  for (const patch of patches.slice(keep).reverse()) {
    const reverted = spawnSync("patch", [
      "-R",
      "-p1",
      "-s",
      "-d",
      dir,
      "-i",
      join(root, "patches", patch),
    ]);
    if (reverted.status !== 0) throw new Error(`could not revert ${patch}: ${reverted.stderr}`);
  }
  return jax;
}
const loader = ["--import", join(root, "bench/jax-as-published.mjs")];
const published = jaxWithPatches(0);
const matmulOnly = jaxWithPatches(1);
const withDivision = jaxWithPatches(2);
const withViewFusion = jaxWithPatches(3);

type Variant = { name: string; node: string; args: string[]; jax?: string; messages?: true };
const variants: Variant[] = [
  {
    name: "Node 20 + jax-js as published",
    node: node20,
    args: loader,
    jax: published,
    messages: true,
  },
  {
    name: "Node 24 + jax-js as published",
    node: process.execPath,
    args: loader,
    jax: published,
    messages: true,
  },
  {
    name: "+ matmul kernel patch",
    node: process.execPath,
    args: loader,
    jax: matmulOnly,
    messages: true,
  },
  {
    name: "+ SIMD division patch",
    node: process.execPath,
    args: loader,
    jax: withDivision,
    messages: true,
  },
  {
    name: "+ view fusion patch",
    node: process.execPath,
    args: loader,
    jax: withViewFusion,
    messages: true,
  },
  { name: "+ k-SIMD tile patch", node: process.execPath, args: [], messages: true },
  { name: "+ atomics worker channel", node: process.execPath, args: [] },
];

type Child = { median: { jax: number; torch: number }; ratio: number } & Record<string, unknown>;
const results = new Map<string, Child[]>(variants.map((v) => [v.name, []]));
for (let r = 0; r < rounds; r++) {
  for (const v of variants) {
    const loadBefore = loadavg()[0];
    const child = spawnSync(
      v.node,
      [
        "--import",
        "tsx",
        ...v.args,
        join(root, `bench/${bench}.ts`),
        "--json",
        "--rounds",
        "1",
        "--memory-steps",
        "0",
        ...benchFlags,
      ],
      {
        cwd: root,
        encoding: "utf8",
        env: {
          ...process.env,
          GROUNDTRUTH_PRISTINE_JAX: v.jax ?? "",
          GROUNDTRUTH_WORKER_CHANNEL: v.messages ? "messages" : "atomics",
        },
        maxBuffer: 64 << 20,
      },
    );
    if (child.status !== 0) {
      log(`${v.name}: failed (exit ${child.status})\n${child.stderr.slice(-2000)}`);
      continue;
    }
    const out = JSON.parse(child.stdout) as Child;
    // the 1-minute load average before and after the child: a shared machine shows here
    out.load = [loadBefore, loadavg()[0]];
    results.get(v.name)!.push(out);
    log(
      `round ${r + 1}/${rounds} ${v.name}: jax-js ${out.median.jax.toFixed(2)}, ` +
        `PyTorch ${out.median.torch.toFixed(2)}, ratio ${out.ratio.toFixed(3)} ` +
        `(load ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)})`,
    );
  }
}
for (const dir of copies) rmSync(dir, { recursive: true, force: true });

const summary = variants.map((v) => {
  const runs = results.get(v.name)!;
  return {
    variant: v.name,
    runs: runs.length,
    jax: median(runs.map((c) => c.median.jax)),
    torch: median(runs.map((c) => c.median.torch)),
    ratio: median(runs.map((c) => c.ratio)),
    load: runs.map((c) => c.load),
    shares: runs.map((c) => c.shares),
  };
});
log(`CPU: ${cpus()[0]?.model} × ${cpus().length}; ${bench}, ${rounds} rounds, medians:`);
for (const s of summary)
  log(
    s.runs === 0
      ? `  ${s.variant.padEnd(32)} no run succeeded`
      : `  ${s.variant.padEnd(32)} jax-js ${s.jax.toFixed(2)}  PyTorch ${s.torch.toFixed(2)}  ratio ${s.ratio.toFixed(3)}`,
  );
if (process.argv.includes("--json"))
  process.stdout.write(
    `${JSON.stringify({ benchmark: `${bench}-contributions`, cpu: cpus()[0]?.model, rounds, benchFlags, summary, runs: Object.fromEntries(results) }, null, 2)}\n`,
  );
