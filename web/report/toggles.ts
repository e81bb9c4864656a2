/** Keyboard-operable series toggles for a drawn chart (shared by the report pages and explorables). */
import { seriesValues, TOGGLE_STORE, toggleField, toggleStore } from "./enhance.js";

export type View = {
  data(name: string, values?: unknown[]): unknown;
  runAsync(): Promise<unknown>;
  addDataListener(name: string, fn: (name: string, value: unknown[]) => void): void;
};

/**
 * Keyboard-operable series toggles beside a chart: one checkbox per series, kept in step with
 * clicks on the chart's own legend (both drive the same Vega selection).
 */
function seriesToggles(el: HTMLElement, view: View, field: string, values: string[]): void {
  const box = document.createElement("fieldset");
  box.className = "series-toggles";
  const legend = document.createElement("legend");
  legend.textContent = `Show ${field}`;
  box.append(legend);
  const inputs = values.map((v) => {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.checked = true;
    input.value = v;
    label.append(input, ` ${v}`);
    box.append(label);
    return input;
  });
  box.addEventListener("change", () => {
    const chosen = inputs.filter((i) => i.checked).map((i) => i.value);
    view.data(TOGGLE_STORE, toggleStore(field, chosen, values));
    void view.runAsync();
  });
  view.addDataListener(TOGGLE_STORE, (_name, store) => {
    const shown = new Set(
      (store as Array<{ values?: unknown[] }>).flatMap((t) => (t.values ?? []).map(String)),
    );
    for (const i of inputs) i.checked = shown.size === 0 || shown.has(i.value);
  });
  el.after(box);
}

/** Adds the toggles after `el` when the enhanced spec has a series selection with 2+ series. */
export function addSeriesToggles(el: HTMLElement, view: View, spec: Record<string, unknown>): void {
  const next = el.nextElementSibling;
  if (next?.classList.contains("series-toggles")) next.remove();
  const field = toggleField(spec);
  const values = field ? seriesValues(spec, field) : [];
  if (field && values.length > 1) seriesToggles(el, view, field, values);
}
