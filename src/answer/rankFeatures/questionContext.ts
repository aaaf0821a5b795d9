/** What the features read besides the sentence: the first stage's measures, and the question, read once for all candidates. */
import { fold } from '../../text/analyse.js';
import { wordClassOf, type WordClass } from '../../text/synonyms.js';
import { LIGHT_VERBS, type ParsedQuestion } from '../question.js';
import { countedWords } from '../sameThing.js';

/** Inputs measured by the first stage (BM25), already normalised to the best candidate. */
export interface FirstStage {
  bm25: number;
  paragraph: number;
  neighbour: number;
  /** 0-based rank after the first stage. */
  rank: number;
  /** Share of the question's terms found in the article title. */
  title: number;
  /** Exact coverage: matched IDF mass / question IDF mass. */
  coverage: number;
  /** 0-based position of the sentence in its paragraph. */
  position: number;
  /** Coverage by the whole paragraph, and by the sentence with its neighbours. */
  paragraphCoverage: number;
  windowCoverage: number;
  /** Coverage with weights from the sentence's own article: words that run through the article count little. */
  localCoverage: number;
  localWindow: number;
  paragraphLocal: number;
  /** Coverage of the question by the whole paragraph, other words for the same thing included. */
  paragraphSoft: number;
}

/** Per-question data computed once and shared by all candidates. */
export interface QuestionContext {
  q: ParsedQuestion;
  /** Folded words of the question (to tell an answer from a restatement). */
  asked: Set<string>;
  /** Weighted content words of the question: word → IDF weight. */
  words: Array<{ word: string; term: string; idf: number; cls: WordClass | null; name: boolean }>;
  totalIdf: number;
  /** Adjacent pairs of question terms. */
  bigrams: Set<string>;
  focus: string[];
  /** What a how-many question counts. */
  counted: string[];
  /** Lemmas of the question's main verbs. */
  verbs: string[];
  /** Folded capitalised words of the question (names), for matching speakers. */
  names: string[];
  /** Folded quoted phrase of the question, if any. */
  quoted: string | null;
  /** Lemma of the noun naming the sort of thing a what/which question asks for ("what *venue*"). */
  head: string | null;
  /** Numbers written in the question ("caught 76 passes"), folded. */
  numbers: string[];
  /** The highest IDF among the question's words. */
  maxIdf: number;
}

export function questionContext(q: ParsedQuestion, idf: (term: string) => number): QuestionContext {
  const asked = new Set(q.tokens.map((t) => t.norm));
  const words = q.terms.map((t) => ({ word: t.lemma, term: t.term, idf: idf(t.term), cls: t.name ? null : wordClassOf(t.pos), name: t.name }));
  const totalIdf = words.reduce((s, w) => s + w.idf, 0) || 1;
  const bigrams = new Set<string>();
  for (let i = 1; i < q.terms.length; i++) bigrams.add(`${q.terms[i - 1]!.term} ${q.terms[i]!.term}`);
  const focus = q.terms.filter((t) => t.focus).map((t) => t.lemma);
  const counted = q.kind === 'how-many' || q.sort === 'count' ? countedWords(q) : [];
  const verbs = q.verbs.filter((v) => !LIGHT_VERBS.has(v));
  const names = q.tokens.filter((t, i) => i > 0 && t.pos === 'PROPN').map((t) => t.norm.replace(/'s$/, ''));
  const quoted = q.quoted ? fold(q.quoted).replace(/\s+/g, ' ').trim() : null;
  const head = q.head;
  const numbers = q.tokens.filter((t) => t.pos === 'NUM' && /\d/.test(t.text)).map((t) => t.norm);
  const maxIdf = words.reduce((m, w) => Math.max(m, w.idf), 0);
  return { q, asked, words, totalIdf, bigrams, focus, counted, verbs, names, quoted, head, numbers, maxIdf };
}
