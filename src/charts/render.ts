/** Vega-Lite → Vega → SVG headlessly in Node (no canvas), and SVG → PNG with resvg and system fonts. */
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** The font family vega lays text out with and resvg draws it in (DejaVu Sans ships with Debian). */
export const CHART_FONT = "DejaVu Sans, sans-serif";

/** Renders a Vega-Lite spec to an SVG string (headless vega View with renderer "none"). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const withFont = {
    ...spec,
    config: { font: CHART_FONT, ...((spec as { config?: object }).config ?? {}) },
  } as TopLevelSpec;
  const compiled = compile(withFont).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG to PNG bytes at `scale` × its own size (default 2 for crisp text). */
export function renderPng(svg: string, opts: { scale?: number } = {}): Uint8Array {
  const scale = opts.scale ?? 2;
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new Error(`png scale must be > 0, got ${scale}`);
  const r = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return new Uint8Array(r.render().asPng());
}
