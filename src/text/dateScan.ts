/**
 * Finding date expressions in news text, before any is placed on the calendar (dates.ts): every
 * expression is found, so that numbers inside dates are not taken for counts even when a date cannot
 * be resolved, with the form it was written in and whether its clause is about the future.
 */
import type { Day } from 'date-fns';
import type { Token } from './analyse.js';
import { MONTH_ABBREVIATIONS, MONTH_NAMES as CALENDAR_MONTHS, WEEKDAY_NAMES, capitalised } from './calendar.js';

/** A lookup table without a prototype, so that words like "constructor" are not found in it. */
const table = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, entries);

type Modifier = 'last' | 'next' | 'this' | undefined;
type Unit = 'day' | 'week' | 'month' | 'year';

/** What a date expression says, before it is placed on the calendar. */
export type DateForm =
  | { type: 'full'; y: number; m: number; d: number }
  | { type: 'monthDay'; m: number; d: number }
  | { type: 'monthYear'; y: number; m: number }
  | { type: 'month'; m: number; modifier: Modifier }
  | { type: 'year'; y: number }
  | { type: 'weekday'; day: Day; modifier: Modifier }
  /** today, yesterday, tomorrow, tonight, last night… */
  | { type: 'dayOffset'; days: number }
  /** last/this/next week, month or year; `earlier` for "earlier this …". */
  | { type: 'relative'; unit: 'week' | 'month' | 'year'; offset: number; earlier: boolean }
  | { type: 'weekend'; which: 'recent' | 'last' | 'this' }
  | { type: 'ago'; n: number; unit: Unit }
  /** "a day after", "two days before", "the next day": counted from another date of the same sentence. */
  | { type: 'anchored'; n: number; unit: 'day'; relation: 'after' | 'before' | 'later' | 'earlier' };

/** A date expression as written, with its offsets in the sentence. */
export interface DateExpression {
  raw: string;
  start: number;
  end: number;
  form: DateForm;
  /** The clause around it is in the future tense ("will meet on Thursday"). */
  future: boolean;
}

const MONTHS: readonly string[] = CALENDAR_MONTHS;
/** Month names as written, capitalised ("January"). */
export const MONTH_NAMES = MONTHS.map(capitalised);
const WEEKDAYS: readonly string[] = WEEKDAY_NAMES;

// the longer short form first: "Sept." is read whole, not as "Sep" and a stray "t."
const SHORT_MONTHS = [...MONTH_ABBREVIATIONS].sort((a, b) => b.length - a.length).map(capitalised);
const MONTH = `(${MONTH_NAMES.join('|')}|(?:${SHORT_MONTHS.join('|')})\\.?)(?![A-Za-z])`;
const MONTH_FULL = `(${MONTH_NAMES.join('|')})(?![A-Za-z])`;
const WEEKDAY = `(${WEEKDAYS.map(capitalised).join('|')})`;
const ORD = '(?:st|nd|rd|th)?';

const SMALL_NUMBERS: Record<string, number> = table({
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, few: 3, several: 3,
});
const COUNT = `(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)`;

function monthIndex(name: string): number {
  const key = name.toLowerCase().replace(/\.$/, '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

function modifierOf(word: string | undefined): Modifier {
  const w = word?.toLowerCase();
  return w === 'last' || w === 'next' || w === 'this' ? w : undefined;
}

function isCapitalised(s: string | undefined): boolean {
  return !!s && /^[A-Z]/.test(s);
}

interface Candidate {
  start: number;
  end: number;
  form: DateForm;
}

type Matcher = (m: RegExpExecArray, text: string, tokens?: Token[]) => Candidate | null;

/** A cheap test that a matcher could match at all, to skip its regular expression on most sentences. */
const MONTH_HINT = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;

/** Cues that may be included in `raw` ("on Thursday", "in June") because they say the phrase is a date. */
const RAW_CUES = new Set(['on', 'in', 'last', 'next', 'this', 'early', 'late', 'mid']);

function cueStart(m: RegExpExecArray, cue: string | undefined, wordAt: number): number {
  return cue && RAW_CUES.has(cue.toLowerCase()) ? m.index : wordAt;
}

/** Index of the token starting at an offset, or -1. */
function tokenAt(tokens: Token[] | undefined, offset: number): number {
  return tokens ? tokens.findIndex((t) => t.start === offset) : -1;
}

/** Plural nouns after a four-digit number make it a count ("1500 troops"), not a year. */
function followedByPlural(text: string, end: number, tokens?: Token[]): boolean {
  if (tokens) {
    const i = tokens.findIndex((t) => t.start >= end);
    const next = tokens[i];
    if (!next || next.pos !== 'NOUN') return false;
    return next.lemma !== next.norm || /^(people|men|women|children|police)$/.test(next.norm);
  }
  return /^\s+(?:people|men|women|children|[a-z]+s)\b/.test(text.slice(end));
}

const MATCHERS: Array<{ re: RegExp; hint?: RegExp; make: Matcher }> = [
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    hint: /\d-\d/,
    make: (m) => ({ start: m.index, end: m.index + m[0].length, form: { type: 'full', y: +m[1]!, m: +m[2]!, d: +m[3]! } }),
  },
  {
    // "March 3, 2021", "Monday, Jan. 4, 2021", "April 22nd"
    re: new RegExp(`(?:\\b${WEEKDAY},?\\s+)?\\b${MONTH}\\s+(\\d{1,2})${ORD}\\b(?:,?\\s+(\\d{4})\\b)?`, 'g'),
    hint: MONTH_HINT,
    make: (m) => {
      const mo = monthIndex(m[2]!);
      const d = +m[3]!;
      const form: DateForm = m[4] ? { type: 'full', y: +m[4], m: mo, d } : { type: 'monthDay', m: mo, d };
      return { start: m.index, end: m.index + m[0].length, form };
    },
  },
  {
    // "8 June, 2021", "the 4th of July"
    re: new RegExp(`(?:\\b${WEEKDAY},?\\s+)?\\b(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4})\\b)?`, 'g'),
    hint: MONTH_HINT,
    make: (m) => {
      const mo = monthIndex(m[3]!);
      const d = +m[2]!;
      const form: DateForm = m[4] ? { type: 'full', y: +m[4], m: mo, d } : { type: 'monthDay', m: mo, d };
      return { start: m.index, end: m.index + m[0].length, form };
    },
  },
  {
    // "February 2022", "early July 2016"
    re: new RegExp(`\\b(?:(early|mid|late)[-\\s]+)?${MONTH}(?:\\s+of)?,?\\s+(\\d{4})\\b`, 'gi'),
    hint: /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
    make: (m) => {
      if (!isCapitalised(m[2])) return null;
      return { start: m.index, end: m.index + m[0].length, form: { type: 'monthYear', y: +m[3]!, m: monthIndex(m[2]!) } };
    },
  },
  {
    // a month name alone only after a word that makes it a date: "in June", "since March", "last May"
    re: new RegExp(
      `\\b(in|since|by|until|till|through|throughout|during|from|before|after|last|next|this|of|early|late|mid)[-\\s]+(?:(?:early|mid|late)[-\\s]+)?${MONTH_FULL}(?!\\s*\\d)`,
      'gi',
    ),
    hint: MONTH_HINT,
    make: (m, _text, tokens) => {
      const name = m[2]!;
      if (!isCapitalised(name)) return null;
      const at = m.index + m[0].length - name.length;
      const ti = tokenAt(tokens, at);
      // "in May" could still be a name or a verb; wink's tag decides when there is one
      if (ti >= 0 && tokens && !['PROPN', 'NOUN'].includes(tokens[ti]!.pos)) return null;
      return {
        start: cueStart(m, m[1], at),
        end: m.index + m[0].length,
        form: { type: 'month', m: monthIndex(name), modifier: modifierOf(m[1]) },
      };
    },
  },
  {
    re: /\b(?:(early|mid|late)[-\s]+)?(1\d{3}|20\d{2}|21\d{2})\b/gi,
    hint: /\d{4}/,
    make: (m, text, tokens) => {
      const at = m.index + m[0].length - m[2]!.length;
      const before = text.slice(Math.max(0, at - 2), at);
      const after = text.slice(at + 4, at + 6);
      if (/\d[.,]?$|[$£€#]\s?$/.test(before) || /^(?:[,.]\d|%|\d|-\d)/.test(after)) return null;
      if (/^\s*(?:percent|per cent)/.test(text.slice(at + 4))) return null;
      if (followedByPlural(text, at + 4, tokens)) return null;
      return { start: m.index, end: m.index + m[0].length, form: { type: 'year', y: +m[2]! } };
    },
  },
  {
    re: new RegExp(`\\b(?:(on|last|next|this|since|by|until|from|late|early)\\s+)?${WEEKDAY}\\b`, 'gi'),
    hint: /day\b/i,
    make: (m) => {
      const name = m[2]!;
      if (!isCapitalised(name)) return null;
      const at = m.index + m[0].length - name.length;
      const day = WEEKDAYS.indexOf(name.toLowerCase()) as Day;
      return { start: cueStart(m, m[1], at), end: m.index + m[0].length, form: { type: 'weekday', day, modifier: modifierOf(m[1]) } };
    },
  },
  {
    re: /\b(today|yesterday|tomorrow|tonight)\b/gi,
    hint: /\b(?:to|yester)/i,
    make: (m, text) => {
      // "USA Today", "Russia Today": a capitalised "Today" inside a sentence is a name
      if (/^T/.test(m[1]!) && /[A-Za-z,]\s*$/.test(text.slice(0, m.index))) return null;
      const word = m[1]!.toLowerCase();
      const days = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0;
      return { start: m.index, end: m.index + m[0].length, form: { type: 'dayOffset', days } };
    },
  },
  {
    re: /\b(this|last|earlier this|later this) (morning|afternoon|evening|night)\b/gi,
    hint: /(?:morning|afternoon|evening|night)\b/i,
    make: (m) => ({
      start: m.index,
      end: m.index + m[0].length,
      form: { type: 'dayOffset', days: m[1]!.toLowerCase() === 'last' ? -1 : 0 },
    }),
  },
  {
    re: /\b(earlier|later) today\b/gi,
    hint: /today/i,
    make: (m) => ({ start: m.index, end: m.index + m[0].length, form: { type: 'dayOffset', days: 0 } }),
  },
  {
    re: /\b(?:(earlier|later) )?(last|this|next) (week|month|year)\b/gi,
    hint: /(?:week|month|year)\b/i,
    make: (m) => {
      const which = m[2]!.toLowerCase();
      if (m[1] && which !== 'this') return null;
      const offset = which === 'last' ? -1 : which === 'next' ? 1 : 0;
      const unit = m[3]!.toLowerCase() as 'week' | 'month' | 'year';
      return {
        start: m.index,
        end: m.index + m[0].length,
        form: { type: 'relative', unit, offset, earlier: m[1]?.toLowerCase() === 'earlier' },
      };
    },
  },
  {
    re: /\b(?:(over|during|at) the|(last|this)) weekend\b/gi,
    hint: /weekend/i,
    make: (m) => ({
      start: m.index,
      end: m.index + m[0].length,
      form: { type: 'weekend', which: m[2] ? (m[2].toLowerCase() as 'last' | 'this') : 'recent' },
    }),
  },
  {
    re: new RegExp(`\\b${COUNT} (days?|weeks?|months?|years?) ago\\b`, 'gi'),
    hint: /\bago\b/i,
    make: (m) => {
      const n = /^\d/.test(m[1]!) ? +m[1]! : SMALL_NUMBERS[m[1]!.toLowerCase()];
      if (n === undefined) return null;
      const unit = m[2]!.toLowerCase().replace(/s$/, '') as Unit;
      return { start: m.index, end: m.index + m[0].length, form: { type: 'ago', n, unit } };
    },
  },
  {
    re: new RegExp(`\\b(?:${COUNT} days?|the day) (after|before|later|earlier)\\b`, 'gi'),
    hint: /\bdays? (?:after|before|later|earlier)/i,
    make: (m) => {
      const n = m[1] ? (/^\d/.test(m[1]) ? +m[1] : SMALL_NUMBERS[m[1].toLowerCase()]) : 1;
      if (n === undefined) return null;
      const relation = m[2]!.toLowerCase() as 'after' | 'before' | 'later' | 'earlier';
      return { start: m.index, end: m.index + m[0].length, form: { type: 'anchored', n, unit: 'day', relation } };
    },
  },
  {
    re: /\bthe (next|following|previous) day\b/gi,
    hint: /\bday\b/i,
    make: (m) => ({
      start: m.index,
      end: m.index + m[0].length,
      form: { type: 'anchored', n: 1, unit: 'day', relation: m[1]!.toLowerCase() === 'previous' ? 'earlier' : 'later' },
    }),
  },
];

const FUTURE_WORDS = new Set(['will', "'ll", 'shall', 'wo', 'upcoming']);
/** "set for June 28", "scheduled for Monday": a date something is planned for, when "for" comes right before it. */
const PLANNED = new Set(['set', 'scheduled', 'slated', 'planned', 'due']);

/** The clause before `offset` is about the future: scans back to the nearest clause break. */
function inFutureClause(text: string, offset: number, tokens?: Token[]): boolean {
  const clause = text.slice(0, offset).split(/[,;:—–()“”"]/).pop() ?? '';
  if (tokens) {
    const at = tokens.findIndex((t) => t.start >= offset);
    const end = at < 0 ? tokens.length : at;
    const planned = tokens[end - 1]?.norm === 'for';
    for (let i = end - 1, seen = 0; i >= 0 && seen < 10; i--, seen++) {
      const t = tokens[i]!;
      if (/^[,;:—–()“”"]$/.test(t.text)) return false;
      if (FUTURE_WORDS.has(t.norm) || (PLANNED.has(t.norm) && (planned || /^(is|are|'s|'re)$/.test(tokens[i - 1]?.norm ?? '')))) return true;
    }
    return false;
  }
  return /\b(will|shall|upcoming)\b|'ll\b|\b(set|scheduled|slated|planned|due)\b.*\bfor\s*$/i.test(clause);
}

/**
 * Finds every date expression in a text. Overlapping readings keep the longest ("Monday, Jan. 4, 2021"
 * over "Monday"). Tokens, when given, reject four-digit counts and month names that wink does not tag as
 * names, and decide the tense of the clause.
 */
export function scanDateExpressions(text: string, tokens?: Token[]): DateExpression[] {
  const found: Candidate[] = [];
  for (const { re, hint, make } of MATCHERS) {
    if (hint && !hint.test(text)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const c = make(m, text, tokens);
      if (c) found.push(c);
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of found) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map((c) => ({
    raw: text.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    form: c.form,
    future: inFutureClause(text, c.start, tokens),
  }));
}
