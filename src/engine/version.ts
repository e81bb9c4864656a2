/** The installed @jax-js/jax version, without loading the engine (for cache keys and reports). */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Read from its package.json (its exports map hides the file from `import`). */
export function jaxVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve("@jax-js/jax");
  const pkg = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8"));
  return String(pkg.version);
}
