/** Report pages: every `.vega` placeholder becomes an interactive chart from its inline spec. */
import embed from "vega-embed";
import { enhanceSpec, seriesValues, TOGGLE_STORE, toggleField, toggleStore } from "./enhance.js";

type View = {
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

async function main(): Promise<void> {
  const holders = Array.from(document.querySelectorAll<HTMLElement>(".vega[data-spec]"));
  await Promise.all(
    holders.map(async (el) => {
      const script = document.getElementById(el.dataset.spec ?? "");
      try {
        if (!script?.textContent) throw new Error("the chart's data is missing from the page");
        const spec = enhanceSpec(JSON.parse(script.textContent));
        el.textContent = "";
        const result = await embed(el, spec as never, {
          actions: false,
          renderer: "svg",
          tooltip: true,
        });
        const view = result.view as unknown as View;
        (el as HTMLElement & { vegaView?: View }).vegaView = view;
        const field = toggleField(spec);
        const values = field ? seriesValues(spec, field) : [];
        if (field && values.length > 1) seriesToggles(el, view, field, values);
        el.dataset.ready = "true";
      } catch (err) {
        el.textContent = `This chart could not be drawn: ${(err as Error).message}`;
        el.classList.add("error");
        el.dataset.ready = "error";
      }
    }),
  );
  document.body.dataset.chartsReady = "true";
}

void main();
