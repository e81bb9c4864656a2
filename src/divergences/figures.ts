/**
 * Figures for Problem 2(b): the target with both fitted Gaussians (the problem's plots A and B)
 * and the KL(μ, σ) landscape of each direction. Specs carry their data inline (src/charts).
 */
import { type Figure, heatmap, lineChart } from "../charts/figure.js";
// the layout alone: this module also runs in the browser (the KL explorer)
import { FIGURES } from "../results/layout.js";
import { type Distribution, locationScale, logPdf, normal } from "./distributions.js";
import { type DirectionResult, type FitPoint, type FitResult, gaussianKl } from "./fit.js";
import { parseDistribution } from "./parse.js";

const r3 = (x: number) => Number(x.toFixed(3));
const gaussLabel = (pt: FitPoint) => `N(${r3(pt.mu)}, ${r3(pt.sigma)}²)`;

function targetOf(fit: FitResult): Distribution {
  return parseDistribution(fit.target).readings[0].dist;
}

function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

function densityRows(p: Distribution, fits: Array<{ label: string; pt: FitPoint }>, xs: number[]) {
  const rows: Array<Record<string, number | string>> = [];
  for (const x of xs) {
    rows.push({ x: r3(x), density: Math.exp(logPdf(p, x)), curve: "target P" });
    for (const f of fits)
      rows.push({
        x: r3(x),
        density: Math.exp(logPdf(normal(f.pt.mu, f.pt.sigma), x)),
        curve: f.label,
      });
  }
  return rows;
}

/** The best minimum of a direction (null when the direction is infinite). */
function best(d: DirectionResult): FitPoint | null {
  return d.finite && d.minima.length > 0 ? d.minima[0] : null;
}

/**
 * Density plots: `fit-forward` (plot A: broad Q), `fit-reverse` (plot B: the best reverse fit, a
 * narrow Q on one mode), and `fit-both` with every local minimum of both directions.
 */
export function fitFigures(fit: FitResult): Figure[] {
  const p = targetOf(fit);
  const { loc, scale } = locationScale(p);
  const xs = grid(loc - 3.5 * scale, loc + 3.5 * scale, 281);
  const fw = best(fit.forward);
  const rv = fit.reverse.finite ? fit.reverse.minima : [];
  const fwCurve = fw ? [{ label: `forward KL(P‖Q) fit ${gaussLabel(fw)}`, pt: fw }] : [];
  const rvCurves = rv.map((pt, i) => ({
    label: `reverse KL(Q‖P) fit ${gaussLabel(pt)}${i === 0 ? "" : ` (local min, KL ${r3(pt.klNats)})`}`,
    pt,
  }));
  const out: Figure[] = [];
  const common = { x: "x", y: "density", series: "curve", xTitle: "x", yTitle: "density" };
  if (fw) {
    out.push(
      lineChart({
        name: FIGURES.fitForward,
        title: `Plot A — forward KL: Q = ${gaussLabel(fw)} covers both modes (KL ${r3(fw.klNats)} nats)`,
        rows: densityRows(p, fwCurve, xs),
        ...common,
      }),
    );
  }
  if (rvCurves.length > 0) {
    out.push(
      lineChart({
        name: FIGURES.fitReverse,
        title: `Plot B — reverse KL: Q = ${gaussLabel(rvCurves[0].pt)} sits on one mode (KL ${r3(rvCurves[0].pt.klNats)} nats)`,
        rows: densityRows(p, rvCurves.slice(0, 1), xs),
        ...common,
      }),
    );
  }
  out.push(
    lineChart({
      name: FIGURES.fitBoth,
      title: `Gaussian fits to P = ${fit.target}`,
      rows: densityRows(p, [...fwCurve, ...rvCurves], xs),
      ...common,
    }),
  );
  return out;
}

/** KL(μ, σ) over a grid for one direction, with its minima marked (`kl-landscape-<direction>`). */
export function landscapeFigure(
  fit: FitResult,
  direction: "forward" | "reverse",
  n = { mu: 41, sigma: 31 },
): Figure {
  const p = targetOf(fit);
  const { loc, scale } = locationScale(p);
  const mus = grid(loc - 2 * scale, loc + 2 * scale, n.mu);
  const sigmas = grid(Math.log(0.1 * scale), Math.log(2 * scale), n.sigma).map(Math.exp);
  const rows: Array<Record<string, number | null>> = [];
  for (const s of sigmas) {
    for (const m of mus) {
      const v = gaussianKl(p, direction, m, s);
      rows.push({
        mu: r3(m),
        sigma: r3(s),
        kl: v === null ? null : Number(v.toPrecision(6)),
        log10kl: v === null ? null : Math.log10(Math.max(v, 1e-6)),
      });
    }
  }
  const res = fit[direction];
  // mark each minimum at the nearest grid cell
  const near = (xs: number[], v: number) =>
    xs.reduce((a, b) => (Math.abs(b - v) < Math.abs(a - v) ? b : a));
  const points = res.finite
    ? res.minima.map((pt) => ({
        mu: r3(near(mus, pt.mu)),
        sigma: r3(near(sigmas, pt.sigma)),
        label: `minimum ${gaussLabel(pt)}, KL ${r3(pt.klNats)}`,
      }))
    : [];
  const name = direction === "forward" ? "KL(P‖Q)" : "KL(Q‖P)";
  return heatmap({
    name: FIGURES.klLandscape(direction),
    title: `${direction} ${name} over Q = N(μ, σ²), P = ${fit.target}`,
    rows,
    x: "mu",
    y: "sigma",
    z: "log10kl",
    xTitle: "μ",
    yTitle: "σ (log-spaced)",
    zTitle: `log10 ${name} (nats)`,
    points,
  });
}

/** Every Problem 2(b) figure: the fits and both landscapes. */
export function problem2Figures(fit: FitResult): Figure[] {
  return [...fitFigures(fit), landscapeFigure(fit, "forward"), landscapeFigure(fit, "reverse")];
}
