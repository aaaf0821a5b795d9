/**
 * How central each sentence is to the coverage, as one documented, general score: the cosine between the
 * sentence and the coverage's centroid (MEAD's centroid summariser, with the story itself as background).
 *
 * The centroid weighs each index term by how widely and how specifically the coverage uses it:
 * `spread × idf`, where `spread` is the share of articles that use the term and `idf` is the sentence
 * index's BM25 idf. A word every article uses in a few sentences (the figure, the place, the verb of the
 * event) weighs most; a word one article uses, or one every sentence uses ("said"), weighs little. Names
 * count once more as the person, place or organisation (spelling variants together, the same formula
 * over the sentences that mention any variant), so the names most mentioned across outlets pull their
 * sentences up. A sentence is its distinct terms and names, each counted once, so
 * `cosine = Σ weights / √(terms + names)` up to the centroid's norm, which is the same for every sentence.
 *
 * One pass over the sentences' term ids and one over the name groups: linear in the size of the corpus.
 */
import type { Knowledge } from '../search/knowledge.js';

/** The sentence index's idf formula (BM25's, as Bm25Index.idfOf), for a count over `units`. */
function idfOf(units: number, df: number): number {
  return Math.log(1 + (units - df + 0.5) / (df + 0.5));
}

export interface Centrality {
  /** Centroid cosine of each sentence, by sentence id (0 for a sentence without terms). */
  bySentence: Float64Array;
  /** Centroid weight of each term, by term id. */
  byTerm: Float64Array;
}

/** The centroid cosine of every sentence of the corpus (see the module comment). */
export function sentenceCentrality(k: Knowledge): Centrality {
  const sentences = k.sentences.length;
  const articles = Math.max(1, k.articles.length);
  const terms = k.vocabulary.size;
  const { starts, ids } = k.sentenceTerms;

  // articles using each term: sentences of an article are contiguous, so "last article seen" counts once per article
  const articleDf = new Int32Array(terms);
  const lastArticle = new Int32Array(terms).fill(-1);
  k.articleSentences.forEach(([first, end], articleId) => {
    for (let i = starts[first]!, stop = starts[end]!; i < stop; i++) {
      const t = ids[i]!;
      if (lastArticle[t] !== articleId) {
        lastArticle[t] = articleId;
        articleDf[t]!++;
      }
    }
  });
  const byTerm = new Float64Array(terms);
  for (let t = 0; t < terms; t++) if (articleDf[t]) byTerm[t] = (articleDf[t]! / articles) * k.sentenceIndex.idfOf(t);

  const sum = new Float64Array(sentences);
  const count = new Int32Array(sentences);
  // a sentence holds a few dozen terms: marking the last sentence seen per term keeps each term once
  const lastSentence = new Int32Array(terms).fill(-1);
  for (let s = 0; s < sentences; s++) {
    for (let i = starts[s]!, end = starts[s + 1]!; i < end; i++) {
      const t = ids[i]!;
      if (lastSentence[t] === s) continue;
      lastSentence[t] = s;
      sum[s]! += byTerm[t]!;
      count[s]!++;
    }
  }

  for (const group of k.groups) {
    const mentioned = [...new Set(group.sentences)];
    const inArticles = new Set(mentioned.map((s) => k.sentences[s]!.articleId)).size;
    const weight = (inArticles / articles) * idfOf(sentences, mentioned.length);
    for (const s of mentioned) {
      sum[s]! += weight;
      count[s]!++;
    }
  }

  const bySentence = new Float64Array(sentences);
  for (let s = 0; s < sentences; s++) if (count[s]) bySentence[s] = sum[s]! / Math.sqrt(count[s]!);
  return { bySentence, byTerm };
}
