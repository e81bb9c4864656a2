/**
 * Subtitles (SubRip .srt, WebVTT .vtt) and speech-recogniser output (Whisper's console lines,
 * "[00:05.840 --> 00:11.200]  text") of a spoken session as running text: cue numbers and
 * timings go, a cue's broken lines join, and a pause between cues starts a new paragraph, as a
 * speaker's pause does. What counts as a pause is the file's own: two seconds, or any gap of a
 * quarter second where a recogniser writes one speaker's cues back to back (most gaps zero).
 * WebVTT voice tags ("<v Name>") and a cue's opening "Name: " (Zoom) become speaker labels.
 */

const TIMING =
  /^\[?(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})\s*-->\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})\]?[^\S\n]*/;

/** A caption's sound description alone: "[Music]", "[Applause]", "(laughs)", "♪♪". */
const SOUND_TAG = /^(?:\[[^\]]{1,30}\]|\([^)]{1,30}\)|♪+)$/;

/** A cue opening with its speaker's name: up to four words (any script), a colon and a space. */
const NAMED = /^((?:[\p{L}\p{N}][\p{L}\p{N}'’.-]*\s?){1,4}):\s/u;

/** WebVTT cue settings after a timing: "line:85% position:50% align:center", "region:r1". */
const CUE_SETTINGS = /^(?:(?:vertical|line|position|size|align|region):\S{1,40}\s*){1,6}$/;

/** A WebVTT voice span opening a cue line: "<v Name>", "<v.loud Name>". */
const VOICE = /^<v(?:\.[\w.-]{1,30})?\s+([^<>]{1,60})>/;

const seconds = (h: string | undefined, m: string, s: string, ms: string) =>
  Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms.padEnd(3, "0")) / 1000;

/**
 * Whether a text is a subtitle file: the WebVTT signature, or a timing line
 * ("00:00:04,200 --> 00:00:09,684") near its start.
 */
export function isSubtitles(source: string): boolean {
  const start = source.trimStart().replace(/^\uFEFF/, "");
  // a WebVTT file says so on its first line; its header blocks (NOTE, STYLE) may be long
  if (/^WEBVTT(?:[ \t]|\r?\n|$)/.test(start)) return true;
  const head = start.slice(0, 800).split("\n");
  return head.slice(0, 8).some((l) => TIMING.test(l.trim()));
}

export function subtitlesToMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const pause = pauseLength(lines);
  const paragraphs: string[][] = [[]];
  let lastEnd = Number.NEGATIVE_INFINITY;
  let inCue = false;
  let speaker: string | undefined;
  let cueStart = false;
  /** The last lines kept, to drop a rolling caption's repeats. */
  const recent: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const t = TIMING.exec(line);
    if (t) {
      const start = seconds(t[1], t[2]!, t[3]!, t[4]!);
      if (start - lastEnd >= pause && paragraphs[paragraphs.length - 1]!.length)
        paragraphs.push([]);
      lastEnd = seconds(t[5], t[6]!, t[7]!, t[8]!);
      inCue = true;
      cueStart = true;
      // a recogniser's cue carries its text on the timing line; WebVTT's cue settings
      // ("line:85% align:center") are not text
      const text = line.slice(t[0].length).trim();
      if (text && !CUE_SETTINGS.test(text)) paragraphs[paragraphs.length - 1]!.push(text);
      continue;
    }
    if (!line) {
      inCue = false;
      continue;
    }
    // cue numbers, the WebVTT header and its notes are not speech
    if (!inCue) continue;
    // a WebVTT voice tag names the speaker ("<v Johan Ek>text"): a new speaker starts a new
    // paragraph under their name, as a chat's label does
    // (or the cue opens with the speaker's name and a colon, as Zoom writes: "Ana Marković: Da.")
    const voice = VOICE.exec(line) ?? (cueStart ? NAMED.exec(line) : null);
    cueStart = false;
    let text = line;
    if (voice) {
      const name = voice[1]!.trim();
      text = line.slice(voice[0].length).trimStart();
      if (name !== speaker) {
        if (paragraphs[paragraphs.length - 1]!.length) paragraphs.push([]);
        paragraphs[paragraphs.length - 1]!.push(`**${name}:**`);
        speaker = name;
      }
    }
    const spoken = text.replace(/<[^<>]{0,40}>/g, "").trim();
    // auto-captions roll: each cue repeats the line before it; sound tags are no speech
    if (!spoken || SOUND_TAG.test(spoken) || recent.includes(spoken)) continue;
    recent.push(spoken);
    if (recent.length > 3) recent.shift();
    paragraphs[paragraphs.length - 1]!.push(spoken);
  }
  return `${paragraphs
    .filter((p) => p.length)
    .map((p) => p.join(" "))
    .join("\n\n")}\n`;
}

/** The gap between cues that reads as a pause: 2 s, or 0.25 s when most gaps are zero. */
function pauseLength(lines: string[]): number {
  let gaps = 0;
  let zero = 0;
  let lastEnd: number | undefined;
  for (const l of lines) {
    const t = TIMING.exec(l.trim());
    if (!t) continue;
    const start = seconds(t[1], t[2]!, t[3]!, t[4]!);
    if (lastEnd !== undefined) {
      gaps++;
      if (Math.abs(start - lastEnd) < 0.001) zero++;
    }
    lastEnd = seconds(t[5], t[6]!, t[7]!, t[8]!);
  }
  return gaps >= 4 && zero >= gaps / 2 ? 0.25 : 2;
}
