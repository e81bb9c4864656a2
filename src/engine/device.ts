/** Starting the jax-js engine on Node: the wasm device, with its worker pool where allowed. */
import { defaultDevice, init, numpy as np } from "./jax.js";
import { jaxVersion } from "./version.js";

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
