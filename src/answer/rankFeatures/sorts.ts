/**
 * Whether a sentence holds the sort of answer a question asks for: a figure of the asked sort (money,
 * an age, a year, a duration), a person, a place, or a destination after a verb of going.
 */
import type { AnalysedSentence } from '../../text/analyse.js';
import { fold } from '../../text/analyse.js';
import type { SentenceFacts } from '../../types.js';
import type { ParsedQuestion } from '../question.js';

/** Verbs of going somewhere, whose "where" asks for a destination ("where did they go" → "crossed into X"). */
export const MOTION_VERBS: ReadonlySet<string> = new Set([
  'go', 'move', 'travel', 'flee', 'head', 'return', 'cross', 'come', 'fly', 'sail', 'migrate', 'relocate', 'escape',
  'deport', 'send', 'take', 'transfer', 'bring', 'arrive', 'drive', 'walk', 'expel', 'exile', 'evacuate', 'leave',
]);
const TOWARDS = /^(to|into|towards|toward|for|across|in)$/;

/** A place not named in the question, right after a verb of going and a word of direction ("crossed into X"). */
export function toPlace(sentence: AnalysedSentence, facts: SentenceFacts | undefined, asked: Set<string>): boolean {
  if (!facts) return false;
  const places = facts.entities.filter((e) => e.kind === 'place' && !fold(e.text).split(/\s+/).every((w) => asked.has(w)));
  for (const p of places) {
    const before = sentence.tokens.filter((t) => t.end <= p.start);
    const word = before[before.length - 1];
    if (!word || !TOWARDS.test(word.norm)) continue;
    // the direction belongs to a verb of going ("crossed into X"), not to "spoke to X"
    if (before.slice(-5, -1).some((t) => t.pos === 'VERB' && MOTION_VERBS.has(t.lemma))) return true;
  }
  return false;
}

/** Words that give a cause or a purpose ("after …", "because …", "for allowing …"), not "in exchange for". */
export const REASON = /\b(because|due to|as a result|in response|in retaliation|in protest|so that|in order to|owing to|prompted|led to|caused|after|following|(?<!exchange )for \w+ing)\b/i;

/** Sorts of answer that only a figure of that sort gives. */
export const STRICT_SORTS: ReadonlySet<string> = new Set(['money', 'age']);

const YEAR_RE = /^(1[5-9]\d\d|20\d\d)$/;

/**
 * Does the sentence hold, beyond the question's own words, the precise sort of answer asked for (money for
 * "how much did … pay", an age for "how old", a year, a person for "who", a place for "where")?
 * Null when the question does not say which sort it wants.
 */
export function fitsSort(q: ParsedQuestion, sentence: AnalysedSentence, facts: SentenceFacts, asked: Set<string>): boolean | null {
  const freshNumbers = facts.numbers.filter((n) => !asked.has(n.raw.toLowerCase()));
  switch (q.sort) {
    case 'money':
      return freshNumbers.some((n) => n.kind === 'money');
    case 'percent':
      return freshNumbers.some((n) => n.kind === 'percent');
    case 'age':
      return freshNumbers.some((n) => n.value > 0 && n.value < 120 && Number.isInteger(n.value) && (AGE_WORDS.test(sentence.text) || readsAsAge(sentence.text, n)));
    case 'year':
      return sentence.tokens.some((t) => YEAR_RE.test(t.text) && !asked.has(t.norm)) || facts.dates.some((d) => !asked.has(fold(d.raw)));
    case 'duration':
      return sentence.entities.some((e) => e.type === 'DURATION') || freshNumbers.some((n) => !!n.counts && /\b(year|month|week|day|hour|minute|decade|centur)/i.test(n.counts));
    case 'count':
      return freshNumbers.some((n) => n.kind === 'count' || n.kind === 'money' || n.kind === 'percent');
    case 'date':
      return facts.dates.some((d) => !asked.has(fold(d.raw))) || sentence.entities.some((e) => (e.type === 'DATE' || e.type === 'TIME') && !asked.has(fold(e.text)));
    case 'person':
      return facts.entities.some((e) => (e.kind === 'person' || e.kind === 'organisation') && !fold(e.text).split(/\s+/).every((w) => asked.has(w)));
    case 'place':
      return facts.entities.some((e) => e.kind === 'place' && !fold(e.text).split(/\s+/).every((w) => asked.has(w)));
    default:
      return null;
  }
}

const AGE_WORDS = /\b(ages?|aged|years? old)\b/i;

/**
 * A number written as a person's age: "52-year-old", or set off by commas after a name ("Mr. Blumenthal,
 * 64, said"). Other figures the extractor leaves uncounted (scores such as "7–0", fractions, times) are not.
 */
function readsAsAge(text: string, n: { raw: string; start: number }): boolean {
  if (/year-old/i.test(n.raw)) return true;
  const before = text.slice(Math.max(0, n.start - 40), n.start);
  const after = text.slice(n.start + n.raw.length, n.start + n.raw.length + 3);
  return /\p{Lu}[\p{L}.'’-]*,\s*$/u.test(before) && /^\s*[,.;)]/.test(after);
}
