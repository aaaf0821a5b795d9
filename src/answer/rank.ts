/**
 * Ranking sentences for a question, in two stages. First, BM25 over sentences and over paragraphs picks
 * candidates (cost grows with the postings of the question's terms, not with the corpus). Then the best
 * few are re-scored with what a reader checks (features.ts): does the sentence hold the kind of thing
 * asked for (a number, a date, a name not already in the question), how much of the question it covers,
 * even with other words for the same thing, and what the passage around it is about.
 */
import { analyseParagraph } from '../text/analyse.js';
import { wordClassOf, type WordClass } from '../text/synonyms.js';
import { wordVectors, type WordVectors } from '../text/embeddings.js';
import type { WeightedTerm } from '../search/bm25.js';
import type { Knowledge } from '../search/knowledge.js';
import type { ParsedQuestion } from './question.js';
import { candidateFeatures, linearScore, questionContext, referringSubject, type FeatureName, type Features } from './features.js';
import { RANK_MODEL } from './rankModel.js';

/** First-stage settings. */
export const RANK_SETTINGS = Object.freeze({
  /** Share of the paragraph's score added to each of its sentences in the first stage. */
  paragraph: 0.35,
  /** Share of the neighbouring sentences' scores in the first stage. */
  neighbour: 0.1,
  /** How many candidates are re-scored with the full features. */
  rerank: 40,
});

export interface RankedSentence {
  sentenceId: number;
  score: number;
  /** Share of the question's weighted terms found in the sentence (0..1). */
  coverage: number;
  features: Features;
}

let vectors: WordVectors | null | undefined;
function vectorsOrNull(): WordVectors | null {
  if (vectors === undefined) {
    try {
      vectors = wordVectors();
    } catch {
      // without vectors the ranker still works on exact matches
      vectors = null;
    }
  }
  return vectors;
}

/**
 * Weight of the question words that are matched: for each word, the best of its spellings and
 * stand-ins that is present (so a stand-in never counts twice, nor lowers the coverage of the word).
 */
function groupedMass(query: readonly WeightedTerm[], weight: (t: WeightedTerm) => number, present: (t: WeightedTerm) => boolean): number {
  const best = new Map<number, number>();
  query.forEach((t, i) => {
    if (!present(t)) return;
    const g = t.group ?? -1 - i;
    best.set(g, Math.max(best.get(g) ?? 0, weight(t)));
  });
  let sum = 0;
  for (const v of best.values()) sum += v;
  return sum;
}

const localCache = new WeakMap<WeightedTerm[], Map<number, { weights: Map<string, number>; total: number }>>();

/**
 * Term weights within one article: a word that runs through the article (its topic) tells its sentences
 * apart less than a word found in one or two of them.
 */
function localWeights(k: Knowledge, articleId: number, query: WeightedTerm[]): { weights: Map<string, number>; total: number } {
  let perArticle = localCache.get(query);
  if (!perArticle) {
    perArticle = new Map();
    localCache.set(query, perArticle);
  }
  let found = perArticle.get(articleId);
  if (!found) {
    const [lo, hi] = k.articleSentences[articleId] ?? [0, 0];
    const n = Math.max(1, hi - lo);
    const weights = new Map<string, number>();
    for (const t of query) {
      const df = k.sentenceIndex.countInRange(t.term, lo, hi);
      const w = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * t.weight;
      weights.set(t.term, w);
    }
    const total = groupedMass(query, (t) => weights.get(t.term) ?? 0, () => true);
    found = { weights, total };
    perArticle.set(articleId, found);
  }
  return found;
}

/**
 * How much of the question a passage covers when other words for the same thing count too (word
 * vectors): IDF-weighted, each question word scored by its closest word in the passage.
 */
function softCoverage(k: Knowledge, sentenceIds: readonly number[], ctx: ReturnType<typeof questionContext>, vectors: WordVectors | null, cache: Map<string, number>): number {
  const terms = new Set<string>();
  for (const id of sentenceIds) for (const t of k.sentences[id]!.terms) terms.add(t);
  let got = 0;
  for (const w of ctx.words) {
    if (terms.has(w.term)) {
      got += w.idf;
      continue;
    }
    if (!vectors) continue;
    let best = 0;
    for (const t of terms) {
      const form = k.surface.get(t);
      if (!form) continue;
      const key = `${w.word}|${form}`;
      let sim = cache.get(key);
      if (sim === undefined) cache.set(key, (sim = vectors.similarity(w.word, form)));
      if (sim > best) best = sim;
    }
    if (best > 0.4) got += w.idf * ((best - 0.4) / 0.6);
  }
  return got / ctx.totalIdf;
}

/** Candidates with their features, best first by the first stage; for ranking and for calibration. */
export function candidates(k: Knowledge, q: ParsedQuestion, query: WeightedTerm[], size: number = RANK_SETTINGS.rerank): RankedSentence[] {
  const sScores = k.sentenceIndex.score(query);
  if (sScores.size === 0) return [];
  const pScores = k.paragraphIndex.score(query);
  let bestP = 0;
  for (const v of pScores.values()) bestP = Math.max(bestP, v);
  let bestS = 0;
  for (const v of sScores.values()) bestS = Math.max(bestS, v);

  const idf = (term: string) => k.sentenceIndex.idf(term);
  const totalWeight = groupedMass(query, (t) => idf(t.term) * t.weight, () => true) || 1;
  const first: Array<{ id: number; score: number; s: number; p: number; n: number }> = [];
  for (const [id, s] of sScores) {
    const sent = k.sentences[id]!;
    const p = bestP ? (pScores.get(sent.paragraphId) ?? 0) / bestP : 0;
    const prev = sent.position > 0 ? (sScores.get(id - 1) ?? 0) : 0;
    const next = k.sentences[id + 1]?.paragraphId === sent.paragraphId ? (sScores.get(id + 1) ?? 0) : 0;
    const n = Math.max(prev, next) / bestS;
    const score = s / bestS + RANK_SETTINGS.paragraph * p + RANK_SETTINGS.neighbour * n;
    first.push({ id, score, s: s / bestS, p, n });
  }
  first.sort((a, b) => b.score - a.score || a.id - b.id);

  const ctx = questionContext(q, idf);
  const paragraphSoft = new Map<number, number>();
  const simCache = new Map<string, number>();
  const vec = vectorsOrNull();
  const queryTerms = new Set(query.map((t) => t.term));
  const standIns: Array<[string, WordClass]> = [];
  for (const t of query) {
    const asked = t.group === undefined ? undefined : q.terms[t.group];
    const cls = asked && !asked.name ? wordClassOf(asked.pos) : null;
    if (asked && asked.term !== t.term && (cls === 'verb' || cls === 'noun')) standIns.push([t.term, cls]);
  }
  return first.slice(0, size).map((c, rank) => {
    const sent = k.sentences[c.id]!;
    const analysed = analyseParagraph(sent.text)[0] ?? { text: sent.text, start: 0, tokens: [], entities: [] };
    const previous = k.sentences[c.id - 1]?.articleId === sent.articleId ? k.sentences[c.id - 1]!.terms : undefined;
    // "The airline was sanctioned…" covers a question naming the airline the sentence before named
    const subject = previous ? referringSubject(analysed) : null;
    // …unless the description names something else the sentence before spoke of ("the sanctions relief")
    const refers = !!subject && !subject.slice(0, -1).some((noun) => previous!.includes(noun));
    const referred = refers ? ctx.words.filter((w) => w.name && previous!.includes(w.term)).map((w) => w.term) : [];
    // a stand-in counts only in the asked word's part of speech: "go" → "move" matches "they moved", not "the move"
    const miscast = new Set(standIns.filter(([term, cls]) => sent.terms.includes(term) && !analysed.tokens.some((t) => t.stem === term && wordClassOf(t.pos) === cls)).map(([term]) => term));
    const own = miscast.size ? sent.terms.filter((t) => !miscast.has(t)) : sent.terms;
    const termsOf = (id: number) => (id === c.id ? (referred.length ? [...own, ...referred] : own) : k.sentences[id]!.terms);
    const terms = new Set(termsOf(c.id));
    const matched = groupedMass(query, (t) => idf(t.term) * t.weight, (t) => terms.has(t.term));
    const title = k.titleTerms[sent.articleId] ?? [];
    const inTitle = title.filter((t) => queryTerms.has(t)).length;
    const coverage = Math.min(1, matched / totalWeight);
    const para = k.paragraphs[sent.paragraphId]!;
    let paraSoft = paragraphSoft.get(para.id);
    if (paraSoft === undefined) {
      paraSoft = softCoverage(k, para.sentenceIds, ctx, vec, simCache);
      paragraphSoft.set(para.id, paraSoft);
    }
    const coverageOf = (ids: number[]) => {
      const seen = new Set<string>();
      for (const id of ids) for (const t of termsOf(id)) seen.add(t);
      return Math.min(1, groupedMass(query, (t) => idf(t.term) * t.weight, (t) => seen.has(t.term)) / totalWeight);
    };
    const window = para.sentenceIds.filter((id) => Math.abs(id - c.id) <= 1);
    const local = localWeights(k, sent.articleId, query);
    const localOf = (ids: number[]) => {
      const seen = new Set<string>();
      for (const id of ids) for (const t of termsOf(id)) seen.add(t);
      const m = groupedMass(query, (t) => local.weights.get(t.term) ?? 0, (t) => seen.has(t.term));
      return local.total ? m / local.total : 0;
    };
    const features = candidateFeatures(
      ctx,
      analysed,
      sent.terms,
      { bm25: c.s, paragraph: c.p, neighbour: c.n, rank, title: queryTerms.size ? inTitle / queryTerms.size : 0, coverage, position: sent.position, paragraphCoverage: coverageOf(para.sentenceIds), windowCoverage: coverageOf(window), localCoverage: localOf([c.id]), localWindow: localOf(window), paragraphLocal: localOf(para.sentenceIds), paragraphSoft: paraSoft },
      vec,
      k.facts[c.id],
      referred,
    );
    return { sentenceId: c.id, score: c.score, coverage, features };
  });
}

/** Ranks sentences for a parsed question with expanded query terms. Best first. */
export function rankSentences(
  k: Knowledge,
  q: ParsedQuestion,
  query: WeightedTerm[],
  limit = 10,
  weights: Readonly<Record<FeatureName, number>> = RANK_MODEL,
): RankedSentence[] {
  const out = candidates(k, q, query).map((c) => ({ ...c, score: linearScore(c.features, weights) }));
  out.sort((a, b) => b.score - a.score || a.sentenceId - b.sentenceId);
  return out.slice(0, limit);
}
