/**
 * Initialization explorer (Problem 1): choose d_model, the init scheme and the vocabulary size;
 * the page initialises the model and measures its initial logits on the spot — their histogram,
 * their std against √d_model over a sweep of widths, and the initial loss against ln V.
 */

import { lineChart } from "../../src/charts/figure.js";
import { initEngine } from "../../src/engine/device.js";
import { INIT_SCHEMES, type InitScheme, initSchemes } from "../../src/models/transformer.js";
import { homework, type PartOf, targetLine } from "../../src/problems/index.js";
import type { InitRecord } from "../../src/report/extract.js";
import { bindHash } from "./hash.js";
import { type InitMeasurement, measureInit } from "./init-compute.js";
import type { PropsTable } from "./state.js";
import { draw, fmt, h, pageData, seedInput, select, stat } from "./ui.js";

export type InitState = { dModel: number; scheme: InitScheme; vocab: number; seed: number };

export const D_MODELS = [32, 64, 128, 256, 512, 1024] as const;
export const VOCABS = [256, 1000, 4000, 8000, 32000] as const;

export const initProps: PropsTable<InitState> = [
  { name: "dModel", type: { kind: "int", oneOf: D_MODELS }, fallback: 512 },
  { name: "scheme", type: { kind: "enum", values: initSchemes }, fallback: "bug" },
  { name: "vocab", type: { kind: "int", oneOf: VOCABS }, fallback: 8000 },
  { name: "seed", type: { kind: "int", min: 0, max: 1_000_000 }, fallback: 0 },
];

/** The problem set's code-fix part: the line this explorer re-initialises. */
const fixPart = homework.parts.find((p): p is PartOf<"code-fix"> => p.answerType === "code-fix");

/** A measured-vs-reference line chart, built with the project's chart code (src/charts). */
function seriesSpec(o: {
  title: string;
  rows: Array<Record<string, number | string>>;
  x: string;
  y: string;
  xTitle: string;
  yTitle: string;
  xLog?: boolean;
  yLog?: boolean;
}): Record<string, unknown> {
  const fig = lineChart({
    name: "sweep",
    title: o.title,
    rows: o.rows,
    x: o.x,
    y: o.y,
    series: "series",
    strokeDash: "series",
    xTitle: o.xTitle,
    yTitle: o.yTitle,
    yScale: o.yLog ? "log" : "linear",
    height: 260,
  });
  const spec = fig.spec as unknown as { mark: unknown; encoding: { x: Record<string, unknown> } };
  spec.mark = { type: "line", point: true, tooltip: true };
  if (o.xLog) spec.encoding.x.scale = { type: "log", base: 2 };
  return spec as unknown as Record<string, unknown>;
}

export function startInit(app: HTMLElement): void {
  const recorded = pageData<InitRecord[]>("init-runs", []);
  const binding = bindHash(initProps, (s) => {
    dSel.input.value = String(s.dModel);
    schemeSel.input.value = s.scheme;
    vSel.input.value = String(s.vocab);
    seedIn.value = String(s.seed);
    schedule();
  });
  const dSel = select(
    "d_model (model width)",
    D_MODELS.map((d) => ({ value: String(d), text: `${d}  (√d = ${fmt(Math.sqrt(d), 3)})` })),
    String(binding.state.dModel),
  );
  const schemeSel = select(
    `Initialization of the tied embedding${fixPart ? ` (line ${targetLine(fixPart)})` : ""}`,
    initSchemes.map((s) => ({ value: s, text: INIT_SCHEMES[s].label })),
    binding.state.scheme,
    INIT_SCHEMES[binding.state.scheme].description,
  );
  const vSel = select(
    "Vocabulary size V",
    VOCABS.map((v) => ({ value: String(v), text: `${v}  (ln V = ${fmt(Math.log(v), 3)})` })),
    String(binding.state.vocab),
  );
  const seedIn = seedInput(binding.state.seed, "init-seed");
  const seedWrap = h(
    "div",
    { class: "control" },
    h("label", { for: "init-seed", text: "Seed" }),
    seedIn,
  );
  const status = h("p", { class: "device", role: "status", text: "Starting the engine…" });
  const sStd = stat("Std of the initial logits");
  const sLoss = stat("Initial loss vs ln V");
  const sMass = stat("Largest softmax probability (mean)");
  const readout = h(
    "div",
    { class: "readout", "aria-live": "polite" },
    sStd.el,
    sLoss.el,
    sMass.el,
  );
  const histEl = h("div", {
    class: "vega",
    role: "img",
    "aria-label": "Histogram of the initial logits",
  });
  const sweepEl = h("div", {
    class: "vega",
    role: "img",
    "aria-label": "Logit std against d_model",
  });
  const lossEl = h("div", {
    class: "vega",
    role: "img",
    "aria-label": "Initial loss against ln V",
  });
  app.textContent = "";
  app.append(
    h("div", { class: "controls" }, dSel.wrap, schemeSel.wrap, vSel.wrap, seedWrap),
    status,
    readout,
    histEl,
    h("h2", { text: "Across widths: std against √d_model" }),
    sweepEl,
    h("h2", { text: "Across vocabularies: initial loss against ln V" }),
    lossEl,
  );

  const cache = new Map<string, Promise<InitMeasurement>>();
  let queue: Promise<unknown> = Promise.resolve();
  /** Measurements run one at a time (one engine), cached by configuration. */
  const measure = (dModel: number, scheme: InitScheme, vocab: number, seed: number) => {
    const key = `${dModel}|${scheme}|${vocab}|${seed}`;
    let p = cache.get(key);
    if (!p) {
      p = queue.then(() => measureInit({ dModel, vocabSize: vocab, scheme, seed }));
      queue = p.catch(() => undefined);
      cache.set(key, p);
    }
    return p;
  };
  let generation = 0;

  async function run(): Promise<void> {
    const gen = ++generation;
    const { dModel, scheme, vocab, seed } = binding.state;
    app.dataset.ready = "false";
    const engine = await initEngine();
    const where = `${engine.device}${engine.workers ? `, ${engine.workers} threads` : ", single-threaded"}`;
    status.textContent = `Measuring on ${where}…`;
    const m = await measure(dModel, scheme, vocab, seed);
    if (gen !== generation) return;
    const ratio = m.logitStd / Math.sqrt(dModel);
    const rec = recorded.find(
      (r) => r.scheme === scheme && r.dModel === dModel && r.vocabSize === vocab,
    );
    const cli = rec
      ? `; the CLI recorded ${fmt(rec.logitStd, 3)} (${rec.file}, other tokens and batch)`
      : "";
    sStd.set(
      fmt(m.logitStd, 3),
      `√d_model = ${fmt(Math.sqrt(dModel), 3)}; measured/√d = ${fmt(ratio, 3)}; the model file predicts ${fmt(m.predictedStd, 3)}${cli}`,
      m.logitStd > 5 ? "infinite" : "",
    );
    sLoss.set(
      `${fmt(m.initialLoss, 3)} nats`,
      `ln V = ${fmt(m.lnVocab, 3)} (a uniform guess); excess ${fmt(m.initialLoss - m.lnVocab, 3)}`,
    );
    sMass.set(
      fmt(m.argmaxMass, 3),
      `1/V = ${fmt(1 / vocab, 3)}: near 1 means the softmax starts almost one-hot`,
    );
    await draw(histEl, {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      title: `Initial logits, ${scheme}, d_model = ${dModel}, V = ${vocab} (${m.histogram.reduce((a, b) => a + b.count, 0)} values)`,
      width: 480,
      height: 220,
      data: { values: m.histogram },
      mark: { type: "bar", color: "#0b57d0" },
      encoding: {
        x: { field: "x0", type: "quantitative", bin: { binned: true }, title: "logit" },
        x2: { field: "x1" },
        y: { field: "count", type: "quantitative", title: "count" },
        tooltip: [
          { field: "x0", type: "quantitative", format: ".3g", title: "from" },
          { field: "x1", type: "quantitative", format: ".3g", title: "to" },
          { field: "count", type: "quantitative" },
        ],
      },
    });
    if (gen !== generation) return;
    app.dataset.ready = "true";
    status.textContent = `Measured on ${where}. Sweeping widths and vocabularies…`;
    const sweep: Array<Record<string, number | string>> = [];
    for (const d of D_MODELS) {
      const md = await measure(d, scheme, vocab, seed);
      if (gen !== generation) return;
      sweep.push({ dModel: d, std: md.logitStd, series: `measured (${scheme})` });
      sweep.push({ dModel: d, std: Math.sqrt(d), series: "√d_model" });
    }
    await draw(
      sweepEl,
      seriesSpec({
        title: `Logit std against d_model (${scheme}, V = ${vocab})`,
        rows: sweep,
        x: "dModel",
        y: "std",
        xTitle: "d_model (log scale)",
        yTitle: "std of initial logits (log scale)",
        xLog: true,
        yLog: true,
      }),
    );
    const losses: Array<Record<string, number | string>> = [];
    for (const v of VOCABS) {
      const mv = await measure(dModel, scheme, v, seed);
      if (gen !== generation) return;
      losses.push({ lnV: Math.log(v), loss: mv.initialLoss, V: v, series: `measured (${scheme})` });
      losses.push({ lnV: Math.log(v), loss: Math.log(v), V: v, series: "ln V (uniform guess)" });
    }
    await draw(
      lossEl,
      seriesSpec({
        title: `Initial loss against ln V (${scheme}, d_model = ${dModel})`,
        rows: losses,
        x: "lnV",
        y: "loss",
        xTitle: "ln V",
        yTitle: "initial cross-entropy (nats)",
      }),
    );
    if (gen === generation) {
      status.textContent = `Measured on ${where}. Link to this view: the address bar holds the configuration.`;
      app.dataset.sweepReady = "true";
    }
  }
  function schedule(): void {
    app.dataset.sweepReady = "false";
    run().catch((err: Error) => {
      status.textContent = `Measurement failed: ${err.message}`;
      status.classList.add("error");
    });
  }
  dSel.input.addEventListener("change", () => {
    binding.update({ dModel: Number(dSel.input.value) });
    schedule();
  });
  schemeSel.input.addEventListener("change", () => {
    binding.update({ scheme: schemeSel.input.value as InitScheme });
    const help = schemeSel.wrap.querySelector("small");
    if (help) help.textContent = INIT_SCHEMES[binding.state.scheme].description;
    schedule();
  });
  vSel.input.addEventListener("change", () => {
    binding.update({ vocab: Number(vSel.input.value) });
    schedule();
  });
  seedIn.addEventListener("change", () => {
    const v = Number(seedIn.value);
    if (Number.isInteger(v) && v >= 0) {
      binding.update({ seed: v });
      schedule();
    }
  });
  schedule();
}
