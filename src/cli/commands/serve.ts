/** `groundtruth serve`: the built site on http://127.0.0.1 (COOP/COEP for multithreaded wasm). */
import type { Command } from "commander";
import { z } from "zod";
import { SITE_DIR } from "../../results/layout.js";
import { action, defaultOf } from "../action.js";
import { CliError } from "../errors.js";

const Options = z
  .object({ dir: z.string().min(1).default(SITE_DIR), port: z.string().default("8080") })
  .strict();
/** What --port must be: a TCP port, 0 for any free one. */
const Port = z.coerce.number().int().min(0).max(65535);

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the built report on localhost only (127.0.0.1), cross-origin isolated")
    .option("--dir <dir>", "site directory", defaultOf(Options.shape.dir))
    .option("--port <n>", "port (0 = any free port)", defaultOf(Options.shape.port))
    .action(
      action(
        "serve",
        Options,
        async (o) => {
          // a bad port is reported in the words of the check, not as a schema issue
          const port = Port.safeParse(o.port);
          if (!port.success)
            throw new CliError(`--port must be an integer in 0..65535, got "${o.port}"`);
          const { serveSite } = await import("../../pipeline/index.js");
          const served = await serveSite(o.dir, port.data);
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
