/**
 * Latent explorer (Problem 3(d), Figure 4): a β slider over the recorded K = 2 VIB runs, with
 * each run's axis range, class separation and validation error. The runs are the committed
 * results embedded in the page at build time; nothing here is simulated.
 */

import { formatBeta } from "../../src/format/index.js";
import type { LatentRun } from "../../src/report/extract.js";
import { bindHash } from "./hash.js";
import type { PropsTable } from "./state.js";
import { draw, fmt, h, pageData, select, slider, stat } from "./ui.js";

export type LatentState = { beta: number; axes: "own" | "shared" };

export const latentProps: PropsTable<LatentState> = [
  { name: "beta", type: { kind: "number", min: 0 }, fallback: 1e-3 },
  { name: "axes", type: { kind: "enum", values: ["own", "shared"] }, fallback: "own" },
];

/** The union of the runs' extents (for drawing every β on the same axes). */
export function sharedExtent(runs: LatentRun[]): LatentRun["extent"] {
  const es = runs.map((r) => r.extent).filter((e): e is NonNullable<typeof e> => e !== null);
  if (!es.length) return null;
  const lo = (i: 0 | 1) => Math.min(...es.map((e) => e[i][0]));
  const hi = (i: 0 | 1) => Math.max(...es.map((e) => e[i][1]));
  return [
    [lo(0), hi(0)],
    [lo(1), hi(1)],
  ];
}

/** The recorded run closest to β in log scale. */
export function nearestRun(runs: LatentRun[], beta: number): LatentRun | undefined {
  const lb = Math.log10(Math.max(beta, 1e-30));
  let best: LatentRun | undefined;
  for (const r of runs) {
    if (!best || Math.abs(Math.log10(r.beta) - lb) < Math.abs(Math.log10(best.beta) - lb)) best = r;
  }
  return best;
}

const range = (e: LatentRun["extent"]) =>
  e
    ? `z₁ ∈ [${fmt(e[0][0], 3)}, ${fmt(e[0][1], 3)}], z₂ ∈ [${fmt(e[1][0], 3)}, ${fmt(e[1][1], 3)}]`
    : "not recorded";
const pct = (v: number | null) => (v === null ? "not recorded" : `${fmt(100 * v, 3)} %`);

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
    app.dataset.ready = "true";
    return;
  }
  const betas = runs.map((r) => r.beta);
  const binding = bindHash(latentProps, (st) => {
    axesSel.input.value = st.axes;
    render();
  });
  const s = slider({
    label: "β (recorded runs)",
    min: 0,
    max: betas.length - 1,
    step: 1,
    value: Math.max(0, runs.indexOf(nearestRun(runs, binding.state.beta)!)),
    format: (i) => `β = ${formatBeta(betas[i] ?? Number.NaN)}`,
    name: "beta",
  });
  const axesSel = select(
    "Axes",
    [
      { value: "own", text: "each run's own range (as in Figure 4)" },
      { value: "shared", text: "one range for every β (compare scales)" },
    ],
    binding.state.axes,
  );
  const shared = sharedExtent(runs);
  const sBeta = stat("β");
  const sRange = stat("Axis range of the embedding");
  const sSep = stat("Class separation (Fisher ratio)");
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
  const body = h("tbody");
  for (const r of runs) {
    body.append(
      h(
        "tr",
        {},
        h("th", { scope: "row", text: formatBeta(r.beta) }),
        h("td", { text: range(r.extent) }),
        h("td", { text: r.separation === null ? "not recorded" : fmt(r.separation, 3) }),
        h("td", { text: pct(r.knnAccuracy) }),
        h("td", { text: pct(r.valError) }),
      ),
    );
  }
  const head = ["β", "axis range", "separation", "5-NN accuracy", "val. error"];
  const table = h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h("caption", {
        text: `All recorded K = 2 runs (${runs[0]!.profile} profile, ${runs[0]!.file})`,
      }),
      h("thead", {}, h("tr", {}, ...head.map((t) => h("th", { scope: "col", text: t })))),
      body,
    ),
  );
  app.append(h("div", { class: "controls" }, s.wrap, axesSel.wrap), readout, chart, table);

  function render(): void {
    const run = nearestRun(runs, binding.state.beta);
    if (!run) return;
    s.set(runs.indexOf(run));
    sBeta.set(formatBeta(run.beta), `${run.profile} profile`);
    const half = run.extent ? Math.max(...run.extent.flat().map(Math.abs)) : null;
    sRange.set(half === null ? "–" : `±${fmt(half, 3)}`, range(run.extent));
    sSep.set(
      run.separation === null ? "–" : fmt(run.separation, 3),
      `between-class over within-class scatter; 5-NN accuracy ${pct(run.knnAccuracy)}`,
    );
    sErr.set(
      pct(run.valError),
      `held-out validation split; decoder accuracy on these digits ${pct(run.decoderAccuracy)}`,
    );
    if (!run.points.length) {
      chart.textContent = "This run recorded no latent points.";
      app.dataset.ready = "true";
      return;
    }
    const ext = binding.state.axes === "shared" ? shared : run.extent;
    const domain = (i: 0 | 1) => (ext ? { domain: ext[i], nice: false } : {});
    void draw(chart, {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: `Latent means of held-out digits, β = ${formatBeta(run.beta)}`,
      width: 420,
      height: 320,
      data: { values: run.points.map((p) => ({ z1: p.x, z2: p.y, digit: p.label })) },
      mark: { type: "point", filled: true, size: 18 },
      encoding: {
        x: { field: "z1", type: "quantitative", title: "z₁", scale: domain(0) },
        y: { field: "z2", type: "quantitative", title: "z₂", scale: domain(1) },
        color: { field: "digit", type: "nominal", title: "digit" },
        shape: { field: "digit", type: "nominal" },
        tooltip: [
          { field: "digit", type: "nominal" },
          { field: "z1", type: "quantitative", format: ".3g" },
          { field: "z2", type: "quantitative", format: ".3g" },
        ],
      },
    }).then(() => {
      app.dataset.ready = "true";
    });
  }
  axesSel.input.addEventListener("change", () => {
    binding.update({ axes: axesSel.input.value as LatentState["axes"] });
    render();
  });
  s.input.addEventListener("input", () => {
    binding.update({ beta: betas[Number(s.input.value)]! });
    render();
  });
  render();
}
