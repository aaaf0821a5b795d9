/**
 * Groups logged questions that ask the same thing in other words ("How many were freed?", "how many
 * prisoners were released", "number freed?"), with the engine's own reading of a question: what sort of
 * answer it wants (a count, a date, a person…) and its topic words, matched by stem, by WordNet synonym
 * (the table the ranker uses), by country family ("Poles" and "Polish") or by a one-letter typo.
 *
 * fuse.js was tried first and left out: its character-level score puts "How many were freed?" nearer
 * "How many were injured?" (0.50) than "how many prisoners were released" (0.70), the opposite of what a
 * list of gaps needs. The word vectors were left out too: they put opposites and siblings together
 * (rise/fall 0.80, buy/sell 0.94, Monday/Tuesday 1.00), and a gap about sales is not one about purchases.
 * The grouping is pure: the same entries give the same groups in the same order.
 */
import { answerSort, LIGHT_VERBS, parseQuestion, type ParsedQuestion } from '../answer/question.js';
import { fold, stemOfDictionaryWord } from '../text/analyse.js';
import { synonyms } from '../text/synonyms.js';
import { placeFamily } from '../facts/places.js';
import type { QuestionOutcome } from '../store/types.js';

/** One logged question, as the grouping reads it. */
export interface AskedEntry {
  question: string;
  outcome: QuestionOutcome;
  /** ISO time. */
  askedAt: string;
}

export interface QuestionGroup {
  /** The wording asked most often (the latest of equals): the one to show. */
  question: string;
  /** Every distinct wording with how often it was asked, most asked first. */
  wordings: { text: string; count: number }[];
  /** Times asked, all wordings together. */
  count: number;
  /** ISO time of the latest asking. */
  lastAsked: string;
  outcomes: Partial<Record<QuestionOutcome, number>>;
}

export const GROUPING = Object.freeze({
  /**
   * Mean similarity to a group's questions needed to join it. Measured on test/questions.group.test.ts:
   * paraphrases score 0.67–1, different questions on a shared topic 0.5 at most.
   */
  threshold: 0.62,
  /** Two wordings this far apart are different questions: no group holds both. */
  apart: 0.5,
  /** A verb names the event asked about: it counts more than a noun. */
  verbWeight: 1.5,
  /** A name or a people ("Germans", "Lisbon") decides which question it is: a different one is a different question. */
  nameWeight: 3,
  /** A noun that names no topic ("how many *people* were hurt" asks what "how many were hurt" asks). */
  genericWeight: 0.25,
  /**
   * Both sides have a topic word the other lacks: one word put for another ("what did the *mayor* say" /
   * "what did the *governor* say") makes another question, where a word left out ("how many were freed")
   * leaves the same one.
   */
  substitution: 0.7,
  /** One side says what sort of answer it wants and the other does not ("freed prisoners?"). */
  unstatedWant: 0.9,
});

/** Nouns (and the verb "cause") that ask for a sort of answer rather than naming a topic ("number freed?", "date of the vote"). */
const ASKING_NOUNS: Readonly<Record<string, Want>> = Object.freeze({
  number: 'count',
  count: 'count',
  total: 'count',
  amount: 'count',
  figure: 'count',
  tally: 'count',
  money: 'money',
  sum: 'money',
  date: 'date',
  day: 'date',
  reason: 'reason',
  cause: 'reason',
  place: 'place',
  location: 'place',
});

/** Nouns that stand for whoever or whatever is counted or asked about, not for a topic. */
const GENERIC_NOUNS: ReadonlySet<string> = new Set(['people', 'person', 'persons', 'individual', 'individuals', 'anyone', 'someone', 'everyone', 'thing', 'things']);

type Want = 'count' | 'money' | 'age' | 'percent' | 'duration' | 'date' | 'person' | 'place' | 'reason' | 'said' | 'manner' | 'yes-no';

interface Concept {
  word: string;
  stem: string;
  /** Stems of its synonyms (as a verb and as a noun). */
  near: ReadonlySet<string>;
  /** Country family keys ("poland", "polish", "poles"…); empty for other words. */
  family: readonly string[];
  weight: number;
  /** A dictionary word: "county" one letter from "country" is another word, "relased" a slip. */
  known: boolean;
}

interface Reading {
  want: Want | null;
  concepts: Concept[];
}

/** The sort of answer wanted, from the wording alone (not from a head noun: "what was the minister's comment" wants no person). */
function wantOf(q: ParsedQuestion): Want | null {
  const sort = answerSort(q.text);
  switch (sort) {
    case 'year':
    case 'date':
      return 'date';
    case null:
      break;
    default:
      return sort;
  }
  switch (q.kind) {
    case 'how-many':
      return 'count';
    case 'when':
      return 'date';
    case 'where':
      return 'place';
    case 'who':
      return 'person';
    case 'why':
      return 'reason';
    case 'what-said':
      return 'said';
    case 'how':
      return 'manner';
    case 'yes-no':
      return 'yes-no';
    default:
      return null;
  }
}

function nearStems(lemma: string): Set<string> {
  const syn = synonyms();
  return new Set([...syn.of('verb', lemma), ...syn.of('noun', lemma)].map((w) => stemOfDictionaryWord(w)));
}

const isWord = (word: string, lemma: string): boolean => synonyms().isWord(word) || synonyms().isWord(lemma);

const readings = new Map<string, Reading>();
/** Readings remembered: /unanswered reads the same log again and again, and parsing is most of its time. */
const REMEMBERED_READINGS = 20_000;

/** The sort of answer a question wants and the words it is about. */
export function readQuestion(text: string): Reading {
  let reading = readings.get(text);
  if (!reading) {
    if (readings.size >= REMEMBERED_READINGS) readings.clear();
    readings.set(text, (reading = readUncached(text)));
  }
  return reading;
}

function readUncached(text: string): Reading {
  const parsed = parseQuestion(text);
  let want = wantOf(parsed);
  const concepts: Concept[] = [];
  for (const t of parsed.terms) {
    // "stepped down" is read as the dictionary's "step_down", a synonym of "resign"
    const lemma = t.phrasal ?? fold(t.lemma);
    const asking = ASKING_NOUNS[lemma];
    // "what caused the collapse" asks why, as "the cause of the collapse?" does
    if (asking && (t.pos === 'NOUN' || (asking === 'reason' && t.pos === 'VERB')) && (want === null || want === asking)) {
      want = asking;
      continue;
    }
    if (t.pos === 'VERB' && LIGHT_VERBS.has(lemma) && lemma !== 'say' && lemma !== 'tell') continue;
    const word = fold(t.word);
    const family = placeFamily(word);
    const weight = t.name || family.length > 0 ? GROUPING.nameWeight : t.pos === 'VERB' ? GROUPING.verbWeight : GENERIC_NOUNS.has(word) ? GROUPING.genericWeight : 1;
    concepts.push({ word, stem: t.term, near: nearStems(lemma), family, weight, known: isWord(word, lemma) });
  }
  // a verb the index leaves out ("won" is a stopword, for "won't") still names the event asked about
  for (const verb of parsed.verbs) {
    const lemma = fold(verb);
    const stem = stemOfDictionaryWord(lemma);
    if (LIGHT_VERBS.has(lemma) || ASKING_NOUNS[lemma] || lemma.includes('_') || !/^[a-z]+$/.test(lemma) || concepts.some((c) => c.stem === stem || c.word === lemma)) continue;
    if (parsed.tokens.some((t) => t.lemma.toLowerCase() === verb.toLowerCase() && t.pos === 'AUX')) continue;
    concepts.push({ word: lemma, stem, near: nearStems(lemma), family: [], weight: GROUPING.verbWeight, known: isWord(lemma, lemma) });
  }
  return { want, concepts };
}

/** One substitution, insertion, deletion or swap of neighbours apart: a typo, for words of six letters or more. */
export function oneTypoApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 6 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ra = a.slice(i);
  const rb = b.slice(i);
  if (ra.slice(1) === rb.slice(1) || ra.slice(1) === rb || ra === rb.slice(1)) return true;
  return ra.length >= 2 && rb.length >= 2 && ra[0] === rb[1] && ra[1] === rb[0] && ra.slice(2) === rb.slice(2);
}

function sameConcept(a: Concept, b: Concept): boolean {
  if (a.family.length > 0 || b.family.length > 0) return a.family.some((f) => b.family.includes(f));
  return a.stem === b.stem || a.near.has(b.stem) || b.near.has(a.stem) || ((!a.known || !b.known) && oneTypoApart(a.word, b.word));
}

function matched(from: readonly Concept[], to: readonly Concept[]): { weight: number; unmatchedTopic: boolean } {
  let weight = 0;
  let unmatchedTopic = false;
  for (const c of from) {
    if (to.some((d) => sameConcept(c, d))) weight += c.weight;
    else if (c.weight >= 1) unmatchedTopic = true;
  }
  return { weight, unmatchedTopic };
}

const total = (cs: readonly Concept[]): number => cs.reduce((s, c) => s + c.weight, 0);

/** How much two readings ask the same thing, 0..1: their topic words matched both ways, weighted. */
export function similarity(a: Reading, b: Reading): number {
  if (a.want !== null && b.want !== null && a.want !== b.want) return 0;
  const scale = a.want === b.want ? 1 : GROUPING.unstatedWant;
  if (a.concepts.length === 0 || b.concepts.length === 0) return a.concepts.length === b.concepts.length ? scale : 0;
  const ab = matched(a.concepts, b.concepts);
  const ba = matched(b.concepts, a.concepts);
  const substituted = ab.unmatchedTopic && ba.unmatchedTopic ? GROUPING.substitution : 1;
  return (scale * substituted * (ab.weight + ba.weight)) / (total(a.concepts) + total(b.concepts));
}

/** The same wording asked twice: case, spacing and end punctuation aside. */
function wordingKey(text: string): string {
  return fold(text).replace(/\s+/g, ' ').replace(/[\s?!.…]+$/u, '').trim();
}

interface Wording {
  text: string;
  count: number;
  lastAsked: string;
  outcomes: Partial<Record<QuestionOutcome, number>>;
  reading: Reading;
}

const byAsked = (a: { count: number; lastAsked: string }, b: { count: number; lastAsked: string }): number => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked);

/** Wordings clustered pair by pair; the rest (a desk asking more distinct things than this) join the nearest group or stand alone. */
export const CLUSTERED_WORDINGS = 400;

/**
 * Average-linkage clustering: the two groups most alike, on average over their pairs of wordings, merge
 * first while that average is at least the threshold, and never when two of their wordings are plainly
 * different questions (below GROUPING.apart). Of equally alike pairs the larger merge first, as the
 * better attested. So it does not depend on the order of the log: "How many journalists were freed?" is
 * near "How many were freed?" but not "how many prisoners were released", and stays out of their group.
 */
function cluster(readings: readonly Reading[], threshold: number): number[][] {
  const n = readings.length;
  const sim: number[][] = readings.map((a, i) => readings.map((b, j) => (i === j ? 1 : j < i ? 0 : similarity(a, b))));
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) sim[i]![j] = sim[j]![i]!;
  /** The least similar pair across two groups, kept like `sim` (complete linkage). */
  const least: number[][] = sim.map((row) => [...row]);
  const members: (number[] | null)[] = readings.map((_, i) => [i]);
  for (;;) {
    let pair: [number, number] | null = null;
    let best = -1;
    let size = 0;
    for (let i = 0; i < n; i++) {
      if (!members[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (!members[j]) continue;
        const s = sim[i]![j]!;
        if (s < threshold || least[i]![j]! < GROUPING.apart) continue;
        const together = members[i]!.length + members[j]!.length;
        if (s > best || (s === best && together > size)) {
          best = s;
          size = together;
          pair = [i, j];
        }
      }
    }
    if (!pair) break;
    const [i, j] = pair;
    const a = members[i]!.length;
    const b = members[j]!.length;
    for (let k = 0; k < n; k++) {
      if (!members[k] || k === i || k === j) continue;
      const merged = (sim[i]![k]! * a + sim[j]![k]! * b) / (a + b);
      sim[i]![k] = merged;
      sim[k]![i] = merged;
      const low = Math.min(least[i]![k]!, least[j]![k]!);
      least[i]![k] = low;
      least[k]![i] = low;
    }
    members[i] = [...members[i]!, ...members[j]!];
    members[j] = null;
  }
  return members.filter((m): m is number[] => m !== null);
}

/**
 * Groups the entries by what they ask, most asked group first (the latest asked of equals); within a
 * group, the most asked wording first.
 */
export function groupQuestions(entries: readonly AskedEntry[], threshold: number = GROUPING.threshold): QuestionGroup[] {
  const wordings = new Map<string, Omit<Wording, 'reading'>>();
  for (const e of entries) {
    const key = wordingKey(e.question);
    if (!key) continue;
    let w = wordings.get(key);
    if (!w) wordings.set(key, (w = { text: e.question.trim(), count: 0, lastAsked: e.askedAt, outcomes: {} }));
    w.count++;
    w.outcomes[e.outcome] = (w.outcomes[e.outcome] ?? 0) + 1;
    if (e.askedAt > w.lastAsked || (e.askedAt === w.lastAsked && e.question.trim() < w.text)) {
      w.lastAsked = e.askedAt;
      w.text = e.question.trim();
    }
  }
  const ordered: Wording[] = [...wordings.values()]
    .sort((a, b) => byAsked(a, b) || a.text.localeCompare(b.text))
    .map((w) => ({ ...w, reading: readQuestion(w.text) }));

  const head = ordered.slice(0, CLUSTERED_WORDINGS);
  const groups: Wording[][] = cluster(
    head.map((w) => w.reading),
    threshold,
  ).map((ids) => ids.map((i) => head[i]!));
  for (const w of ordered.slice(CLUSTERED_WORDINGS)) {
    let best: Wording[] | null = null;
    let bestScore = threshold;
    for (const g of groups) {
      const score = g.reduce((s, m) => s + similarity(w.reading, m.reading), 0) / g.length;
      if (score > bestScore || (score === bestScore && best === null)) {
        best = g;
        bestScore = score;
      }
    }
    if (best) best.push(w);
    else groups.push([w]);
  }

  return groups
    .map((g): QuestionGroup => {
      const members = [...g].sort((a, b) => byAsked(a, b) || a.text.localeCompare(b.text));
      const outcomes: Partial<Record<QuestionOutcome, number>> = {};
      for (const m of members) for (const [o, n] of Object.entries(m.outcomes) as [QuestionOutcome, number][]) outcomes[o] = (outcomes[o] ?? 0) + n;
      return {
        question: members[0]!.text,
        wordings: members.map((m) => ({ text: m.text, count: m.count })),
        count: members.reduce((s, m) => s + m.count, 0),
        lastAsked: members.reduce((l, m) => (m.lastAsked > l ? m.lastAsked : l), ''),
        outcomes,
      };
    })
    .sort((a, b) => byAsked(a, b) || a.question.localeCompare(b.question));
}
