/**
 * A figure is a named Vega-Lite spec with its data inline, so the spec is also the data:
 * the CLI renders it to SVG/PNG, and the web report embeds the same spec with vega-embed.
 */
import type { TopLevelSpec } from "vega-lite";

/** A named chart. `name` is a file stem (`[a-z0-9-_.]`), `spec` carries its data inline. */
export type Figure = { name: string; title: string; spec: TopLevelSpec };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Builds a figure after checking its name is a safe file stem and its data is inline. */
export function figure(name: string, title: string, spec: TopLevelSpec): Figure {
  if (!NAME.test(name))
    throw new Error(`figure name must be a file stem like "kl-fits", got "${name}"`);
  const data = (spec as { data?: unknown }).data as { url?: unknown } | undefined;
  if (data && typeof data === "object" && "url" in data) {
    throw new Error(`figure "${name}": data must be inline (values), not loaded from a url`);
  }
  return { name, title, spec };
}

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

type Row = Record<string, number | string | null>;

/** A labelled horizontal reference line at `value` on the y axis (a quoted or target value). */
export type ReferenceLine = { value: number; label: string };

/**
 * Multi-series line chart (one line per value of `series`), with tooltips, and optional
 * labelled horizontal reference lines (`rules`) drawn dashed in grey on the same y scale.
 * @example lineChart({ name: "loss", title: "Loss", rows, x: "step", y: "loss", series: "run" })
 */
export function lineChart(o: {
  name: string;
  title: string;
  rows: Row[];
  x: string;
  y: string;
  series?: string;
  xTitle?: string;
  yTitle?: string;
  yScale?: "linear" | "log";
  strokeDash?: string;
  rules?: ReferenceLine[];
  width?: number;
  height?: number;
}): Figure {
  const tooltip = [o.x, o.y, ...(o.series ? [o.series] : [])].map((field) => ({
    field,
    type: typeof o.rows[0]?.[field] === "string" ? "nominal" : "quantitative",
  }));
  const y = {
    field: o.y,
    type: "quantitative",
    title: o.yTitle ?? o.y,
    ...(o.yScale === "log" ? { scale: { type: "log" } } : {}),
  };
  const lines = {
    mark: { type: "line", tooltip: true },
    encoding: {
      x: { field: o.x, type: "quantitative", title: o.xTitle ?? o.x },
      y,
      ...(o.series
        ? {
            color: {
              field: o.series,
              type: "nominal",
              title: o.series,
              // long series names: list them under the plot, untruncated
              legend: { orient: "bottom", direction: "vertical", labelLimit: 0 },
            },
          }
        : {}),
      ...(o.strokeDash ? { strokeDash: { field: o.strokeDash, type: "nominal" } } : {}),
      tooltip,
    },
  };
  const head = {
    $schema: VEGA_LITE_SCHEMA,
    title: o.title,
    width: o.width ?? 480,
    height: o.height ?? 300,
    data: { values: o.rows },
  };
  if (!o.rules?.length) return figure(o.name, o.title, { ...head, ...lines } as TopLevelSpec);
  // the rules' rows carry the chart's own y field, so the layers share one y scale and title
  const values = o.rules.map((r) => ({ [o.y]: r.value, label: r.label }));
  const rules = [
    {
      data: { values },
      mark: { type: "rule", color: "#666", strokeDash: [2, 3], tooltip: true },
      encoding: {
        y,
        tooltip: [
          { field: "label", type: "nominal" },
          { field: o.y, type: "quantitative" },
        ],
      },
    },
    {
      data: { values },
      mark: { type: "text", color: "#444", align: "left", baseline: "bottom", dx: 4, dy: -2 },
      encoding: { y, x: { value: 0 }, text: { field: "label", type: "nominal" } },
    },
  ];
  return figure(o.name, o.title, { ...head, layer: [lines, ...rules] } as TopLevelSpec);
}

/** Heatmap of `z` over a regular (x, y) grid (rect marks), with tooltips and optional points on top. */
export function heatmap(o: {
  name: string;
  title: string;
  rows: Row[];
  x: string;
  y: string;
  z: string;
  xTitle?: string;
  yTitle?: string;
  zTitle?: string;
  /** Marked points drawn over the heatmap, e.g. minima: rows with the same x/y fields plus `label`. */
  points?: Row[];
  scheme?: string;
  width?: number;
  height?: number;
}): Figure {
  // ordinal axes of a fine grid: label about 9 evenly spaced values
  const ticks = (field: string) => {
    const vals = [...new Set(o.rows.map((r) => r[field]))];
    const every = Math.max(1, Math.ceil(vals.length / 9));
    return vals.filter((_, i) => i % every === 0);
  };
  const base = {
    mark: { type: "rect", tooltip: true },
    encoding: {
      x: {
        field: o.x,
        type: "ordinal",
        title: o.xTitle ?? o.x,
        axis: { format: ".2f", values: ticks(o.x), labelAngle: 0 },
      },
      y: {
        field: o.y,
        type: "ordinal",
        title: o.yTitle ?? o.y,
        sort: "descending",
        axis: { format: ".2f", values: ticks(o.y) },
      },
      color: {
        field: o.z,
        type: "quantitative",
        title: o.zTitle ?? o.z,
        scale: { scheme: o.scheme ?? "viridis" },
      },
      tooltip: [
        { field: o.x, type: "quantitative", format: ".3f" },
        { field: o.y, type: "quantitative", format: ".3f" },
        { field: o.z, type: "quantitative", format: ".4f" },
      ],
    },
  };
  const spec = (
    o.points && o.points.length > 0
      ? {
          $schema: VEGA_LITE_SCHEMA,
          title: o.title,
          width: o.width ?? 420,
          height: o.height ?? 320,
          data: { values: o.rows },
          layer: [
            base,
            {
              data: { values: o.points },
              mark: { type: "text", text: "✕", fontSize: 14, color: "white", tooltip: true },
              encoding: {
                x: { field: o.x, type: "ordinal" },
                y: { field: o.y, type: "ordinal", sort: "descending" },
                tooltip: [{ field: "label", type: "nominal" }],
              },
            },
          ],
        }
      : {
          $schema: VEGA_LITE_SCHEMA,
          title: o.title,
          width: o.width ?? 420,
          height: o.height ?? 320,
          data: { values: o.rows },
          ...base,
        }
  ) as TopLevelSpec;
  return figure(o.name, o.title, spec);
}
