import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // jax-js keeps one wasm device per process; forks isolate test files from each other.
    pool: "forks",
    maxWorkers: 2,
  },
});
