/**
 * Indexing's first step: what one article gives on its own (sentences, their index terms, the written
 * forms of the terms, encoded tokens, facts), as plain data saved per file and reused while the file is
 * unchanged; knowledge.ts assembles a corpus from these.
 */
import { analyseParagraph, type AnalysedSentence } from '../text/analyse.js';
import type { Article } from '../types.js';
import type { LocalFacts } from './factStore.js';
import { intern, termOf, termsOf } from './terms.js';
import { encodeSentence } from './tokens.js';

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

export const noFacts: ArticleFactExtractor = (_article, paragraphs) =>
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
        // one termOf per token for both the terms and their written forms (as termsOf would give them)
        const terms: string[] = [];
        for (const t of s.tokens) {
          const term = termOf(t);
          if (!term) continue;
          terms.push(intern(term));
          countForm(forms, term, t.norm);
        }
        tokens.push(encodeSentence(s));
        return { text: s.text, terms };
      }),
    });
  }
  const facts = extract(article, analysedParagraphs);
  return {
    titleTerms,
    paragraphs,
    facts,
    forms: formTally(forms),
    tokens,
  };
}

/** Counts one written form (a token's norm) of an index term in `forms`, keyed `term \0 form`; forms not starting with a letter are not kept. */
export function countForm(forms: Map<string, number>, term: string, norm: string): void {
  if (!/^[a-z]/.test(norm)) return;
  const key = `${term}\u0000${norm}`;
  forms.set(key, (forms.get(key) ?? 0) + 1);
}

/** The counts of {@link countForm} as an analysis keeps them: [term, form, count]. */
export function formTally(forms: ReadonlyMap<string, number>): ArticleAnalysis['forms'] {
  return [...forms].map(([key, n]) => {
    const [term, form] = key.split('\u0000') as [string, string];
    return [term, form, n];
  });
}
