/**
 * The short answer: the part of the cited sentence that answers the question (a count, a sum, a date, a
 * name, a quotation, a reason…), found by scoring every candidate span with a trained linear model.
 */
import type { Knowledge } from '../../search/knowledge.js';
import { decodeSentence } from '../../search/tokens.js';
import { analyseParagraph } from '../../text/analyse.js';
import type { WordVectors } from '../../text/embeddings.js';
import type { ParsedQuestion } from '../question.js';
import { spanCandidates, type SpanCandidate } from './candidates.js';
import { emitSpanFeatures, repeatsQuestion, spanContext, type SpanContext } from './features.js';
import { spanModel, spanScorer, type SpanModel } from './model.js';
import type { AnswerSpan, SentenceView, SpanKind } from './types.js';

export type { AnswerSpan, SentenceView, SpanKind } from './types.js';

/** A sentence of the corpus as the short answer reads it: its stored analysis and its facts. */
export function sentenceView(k: Knowledge, id: number): SentenceView {
  const text = k.sentences[id]!.text;
  const code = k.sentenceTokens.get(id);
  const a = (code ? decodeSentence(text, code) : null) ?? analyseParagraph(text)[0] ?? { text, start: 0, tokens: [], entities: [] };
  const f = k.facts.get(id);
  return { text, tokens: a.tokens, wink: a.entities, entities: f?.entities ?? [], numbers: f?.numbers ?? [], dates: f?.dates ?? [], quotes: f?.quotes ?? [] };
}

/** Whether the question asks for a reason or a manner, which a clause gives rather than a phrase. */
export const wantsClause = (q: Pick<ParsedQuestion, 'kind'>): boolean => q.kind === 'why' || q.kind === 'how' || q.kind === 'what';

/** The candidates of a sentence and their scores, in the same order. */
function scoreAll(q: ParsedQuestion, view: SentenceView, vectors: WordVectors | null, model: SpanModel): { cands: SpanCandidate[]; scores: Float64Array; ctx: SpanContext } {
  const ctx = spanContext(q, view, vectors);
  const scorer = spanScorer(model, ctx.qk, ctx.qs);
  const cands = spanCandidates(view, wantsClause(q));
  const scores = new Float64Array(cands.length);
  for (let i = 0; i < cands.length; i++) {
    emitSpanFeatures(ctx, view, cands[i]!, scorer.emit);
    scores[i] = scorer.take();
  }
  return { cands, scores, ctx };
}

/** Candidates with their scores, best first (for training and diagnosis). */
export function scoredCandidates(q: ParsedQuestion, view: SentenceView, vectors: WordVectors | null, model: SpanModel = spanModel()): Array<SpanCandidate & { score: number }> {
  const { cands, scores } = scoreAll(q, view, vectors, model);
  return cands.map((c, i) => ({ ...c, score: scores[i]! })).sort((a, b) => b.score - a.score || a.start - b.start || a.end - b.end);
}

const has = (c: SpanCandidate, prefix: string): boolean => c.tags.some((t) => t.startsWith(prefix));

/** What a candidate is, from what proposed it and what was asked. */
function kindOf(q: Pick<ParsedQuestion, 'kind'>, c: SpanCandidate): SpanKind {
  const tag = (suffix: string) => c.tags.some((t) => t === `num:${suffix}` || t === `qnum:${suffix}` || t === `numnoun:${suffix}`);
  if (has(c, 'date:')) return 'date';
  if (tag('money') || has(c, 'wink:MONEY')) return 'money';
  if (tag('percent') || has(c, 'wink:PERCENT')) return 'percent';
  if (tag('year')) return 'year';
  if (tag('count')) return 'count';
  if (tag('ordinal') || has(c, 'wink:ORDINAL')) return 'ordinal';
  if (has(c, 'wink:DURATION')) return 'duration';
  if (has(c, 'wink:TIME')) return 'time';
  if (has(c, 'wink:DATE')) return 'date';
  if (has(c, 'ent:person')) return 'person';
  if (has(c, 'ent:place')) return 'place';
  if (has(c, 'ent:organisation')) return 'organisation';
  if (has(c, 'ent:')) return 'name';
  if (has(c, 'num:') || has(c, 'wink:CARDINAL')) return 'number';
  if (has(c, 'quote')) return 'quote';
  if (has(c, 'clause')) return q.kind === 'why' ? 'reason' : 'description';
  return 'phrase';
}

/**
 * The short answer to `q` in a sentence: the best-scored candidate span, with its kind and normalised value;
 * null when the sentence has no candidate. `within` keeps it inside the part of the sentence shown (the
 * excerpt of a long sentence), as character offsets.
 */
export function shortAnswer(
  q: ParsedQuestion,
  view: SentenceView,
  vectors: WordVectors | null,
  within: { start: number; end: number } = { start: 0, end: view.text.length },
  model: SpanModel = spanModel(),
): AnswerSpan | null {
  const { cands, scores, ctx } = scoreAll(q, view, vectors, model);
  // a span made only of the question's own words repeats the question ("serving in *Vietnam*"): it answers
  // only when the sentence offers nothing else
  const better = (c: SpanCandidate, s: number, than: { c: SpanCandidate; s: number } | null): boolean =>
    // ties go to the earlier, then the shorter span, as in scoredCandidates
    !than || s > than.s || (s === than.s && (c.start < than.c.start || (c.start === than.c.start && c.end < than.c.end)));
  let fresh: { c: SpanCandidate; s: number } | null = null;
  let repeated: { c: SpanCandidate; s: number } | null = null;
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    const s = scores[i]!;
    if (c.start < within.start || c.end > within.end) continue;
    if (!repeatsQuestion(ctx, view, c)) {
      if (better(c, s, fresh)) fresh = { c, s };
    } else if (!fresh && better(c, s, repeated)) repeated = { c, s };
  }
  const best = (fresh ?? repeated)?.c ?? null;
  if (!best) return null;
  const kind = kindOf(q, best);
  const text = view.text.slice(best.start, best.end);
  const precision = /^date:(day|month|year)$/.exec(best.tags.find((t) => t.startsWith('date:')) ?? '')?.[1];
  // an ISO date only as precise as the words: "in 2015" is 2015, not 2015-01-01
  const iso = typeof best.value === 'string' ? best.value.slice(0, precision === 'year' ? 4 : precision === 'month' ? 7 : 10) : best.value;
  const value = kind === 'date' ? (iso ?? text) : typeof best.value === 'number' ? best.value : text;
  return { text, start: best.start, end: best.end, kind, value, ...(kind === 'date' && best.how ? { how: best.how } : {}) };
}

/**
 * The short answer inside the part of the sentence an answer shows (`shown`, the sentence or its excerpt),
 * with offsets into `shown`.
 */
export function shortAnswerIn(q: ParsedQuestion, view: SentenceView, shown: string, vectors: WordVectors | null): AnswerSpan | null {
  const at = view.text.indexOf(shown);
  if (at < 0) return null;
  const span = shortAnswer(q, view, vectors, { start: at, end: at + shown.length });
  return span && { ...span, start: span.start - at, end: span.end - at };
}
