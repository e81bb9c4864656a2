// Loaded with `node --import`: resolves @jax-js/jax to the copy in
// GROUNDTRUTH_PRISTINE_JAX (bench/contributions.ts makes it, with some patches taken out), so a
// benchmark can time the published or partly patched kernels beside the shipped ones.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
import { pathToFileURL } from "node:url";
const entry = pathToFileURL(${JSON.stringify(`${process.env.GROUNDTRUTH_PRISTINE_JAX}/dist/index.js`)}).href;
export async function resolve(specifier, context, next) {
  return specifier === "@jax-js/jax" ? { url: entry, shortCircuit: true } : next(specifier, context);
}`)}`,
);
