/**
 * Across outlets: which sentences of other articles say the same as the best answer (so that an answer
 * can say "reported by 4 of 5 outlets"), and which give a different figure for the same thing (so that
 * it can say "outlets differ" and show each version with its sources).
 */
import { stemWord } from '../text/analyse.js';
import { placeFamily } from '../facts/places.js';
import type { WordVectors } from '../text/embeddings.js';
import type { Knowledge } from '../search/knowledge.js';
import type { NumberMention } from '../types.js';
import type { ParsedQuestion } from './question.js';
import type { RankedSentence } from './rank.js';
import { citedFact, outletKey } from './sources.js';
import type { Conflict } from './types.js';

export const AGREEMENT_SETTINGS = Object.freeze({
  /** IDF-weighted share of the shorter sentence's terms that two sentences must share to say the same thing. */
  sameStatement: 0.5,
  /** A rival figure must come from a sentence that covers the question about as well as the answer. */
  rivalCoverage: 0.7,
  /** Word-vector similarity at which two nouns or verbs are taken for the same thing. */
  sameMeaning: 0.6,
});

/** IDF-weighted overlap of two sentences' terms, relative to the lighter one (0..1). */
export function statementOverlap(k: Knowledge, a: number, b: number): number {
  const ta = new Set(k.sentences[a]!.terms);
  const tb = new Set(k.sentences[b]!.terms);
  const w = (t: string) => k.sentenceIndex.idf(t);
  let shared = 0;
  let wa = 0;
  let wb = 0;
  for (const t of ta) {
    wa += w(t);
    if (tb.has(t)) shared += w(t);
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

/** Do two words name the same kind of thing (same stem, same country family, or close in meaning)? */
export function sameThing(a: string, b: string, vectors: WordVectors | null): boolean {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (stemWord(la) === stemWord(lb)) return true;
  const fa = placeFamily(la);
  if (fa.length && placeFamily(lb).some((x) => fa.includes(x))) return true;
  return !!vectors && vectors.similarity(la, lb) >= AGREEMENT_SETTINGS.sameMeaning;
}

/** The words of a how-many question that say what is counted ("how many *political prisoners* remain"). */
export function countedWords(q: ParsedQuestion): string[] {
  const focus = q.terms.filter((t) => t.focus).map((t) => t.word);
  if (focus.length) return focus;
  return q.terms.filter((t) => t.pos === 'NOUN' || t.pos === 'PROPN').map((t) => t.word).slice(0, 1);
}

/** Main verbs of the question ("were *released*"), lemmas. */
function questionVerbs(q: ParsedQuestion): string[] {
  return q.tokens.filter((t) => t.pos === 'VERB').map((t) => t.lemma);
}

/**
 * The figures in a sentence that answer a how-many question: counts of the thing asked about and not
 * already written in the question.
 */
export function answerNumbers(q: ParsedQuestion, numbers: readonly NumberMention[], vectors: WordVectors | null): NumberMention[] {
  const asked = new Set(q.tokens.map((t) => t.norm));
  const counted = countedWords(q);
  const verbs = questionVerbs(q);
  const usable = numbers.filter((n) => (n.kind === 'count' || n.kind === 'money' || n.kind === 'percent' || n.kind === 'other') && !asked.has(n.raw.toLowerCase()));
  const matching = usable.filter((n) => n.counts && wordsOf(n.counts).some((w) => counted.some((c) => sameThing(c, w, vectors))));
  const verbOk = (n: NumberMention) => !verbs.length || !n.verb || verbs.some((v) => sameThing(v, n.verb!, vectors));
  const best = matching.filter(verbOk);
  if (best.length) return best;
  if (matching.length) return matching;
  return usable.filter((n) => !n.counts).slice(0, 1);
}

/** A figure, for comparing versions ("more than 1,000" and "1,000" are the same figure). */
const figure = (n: NumberMention) => n.value;

export interface AgreementResult {
  /** Sentences of other articles that say the same as the answer, one per article. */
  support: number[];
  conflicts: Conflict[];
}

/**
 * Finds, among ranked candidates, the sentences of other articles that agree with the answer and,
 * for how-many questions, those that give another figure for the same thing.
 */
export function agreement(
  k: Knowledge,
  q: ParsedQuestion,
  best: RankedSentence,
  pool: readonly RankedSentence[],
  vectors: WordVectors | null,
): AgreementResult {
  const bestSentence = k.sentences[best.sentenceId]!;
  const byArticle = new Map<number, number>();
  const seenOutlets = new Set([outletKey(k.articles[bestSentence.articleId]!)]);
  const support: number[] = [];
  const keyNumbers = q.kind === 'how-many' ? answerNumbers(q, k.facts[best.sentenceId]?.numbers ?? [], vectors) : [];
  const keyValues = new Set(keyNumbers.map(figure));

  const versions = new Map<number, number[]>();
  if (keyNumbers.length) versions.set(figure(keyNumbers[0]!), [best.sentenceId]);

  for (const c of pool) {
    if (c.sentenceId === best.sentenceId) continue;
    const s = k.sentences[c.sentenceId]!;
    if (s.articleId === bestSentence.articleId) continue;
    if (q.kind === 'how-many' && keyNumbers.length) {
      const nums = answerNumbers(q, k.facts[c.sentenceId]?.numbers ?? [], vectors).filter((n) => n.counts);
      if (!nums.length) continue;
      if (nums.some((n) => keyValues.has(figure(n)))) {
        if (!byArticle.has(s.articleId) && statementOverlap(k, best.sentenceId, c.sentenceId) > 0.2) byArticle.set(s.articleId, c.sentenceId);
        continue;
      }
      if (c.coverage >= AGREEMENT_SETTINGS.rivalCoverage * best.coverage) {
        const v = figure(nums[0]!);
        const list = versions.get(v) ?? [];
        if (!list.some((id) => k.sentences[id]!.articleId === s.articleId)) list.push(c.sentenceId);
        versions.set(v, list);
      }
      continue;
    }
    if (!byArticle.has(s.articleId) && statementOverlap(k, best.sentenceId, c.sentenceId) >= AGREEMENT_SETTINGS.sameStatement) {
      byArticle.set(s.articleId, c.sentenceId);
    }
  }
  for (const [articleId, id] of [...byArticle].sort((a, b) => a[0] - b[0])) {
    const key = outletKey(k.articles[articleId]!);
    if (seenOutlets.has(key)) continue;
    seenOutlets.add(key);
    support.push(id);
  }
  // the answer's own version includes the articles that agree with it
  if (keyNumbers.length) versions.get(figure(keyNumbers[0]!))!.push(...support);

  const conflicts: Conflict[] = [];
  if (versions.size > 1) {
    const about = `${countedWords(q).join(' ')}`.trim() || 'the figure';
    conflicts.push({
      about: `how many ${about}`,
      claims: [...versions.values()].map((ids) => citedFact(k, ids[0]!, undefined, ids.slice(1))),
    });
  }
  return { support, conflicts };
}
