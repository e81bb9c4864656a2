#!/usr/bin/env node
// Entry point for the installed `groundtruth` command: runs the TypeScript CLI through tsx's loader.
import { readFileSync } from "node:fs";

const { engines } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const required = Number(/\d+/.exec(engines.node)[0]);
if (Number(process.versions.node.split(".")[0]) < required) {
  process.stderr.write(
    `groundtruth needs Node ${engines.node}, this is ${process.version}: run it as \`npx groundtruth\` ` +
      `after \`npm ci\` (which installs Node ${required} into node_modules/.bin on Linux x64), ` +
      `or install Node ${required} yourself\n`,
  );
  process.exit(1);
}
const { register } = await import("tsx/esm/api");
register();
await import("../src/cli/main.ts");
