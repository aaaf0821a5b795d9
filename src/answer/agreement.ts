/**
 * Across outlets: which sentences of other articles say the same as the best answer (so that an answer
 * can say "reported by 4 of 5 outlets"), and which give another value for the same thing — another
 * figure, date, place or name — so that it can say "outlets differ" and show each version with its sources.
 */
import { fold } from '../text/analyse.js';
import type { WordVectors } from '../text/embeddings.js';
import type { Knowledge } from '../search/knowledge.js';
import type { NumberMention } from '../types.js';
import { LIGHT_VERBS, type AnswerSort, type ParsedQuestion } from './question.js';
import type { RankedSentence } from './rank.js';
import { citedFact, outletKey } from './sources.js';
import { countedWords, sameThing } from './sameThing.js';

export { countedWords, sameThing } from './sameThing.js';
import type { Conflict } from './types.js';
import { SETTINGS } from '../settings.js';

export const AGREEMENT_SETTINGS = SETTINGS.agreement;

/** A sentence's term ids, each once, in order of first use (a sentence holds a few dozen at most). */
function distinctTerms(k: Knowledge, sentenceId: number): number[] {
  const { starts, ids } = k.sentenceTerms;
  const out: number[] = [];
  for (let i = starts[sentenceId]!, end = starts[sentenceId + 1]!; i < end; i++) if (!out.includes(ids[i]!)) out.push(ids[i]!);
  return out;
}

/** IDF-weighted overlap of two sentences' terms, relative to the lighter one (0..1). */
export function statementOverlap(k: Knowledge, a: number, b: number): number {
  // term ids, not strings: no term list or set built per call (a question compares sixty sentences)
  const ta = distinctTerms(k, a);
  const tb = distinctTerms(k, b);
  const w = (id: number) => k.sentenceIndex.idfOf(id);
  let shared = 0;
  let wa = 0;
  let wb = 0;
  for (const t of ta) {
    wa += w(t);
    if (tb.includes(t)) shared += w(t);
  }
  for (const t of tb) wb += w(t);
  const lighter = Math.min(wa, wb);
  return lighter ? shared / lighter : 0;
}

function wordsOf(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter((w) => w.length > 1);
}

/** Main verbs of the question ("were *released*"), lemmas. */
function questionVerbs(q: ParsedQuestion): string[] {
  return q.verbs.filter((v) => !LIGHT_VERBS.has(v));
}

/**
 * The figures in a sentence that answer a how-many question: counts of the thing asked about and not
 * already written in the question (with the asked verb, where both say one).
 */
export function answerNumbers(q: ParsedQuestion, numbers: readonly NumberMention[], vectors: WordVectors | null): NumberMention[] {
  const asked = new Set(q.tokens.map((t) => t.norm));
  const usable = numbers.filter((n) => n.kind !== 'year' && n.kind !== 'date' && n.kind !== 'ordinal' && !asked.has(n.raw.toLowerCase()));
  if (q.sort === 'money') return usable.filter((n) => n.kind === 'money');
  if (q.sort === 'percent') return usable.filter((n) => n.kind === 'percent');
  if (q.sort === 'age') return usable.filter((n) => n.age);
  const counted = countedWords(q);
  const verbs = questionVerbs(q);
  const matching = usable.filter((n) => n.counts && wordsOf(n.counts).some((w) => counted.some((c) => sameThing(c, w, vectors))));
  const verbOk = (n: NumberMention) => !verbs.length || !n.verb || verbs.some((v) => sameThing(v, n.verb!, vectors));
  const best = matching.filter(verbOk);
  if (best.length) return best;
  if (matching.length) return matching;
  return usable.filter((n) => !n.counts && n.kind === 'count').slice(0, 1);
}

/** Comparable answer values; `focused` when a figure counts the very thing asked about. */
export type AnswerValues = Set<string> & { focused?: boolean };

const NUMERIC_SORTS = new Set<AnswerSort>(['count', 'money', 'percent', 'age', 'duration']);

/** Whether the question asks for a figure (a count, sum, share, age or span of time). */
const asksFigure = (q: ParsedQuestion): boolean => q.kind === 'how-many' || NUMERIC_SORTS.has(q.sort);

/**
 * The values a sentence gives for what the question asks — figures, dates, years, places or people —
 * as comparable keys; empty when it gives none (then it can agree, but not disagree).
 */
export function answerValues(k: Knowledge, q: ParsedQuestion, sentenceId: number, vectors: WordVectors | null): AnswerValues {
  const facts = k.facts.get(sentenceId);
  const out: AnswerValues = new Set<string>();
  if (!facts) return out;
  const asked = new Set(q.tokens.map((t) => t.norm));
  const freshName = (text: string) => !fold(text).split(/\s+/).every((w) => asked.has(w));
  if (asksFigure(q)) {
    const counted = countedWords(q);
    for (const n of answerNumbers(q, facts.numbers, vectors)) {
      out.add(`n:${n.value}`);
      if (n.counts && wordsOf(n.counts).some((w) => counted.some((c) => sameThing(c, w, vectors)))) out.focused = true;
    }
  } else if (q.sort === 'year') {
    for (const m of k.sentences[sentenceId]!.text.matchAll(/\b(1[5-9]\d\d|20\d\d)\b/g)) if (!asked.has(m[1]!)) out.add(`y:${m[1]}`);
  } else if (q.sort === 'date') {
    for (const d of facts.dates) if (!asked.has(fold(d.raw))) out.add(`d:${d.date.slice(0, d.precision === 'year' ? 4 : d.precision === 'month' ? 7 : 10)}`);
  } else if (q.sort === 'place') {
    for (const e of facts.entities) if (e.kind === 'place' && freshName(e.text)) out.add(`p:${e.key}`);
  } else if (q.sort === 'person') {
    for (const e of facts.entities) if (e.kind === 'person' && freshName(e.text)) out.add(`w:${e.key}`);
  }
  return out;
}

/**
 * What the versions disagree on, as a heading: the question itself, in the asker's words ("How many Poles
 * were freed"), which names the thing better than any label made from its parts.
 */
function aboutOf(q: Pick<ParsedQuestion, 'text'>): string {
  const text = q.text.replace(/\s+/g, ' ').trim().replace(/[?!.\s]+$/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface AgreementResult {
  /** Sentences of other outlets that say the same as the answer, one per outlet. */
  support: number[];
  conflicts: Conflict[];
}

/**
 * Finds, among ranked candidates, the sentences of other articles that agree with the answer and those
 * that give another value for what the question asks.
 */
export function agreement(
  k: Knowledge,
  q: ParsedQuestion,
  best: RankedSentence,
  pool: readonly RankedSentence[],
  vectors: WordVectors | null,
): AgreementResult {
  const bestSentence = k.sentences[best.sentenceId]!;
  const bestValues = answerValues(k, q, best.sentenceId, vectors);
  const figures = asksFigure(q) || q.sort === 'year' || q.sort === 'date';
  const agreeing = new Map<number, number>();
  const versions = new Map<string, number[]>();
  const firstKey = [...bestValues][0];
  if (firstKey) versions.set(firstKey, [best.sentenceId]);

  for (const c of pool) {
    const s = k.sentences[c.sentenceId]!;
    if (c.sentenceId === best.sentenceId) continue;
    // the answer's own article cannot second it, but can give a second figure ("1,000" by one official,
    // "nearly 1,300" by another): the figures in the coverage then differ, whoever prints them
    const sameArticle = s.articleId === bestSentence.articleId;
    if (sameArticle && !figures) continue;
    const overlap = statementOverlap(k, best.sentenceId, c.sentenceId);
    const values: AnswerValues = bestValues.size ? answerValues(k, q, c.sentenceId, vectors) : new Set<string>();
    const shares = [...values].some((v) => bestValues.has(v));
    if (sameArticle && (shares || !values.size)) continue;
    // where the answer is a value, agreeing means giving the same value
    if (shares || (!bestValues.size && overlap >= AGREEMENT_SETTINGS.sameStatement)) {
      if (!agreeing.has(s.articleId) && (shares ? values.focused || overlap >= AGREEMENT_SETTINGS.rivalOverlap || c.coverage >= best.coverage : true)) agreeing.set(s.articleId, c.sentenceId);
      continue;
    }
    // a figure for the very thing counted ("three Danish nationals" for "how many Danes") needs no more proof
    // a person's age is the same thing in any sentence that names them ("Smith, 47, a former teacher" and
    // "Smith, 48, thanked…"), whatever else the sentences are about
    const sameEvent = overlap >= AGREEMENT_SETTINGS.rivalOverlap || (q.sort === 'age' && c.coverage >= AGREEMENT_SETTINGS.rivalCoverage * best.coverage);
    if (!values.size || (!values.focused && c.coverage < AGREEMENT_SETTINGS.rivalCoverage * best.coverage) || !sameEvent) continue;
    const key = [...values][0]!;
    const list = versions.get(key) ?? [];
    if (!list.some((id) => k.sentences[id]!.articleId === s.articleId)) list.push(c.sentenceId);
    versions.set(key, list);
  }

  const seenOutlets = new Set([outletKey(k.articles[bestSentence.articleId]!)]);
  const support: number[] = [];
  for (const [articleId, id] of [...agreeing].sort((a, b) => a[0] - b[0])) {
    const key = outletKey(k.articles[articleId]!);
    if (seenOutlets.has(key)) continue;
    seenOutlets.add(key);
    support.push(id);
  }
  if (firstKey) versions.get(firstKey)!.push(...support);
  // an outlet that gives the answer's name is not one that disagrees with it: its other name is about
  // someone else ("thanked President Smith" beside its own "President Jones")
  for (const [key, ids] of versions) {
    if (key === firstKey || figures) continue;
    versions.set(key, ids.filter((id) => !seenOutlets.has(outletKey(k.articles[k.sentences[id]!.articleId]!))));
  }

  const conflicts: Conflict[] = [];
  // versions from one outlet only are not a disagreement between outlets
  const outletsOf = (ids: number[]) => new Set(ids.map((id) => outletKey(k.articles[k.sentences[id]!.articleId]!)));
  const distinct = [...versions.values()].filter((ids) => ids.length);
  const allOutlets = new Set(distinct.flatMap((ids) => [...outletsOf(ids)]));
  if (distinct.length > 1 && allOutlets.size > 1) {
    conflicts.push({ about: aboutOf(q), claims: distinct.map((ids) => citedFact(k, ids[0]!, undefined, ids.slice(1))) });
  }
  return { support, conflicts };
}
