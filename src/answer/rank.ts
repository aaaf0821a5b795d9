/**
 * Ranking sentences for a question, in two stages. First, BM25 over sentences and over paragraphs picks
 * candidates (cost grows with the postings of the question's terms, not with the corpus). Then the best
 * few are re-scored with what a reader checks (features.ts): does the sentence hold the kind of thing
 * asked for (a number, a date, a name not already in the question), how much of the question it covers,
 * even with other words for the same thing, and what the passage around it is about.
 */
import { analyseParagraph, type AnalysedSentence } from '../text/analyse.js';
import { wordClassOf, type WordClass } from '../text/synonyms.js';
import type { WeightedTerm } from '../search/bm25.js';
import type { Knowledge } from '../search/knowledge.js';
import { decodeSentence } from '../search/tokens.js';
import { firstStage } from '../search/firstStage.js';
import type { ParsedQuestion } from './question.js';
import { candidateFeatures, linearScore, questionContext, type FeatureName, type Features } from './features.js';
import { RANK_MODEL } from './rankModel.js';
import { SETTINGS } from '../settings.js';
import { answerContext, type AnswerContext } from './context.js';
import { QueryPlan, localWeights, softCoverage } from './coverage.js';
import { askedNames, clausePronoun, namedKinds, personalPronoun, personNamedBefore, referringSubject } from './reference.js';

export { firstStage, type FirstStageEntry } from '../search/firstStage.js';

/** The first-stage shares and the pool size, as before they moved to {@link SETTINGS}. */
export const RANK_SETTINGS = Object.freeze({
  paragraph: SETTINGS.search.paragraph,
  neighbour: SETTINGS.search.neighbour,
  /** The engine's pool: the scripts measure what answers. */
  rerank: SETTINGS.rank.pool,
});

export interface RankedSentence {
  sentenceId: number;
  score: number;
  /** Share of the question's weighted terms found in the sentence (0..1). */
  coverage: number;
  features: Features;
}

/** The sentence's wink analysis: from the index when it holds it, else computed again. */
function analysisOf(k: Knowledge, id: number): AnalysedSentence {
  const text = k.sentences[id]!.text;
  const code = k.sentenceTokens.get(id);
  return (code ? decodeSentence(text, code) : null) ?? analyseParagraph(text)[0] ?? { text, start: 0, tokens: [], entities: [] };
}

export function candidates(k: Knowledge, q: ParsedQuestion, query: WeightedTerm[], size: number = SETTINGS.rank.pool, context: AnswerContext = answerContext(k)): RankedSentence[] {
  const { scratch } = context;
  const first = firstStage(k, query, size, scratch.firstStage);
  if (!first.length) return [];
  const plan = new QueryPlan(k, query);
  const idf = (term: string) => k.sentenceIndex.idf(term);
  const totalWeight = plan.mass(plan.weighted, null) || 1;
  const ctx = questionContext(q, idf);
  const wordIds = Int32Array.from(ctx.words, (w) => k.vocabulary.lookup(w.term));
  const paragraphParts = new Map<number, { coverage: number; local: number; soft: number }>();
  const locals = new Map<number, { weights: Float64Array; total: number }>();
  const vec = context.vectors;
  const featureVectors = scratch.remembered;
  const queryTerms = new Set(query.map((t) => t.term));
  // stand-ins (synonyms, neighbours) of the question's verbs and nouns, with the class they must have
  const standIns: Array<{ id: number; term: string; cls: WordClass }> = [];
  for (const t of query) {
    const asked = t.group === undefined ? undefined : q.terms[t.group];
    const cls = asked && !asked.name ? wordClassOf(asked.pos) : null;
    if (asked && asked.term !== t.term && (cls === 'verb' || cls === 'noun')) standIns.push({ id: k.vocabulary.lookup(t.term), term: t.term, cls });
  }
  const namesAsked = askedNames(context.names, q);
  const marks = scratch.marks;
  const out: RankedSentence[] = [];
  for (let rank = 0; rank < first.length; rank++) {
    const c = first[rank]!;
    const sent = k.sentences[c.id]!;
    let inTitle = 0;
    for (const t of k.titleTerms[sent.articleId] ?? []) if (queryTerms.has(t)) inTitle++;
    const analysed = analysisOf(k, c.id);

    // "The airline was sanctioned…" covers a question naming the airline the sentence before named,
    // unless the description names something else that sentence spoke of ("the sanctions relief")
    let referred: number[] = [];
    let referredTerms: string[] = [];
    let carried: string[] | undefined;
    const subject = c.id > 0 && k.sentences[c.id - 1]!.articleId === sent.articleId ? referringSubject(analysed) : null;
    if (subject) {
      marks.ofSentences(k, [c.id - 1]);
      const before = (term: string) => marks.has(k.vocabulary.lookup(term));
      if (!subject.slice(0, -1).some(before)) {
        // "he"/"she" stand for a person named before, "it" for anything but a person
        const pronoun = subject.length ? null : personalPronoun(analysed);
        const named = pronoun && pronoun !== 'either' ? namedKinds(analysisOf(k, c.id - 1), k.facts.get(c.id - 1)) : null;
        const kind = (term: string) => named?.get(term);
        const fits = (term: string) => !named || (pronoun === 'person' ? kind(term) !== 'place' && kind(term) !== 'organisation' : kind(term) !== 'person');
        referredTerms = ctx.words.filter((w) => w.name && before(w.term) && fits(w.term)).map((w) => w.term);
        referred = referredTerms.map((t) => k.vocabulary.lookup(t));
      }
    }
    const antecedentId = !referred.length && (subject === null || !subject.length) && clausePronoun(analysed, k.facts.get(c.id)) ? personNamedBefore(k, c.id) : -1;
    if (antecedentId >= 0) {
      // "…, and he died": "he"/"she"/"his" in a sentence that names no person stands for the person last
      // named, through sentences that only refer back to them
      marks.ofSentences(k, [antecedentId]);
      const named = namedKinds(analysisOf(k, antecedentId), k.facts.get(antecedentId));
      referredTerms = ctx.words.filter((w) => w.name && marks.has(k.vocabulary.lookup(w.term)) && named.get(w.term) === 'person').map((w) => w.term);
      referred = referredTerms.map((t) => k.vocabulary.lookup(t));
    }
    // "Stone, 66, was taken…" carries the asked "Roger Stone": a shorter spelling of the same name
    if (namesAsked.length) {
      const keys = new Set((k.facts.get(c.id)?.entities ?? []).map((e) => e.key));
      for (const n of namesAsked) {
        if (!keys.has(n.key)) continue;
        for (const term of n.terms) if (!sent.terms.includes(term) && !referredTerms.includes(term)) (carried ??= []).push(term);
      }
      if (carried) referred = [...referred, ...carried.map((t) => k.vocabulary.lookup(t))];
    }
    // a stand-in counts only in the asked word's part of speech: "go" → "move" matches "they moved", not "the move"
    marks.ofSentences(k, [c.id]);
    const miscast = standIns.filter((x) => marks.has(x.id) && !analysed.tokens.some((t) => t.stem === x.term && wordClassOf(t.pos) === x.cls)).map((x) => x.id);
    /** Marks the terms of the given sentences, the candidate's as it reads with the above. */
    const markWith = (ids: readonly number[]) => {
      marks.ofSentences(k, ids.filter((id) => id !== c.id));
      marks.addSentence(k, c.id, miscast);
      for (const id of referred) marks.add(id);
      return marks;
    };

    const para = k.paragraphs[sent.paragraphId]!;
    let local = locals.get(sent.articleId);
    if (!local) locals.set(sent.articleId, (local = localWeights(k, sent.articleId, plan, scratch.slots)));
    const { weights, total } = local;
    // the paragraph's parts are shared by its sentences
    let whole = paragraphParts.get(para.id);
    if (!whole) {
      const soft = softCoverage(k, para.sentenceIds, ctx, wordIds, vec, marks, scratch.query);
      marks.ofSentences(k, para.sentenceIds);
      whole = { coverage: Math.min(1, plan.mass(plan.weighted, marks) / totalWeight), local: total ? plan.mass(weights, marks) / total : 0, soft };
      paragraphParts.set(para.id, whole);
    }
    markWith([c.id]);
    const coverage = Math.min(1, plan.mass(plan.weighted, marks) / totalWeight);
    const localCoverage = total ? plan.mass(weights, marks) / total : 0;
    // the sentence with its neighbours in the paragraph
    markWith(para.sentenceIds.filter((id) => Math.abs(id - c.id) <= 1));
    const windowCoverage = Math.min(1, plan.mass(plan.weighted, marks) / totalWeight);
    const localWindow = total ? plan.mass(weights, marks) / total : 0;
    const features = candidateFeatures(
      ctx,
      analysed,
      sent.terms,
      {
        bm25: c.s,
        paragraph: c.p,
        neighbour: c.n,
        rank,
        title: queryTerms.size ? inTitle / queryTerms.size : 0,
        coverage,
        position: sent.position,
        paragraphCoverage: whole.coverage,
        windowCoverage,
        localCoverage,
        localWindow,
        paragraphLocal: whole.local,
        paragraphSoft: whole.soft,
      },
      featureVectors,
      k.facts.get(c.id),
      referredTerms,
    );
    out.push({ sentenceId: c.id, score: c.score, coverage, features });
  }
  return out;
}


export function rankSentences(
  k: Knowledge,
  q: ParsedQuestion,
  query: WeightedTerm[],
  limit = 10,
  weights: Readonly<Record<FeatureName, number>> = RANK_MODEL,
  context: AnswerContext = answerContext(k),
): RankedSentence[] {
  const out = candidates(k, q, query, SETTINGS.rank.pool, context).map((c) => ({ ...c, score: linearScore(c.features, weights) }));
  out.sort((a, b) => b.score - a.score || a.sentenceId - b.sentenceId);
  return out.slice(0, limit);
}

