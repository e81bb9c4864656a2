/** Writes a figure as `<name>.svg`, `<name>.png` and `<name>.vl.json`, each atomically (temp + rename). */
import { join } from "node:path";
import { FIGURE_FILES } from "../results/layout.js";
import { writeFileAtomic } from "../store/atomic.js";
import type { Figure } from "./figure.js";
import { renderPng, renderSvg } from "./render.js";

/** Renders and writes a figure into `dir` (created if needed); returns the three paths. */
export async function writeFigure(
  dir: string,
  fig: Figure,
  opts: { scale?: number } = {},
): Promise<{ svg: string; png: string; spec: string }> {
  const svg = await renderSvg(fig.spec);
  const png = renderPng(svg, opts);
  const paths = {
    svg: join(dir, `${fig.name}${FIGURE_FILES.svg}`),
    png: join(dir, `${fig.name}${FIGURE_FILES.png}`),
    spec: join(dir, `${fig.name}${FIGURE_FILES.spec}`),
  };
  await writeFileAtomic(paths.svg, svg);
  await writeFileAtomic(paths.png, png);
  await writeFileAtomic(paths.spec, `${JSON.stringify(fig.spec, null, 1)}\n`);
  return paths;
}
