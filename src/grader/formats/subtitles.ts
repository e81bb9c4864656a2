/**
 * Subtitles (SubRip .srt, WebVTT .vtt) and speech-recogniser output (Whisper's console lines,
 * "[00:05.840 --> 00:11.200]  text") of a spoken session as running text: cue numbers and
 * timings go, a cue's broken lines join, and a pause between cues starts a new paragraph, as a
 * speaker's pause does. What counts as a pause is the file's own: two seconds, or any gap of a
 * quarter second where a recogniser writes one speaker's cues back to back (most gaps zero).
 * Inside a paragraph a sentence starts its own line, as a chat's lines do, so that "okay, problem
 * two" opens a line: a sentence ends at its full stop, at a breath (half a second between cues),
 * and, in captions that carry no sentence punctuation at all (YouTube's automatic ones), at every
 * caption line, the recogniser's own phrase.
 * WebVTT voice tags ("<v Name>") and a cue's opening "Name: " (Zoom) become speaker labels.
 */

import { roleOfName } from "../speakers.js";

const TIMING =
  /^\[?(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})\s*-->\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})\]?[^\S\n]*/;

/** A caption's sound description alone: "[Music]", "[Applause]", "(laughs)", "♪♪". */
const SOUND_TAG = /^(?:\[[^\]]{1,30}\]|\([^)]{1,30}\)|♪+)$/;

/** A cue opening with its speaker's name: up to four words (any script), a colon and a space. */
const NAMED = /^((?:[\p{L}\p{N}][\p{L}\p{N}'’.-]*\s?){1,4}):\s/u;

/** A cue opening with its speaker's name in brackets, as a captioner tags voices: "[ChatGPT] Sure." */
const BRACKETED = /^\[([^[\]\n]{1,40})\]\s+(?=\S)/;

/** WebVTT cue settings after a timing: "line:85% position:50% align:center", "region:r1". */
const CUE_SETTINGS = /^(?:(?:vertical|line|position|size|align|region):\S{1,40}\s*){1,6}$/;

/** A WebVTT voice span opening a cue line: "<v Name>", "<v.loud Name>". */
const VOICE = /^<v(?:\.[\w.-]{1,30})?\s+([^<>]{1,60})>/;

/** A gap between cues that is a breath: a sentence may end there though nothing marks it. */
const BREATH_SECONDS = 0.5;

/** A sentence's stop in any script (".", "?", "!", "…", "。", "？", "！", "।", "؟"), a closing quote after it. */
const STOP = `[.?!…。？！।؟]["'”’»)]?`;

/** A sentence's end: a text closing with its stop. */
const SENTENCE_END = new RegExp(`${STOP}$`);

/** The space after a sentence's end inside a cue's text. */
const SENTENCE_GAP = new RegExp(`(?<=${STOP})\\s+`);

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
  const unpunctuated = !lines.some(
    (l) => !TIMING.test(l.trim()) && (SENTENCE_END.test(l.trim()) || SENTENCE_GAP.test(l)),
  );
  const tagged = bracketedSpeakers(lines);
  /**
   * Who speaks an untagged cue in a file whose captioner tags voices in brackets, once a tagged
   * voice has finished its sentence: the one who made the recording, the party that is no model
   * ("[నేను]", "[Me]"), talking to the audience between the two voices.
   */
  const narrator = [...tagged].find((n) => roleOfName(n.toLowerCase()) !== "model");
  /** Each paragraph's pieces, and whether a piece starts a new line. */
  const paragraphs: { text: string; newLine: boolean }[][] = [[]];
  let breath = false;
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
      breath = start - lastEnd >= BREATH_SECONDS;
      lastEnd = seconds(t[5], t[6]!, t[7]!, t[8]!);
      inCue = true;
      cueStart = true;
      // a recogniser's cue carries its text on the timing line; WebVTT's cue settings
      // ("line:85% align:center") are not text
      const text = line.slice(t[0].length).trim();
      if (text && !CUE_SETTINGS.test(text)) say(text);
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
    const bracketed = cueStart ? BRACKETED.exec(line) : null;
    const voice =
      VOICE.exec(line) ??
      (cueStart ? NAMED.exec(line) : null) ??
      (bracketed && tagged.has(bracketed[1]!.trim()) ? bracketed : null);
    const paragraph = paragraphs[paragraphs.length - 1]!;
    const finished = SENTENCE_END.test(paragraph[paragraph.length - 1]?.text ?? "");
    const narrated =
      cueStart && !voice && narrator && speaker !== undefined && speaker !== narrator && finished;
    cueStart = false;
    let text = line;
    if (voice || narrated) {
      const name = voice ? voice[1]!.trim() : narrator!;
      if (voice) text = line.slice(voice[0].length).trimStart();
      if (name !== speaker) {
        if (paragraphs[paragraphs.length - 1]!.length) paragraphs.push([]);
        paragraphs[paragraphs.length - 1]!.push({ text: `**${name}:**`, newLine: false });
        speaker = name;
      }
    }
    const spoken = text.replace(/<[^<>]{0,40}>/g, "").trim();
    // auto-captions roll: each cue repeats the line before it; sound tags are no speech
    if (!spoken || SOUND_TAG.test(spoken) || recent.includes(spoken)) continue;
    recent.push(spoken);
    if (recent.length > 3) recent.shift();
    say(spoken);
  }
  return `${paragraphs
    .filter((p) => p.length)
    .map((p) => p.map((piece, k) => (k ? (piece.newLine ? "\n" : " ") : "") + piece.text).join(""))
    .join("\n\n")}\n`;

  function say(text: string): void {
    const paragraph = paragraphs[paragraphs.length - 1]!;
    const last = paragraph[paragraph.length - 1];
    const label = last?.text.startsWith("**") && last.text.endsWith(":**");
    const newLine = !label && (unpunctuated || breath || SENTENCE_END.test(last?.text ?? ""));
    // (a sentence that ends inside a cue ends its line there: "okay problem one. we have …")
    text.split(SENTENCE_GAP).forEach((sentence, k) => {
      paragraph.push({ text: sentence, newLine: k > 0 || newLine });
    });
    breath = false;
  }
}

/**
 * The names a captioner tags voices with in brackets at a cue's start ("[ChatGPT] …", "[Me] …"):
 * two names, each opening two cues or more, or one model's name; a sound tag with words after
 * it ("[Music] hello everyone") is no voice.
 */
function bracketedSpeakers(lines: string[]): Set<string> {
  const counts = new Map<string, number>();
  let cueStart = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (TIMING.test(line)) {
      cueStart = true;
      continue;
    }
    const b = cueStart ? BRACKETED.exec(line) : null;
    cueStart = false;
    if (b) counts.set(b[1]!.trim(), (counts.get(b[1]!.trim()) ?? 0) + 1);
  }
  const recurring = [...counts].filter(([, n]) => n >= 2).map(([name]) => name);
  const model = recurring.some((n) => roleOfName(n.toLowerCase()) === "model");
  return new Set(recurring.length >= 2 || model ? recurring : []);
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
