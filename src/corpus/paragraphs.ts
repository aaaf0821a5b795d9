/**
 * Lines and paragraphs of an article body. Lines keep their verbatim text so that every paragraph built
 * from them is a substring of the file (or, for hard-wrapped prose, a substring once whitespace is folded).
 */

/** One non-blank line of the body, or a piece of one when a line carries two things (a date prefix and a caption). */
export interface Line {
  /** 0-based position among the lines of the body; the key every decision is stored under. */
  index: number;
  /** 0-based line number in the body. */
  lineNo: number;
  /** Trimmed verbatim text. */
  text: string;
  /** Number of the blank-line separated block the line sits in. */
  block: number;
}

/** Leading list marks of pasted bullets: "•", "-", "*", "▪"… followed by a space. */
const BULLET = /^(?:[•◦▪▸►‣·*]|[-–](?=\s))\s*/u;

/** Text after the end of a sentence: full stop, question or exclamation mark, possibly inside quotes. */
const SENTENCE_END = /[.!?…]["”’')\]]*$/u;

/** Splits a body into its non-blank lines, numbering the blocks that blank lines separate. */
export function splitLines(body: string): Line[] {
  const out: Line[] = [];
  let block = 0;
  let previousBlank = true;
  body.split(/\r\n|\r|\n/).forEach((raw, lineNo) => {
    const text = raw.trim();
    if (!text) {
      if (!previousBlank) block++;
      previousBlank = true;
      return;
    }
    previousBlank = false;
    out.push({ index: out.length, lineNo, text, block });
  });
  return out;
}

/** Renumbers lines after some were split into pieces, keeping their order. */
export function renumber(lines: Line[]): Line[] {
  return lines.map((line, index) => ({ ...line, index }));
}

/** True when the line starts with a list mark. */
export function isBullet(text: string): boolean {
  return BULLET.test(text) && text.replace(BULLET, '').length > 0;
}

/** The line without its list mark. */
export function withoutBullet(text: string): string {
  return text.replace(BULLET, '');
}

/** True when the text ends as a sentence does. */
export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

/** Number of whitespace-separated words. */
export function wordCount(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/).length : 0;
}

/**
 * A comparison key: case, diacritics, quote styles, list marks and spacing do not make two lines different.
 */
export function lineKey(text: string): string {
  return withoutBullet(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Whether the lines of a block are one paragraph wrapped at a fixed width (an e-mail, a plain-text export)
 * rather than one paragraph per line: lines of similar, moderate length, not all ending a sentence.
 */
function isHardWrapped(lines: Line[]): boolean {
  if (lines.length < 2) return false;
  const lengths = lines.map((l) => l.text.length);
  const max = Math.max(...lengths);
  if (max < 50 || max > 120) return false;
  const body = lines.slice(0, -1);
  if (body.some((l) => isBullet(l.text) || l.text.length < 0.6 * max)) return false;
  return body.some((l) => !endsSentence(l.text));
}

/**
 * A line broken in mid-sentence: it does not end a sentence and the next line carries on in lower case, with
 * a digit or with closing punctuation (exports of web pages break lines at sub- and superscripts: "CO\n2").
 */
export function continues(line: Line, next: Line): boolean {
  if (endsSentence(line.text) || /[:;]$/.test(line.text) || isBullet(next.text) || next.block !== line.block) return false;
  // a digit carries on only when glued to what follows ("2O", "2)"), unlike a new sentence ("14 nationals"),
  // or when it is the subscript of an element symbol the line ends with ("… of O" + "2 in the blood")
  if (/(?:^|[\s(])[A-Z][a-z]?$/.test(line.text) && /^\d\s+\p{Ll}/u.test(next.text)) return true;
  return /^(?:[\p{Ll})\]},.;:]|\d+[^\s\d])/u.test(next.text);
}

/**
 * Groups lines into the paragraphs they form. Lines are grouped only when they were adjacent in the file
 * (no removed line between them) and are the same wrapped paragraph; otherwise each line is a paragraph.
 */
export function groupParagraphs(kept: Line[]): Line[][] {
  const runs: Line[][] = [];
  for (const line of kept) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && last.block === line.block && last.index + 1 === line.index) run.push(line);
    else runs.push([line]);
  }
  const out: Line[][] = [];
  for (const run of runs) {
    if (isHardWrapped(run)) {
      out.push(run);
      continue;
    }
    let current: Line[] = [];
    for (const line of run) {
      const prev = current[current.length - 1];
      if (prev && !continues(prev, line)) {
        out.push(current);
        current = [];
      }
      current.push(line);
    }
    if (current.length) out.push(current);
  }
  return out;
}

/** Indices of lines that are only part of a paragraph wrapped over several lines. */
export function wrappedLines(lines: Line[]): Set<number> {
  return new Set(groupParagraphs(lines).flatMap((group) => (group.length > 1 ? group.map((l) => l.index) : [])));
}

/**
 * Paragraph texts of the kept lines. Wrapped lines are joined with one space, so the text stays verbatim
 * once whitespace is folded; list marks are dropped from the start of a paragraph.
 */
export function buildParagraphs(kept: Line[]): string[] {
  return groupParagraphs(kept)
    .map((group) => withoutBullet(group.map((l) => l.text).join(' ')))
    .filter((p) => p.length > 0);
}
