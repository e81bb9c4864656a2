/**
 * Grading in the page: paste a chat transcript (or open a file: Markdown, text, or an export) and the project's grader
 * (src/grader) reads it against the answer key embedded in the page. A Problem 1 fix is measured on
 * the real model by the engine running in this tab, as `groundtruth grade` does on the command line.
 * Nothing is sent anywhere: the page is static and the transcript never leaves the browser.
 */
import * as divergences from "../../src/divergences/index.js";
import { initEngine } from "../../src/engine/device.js";
import { measureInitialLogits } from "../../src/experiments/transformer/init-stats.js";
import {
  checkTranscriptText,
  decodeTranscript,
  fromExport,
  type GradeTools,
  grade,
  normalizeTranscript,
  TRANSCRIPT_EXTENSIONS,
  TranscriptError,
  toolkitTools,
  verdictCounts,
} from "../../src/grader/index.js";
import type { AnswerKey } from "../../src/key/types.js";
import { transcriptHtml } from "../../src/report/transcript-view.js";
import { control, h, pageData } from "./ui.js";

/** The grader's tools with the engine of this page, saying when it measures. */
function browserTools(status: (text: string) => void): GradeTools {
  return toolkitTools(divergences, async (opts) => {
    status(
      `Measuring the proposed fix on the real model (d_model ${opts.dModel}, vocabulary ${opts.vocabSize})…`,
    );
    await initEngine();
    return measureInitialLogits(opts);
  });
}

export function startGrade(app: HTMLElement): void {
  const key = pageData<AnswerKey | null>("answer-key", null);
  app.replaceChildren();
  if (!key) {
    app.append(
      h("p", {
        class: "notice",
        role: "note",
        text: "No answer key in this build: run `groundtruth reproduce` (or `groundtruth key`), then `groundtruth report`.",
      }),
    );
    app.dataset.ready = "true";
    return;
  }
  const input = h("textarea", {
    rows: 14,
    spellcheck: false,
    placeholder: "User: problem 2 (a)\nAssistant: Take P = U(0, 1) and Q = N(0, 1) …",
  });
  const file = h("input", { type: "file", accept: TRANSCRIPT_EXTENSIONS.join(",") });
  const button = h("button", { type: "button", text: "Grade" });
  const status = h("p", { class: "status", role: "status" });
  const out = h("div", { class: "graded", "aria-live": "polite" });
  app.append(
    control("Transcript (paste a chat log: prompts and the model's answers)", input),
    control("…or open a file", file),
    h("p", {}, button),
    status,
    out,
  );
  const setStatus = (text: string) => {
    status.textContent = text;
  };
  const tools = browserTools(setStatus);

  file.addEventListener("change", async () => {
    const f = file.files?.[0];
    if (!f) return;
    // the CLI's decoding (UTF-16 by its BOM or zero bytes, UTF-8 otherwise), and its reading of
    // exports (JSON, HTML, CSV, e-mail) as the Markdown that is graded, shown as such
    const exported = await fromExport(
      decodeTranscript(new Uint8Array(await f.arrayBuffer())),
      f.name,
    );
    input.value = exported.text;
    setStatus(
      `Loaded ${f.name} (${f.size} bytes${exported.format ? `, read as a ${exported.format}` : ""}).`,
    );
  });
  button.addEventListener("click", async () => {
    // the CLI's clean-up of copying damage (CR, no-break spaces, ligatures, flattened superscripts)
    const text = normalizeTranscript(input.value);
    out.replaceChildren();
    try {
      checkTranscriptText(text);
    } catch (err) {
      if (!(err instanceof TranscriptError)) throw err;
      setStatus(`Cannot grade this text: ${err.message}`);
      return;
    }
    button.disabled = true;
    setStatus("Grading…");
    try {
      const report = await grade(text, key, tools);
      setStatus(verdictCounts(report));
      // transcriptHtml escapes the transcript and every verdict field: the text is shown, never run
      out.innerHTML = transcriptHtml(
        { name: "Pasted transcript", transcript: text, parts: report.parts },
        0,
      );
      out.dataset.graded = "true";
    } catch (err) {
      setStatus(`The grader failed: ${(err as Error).message}`);
    } finally {
      button.disabled = false;
    }
  });
  app.dataset.ready = "true";
}
