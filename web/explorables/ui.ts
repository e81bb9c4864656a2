/** Small DOM helpers shared by the explorables: labelled controls, stat boxes, embedded data. */
import embed from "vega-embed";
import { fmt } from "../../src/format/index.js";
import { enhanceSpec, titleText } from "../report/enhance.js";
import { addSeriesToggles, type View } from "../report/toggles.js";

let uid = 0;
const nextId = (p: string) => `${p}-${++uid}`;

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue;
    if (k === "text") el.textContent = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) el.append(c);
  return el;
}

/** A labelled control wrapper. */
export function control(labelText: string, input: HTMLElement, help?: string): HTMLDivElement {
  const id = input.id || nextId("c");
  input.id = id;
  const wrap = h("div", { class: "control" }, h("label", { for: id, text: labelText }), input);
  if (help) {
    const hid = nextId("help");
    wrap.append(h("small", { id: hid, text: help }));
    input.setAttribute("aria-describedby", hid);
  }
  return wrap;
}

/** A range slider with a live `<output>`. */
export function slider(o: {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  format?: (v: number) => string;
  name?: string;
}): { wrap: HTMLDivElement; input: HTMLInputElement; set(v: number): void } {
  const input = h("input", { type: "range", min: o.min, max: o.max, step: o.step, value: o.value });
  if (o.name) input.name = o.name;
  const out = h("output", { for: "" });
  const fmt = o.format ?? ((v: number) => String(v));
  const wrap = control(o.label, input);
  out.htmlFor.add(input.id);
  wrap.append(out);
  const sync = () => {
    out.textContent = fmt(Number(input.value));
    input.setAttribute("aria-valuetext", out.textContent);
  };
  input.addEventListener("input", sync);
  sync();
  return {
    wrap,
    input,
    set(v: number) {
      input.value = String(v);
      sync();
    },
  };
}

/** A `<select>` over string values. */
export function select(
  label: string,
  options: Array<{ value: string; text: string }>,
  value: string,
  help?: string,
): { wrap: HTMLDivElement; input: HTMLSelectElement } {
  const input = h("select");
  for (const o of options) input.append(h("option", { value: o.value, text: o.text }));
  input.value = value;
  return { wrap: control(label, input, help), input };
}

/** A seed field: a non-negative integer, part of every explorable's URL state. */
export function seedInput(value: number, id: string): HTMLInputElement {
  return h("input", { type: "number", min: 0, max: 1000000, step: 1, value, id, name: "seed" });
}

/** A result box: a title, a big value and an explanation line. */
export function stat(title: string): {
  el: HTMLDivElement;
  set(value: string, why?: string, cls?: string): void;
} {
  const value = h("div", { class: "value", text: "…" });
  const why = h("div", { class: "why" });
  const el = h("div", { class: "stat" }, h("div", { class: "label", text: title }), value, why);
  return {
    el,
    set(v, w = "", cls = "") {
      value.textContent = v;
      why.textContent = w;
      el.className = `stat ${cls}`.trim();
    },
  };
}

/** Parses the JSON embedded in the page under `id` (the results the build put there). */
export function pageData<T>(id: string, fallback: T): T {
  const el = document.getElementById(id);
  if (!el?.textContent) return fallback;
  return JSON.parse(el.textContent) as T;
}

/** Draws a Vega-Lite spec into `el` (replacing the previous chart). */
export async function draw(el: HTMLElement, spec: Record<string, unknown>): Promise<void> {
  const holder = el as HTMLElement & { _view?: { finalize(): void } };
  // The chart's title as a text line above it (wraps on narrow screens, read by screen readers).
  let caption = el.previousElementSibling;
  if (!caption?.classList.contains("chart-title")) {
    caption = h("p", { class: "chart-title" });
    el.before(caption);
  }
  caption.textContent = titleText(spec);
  holder._view?.finalize();
  const enhanced = enhanceSpec(spec);
  const result = await embed(el, enhanced as never, {
    actions: false,
    renderer: "svg",
    tooltip: true,
  });
  holder._view = result.view;
  addSeriesToggles(el, result.view as unknown as View, enhanced);
}

export { fmt };
