/**
 * Side effect: prepares Node for jax-js. jax-js creates its wasm device (and decides
 * whether its memory is shared, for the worker pool) when it is first imported, so this
 * module must be evaluated before `@jax-js/jax`: import jax only through `./jax.ts`.
 */
import { installNodePlatform, workerChannelFromEnv, workerCountFromEnv } from "./node-platform.js";

installNodePlatform({ workers: workerCountFromEnv(), channel: workerChannelFromEnv() });
