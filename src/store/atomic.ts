/**
 * Atomic file writes: data goes to a temp file beside the target, is fsynced, then renamed
 * over the target and the directory fsynced. A crash at any point leaves either the old
 * file or the new one, never a mix. Temp names start with "." and end in ".tmp".
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Test hook: runs after the temp file is durable and before the rename (to simulate a crash). */
export type AtomicWriteOptions = { beforeRename?: (tempPath: string) => void | Promise<void> };

/** Writes `data` to `path` atomically, creating the parent directory if needed. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await fs.mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await fs.open(temp, "w");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await options.beforeRename?.(temp);
    await fs.rename(temp, path);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

/** fsyncs a directory so a rename inside it survives power loss (a no-op where unsupported). */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, "r");
    await handle.sync();
  } catch {
    // some platforms (Windows) cannot open or fsync a directory; the rename is still atomic
  } finally {
    await handle?.close();
  }
}

/** JSON with sorted object keys, so equal values always give equal text (and hashes). */
export function stableStringify(value: unknown, indent?: number): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value), null, indent);
}

/** Writes a value as pretty, key-sorted JSON, atomically. */
export async function writeJsonAtomic(
  path: string,
  value: unknown,
  options?: AtomicWriteOptions,
): Promise<void> {
  await writeFileAtomic(path, `${stableStringify(value, 2)}\n`, options);
}

/**
 * Writes a result file unless the one already there says the same apart from its top-level
 * `generatedAt`: rerunning from cached runs then leaves committed results untouched.
 * Returns whether it wrote.
 */
export async function writeResultJson(path: string, value: unknown): Promise<boolean> {
  const withoutTimestamp = (v: unknown) => {
    if (!v || typeof v !== "object" || Array.isArray(v)) return stableStringify(v);
    const { generatedAt: _ignored, ...rest } = v as Record<string, unknown>;
    return stableStringify(rest);
  };
  const existing = await fs.readFile(path, "utf8").catch(() => null);
  if (existing !== null) {
    try {
      if (withoutTimestamp(JSON.parse(existing)) === withoutTimestamp(value)) return false;
    } catch {
      // an unreadable old file is simply replaced
    }
  }
  await writeJsonAtomic(path, value);
  return true;
}

/** Reads a JSON file; a parse error names the file. */
export async function readJson(path: string): Promise<unknown> {
  const text = await fs.readFile(path, "utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: invalid JSON (${(err as Error).message})`);
  }
}
