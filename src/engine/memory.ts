/**
 * Memory checks for tests that prove a loop does not leak. The primary measures are the
 * number of live device buffers on the wasm backend and the bytes they hold: jax-js frees a
 * buffer exactly when its reference count reaches zero, so a forgotten `.ref`/dispose shows up
 * as a count that grows by a fixed amount per step, and a constant a jitted program keeps (one
 * per compiled shape) as bytes that grow with each new shape, with no noise from the JS garbage
 * collector or from the allocator keeping freed blocks (which is why RSS and the wasm heap size
 * only level off, and are reported as secondary measures).
 *
 * jax-js does not expose that count, so `trackBuffers()` wraps the wasm backend's public
 * `malloc`/`incRef`/`decRef` methods (found through the ESM chunk that defines
 * `getBackend`); buffers allocated before tracking started are not counted.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import "./jax.js";
import { wasmHeapBytes } from "./node-platform.js";

type Slot = number;
type BackendLike = {
  type: string;
  malloc(size: number, data?: Uint8Array): Slot;
  incRef(slot: Slot): void;
  decRef(slot: Slot): void;
};

/** Per live slot: its reference count and its size in bytes. */
const live = new Map<Slot, { refs: number; bytes: number }>();
let tracking: Promise<void> | null = null;

/** Finds jax-js's `getBackend` in the same ESM module instance that `@jax-js/jax` loaded. */
async function loadGetBackend(): Promise<(device?: string) => BackendLike> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve("@jax-js/jax")); // resolves to dist/index.cjs
  const indexJs = readFileSync(join(dist, "index.js"), "utf8");
  const chunk = /from "\.\/(backend-[\w-]+\.js)"/.exec(indexJs)?.[1];
  if (!chunk) throw new Error("memory tracking: cannot find jax-js's backend chunk");
  const chunkSrc = readFileSync(join(dist, chunk), "utf8");
  const alias = /\bgetBackend as ([\w$]+)/.exec(chunkSrc)?.[1];
  if (!alias) throw new Error("memory tracking: jax-js's backend chunk exports no getBackend");
  const mod = (await import(pathToFileURL(join(dist, chunk)).href)) as Record<string, unknown>;
  const fn = mod[alias];
  if (typeof fn !== "function") throw new Error("memory tracking: getBackend is not a function");
  return fn as (device?: string) => BackendLike;
}

/** Starts counting live wasm buffers (idempotent). Call after `initEngine()`. */
export function trackBuffers(): Promise<void> {
  tracking ??= (async () => {
    const backend = (await loadGetBackend())("wasm");
    if (backend.type !== "wasm") throw new Error(`memory tracking: got backend ${backend.type}`);
    const { malloc, incRef, decRef } = backend;
    backend.malloc = function (size, data) {
      const slot = malloc.call(this, size, data);
      live.set(slot, { refs: 1, bytes: size });
      return slot;
    };
    backend.incRef = function (slot) {
      incRef.call(this, slot);
      const entry = live.get(slot);
      if (entry) entry.refs++;
    };
    backend.decRef = function (slot) {
      decRef.call(this, slot);
      const entry = live.get(slot);
      if (!entry) return;
      if (entry.refs <= 1) live.delete(slot);
      else entry.refs--;
    };
  })();
  return tracking;
}

/** Live wasm buffers allocated since tracking began. Throws if `trackBuffers()` was not awaited. */
export function liveBuffers(): number {
  if (!tracking) throw new Error("call `await trackBuffers()` before liveBuffers()");
  return live.size;
}

/** Bytes held by the live wasm buffers allocated since tracking began. Throws like `liveBuffers`. */
export function liveBytes(): number {
  if (!tracking) throw new Error("call `await trackBuffers()` before liveBytes()");
  let total = 0;
  for (const { bytes } of live.values()) total += bytes;
  return total;
}

/**
 * A memory reading: live buffers and their bytes (null when not tracking), jax-js's wasm heap
 * (null without the worker pool), process RSS and JS heap in bytes.
 */
export type MemorySnapshot = {
  liveBuffers: number | null;
  liveBytes: number | null;
  wasmHeapBytes: number | null;
  rssBytes: number;
  heapUsedBytes: number;
};

/** Reads all memory measures at once. */
export function memorySnapshot(): MemorySnapshot {
  const { rss, heapUsed } = process.memoryUsage();
  return {
    liveBuffers: tracking ? live.size : null,
    liveBytes: tracking ? liveBytes() : null,
    wasmHeapBytes: wasmHeapBytes(),
    rssBytes: rss,
    heapUsedBytes: heapUsed,
  };
}
