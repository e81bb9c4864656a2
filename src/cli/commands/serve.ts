/** `groundtruth serve`: the built site on http://127.0.0.1 (COOP/COEP for multithreaded wasm). */
import type { Command } from "commander";
import { CliError } from "../errors.js";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the built report on localhost only (127.0.0.1), cross-origin isolated")
    .option("--dir <dir>", "site directory", "site")
    .option("--port <n>", "port (0 = any free port)", "8080")
    .action(async (opts: { dir: string; port: string }) => {
      const { existsSync } = await import("node:fs");
      const { join } = await import("node:path");
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CliError(`--port must be an integer in 0..65535, got "${opts.port}"`);
      if (!existsSync(join(opts.dir, "index.html")))
        throw new CliError(
          `no site in ${opts.dir} (index.html missing); run: groundtruth report --out ${opts.dir}`,
        );
      const { serveStatic } = await import("../../report/serve.js");
      let served: Awaited<ReturnType<typeof serveStatic>>;
      try {
        served = await serveStatic(opts.dir, port);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE") throw new CliError(`port ${port} is in use; try --port 0`);
        throw err;
      }
      process.stderr.write(`groundtruth: serving ${opts.dir} at ${served.url}/ (Ctrl-C to stop)\n`);
      process.stdout.write(`${JSON.stringify({ url: served.url })}\n`);
      const stop = () => {
        void served.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
