import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAnswerKey } from "../key/types.js";
import { extractInitRuns, extractLatentRuns } from "./extract.js";
import { loadResults } from "./results.js";
import { resolveInside } from "./serve.js";
import { buildSite } from "./site.js";

const FIXTURE = resolve("test/fixtures/report/results");
const tmp: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "gt-report-"));
  tmp.push(d);
  return d;
};
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

describe("buildSite", () => {
  let out = "";
  beforeAll(async () => {
    out = temp();
    await buildSite({ resultsDir: FIXTURE, outDir: out });
  });

  it("writes every page and vendors its scripts: no network URL is loaded by any page", () => {
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      [
        "assets",
        "explore-init.html",
        "explore-kl.html",
        "explore-latent.html",
        "grade.html",
        "index.html",
        "problem-1.html",
        "problem-2.html",
        "problem-3.html",
        "transcripts.html",
      ].sort(),
    );
    expect(readdirSync(join(out, "assets")).sort()).toEqual([
      "charts.js",
      "explore.js",
      "site.css",
    ]);
    for (const f of files.filter((x) => x.endsWith(".html"))) {
      const html = readFileSync(join(out, f), "utf8");
      // src/href attributes only point inside the site.
      for (const m of html.matchAll(/(?:src|href)="([^"]*)"/g))
        expect(m[1]).not.toMatch(/^(https?:)?\/\//);
      expect(html).not.toMatch(/<script type="module"/);
    }
  });

  it("shows the key's answers and a contradiction as such", () => {
    const p3 = readFileSync(join(out, "problem-3.html"), "utf8");
    expect(p3).toContain("CONTRADICTED by the experiments");
    expect(p3).toContain("Not yet run:");
    const p2 = readFileSync(join(out, "problem-2.html"), "utf8");
    expect(p2).toContain("A → forward, B → reverse");
    // the key's own words (src/key answerText), the same as the CLI's summary and the reports
    expect(p2).toContain("any P, Q with D(P||Q) finite and D(Q||P) infinite");
    // A figure the key cites for a part (kl-fits) and one the problem set names for it.
    expect(p2).toContain('id="fig-kl-fits"');
    const p1 = readFileSync(join(out, "problem-1.html"), "utf8");
    expect(p1).toContain(
      "re-initialise so the initial logit std at d_model = 512 is in [0, 3] (e.g. std = d_model ** -0.5)",
    );
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index).toContain("Part 3c</a>: (b) (contradicted)");
    expect(p1).toContain('id="fig-transformer-figure1-loss"');
    expect(p1).not.toContain('id="fig-kl-fits"');
  });

  it("says 'not yet run' for everything when there are no results, never inventing data", async () => {
    const empty = temp();
    const site = temp();
    await buildSite({ resultsDir: empty, outDir: site });
    const index = readFileSync(join(site, "index.html"), "utf8");
    expect(index).toContain("Not yet run:");
    expect(index).toContain("groundtruth reproduce");
    const latent = readFileSync(join(site, "explore-latent.html"), "utf8");
    expect(latent).toContain('<script type="application/json" id="latent-runs">[]</script>');
  });

  it("escapes results so they cannot break out of the page", async () => {
    const res = temp();
    const site = temp();
    writeFileSync(
      join(res, "evil.vl.json"),
      JSON.stringify({
        title: "</script><script>alert(1)</script>",
        mark: "point",
        data: { values: [] },
      }),
    );
    await buildSite({ resultsDir: res, outDir: site });
    const html =
      readFileSync(join(site, "problem-1.html"), "utf8") +
      readFileSync(join(site, "index.html"), "utf8");
    expect(html).not.toContain("<script>alert(1)</script>");
  });
});

describe("results for the site", () => {
  it("the fixture key is a valid AnswerKey", () => {
    expect(() =>
      parseAnswerKey(JSON.parse(readFileSync(join(FIXTURE, "key.json"), "utf8"))),
    ).not.toThrow();
  });

  it("extracts the K = 2 runs with their recorded numbers, sorted by β", () => {
    const runs = extractLatentRuns(loadResults({ resultsDir: FIXTURE }));
    expect(runs.map((r) => r.beta)).toEqual([1e-6, 1e-3, 1]);
    expect(runs[1]).toMatchObject({ profile: "fixture", separation: 6.3, valError: 0.018 });
    expect(runs[2]!.extent![0][1]).toBeLessThan(0.5);
    expect(runs[0]!.points).toHaveLength(120);
  });
});

describe("the init explorer's recorded rows", () => {
  it("come from the init diagnostics' file in the results layout, checked row by row", () => {
    const stats = {
      config: { vocabSize: 8000, seed: 0 },
      rows: [{ scheme: "bug", dModel: 512, logitStd: 22.6, initialLoss: 40.1 }, { scheme: "fix" }],
    };
    const files = new Map<string, unknown>([
      ["transformer/init-stats.json", stats],
      ["transformer/quick/init-stats.json", stats],
    ]);
    expect(extractInitRuns({ ...loadResults({ resultsDir: temp() }), files })).toEqual([
      {
        file: "transformer/init-stats.json",
        scheme: "bug",
        dModel: 512,
        vocabSize: 8000,
        seed: 0,
        logitStd: 22.6,
        initialLoss: 40.1,
      },
    ]);
  });
});

describe("static server paths", () => {
  it("never resolves outside the site directory", () => {
    const root = resolve("/srv/site");
    expect(resolveInside(root, "/index.html")).toBe(join(root, "index.html"));
    expect(resolveInside(root, "/../etc/passwd")).toBe(join(root, "etc/passwd"));
    expect(resolveInside(root, "/..%2f..%2fetc%2fpasswd")).toBe(join(root, "etc/passwd"));
    expect(resolveInside(root, "/%00")).toBeNull();
    expect(resolveInside(root, "/%E0%A4%A")).toBeNull();
  });
});
