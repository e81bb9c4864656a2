import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DataError } from "./errors.js";
import { encodeIdx } from "./idx.js";
import {
  batchesPerEpoch,
  batchIndices,
  epochOrder,
  gatherBatch,
  loadMnist,
  MNIST_FILES,
  type Mnist,
  selectClasses,
  splitTrainValidation,
  toFloatInputs,
} from "./mnist.js";

const countLabels = (labels: Uint8Array, k = 10): number[] => {
  const c = new Array(k).fill(0);
  for (const l of labels) c[l]++;
  return c;
};

// Vitest's deep equality is slow on millions of elements; compare bytes directly.
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

describe("real MNIST", () => {
  let mnist: Mnist;
  beforeAll(() => {
    mnist = loadMnist();
  });

  it("has 60 000 / 10 000 digits of 28×28 with the published class counts", () => {
    expect(mnist.train.count).toBe(60_000);
    expect(mnist.test.count).toBe(10_000);
    expect([mnist.train.rows, mnist.train.cols]).toEqual([28, 28]);
    expect(mnist.train.images.length).toBe(60_000 * 784);
    expect(countLabels(mnist.train.labels)).toEqual([
      5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949,
    ]);
    expect(countLabels(mnist.test.labels)).toEqual([
      980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009,
    ]);
  });

  it("pixels and labels look like MNIST", () => {
    // The first training digit is a 5, the first test digit a 7.
    expect(mnist.train.labels[0]).toBe(5);
    expect(mnist.test.labels[0]).toBe(7);
    // Mean training pixel is 0.1307·255 ≈ 33.32 (the usual normalisation constant).
    let sum = 0;
    for (const v of mnist.train.images) sum += v;
    expect(sum / mnist.train.images.length / 255).toBeCloseTo(0.1307, 4);
    // Borders are background: the corner pixels of every test image are 0.
    for (let i = 0; i < mnist.test.count; i++) {
      const img = mnist.test.images.subarray(i * 784, (i + 1) * 784);
      expect(img[0] + img[27] + img[756] + img[783]).toBe(0);
    }
  });

  it("the validation split is fixed by seed, disjoint and covering", () => {
    const a = splitTrainValidation(mnist.train, 5000, 7);
    const b = splitTrainValidation(mnist.train, 5000, 7);
    const c = splitTrainValidation(mnist.train, 5000, 8);
    expect(a.train.count).toBe(55_000);
    expect(a.validation.count).toBe(5_000);
    expect(Array.from(a.validation.sourceIndices)).toEqual(Array.from(b.validation.sourceIndices));
    expect(sameBytes(a.validation.images, b.validation.images)).toBe(true);
    expect(Array.from(a.validation.sourceIndices)).not.toEqual(
      Array.from(c.validation.sourceIndices),
    );
    const seen = new Uint8Array(60_000);
    for (const i of a.train.sourceIndices) seen[i]++;
    for (const i of a.validation.sourceIndices) seen[i]++;
    expect(seen.every((s) => s === 1)).toBe(true);
    // The copied examples are the source examples.
    const k = 1234;
    const src = a.validation.sourceIndices[k];
    expect(a.validation.labels[k]).toBe(mnist.train.labels[src]);
    expect(
      sameBytes(
        a.validation.images.subarray(k * 784, (k + 1) * 784),
        mnist.train.images.subarray(src * 784, (src + 1) * 784),
      ),
    ).toBe(true);
    // Every digit appears in a random 5 000 (roughly 500 each).
    for (const n of countLabels(a.validation.labels)) expect(n).toBeGreaterThan(400);
  });

  it("class subsets remap to 0..k-1 and record the mapping", () => {
    const sub = selectClasses(mnist.test, [7, 2, 9]);
    expect(sub.classes).toEqual([7, 2, 9]);
    expect(sub.count).toBe(1028 + 1032 + 1009);
    expect(countLabels(sub.labels, 3)).toEqual([1028, 1032, 1009]);
    for (let i = 0; i < sub.count; i++) {
      expect(mnist.test.labels[sub.sourceIndices[i]]).toBe(sub.classes[sub.labels[i]]);
    }
    // A subset of a subset speaks in original digits.
    const sub2 = selectClasses(sub, [9]);
    expect(sub2.classes).toEqual([9]);
    expect(sub2.count).toBe(1009);
    expect(sub2.labels.every((l) => l === 0)).toBe(true);
    expect(() => selectClasses(sub, [1])).toThrow("digit 1 is not in this set");
  });
});

describe("inputs and batch order", () => {
  it("toFloatInputs maps 0 → −1, 255 → 1 linearly", () => {
    expect(Array.from(toFloatInputs(Uint8Array.from([0, 51, 255])))).toEqual([
      -1,
      Math.fround(51 / 127.5 - 1),
      1,
    ]);
  });

  it("batches are a pure function of (seed, step) and cover each epoch once", () => {
    const n = 103;
    const bs = 10;
    expect(batchesPerEpoch(n, bs)).toBe(10);
    const epoch0: number[] = [];
    for (let s = 0; s < 10; s++) epoch0.push(...batchIndices(n, bs, 3, s));
    expect(new Set(epoch0).size).toBe(100);
    expect(epoch0).toEqual(Array.from(epochOrder(n, 3, 0).slice(0, 100)));
    // Step 13 (epoch 1) is the same whether reached in order or directly.
    const direct = Array.from(batchIndices(n, bs, 3, 13));
    batchIndices(n, bs, 3, 2);
    expect(Array.from(batchIndices(n, bs, 3, 13))).toEqual(direct);
    expect(direct).toEqual(Array.from(epochOrder(n, 3, 1).slice(30, 40)));
    // Epochs and seeds differ.
    expect(Array.from(epochOrder(n, 3, 1))).not.toEqual(Array.from(epochOrder(n, 3, 0)));
    expect(Array.from(epochOrder(n, 4, 0))).not.toEqual(Array.from(epochOrder(n, 3, 0)));
  });

  it("gatherBatch returns scaled pixels and int labels", () => {
    const set = {
      images: Uint8Array.from([0, 255, 51, 0, 255, 255]),
      labels: Uint8Array.from([2, 0, 1]),
      count: 3,
      rows: 1,
      cols: 2,
      classes: [0, 1, 2],
      sourceIndices: Uint32Array.from([0, 1, 2]),
    };
    const { x, y } = gatherBatch(set, [2, 0]);
    expect(Array.from(x)).toEqual([1, 1, -1, 1]);
    expect(Array.from(y)).toEqual([1, 2]);
  });
});

describe("loadMnist on bad folders", () => {
  it("rejects label/image count mismatches naming the labels file", () => {
    const dir = mkdtempSync(join(tmpdir(), "gt-mnist-"));
    const img = (n: number) => encodeIdx([n, 2, 2], new Uint8Array(n * 4));
    const lab = (n: number) => encodeIdx([n], new Uint8Array(n));
    writeFileSync(join(dir, MNIST_FILES.trainImages), img(3));
    writeFileSync(join(dir, MNIST_FILES.trainLabels), lab(2));
    writeFileSync(join(dir, MNIST_FILES.testImages), img(2));
    writeFileSync(join(dir, MNIST_FILES.testLabels), lab(2));
    const labels = join(dir, MNIST_FILES.trainLabels);
    expect(() => loadMnist({ dir })).toThrow(DataError);
    expect(() => loadMnist({ dir })).toThrow(
      `${labels}: label count does not match ${join(dir, MNIST_FILES.trainImages)}: expected 3 labels, found 2`,
    );
    writeFileSync(labels, encodeIdx([3], Uint8Array.from([0, 10, 1])));
    expect(() => loadMnist({ dir })).toThrow(`${labels}: label 1 is 10, expected a digit 0..9`);
    writeFileSync(labels, lab(3));
    const ok = loadMnist({ dir });
    expect([ok.train.count, ok.test.count, ok.train.rows]).toEqual([3, 2, 2]);
  });
});
