/**
 * Bundling the browser side of the site with esbuild: classic (IIFE) scripts, so pages work from
 * file:// where module scripts are blocked, with everything vendored (vega, vega-lite, vega-embed,
 * jax-js). The Node-only engine glue is swapped for its browser counterpart by `browserEngine`.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

/** The repository root (this file lives in src/report/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The scripts the site loads: name → entry file (relative to the repo root). */
export const bundleEntries = {
  charts: "web/report/charts.ts",
  explore: "web/explorables/main.ts",
} as const;

export type BundleName = keyof typeof bundleEntries;

/**
 * esbuild plugin: in the browser, `src/engine/install.ts` and `node-platform.ts` (worker_threads,
 * node:buffer) become empty modules and `src/engine/device.ts` becomes `web/explorables/device.ts`,
 * so browser code still imports jax through `src/engine/jax.ts` and `src/engine/index.ts`.
 */
export function browserEngine(root = repoRoot): Plugin {
  const engineDir = join(root, "src", "engine");
  const swaps: Record<string, string | null> = {
    [join(engineDir, "install.ts")]: null,
    [join(engineDir, "node-platform.ts")]: null,
    [join(engineDir, "device.ts")]: join(root, "web", "explorables", "device.ts"),
  };
  return {
    name: "browser-engine",
    setup(b) {
      b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
        const target = resolve(args.resolveDir, args.path).replace(/\.js$/, ".ts");
        if (!(target in swaps)) return undefined;
        const swap = swaps[target];
        if (swap === null) return { path: target, namespace: "browser-empty" };
        return { path: swap };
      });
      // Node built-ins reached through shared modules (e.g. engine/memory.ts, test helpers) become
      // empty CommonJS stubs: importing them is harmless; calling into them fails loudly.
      b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "node-stub" }));
      b.onLoad({ filter: /.*/, namespace: "node-stub" }, () => ({
        contents: "module.exports = {};",
        loader: "js",
      }));
      b.onLoad({ filter: /.*/, namespace: "browser-empty" }, () => ({
        contents:
          "export function installNodePlatform() {}\nexport function workerCountFromEnv() { return 0; }\n" +
          'export function workerChannelFromEnv() { return "messages"; }\nexport function wasmHeapBytes() { return null; }\n',
        loader: "js",
      }));
    },
  };
}

const built = new Map<string, Promise<Uint8Array>>();

/** Bundles one entry (minified IIFE, no source map), once per process and repo root. */
function bundleBytes(name: BundleName, root: string): Promise<Uint8Array> {
  const key = `${root}\0${name}`;
  let p = built.get(key);
  if (!p) {
    const entry = join(root, bundleEntries[name]);
    if (!existsSync(entry)) throw new Error(`bundle entry missing: ${entry}`);
    p = build({
      entryPoints: [entry],
      outfile: `${name}.js`,
      write: false,
      bundle: true,
      format: "iife",
      platform: "browser",
      target: ["es2022"],
      minify: true,
      legalComments: "none",
      logLevel: "silent",
      define: { "process.env.NODE_ENV": '"production"' },
      plugins: [browserEngine(root)],
    }).then((r) => r.outputFiles[0]!.contents);
    built.set(key, p);
    p.catch(() => built.delete(key));
  }
  return p;
}

/** Writes the bundle for `name` to `outFile`; returns its size in bytes. */
export async function bundleScript(
  name: BundleName,
  outFile: string,
  root = repoRoot,
): Promise<number> {
  const bytes = await bundleBytes(name, root);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, bytes);
  return bytes.byteLength;
}
