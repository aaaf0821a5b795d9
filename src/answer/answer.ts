/**
 * Answering one question: read it, rank the coverage's sentences, decide whether the best one answers
 * (or abstain and show the closest facts), and gather what other outlets say about it.
 */
import type { WordVectors } from '../text/embeddings.js';
import type { Knowledge } from '../search/knowledge.js';
import { agreement } from './agreement.js';
import { measuredBy, parseQuestion, type ParsedQuestion } from './question.js';
import { correctSpelling, queryTerms } from './query.js';
import { candidates, type RankedSentence } from './rank.js';
import { linearScore } from './features.js';
import { ABSTAIN_BELOW, confidenceInputs, confidenceOf, NOT_SURE_FROM } from './confidence.js';
import { RANK_MODEL } from './rankModel.js';
import { citedFact, excerpt, outletCount, outletKey, outletLabel } from './sources.js';
import type { Answer, CitedFact } from './types.js';
import { SETTINGS } from '../settings.js';
import { answerContext, type AnswerContext } from './context.js';
import { sentenceView, shortAnswerIn } from './span/index.js';

/** The answer's settings and the pool size, as before they moved to {@link SETTINGS}. */
export const ANSWER_SETTINGS = Object.freeze({
  maxQuestionChars: SETTINGS.answer.maxQuestionChars,
  closest: SETTINGS.answer.closest,
  pool: SETTINGS.rank.pool,
});

/** How much of a refused, over-long question is echoed back: enough to tell which one it was. */
export const ECHO_CHARS = 80;

/** The question as echoed in an answer: whole, or only its start when it is too long to be asked. */
export function questionEcho(question: string): string {
  if (question.length <= ANSWER_SETTINGS.maxQuestionChars) return question;
  return `${question.slice(0, ECHO_CHARS).trimEnd()}…`;
}

/** Why a question could not be asked at all. */
export function questionProblem(question: string): string | null {
  const text = question.replace(/\s+/g, ' ').trim();
  if (!text) return 'The question is empty: ask something about the coverage, e.g. "How many were freed?"';
  if (text.length > ANSWER_SETTINGS.maxQuestionChars)
    return `The question is ${text.length.toLocaleString('en-US')} characters long; ask it in at most ${ANSWER_SETTINGS.maxQuestionChars.toLocaleString('en-US')}.`;
  if (!/[\p{L}\p{N}]/u.test(text)) return 'The question has no words in it: ask something about the coverage.';
  return null;
}

const labelOf = (c: number): Answer['confidenceLabel'] => (c >= SETTINGS.confidence.high ? 'high' : c >= SETTINGS.confidence.medium ? 'medium' : 'low');

function notAnswered(question: string, message: string, k: Knowledge, started: number, clock: () => number, closest: CitedFact[] = [], tier: Answer['tier'] = 'not-covered'): Answer {
  return {
    question: questionEcho(question),
    answered: false,
    tier,
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

/**
 * Share of the question's topic weight carried by words the corpus never uses (after spelling correction).
 * A measure the best sentence gives under another word ("population" → "9.5 million people") is not
 * missing: pass `measured` when that sentence counts what the question measures.
 */
export function missingShare(k: Knowledge, q: ParsedQuestion, measured = false): number {
  let total = 0;
  let missing = 0;
  const n = Math.max(1, k.sentenceIndex.size);
  for (const t of q.terms) {
    // an unseen word weighs what a word seen once would
    const known = k.sentenceIndex.has(t.term) || (measured && measuredBy(t.word).length > 0);
    const w = known ? k.sentenceIndex.idf(t.term) : Math.log(1 + n / 1.5);
    total += w;
    if (!known) missing += w;
  }
  return total ? missing / total : 1;
}

/** The question read, and the candidate sentences ranked best first (for answering and for calibration). */
export function rankForQuestion(
  k: Knowledge,
  question: string,
  vectors: WordVectors | null,
  context: AnswerContext = answerContext(k, vectors),
): { q: ParsedQuestion; pool: RankedSentence[] } {
  const q = correctSpelling(k, parseQuestion(question), vectors, context.scratch.query);
  const query = queryTerms(k, q, vectors, context.scratch.query);
  const pool = candidates(k, q, query, SETTINGS.rank.pool, context)
    .map((c) => ({ ...c, score: linearScore(c.features, RANK_MODEL) }))
    .sort((a, b) => b.score - a.score || a.sentenceId - b.sentenceId);
  return { q, pool };
}

/**
 * Answers a question from the knowledge of a corpus. Never throws on bad input: an empty or oversized
 * question gets `answered: false` with a message saying what to do.
 * @param clock milliseconds, for the `ms` field (passed in so that tests are deterministic)
 * @param context the engine's (of `k` and `vectors`): its scratch space is reused across questions
 */
export function answerQuestion(k: Knowledge, question: string, vectors: WordVectors | null, clock: () => number = () => 0, context: AnswerContext = answerContext(k, vectors)): Answer {
  const started = clock();
  const problem = questionProblem(question);
  if (problem) return notAnswered(question, problem, k, started, clock);

  const { q, pool } = rankForQuestion(k, question, vectors, context);
  const best = pool[0];
  if (!best) return { ...notAnswered(question, 'The coverage does not mention anything this question asks about.', k, started, clock), kind: q.kind };

  const confidence = Math.round(confidenceOf(confidenceInputs(best, pool[1], q, missingShare(k, q, best.features.countedFocus > 0))) * 100) / 100;
  const wanted = (w: string) => q.terms.some((t) => t.word.toLowerCase() === w);
  const total = outletCount(k);

  if (confidence < ABSTAIN_BELOW) {
    const closest = pool.slice(0, ANSWER_SETTINGS.closest).map((c) => citedFact(k, c.sentenceId, excerpt(k.sentences[c.sentenceId]!.text, wanted)));
    const notSure = confidence >= NOT_SURE_FROM;
    const message = notSure
      ? 'Not sure: these passages come closest, but none of them clearly answers the question.'
      : "The coverage doesn't say. The closest facts it has are listed.";
    return { ...notAnswered(question, message, k, started, clock, closest, notSure ? 'not-sure' : 'not-covered'), kind: q.kind, confidence };
  }

  const { support, conflicts } = agreement(k, q, best, pool, vectors);
  const bestText = k.sentences[best.sentenceId]!.text;
  const facts: CitedFact[] = [citedFact(k, best.sentenceId, excerpt(bestText, wanted), support)];
  const span = shortAnswerIn(q, sentenceView(k, best.sentenceId), facts[0]!.text, vectors);
  if (span) facts[0] = { ...facts[0]!, span };
  const shown = new Set([best.sentenceId, ...support]);
  for (const c of pool.slice(1)) {
    if (facts.length >= SETTINGS.answer.facts) break;
    if (shown.has(c.sentenceId) || c.score < best.score * SETTINGS.answer.alsoShownFrom) continue;
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
    tier: 'answer',
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
