/** `groundtruth serve`: the built site on http://127.0.0.1 (COOP/COEP for multithreaded wasm). */
import type { Command } from "commander";
import { z } from "zod";
import { action } from "../action.js";
import { CliError } from "../errors.js";

const Options = z.object({ dir: z.string().min(1), port: z.string() }).strict();

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the built report on localhost only (127.0.0.1), cross-origin isolated")
    .option("--dir <dir>", "site directory", "site")
    .option("--port <n>", "port (0 = any free port)", "8080")
    .action(
      action(
        "serve",
        Options,
        async (o) => {
          const port = Number(o.port);
          if (!Number.isInteger(port) || port < 0 || port > 65535)
            throw new CliError(`--port must be an integer in 0..65535, got "${o.port}"`);
          const { serveSite } = await import("../../pipeline/index.js");
          const served = await serveSite(o.dir, port);
          process.stderr.write(
            `groundtruth: serving ${o.dir} at ${served.url}/ (Ctrl-C to stop)\n`,
          );
          process.stdout.write(`${JSON.stringify({ url: served.url })}\n`);
          const stop = () => {
            void served.close().then(() => process.exit(0));
          };
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        },
        { named: false },
      ),
    );
}
