/**
 * The searchable form of a corpus: every kept paragraph split into verbatim sentences, each with its
 * index terms and the facts it carries, and two BM25 indexes — one over sentences (what answers) and
 * one over paragraphs (what the surrounding passage is about).
 *
 * Indexing runs in two steps so that the costly one can be saved and reused per file:
 * {@link analyseArticle} reads one article on its own (sentences, terms, facts) and gives plain data;
 * {@link assembleKnowledge} numbers the sentences corpus-wide and builds the indexes.
 */
import { analyseParagraph, type AnalysedSentence } from '../text/analyse.js';
import { Bm25Index, PARAGRAPH_BM25, SENTENCE_BM25 } from './bm25.js';
import { TermDictionary, termOf, termsOf } from './terms.js';
import { encodeSentence } from './tokens.js';
import type { Article, Sentence, SentenceFacts } from '../types.js';

export interface SentenceRecord extends Sentence {
  /** Global paragraph id (index into Knowledge.paragraphs). */
  paragraphId: number;
  /**
   * Index terms, in order, with repeats. Built from the packed term ids on every read: code that runs
   * per question reads {@link Knowledge.sentenceTerms} instead.
   */
  readonly terms: string[];
}

export interface ParagraphRecord {
  id: number;
  articleId: number;
  /** 1-based paragraph index within the article. */
  index: number;
  sentenceIds: number[];
}

/** The index terms of every sentence as term ids, packed: sentence s holds `ids[starts[s] .. starts[s + 1])`. */
export interface PackedTerms {
  starts: Int32Array;
  ids: Int32Array;
}

export interface Knowledge {
  articles: Article[];
  sentences: SentenceRecord[];
  paragraphs: ParagraphRecord[];
  facts: SentenceFacts[];
  /** Every index term with its id (shared by both indexes, by sentenceTerms and by the ranker). */
  vocabulary: TermDictionary;
  /** Index terms of each sentence as ids, in order, with repeats. */
  sentenceTerms: PackedTerms;
  /** Paragraph id of each sentence (as SentenceRecord.paragraphId, in a typed array for the first stage). */
  sentenceParagraphs: Int32Array;
  /** Each sentence's wink analysis in compact form (see tokens.ts); null where it must be analysed again. */
  sentenceTokens: Array<string | null>;
  sentenceIndex: Bm25Index;
  paragraphIndex: Bm25Index;
  /** First sentence id of each article and one past its last (sentences of an article are contiguous). */
  articleSentences: Array<[number, number]>;
  /** For each index term, its most frequent written form (lower case), to look the word up in word vectors. */
  surface: Map<string, string>;
  /** Article titles as terms, by article id (a question naming the topic of an article). */
  titleTerms: string[][];
}

/** The facts of one sentence before it has a corpus-wide id. */
export type LocalFacts = Omit<SentenceFacts, 'sentenceId'>;

/**
 * What indexing learns from one article on its own: plain, serialisable data that does not depend on the
 * rest of the corpus, so it can be saved and reused while the file is unchanged.
 */
export interface ArticleAnalysis {
  titleTerms: string[];
  /** Kept paragraphs that hold at least one sentence, in order. */
  paragraphs: Array<{ index: number; sentences: Array<{ text: string; terms: string[] }> }>;
  /** Facts of each sentence, in reading order (paragraph by paragraph). */
  facts: LocalFacts[];
  /** Written forms (lower case) of the index terms, with how often each was seen: [term, form, count]. */
  forms: Array<[string, string, number]>;
  /**
   * Each sentence's tokens and wink entities in compact form (see search/tokens.ts), in reading order
   * (as facts); null for a sentence that could not be encoded. Absent in analyses saved before it
   * existed: those sentences are analysed again when a question needs them.
   */
  tokens?: Array<string | null>;
}

/**
 * Extracts the facts of one article's sentences (paragraph by paragraph, in order), flattened; injected
 * so that the index can be built without them. Whole articles, because a speaker named in one paragraph
 * is often the "he" of the next.
 */
export type ArticleFactExtractor = (article: Article, paragraphs: AnalysedSentence[][]) => LocalFacts[];

const noFacts: ArticleFactExtractor = (_article, paragraphs) =>
  paragraphs.flat().map(() => ({ numbers: [], quotes: [], attributions: [], dates: [], entities: [] }));

/** Reads one article: sentences with their index terms, the written forms of the terms, and facts. */
export function analyseArticle(article: Article, extract: ArticleFactExtractor = noFacts): ArticleAnalysis {
  const titleTerms = article.meta.title ? termsOf(analyseParagraph(article.meta.title).flatMap((s) => s.tokens)) : [];
  const analysedParagraphs: AnalysedSentence[][] = [];
  const paragraphs: ArticleAnalysis['paragraphs'] = [];
  const forms = new Map<string, number>();
  const tokens: Array<string | null> = [];
  for (const para of article.paragraphs) {
    const analysed = analyseParagraph(para.text);
    if (!analysed.length) continue;
    analysedParagraphs.push(analysed);
    paragraphs.push({
      index: para.index,
      sentences: analysed.map((s) => {
        for (const t of s.tokens) {
          const term = termOf(t);
          if (!term || !/^[a-z]/.test(t.norm)) continue;
          const key = `${term}\u0000${t.norm}`;
          forms.set(key, (forms.get(key) ?? 0) + 1);
        }
        tokens.push(encodeSentence(s));
        return { text: s.text, terms: termsOf(s.tokens) };
      }),
    });
  }
  const facts = extract(article, analysedParagraphs);
  return {
    titleTerms,
    paragraphs,
    facts,
    forms: [...forms].map(([key, n]) => {
      const [term, form] = key.split('\u0000') as [string, string];
      return [term, form, n];
    }),
    tokens,
  };
}

/** One shared empty list for the many sentences without numbers, quotes, dates…: frozen, never written. */
const NONE: never[] = Object.freeze([]) as unknown as never[];
const NO_FACTS: LocalFacts = Object.freeze({ numbers: NONE, quotes: NONE, attributions: NONE, dates: NONE, entities: NONE });

/** Sentence records whose `terms` are read from the packed ids of one corpus (no per-sentence array kept). */
function sentenceRecordClass(vocabulary: TermDictionary, packed: PackedTerms) {
  return class implements SentenceRecord {
    constructor(
      public id: number,
      public articleId: number,
      public paragraph: number,
      public position: number,
      public text: string,
      public paragraphId: number,
    ) {}

    get terms(): string[] {
      const out: string[] = [];
      for (let i = packed.starts[this.id]!, end = packed.starts[this.id + 1]!; i < end; i++) out.push(vocabulary.term(packed.ids[i]!));
      return out;
    }
  };
}

/**
 * Numbers the sentences and paragraphs of analysed articles corpus-wide and builds the indexes.
 * `analyses[i]` must be the analysis of `articles[i]`; articles keep the ids they were given.
 */
export function assembleKnowledge(articles: Article[], analyses: readonly ArticleAnalysis[]): Knowledge {
  // sizes first, so that the packed arrays are allocated once
  let sentenceCount = 0;
  let paragraphCount = 0;
  let termCount = 0;
  articles.forEach((_, i) => {
    for (const para of analyses[i]!.paragraphs) {
      paragraphCount++;
      for (const s of para.sentences) {
        sentenceCount++;
        termCount += s.terms.length;
      }
    }
  });
  const vocabulary = new TermDictionary();
  const sentenceTerms: PackedTerms = { starts: new Int32Array(sentenceCount + 1), ids: new Int32Array(termCount) };
  const sentenceParagraphs = new Int32Array(sentenceCount);
  // a paragraph's terms are its sentences', contiguous in the packed array: paragraph p holds
  // sentenceTerms.ids[paragraphStarts[p] .. paragraphStarts[p + 1])
  const paragraphStarts = new Int32Array(paragraphCount + 1);
  const sentenceTokens: Array<string | null> = [];
  const SentenceRow = sentenceRecordClass(vocabulary, sentenceTerms);
  const sentences: SentenceRecord[] = [];
  const paragraphs: ParagraphRecord[] = [];
  const facts: SentenceFacts[] = [];
  const titleTerms: string[][] = [];
  const articleSentences: Array<[number, number]> = [];
  const forms = new Map<string, Map<string, number>>();
  // one string object per distinct value in the facts: names, keys, figures and phrases recur across
  // sentences and articles ("Trump", "person:trump", "on Thursday"), each otherwise a copy of its own
  const strings = new Map<string, string>();
  const intern = (list: readonly object[]) => {
    for (const item of list) {
      if (Object.isFrozen(item)) continue;
      const record = item as Record<string, unknown>;
      for (const key in record) {
        const value = record[key];
        if (typeof value !== 'string') continue;
        const known = strings.get(value);
        if (known === undefined) strings.set(value, value);
        else record[key] = known;
      }
    }
  };
  let cursor = 0;
  articles.forEach((article, i) => {
    const analysis = analyses[i]!;
    const firstOfArticle = sentences.length;
    titleTerms[article.id] = analysis.titleTerms;
    for (const [term, form, n] of analysis.forms) {
      let f = forms.get(term);
      if (!f) forms.set(term, (f = new Map()));
      f.set(form, (f.get(form) ?? 0) + n);
    }
    for (const para of analysis.paragraphs) {
      const paragraphId = paragraphs.length;
      const record: ParagraphRecord = { id: paragraphId, articleId: article.id, index: para.index, sentenceIds: [] };
      paragraphStarts[paragraphId] = cursor;
      para.sentences.forEach((s, position) => {
        const id = sentences.length;
        sentenceTerms.starts[id] = cursor;
        for (const t of s.terms) sentenceTerms.ids[cursor++] = vocabulary.id(t);
        sentenceParagraphs[id] = paragraphId;
        sentenceTokens.push(analysis.tokens?.[id - firstOfArticle] ?? null);
        sentences.push(new SentenceRow(id, article.id, para.index, position, s.text, paragraphId));
        record.sentenceIds.push(id);
      });
      paragraphs.push(record);
    }
    for (let id = firstOfArticle; id < sentences.length; id++) {
      const f: SentenceFacts = { sentenceId: id, ...(analysis.facts[id - firstOfArticle] ?? NO_FACTS) };
      if (!f.numbers.length) f.numbers = NONE;
      if (!f.quotes.length) f.quotes = NONE;
      if (!f.attributions.length) f.attributions = NONE;
      if (!f.dates.length) f.dates = NONE;
      if (!f.entities.length) f.entities = NONE;
      intern(f.numbers);
      intern(f.quotes);
      intern(f.attributions);
      intern(f.dates);
      intern(f.entities);
      facts.push(f);
    }
    articleSentences[article.id] = [firstOfArticle, sentences.length];
  });
  sentenceTerms.starts[sentenceCount] = cursor;
  const sentenceIndex = new Bm25Index(SENTENCE_BM25, vocabulary, sentenceTerms.starts, sentenceTerms.ids);
  paragraphStarts[paragraphCount] = cursor;
  const paragraphIndex = new Bm25Index(PARAGRAPH_BM25, vocabulary, paragraphStarts, sentenceTerms.ids);
  const surface = new Map<string, string>();
  for (const [term, f] of forms) surface.set(term, [...f].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
  return { articles, sentences, paragraphs, facts, vocabulary, sentenceTerms, sentenceParagraphs, sentenceTokens, sentenceIndex, paragraphIndex, titleTerms, articleSentences, surface };
}

/** Builds sentences, facts and indexes for a list of articles. */
export function buildKnowledge(articles: Article[], extract: ArticleFactExtractor = noFacts): Knowledge {
  return assembleKnowledge(
    articles,
    articles.map((a) => analyseArticle(a, extract)),
  );
}
