/**
 * Date expressions in news text and their place on the calendar.
 *
 * Reading and resolving are separate steps: {@link scanDateExpressions} (dateScan.ts) finds every expression (so that
 * numbers inside dates are not taken for counts even when a date cannot be resolved), and
 * {@link resolveExpression} places one on the calendar. Relative expressions ("on Thursday", "last month")
 * need the article's publication date and are dropped without one; a month or day written without a
 * year also needs it. News is mostly past tense, so a bare weekday or month is the latest one on or
 * before publication, unless the clause around it is in the future tense.
 */
import {
  addDays,
  addMonths,
  addWeeks,
  addYears,
  format,
  getDay,
  isValid,
  nextDay,
  parseISO,
  previousDay,
  startOfWeek,
} from 'date-fns';
import type { AnalysedSentence } from './analyse.js';
import type { DateMention } from '../types.js';
import { WEEKDAY_NAMES } from './calendar.js';
import { MONTH_NAMES, scanDateExpressions, type DateExpression } from './dateScan.js';

export { scanDateExpressions, type DateExpression, type DateForm } from './dateScan.js';

const WEEKDAYS: readonly string[] = WEEKDAY_NAMES;

const iso = (d: Date): string => format(d, 'yyyy-MM-dd');
const shown = (d: Date, precision: DateMention['precision']): string =>
  format(d, precision === 'day' ? 'yyyy-MM-dd' : precision === 'month' ? 'yyyy-MM' : 'yyyy');

function calendarDate(y: number, m: number, d: number): Date | null {
  const date = new Date(y, m - 1, d);
  return isValid(date) && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

function mention(e: DateExpression, date: Date, precision: DateMention['precision'], rule: string, end?: Date): DateMention {
  const out: DateMention = {
    raw: e.raw,
    date: iso(date),
    precision,
    how: `“${e.raw}”: ${rule} → ${shown(date, precision)}${end ? ` to ${iso(end)}` : ''}`,
    start: e.start,
  };
  if (end) out.end = iso(end);
  return out;
}

/** The latest date on or before `pub` among the same day of nearby years; the first on or after when `future`. */
function nearestYear(make: (y: number) => Date | null, pub: Date, future: boolean): Date | null {
  const y = pub.getFullYear();
  const options = [y - 1, y, y + 1].map(make).filter((d): d is Date => d !== null);
  const ok = options.filter((d) => (future ? d.getTime() >= pub.getTime() : d.getTime() <= pub.getTime()));
  return (future ? ok[0] : ok[ok.length - 1]) ?? null;
}

/**
 * Places a date expression on the calendar. Relative expressions need `published` (`yyyy-MM-dd`) and
 * return null without it; anchored ones ("a day after") need `anchor`, another day-precision date of the
 * same sentence, and `anchorBefore`: whether that anchor is written before the expression.
 */
export function resolveExpression(
  e: DateExpression,
  published?: string,
  anchor?: { mention: DateMention; before: boolean },
): DateMention | null {
  const f = e.form;
  if (f.type === 'full') {
    const d = calendarDate(f.y, f.m, f.d);
    return d ? mention(e, d, 'day', 'written in full') : null;
  }
  if (f.type === 'monthYear') {
    const d = calendarDate(f.y, f.m, 1);
    return d ? mention(e, d, 'month', 'month and year as written') : null;
  }
  if (f.type === 'year') return mention(e, new Date(f.y, 0, 1), 'year', `the year ${f.y}`);

  const pub = published ? parseISO(published) : null;
  if (!pub || !isValid(pub)) return null;
  const p = iso(pub);
  const tense = e.future ? 'on or after' : 'on or before';
  switch (f.type) {
    case 'monthDay': {
      const d = nearestYear((y) => calendarDate(y, f.m, f.d), pub, e.future);
      const which = e.future ? 'the first' : 'the latest';
      return d ? mention(e, d, 'day', `${which} ${MONTH_NAMES[f.m - 1]} ${f.d} ${tense} publication (${p})`) : null;
    }
    case 'month': {
      const name = MONTH_NAMES[f.m - 1]!;
      const pm = pub.getFullYear() * 12 + pub.getMonth();
      const make = (y: number): Date => new Date(y, f.m - 1, 1);
      const idx = (d: Date): number => d.getFullYear() * 12 + d.getMonth();
      const years = [pub.getFullYear() - 1, pub.getFullYear(), pub.getFullYear() + 1].map(make);
      let d: Date | undefined;
      let rule: string;
      if (f.modifier === 'last') {
        d = years.filter((x) => idx(x) < pm).pop();
        rule = `the latest ${name} before the month of publication (${p})`;
      } else if (f.modifier === 'next') {
        d = years.find((x) => idx(x) > pm);
        rule = `the first ${name} after the month of publication (${p})`;
      } else if (f.modifier === 'this') {
        d = make(pub.getFullYear());
        rule = `${name} of the publication year (${p})`;
      } else if (e.future) {
        d = years.find((x) => idx(x) >= pm);
        rule = `the first ${name} on or after publication (${p}), future tense`;
      } else {
        d = years.filter((x) => idx(x) <= pm).pop();
        rule = `the latest ${name} not after publication (${p})`;
      }
      return d ? mention(e, d, 'month', rule) : null;
    }
    case 'weekday': {
      const name = WEEKDAYS[f.day]![0]!.toUpperCase() + WEEKDAYS[f.day]!.slice(1);
      const same = getDay(pub) === f.day;
      let d: Date;
      let rule: string;
      if (f.modifier === 'last') {
        d = previousDay(pub, f.day);
        rule = `the ${name} before publication (${p})`;
      } else if (f.modifier === 'next') {
        d = nextDay(pub, f.day);
        rule = `the ${name} after publication (${p})`;
      } else if (e.future) {
        d = same ? pub : nextDay(pub, f.day);
        rule = `the ${name} on or after publication (${p}), future tense`;
      } else {
        d = same ? pub : previousDay(pub, f.day);
        rule = `the ${name} on or before publication (${p})`;
      }
      return mention(e, d, 'day', rule);
    }
    case 'dayOffset': {
      const d = addDays(pub, f.days);
      const rule = f.days === 0 ? `the publication date (${p})` : f.days < 0 ? `the day before publication (${p})` : `the day after publication (${p})`;
      return mention(e, d, 'day', rule);
    }
    case 'relative': {
      if (f.unit === 'week') {
        const monday = addWeeks(startOfWeek(pub, { weekStartsOn: 1 }), f.offset);
        const end = f.earlier ? pub : addDays(monday, 6);
        const which = f.offset < 0 ? 'the week before' : f.offset > 0 ? 'the week after' : 'the week of';
        return mention(e, monday, 'day', `${which} publication (${p}), Monday to ${f.earlier ? 'publication' : 'Sunday'}`, end);
      }
      if (f.unit === 'month') {
        const d = addMonths(new Date(pub.getFullYear(), pub.getMonth(), 1), f.offset);
        const which = f.offset < 0 ? 'the month before' : f.offset > 0 ? 'the month after' : 'the month of';
        return mention(e, d, 'month', `${which} publication (${p})`);
      }
      const d = addYears(new Date(pub.getFullYear(), 0, 1), f.offset);
      const which = f.offset < 0 ? 'the year before' : f.offset > 0 ? 'the year after' : 'the year of';
      return mention(e, d, 'year', `${which} publication (${p})`);
    }
    case 'weekend': {
      let saturday: Date;
      let rule: string;
      if (f.which === 'last') {
        saturday = previousDay(startOfWeek(pub, { weekStartsOn: 1 }), 6);
        rule = `the weekend before the week of publication (${p})`;
      } else if (f.which === 'this') {
        saturday = addDays(startOfWeek(pub, { weekStartsOn: 1 }), 5);
        rule = `the weekend of the week of publication (${p})`;
      } else {
        saturday = getDay(pub) === 6 ? pub : previousDay(pub, 6);
        rule = `the weekend on or before publication (${p})`;
      }
      return mention(e, saturday, 'day', rule, addDays(saturday, 1));
    }
    case 'ago': {
      const precision: DateMention['precision'] = f.unit === 'month' ? 'month' : f.unit === 'year' ? 'year' : 'day';
      const d =
        f.unit === 'day' ? addDays(pub, -f.n) : f.unit === 'week' ? addWeeks(pub, -f.n) : f.unit === 'month' ? addMonths(pub, -f.n) : addYears(pub, -f.n);
      return mention(e, d, precision, `${f.n} ${f.unit}${f.n > 1 ? 's' : ''} before publication (${p})`);
    }
    case 'anchored': {
      if (!anchor || anchor.mention.precision !== 'day') return null;
      const a = parseISO(anchor.mention.date);
      // "X on Thursday, a day after Y" dates Y; "X a day after Y on Thursday" dates X
      let sign: number;
      if (f.relation === 'after') sign = anchor.before ? -1 : 1;
      else if (f.relation === 'before') sign = anchor.before ? 1 : -1;
      else if (!anchor.before) return null;
      else sign = f.relation === 'later' ? 1 : -1;
      const d = addDays(a, sign * f.n);
      const word = sign < 0 ? 'before' : 'after';
      return mention(e, d, 'day', `${f.n} day${f.n > 1 ? 's' : ''} ${word} “${anchor.mention.raw}” (${anchor.mention.date}) in the same sentence`);
    }
  }
  return null;
}

/** Characters between "a day after" and the date it counts from. */
const ANCHOR_REACH = 80;

/**
 * Resolves the expressions of one sentence, leaving out those that cannot be placed. "A day after" is
 * anchored on the nearest other day-precision date of the same sentence.
 */
export function resolveDateExpressions(exprs: DateExpression[], published?: string): DateMention[] {
  const direct = exprs.map((e) => (e.form.type === 'anchored' ? null : resolveExpression(e, published)));
  const out: DateMention[] = [];
  exprs.forEach((e, i) => {
    let m = direct[i] ?? null;
    if (e.form.type === 'anchored') {
      let best: { mention: DateMention; before: boolean; distance: number } | undefined;
      direct.forEach((d, j) => {
        if (!d || d.precision !== 'day' || d.end) return;
        const other = exprs[j]!;
        const before = other.end <= e.start;
        const distance = before ? e.start - other.end : other.start - e.end;
        // only a date written close by: "on Thursday, a day after…", "a day before the vote on Friday"
        if (distance <= ANCHOR_REACH && (!best || distance < best.distance)) best = { mention: d, before, distance };
      });
      m = best ? resolveExpression(e, published, best) : null;
    }
    if (m) out.push(m);
  });
  return out;
}

/**
 * Date mentions of one analysed sentence, resolved against the publication date (`yyyy-MM-dd`). Expressions
 * that cannot be resolved (relative ones without a publication date) are left out.
 */
export function findDates(sentence: AnalysedSentence, published?: string): DateMention[] {
  return resolveDateExpressions(scanDateExpressions(sentence.text, sentence.tokens), published);
}

/**
 * Resolves the first date expression in `expr` ("last month", "on Thursday", "Jan. 4, 2021"), or null when
 * there is none or it cannot be resolved. Used by tests and by "when" questions.
 */
export function resolveDate(expr: string, published?: string): DateMention | null {
  return resolveDateExpressions(scanDateExpressions(expr), published)[0] ?? null;
}
