import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const args = (...a: string[]) => ["--import", "tsx", "src/cli/main.ts", ...a];
const cli = (...a: string[]) =>
  spawnSync(process.execPath, args(...a), { cwd: root, encoding: "utf8" });
const out = mkdtempSync(join(tmpdir(), "gt-report-cli-"));
let server: ChildProcess | null = null;

afterAll(() => {
  server?.kill("SIGTERM");
  rmSync(out, { recursive: true, force: true });
});

describe("groundtruth report and serve", () => {
  it("report builds the site from a results directory and prints its pages as JSON", () => {
    const r = cli("report", "--out", out, "--results", "test/fixtures/report/results");
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.pages).toContain("explore-kl.html");
    expect(json.bytes["explore.js"]).toBeGreaterThan(100_000);
    expect(existsSync(join(out, "index.html"))).toBe(true);
    expect(r.stderr).toContain("groundtruth serve --dir");
  });

  it("report rejects a missing key file with one line", () => {
    const r = cli("report", "--out", join(out, "x"), "--key", "no/such/key.json");
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("groundtruth: answer key not found: no/such/key.json");
  });

  it("serve answers on 127.0.0.1 with COOP/COEP headers, and refuses a bad port", async () => {
    expect(cli("serve", "--dir", out, "--port", "99999").stderr).toContain("--port must be");
    expect(cli("serve", "--dir", join(out, "nope")).stderr).toContain("index.html missing");
    const child = spawn(process.execPath, args("serve", "--dir", out, "--port", "0"), {
      cwd: root,
    });
    server = child;
    const url = await new Promise<string>((ok, fail) => {
      let buf = "";
      child.stdout.on("data", (d) => {
        buf += d;
        const m = /"url":"([^"]+)"/.exec(buf);
        if (m) ok(m[1]!);
      });
      child.on("exit", (code) => fail(new Error(`serve exited with ${code}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/explore-init.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    expect(await res.text()).toContain('data-page="init"');
    expect((await fetch(`${url}/assets/explore.js`)).headers.get("content-type")).toMatch(
      /javascript/,
    );
    expect((await fetch(`${url}/nope.html`)).status).toBe(404);
    expect((await fetch(`${url}/index.html`, { method: "POST" })).status).toBe(405);
  });
});
