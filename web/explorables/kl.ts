/**
 * KL explorer (Problem 2): P and Q typed as text (read by the project's parser, every reading of
 * ambiguous notation kept), or moved by sliders; KL both ways with the toolkit's verdict and
 * reason; and the forward and reverse Gaussian fits on a target of your choice.
 */

import { lineChart } from "../../src/charts/figure.js";
import {
  DEFAULT_TARGET,
  type Distribution,
  familyOf,
  formatDistribution,
  isDiscrete,
  KlOverflowError,
  type KlResult,
  kl,
  klReverse,
  locationScale,
  type PairReading,
  ParseError,
  parsePair,
  pdf,
  validate,
} from "../../src/divergences/index.js";
import { bindHash } from "./hash.js";
import { type FitSection, fitSection } from "./kl-fit.js";
import type { PropsTable } from "./state.js";
import { control, draw, fmt, h, select, slider, stat } from "./ui.js";

export type KlState = {
  p: string;
  q: string;
  reading: number;
  target: string;
  steps: number;
  seed: number;
};

export const klProps: PropsTable<KlState> = [
  { name: "p", type: { kind: "string", maxLength: 400 }, fallback: "N(0, 1)" },
  { name: "q", type: { kind: "string", maxLength: 400 }, fallback: "N(0, 4)" },
  { name: "reading", type: { kind: "int", min: 0, max: 8 }, fallback: 0 },
  { name: "target", type: { kind: "string", maxLength: 400 }, fallback: DEFAULT_TARGET },
  { name: "steps", type: { kind: "int", min: 100, max: 1500 }, fallback: 600 },
  { name: "seed", type: { kind: "int", min: 0, max: 1_000_000 }, fallback: 0 },
];

/** Grid of x values that shows both densities (continuous parts only). */
export function plotRange(ds: Distribution[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of ds) {
    const { loc, scale } = locationScale(d);
    const s = Math.min(Math.max(scale, 1e-3), 50);
    lo = Math.min(lo, loc - 4 * s);
    hi = Math.max(hi, loc + 4 * s);
    const jumps = familyOf(d)?.jumps?.(d);
    if (jumps) {
      lo = Math.min(lo, jumps[0] - 0.5);
      hi = Math.max(hi, jumps[1] + 0.5);
    }
  }
  return [lo, hi];
}

/** Density rows for a line chart: [{x, density, series}], n points over the range. */
export function densityRows(
  named: Array<[string, Distribution]>,
  n = 240,
): Array<Record<string, number | string>> {
  const [lo, hi] = plotRange(named.map(([, d]) => d));
  const rows: Array<Record<string, number | string>> = [];
  for (const [name, d] of named) {
    if (isDiscrete(d)) continue;
    for (let i = 0; i <= n; i++) {
      const x = lo + ((hi - lo) * i) / n;
      const y = pdf(d, x);
      rows.push({ x, density: Number.isFinite(y) ? Math.min(y, 50) : 0, series: name });
    }
  }
  return rows;
}

/** The density plot of named distributions, built by the project's chart code (src/charts). */
export function densitySpec(title: string, rows: Array<Record<string, number | string>>) {
  const spec = lineChart({
    name: "densities",
    title,
    rows,
    x: "x",
    y: "density",
    series: "series",
    height: 230,
  }).spec;
  return spec as unknown as Record<string, unknown>;
}

const klText = (r: KlResult) => (r.finite && r.value !== null ? fmt(r.value, 3) : "∞");

/** What a readout card shows: the KL, and the method (finite) or the reason (∞). */
export type KlCard = { value: string; detail: string; infinite: boolean };

/**
 * The D_KL(P ‖ Q) and D_KL(Q ‖ P) cards for one reading; each reason names P and Q as the page
 * does. Parameters too extreme for double precision show why on both cards.
 */
export function klCards(r: PairReading): { pq: KlCard; qp: KlCard } {
  const card = (direction: () => KlResult): KlCard => {
    let k: KlResult;
    try {
      k = direction();
    } catch (err) {
      // one direction may overflow where the other has a value: each card says its own
      if (!(err instanceof KlOverflowError)) throw err;
      return { value: "–", detail: err.message, infinite: false };
    }
    return {
      value: klText(k),
      detail: k.finite ? `${k.method}; reading: ${r.label}` : (k.reason ?? ""),
      infinite: !k.finite,
    };
  };
  return {
    pq: card(() => kl(r.p, r.q)),
    qp: card(() => klReverse(r.p, r.q)),
  };
}

function parseErrorText(err: unknown, which: string): string {
  if (err instanceof ParseError) return `${which}: ${err.message}`;
  return `${which}: ${(err as Error).message}`;
}

export function startKl(app: HTMLElement): void {
  let fits: FitSection | undefined;
  const binding = bindHash(klProps, (s) => {
    pIn.value = s.p;
    qIn.value = s.q;
    fits?.sync(s);
    update();
  });
  const pIn = h("input", {
    type: "text",
    value: binding.state.p,
    spellcheck: "false",
    autocomplete: "off",
    name: "p",
  });
  const qIn = h("input", {
    type: "text",
    value: binding.state.q,
    spellcheck: "false",
    autocomplete: "off",
    name: "q",
  });
  const pErr = h("pre", { class: "parse-error", role: "alert", id: "p-error" });
  const qErr = h("pre", { class: "parse-error", role: "alert", id: "q-error" });
  const pBox = control(
    "P (type a distribution)",
    pIn,
    "e.g. N(0, 1), U(0, 1), Laplace(0, 1), Exp(1), t(3), 0.5 N(-2,1) + 0.5 N(2,1)",
  );
  pBox.append(pErr);
  const qBox = control("Q", qIn, "the same notation; P and Q are read with one shared convention");
  qBox.append(qErr);
  const readingSel = select("Notation (when ambiguous)", [{ value: "0", text: "—" }], "0");
  const pSliders = h("div", { class: "control", role: "group", "aria-label": "Parameters of P" });
  const qSliders = h("div", { class: "control", role: "group", "aria-label": "Parameters of Q" });
  const sPQ = stat("D_KL(P ‖ Q)");
  const sQP = stat("D_KL(Q ‖ P)");
  const readout = h("div", { class: "readout", "aria-live": "polite" }, sPQ.el, sQP.el);
  const table = h("div", { class: "table-wrap" });
  const chart = h("div", { class: "vega", role: "img", "aria-label": "Densities of P and Q" });
  app.textContent = "";
  app.append(
    h("div", { class: "controls" }, pBox, qBox, readingSel.wrap),
    h("div", { class: "controls" }, pSliders, qSliders),
    readout,
    table,
    chart,
  );
  fits = fitSection(binding);
  app.append(fits.el);

  let readings: PairReading[] = [];

  function sliderGroup(
    holder: HTMLElement,
    title: string,
    d: Distribution | undefined,
    which: "p" | "q",
  ): void {
    holder.textContent = "";
    holder.append(h("span", { class: "label", text: `${title} parameters` }));
    const spec = d ? familyOf(d)?.sliders : undefined;
    if (!d || !spec) {
      holder.append(
        h("small", { text: d ? `no sliders for ${d.kind}; edit the text` : "fix the text first" }),
      );
      return;
    }
    for (const [field, label, min, max, step] of spec) {
      const value = (d as Record<string, unknown>)[field] as number;
      const s = slider({
        label: `${which.toUpperCase()}: ${label}`,
        min,
        max,
        step,
        value,
        format: (v) => fmt(v, 3),
        name: `${which}-${field}`,
      });
      s.input.addEventListener("input", () => {
        const next = { ...d, [field]: Number(s.input.value) } as Distribution;
        try {
          validate(next);
        } catch (err) {
          (which === "p" ? pErr : qErr).textContent = (err as Error).message;
          return;
        }
        const text = formatDistribution(next);
        (which === "p" ? pIn : qIn).value = text;
        binding.update(which === "p" ? { p: text } : { q: text });
        update(false);
      });
      holder.append(s.wrap);
    }
  }

  function update(rebuildSliders = true): void {
    pErr.textContent = "";
    qErr.textContent = "";
    try {
      readings = parsePair(pIn.value, qIn.value);
    } catch (err) {
      readings = [];
      // Say which side failed, with the caret under the offending character.
      for (const [text, el, name] of [
        [pIn.value, pErr, "P"],
        [qIn.value, qErr, "Q"],
      ] as const) {
        try {
          parsePair(text, text);
        } catch (e) {
          el.textContent = parseErrorText(e, name);
        }
      }
      if (!pErr.textContent && !qErr.textContent) pErr.textContent = parseErrorText(err, "P, Q");
      sPQ.set("–", "fix the text above");
      sQP.set("–", "fix the text above");
      app.dataset.ready = "true";
      return;
    }
    const idx = Math.min(binding.state.reading, readings.length - 1);
    readingSel.input.textContent = "";
    for (const [i, r] of readings.entries())
      readingSel.input.append(h("option", { value: i, text: r.label }));
    readingSel.input.value = String(idx);
    readingSel.input.disabled = readings.length < 2;
    const r = readings[idx]!;
    const cards = klCards(r);
    for (const [card, el] of [
      [cards.pq, sPQ],
      [cards.qp, sQP],
    ] as const)
      el.set(card.value, card.detail, card.infinite ? "infinite" : "");
    table.textContent = "";
    if (readings.length > 1) {
      const body = h("tbody");
      for (const rr of readings) {
        const b = klCards(rr);
        body.append(
          h(
            "tr",
            {},
            h("th", { scope: "row", text: rr.label }),
            h("td", { text: `${formatDistribution(rr.p)} | ${formatDistribution(rr.q)}` }),
            h("td", { class: "num", text: b.pq.value }),
            h("td", { class: "num", text: b.qp.value }),
          ),
        );
      }
      table.append(
        h(
          "table",
          {},
          h("caption", { text: "Every reading of the notation" }),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["reading", "P | Q", "KL(P‖Q)", "KL(Q‖P)"].map((t) =>
                h("th", { scope: "col", text: t }),
              ),
            ),
          ),
          body,
        ),
      );
    }
    if (rebuildSliders) {
      sliderGroup(pSliders, "P", r.p, "p");
      sliderGroup(qSliders, "Q", r.q, "q");
    }
    const rows = densityRows([
      [`P = ${formatDistribution(r.p)}`, r.p],
      [`Q = ${formatDistribution(r.q)}`, r.q],
    ]);
    if (rows.length) {
      void draw(chart, densitySpec("Densities of P and Q", rows));
    }
    app.dataset.ready = "true";
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const onText = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      binding.update({ p: pIn.value, q: qIn.value });
      update();
    }, 150);
  };
  pIn.addEventListener("input", onText);
  qIn.addEventListener("input", onText);
  readingSel.input.addEventListener("change", () => {
    binding.update({ reading: Number(readingSel.input.value) });
    update();
  });
  update();
}
