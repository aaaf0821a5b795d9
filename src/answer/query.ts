/**
 * From a parsed question to the weighted terms sent to the index. A word the corpus never uses is
 * looked up fuzzily in the corpus vocabulary (typos: "prisners" → "prisoner"), and by meaning through
 * word vectors ("freed" → "releas"), each expansion weighted below an exact term.
 */
import Fuse from 'fuse.js';
import type { WeightedTerm } from '../search/bm25.js';
import type { Knowledge } from '../search/knowledge.js';
import type { ParsedQuestion } from './question.js';
import { DOT_SCALE, type WordTable, type WordVectors } from '../text/embeddings.js';
import { synonyms, wordClassOf } from '../text/synonyms.js';
import { stemOfDictionaryWord } from '../text/analyse.js';
import { termOf } from '../search/terms.js';
import { placeFamily } from '../facts/places.js';
import { countedWords } from './sameThing.js';
import { SETTINGS } from '../settings.js';

export const FUZZY_VOCABULARY = SETTINGS.query.fuzzy;
export const SYNONYM_WEIGHT = SETTINGS.query.synonymWeight;
export const MEANING_EXPANSION = SETTINGS.query.meaning;

export interface FuzzyVocabulary {
  /** Written forms of the vocabulary, in the order fuse.js was given them. */
  words: string[];
  fuse: Fuse<string>;
  termOfWord: Map<string, string>;
  /** Each two-letter sequence, with the positions in `words` of the words holding it. */
  bigrams: Map<string, Int32Array>;
  /** Scratch: per word, the count of the typed word's two-letter sequences it holds. */
  counts: Int32Array;
}

const FUSE_OPTIONS = { includeScore: true, threshold: FUZZY_VOCABULARY.threshold, ignoreLocation: true, minMatchCharLength: 3 } as const;

/**
 * What building queries keeps for one corpus: the fuzzy vocabulary, the vocabulary's word-vector table
 * and the rows and neighbours looked up in it. One per engine (its context); a fresh one builds them again.
 */
export class QueryScratch {
  fuzzy: FuzzyVocabulary | null = null;
  vectors: VocabularyVectors | null = null;
  readonly neighbours = new Map<string, Array<[string, number]>>();
}

export function vocabularyOf(k: Knowledge, scratch: QueryScratch = new QueryScratch()): FuzzyVocabulary {
  let v = scratch.fuzzy;
  if (!v) {
    const termOfWord = new Map<string, string>();
    for (const [term, word] of k.surface) if (word.length >= FUZZY_VOCABULARY.minLength - 1 && !/^\d/.test(word)) termOfWord.set(word, term);
    const words = [...termOfWord.keys()];
    const lists = new Map<string, number[]>();
    words.forEach((w, i) => {
      for (const b of new Set(bigramsOf(w))) {
        const list = lists.get(b);
        if (list) list.push(i);
        else lists.set(b, [i]);
      }
    });
    const bigrams = new Map([...lists].map(([b, list]) => [b, Int32Array.from(list)] as const));
    v = { words, fuse: new Fuse(words, FUSE_OPTIONS), termOfWord, bigrams, counts: new Int32Array(words.length) };
    scratch.fuzzy = v;
  }
  return v;
}

function bigramsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= word.length; i++) out.push(word.slice(i, i + 2));
  return out;
}

/**
 * The vocabulary word fuse.js finds closest to a typed word, as `fuse.search(typed, { limit: 1 })` over
 * the whole vocabulary would, but searching only the words that can match. fuse.js accepts a word when
 * part of it is within E edits of the typed word (E: the most errors the threshold allows for its
 * length); each edit breaks at most two of the typed word's two-letter sequences, so such a word holds at
 * least length − 1 − 2E of them (counted by position). Words holding fewer are left out; the order of the
 * others, and so fuse.js's choice among them, is kept.
 */
export function closestWord(v: FuzzyVocabulary, typed: string): string | undefined {
  const pattern = typed.toLowerCase();
  const m = pattern.length;
  let errors = 0;
  while (errors + 1 <= m && (errors + 1) / m <= FUZZY_VOCABULARY.threshold) errors++;
  const need = m - 1 - 2 * errors;
  if (need <= 0 || m > 32) return v.fuse.search(typed, { limit: 1 })[0]?.item;
  const { counts } = v;
  const touched: number[] = [];
  const multiplicity = new Map<string, number>();
  for (const b of bigramsOf(pattern)) multiplicity.set(b, (multiplicity.get(b) ?? 0) + 1);
  for (const [b, times] of multiplicity) {
    for (const i of v.bigrams.get(b) ?? []) {
      if (!counts[i]) touched.push(i);
      counts[i]! += times;
    }
  }
  const kept = touched.filter((i) => counts[i]! >= need).sort((a, b) => a - b);
  for (const i of touched) counts[i] = 0;
  if (!kept.length) return undefined;
  return new Fuse(
    kept.map((i) => v.words[i]!),
    FUSE_OPTIONS,
  ).search(typed, { limit: 1 })[0]?.item;
}

/**
 * The question with words the corpus never uses replaced by the closest word it does use
 * ("prisners" → "prisoners"), so that every later step sees the corrected word.
 */
export function correctSpelling(k: Knowledge, q: ParsedQuestion, vectors: WordVectors | null = null, scratch: QueryScratch = new QueryScratch()): ParsedQuestion {
  let changed = false;
  const terms = q.terms.map((t) => {
    if (k.sentenceIndex.has(t.term) || t.term.length < FUZZY_VOCABULARY.minLength || /^\d/.test(t.term)) return t;
    // a real word the coverage does not use is a sign it cannot answer, not a typo
    const typed = t.word.toLowerCase();
    if (synonyms().isWord(typed) || synonyms().isWord(t.lemma)) return t;
    const vocabulary = vocabularyOf(k, scratch);
    // the vocabulary holds each term's commonest form ("follow" for followers): try the typed word's stem too
    const hit = closestWord(vocabulary, typed) ?? (t.term.length >= FUZZY_VOCABULARY.minLength ? closestWord(vocabulary, t.term) : undefined);
    if (hit === undefined) return t;
    // a word of the web's vocabulary is taken for a typo only beside a far more common spelling
    if (vectors && vectors.rank(typed) < Infinity && vectors.rank(typed) < 20 * vectors.rank(hit)) return t;
    changed = true;
    return { ...t, typed: t.word, word: hit, lemma: hit, term: vocabulary.termOfWord.get(hit)! };
  });
  if (!changed) return q;
  const fixed = new Map(terms.filter((t) => t.typed).map((t) => [t.typed!.toLowerCase(), t.lemma]));
  return { ...q, terms, verbs: q.verbs.map((v) => fixed.get(v) ?? v) };
}

interface VocabularyVectors {
  vectors: WordVectors;
  /** Term of each table entry: the vocabulary in id order, then any other term with a written form. */
  terms: string[];
  /** Written form of each entry (undefined for a term without one). */
  forms: Array<string | undefined>;
  table: WordTable;
  rows: Map<string, Int32Array>;
  maxRows: number;
}
function vocabularyVectorsOf(k: Knowledge, vectors: WordVectors, scratch: QueryScratch): VocabularyVectors {
  let v = scratch.vectors;
  if (!v || v.vectors !== vectors) {
    const terms: string[] = [];
    for (let id = 0; id < k.vocabulary.size; id++) terms.push(k.vocabulary.term(id));
    for (const term of k.surface.keys()) if (k.vocabulary.lookup(term) < 0) terms.push(term);
    const forms = terms.map((t) => k.surface.get(t));
    // rows are 4 bytes per term: keep at most about 32 MB of them
    v = { vectors, terms, forms, table: vectors.table(forms), rows: new Map(), maxRows: Math.max(16, Math.floor(32e6 / (4 * Math.max(1, terms.length)))) };
    scratch.vectors = v;
  }
  return v;
}

/**
 * `vectors.similarity(word, surface form of term t)` × DOT_SCALE for every term id t of the vocabulary (0
 * for a term without a written form): divided by DOT_SCALE, bit for bit the similarity. Computed in one
 * pass and remembered per word.
 */
export function similarityRow(k: Knowledge, word: string, vectors: WordVectors, scratch: QueryScratch): Int32Array {
  const v = vocabularyVectorsOf(k, vectors, scratch);
  let row = v.rows.get(word);
  if (!row) {
    if (v.rows.size >= v.maxRows) v.rows.clear();
    row = v.table.dots(word);
    v.rows.set(word, row);
  }
  return row;
}

/** Corpus terms whose written form is close in meaning to a word. */
function neighbours(k: Knowledge, word: string, vectors: WordVectors, scratch: QueryScratch): Array<[string, number]> {
  const cache = scratch.neighbours;
  const hit = cache.get(word);
  if (hit) return hit;
  const found: Array<[string, number]> = [];
  if (vectors.has(word)) {
    const row = similarityRow(k, word, vectors, scratch);
    const { terms, forms } = vocabularyVectorsOf(k, vectors, scratch);
    for (let i = 0; i < row.length; i++) {
      const sim = row[i]! / DOT_SCALE;
      if (sim >= MEANING_EXPANSION.minSimilarity && forms[i] !== undefined && forms[i] !== word) found.push([terms[i]!, sim]);
    }
  }
  found.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = found.slice(0, MEANING_EXPANSION.expansions);
  if (cache.size > 10_000) cache.clear();
  cache.set(word, top);
  return top;
}

/** The weighted index terms for a question. */
export function queryTerms(k: Knowledge, q: ParsedQuestion, vectors: WordVectors | null = null, scratch: QueryScratch = new QueryScratch()): WeightedTerm[] {
  const out = new Map<string, { weight: number; group: number }>();
  const counted = new Set(q.kind === 'how-many' ? countedWords(q) : []);
  let group = 0;
  const add = (term: string, weight: number) => {
    const had = out.get(term);
    if (!had || had.weight < weight) out.set(term, { weight, group });
  };
  for (const [i, t] of q.terms.entries()) {
    group = i;
    if (vectors && !t.name && t.pos !== 'NUM') {
      for (const [term, sim] of neighbours(k, t.lemma, vectors, scratch)) if (term !== t.term) add(term, MEANING_EXPANSION.weight * sim);
    }
    const cls = wordClassOf(t.pos);
    if (cls && !t.name && !t.typed) {
      for (const syn of [...synonyms().of(cls, t.lemma), ...(t.phrasal ? synonyms().of('verb', t.phrasal) : [])]) {
        const term = termOf({ norm: syn, stem: stemOfDictionaryWord(syn), pos: t.pos });
        if (term && term !== t.term && k.sentenceIndex.has(term)) add(term, SYNONYM_WEIGHT);
      }
    }
    // a people, its country and its adjective are one thing when they are what is counted: "how many Poles"
    // finds "three Polish nationals" (elsewhere "Lithuania" for "Lithuanian" only blurs the question)
    if (!t.typed && counted.has(t.word)) {
      for (const w of placeFamily(t.word)) {
        const term = termOf({ norm: w, stem: stemOfDictionaryWord(w), pos: 'PROPN' });
        if (term && term !== t.term && k.sentenceIndex.has(term)) add(term, SETTINGS.query.familyWeight);
      }
    }
    add(t.term, t.typed ? FUZZY_VOCABULARY.weight : 1);
  }
  return [...out].map(([term, { weight, group: g }]) => ({ term, weight, group: g }));
}
