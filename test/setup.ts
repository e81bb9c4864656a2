// Every test process prepares Node for jax-js before any test file loads it.
import "../src/engine/install.js";
