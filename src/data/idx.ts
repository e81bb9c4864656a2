/**
 * IDX files (the MNIST format): a big-endian header `0x00 0x00 <type> <ndim>`, then `ndim`
 * uint32 dimensions, then the raw values. Only unsigned bytes (type 0x08) are supported,
 * which is all MNIST and Fashion-MNIST use.
 */
import { readFileSync } from "node:fs";
import { DataError } from "./errors.js";

/** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
export const IDX_LABELS_MAGIC = 0x00000801;

/** A parsed IDX file: its dimensions and its values (a view into the file's bytes). */
export type IdxArray = { magic: number; dims: number[]; data: Uint8Array };

const hex = (n: number): string => `0x${n.toString(16).padStart(8, "0")}`;

/**
 * Parses IDX bytes and checks the magic number (if `expectedMagic` is given) and that the file
 * holds exactly prod(dims) values. `file` names the source in every error.
 */
export function parseIdx(bytes: Uint8Array, file: string, expectedMagic?: number): IdxArray {
  if (bytes.length < 4) {
    throw new DataError(
      `${file}: truncated IDX file: expected at least a 4-byte header, found ${bytes.length} byte(s)`,
      file,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (expectedMagic !== undefined && magic !== expectedMagic) {
    throw new DataError(
      `${file}: wrong IDX magic number: expected ${hex(expectedMagic)}, found ${hex(magic)}`,
      file,
    );
  }
  const type = (magic >>> 8) & 0xff;
  const ndim = magic & 0xff;
  if (magic >>> 16 !== 0 || type !== 0x08 || ndim === 0) {
    throw new DataError(
      `${file}: not an unsigned-byte IDX file: expected magic 0x000008NN (NN = number of dimensions ≥ 1), found ${hex(magic)}`,
      file,
    );
  }
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) {
    throw new DataError(
      `${file}: truncated IDX header: expected ${headerBytes} bytes for ${ndim} dimension(s), found ${bytes.length}`,
      file,
    );
  }
  const dims: number[] = [];
  for (let i = 0; i < ndim; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const found = bytes.length - headerBytes;
  if (found !== count) {
    const what = found < count ? "truncated IDX file" : "IDX file has trailing bytes";
    throw new DataError(
      `${file}: ${what}: dimensions [${dims.join(", ")}] need ${count} value bytes after the ${headerBytes}-byte header, found ${found}`,
      file,
    );
  }
  return { magic, dims, data: bytes.subarray(headerBytes) };
}

/** Reads and parses one IDX file; a missing file is a `DataError` too. */
export function readIdxFile(path: string, expectedMagic?: number): IdxArray {
  let bytes: Uint8Array;
  try {
    const buf = readFileSync(path);
    bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength); // a plain view, not a Buffer
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new DataError(`${path}: cannot read IDX file (${code})`, path);
  }
  return parseIdx(bytes, path, expectedMagic);
}

/** Encodes dimensions and values as IDX bytes (unsigned bytes); used to write test fixtures. */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new Error(
      `encodeIdx: dims [${dims.join(", ")}] need ${count} values, got ${data.length}`,
    );
  }
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x0800 | dims.length, false);
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d, false);
  out.set(data, 4 + 4 * dims.length);
  return out;
}
