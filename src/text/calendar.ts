/**
 * The calendar's words, once: month and weekday names with the short forms news writes ("Sept.", "Tues."),
 * for the date reader, the metadata reader, name recognition, attributions and the ranker. Lower case;
 * the users build the spellings and patterns they need from these lists.
 */

/** Full month names, January first. */
export const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;

/** Short month forms ("Jan.", "Sept."), in month order; May has none. */
export const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'] as const;

/** Weekday names, Sunday first (the index is date-fns's and Date's day number). */
export const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** What weekday names are shortened to before an optional "day" ("Tues.", "Wednes", "Thurs", "Satur"). */
export const WEEKDAY_STEMS = ['mon', 'tue', 'tues', 'wed', 'wednes', 'thu', 'thur', 'thurs', 'fri', 'sat', 'satur', 'sun'] as const;

/** Every full and short month name, with the month's number (1–12). */
export const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.map((m, i) => [m, i + 1] as const),
  ...MONTH_ABBREVIATIONS.map((a) => [a, MONTH_NAMES.findIndex((m) => m.startsWith(a)) + 1] as const),
]);

/** Every full and short month name. */
export const MONTH_WORDS: ReadonlySet<string> = new Set(MONTH_NUMBERS.keys());

export const WEEKDAY_WORDS: ReadonlySet<string> = new Set(WEEKDAY_NAMES);

/** "january" → "January". */
export const capitalised = (word: string): string => word[0]!.toUpperCase() + word.slice(1);

/** A month name or short form as written, any case, with at most one final dot ("Sept.", "JUNE"). */
export function isMonthWord(text: string): boolean {
  return MONTH_WORDS.has(text.toLowerCase().replace(/\.$/, ''));
}
