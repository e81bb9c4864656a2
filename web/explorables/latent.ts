/**
 * Latent explorer (Problem 3(d), Figure 4): a β slider over the recorded K = 2 VIB runs, with
 * each run's axis range, class separation and validation error. The runs are the committed
 * results embedded in the page at build time; nothing here is simulated.
 */
import type { LatentRun } from "../../src/report/extract.js";
import { bindHash } from "./hash.js";
import type { PropsTable } from "./state.js";
import { draw, fmt, h, pageData, slider, stat } from "./ui.js";

export type LatentState = { beta: number; seed: number };

export const latentProps: PropsTable<LatentState> = [
  { name: "beta", type: { kind: "number", min: 0 }, fallback: 1e-3 },
  { name: "seed", type: { kind: "int", min: 0 }, fallback: 0 },
];

/** The recorded run closest to β in log scale (and with the seed, when several are recorded). */
export function nearestRun(runs: LatentRun[], beta: number, seed: number): LatentRun | undefined {
  const lb = Math.log10(Math.max(beta, 1e-30));
  const withSeed = runs.filter((r) => r.seed === seed);
  const pool = withSeed.length ? withSeed : runs;
  let best: LatentRun | undefined;
  for (const r of pool) {
    if (!best || Math.abs(Math.log10(r.beta) - lb) < Math.abs(Math.log10(best.beta) - lb)) best = r;
  }
  return best;
}

const range = (e: LatentRun["extent"]) =>
  e
    ? `z₁ ∈ [${fmt(e[0][0], 3)}, ${fmt(e[0][1], 3)}], z₂ ∈ [${fmt(e[1][0], 3)}, ${fmt(e[1][1], 3)}]`
    : "not recorded";

export function startLatent(app: HTMLElement): void {
  const runs = pageData<LatentRun[]>("latent-runs", []);
  app.textContent = "";
  if (runs.length === 0) {
    app.append(
      h(
        "p",
        { class: "notice", role: "note" },
        h("strong", { text: "Not yet run: " }),
        "the K = 2 VIB runs — run ",
        h("code", { text: "groundtruth reproduce" }),
        ".",
      ),
    );
    return;
  }
  const betas = [...new Set(runs.map((r) => r.beta))].sort((a, b) => a - b);
  const seeds = [...new Set(runs.map((r) => r.seed ?? 0))].sort((a, b) => a - b);
  const binding = bindHash(latentProps, () => render());
  const indexOf = (beta: number) => {
    const run = nearestRun(runs, beta, binding.state.seed);
    return Math.max(0, betas.indexOf(run?.beta ?? betas[0]!));
  };
  const s = slider({
    label: "β (recorded runs)",
    min: 0,
    max: betas.length - 1,
    step: 1,
    value: indexOf(binding.state.beta),
    format: (i) => `β = ${betas[i]?.toExponential(0) ?? "?"}`,
    name: "beta",
  });
  const seedSel = h("select", { id: "latent-seed" });
  for (const sd of seeds) seedSel.append(h("option", { value: sd, text: String(sd) }));
  seedSel.value = String(seeds.includes(binding.state.seed) ? binding.state.seed : seeds[0]);
  const controls = h("div", { class: "controls" }, s.wrap);
  if (seeds.length > 1)
    controls.append(
      h("div", { class: "control" }, h("label", { for: "latent-seed", text: "Seed" }), seedSel),
    );
  const sBeta = stat("β");
  const sRange = stat("Axis range of the embedding");
  const sSep = stat("Class separation");
  const sErr = stat("Validation error");
  const readout = h(
    "div",
    { class: "readout", "aria-live": "polite" },
    sBeta.el,
    sRange.el,
    sSep.el,
    sErr.el,
  );
  const chart = h("div", {
    class: "vega",
    role: "img",
    "aria-label": "Latent embedding of the selected run",
  });
  const tableBody = h("tbody");
  const table = h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h("caption", { text: "All recorded K = 2 runs" }),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...["β", "seed", "axis range", "separation", "val. error"].map((t) =>
            h("th", { scope: "col", text: t }),
          ),
        ),
      ),
      tableBody,
    ),
  );
  for (const r of runs) {
    tableBody.append(
      h(
        "tr",
        {},
        h("th", { scope: "row", text: r.beta.toExponential(0) }),
        h("td", { text: String(r.seed ?? "–") }),
        h("td", { text: range(r.extent) }),
        h("td", { text: r.separation === null ? "not recorded" : fmt(r.separation, 3) }),
        h("td", { text: r.valError === null ? "not recorded" : `${fmt(100 * r.valError, 3)} %` }),
      ),
    );
  }
  app.append(controls, readout, chart, table);

  function render(): void {
    const seed = Number(seedSel.value);
    const run = nearestRun(runs, binding.state.beta, seed);
    if (!run) return;
    s.set(betas.indexOf(run.beta));
    sBeta.set(
      run.beta.toExponential(0),
      `run ${run.file}${run.seed === null ? "" : `, seed ${run.seed}`}`,
    );
    sRange.set(
      run.extent ? `±${fmt(Math.max(...run.extent.flat().map(Math.abs)), 3)}` : "–",
      range(run.extent),
    );
    sSep.set(
      run.separation === null ? "–" : fmt(run.separation, 3),
      "between-class distance over within-class spread, as recorded",
    );
    sErr.set(
      run.valError === null ? "–" : `${fmt(100 * run.valError, 3)} %`,
      "on the held-out validation split",
    );
    const pts = run.points.length
      ? run.points.map((p) => ({ z1: p.x, z2: p.y, class: p.label, kind: "sample" }))
      : run.classMeans.map((m) => ({
          z1: m.mean[0],
          z2: m.mean[1],
          class: m.label,
          kind: "class mean",
        }));
    if (!pts.length) {
      chart.textContent = "This run recorded no latent points.";
      return;
    }
    const scale = (i: 0 | 1) => (run.extent ? { domain: run.extent[i], nice: false } : {});
    void draw(chart, {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: `Latent embedding, β = ${run.beta.toExponential(0)}`,
      width: 420,
      height: 320,
      data: { values: pts },
      mark: { type: "point", filled: true, size: run.points.length ? 14 : 120 },
      encoding: {
        x: { field: "z1", type: "quantitative", title: "z₁", scale: scale(0) },
        y: { field: "z2", type: "quantitative", title: "z₂", scale: scale(1) },
        color: { field: "class", type: "nominal", title: "digit" },
        shape: { field: "class", type: "nominal" },
        tooltip: [
          { field: "class", type: "nominal" },
          { field: "z1", type: "quantitative", format: ".3g" },
          { field: "z2", type: "quantitative", format: ".3g" },
          { field: "kind", type: "nominal" },
        ],
      },
    }).then(() => {
      app.dataset.ready = "true";
    });
  }
  s.input.addEventListener("input", () => {
    binding.update({ beta: betas[Number(s.input.value)]! });
    render();
  });
  seedSel.addEventListener("change", () => {
    binding.update({ seed: Number(seedSel.value) });
    render();
  });
  render();
}
