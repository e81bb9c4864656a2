/**
 * Problem 3(a): the reparameterization z = μ + σ·v as a block diagram drawn from the model's own
 * graph (`reparameterizationGraph`), and a measured check of what the diagram claims: samples of
 * Z have mean μ and standard deviation σ, and autodiff gives ∂Z/∂μ = 1 and ∂Z/∂σ = V.
 */
import { grad, numpy as np, random } from "../../engine/index.js";
import { type ReparamGraph, reparameterizationGraph, reparameterize } from "../../models/vib.js";

// ---------------------------------------------------------------- the diagram

type Placed = { id: string; x: number; y: number; kind: "input" | "op" | "output"; op?: string };

const OP_SYMBOL: Record<string, string> = { multiply: "×", add: "+" };

/** Column = longest path from an input; row = inputs in order, ops at the mean of their inputs. */
export function layoutGraph(graph: ReparamGraph): Placed[] {
  const depth: Record<string, number> = {};
  const row: Record<string, number> = {};
  graph.inputs.forEach((name, i) => {
    depth[name] = 0;
    row[name] = i;
  });
  const placed: Placed[] = graph.inputs.map((id) => ({ id, x: 0, y: row[id], kind: "input" }));
  for (const node of graph.nodes) {
    for (const input of node.inputs) {
      if (depth[input] === undefined) throw new Error(`graph input "${input}" is not defined`);
    }
    depth[node.id] = 1 + Math.max(...node.inputs.map((i) => depth[i]));
    row[node.id] = node.inputs.reduce((s, i) => s + row[i], 0) / node.inputs.length;
    placed.push({ id: node.id, x: depth[node.id], y: row[node.id], kind: "op", op: node.op });
  }
  const out = graph.output;
  placed.push({ id: `${out}:out`, x: depth[out] + 1, y: row[out], kind: "output" });
  return placed;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The block diagram as a standalone SVG string: boxes for μ, σ, V and Z, circles for × and +. */
export function reparameterizationSvg(graph: ReparamGraph = reparameterizationGraph): string {
  const placed = layoutGraph(graph);
  const colW = 170;
  const rowH = 70;
  const pad = 30;
  const boxW = 110;
  const boxH = 36;
  const r = 20;
  const cx = (p: Placed) => pad + boxW / 2 + p.x * colW;
  const cy = (p: Placed) => pad + boxH / 2 + p.y * rowH;
  const byId = new Map(placed.map((p) => [p.id, p]));
  const maxX = Math.max(...placed.map((p) => p.x));
  const maxY = Math.max(...placed.map((p) => p.y));
  const width = 2 * pad + boxW + maxX * colW;
  const height = 2 * pad + boxH + maxY * rowH + 20;

  const edge = (from: Placed, to: Placed) => {
    const x1 = cx(from) + (from.kind === "op" ? r : boxW / 2);
    const x2 = cx(to) - (to.kind === "op" ? r : boxW / 2);
    const y1 = cy(from);
    const y2 = cy(to);
    return `<path d="M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}" fill="none" stroke="#333" stroke-width="1.5" marker-end="url(#arrow)"/>`;
  };
  const parts: string[] = [];
  for (const node of graph.nodes) {
    for (const input of node.inputs) parts.push(edge(byId.get(input)!, byId.get(node.id)!));
  }
  parts.push(edge(byId.get(graph.output)!, byId.get(`${graph.output}:out`)!));
  for (const p of placed) {
    if (p.kind === "op") {
      parts.push(
        `<g class="op" data-op="${p.op}"><circle cx="${cx(p)}" cy="${cy(p)}" r="${r}" fill="#fff" stroke="#333" stroke-width="1.5"/>` +
          `<text x="${cx(p)}" y="${cy(p) + 7}" text-anchor="middle" font-size="22">${OP_SYMBOL[p.op!]}</text>` +
          `<text x="${cx(p)}" y="${cy(p) + r + 16}" text-anchor="middle" font-size="11" fill="#555">${esc(graph.labels[p.id] ?? p.id)}</text></g>`,
      );
    } else {
      const id = p.kind === "output" ? graph.output : p.id;
      const label = p.kind === "output" ? "Z" : (graph.labels[id] ?? id);
      const fill = p.kind === "input" ? (id === "v" ? "#fde8c8" : "#dbe9f6") : "#d9f0d3";
      parts.push(
        `<g class="${p.kind}" data-id="${id}"><rect x="${cx(p) - boxW / 2}" y="${cy(p) - boxH / 2}" width="${boxW}" height="${boxH}" rx="6" fill="${fill}" stroke="#333"/>` +
          `<text x="${cx(p)}" y="${cy(p) + 5}" text-anchor="middle" font-size="14">${esc(label)}</text></g>`,
      );
    }
  }
  const ops = graph.nodes.map((n) => OP_SYMBOL[n.op]).join(" ");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>Reparameterization: ${esc(graph.labels[graph.output] ?? graph.output)} (blocks: ${ops})</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    `</svg>`,
  ].join("\n");
}

// ---------------------------------------------------------------- the measured check

export type ReparamCase = {
  mu: number;
  sigma: number;
  sampleMean: number;
  sampleStd: number;
  /** Standard error of the sample mean, σ/√n. */
  meanStdErr: number;
  /** |mean − μ| / stderr. */
  meanZScore: number;
  /** |std/σ − 1|. */
  stdRelErr: number;
};

export type ReparamCheck = {
  samples: number;
  seed: number;
  blocks: { multipliers: number; adders: number };
  cases: ReparamCase[];
  /** ∂Z/∂μ and ∂Z/∂σ by reverse-mode autodiff at fixed V, next to V itself. */
  derivatives: { v: number[]; dZdMu: number[]; dZdSigma: number[] };
  /** Largest |∂Z/∂μ − 1| and |∂Z/∂σ − V|. */
  maxDerivativeError: { dZdMu: number; dZdSigma: number };
  /** All within 4 standard errors, std within 4/√(2n) relative, derivatives within 1e-6. */
  pass: boolean;
};

/** Samples Z = μ + σV for a few (μ, σ) and differentiates it at fixed V. Deterministic in `seed`. */
export function checkReparameterization(seed = 0, samples = 100_000): ReparamCheck {
  const cases: Array<[number, number]> = [
    [0, 1],
    [0.7, 0.25],
    [-2.5, 1.8],
  ];
  const mus = np.array(cases.map((c) => c[0]));
  const sigmas = np.array(cases.map((c) => c[1]));
  const v = random.normal(random.key(seed), [samples, cases.length]);
  const z = reparameterize(mus, sigmas, v).dataSync() as Float32Array; // [n, cases]
  const out: ReparamCase[] = cases.map(([mu, sigma], k) => {
    let s = 0;
    for (let i = 0; i < samples; i++) s += z[i * cases.length + k];
    const mean = s / samples;
    let s2 = 0;
    for (let i = 0; i < samples; i++) s2 += (z[i * cases.length + k] - mean) ** 2;
    const std = Math.sqrt(s2 / (samples - 1));
    const se = sigma / Math.sqrt(samples);
    return {
      mu,
      sigma,
      sampleMean: mean,
      sampleStd: std,
      meanStdErr: se,
      meanZScore: Math.abs(mean - mu) / se,
      stdRelErr: Math.abs(std / sigma - 1),
    };
  });
  // Derivatives: Σ_i z_i has ∂/∂μ_i = 1 and ∂/∂σ_i = v_i, so one grad gives all of them.
  const vFixed = [0.83, -1.27, 0.05];
  const f = (mu: np.Array, sigma: np.Array) => reparameterize(mu, sigma, np.array(vFixed)).sum();
  const [gMu, gSigma] = grad(f, { argnums: [0, 1] })(np.array([0.1, 2, -3]), np.array([1, 0.5, 2]));
  const dZdMu = Array.from(gMu.dataSync() as Float32Array);
  const dZdSigma = Array.from(gSigma.dataSync() as Float32Array);
  const errMu = Math.max(...dZdMu.map((d) => Math.abs(d - 1)));
  const errSigma = Math.max(...dZdSigma.map((d, i) => Math.abs(d - vFixed[i])));
  const graph = reparameterizationGraph;
  const stdTol = 4 / Math.sqrt(2 * samples);
  return {
    samples,
    seed,
    blocks: {
      multipliers: graph.nodes.filter((n) => n.op === "multiply").length,
      adders: graph.nodes.filter((n) => n.op === "add").length,
    },
    cases: out,
    derivatives: { v: vFixed, dZdMu, dZdSigma },
    maxDerivativeError: { dZdMu: errMu, dZdSigma: errSigma },
    pass:
      out.every((c) => c.meanZScore < 4 && c.stdRelErr < stdTol) && errMu < 1e-6 && errSigma < 1e-6,
  };
}
