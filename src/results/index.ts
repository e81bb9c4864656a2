/**
 * The results layout (where every result file and run directory lives) and the one mechanism
 * that reuses finished runs. Modules that also run in the browser (the report's extractors, the
 * KL figures) import `./layout.js` alone: `./finished.js` reads the file system.
 */
export * from "./finished.js";
export * from "./layout.js";
