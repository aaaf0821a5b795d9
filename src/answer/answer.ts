/**
 * Answering one question: read it, rank the coverage's sentences, decide whether the best one answers
 * (or abstain and show the closest facts), and gather what other outlets say about it.
 */
import type { WordVectors } from '../text/embeddings.js';
import type { Knowledge } from '../search/knowledge.js';
import { agreement } from './agreement.js';
import { parseQuestion, type ParsedQuestion } from './question.js';
import { correctSpelling, queryTerms } from './query.js';
import { candidates, type RankedSentence } from './rank.js';
import { linearScore } from './features.js';
import { RANK_MODEL } from './rankModel.js';
import { citedFact, excerpt, outletCount, outletKey, outletLabel } from './sources.js';
import type { Answer, CitedFact } from './types.js';

export const ANSWER_SETTINGS = Object.freeze({
  /** Longest question accepted, in characters. */
  maxQuestionChars: 1000,
  /** Below this confidence the engine abstains. */
  abstainBelow: 0.3,
  /** How many closest facts are shown when abstaining. */
  closest: 3,
  /** Candidates considered for agreement across outlets. */
  pool: 60,
});

/** Why a question could not be asked at all. */
export function questionProblem(question: string): string | null {
  const text = question.replace(/\s+/g, ' ').trim();
  if (!text) return 'The question is empty: ask something about the coverage, e.g. "How many were freed?"';
  if (text.length > ANSWER_SETTINGS.maxQuestionChars)
    return `The question is ${text.length.toLocaleString('en-US')} characters long; ask it in at most ${ANSWER_SETTINGS.maxQuestionChars.toLocaleString('en-US')}.`;
  if (!/[\p{L}\p{N}]/u.test(text)) return 'The question has no words in it: ask something about the coverage.';
  return null;
}

/**
 * Confidence that the best sentence answers the question (0..1): how much of the question it covers,
 * in its own article and with other words for the same thing, and whether it holds the kind of answer
 * asked for. Calibrated on the shared question sets.
 */
export function confidenceOf(best: RankedSentence, q: ParsedQuestion, missing: number): number {
  const f = best.features;
  const typedWanted = q.kind === 'how-many' || q.kind === 'when' || q.kind === 'who' || q.kind === 'where' || q.kind === 'which';
  const typed = f.typedNumber + f.typedDate + f.typedName > 0 ? 1 : typedWanted ? 0 : 0.5;
  const raw = 0.45 * f.coverage + 0.3 * f.localCoverage + 0.15 * Math.min(1, f.soft * 2) + 0.1 * typed;
  // words of the question that the coverage never uses at all are the strongest sign it cannot answer
  return Math.max(0, Math.min(1, raw * (1 - missing)));
}

const labelOf = (c: number): Answer['confidenceLabel'] => (c >= 0.7 ? 'high' : c >= 0.45 ? 'medium' : 'low');

function notAnswered(question: string, message: string, k: Knowledge, started: number, clock: () => number, closest: CitedFact[] = []): Answer {
  return {
    question,
    answered: false,
    answer: message,
    confidence: 0,
    confidenceLabel: 'low',
    kind: 'other',
    facts: closest,
    conflicts: [],
    agreement: { reporting: 0, total: outletCount(k), names: [] },
    ms: clock() - started,
  };
}

/** Share of the question's topic weight carried by words the corpus never uses (typos resolved first). */
function missingShare(k: Knowledge, q: ParsedQuestion, query: ReturnType<typeof queryTerms>): number {
  const known = new Set(query.map((t) => t.term));
  let total = 0;
  let missing = 0;
  const n = Math.max(1, k.sentenceIndex.size);
  for (const t of q.terms) {
    // an unseen word weighs what a word seen once would
    const w = k.sentenceIndex.has(t.term) ? k.sentenceIndex.idf(t.term) : Math.log(1 + n / 1.5);
    total += w;
    if (!k.sentenceIndex.has(t.term) && !known.has(t.term)) {
      const expanded = query.some((x) => x.weight < 1 && x.term.startsWith(t.term.slice(0, 3)));
      if (!expanded) missing += w;
    }
  }
  return total ? missing / total : 1;
}

/**
 * Answers a question from the knowledge of a corpus. Never throws on bad input: an empty or oversized
 * question gets `answered: false` with a message saying what to do.
 * @param clock milliseconds, for the `ms` field (passed in so that tests are deterministic)
 */
export function answerQuestion(k: Knowledge, question: string, vectors: WordVectors | null, clock: () => number = () => 0): Answer {
  const started = clock();
  const problem = questionProblem(question);
  if (problem) return notAnswered(question, problem, k, started, clock);

  const q = correctSpelling(k, parseQuestion(question));
  const query = queryTerms(k, q, vectors);
  const pool = candidates(k, q, query, ANSWER_SETTINGS.pool)
    .map((c) => ({ ...c, score: linearScore(c.features, RANK_MODEL) }))
    .sort((a, b) => b.score - a.score || a.sentenceId - b.sentenceId);
  const best = pool[0];
  if (!best) return { ...notAnswered(question, 'The coverage does not mention anything this question asks about.', k, started, clock), kind: q.kind };

  const missing = missingShare(k, q, query);
  const confidence = Math.round(confidenceOf(best, q, missing) * 100) / 100;
  const wanted = (w: string) => q.terms.some((t) => t.word.toLowerCase() === w);
  const total = outletCount(k);

  if (confidence < ANSWER_SETTINGS.abstainBelow) {
    const closest = pool.slice(0, ANSWER_SETTINGS.closest).map((c) => citedFact(k, c.sentenceId, excerpt(k.sentences[c.sentenceId]!.text, wanted)));
    return {
      ...notAnswered(question, 'The coverage does not answer this question. The closest facts it has are listed.', k, started, clock, closest),
      kind: q.kind,
      confidence,
    };
  }

  const { support, conflicts } = agreement(k, q, best, pool, vectors);
  const bestText = k.sentences[best.sentenceId]!.text;
  const facts: CitedFact[] = [citedFact(k, best.sentenceId, excerpt(bestText, wanted), support)];
  const shown = new Set([best.sentenceId, ...support]);
  for (const c of pool.slice(1)) {
    if (facts.length >= 4) break;
    if (shown.has(c.sentenceId) || c.score < best.score * 0.6) continue;
    shown.add(c.sentenceId);
    facts.push(citedFact(k, c.sentenceId, excerpt(k.sentences[c.sentenceId]!.text, wanted)));
  }
  const reportingIds = [best.sentenceId, ...support];
  const names = [...new Map(reportingIds.map((id) => {
    const a = k.articles[k.sentences[id]!.articleId]!;
    return [outletKey(a), outletLabel(a)] as const;
  })).values()];
  return {
    question,
    answered: true,
    answer: facts[0]!.text,
    confidence,
    confidenceLabel: labelOf(confidence),
    kind: q.kind,
    facts,
    conflicts,
    agreement: { reporting: names.length, total, names },
    ms: clock() - started,
  };
}
