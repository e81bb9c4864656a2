/**
 * Progress for long pipeline work, on stderr: a live bar with rate and ETA on a terminal, plain
 * periodic lines (every 10 s or 5 %) otherwise, so CI logs stay readable and short.
 */
import cliProgress from "cli-progress";
import { shortDuration, sig } from "../format/index.js";

/** Extra values shown after the counts (e.g. the current loss). */
export type ProgressInfo = Record<string, number | string>;

export type ProgressReporter = {
  /** Reports that `done` of `total` units are finished. */
  update(done: number, info?: ProgressInfo): void;
  /** Ends the display (prints the final line in plain mode). */
  stop(): void;
};

export type ProgressOptions = {
  label: string;
  total: number;
  /** Defaults to process.stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Force bar (true) or plain lines (false); default: whether the stream is a TTY. */
  tty?: boolean;
  /** Plain mode: a line at least this often (ms) and at every `everyFraction` of the total. */
  intervalMs?: number;
  everyFraction?: number;
  /** Clock in ms (injectable for tests). */
  now?: () => number;
};

/** "loss=0.1234 acc=0.91": numbers to 4 significant digits. */
function formatInfo(info: ProgressInfo): string {
  return Object.entries(info)
    .map(([k, v]) => `${k}=${typeof v === "number" ? sig(v, 4) : v}`)
    .join(" ");
}

/** Creates a reporter; rate and ETA count only units done since the first update (so resumes are fair). */
export function createProgress(opts: ProgressOptions): ProgressReporter {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => Date.now());
  const tty = opts.tty ?? Boolean(stream.isTTY);
  let first: { done: number; t: number } | null = null;
  const rateOf = (done: number): number => {
    if (!first) return 0;
    const dt = (now() - first.t) / 1000;
    return dt > 0 ? (done - first.done) / dt : 0;
  };

  if (tty) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${opts.label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {etaText} | {info}`,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(opts.total, 0, { rate: "0", etaText: "?", info: "" });
    return {
      update(done, info = {}) {
        first ??= { done, t: now() };
        const rate = rateOf(done);
        const eta = rate > 0 ? (opts.total - done) / rate : Number.NaN;
        bar.update(done, {
          rate: rate.toFixed(1),
          etaText: shortDuration(eta),
          info: formatInfo(info),
        });
      },
      stop: () => bar.stop(),
    };
  }

  const intervalMs = opts.intervalMs ?? 10_000;
  const bucket = Math.max(1, Math.ceil(opts.total * (opts.everyFraction ?? 0.05)));
  let lastLine = -1;
  let lastT = now();
  let last: { done: number; info: ProgressInfo } | null = null;
  const line = (done: number, info: ProgressInfo) => {
    const rate = rateOf(done);
    const eta = rate > 0 ? (opts.total - done) / rate : Number.NaN;
    const pct = ((100 * done) / opts.total).toFixed(1);
    const extra = formatInfo(info);
    stream.write(
      `${opts.label} ${done}/${opts.total} (${pct}%) ${rate.toFixed(1)}/s ETA ${shortDuration(eta)}${extra ? ` ${extra}` : ""}\n`,
    );
    lastLine = done;
    lastT = now();
  };
  return {
    update(done, info = {}) {
      first ??= { done, t: now() };
      last = { done, info };
      const crossed = Math.floor(done / bucket) > Math.floor(Math.max(lastLine, 0) / bucket);
      if (lastLine < 0 || crossed || now() - lastT >= intervalMs || done === opts.total) {
        if (done !== lastLine) line(done, info);
      }
    },
    stop() {
      if (last && last.done !== lastLine) line(last.done, last.info);
    },
  };
}
