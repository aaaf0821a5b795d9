/**
 * What the saved index keeps of one article file: the parsed article (without its corpus position), the
 * problems met parsing it, and its analysis — everything costly that depends on that file alone. Made the
 * same way in the main thread and in the analysis workers.
 */
import { parseArticleWithProblems } from '../corpus/load.js';
import { extractArticleFacts } from '../facts/extract.js';
import { extractEntities } from '../facts/names/index.js';
import { analyseArticle, type ArticleAnalysis, type ArticleFactExtractor } from '../search/knowledge.js';
import type { Article, LoadProblem } from '../types.js';
import { decodeValue, encodeValue } from './codec.js';

export interface FileRecord {
  /** Problems met parsing the file (a broken header, nothing left once furniture is stripped). */
  problems: LoadProblem[];
  /** The article, without its id (its position in the corpus), or null when it has no paragraph to keep. */
  article: Omit<Article, 'id'> | null;
  /** Null exactly when `article` is. */
  analysis: ArticleAnalysis | null;
}

/** Facts of an article: numbers, quotes, attributions and dates, plus the names in each sentence. */
export const articleFacts: ArticleFactExtractor = (article, paragraphs) => {
  let parts: ReturnType<typeof extractArticleFacts>[number] = [];
  try {
    parts = extractArticleFacts(paragraphs, { published: article.meta.published }).flat();
  } catch {
    // an extraction bug must not cost the article: its sentences stay searchable without facts
    parts = [];
  }
  return paragraphs.flat().map((sentence, i) => {
    const p = parts[i] ?? { numbers: [], quotes: [], attributions: [], dates: [] };
    return { ...p, entities: extractEntities(sentence) };
  });
};

/** Parses and analyses one article file's text. */
export function analyseFile(file: string, text: string): FileRecord {
  const parsed = parseArticleWithProblems(file, text, 0);
  if (!parsed.article.paragraphs.length) return { problems: parsed.problems, article: null, analysis: null };
  const { id: _id, ...article } = parsed.article;
  return { problems: parsed.problems, article, analysis: analyseArticle(parsed.article, articleFacts) };
}

/** Whether a decoded value has the shape of the record of `file` (a last check after the checksum). */
export function isFileRecord(value: unknown, file: string): value is FileRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Record<keyof FileRecord, unknown>>;
  if (!Array.isArray(r.problems)) return false;
  if (r.article === null) return r.analysis === null;
  const article = r.article as Partial<Article> | undefined;
  const analysis = r.analysis as Partial<ArticleAnalysis> | null | undefined;
  return (
    typeof article === 'object' &&
    article.file === file &&
    typeof article.meta === 'object' &&
    Array.isArray(article.paragraphs) &&
    typeof analysis === 'object' &&
    analysis !== null &&
    Array.isArray(analysis.paragraphs) &&
    Array.isArray(analysis.facts)
  );
}

/** The bytes of a record in the saved index (see codec.ts). */
export function encodeRecord(record: FileRecord): Buffer {
  return encodeValue(record);
}

/** The record in `bytes` ({@link encodeRecord}), or null when they do not hold one for `file`. @throws on bytes of no codec */
export function decodeRecord(bytes: Uint8Array, file: string): FileRecord | null {
  const record = decodeValue(bytes);
  return isFileRecord(record, file) ? record : null;
}

/** The article of a record, with an id (set by the load). */
export function articleOf(article: Omit<Article, 'id'>): Article {
  return { id: 0, ...article };
}
