/** Files and run directories: atomic writes, config-hashed run dirs, verified checkpoints. */
export {
  type AtomicWriteOptions,
  readJson,
  stableStringify,
  writeFileAtomic,
  writeJsonAtomic,
  writeResultJson,
} from "./atomic.js";
export {
  type Checkpoint,
  checkpointName,
  checkpointSteps,
  loadCheckpoint,
  loadLatestCheckpoint,
  saveCheckpoint,
} from "./checkpoint.js";
export { configHash, openRunDir, type RunDir, runDirOf } from "./run-dir.js";
