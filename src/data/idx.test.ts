import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError } from "./errors.js";
import { encodeIdx, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx, readIdxFile } from "./idx.js";

const dir = mkdtempSync(join(tmpdir(), "gt-idx-"));
const write = (name: string, bytes: Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
// 2 images of 3×2 pixels with distinct values, written by hand in big-endian.
const goodImages = Uint8Array.from([
  0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255,
]);

describe("IDX reader", () => {
  it("parses a hand-written good file: magic, dims and values", () => {
    const p = write("good-images", goodImages);
    const a = readIdxFile(p, IDX_IMAGES_MAGIC);
    expect(a.magic).toBe(0x803);
    expect(a.dims).toEqual([2, 3, 2]);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]);
  });

  it("encodeIdx writes what parseIdx reads (labels file)", () => {
    const bytes = encodeIdx([4], Uint8Array.from([3, 1, 4, 1]));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 0, 8, 1, 0, 0, 0, 4]);
    const a = parseIdx(bytes, "labels", IDX_LABELS_MAGIC);
    expect(a.dims).toEqual([4]);
    expect(Array.from(a.data)).toEqual([3, 1, 4, 1]);
  });

  it("a truncated file names the file and the expected vs found sizes", () => {
    const p = write("truncated-images", goodImages.subarray(0, goodImages.length - 5));
    expect(() => readIdxFile(p, IDX_IMAGES_MAGIC)).toThrow(DataError);
    expect(() => readIdxFile(p, IDX_IMAGES_MAGIC)).toThrow(
      `${p}: truncated IDX file: dimensions [2, 3, 2] need 12 value bytes after the 16-byte header, found 7`,
    );
  });

  it("a file cut inside its header is truncated too", () => {
    const p = write("cut-header", goodImages.subarray(0, 10));
    expect(() => readIdxFile(p, IDX_IMAGES_MAGIC)).toThrow(
      `${p}: truncated IDX header: expected 16 bytes for 3 dimension(s), found 10`,
    );
    expect(() => parseIdx(new Uint8Array(2), "tiny")).toThrow("tiny: truncated IDX file");
  });

  it("trailing bytes are rejected", () => {
    const p = write("long", Uint8Array.from([...goodImages, 0]));
    expect(() => readIdxFile(p)).toThrow("IDX file has trailing bytes");
  });

  it("a wrong magic number names the file, expected and found", () => {
    // A labels file where an images file is expected.
    const p = write("labels-as-images", encodeIdx([2], Uint8Array.from([0, 1])));
    expect(() => readIdxFile(p, IDX_IMAGES_MAGIC)).toThrow(
      `${p}: wrong IDX magic number: expected 0x00000803, found 0x00000801`,
    );
    // Not IDX at all (e.g. a gzip file, magic 1f 8b).
    const gz = write("gzipped", Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]));
    expect(() => readIdxFile(gz)).toThrow("not an unsigned-byte IDX file");
  });

  it("a missing file is a DataError naming it", () => {
    const p = join(dir, "absent");
    expect(() => readIdxFile(p)).toThrow(`${p}: cannot read IDX file (ENOENT)`);
  });
});
