/**
 * The searchable form of a corpus: every kept paragraph split into verbatim sentences, each with its
 * index terms and the facts it carries, and two BM25 indexes — one over sentences (what answers) and
 * one over paragraphs (what the surrounding passage is about).
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

/**
 * Extracts the facts of one article's sentences (paragraph by paragraph, in order), flattened; injected
 * so that the index can be built without them. Whole articles, because a speaker named in one paragraph
 * is often the "he" of the next.
 */
export type ArticleFactExtractor = (article: Article, paragraphs: AnalysedSentence[][], firstSentenceId: number) => SentenceFacts[];

const noFacts: ArticleFactExtractor = (_article, paragraphs, first) =>
  paragraphs.flat().map((_, i) => ({ sentenceId: first + i, numbers: [], quotes: [], attributions: [], dates: [], entities: [] }));

/** Builds sentences, facts and indexes for a list of articles. */
export function buildKnowledge(articles: Article[], extract: ArticleFactExtractor = noFacts): Knowledge {
  const sentences: SentenceRecord[] = [];
  const paragraphs: ParagraphRecord[] = [];
  const facts: SentenceFacts[] = [];
  const sentenceIndex = new Bm25Index(SENTENCE_BM25);
  const paragraphIndex = new Bm25Index(PARAGRAPH_BM25);
  const titleTerms: string[][] = [];
  const articleSentences: Array<[number, number]> = [];
  const forms = new Map<string, Map<string, number>>();
  for (const article of articles) {
    const firstOfArticle = sentences.length;
    titleTerms[article.id] = article.meta.title ? termsOf(analyseParagraph(article.meta.title).flatMap((s) => s.tokens)) : [];
    const analysedParagraphs: AnalysedSentence[][] = [];
    for (const para of article.paragraphs) {
      const analysed = analyseParagraph(para.text);
      if (!analysed.length) continue;
      analysedParagraphs.push(analysed);
      const paragraphId = paragraphs.length;
      const record: ParagraphRecord = { id: paragraphId, articleId: article.id, index: para.index, sentenceIds: [] };
      const paraTerms: string[] = [];
      analysed.forEach((s, position) => {
        const terms = termsOf(s.tokens);
        for (const t of s.tokens) {
          const term = termOf(t);
          if (!term || !/^[a-z]/.test(t.norm)) continue;
          let f = forms.get(term);
          if (!f) forms.set(term, (f = new Map()));
          f.set(t.norm, (f.get(t.norm) ?? 0) + 1);
        }
        const id = sentences.length;
        sentences.push({ id, articleId: article.id, paragraph: para.index, position, text: s.text, paragraphId, terms });
        sentenceIndex.add(id, terms);
        record.sentenceIds.push(id);
        paraTerms.push(...terms);
      });
      paragraphIndex.add(paragraphId, paraTerms);
      paragraphs.push(record);
    }
    facts.push(...extract(article, analysedParagraphs, firstOfArticle));
    articleSentences[article.id] = [firstOfArticle, sentences.length];
  }
  const surface = new Map<string, string>();
  for (const [term, f] of forms) surface.set(term, [...f].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
  return { articles, sentences, paragraphs, facts, sentenceIndex, paragraphIndex, titleTerms, articleSentences, surface };
}
