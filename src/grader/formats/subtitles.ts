/**
 * Subtitles (SubRip .srt, WebVTT .vtt) of a spoken walkthrough as running text: cue numbers and
 * timings go, a cue's broken lines join, and a pause of two seconds or more between cues starts a
 * new paragraph, as a speaker's pause does.
 */

const TIMING =
  /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})\s*-->\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})/;

const seconds = (h: string | undefined, m: string, s: string, ms: string) =>
  Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms.padEnd(3, "0")) / 1000;

/** Whether a text is a subtitle file: a timing line ("00:00:04,200 --> 00:00:09,684") near its start. */
export function isSubtitles(source: string): boolean {
  const head = source.trimStart().slice(0, 400).split("\n");
  return head.slice(0, 6).some((l) => TIMING.test(l.trim()));
}

export function subtitlesToMarkdown(source: string): string {
  const paragraphs: string[][] = [[]];
  let lastEnd = Number.NEGATIVE_INFINITY;
  let inCue = false;
  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const t = TIMING.exec(line);
    if (t) {
      const start = seconds(t[1], t[2]!, t[3]!, t[4]!);
      if (start - lastEnd >= 2 && paragraphs[paragraphs.length - 1]!.length) paragraphs.push([]);
      lastEnd = seconds(t[5], t[6]!, t[7]!, t[8]!);
      inCue = true;
      continue;
    }
    if (!line) {
      inCue = false;
      continue;
    }
    // cue numbers, the WebVTT header and its notes are not speech
    if (!inCue) continue;
    paragraphs[paragraphs.length - 1]!.push(line.replace(/<[^<>]{0,40}>/g, ""));
  }
  return `${paragraphs
    .filter((p) => p.length)
    .map((p) => p.join(" "))
    .join("\n\n")}\n`;
}
