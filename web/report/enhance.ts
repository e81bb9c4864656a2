/**
 * Making a figure's Vega-Lite spec interactive for the page without changing what it shows:
 * tooltips on marks, legend toggles for a colour-encoded series, and a width that fits the
 * container (phone screens) for single-view charts. Pure: returns a new spec.
 */

type Spec = Record<string, unknown>;
const isObj = (v: unknown): v is Spec => !!v && typeof v === "object" && !Array.isArray(v);

const SELECTION = "series_toggle";

function markWithTooltip(mark: unknown): unknown {
  if (typeof mark === "string") return { type: mark, tooltip: true };
  if (isObj(mark) && mark.tooltip === undefined) return { ...mark, tooltip: true };
  return mark;
}

/** Adds a legend-bound point selection on the colour field of a unit spec. */
function withLegendToggle(unit: Spec, isFirst: boolean): Spec {
  const enc = isObj(unit.encoding) ? unit.encoding : null;
  const color = enc && isObj(enc.color) ? enc.color : null;
  if (!enc || !color || typeof color.field !== "string" || color.type === "quantitative")
    return unit;
  const params = Array.isArray(unit.params) ? unit.params : [];
  if (params.length > 0) return unit;
  return {
    ...unit,
    ...(isFirst
      ? {
          params: [
            { name: SELECTION, select: { type: "point", fields: [color.field] }, bind: "legend" },
          ],
        }
      : {}),
    encoding: {
      ...enc,
      opacity: enc.opacity ?? { condition: { param: SELECTION, value: 1 }, value: 0.12 },
    },
  };
}

/** A spec's title as plain text ("" when it has none). */
export function titleText(spec: Spec): string {
  const t = spec.title;
  if (typeof t === "string") return t;
  if (isObj(t) && typeof t.text === "string") return t.text;
  return "";
}

/**
 * The spec with tooltips, legend toggles and (for single views) a container-fit width. The
 * title is removed: the page shows it as HTML text, which wraps on a narrow screen.
 */
export function enhanceSpec(spec: Spec): Spec {
  const { title: _title, ...rest } = spec;
  const out: Spec = { ...rest };
  if (out.mark !== undefined) {
    out.mark = markWithTooltip(out.mark);
    Object.assign(out, withLegendToggle(out, true));
  } else if (Array.isArray(out.layer)) {
    let placed = false;
    out.layer = out.layer.map((l) => {
      if (!isObj(l) || l.mark === undefined) return l;
      const withTip: Spec = { ...l, mark: markWithTooltip(l.mark) };
      const hasColor = isObj(withTip.encoding) && isObj((withTip.encoding as Spec).color);
      const next = hasColor ? withLegendToggle(withTip, !placed) : withTip;
      if (hasColor && next !== withTip && !placed) placed = true;
      return next;
    });
    // Later layers reference the selection defined by the first coloured layer only when it exists.
    if (!placed) {
      out.layer = (out.layer as unknown[]).map((l) => {
        if (!isObj(l) || !isObj(l.encoding)) return l;
        const enc = l.encoding as Spec;
        if (
          isObj(enc.opacity) &&
          isObj(enc.opacity.condition) &&
          enc.opacity.condition.param === SELECTION
        ) {
          const { opacity: _drop, ...rest } = enc;
          return { ...l, encoding: rest };
        }
        return l;
      });
    }
  }
  const single = out.mark !== undefined || Array.isArray(out.layer);
  if (single && typeof out.width === "number") {
    out.width = "container";
    out.autosize = { type: "fit-x", contains: "padding" };
  }
  return out;
}

/** The field the legend toggle selects on, when `enhanceSpec` added one (else null). */
export function toggleField(spec: Spec): string | null {
  const units = [spec, ...(Array.isArray(spec.layer) ? spec.layer : [])].filter(isObj);
  for (const u of units) {
    const params = Array.isArray(u.params) ? u.params : [];
    const p = params.find((x) => isObj(x) && x.name === SELECTION) as Spec | undefined;
    const select = p && isObj(p.select) ? p.select : null;
    const fields = select && Array.isArray(select.fields) ? select.fields : [];
    if (typeof fields[0] === "string") return fields[0];
  }
  return null;
}

/** The distinct values of `field` in the spec's inline data, in order of first appearance. */
export function seriesValues(spec: Spec, field: string): string[] {
  const seen = new Set<string>();
  const units = [spec, ...(Array.isArray(spec.layer) ? spec.layer : [])].filter(isObj);
  for (const u of units) {
    const values = isObj(u.data) && Array.isArray(u.data.values) ? u.data.values : [];
    for (const row of values) if (isObj(row) && row[field] != null) seen.add(String(row[field]));
  }
  return [...seen];
}

/** The selection store that shows only `chosen` (empty store = every series shown). */
export function toggleStore(field: string, chosen: string[], all: string[]): Spec[] {
  if (chosen.length === 0 || chosen.length === all.length) return [];
  return chosen.map((v) => ({ fields: [{ type: "E", field }], values: [v] }));
}

export const TOGGLE_STORE = `${SELECTION}_store`;
