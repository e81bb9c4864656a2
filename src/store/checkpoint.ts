/**
 * Checkpoints: one self-checking binary file per saved step,
 *   "GTCKPT02" | u32 header length | header JSON | payload bytes,
 * where the header holds the step, the tree manifest, free-form JSON meta (rng state,
 * metrics so far) and the payload's sha256. Files are written atomically, and a file whose
 * length or checksum does not match is never loaded: loading falls back to the previous one.
 * "GTCKPT02" files hold dense weights [out, in]; "GTCKPT01" files, written before, held them
 * [in, out] and are converted as they are read.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { type ArrayTree, type TreeManifest, treeFromBytes, treeToBytes } from "../engine/index.js";
import { writeFileAtomic } from "./atomic.js";

const MAGIC = "GTCKPT02";
const MAGIC_DENSE_IN_OUT = "GTCKPT01";
const FILE = /^step-(\d{9})\.ckpt$/;

/** What a checkpoint holds: the step reached, all arrays (params, optimizer state), and JSON meta. */
export type Checkpoint<Meta = unknown> = { step: number; state: ArrayTree; meta: Meta };

type Header = { step: number; manifest: TreeManifest; meta: unknown; sha256: string };

/** The file name for `step` (zero-padded so names sort by step). */
export const checkpointName = (step: number): string =>
  `step-${String(step).padStart(9, "0")}.ckpt`;

/** Saves a checkpoint into `dir` atomically and keeps only the newest `keep`. Borrows `state`. */
export async function saveCheckpoint<Meta>(
  dir: string,
  ckpt: Checkpoint<Meta>,
  keep = 2,
): Promise<string> {
  const { bytes, manifest } = await treeToBytes(ckpt.state);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const header: Header = { step: ckpt.step, manifest, meta: ckpt.meta, sha256 };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const file = Buffer.alloc(MAGIC.length + 4 + headerBytes.length + bytes.length);
  file.write(MAGIC, 0, "latin1");
  file.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(file, MAGIC.length + 4);
  file.set(bytes, MAGIC.length + 4 + headerBytes.length);
  const path = join(dir, checkpointName(ckpt.step));
  await writeFileAtomic(path, file);
  const steps = await checkpointSteps(dir);
  for (const old of steps.slice(keep)) await fs.rm(join(dir, checkpointName(old)), { force: true });
  return path;
}

/** Steps of the checkpoint files present in `dir`, newest first. */
export async function checkpointSteps(dir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return names
    .map((n) => FILE.exec(n)?.[1])
    .filter((s): s is string => s !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
}

/** Reads and verifies one checkpoint file; throws (naming the file) if it is torn or corrupt. */
export async function loadCheckpoint<Meta = unknown>(path: string): Promise<Checkpoint<Meta>> {
  const buf = await fs.readFile(path);
  const bad = (why: string) => new Error(`${path}: not a valid checkpoint (${why})`);
  const magic = buf.length < MAGIC.length + 4 ? "" : buf.toString("latin1", 0, MAGIC.length);
  if (magic !== MAGIC && magic !== MAGIC_DENSE_IN_OUT) throw bad("bad magic");
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const payloadAt = MAGIC.length + 4 + headerLength;
  if (payloadAt > buf.length) throw bad("truncated header");
  let header: Header;
  try {
    header = JSON.parse(buf.toString("utf8", MAGIC.length + 4, payloadAt)) as Header;
  } catch {
    throw bad("unreadable header");
  }
  const payload = new Uint8Array(buf.buffer, buf.byteOffset + payloadAt, buf.length - payloadAt);
  if (payload.byteLength !== header.manifest.byteLength) {
    throw bad(`payload is ${payload.byteLength} bytes, expected ${header.manifest.byteLength}`);
  }
  if (createHash("sha256").update(payload).digest("hex") !== header.sha256)
    throw bad("checksum mismatch");
  if (magic === MAGIC_DENSE_IN_OUT) denseWeightsToOutIn(payload, header.manifest);
  return {
    step: header.step,
    state: treeFromBytes(payload, header.manifest),
    meta: header.meta as Meta,
  };
}

/**
 * Converts a GTCKPT01 payload in place: every 2-D float32 leaf whose key is `w` (a dense layer's
 * weight, and its Adam moments and weight average, whose paths end the same way) goes from
 * [in, out] to [out, in], and the manifest says so.
 */
function denseWeightsToOutIn(payload: Uint8Array, manifest: TreeManifest): void {
  for (const leaf of manifest.leaves) {
    if (!/(^|\.)w$/.test(leaf.path) || leaf.shape.length !== 2 || leaf.dtype !== "float32")
      continue;
    const [rows, cols] = leaf.shape;
    const end = leaf.byteOffset + rows * cols * 4;
    const inOut = new Float32Array(payload.slice(leaf.byteOffset, end).buffer);
    const outIn = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) outIn[j * rows + i] = inOut[i * cols + j];
    payload.set(new Uint8Array(outIn.buffer), leaf.byteOffset);
    leaf.shape = [cols, rows];
  }
}

/**
 * The newest checkpoint in `dir` that verifies, or null if none does. Invalid files are
 * reported through `onInvalid` and skipped, so a torn write costs one interval, not the run.
 */
export async function loadLatestCheckpoint<Meta = unknown>(
  dir: string,
  onInvalid: (path: string, err: Error) => void = () => {},
): Promise<Checkpoint<Meta> | null> {
  for (const step of await checkpointSteps(dir)) {
    const path = join(dir, checkpointName(step));
    try {
      return await loadCheckpoint<Meta>(path);
    } catch (err) {
      onInvalid(path, err as Error);
    }
  }
  return null;
}
