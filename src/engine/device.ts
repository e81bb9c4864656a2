/** Starting the jax-js engine on Node: the wasm device, with its worker pool where allowed. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defaultDevice, init, numpy as np } from "./jax.js";

export type EngineInfo = { device: string; workers: number; jaxVersion: string };

let started: EngineInfo | null = null;

/** Initialises jax-js once per process on the wasm device and reports what it got. */
export async function initEngine(): Promise<EngineInfo> {
  if (started) return started;
  const devices = await init("wasm");
  if (!devices.includes("wasm")) {
    throw new Error(
      `jax-js could not start its wasm device (found: ${devices.join(", ") || "none"})`,
    );
  }
  defaultDevice("wasm");
  np.zeros([1]).dispose();
  const workers = typeof Worker === "undefined" ? 0 : navigator.hardwareConcurrency;
  started = { device: "wasm", workers, jaxVersion: jaxVersion() };
  return started;
}

/** The installed @jax-js/jax version, read from its package.json (its exports map hides it). */
function jaxVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve("@jax-js/jax");
  const pkg = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8"));
  return String(pkg.version);
}
