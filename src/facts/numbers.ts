/**
 * Numbers in a sentence and what they count. A number is read from digits ("1,200", "9.5 million",
 * "3.5%", "$2 billion") or words ("six", "a dozen", "twenty-five"); what it counts is the noun phrase the
 * part-of-speech tags put right after it ("three Dutch nationals" → "Dutch nationals"), and the verb
 * near it says what happened to them ("remaining", "still remain", "released").
 */
import type { AnalysedSentence, Token } from '../text/analyse.js';
import type { NumberMention } from '../types.js';
import { MONTH_NAMES, WEEKDAY_NAMES } from '../text/calendar.js';

/** A lookup table without a prototype, so that words like "constructor" are not found in it. */
const table = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, entries);

const UNITS: Record<string, number> = table({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});
const SCALES: Record<string, number> = table({
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, dozen: 12,
});
/** Multipliers glued to digits: "2bn", "5m". */
const SUFFIX_SCALES: Record<string, number> = table({ k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9, tn: 1e12 });
/** "first" is left out: it is almost never a fact worth listing. */
const ORDINAL_WORDS: Record<string, number> = table({
  second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, hundredth: 100,
});
const CURRENCY_SIGNS = /^(?:[A-Z]{0,2}\$|€|£|¥|₽|₹)$/;
const CURRENCY_WORDS = new Set([
  'dollar', 'dollars', 'euro', 'euros', 'cent', 'cents', 'rouble', 'roubles', 'ruble', 'rubles', 'yuan', 'yen',
  'rupee', 'rupees', 'franc', 'francs', 'pence',
]);
const PERCENT_WORDS = new Set(['percent', 'pct']);

/** Longest first, so "just over" wins over "over". Folded, space-separated. */
const QUALIFIERS = [
  'no more than', 'no fewer than', 'no less than', 'not more than', 'as many as', 'as much as', 'as few as',
  'as little as', 'in excess of', 'upwards of', 'more than', 'less than', 'fewer than', 'greater than',
  'at least', 'at most', 'up to', 'close to', 'just over', 'just under', 'well over', 'an estimated',
  'nearly', 'almost', 'about', 'around', 'roughly', 'approximately', 'some', 'over', 'under', 'estimated',
  'only', 'just', 'exactly', 'precisely', 'barely',
];

/** Part-of-speech tags that can sit between a number and the verb it goes with. */
const VERB_GAP = new Set(['ADV', 'AUX', 'PART', 'DET']);

const DIGITS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/;
const DIGIT_ORDINAL = /^(\d+)(?:st|nd|rd|th)$/i;
const DIGIT_SUFFIX = /^(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn)\.?$/i;
const DIGIT_RANGE = /^(\d[\d,]*(?:\.\d+)?)[-–](\d[\d,]*(?:\.\d+)?)$/;

function digitsValue(s: string): number {
  return Number(s.replace(/,/g, ''));
}

const adjacent = (a: Token | undefined, b: Token | undefined): boolean => !!a && !!b && a.end === b.start;
const isHyphen = (t: Token | undefined): boolean => !!t && /^[-–]$/.test(t.text);

interface Core {
  /** Token range of the number itself, multipliers included. */
  first: number;
  last: number;
  value: number;
  ordinal: boolean;
  /** Part of a range token "10-20": offsets of the part within the token. */
  part?: { start: number; end: number };
}

/** Reads the number starting at token `i`, or null when there is none. */
function readCore(tokens: Token[], i: number): Core | null {
  const t = tokens[i]!;
  const norm = t.norm;
  if (!/^\d/.test(t.text) && UNITS[norm] === undefined && ORDINAL_WORDS[norm] === undefined && norm !== 'a' && norm !== 'an') return null;
  let value: number | undefined;
  let last = i;
  const ordinal = false;

  const ord = DIGIT_ORDINAL.exec(t.text);
  const suffix = DIGIT_SUFFIX.exec(t.text);
  if (DIGITS.test(t.text)) {
    value = digitsValue(t.text);
    // "5" + "m" written together: "5m", "2bn"
    const next = tokens[i + 1];
    const glued = next && adjacent(t, next) ? SUFFIX_SCALES[next.norm.replace(/\.$/, '')] : undefined;
    if (glued) {
      value *= glued;
      last = i + 1;
    }
  } else if (ord) {
    return { first: i, last: i, value: Number(ord[1]), ordinal: true };
  } else if (suffix) {
    value = Number(suffix[1]) * (SUFFIX_SCALES[suffix[2]!.toLowerCase()] ?? 1);
  } else if (ORDINAL_WORDS[norm] !== undefined) {
    return { first: i, last: i, value: ORDINAL_WORDS[norm]!, ordinal: true };
  } else if (UNITS[norm] !== undefined || ((norm === 'a' || norm === 'an') && SCALES[tokens[i + 1]?.norm ?? ''] !== undefined)) {
    // number words: "twenty-five", "two hundred and fifty", "a dozen"
    let total = 0;
    let current = norm === 'a' || norm === 'an' ? 1 : UNITS[norm]!;
    let j = i + 1;
    for (;;) {
      const n = tokens[j];
      if (!n) break;
      if (isHyphen(n) && adjacent(tokens[j - 1], n) && UNITS[tokens[j + 1]?.norm ?? ''] !== undefined && adjacent(n, tokens[j + 1])) {
        current += UNITS[tokens[j + 1]!.norm]!;
        last = j + 1;
        j += 2;
      } else if (UNITS[n.norm] !== undefined && current % 100 === 0 && current > 0) {
        current += UNITS[n.norm]!;
        last = j;
        j++;
      } else if (n.norm === 'and' && UNITS[tokens[j + 1]?.norm ?? ''] !== undefined && current >= 100) {
        current += UNITS[tokens[j + 1]!.norm]!;
        last = j + 1;
        j += 2;
      } else if (SCALES[n.norm] !== undefined) {
        const scale = SCALES[n.norm]!;
        if (scale >= 1000) {
          total += current * scale;
          current = 0;
        } else current *= scale;
        last = j;
        j++;
      } else break;
    }
    value = total + current;
    if (norm === 'a' || norm === 'an') {
      if (last === i) return null;
    }
    return { first: i, last, value, ordinal: false };
  } else return null;

  // digits then a scale word: "9.5 million", "1,000 billion"
  const scale = tokens[last + 1];
  if (scale && SCALES[scale.norm] !== undefined && scale.norm !== 'dozen') {
    value *= SCALES[scale.norm]!;
    last++;
  }
  return { first: i, last, value, ordinal };
}

const QUALIFIER_WORDS = QUALIFIERS.map((q) => ({ q, words: q.split(' ') }));

function qualifierBefore(tokens: Token[], first: number): string | undefined {
  const prev = tokens[first - 1]?.norm;
  if (!prev) return undefined;
  for (const { q, words } of QUALIFIER_WORDS) {
    if (words[words.length - 1] !== prev || first < words.length) continue;
    if (words.every((w, i) => tokens[first - words.length + i]!.norm === w)) return q;
  }
  return undefined;
}

/** A token that ends a noun phrase: a date word or a name after a common noun starts something else. */
const DATE_WORD = new RegExp(`^(${WEEKDAY_NAMES.join('|')}|today|yesterday|${MONTH_NAMES.join('|')})$`);

/**
 * The noun phrase after the number: adjectives and nouns up to the head noun. A participle right after the
 * number ("remaining") is kept out of the phrase and returned as the verb.
 */
function countedPhrase(tokens: Token[], from: number, text: string): { counts?: string; verb?: string; end: number } {
  let j = from;
  let verb: string | undefined;
  const t0 = tokens[j];
  if (t0 && t0.pos === 'VERB' && /(ing|ed)$/.test(t0.norm) && ['NOUN', 'ADJ', 'PROPN'].includes(tokens[j + 1]?.pos ?? '')) {
    verb = t0.lemma;
    j++;
  }
  const start = j;
  let head = -1;
  let sawNoun = false;
  for (let k = j; k < tokens.length && k < start + 5; k++) {
    const t = tokens[k]!;
    if (DATE_WORD.test(t.norm)) break;
    if (isHyphen(t) && adjacent(tokens[k - 1], t) && adjacent(t, tokens[k + 1])) continue;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      if (sawNoun && t.pos === 'PROPN' && tokens[k - 1]?.pos === 'NOUN') break;
      sawNoun = true;
      head = k;
    } else if (t.pos === 'ADJ' && !sawNoun) {
      head = k;
    } else if (t.pos === 'ADJ' && tokens[k - 1]?.pos === 'PROPN' && !['NOUN', 'PROPN'].includes(tokens[k + 1]?.pos ?? '')) {
      // "one UK national": a nationality adjective used as the noun
      head = k;
      break;
    } else break;
  }
  if (head < start) return { verb, end: from };
  const last = tokens[head]!;
  // a phrase of adjectives alone ("one French national") must end there to be a noun
  if (!sawNoun) {
    const after = tokens[head + 1];
    if (after && !['PUNCT', 'CCONJ', 'ADP'].includes(after.pos)) return { verb, end: from };
  }
  return { counts: text.slice(tokens[start]!.start, last.end), verb, end: head + 1 };
}

/** Verb forms that work as prepositions ("following a visit") or only introduce a clause ("said 40 is"). */
const NOT_GOVERNING = new Set(['following', 'including', 'according', 'excluding', 'regarding', 'concerning']);
const SPEECH = new Set(['say', 'tell', 'add', 'note', 'write', 'post', 'claim', 'report', 'state', 'tweet']);

function verbAfter(tokens: Token[], from: number): string | undefined {
  for (let k = from, gap = 0; k < tokens.length && gap <= 3; k++, gap++) {
    const t = tokens[k]!;
    if (t.pos === 'VERB') return NOT_GOVERNING.has(t.norm) ? undefined : t.lemma;
    if (!(t.pos === 'ADV' || t.pos === 'AUX' || t.pos === 'PART')) return undefined;
  }
  return undefined;
}

function verbBefore(tokens: Token[], before: number): string | undefined {
  for (let k = before - 1, gap = 0; k >= 0 && gap <= 4; k--, gap++) {
    const t = tokens[k]!;
    if (t.pos === 'VERB') return NOT_GOVERNING.has(t.norm) || SPEECH.has(t.lemma) ? undefined : t.lemma;
    // "released Thursday were 14": a day name between the verb and the number
    const dayName = t.pos === 'PROPN' && DATE_WORD.test(t.norm);
    if (!(VERB_GAP.has(t.pos) || t.pos === 'ADP' || t.pos === 'ADJ' || dayName)) return undefined;
  }
  return undefined;
}

/** Verb of a relative clause right after the phrase: "40 miners who have now surfaced". */
function verbOfRelative(tokens: Token[], from: number): string | undefined {
  const t = tokens[from];
  if (!t || !['who', 'that', 'which'].includes(t.norm)) return undefined;
  return verbAfter(tokens, from + 1);
}

function kindOf(
  tokens: Token[],
  core: Core,
  rawStart: number,
  rawEnd: number,
  dateSpans: ReadonlyArray<{ start: number; end: number }>,
): NumberMention['kind'] {
  const t = tokens[core.first]!;
  if (dateSpans.some((d) => rawStart >= d.start && rawEnd <= d.end)) {
    return /^\d{4}$/.test(t.text) && core.value >= 1000 && core.value < 2200 ? 'year' : 'date';
  }
  if (core.ordinal) return 'ordinal';
  return 'count';
}

/**
 * Numbers of one analysed sentence. `dateSpans` are the character ranges of date expressions in the
 * sentence (from `scanDateExpressions`): numbers inside them are years and date parts, not counts.
 */
export function findNumbers(sentence: AnalysedSentence, dateSpans: ReadonlyArray<{ start: number; end: number }> = []): NumberMention[] {
  const { tokens, text } = sentence;
  const out: NumberMention[] = [];
  /** Per mention: where its counted phrase ends and the verb of a relative clause after it. */
  const ends: Array<{ phraseEnd: number; relative?: string }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // times ("7:42") and other glued forms ("9/11") are not quantities
    if (/^\d+[:/]\d+/.test(t.text)) continue;
    const range = DIGIT_RANGE.exec(t.text);
    if (range) {
      const a = range[1]!;
      const b = range[2]!;
      const phrase = countedPhrase(tokens, i + 1, text);
      const shared = { kind: 'count' as const, ...(phrase.counts ? { counts: phrase.counts } : {}) };
      out.push({ raw: a, value: digitsValue(a), start: t.start, ...shared });
      out.push({ raw: b, value: digitsValue(b), start: t.start + a.length + 1, ...shared });
      ends.push({ phraseEnd: t.end }, { phraseEnd: t.end });
      continue;
    }
    const core = readCore(tokens, i);
    if (!core) continue;
    let first = core.first;
    let last = core.last;
    let kind: NumberMention['kind'] | undefined;
    const prev = tokens[first - 1];
    if (prev && CURRENCY_SIGNS.test(prev.text) && (adjacent(prev, tokens[first]) || prev.end + 1 === tokens[first]!.start)) {
      first--;
      kind = 'money';
    }
    const after = tokens[last + 1];
    if (after && (after.text === '%' || PERCENT_WORDS.has(after.norm))) {
      last++;
      kind = 'percent';
    } else if (after && after.norm === 'per' && tokens[last + 2]?.norm === 'cent') {
      last += 2;
      kind = 'percent';
    } else if (after && CURRENCY_WORDS.has(after.norm)) {
      last++;
      kind = 'money';
    }
    // ages: "52-year-old", "aged 52"
    const ageHyphen =
      isHyphen(after) && adjacent(tokens[last], after) && tokens[last + 2]?.norm === 'year' && tokens[last + 4]?.norm === 'old';
    // "Mr. Blumenthal, 64, is…": an age set off by commas after a name
    const age =
      ageHyphen ||
      (!!prev && (prev.norm === 'aged' || prev.norm === 'age')) ||
      (prev?.text === ',' && tokens[first - 2]?.pos === 'PROPN' && /^[,.]$/.test(after?.text ?? '') && core.value < 120);
    if (ageHyphen) last += 4;
    if (age) kind = 'other';
    // "134-to-63", "two-thirds", "5 p.m.": scores, fractions and times are not counts
    else if ((!core.ordinal && isHyphen(after) && adjacent(tokens[last], after)) || /^[ap]\.?m\.?$/.test(after?.norm ?? '')) kind = 'other';

    const rawStart = tokens[first]!.start;
    const rawEnd = tokens[last]!.end;
    kind ??= kindOf(tokens, core, rawStart, rawEnd, dateSpans);
    if (/^\d+s$/.test(tokens[core.first]!.text)) kind = 'other';

    const mention: NumberMention = {
      raw: text.slice(rawStart, rawEnd),
      value: core.value,
      start: rawStart,
      kind,
    };
    if (age) mention.age = true;
    const qualifier = qualifierBefore(tokens, first);
    if (qualifier) mention.qualifier = qualifier;
    let phraseEnd = rawEnd;
    let relative: string | undefined;
    if (kind === 'count' || kind === 'ordinal') {
      let phrase = countedPhrase(tokens, last + 1, text);
      // a range "2,000 or 3,000 workers": the first number counts what the second one does
      const link = tokens[last + 1];
      const partner = link && /^(?:or|to|-|–)$/.test(link.norm) ? readCore(tokens, last + 2) : null;
      if (!phrase.counts && partner) {
        const shared = countedPhrase(tokens, partner.last + 1, text);
        if (shared.counts) phrase = { ...shared, end: last + 1 };
      }
      if (phrase.counts) mention.counts = phrase.counts;
      const verb =
        phrase.verb ??
        (phrase.counts ? verbAfter(tokens, phrase.end) : undefined) ??
        (phrase.counts ? verbBefore(tokens, qualifier ? first - qualifier.split(' ').length : first) : undefined);
      if (verb) mention.verb = verb;
      phraseEnd = tokens[phrase.end - 1]?.end ?? rawEnd;
      relative = verbOfRelative(tokens, phrase.end);
    }
    // "one" as a pronoun ("no one", "one of them") is not a number worth listing
    if ((t.norm === 'one' || t.norm === 'a' || t.norm === 'an') && !mention.counts && kind === 'count') {
      i = last;
      continue;
    }
    out.push(mention);
    ends.push({ phraseEnd, relative });
    i = last;
  }
  // in a list ("three Dutch nationals and eight Danish journalists", "12 foreigners—six Finns,
  // two Swedes") each item takes the verb of the item before it
  out.forEach((m, k) => {
    const prev = out[k - 1];
    if (!m.verb && m.counts && prev?.verb && prev.counts) {
      const between = text.slice(ends[k - 1]!.phraseEnd, m.start).trim();
      if (/^(?:,|—|–|:|and|or|, and|, or)$/.test(between)) m.verb = prev.verb;
    }
    const relative = ends[k]!.relative;
    if (!m.verb && m.counts && relative) m.verb = relative;
  });
  return out;
}
