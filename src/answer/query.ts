/**
 * From a parsed question to the weighted terms sent to the index. A word the corpus never uses is
 * looked up fuzzily in the corpus vocabulary (typos: "prisners" → "prisoner"), and by meaning through
 * word vectors ("freed" → "releas"), each expansion weighted below an exact term.
 */
import Fuse from 'fuse.js';
import type { WeightedTerm } from '../search/bm25.js';
import type { Knowledge } from '../search/knowledge.js';
import type { ParsedQuestion } from './question.js';
import type { WordVectors } from '../text/embeddings.js';
import { synonyms, wordClassOf } from '../text/synonyms.js';
import { stemWord } from '../text/analyse.js';
import { termOf } from '../search/terms.js';

/** Fuzzy vocabulary lookup settings (fuse.js), in one place. */
export const FUZZY_VOCABULARY = Object.freeze({
  threshold: 0.3,
  /** Weight of a fuzzy expansion relative to an exact term. */
  weight: 0.8,
  minLength: 4,
});

/** Weight of a WordNet synonym ("freed" for "released") relative to the word itself. */
export const SYNONYM_WEIGHT = 0.75;

/** Expansion by meaning (word vectors), in one place. */
export const MEANING_EXPANSION = Object.freeze({
  /** Least similarity for a corpus word to stand in for a question word. */
  minSimilarity: 0.6,
  /** At most this many stand-ins per question word. */
  expansions: 3,
  /** Weight of a stand-in, times its similarity. */
  weight: 0.4,
});

const vocabularyFuse = new WeakMap<Knowledge, { fuse: Fuse<string>; termOfWord: Map<string, string> }>();
const neighbourCache = new WeakMap<Knowledge, Map<string, Array<[string, number]>>>();

function vocabularyOf(k: Knowledge): { fuse: Fuse<string>; termOfWord: Map<string, string> } {
  let v = vocabularyFuse.get(k);
  if (!v) {
    const termOfWord = new Map<string, string>();
    for (const [term, word] of k.surface) if (word.length >= FUZZY_VOCABULARY.minLength - 1 && !/^\d/.test(word)) termOfWord.set(word, term);
    const fuse = new Fuse([...termOfWord.keys()], { includeScore: true, threshold: FUZZY_VOCABULARY.threshold, ignoreLocation: true, minMatchCharLength: 3 });
    v = { fuse, termOfWord };
    vocabularyFuse.set(k, v);
  }
  return v;
}

/**
 * The question with words the corpus never uses replaced by the closest word it does use
 * ("prisners" → "prisoners"), so that every later step sees the corrected word.
 */
export function correctSpelling(k: Knowledge, q: ParsedQuestion, vectors: WordVectors | null = null): ParsedQuestion {
  let changed = false;
  const terms = q.terms.map((t) => {
    if (k.sentenceIndex.has(t.term) || t.term.length < FUZZY_VOCABULARY.minLength || /^\d/.test(t.term)) return t;
    // a real word the coverage does not use is a sign it cannot answer, not a typo
    const typed = t.word.toLowerCase();
    if (synonyms().isWord(typed) || synonyms().isWord(t.lemma)) return t;
    const { fuse, termOfWord } = vocabularyOf(k);
    const hit = fuse.search(typed, { limit: 1 })[0];
    if (!hit) return t;
    // a word of the web's vocabulary is taken for a typo only beside a far more common spelling
    if (vectors && vectors.rank(typed) < Infinity && vectors.rank(typed) < 20 * vectors.rank(hit.item)) return t;
    changed = true;
    return { ...t, typed: t.word, word: hit.item, lemma: hit.item, term: termOfWord.get(hit.item)! };
  });
  if (!changed) return q;
  const fixed = new Map(terms.filter((t) => t.typed).map((t) => [t.typed!.toLowerCase(), t.lemma]));
  return { ...q, terms, verbs: q.verbs.map((v) => fixed.get(v) ?? v) };
}

/** Corpus terms whose written form is close in meaning to a word. */
function neighbours(k: Knowledge, word: string, vectors: WordVectors): Array<[string, number]> {
  let cache = neighbourCache.get(k);
  if (!cache) neighbourCache.set(k, (cache = new Map()));
  const hit = cache.get(word);
  if (hit) return hit;
  const found: Array<[string, number]> = [];
  if (vectors.has(word)) {
    for (const [term, form] of k.surface) {
      if (form === word) continue;
      const sim = vectors.similarity(word, form);
      if (sim >= MEANING_EXPANSION.minSimilarity) found.push([term, sim]);
    }
  }
  found.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = found.slice(0, MEANING_EXPANSION.expansions);
  if (cache.size > 10_000) cache.clear();
  cache.set(word, top);
  return top;
}

/** The weighted index terms for a question. */
export function queryTerms(k: Knowledge, q: ParsedQuestion, vectors: WordVectors | null = null): WeightedTerm[] {
  const out = new Map<string, { weight: number; group: number }>();
  let group = 0;
  const add = (term: string, weight: number) => {
    const had = out.get(term);
    if (!had || had.weight < weight) out.set(term, { weight, group });
  };
  for (const [i, t] of q.terms.entries()) {
    group = i;
    if (vectors && !t.name && t.pos !== 'NUM') {
      for (const [term, sim] of neighbours(k, t.lemma, vectors)) if (term !== t.term) add(term, MEANING_EXPANSION.weight * sim);
    }
    const cls = wordClassOf(t.pos);
    if (cls && !t.name && !t.typed) {
      for (const syn of synonyms().of(cls, t.lemma)) {
        const term = termOf({ norm: syn, stem: stemWord(syn), pos: t.pos });
        if (term && term !== t.term && k.sentenceIndex.has(term)) add(term, SYNONYM_WEIGHT);
      }
    }
    add(t.term, t.typed ? FUZZY_VOCABULARY.weight : 1);
  }
  return [...out].map(([term, { weight, group: g }]) => ({ term, weight, group: g }));
}
