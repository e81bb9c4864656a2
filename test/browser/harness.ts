/**
 * Shared set-up for the browser tests: Debian's Chromium through playwright-core (headless, no
 * downloads, no background networking), a page wrapper that records console errors, page errors
 * and every request that is not local, and the site built from the fixture results.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { GradedTranscript } from "../../src/report/index.js";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const ARTIFACTS = resolve("test-artifacts");
export const FIXTURE = resolve("test/fixtures/report");

export async function launch(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A request is local when it stays on this machine: file:, data:, blob:, or 127.0.0.1. */
export function isLocal(url: string): boolean {
  if (/^(file|data|blob|about):/.test(url)) return true;
  try {
    const u = new URL(url);
    return u.hostname === "127.0.0.1" || u.hostname === "localhost";
  } catch {
    return false;
  }
}

export type Watched = { page: Page; errors: string[]; external: string[] };

/** A new page that aborts and records any non-local request, and records console errors. */
export async function watchedPage(browser: Browser, width = 1000): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const external: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    external.push(url);
    return route.abort();
  });
  return { page, errors, external };
}

export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, `${name}.png`);
}

/** The fixture's graded transcript (a view fixture: verdicts written by hand, not by the grader). */
export function fixtureTranscript(): GradedTranscript {
  const graded = JSON.parse(readFileSync(join(FIXTURE, "graded.json"), "utf8"));
  return {
    name: graded.name,
    transcript: readFileSync(join(FIXTURE, "transcript.md"), "utf8"),
    parts: graded.parts,
  };
}

export function tempSiteDir(): string {
  return mkdtempSync(join(tmpdir(), "groundtruth-site-"));
}
