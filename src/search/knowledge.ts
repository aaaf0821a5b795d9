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
import { termOf, termsOf } from './terms.js';
import type { Article, Sentence, SentenceFacts } from '../types.js';

export interface SentenceRecord extends Sentence {
  /** Global paragraph id (index into Knowledge.paragraphs). */
  paragraphId: number;
  terms: string[];
}

export interface ParagraphRecord {
  id: number;
  articleId: number;
  /** 1-based paragraph index within the article. */
  index: number;
  sentenceIds: number[];
}

export interface Knowledge {
  articles: Article[];
  sentences: SentenceRecord[];
  paragraphs: ParagraphRecord[];
  facts: SentenceFacts[];
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
  };
}

const emptyFacts = (): LocalFacts => ({ numbers: [], quotes: [], attributions: [], dates: [], entities: [] });

/**
 * Numbers the sentences and paragraphs of analysed articles corpus-wide and builds the indexes.
 * `analyses[i]` must be the analysis of `articles[i]`; articles keep the ids they were given.
 */
export function assembleKnowledge(articles: Article[], analyses: readonly ArticleAnalysis[]): Knowledge {
  const sentences: SentenceRecord[] = [];
  const paragraphs: ParagraphRecord[] = [];
  const facts: SentenceFacts[] = [];
  const sentenceIndex = new Bm25Index(SENTENCE_BM25);
  const paragraphIndex = new Bm25Index(PARAGRAPH_BM25);
  const titleTerms: string[][] = [];
  const articleSentences: Array<[number, number]> = [];
  const forms = new Map<string, Map<string, number>>();
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
      const paraTerms: string[] = [];
      para.sentences.forEach((s, position) => {
        const id = sentences.length;
        sentences.push({ id, articleId: article.id, paragraph: para.index, position, text: s.text, paragraphId, terms: s.terms });
        sentenceIndex.add(id, s.terms);
        record.sentenceIds.push(id);
        for (const t of s.terms) paraTerms.push(t);
      });
      paragraphIndex.add(paragraphId, paraTerms);
      paragraphs.push(record);
    }
    for (let id = firstOfArticle; id < sentences.length; id++) {
      facts.push({ sentenceId: id, ...(analysis.facts[id - firstOfArticle] ?? emptyFacts()) });
    }
    articleSentences[article.id] = [firstOfArticle, sentences.length];
  });
  const surface = new Map<string, string>();
  for (const [term, f] of forms) surface.set(term, [...f].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
  return { articles, sentences, paragraphs, facts, sentenceIndex, paragraphIndex, titleTerms, articleSentences, surface };
}

/** Builds sentences, facts and indexes for a list of articles. */
export function buildKnowledge(articles: Article[], extract: ArticleFactExtractor = noFacts): Knowledge {
  return assembleKnowledge(
    articles,
    articles.map((a) => analyseArticle(a, extract)),
  );
}
