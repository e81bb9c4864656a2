/**
 * What jax-js expects of a browser, supplied on Node: a `navigator`, and a Web Worker built on
 * `node:worker_threads` so the wasm backend can run its worker pool. Installing is idempotent
 * and does nothing in a browser.
 */

import { resolveObjectURL } from "node:buffer";
import { availableParallelism } from "node:os";
import { Worker as ThreadWorker } from "node:worker_threads";

/** Runs inside each worker thread: gives the Web Worker source `self`, `postMessage`, `onmessage`. */
const WORKER_BOOTSTRAP = `
const { parentPort, workerData } = require("node:worker_threads");
globalThis.self = globalThis;
globalThis.postMessage = (data) => parentPort.postMessage(data);
(0, eval)(workerData.source);
parentPort.on("message", (data) => globalThis.onmessage && globalThis.onmessage({ data }));
`;

type MessageHandler = ((event: { data: unknown }) => void) | null;
type ErrorHandler = ((event: { message: string }) => void) | null;

/**
 * The part of the Web Worker API that jax-js's wasm pool uses, on `worker_threads`.
 * The pool hands over its source as a `blob:` URL; reading a Blob is asynchronous,
 * so messages posted before the thread starts are queued.
 */
class NodeWebWorker {
  onmessage: MessageHandler = null;
  onerror: ErrorHandler = null;
  #thread: ThreadWorker | null = null;
  #pending: unknown[] = [];
  #terminated = false;
  #owed = 0;

  constructor(url: string | URL) {
    const blob = resolveObjectURL(String(url));
    if (!blob) throw new Error(`worker source not found at ${String(url)}`);
    blob.text().then(
      (source) => this.#start(source),
      (err: unknown) => this.onerror?.({ message: String(err) }),
    );
  }

  #start(source: string): void {
    if (this.#terminated) return;
    const thread = new ThreadWorker(WORKER_BOOTSTRAP, { eval: true, workerData: { source } });
    thread.on("message", (data) => {
      this.#settle();
      this.onmessage?.({ data });
    });
    thread.on("error", (err) => this.onerror?.({ message: err.message }));
    this.#thread = thread;
    this.#settle(0);
    for (const message of this.#pending) thread.postMessage(message);
    this.#pending = [];
  }

  /**
   * The pool answers every message with exactly one reply. The thread keeps the process
   * alive only while a reply is owed, so an idle pool never holds a finished command open.
   */
  #settle(replies = 1): void {
    this.#owed -= replies;
    if (this.#owed > 0) this.#thread?.ref();
    else this.#thread?.unref();
  }

  postMessage(message: unknown): void {
    this.#owed += 1;
    if (this.#thread) {
      this.#thread.ref();
      this.#thread.postMessage(message);
    } else this.#pending.push(message);
  }

  terminate(): void {
    this.#terminated = true;
    void this.#thread?.terminate();
  }
}

export type PlatformOptions = { workers: number };

/** Installs the browser surface jax-js needs. `workers` 0 leaves the pool off (single thread). */
export function installNodePlatform(options: PlatformOptions): void {
  const g = globalThis as Record<string, unknown>;
  const nav = (g.navigator ?? {}) as Record<string, unknown>;
  const userAgent =
    typeof nav.userAgent === "string" ? nav.userAgent : `Node.js/${process.version}`;
  Object.defineProperty(g, "navigator", {
    value: { ...nav, userAgent, hardwareConcurrency: Math.max(1, options.workers) },
    configurable: true,
    writable: true,
  });
  if (options.workers > 0) {
    if (typeof g.Worker === "undefined") g.Worker = NodeWebWorker;
  } else if (g.Worker === NodeWebWorker) {
    delete g.Worker;
  }
}

/**
 * Pool size: `GROUNDTRUTH_WORKERS` when set (0 = single-threaded), otherwise one worker
 * per available core.
 */
export function workerCountFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GROUNDTRUTH_WORKERS;
  if (raw === undefined || raw === "") return availableParallelism();
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`GROUNDTRUTH_WORKERS must be a whole number ≥ 0, got "${raw}"`);
  }
  return count;
}
