/**
 * Metadata read from the text of a pasted page when there is no front matter: headline, outlet, byline,
 * dateline and publication date, each only where the page states it, with the line it was read from.
 * The rules follow how news pages are laid out (a header of short lines above the first sentence, labelled
 * dates, "By" lines, all-caps datelines, agency notices); they name no outlet, person or place.
 */
import type { Article, ArticleMeta } from '../types.js';
import type { Reasons } from './clean.js';
import { endsSentence, isBullet, lineKey, wordCount, wrappedLines, type Line } from './paragraphs.js';
import { MONTH_NUMBERS, WEEKDAY_STEMS } from '../text/calendar.js';

const WEEKDAY = String.raw`(?:(?:${WEEKDAY_STEMS.join('|')})(?:day)?\.?,?\s+)?`;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})/;
const MONTH_DAY_YEAR = new RegExp(String.raw`^${WEEKDAY}([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`, 'i');
const DAY_MONTH_YEAR = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})`, 'i');
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})/;
/** What may follow a date on a date line: a time, an am/pm mark, a time zone. */
const TIME_TAIL =
  /^(?:[T\s,|·•-]*(?:at\s+)?(?:\d{1,2}(?:[:.]\d{2}){1,2}(?:\.\d+)?\s*(?:[aApP]\.?\s?[mM]\.?)?|\d{1,2}\s*[aApP]\.?\s?[mM]\.?))?\s*(?:Z|\(?[A-Z]{0,5}\s*(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?\s*$/;

function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a string that is a date, optionally with a weekday, a time and a zone ("2025-09-12",
 * "2017-12-04T10:00:00Z", "Sep 12, 2025 7:42 AM CDT", "September 12, 2025, 00:07 IST", "12 September 2025")
 * as `yyyy-MM-dd`, the calendar date as written (no time zone conversion). Anything else → undefined.
 */
export function normaliseDate(value: string): string | undefined {
  const v = value.trim();
  const forms: Array<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
    [ISO, (m) => isoDate(Number(m[1]), Number(m[2]), Number(m[3]))],
    [MONTH_DAY_YEAR, (m) => isoDate(Number(m[3]), month(m[1]), Number(m[2]))],
    [DAY_MONTH_YEAR, (m) => isoDate(Number(m[3]), month(m[2]), Number(m[1]))],
    [DOTTED, (m) => isoDate(Number(m[3]), Number(m[2]), Number(m[1]))],
  ];
  for (const [re, read] of forms) {
    const m = re.exec(v);
    if (!m) continue;
    if (!TIME_TAIL.test(v.slice(m[0].length))) continue;
    const date = read(m);
    if (date) return date;
  }
  return undefined;
}

/** Month number of an English month name or abbreviation; 0 (invalid) for anything else. */
function month(name: string | undefined): number {
  return (name && MONTH_NUMBERS.get(name.toLowerCase())) || 0;
}

/** How much a kind of date line is trusted as the publication date; lower wins. */
const DATE_RANK = { published: 1, prefix: 2, bare: 3, updated: 4 } as const;

/** A date line: "Posted Sep 12, 2025 7:42 AM CDT", "Updated: 12 May 2024", "date 2025-09-12", or a bare date. */
function readDateLine(text: string): { date: string; rank: number } | undefined {
  const labelled = /^(first published|published|posted|last updated|updated|last modified|modified|date)(?:\s+on)?\s*:?\s+(.+)$/i.exec(
    text,
  );
  if (labelled) {
    const label = (labelled[1] ?? '').toLowerCase();
    const rank = label === 'date' ? DATE_RANK.prefix : /updated|modified/.test(label) ? DATE_RANK.updated : DATE_RANK.published;
    // "Published 12 May 2024 | Updated 13 May 2024": the first part is the one labelled
    const first = (labelled[2] ?? '').split(/\s+[|·•]\s+/)[0] ?? '';
    const date = normaliseDate(first);
    return date ? { date, rank } : undefined;
  }
  const date = normaliseDate(text);
  return date ? { date, rank: DATE_RANK.bare } : undefined;
}

/**
 * Splits lines where a clipping tool glued a `date yyyy-MM-dd` stamp before other text (a breadcrumb, a
 * caption): the stamp and the rest are judged separately. Both pieces keep the line's block.
 */
export function splitDateStamps(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const m = /^(date:?\s+\d{4}-\d{1,2}-\d{1,2})\s+(\S.*)$/i.exec(line.text);
    if (m && normaliseDate((m[1] ?? '').replace(/^date:?\s+/i, ''))) {
      out.push({ ...line, text: m[1] ?? '' }, { ...line, text: m[2] ?? '' });
    } else out.push(line);
  }
  return out.map((line, index) => ({ ...line, index }));
}

/** Words of an outlet's name: "… News", "… Times", "… Agency", "Daily …". */
const OUTLET_WORD =
  /news|times\b|\bpost\b|journal|herald|tribune|guardian|telegraph|gazette|\bdaily\b|\bpress\b|agency|\bwire\b|radio|television|\btv\b|broadcast|chronicle|observer|independent|express\b|mirror\b|magazine|weekly|\bmedia\b|network|insider|monitor\b|\bglobe\b|bulletin|courier|dispatch|examiner|inquirer|ledger|sentinel|\bstar\b|\bsun\b/i;
const FUNCTION_WORD = /^(?:the|a|an|in|on|of|to|for|and|as|at|by|with|from|after|over|is|are|was|who|why|how|what)$/i;
const NAME_TOKEN =
  /^(?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*\.?|\p{Lu}\.(?:\p{Lu}\.)?|Mc\p{Lu}\p{Ll}+|(?:de|van|von|der|den|da|di|del|della|la|le|bin|al|el|ibn|du|dos|das)|Jr\.?|Sr\.?|II|III|IV)$/u;

/** Two to four capitalised words and nothing else: how a byline without "By" looks. */
function nameShaped(text: string): boolean {
  const tokens = text.split(/\s+/);
  if (tokens.length < 2 || tokens.length > 4) return false;
  if (OUTLET_WORD.test(text) || FUNCTION_WORD.test(tokens[0] ?? '')) return false;
  const capitals = tokens.filter((t) => /^\p{Lu}/u.test(t)).length;
  return capitals >= 2 && tokens.every((t) => NAME_TOKEN.test(t));
}

/** Every significant word capitalised: a headline set in title case rather than a sentence. */
function titleCase(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /^[\p{L}]{4,}/u.test(w.replace(/^["“‘'(]+/, '')));
  if (words.length < 2) return false;
  const upper = words.filter((w) => /^\p{Lu}/u.test(w.replace(/^["“‘'(]+/, ''))).length;
  return upper / words.length >= 0.8;
}

/** Shaped like a headline: a few words, not a sentence closed by a full stop. */
function headlineShaped(text: string): boolean {
  const words = wordCount(text);
  return words >= 2 && words <= 30 && !/[.,;:]["”’']?$/.test(text) && !isBullet(text) && /\p{L}/u.test(text) && !/https?:/.test(text);
}

/** A sentence of the story: long enough and closed like one, or too long to be a header line. */
export function isProse(text: string): boolean {
  const words = wordCount(text);
  return (words >= 10 && endsSentence(text)) || words >= 25;
}

const ALL_CAPS_PLACE = /^\p{Lu}[\p{Lu}\s.,'’-]{2,40}$/u;
const DATELINE_PREFIX = /^(\p{Lu}{2,}[\p{Lu}.'’-]*(?:[ ,]+\p{Lu}[\p{L}.'’-]*){0,3})\s*(?:\(([^)]{1,30})\))?\s*(?:[—―–]|--?)\s/u;

/** Metadata read from the text and where each field came from. */
export interface Inference {
  meta: ArticleMeta;
  origin: Article['metaOrigin'];
}

interface Found {
  value: string;
  evidence: string;
  rank: number;
}

/** Keeps the best-ranked (then first) finding per field. */
class Findings {
  readonly best = new Map<keyof ArticleMeta, Found>();
  offer(field: keyof ArticleMeta, value: string | undefined, evidence: string, rank: number): void {
    const v = value?.trim().replace(/[\s|·•,;:–—-]+$/u, '');
    if (!v) return;
    const held = this.best.get(field);
    if (!held || rank < held.rank) this.best.set(field, { value: v, evidence, rank });
  }
  result(): Inference {
    const meta: ArticleMeta = {};
    const origin: Article['metaOrigin'] = {};
    for (const [field, found] of this.best) {
      meta[field] = found.value;
      origin[field] = { source: 'inferred', evidence: found.evidence };
    }
    return { meta, origin };
  }
}

/** The byline's name part when it is a newsroom rather than a person: "Daily Planet Editors" → "Daily Planet". */
function outletOfByline(name: string): string | undefined {
  const m = /^(.+?)\s+(?:editors|editorial staff|staff(?:\s+writers?|\s+reporters?)?|newsroom|news desk|desk|reporters)\b/i.exec(name);
  return m?.[1];
}

/**
 * Reads metadata from the lines of a body and records in `reasons` the bare metadata lines it consumed
 * (date lines, outlet lines, bylines, datelines, the headline). Lines already in `reasons` are furniture
 * and are only read for what they state (an agency notice naming the outlet).
 */
export function inferMeta(lines: Line[], reasons: Reasons): Inference {
  const found = new Findings();
  const open = (l: Line): boolean => !reasons.has(l.index);

  // a bare date is the page's date only above the story or below it; inside, it heads a timeline
  const prose = lines.filter((l) => open(l) && isProse(l.text));
  const firstProse = prose[0]?.index ?? lines.length;
  const lastProse = prose[prose.length - 1]?.index ?? -1;
  for (const line of lines) {
    const reason = reasons.get(line.index);
    if (reason === 'agency or website disclaimer') {
      const portion = /^(.+?)\s+(?:website|site|service|app)\s+contains only\b/i.exec(line.text);
      if (portion) found.offer('outlet', portion[1], line.text, 2);
      const copyright = /^(?:©|\(c\)|copyright)\s*©?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?([^.,|©]+?)(?:[.,|]|\s+all rights reserved|$)/i.exec(
        line.text,
      );
      if (copyright) found.offer('outlet', copyright[1], line.text, 2);
    }
    if (reason === 'reporting credits') {
      const by = /^\(?reporting by\s+([^;)]+)/i.exec(line.text);
      if (by) found.offer('author', by[1], line.text, 3);
    }
    if (!open(line)) continue;
    const date = readDateLine(line.text);
    const atEdge = line.index < firstProse || line.index > lastProse;
    if (date && (date.rank !== DATE_RANK.bare || atEdge)) {
      found.offer('published', date.date, line.text, date.rank);
      reasons.set(line.index, 'date line');
    }
  }

  // a dateline is an all-caps place on its own line just above the first sentence; further down such a
  // line is a sub-heading
  const firstSentence = lines.find((l) => open(l) && wordCount(l.text) >= 10 && endsSentence(l.text))?.index ?? lines.length;
  const dateline = lines.find((l, i) => {
    const next = lines.slice(i + 1).find(open);
    const placeLine = ALL_CAPS_PLACE.test(l.text) && wordCount(l.text) <= 4 && l.index < firstSentence;
    return open(l) && placeLine && !!next && isProse(next.text);
  });
  if (dateline) {
    found.offer('dateline', dateline.text, dateline.text, 1);
    reasons.set(dateline.index, 'dateline');
  }

  // the header is what stands above the first sentence; a line wrapped into the next one is already prose
  const wrapped = wrappedLines(lines.filter(open));
  const bodyStart = lines.find((l) => open(l) && (isProse(l.text) || wrapped.has(l.index)))?.index ?? lines.length;
  const header = lines.filter((l) => l.index < bodyStart && open(l) && !ALL_CAPS_PLACE.test(l.text));
  readHeader(header, reasons, found);

  const first = lines.find((l) => open(l) && isProse(l.text));
  const prefix = first ? DATELINE_PREFIX.exec(first.text) : null;
  if (first && prefix) {
    found.offer('dateline', prefix[2] ? `${prefix[1]} (${prefix[2]})` : prefix[1], first.text, 2);
    if (prefix[2] && wordCount(prefix[2]) <= 3) found.offer('outlet', prefix[2], first.text, 4);
  }
  return found.result();
}

/** Classifies the short lines above the first sentence: outlet, byline, headline, section labels. */
function readHeader(header: Line[], reasons: Reasons, found: Findings): void {
  const names: Line[] = [];
  const headlines: Line[] = [];
  let afterBreadcrumb = false;
  for (let i = 0; i < header.length; i++) {
    const line = header[i];
    if (!line || reasons.has(line.index)) continue;
    const text = line.text;
    const words = wordCount(text);
    const wasBreadcrumb = afterBreadcrumb;
    afterBreadcrumb = false;

    const by = /^(?:by|written by|words by)\s+(\p{Lu}.*)$/iu.exec(text);
    if (by && words <= 15 && !endsSentence(text)) {
      found.offer('author', by[1], text, 1);
      found.offer('outlet', outletOfByline(by[1] ?? ''), text, 3);
      reasons.set(line.index, 'byline');
      continue;
    }
    const heading = /^#{1,6}\s+(.+)$/.exec(text);
    if (heading) {
      headlines.push(line);
      continue;
    }
    if (words <= 8 && /\s[|›»>]\s*$|\s[|›»]\s/.test(text)) {
      reasons.set(line.index, 'section label');
      afterBreadcrumb = true;
      continue;
    }
    if (wasBreadcrumb && words <= 3 && !OUTLET_WORD.test(text)) {
      reasons.set(line.index, 'section label');
      afterBreadcrumb = true;
      continue;
    }
    const next = header[i + 1];
    if (words <= 5 && /^\p{Lu}/u.test(text) && next && lineKey(next.text) === lineKey(text)) {
      found.offer('outlet', text, text, 1);
      reasons.set(line.index, 'outlet line');
      reasons.set(next.index, 'outlet line (repeated)');
      continue;
    }
    const outletSized = headlines.length ? words <= 3 : words <= 5;
    if (outletSized && /^\p{Lu}/u.test(text) && OUTLET_WORD.test(text) && !/[.!?:]$/.test(text)) {
      found.offer('outlet', text, text, 1);
      reasons.set(line.index, 'outlet line');
      continue;
    }
    if (words === 1 && /^\p{Lu}/u.test(text)) {
      reasons.set(line.index, 'section label');
      continue;
    }
    if (nameShaped(text)) names.push(line);
    else if (headlineShaped(text)) headlines.push(line);
  }

  // a headline has a few words (a shorter line is more likely a label or a credit); a name-shaped line is
  // the byline when a headline stands near it, and alone it is the headline only when it is long
  let title = headlines.find((h) => wordCount(h.text) >= 4) ?? headlines[0];
  const bylines = names.filter((n) => title || wordCount(n.text) < 4);
  if (!title) title = names.find((n) => !bylines.includes(n));
  if (bylines.length) {
    found.offer('author', bylines.map((b) => b.text).join(', '), bylines.map((b) => b.text).join(' / '), 2);
    for (const b of bylines) reasons.set(b.index, 'byline');
  }
  if (title) {
    found.offer('title', title.text.replace(/^#{1,6}\s+/, ''), title.text, 1);
    reasons.set(title.index, 'title');
  }
  for (const other of headlines) {
    if (other === title) continue;
    if (/^#{1,6}\s/.test(other.text)) reasons.set(other.index, 'section heading');
    else if (titleCase(other.text)) reasons.set(other.index, 'secondary headline');
  }
}
