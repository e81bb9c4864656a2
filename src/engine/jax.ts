/** The one door to jax-js in Node: installs the platform glue first, then re-exports jax. */
import "./install.js";

export * from "@jax-js/jax";
