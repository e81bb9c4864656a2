/** Reading the key's inputs: clear errors naming the file and the command that produces it. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deriveKey } from "../../src/key/derive.js";
import { KeyInputError, loadKeyResults } from "../../src/key/load.js";
import { RESULT_KINDS, resultFiles } from "../../src/results/layout.js";
import { synthetic, writeSyntheticResults } from "./synthetic.js";

describe("loadKeyResults", () => {
  it("reads every input, finds figures, and derives the same answers as the in-memory data", async () => {
    const root = mkdtempSync(join(tmpdir(), "gt-key-"));
    writeSyntheticResults(root);
    const { results, warnings } = await loadKeyResults(root, "quick");
    expect(warnings).toEqual([]);
    expect(results.vib.sweep.figure).toBe("vib/quick/vib-figure3-error-vs-beta.svg");
    expect(results.vib.latent.figure).toBeUndefined();
    expect(results.kl.fits.modes).toEqual([
      { mu: -2, sigma: 0.5 },
      { mu: 2, sigma: 0.5 },
    ]);
    expect(results.kl.example.forward.finite).toBe(true);
    expect(results.kl.example.reverse.finite).toBe(false);
    const key = deriveKey(results);
    const mem = deriveKey(synthetic());
    expect(key.parts.map((p) => p.answer)).toEqual(mem.parts.map((p) => p.answer));
  });

  it("names a missing or invalid file and the command that produces it", async () => {
    const root = mkdtempSync(join(tmpdir(), "gt-key-"));
    writeSyntheticResults(root);
    const V = resultFiles("quick").vib;
    writeFileSync(
      join(root, V.part("sweep")),
      JSON.stringify({
        kind: RESULT_KINDS.vib.sweep,
        ...synthetic().vib.sweep,
        runs: [{ beta: 1e-3, seed: 0, trainError: "x" }],
      }),
    );
    await expect(loadKeyResults(root, "quick")).rejects.toThrow(
      /vib\/quick\/sweep\.json: invalid: runs\.0\.trainError: .*run `groundtruth vib sweep --profile quick`/,
    );
    writeFileSync(join(root, V.part("latent")), "{not json");
    // a file that does not say it holds a sweep is not read as one
    writeFileSync(join(root, V.part("sweep")), JSON.stringify(synthetic().vib.sweep));
    await expect(loadKeyResults(root, "quick")).rejects.toThrow(
      /sweep\.json: invalid: kind: expected "vib-3c", found none/,
    );
    const sweep = { kind: RESULT_KINDS.vib.sweep, ...synthetic().vib.sweep };
    writeFileSync(join(root, V.part("sweep")), JSON.stringify(sweep));
    await expect(loadKeyResults(root, "quick")).rejects.toThrow(/latent\.json: not valid JSON/);
    // another part's result where latent.json should be is named by its kind
    writeFileSync(join(root, V.part("latent")), JSON.stringify(sweep));
    await expect(loadKeyResults(root, "quick")).rejects.toThrow(
      /latent\.json: invalid: kind: expected "vib-3d", found "vib-3c" — run `groundtruth vib latent --profile quick`/,
    );
    const e = await loadKeyResults(mkdtempSync(join(tmpdir(), "gt-key-")), "paper").catch((x) => x);
    expect(e).toBeInstanceOf(KeyInputError);
    expect(e.message).toMatch(
      /transformer\/init-stats\.json: missing — run `groundtruth transformer init-stats`/,
    );
  });
});
