import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { figure, heatmap, lineChart, renderPng, renderSvg, writeFigure } from "./index.js";

const rows = [0, 1, 2, 3, 4].flatMap((x) => [
  { x, y: x * x, run: "square" },
  { x, y: 2 * x, run: "double" },
]);

/** Reads width/height from a PNG IHDR chunk. */
function pngSize(png: Uint8Array): { w: number; h: number } {
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { w: dv.getUint32(16), h: dv.getUint32(20) };
}

describe("charts", () => {
  it("renders a line chart to SVG with line marks, axis titles and a legend", async () => {
    const fig = lineChart({
      name: "demo",
      title: "Demo chart",
      rows,
      x: "x",
      y: "y",
      series: "run",
      xTitle: "step",
      yTitle: "loss (nats)",
    });
    const svg = await renderSvg(fig.spec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('aria-roledescription="line mark container"');
    expect(svg).toContain("loss (nats)");
    expect(svg).toContain(">step<");
    expect(svg).toContain("Demo chart");
    expect(svg).toContain("square");
    // two series → two line paths
    expect(svg.match(/aria-roledescription="line mark"/g)?.length).toBe(2);
  });

  it("rasterises to a PNG of the right size", async () => {
    const svg = await renderSvg(lineChart({ name: "d", title: "t", rows, x: "x", y: "y" }).spec);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    const png = renderPng(svg, { scale: 2 });
    expect(Array.from(png.slice(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const { w, h } = pngSize(png);
    expect(w).toBe(width * 2);
    expect(h).toBe(height * 2);
    expect(png.length).toBeGreaterThan(2000);
  });

  it("renders a heatmap with marked points", async () => {
    const grid = [];
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 3; j++) grid.push({ mu: i, sigma: j, kl: i + j });
    const fig = heatmap({
      name: "hm",
      title: "landscape",
      rows: grid,
      x: "mu",
      y: "sigma",
      z: "kl",
      points: [{ mu: 1, sigma: 2, label: "min" }],
    });
    const svg = await renderSvg(fig.spec);
    expect(svg.match(/aria-roledescription="rect mark"/g)?.length).toBe(12);
    expect(svg).toContain("✕");
  });

  it("rejects unsafe names and url data", () => {
    expect(() => figure("../x", "t", { mark: "point", data: { values: [] } } as never)).toThrow(
      /file stem/,
    );
    expect(() => figure("x", "t", { mark: "point", data: { url: "a.csv" } } as never)).toThrow(
      /inline/,
    );
  });

  it("writes svg, png and vl.json atomically", async () => {
    const dir = await mkdtemp(join(tmpdir(), "charts-"));
    try {
      const paths = await writeFigure(
        dir,
        lineChart({ name: "w", title: "t", rows, x: "x", y: "y" }),
      );
      expect((await readdir(dir)).sort()).toEqual(["w.png", "w.svg", "w.vl.json"]);
      const spec = JSON.parse(await readFile(paths.spec, "utf8"));
      expect(spec.data.values).toHaveLength(rows.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
