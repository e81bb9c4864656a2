/** Engine glue around jax-js. Import jax through here (or `./jax.js`), never directly. */

export { logSoftplus, softplus, softplusAndLog } from "./activations.js";
export { type Dense, dense, denseFromDrawn } from "./dense.js";
export { type EngineInfo, initEngine } from "./device.js";
export * as initializers from "./init.js";
export * from "./jax.js";
export {
  liveBuffers,
  liveBytes,
  type MemorySnapshot,
  memorySnapshot,
  trackBuffers,
} from "./memory.js";
export { checkScalars, checkTree, NonFiniteError, nonFiniteCount } from "./numerics.js";
export {
  type AdamConfig,
  type AdamState,
  adam,
  clipByGlobalNorm,
  constant,
  decays,
  emaUpdate,
  exponentialStepDecay,
  type Optimizer,
  type Schedule,
  scheduleArray,
  scheduleValue,
  type Tree,
  warmupCosine,
  warmupInverseSqrt,
} from "./optim.js";
export { createRng, foldIn, mix32, permutation, prngKey, type Rng, splitKey } from "./rng.js";
export {
  type ArrayTree,
  blockUntilTreeReady,
  countParams,
  disposeTree,
  type LeafEntry,
  namedLeaves,
  refTree,
  type TreeManifest,
  treeFromBytes,
  treeToBytes,
} from "./tree.js";
