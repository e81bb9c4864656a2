/**
 * What jax-js expects of a browser, supplied on Node: a `navigator`, and a Web Worker built on
 * `node:worker_threads` so the wasm backend can run its worker pool. Installing is idempotent
 * and does nothing in a browser.
 */

import { resolveObjectURL } from "node:buffer";
import { availableParallelism } from "node:os";
import { Worker as ThreadWorker } from "node:worker_threads";

/**
 * The signal block shared with each worker thread (Int32 slots). `WAKE` counts the main thread's
 * wake-ups (every message), `FAST` is the number of the last kernel posted through the block,
 * `DONE` the last one finished; then the kernel's id, range, status and pointers.
 */
const SLOT = { WAKE: 0, FAST: 1, DONE: 2, KERNEL: 3, BEGIN: 4, END: 5, COUNT: 6, STATUS: 7 };
const PTRS_AT = 16;
const MAX_PTRS = 112;
const SIGNAL_BYTES = (PTRS_AT + MAX_PTRS) * 4;

/**
 * Runs inside each worker thread: gives the Web Worker source `self`, `postMessage`, `onmessage`.
 * The thread blocks on the signal block instead of returning to its event loop: woken, it first
 * reads every message waiting on its port (`receiveMessageOnPort`), then runs the kernel posted
 * through the block, if any, and reports it there. A kernel posted through the block is one the
 * thread has already received once by message (module and hash, kept by id).
 */
const WORKER_BOOTSTRAP = `
const { parentPort, receiveMessageOnPort, workerData } = require("node:worker_threads");
globalThis.self = globalThis;
const signal = new Int32Array(workerData.signal);
const ptrs = new Uint32Array(workerData.signal, ${PTRS_AT * 4}, ${MAX_PTRS});
const kernels = new Map();
let reply = null; // set while a kernel posted through the block runs: its reply goes there
globalThis.postMessage = (data) => (reply ? (reply.data = data) : parentPort.postMessage(data));
(0, eval)(workerData.source);
const deliver = (data) => globalThis.onmessage && globalThis.onmessage({ data });
let wake = 0;
let fast = 0;
for (;;) {
  // a timeout, so that a message whose wake-up was missed is still read
  Atomics.wait(signal, ${SLOT.WAKE}, wake, 50);
  wake = Atomics.load(signal, ${SLOT.WAKE});
  for (let m = receiveMessageOnPort(parentPort); m; m = receiveMessageOnPort(parentPort)) {
    const data = m.message;
    if (data && data.groundtruthKernelId !== undefined)
      kernels.set(data.groundtruthKernelId, { kernelHash: data.kernelHash, module: data.module });
    deliver(data);
  }
  const posted = Atomics.load(signal, ${SLOT.FAST});
  if (posted === fast) continue;
  fast = posted;
  const known = kernels.get(signal[${SLOT.KERNEL}]);
  reply = {};
  deliver({
    type: "kernel",
    kernelHash: known.kernelHash,
    module: known.module,
    ptrs: Array.from(ptrs.subarray(0, signal[${SLOT.COUNT}])),
    begin: signal[${SLOT.BEGIN}],
    end: signal[${SLOT.END}],
  });
  const data = reply.data;
  reply = null;
  const ok = data && data.ok === true;
  Atomics.store(signal, ${SLOT.STATUS}, ok ? 0 : 1);
  if (!ok) parentPort.postMessage(data ?? { type: "done", ok: false, error: "no reply" });
  Atomics.store(signal, ${SLOT.DONE}, fast);
  Atomics.notify(signal, ${SLOT.DONE});
}
`;

/** jax-js's wasm heap, as its pool hands it to the workers (null before, or with no pool). */
let wasmMemory: WebAssembly.Memory | null = null;

/** Bytes of jax-js's wasm heap (it only grows), or null when the worker pool has not started. */
export function wasmHeapBytes(): number | null {
  return wasmMemory ? wasmMemory.buffer.byteLength : null;
}

type MessageHandler = ((event: { data: unknown }) => void) | null;
type ErrorHandler = ((event: { message: string }) => void) | null;

/** jax-js's pool message for one kernel over elements [begin, end). */
type KernelMessage = {
  type: "kernel";
  kernelHash: string;
  module: WebAssembly.Module;
  ptrs: number[];
  begin: number;
  end: number;
};

const isKernelMessage = (m: unknown): m is KernelMessage => {
  const k = m as KernelMessage;
  return (
    typeof m === "object" &&
    m !== null &&
    k.type === "kernel" &&
    typeof k.kernelHash === "string" &&
    k.module instanceof WebAssembly.Module &&
    Array.isArray(k.ptrs) &&
    k.ptrs.length <= MAX_PTRS &&
    k.ptrs.every((p) => Number.isInteger(p) && p >= 0 && p < 2 ** 32) &&
    Number.isInteger(k.begin) &&
    Number.isInteger(k.end)
  );
};

/** How the main thread hands kernels to a worker: signal block (default) or messages only. */
export type WorkerChannel = "atomics" | "messages";

/**
 * The part of the Web Worker API that jax-js's wasm pool uses, on `worker_threads`.
 * The pool hands over its source as a `blob:` URL; reading a Blob is asynchronous,
 * so messages posted before the thread starts are queued.
 *
 * jax-js posts one message per kernel and worker and waits for the reply before the next one.
 * A message between threads takes tens of microseconds each way, as long as a small kernel
 * runs, and a VIB step has ~140 kernels; so a kernel the thread has seen once is posted through
 * a shared signal block instead (Atomics: a few microseconds), and its reply comes back there.
 */
class NodeWebWorker {
  static channel: WorkerChannel = "atomics";
  onmessage: MessageHandler = null;
  onerror: ErrorHandler = null;
  #thread: ThreadWorker | null = null;
  #pending: unknown[] = [];
  #terminated = false;
  #owed = 0;
  #signal = new Int32Array(new SharedArrayBuffer(SIGNAL_BYTES));
  #ptrs = new Uint32Array(this.#signal.buffer, PTRS_AT * 4, MAX_PTRS);
  #kernelIds = new Map<string, number>();
  #fast = 0;

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
    const thread = new ThreadWorker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: { source, signal: this.#signal.buffer },
    });
    thread.on("message", (data) => {
      this.#settle();
      this.onmessage?.({ data });
    });
    thread.on("error", (err) => this.onerror?.({ message: err.message }));
    this.#thread = thread;
    this.#settle(0);
    for (const message of this.#pending) this.#send(thread, message);
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

  #wake(): void {
    Atomics.add(this.#signal, SLOT.WAKE, 1);
    Atomics.notify(this.#signal, SLOT.WAKE);
  }

  /** By message; a kernel the thread has not seen gets an id to be posted by later. */
  #send(thread: ThreadWorker, message: unknown): void {
    if (NodeWebWorker.channel === "atomics" && isKernelMessage(message)) {
      let id = this.#kernelIds.get(message.kernelHash);
      if (id === undefined) {
        id = this.#kernelIds.size;
        this.#kernelIds.set(message.kernelHash, id);
        message = { ...message, groundtruthKernelId: id };
      }
    }
    thread.postMessage(message);
    this.#wake();
  }

  /** Through the signal block: a known kernel, when no other reply is owed. */
  #post(m: KernelMessage): void {
    const s = this.#signal;
    const n = ++this.#fast;
    s[SLOT.KERNEL] = this.#kernelIds.get(m.kernelHash)!;
    s[SLOT.BEGIN] = m.begin;
    s[SLOT.END] = m.end;
    s[SLOT.COUNT] = m.ptrs.length;
    this.#ptrs.set(m.ptrs);
    Atomics.store(s, SLOT.FAST, n);
    this.#wake();
    const wait = () => {
      const w = Atomics.waitAsync(s, SLOT.DONE, n - 1);
      if (w.async) void w.value.then(done);
      else queueMicrotask(done);
    };
    const done = () => {
      // Any notify on DONE wakes the waiter, also the one the worker sends for the kernel before
      // this one when that kernel finished before the main thread came to wait for it: wait on
      // until DONE is this kernel's number.
      if (Atomics.load(s, SLOT.DONE) !== n) return wait();
      // a failed kernel also replies by message, which delivers the error
      if (Atomics.load(s, SLOT.STATUS) !== 0) return;
      this.#settle();
      this.onmessage?.({ data: { type: "done", ok: true } });
    };
    wait();
  }

  postMessage(message: unknown): void {
    const init = message as { type?: unknown; memory?: unknown };
    if (init?.type === "init" && init.memory instanceof WebAssembly.Memory)
      wasmMemory = init.memory;
    const fast =
      this.#thread !== null &&
      this.#owed === 0 &&
      NodeWebWorker.channel === "atomics" &&
      isKernelMessage(message) &&
      this.#kernelIds.has(message.kernelHash);
    this.#owed += 1;
    if (this.#thread) {
      this.#thread.ref();
      if (fast) this.#post(message as KernelMessage);
      else this.#send(this.#thread, message);
    } else this.#pending.push(message);
  }

  terminate(): void {
    this.#terminated = true;
    void this.#thread?.terminate();
  }
}

export type PlatformOptions = { workers: number; channel?: WorkerChannel };

/** Installs the browser surface jax-js needs. `workers` 0 leaves the pool off (single thread). */
export function installNodePlatform(options: PlatformOptions): void {
  NodeWebWorker.channel = options.channel ?? "atomics";
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

/**
 * How kernels reach the workers: `GROUNDTRUTH_WORKER_CHANNEL` when set ("messages" is the
 * message-only hand-over, kept to measure the signal block against), otherwise "atomics".
 */
export function workerChannelFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerChannel {
  const raw = env.GROUNDTRUTH_WORKER_CHANNEL;
  if (raw === undefined || raw === "") return "atomics";
  if (raw !== "atomics" && raw !== "messages") {
    throw new Error(`GROUNDTRUTH_WORKER_CHANNEL must be "atomics" or "messages", got "${raw}"`);
  }
  return raw;
}
