/**
 * What the saved index keeps of one article file: the parsed article (without its corpus position), the
 * problems met parsing it, and its analysis — everything costly that depends on that file alone. Made the
 * same way in the main thread and in the analysis workers.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
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

/**
 * The bytes of a record (see codec.ts), in a buffer of their own (an analysis thread hands it over rather
 * than copying it): deflated for a delta pack, or plain for an analysis thread's reply, which is decoded
 * at once and not saved.
 */
export function encodeRecord(record: FileRecord, options: { deflate?: boolean } = {}): Buffer {
  const plain = encodeValue(record);
  // a record in a delta pack is read back only when the corpus is merged, never at a plain start:
  // deflated at the fastest level it takes a third of the disk for about 0.25 ms per article
  const body = options.deflate === false ? plain : Buffer.concat([DEFLATED_MARK, deflateRawSync(plain, { level: 1 })]);
  const own = Buffer.allocUnsafeSlow(body.length);
  body.copy(own);
  return own;
}

/** First byte of a deflated record; the codec's own forms start with 'J', 'T' or 'V'. */
const DEFLATED_MARK = Buffer.from('Z', 'latin1');

/** The record in `bytes` ({@link encodeRecord}), or null when they do not hold one for `file`. @throws on bytes of no codec */
export function decodeRecord(bytes: Uint8Array, file: string): FileRecord | null {
  const record = decodeValue(bytes[0] === DEFLATED_MARK[0] ? inflateRawSync(bytes.subarray(1)) : bytes);
  return isFileRecord(record, file) ? record : null;
}

/** The article of a record, with an id (set by the load). */
export function articleOf(article: Omit<Article, 'id'>): Article {
  return { id: 0, ...article };
}
