/**
 * Browser counterpart of src/engine/device.ts (swapped in by the site bundler): WebGPU where the
 * browser offers an adapter, wasm otherwise (multithreaded only on a cross-origin-isolated page).
 */
import { defaultDevice, init, numpy as np } from "../../src/engine/jax.js";

export type EngineInfo = { device: string; workers: number; jaxVersion: string };

let started: Promise<EngineInfo> | null = null;

/** Starts jax-js once per page and reports the device it chose. */
export function initEngine(): Promise<EngineInfo> {
  started ??= start();
  return started;
}

async function start(): Promise<EngineInfo> {
  const wanted: Array<"webgpu" | "wasm"> = hasWebGpu() ? ["webgpu", "wasm"] : ["wasm"];
  const devices = await init(...wanted);
  const device = devices.includes("webgpu") ? "webgpu" : devices.includes("wasm") ? "wasm" : null;
  if (!device)
    throw new Error(`jax-js found no usable device (got: ${devices.join(", ") || "none"})`);
  defaultDevice(device);
  np.zeros([1]).dispose();
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const workers = device === "wasm" && isolated ? navigator.hardwareConcurrency : 0;
  return { device, workers, jaxVersion: "browser" };
}

function hasWebGpu(): boolean {
  return typeof navigator !== "undefined" && "gpu" in navigator && navigator.gpu !== undefined;
}
