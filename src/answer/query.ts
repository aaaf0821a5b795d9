/**
 * From a parsed question to the weighted terms sent to the index. A word the corpus never uses is
 * looked up fuzzily in the corpus vocabulary (typos: "prisners" → "prisoner"), and by meaning through
 * word vectors ("freed" → "releas"), each expansion weighted below an exact term.
 */
import Fuse from 'fuse.js';
import type { WeightedTerm } from '../search/bm25.js';
import type { Knowledge } from '../search/knowledge.js';
import type { ParsedQuestion } from './question.js';

/** Fuzzy vocabulary lookup settings (fuse.js), in one place. */
export const FUZZY_VOCABULARY = Object.freeze({
  threshold: 0.3,
  /** At most this many spellings are tried for one unknown word. */
  expansions: 2,
  /** Weight of a fuzzy expansion relative to an exact term. */
  weight: 0.8,
  minLength: 4,
});

const vocabularyFuse = new WeakMap<Knowledge, Fuse<string>>();

function fuseFor(k: Knowledge): Fuse<string> {
  let f = vocabularyFuse.get(k);
  if (!f) {
    const words = [...k.sentenceIndex.vocabulary()].filter((w) => w.length >= FUZZY_VOCABULARY.minLength - 1 && !/^\d/.test(w));
    f = new Fuse(words, { includeScore: true, threshold: FUZZY_VOCABULARY.threshold, ignoreLocation: true, minMatchCharLength: 3 });
    vocabularyFuse.set(k, f);
  }
  return f;
}

/** The weighted index terms for a question. */
export function queryTerms(k: Knowledge, q: ParsedQuestion): WeightedTerm[] {
  const out = new Map<string, number>();
  const add = (term: string, weight: number) => out.set(term, Math.max(out.get(term) ?? 0, weight));
  for (const t of q.terms) {
    if (k.sentenceIndex.has(t.term)) {
      add(t.term, 1);
      continue;
    }
    if (t.term.length < FUZZY_VOCABULARY.minLength || /^\d/.test(t.term)) continue;
    const hits = fuseFor(k).search(t.term, { limit: FUZZY_VOCABULARY.expansions });
    for (const h of hits) add(h.item, FUZZY_VOCABULARY.weight * (1 - (h.score ?? 0)));
  }
  return [...out].map(([term, weight]) => ({ term, weight }));
}
