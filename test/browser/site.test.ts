/**
 * The report site in a real browser (Debian's Chromium, headless): every page loads from disk
 * and from the local server without console errors and without a request to any other host,
 * fits a 375 px screen, and the explorables show the right numbers when their controls move.
 * Screenshots of each page go to test-artifacts/.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { buildSite, type StaticServer, serveStatic } from "../../src/report/index.js";
import {
  CHROMIUM,
  FIXTURE,
  fixtureTranscript,
  hasChromium,
  launch,
  screenshotPath,
  tempSiteDir,
  type Watched,
  watchedPage,
} from "./harness.js";

if (!hasChromium) {
  console.warn(`browser tests skipped: ${CHROMIUM} is absent (CI installs Debian's chromium)`);
}

/** Each page and the selector that says it finished drawing. */
const PAGES: Array<[string, string]> = [
  ["index.html", "main"],
  ["problem-1.html", "body[data-charts-ready=true]"],
  ["problem-2.html", "body[data-charts-ready=true]"],
  ["problem-3.html", "body[data-charts-ready=true]"],
  ["explore-kl.html", "#app[data-ready=true]"],
  ["explore-init.html#dModel=64&scheme=bug&vocab=256&seed=0", "#app[data-ready=true]"],
  ["explore-latent.html", "#app[data-ready=true]"],
  ["transcripts.html", "main"],
  ["grade.html", "#app[data-ready=true]"],
];

const stem = (file: string) => file.replace(/\.html.*$/, "");

/** D_KL(N(m1, s1²) ‖ N(m2, s2²)) in nats. */
const klNormal = (m1: number, s1: number, m2: number, s2: number) =>
  Math.log(s2 / s1) + (s1 * s1 + (m1 - m2) ** 2) / (2 * s2 * s2) - 0.5;

/** Three significant digits, as the explorer prints them. */
const sig3 = (x: number) => String(Number(x.toPrecision(3)));

describe.skipIf(!hasChromium)("report site in Chromium", () => {
  let outDir = "";
  let browser: Browser;
  let server: StaticServer;
  /** file:// URL of a built page; a `#hash` is kept as the fragment. */
  const url = (file: string) => {
    const [path, hash] = file.split("#");
    return `${pathToFileURL(join(outDir, path!)).href}${hash === undefined ? "" : `#${hash}`}`;
  };
  const open: Watched[] = [];
  const watch = async (width = 1000) => {
    const w = await watchedPage(browser, width);
    open.push(w);
    return w;
  };
  /** Asserts a page stayed clean, then closes it (an open explorable keeps computing). */
  const clean = async (w: Watched) => {
    expect(w.errors, "console errors").toEqual([]);
    expect(w.external, "requests to other hosts").toEqual([]);
    await w.page.close();
  };

  beforeAll(async () => {
    outDir = tempSiteDir();
    await buildSite({
      resultsDir: join(FIXTURE, "results"),
      outDir,
      gradedTranscripts: [fixtureTranscript()],
    });
    browser = await launch();
    server = await serveStatic(outDir, 0);
  });

  afterAll(async () => {
    for (const w of open) await w.page.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it("every page loads from disk in < 2 s, cleanly, and fits 375 px", {
    timeout: 240_000,
  }, async () => {
    const loads: string[] = [];
    // Sampled at each page, not once: on a shared VM contention comes and goes within the test.
    const busy = () => loadavg()[0]! > 1.5 * availableParallelism();
    onTestFinished(() => console.log(`page load times: ${loads.join(", ")}`));
    for (const width of [1000, 375]) {
      for (const [file, ready] of PAGES) {
        const w = await watch(width);
        await w.page.goto(url(file));
        await w.page.waitForSelector(ready, { timeout: 30_000 });
        const loadMs = await w.page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          return nav.loadEventEnd - nav.startTime;
        });
        // The 2 s budget is for this machine at rest; when other jobs saturate the cores the
        // measured time is reported instead of failing the run.
        const busyNow = busy();
        loads.push(
          `${file}@${width}: ${Math.round(loadMs)} ms${busyNow ? " (busy: not asserted)" : ""}`,
        );
        if (!busyNow) expect(loadMs, `${file} load time`).toBeLessThan(2000);
        const overflow = await w.page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow, `${file} at ${width}px scrolls sideways`).toBeLessThanOrEqual(1);
        await w.page.screenshot({ path: screenshotPath(`${stem(file)}-${width}`), fullPage: true });
        await clean(w);
      }
    }
  });

  it("KL explorer: typed and slid distributions give the closed-form KL, infinities with reasons", async () => {
    const w = await watch();
    const { page } = w;
    await page.goto(url("explore-kl.html"));
    await page.waitForSelector("#app[data-ready=true]");
    const stats = page.locator(".readout .stat .value");
    // Defaults P = N(0, 1), Q = N(0, 4) under the variance reading: ln 2 + 1/8 − 1/2.
    await expect.poll(() => stats.nth(0).textContent()).toBe("0.318");
    expect(await stats.nth(1).textContent()).toBe(sig3(klNormal(0, 2, 0, 1)));
    // The standard-deviation reading of the same text.
    await page.getByLabel("Notation (when ambiguous)").selectOption({ index: 1 });
    await expect.poll(() => stats.nth(0).textContent()).toBe(sig3(klNormal(0, 1, 0, 4)));
    // Keyboard on a slider: Q's σ to its maximum (5).
    const qSigma = page.getByRole("slider", { name: "Q: std σ" });
    await qSigma.focus();
    await page.keyboard.press("End");
    await expect.poll(() => stats.nth(0).textContent()).toBe(sig3(klNormal(0, 1, 0, 5)));
    expect(await page.getByLabel("Q", { exact: true }).inputValue()).toBe("N(mu=0, sigma=5)");
    const hash = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
    expect(hash.get("q")).toBe("N(mu=0, sigma=5)");
    // One direction infinite, with the reason.
    await page.getByLabel("P (type a distribution)").fill("U(0, 1)");
    await page.getByLabel("Q", { exact: true }).fill("N(0, 1)");
    await expect.poll(() => stats.nth(1).textContent()).toBe("∞");
    // D_KL(Q‖P)'s reason: Q carries the mass, P has density 0 there.
    expect(await page.locator(".readout .stat").nth(1).locator(".why").textContent()).toMatch(
      /^Q = N\(mu=0, sigma=1\) puts mass .* where P = U\(0, 1\) has density 0, so log q\/p = \+∞/,
    );
    expect(Number(await stats.nth(0).textContent())).toBeCloseTo(1.0856, 2);
    // A parse error points at the character.
    await page.getByLabel("P (type a distribution)").fill("N(0,,1)");
    await expect
      .poll(() => page.locator(".parse-error").first().textContent())
      .toMatch(/column 5[\s\S]*\^/);
    // Discrete and truncated families: the Poisson closed form 2 ln(2/3) + 1, with a rate slider;
    // the half-normal against its own normal, ln 2.
    await page.getByLabel("P (type a distribution)").fill("Poisson(2)");
    await page.getByLabel("Q", { exact: true }).fill("Poisson(3)");
    await expect.poll(() => stats.nth(0).textContent()).toBe(sig3(2 * Math.log(2 / 3) + 1));
    expect(await page.getByRole("slider", { name: "Q: rate λ" }).count()).toBe(1);
    await page.getByLabel("P (type a distribution)").fill("HalfNormal(1)");
    await page.getByLabel("Q", { exact: true }).fill("N(0, 1)");
    await expect.poll(() => stats.nth(0).textContent()).toBe(sig3(Math.LN2));
    // A density written out: KL(2x on [0, 1] ‖ U(0, 2)) = ∫ 2x ln 4x dx = ln 4 − ½; the other way ∞.
    await page.getByLabel("P (type a distribution)").fill("p(x) = 2x on [0, 1]");
    await page.getByLabel("Q", { exact: true }).fill("U(0, 2)");
    await expect.poll(() => stats.nth(0).textContent()).toBe(sig3(Math.log(4) - 0.5));
    expect(await stats.nth(1).textContent()).toBe("∞");
    await clean(w);
  });

  it("grading page: a pasted transcript is graded in the page, the Problem 1 fix measured on the real model", {
    timeout: 120_000,
  }, async () => {
    const w = await watch();
    const { page } = w;
    await page.goto(url("grade.html"));
    await page.waitForSelector("#app[data-ready=true]");
    const transcript = [
      "User: problems 1, 2(a), 2(b) and 3(c)",
      "",
      "Assistant:",
      "",
      "**1.** The tied head multiplies the LayerNorm output by N(0, 1) embeddings, so the logit std grows as sqrt(d_model). Fix line 9:",
      "",
      "```python",
      "nn.init.normal_(self.emb_word.weight, mean=0.0, std=d_model ** -0.5)",
      "```",
      "",
      "**2(a)** P = U(0, 1) and Q = U(0, 2).",
      "",
      "**2(b)** Plot A is the reverse KL and plot B the forward KL.",
      "",
      "**3(c)** (b)",
    ].join("\n");
    await page.getByLabel(/Transcript/).fill(transcript);
    await page.getByRole("button", { name: "Grade" }).click();
    await page.waitForSelector(".graded[data-graded=true]", { timeout: 100_000 });
    expect(await page.getByRole("status").textContent()).toBe(
      // the fixture key has no entries for 3(a), 3(b), 3(d)
      "3 correct, 1 incorrect, 4 unreadable",
    );
    const row = (id: string) =>
      page.locator(".verdicts tbody tr", { has: page.locator(`th:text-is("${id}")`) });
    expect(await row("1").locator("td").first().textContent()).toBe("✓ correct");
    expect(await row("2b").locator("td").first().textContent()).toBe("✗ incorrect");
    // the fix was measured in the page, not assumed: the evidence quotes the measured logit std
    const evidence = await page
      .locator(".verdict", { hasText: "Part 1:" })
      .locator(".evidence")
      .textContent();
    const measured = Number(/measured initial logit std ([\d.]+)/.exec(evidence ?? "")?.[1]);
    expect(measured).toBeGreaterThan(0.9);
    expect(measured).toBeLessThan(1.1);
    // the transcript is shown as text, never as markup
    await page
      .getByLabel(/Transcript/)
      .fill("User: 3(c)\nAssistant: <img src=x onerror=alert(1)> (b)");
    await page.getByRole("button", { name: "Grade" }).click();
    await expect
      .poll(() => page.locator("pre.t-text").first().textContent())
      .toContain("<img src=x");
    expect(await page.locator(".graded img").count()).toBe(0);
    // a file saved as UTF-16 (with its BOM) is decoded as the CLI decodes it, not shown as bytes
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("User: 3(c)\nAssistant: curve (b)", "utf16le"),
    ]);
    await page
      .getByLabel(/open a file/)
      .setInputFiles({ name: "chat.txt", mimeType: "text/plain", buffer: utf16 });
    await expect
      .poll(() => page.getByLabel(/Transcript/).inputValue())
      .toBe("User: 3(c)\nAssistant: curve (b)");
    await clean(w);
  });

  it("KL explorer: a shared link replays the state", async () => {
    const w = await watch();
    await w.page.goto(`${url("explore-kl.html")}#p=N(1,%201)&q=N(0,%201)&reading=0&seed=3`);
    await w.page.waitForSelector("#app[data-ready=true]");
    await expect
      .poll(() => w.page.locator(".readout .stat .value").nth(0).textContent())
      .toBe("0.5");
    expect(await w.page.getByLabel("Seed (starting points)").inputValue()).toBe("3");
    await clean(w);
  });

  it("KL explorer: forward fit covers both modes, reverse fit sits on one", async () => {
    const w = await watch();
    await w.page.goto(`${url("explore-kl.html")}#steps=400`);
    await w.page.waitForSelector("#app[data-ready=true]");
    await w.page.getByRole("button", { name: /Run the forward and reverse fits/ }).click();
    await w.page.waitForSelector("section[data-fitted=true]", { timeout: 90_000 });
    const fwd = (await w.page.locator(".fit-forward").textContent()) ?? "";
    const rev = (await w.page.locator(".fit-reverse").textContent()) ?? "";
    const first = (s: string, name: string) =>
      Number(new RegExp(`${name}=(-?[0-9.e-]+)`).exec(s)?.[1]);
    // Target 0.5 N(−2, 0.5²) + 0.5 N(2, 0.5²): forward = moment match, σ = √(4 + 0.25) ≈ 2.06.
    expect(first(fwd, "σ")).toBeCloseTo(Math.sqrt(4.25), 1);
    expect(Math.abs(first(fwd, "μ"))).toBeLessThan(0.3);
    expect(Math.abs(first(rev, "μ"))).toBeCloseTo(2, 1);
    expect(first(rev, "σ")).toBeCloseTo(0.5, 1);
    await w.page.screenshot({ path: screenshotPath("explore-kl-fits"), fullPage: true });
    await clean(w);
  });

  it("Init explorer: measured logit std follows √d_model under the bug, ≈ 1 under the fix", async () => {
    const w = await watch();
    const { page } = w;
    await page.goto(`${url("explore-init.html")}#dModel=64&scheme=bug&vocab=256&seed=0`);
    await page.waitForSelector("#app[data-ready=true]", { timeout: 60_000 });
    const std = () => page.locator(".readout .stat .value").first().textContent();
    const loss = async () =>
      Number.parseFloat((await page.locator(".readout .stat .value").nth(1).textContent()) ?? "");
    const bug = Number(await std());
    const bugLoss = await loss();
    expect(bug / Math.sqrt(64)).toBeGreaterThan(0.85);
    expect(bug / Math.sqrt(64)).toBeLessThan(1.15);
    await page.getByLabel("Initialization of the tied embedding (line 9)").selectOption("fix");
    await page.waitForFunction(() => location.hash.includes("scheme=fix"));
    await page.waitForSelector("#app[data-ready=true]", { timeout: 60_000 });
    await expect.poll(async () => Number(await std()), { timeout: 60_000 }).toBeLessThan(1.5);
    const fix = Number(await std());
    expect(fix).toBeGreaterThan(0.6);
    // Under the bug the softmax starts near one-hot and the loss is far above ln V; the fix
    // brings it down by an order of magnitude.
    expect(bugLoss).toBeGreaterThan(3 * Math.log(256));
    expect(await loss()).toBeLessThan(bugLoss / 5);
    await clean(w);
  });

  it("Latent explorer: the β slider shows each recorded run's numbers", async () => {
    const w = await watch();
    const { page } = w;
    await page.goto(`${url("explore-latent.html")}#beta=1e-6`);
    await page.waitForSelector("#app[data-ready=true]");
    const values = page.locator(".readout .stat .value");
    expect(await values.nth(0).textContent()).toBe("1e-6");
    const slider = page.getByRole("slider", { name: "β (recorded runs)" });
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => values.nth(0).textContent()).toBe("1e-3");
    // Fixture numbers for β = 1e-3: Fisher ratio 6.3, validation error 1.8 %.
    expect(await values.nth(2).textContent()).toBe("6.3");
    expect(await values.nth(3).textContent()).toBe("1.8 %");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => values.nth(0).textContent()).toBe("1");
    expect(await values.nth(3).textContent()).toBe("41 %");
    expect(await page.evaluate(() => location.hash)).toBe("#beta=1&axes=own");
    await page.getByLabel("Axes").selectOption("shared");
    expect(await page.evaluate(() => location.hash)).toBe("#beta=1&axes=shared");
    await clean(w);
  });

  it("problem pages: the key with its status, interactive charts with tooltips and legend toggles", async () => {
    const w = await watch();
    const { page } = w;
    await page.goto(url("problem-3.html"));
    await page.waitForSelector("body[data-charts-ready=true]");
    expect(await page.locator("#part-3c .status.bad").textContent()).toMatch(/contradicted/i);
    expect(await page.locator(".vega[data-ready=true] svg").count()).toBe(1);
    await page.goto(url("problem-2.html"));
    await page.waitForSelector("body[data-charts-ready=true]");
    expect(await page.locator("#part-2b .answer").textContent()).toContain("A → forward");
    // Hover a point: the tooltip shows its values.
    const mark = page.locator(".vega svg path[aria-roledescription='point']").first();
    await mark.hover({ force: true });
    await expect.poll(() => page.locator("#vg-tooltip-element").textContent()).toMatch(/density/);
    // Click a legend entry: the other series fade.
    const legendItem = page
      .locator(
        ".vega svg g[aria-roledescription='legend'] g.role-legend-symbol path, .vega svg .role-legend-symbol path",
      )
      .first();
    await legendItem.click({ force: true });
    await expect
      .poll(() =>
        page
          .locator(
            ".vega svg .role-mark path[opacity='0.12'], .vega svg path[stroke-opacity='0.12']",
          )
          .count(),
      )
      .toBeGreaterThan(0);
    // The keyboard toggles follow the legend, and work on their own: space on "target" shows it too.
    const boxes = page.locator(".series-toggles input[type=checkbox]");
    expect(await boxes.count()).toBe(3);
    await expect
      .poll(() =>
        boxes.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).length),
      )
      .toBe(1);
    await page.dblclick(".vega svg", { position: { x: 5, y: 5 } });
    await expect
      .poll(() =>
        boxes.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).length),
      )
      .toBe(3);
    const faded = () =>
      page.locator(".vega svg path[opacity='0.12'], .vega svg path[stroke-opacity='0.12']").count();
    await expect.poll(faded).toBe(0);
    await page.getByRole("checkbox", { name: "forward" }).focus();
    await page.keyboard.press("Space");
    await expect.poll(faded).toBeGreaterThan(0);
    await clean(w);
  });

  it("transcripts page: each verdict sits beside the passage it grades", async () => {
    const w = await watch();
    await w.page.goto(url("transcripts.html"));
    const row = w.page.locator(".t-row.graded").first();
    expect(await row.locator(".t-text").textContent()).toContain("Take P = U(0, 1)");
    expect(await row.locator(".verdict-correct").textContent()).toContain("Part 2a");
    expect(await w.page.locator("aside.verdict-incorrect").count()).toBe(1);
    await clean(w);
  });

  it("served from 127.0.0.1: cross-origin isolated, so wasm runs multithreaded", async () => {
    const w = await watch();
    await w.page.goto(`${server.url}/explore-init.html#dModel=64&scheme=fix&vocab=256&seed=0`);
    await w.page.waitForSelector("#app[data-ready=true]", { timeout: 60_000 });
    expect(await w.page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await w.page.locator("[role=status]").textContent()).toMatch(/threads/);
    const res = await w.page.request.get(`${server.url}/index.html`);
    expect(res.headers()["cross-origin-embedder-policy"]).toBe("require-corp");
    expect(
      (await w.page.request.get(`${server.url}/..%2f..%2fetc/passwd`)).status(),
    ).toBeGreaterThanOrEqual(400);
    await clean(w);
  });

  const realResults = resolve("results");
  const hasReal = existsSync(realResults) && readdirSync(realResults).length > 0;
  it.skipIf(!hasReal)("the site built from the committed results loads cleanly", async () => {
    const dir = tempSiteDir();
    try {
      await buildSite({ resultsDir: realResults, outDir: dir });
      // The pages that depend on results (the explorers' own behaviour is tested above).
      const pages = PAGES.filter(([f]) => /^(index|problem-|explore-latent)/.test(f));
      for (const [file, ready] of pages) {
        const w = await watch();
        await w.page.goto(pathToFileURL(join(dir, file)).href);
        await w.page.waitForSelector(ready, { timeout: 30_000 });
        await w.page.screenshot({ path: screenshotPath(`real-${stem(file)}`), fullPage: true });
        await clean(w);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
