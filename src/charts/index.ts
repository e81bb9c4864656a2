/** Charts: Vega-Lite specs with inline data, rendered to SVG/PNG in Node and embeddable on the web. */
export {
  type Figure,
  figure,
  heatmap,
  lineChart,
  type ReferenceLine,
  VEGA_LITE_SCHEMA,
} from "./figure.js";
export { CHART_FONT, renderPng, renderSvg } from "./render.js";
export { writeFigure } from "./write.js";
