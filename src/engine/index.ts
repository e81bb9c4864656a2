/** Engine glue around jax-js. Import jax through here (or `./jax.js`), never directly. */

export { type EngineInfo, initEngine } from "./device.js";
export * from "./jax.js";
