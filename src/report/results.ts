/**
 * Reading whatever results exist for the site: every JSON file under the results directory,
 * the answer key, and figures saved as `<name>.vl.json` (src/charts writeFigure). Nothing is
 * invented: a missing file stays missing, and the pages say so.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { FIGURE_FILES, KEY_FILE } from "../results/index.js";

/** A figure as the site embeds it (src/charts `Figure`, with the spec typed loosely). */
export type SiteFigure = { name: string; title: string; spec: Record<string, unknown> };

/** A figure that exists only as an SVG file (e.g. the 3(a) block diagram): shown as an image. */
export type StaticFigure = { name: string; title: string; path: string };

export type LoadedResults = {
  /** Every parsed JSON result, keyed by its path relative to the results dir (`vib/beta-1e-3.json`). */
  files: Map<string, unknown>;
  key: unknown | null;
  keyPath: string | null;
  figures: SiteFigure[];
  staticFigures: StaticFigure[];
  /** Files that could not be parsed, with the reason (shown on the overview, never hidden). */
  problems: string[];
};

function walk(dir: string, out: string[] = [], ext = ".json"): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".")) continue;
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) walk(full, out, ext);
    else if (name.endsWith(ext)) out.push(full);
  }
  return out;
}

function titleOf(spec: Record<string, unknown>, fallback: string): string {
  const t = spec.title;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string")
    return (t as { text: string }).text;
  return fallback;
}

/** Loads results, key and figures; `figuresDir` is scanned too when given. */
export function loadResults(o: {
  resultsDir: string;
  keyPath?: string;
  figuresDir?: string;
  figures?: SiteFigure[];
}): LoadedResults {
  const files = new Map<string, unknown>();
  const problems: string[] = [];
  const figures: SiteFigure[] = [...(o.figures ?? [])];
  const keyPath = o.keyPath ?? join(o.resultsDir, KEY_FILE);
  let key: unknown | null = null;
  const seen = new Set(figures.map((f) => f.name));
  const paths = [...walk(o.resultsDir), ...(o.figuresDir ? walk(o.figuresDir) : [])];
  for (const path of new Set(paths)) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, "utf8"));
    } catch (err) {
      problems.push(`${path}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    if (path.endsWith(FIGURE_FILES.spec)) {
      const name = basename(path, FIGURE_FILES.spec);
      if (!seen.has(name) && value && typeof value === "object") {
        seen.add(name);
        const spec = value as Record<string, unknown>;
        figures.push({ name, title: titleOf(spec, name), spec });
      }
      continue;
    }
    const rel = relative(o.resultsDir, path).split(sep).join("/");
    files.set(rel, value);
  }
  if (existsSync(keyPath)) {
    try {
      key = JSON.parse(readFileSync(keyPath, "utf8"));
    } catch (err) {
      problems.push(`${keyPath}: not valid JSON (${(err as Error).message})`);
    }
  }
  files.delete(KEY_FILE);
  const staticFigures: StaticFigure[] = [];
  const svgs = [
    ...walk(o.resultsDir, [], FIGURE_FILES.svg),
    ...(o.figuresDir ? walk(o.figuresDir, [], FIGURE_FILES.svg) : []),
  ];
  for (const path of svgs) {
    const name = basename(path, FIGURE_FILES.svg);
    if (seen.has(name)) continue; // the interactive version is shown instead
    seen.add(name);
    const head = readFileSync(path, "utf8").slice(0, 4000);
    const title = /<title[^>]*>([^<]{1,200})<\/title>/.exec(head)?.[1]?.trim() ?? name;
    staticFigures.push({ name, title, path });
  }
  return { files, key, keyPath: key ? keyPath : null, figures, staticFigures, problems };
}
