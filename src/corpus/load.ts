/**
 * Loading a corpus folder: every `.txt` and `.md` file below it, in a fixed order, each read, checked,
 * split into metadata and paragraphs of reporting. A bad file is reported and skipped; only a folder that
 * cannot give a single article stops the load.
 */
import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, ArticleMeta, LoadProblem, LoadResult, StrippedLine } from '../types.js';
import { lineNoise, markRelatedLists, splitEmbedResidue, markRepeats, splitClosingCredit, sweepFurnitureBlocks, type Reasons } from './clean.js';
import { splitFrontMatter } from './frontMatter.js';
import { inferMeta, splitDateStamps, type Inference } from './metadata.js';
import { buildParagraphs, lineKey, splitLines } from './paragraphs.js';

/** Files larger than this are skipped unless the caller says otherwise (MAX_ARTICLE_BYTES in the front ends). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The range MAX_ARTICLE_BYTES may take: below 1 KB no article fits; above 512 MB V8 cannot hold the text. */
const ARTICLE_BYTES_RANGE = { min: 1024, max: 512 * 1024 * 1024 } as const;
const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 * 1024, m: 1024 * 1024 };

/**
 * Reads MAX_ARTICLE_BYTES ("5242880", "5MB", "800 KB"): the limit, the default when unset or blank, or a
 * sentence saying what to set.
 */
export function readMaxArticleBytes(raw: string | undefined): { bytes: number } | { problem: string } {
  const text = raw?.trim() ?? '';
  if (text === '') return { bytes: DEFAULT_MAX_FILE_BYTES };
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text);
  const unit = BYTE_UNITS[(m?.[2] ?? '').toLowerCase()];
  const bytes = m && unit !== undefined ? Math.round(Number(m[1]) * unit) : NaN;
  if (!(bytes >= ARTICLE_BYTES_RANGE.min && bytes <= ARTICLE_BYTES_RANGE.max)) {
    return {
      problem: `MAX_ARTICLE_BYTES must be a size from ${formatBytes(ARTICLE_BYTES_RANGE.min)} to ${formatBytes(ARTICLE_BYTES_RANGE.max)}, in bytes or with KB or MB (e.g. 10MB); leave it unset for ${formatBytes(DEFAULT_MAX_FILE_BYTES)}.`,
    };
  }
  return { bytes };
}

export type CorpusErrorCode = 'missing' | 'not-a-folder' | 'empty';

/** The corpus folder itself cannot be used; the message says what to do. */
export class CorpusError extends Error {
  constructor(
    readonly code: CorpusErrorCode,
    message: string,
    /** Problems with the files found, when the folder had files but none could be loaded. */
    readonly problems: LoadProblem[] = [],
  ) {
    super(message);
    this.name = 'CorpusError';
  }
}

export interface LoadOptions {
  /** Files larger than this many bytes are skipped with a message (default 5 MB). */
  maxFileBytes?: number;
}

/** An article with the problems met while reading it (the article still loads). */
export interface ParsedArticle {
  article: Article;
  problems: LoadProblem[];
}

/** Like {@link parseArticle}, also returning what went wrong along the way (a broken header, nothing left). */
export function parseArticleWithProblems(file: string, text: string, id: number): ParsedArticle {
  const problems: LoadProblem[] = [];
  const front = splitFrontMatter(text);
  if (front.kind === 'broken') problems.push({ file, message: capitalise(front.message) + '.' });
  if (front.kind === 'ok') {
    // the field of a line that cannot be read is left to the inference from the text below
    for (const p of front.problems) {
      problems.push({ file, message: `Front matter line ${p.line}, ${p.message}; read from the text instead (fix the line to set it).` });
    }
  }
  const lines = splitEmbedResidue(splitDateStamps(splitLines(front.body)));

  const reasons: Reasons = new Map();
  for (const line of lines) {
    const reason = lineNoise(line.text);
    if (reason) reasons.set(line.index, reason);
  }
  markRelatedLists(lines, reasons);
  const inferred: Inference = front.kind === 'broken' ? { meta: {}, origin: {} } : inferMeta(lines, reasons);
  for (const line of lines) {
    if (!reasons.has(line.index) && /^#{1,6}\s/.test(line.text)) reasons.set(line.index, 'section heading');
  }
  sweepFurnitureBlocks(lines, reasons);

  const meta: ArticleMeta = { ...inferred.meta };
  const metaOrigin: Article['metaOrigin'] = { ...inferred.origin };
  if (front.kind === 'ok') {
    for (const [field, value] of Object.entries(front.meta) as Array<[keyof ArticleMeta, string]>) {
      meta[field] = value;
      metaOrigin[field] = { source: 'front-matter' };
    }
  }
  markRepeats(lines, reasons, meta.title ? [lineKey(meta.title)] : []);

  const stripped: StrippedLine[] = lines.filter((l) => reasons.has(l.index)).map((l) => ({ text: l.text, reason: reasons.get(l.index) ?? '' }));
  const texts = buildParagraphs(lines.filter((l) => !reasons.has(l.index)));
  const last = texts[texts.length - 1];
  if (last !== undefined) {
    const closing = splitClosingCredit(last);
    if (closing.credit) {
      stripped.push({ text: closing.credit, reason: 'agency credit' });
      if (closing.text) texts[texts.length - 1] = closing.text;
      else texts.pop();
      if (closing.agency && !meta.author) {
        meta.author = closing.agency;
        metaOrigin.author = { source: 'inferred', evidence: closing.credit };
      }
    }
  }
  const paragraphs = texts.map((t, i) => ({ index: i + 1, text: t }));
  if (!paragraphs.length) {
    problems.push({
      file,
      message: `No paragraphs of reporting are left once page furniture is removed (${stripped.length} lines stripped): check that the file holds an article.`,
    });
  }
  return { article: { id, file, meta, metaOrigin, paragraphs, stripped }, problems };
}

/**
 * Turns the text of one article file into an article: front matter or inferred metadata, the lines that
 * are not reporting (each with its reason), and the paragraphs of reporting, verbatim. Pure; no I/O.
 */
export function parseArticle(file: string, text: string, id: number): Article {
  return parseArticleWithProblems(file, text, id).article;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "50.0 MB", "812 KB", "96 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Bytes as text, as every reader of article files takes them: UTF-16 with its byte-order mark, otherwise
 * strict UTF-8; NUL bytes (outside UTF-16) mean a binary file.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { code: 'binary' | 'not-utf8' } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes) };
  if (bytes.includes(0)) return { code: 'binary' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { code: 'not-utf8' };
  }
}

/** Decodes a file's bytes as text, or says why it is not an article file. */
export function decodeArticleBytes(bytes: Uint8Array): { text: string } | { problem: string } {
  if (bytes.length === 0) return { problem: 'Skipped: the file is empty; paste the article into it or remove it.' };
  const decoded = decodeText(bytes);
  if ('code' in decoded) {
    return {
      problem:
        decoded.code === 'binary'
          ? 'Skipped: this looks like a binary file (it contains NUL bytes), not text; export the article as plain text (.txt).'
          : 'Skipped: the file is not valid UTF-8 text; re-save it with UTF-8 encoding.',
    };
  }
  if (!decoded.text.trim()) return { problem: 'Skipped: the file holds only whitespace; paste the article into it or remove it.' };
  return decoded;
}

const ARTICLE_FILE = /\.(?:txt|md)$/i;
/** A folder's own documentation, not an article of the coverage. */
const DOCUMENTATION = /^(?:readme|license|licence|changelog|contributing)(?:\.[a-z]+)?$/i;

/** Whether a file of this name (no folder) is read as an article: .txt or .md, not hidden, not a folder's own documentation. */
export function isArticleFileName(name: string): boolean {
  return !name.startsWith('.') && ARTICLE_FILE.test(name) && !DOCUMENTATION.test(name);
}

/** Relative paths (forward slashes) of article files below `root`; hidden entries and linked folders are skipped. */
async function listArticleFiles(root: string, relative = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listArticleFiles(root, rel)));
    else if (isArticleFileName(entry.name)) {
      // a link to a folder could loop; a link to a file is read like a file
      if (entry.isSymbolicLink()) {
        const target = await stat(path.join(root, rel)).catch(() => undefined);
        if (target && !target.isFile()) continue;
      }
      out.push(rel);
    }
  }
  return out;
}

/**
 * Reads the bytes of one article file, or says why it was skipped (too large, unreadable). Synchronous:
 * reading thousands of small files one after the other is several times faster without the round trips
 * through the thread pool, and nothing else runs while a corpus loads.
 */
export function readArticleBytes(root: string, file: string, maxFileBytes: number): { bytes: Buffer; size: number; mtimeMs: number } | { problem: string } {
  const full = path.join(root, ...file.split('/'));
  try {
    const info = statSync(full);
    if (info.size > maxFileBytes) {
      return {
        problem: `Skipped: the file is ${formatBytes(info.size)}, over the ${formatBytes(maxFileBytes)} limit for one article; split it into one file per article, or raise MAX_ARTICLE_BYTES.`,
      };
    }
    // the size and time from before the read: a file written meanwhile has another time at the next stat
    return { bytes: readFileSync(full), size: info.size, mtimeMs: info.mtimeMs };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { problem: `Skipped: the file could not be read (${code}); check that it exists and that you may read it.` };
  }
}

/** Size and modification time of an article file, or null when it cannot be read. */
export function statArticle(root: string, file: string): { size: number; mtimeMs: number } | null {
  try {
    const info = statSync(path.join(root, ...file.split('/')));
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}

/** The article files of a corpus folder, sorted by relative path (forward slashes) so that ids are stable. */
export interface CorpusListing {
  /** Absolute path of the folder. */
  root: string;
  files: string[];
}

/**
 * Checks the corpus folder and lists its article files (recursively, hidden entries skipped).
 * @throws CorpusError when the folder is missing, is a file, or holds no article file.
 */
export async function listCorpus(dir: string): Promise<CorpusListing> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new CorpusError('missing', `No corpus folder at ${root}: pass --corpus DIR or set CORPUS_DIR to the folder of articles.`);
  if (!info.isDirectory()) {
    throw new CorpusError('not-a-folder', `${root} is a file, not a folder: pass the folder that holds the articles (--corpus DIR or CORPUS_DIR).`);
  }
  const files = (await listArticleFiles(root)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!files.length) {
    throw new CorpusError('empty', `No .txt or .md articles in ${root}: save each article of the coverage as a text file there.`);
  }
  return { root, files };
}

/** What one file gave: the problems met reading or parsing it, and its article when it has paragraphs to keep. */
export interface FileOutcome {
  problems: LoadProblem[];
  article: Article | null;
}

/**
 * The load of a listed corpus from the outcome of each file (in listing order): articles numbered in that
 * order (their `id` is set), problems in that order.
 * @throws CorpusError when no file gave an article.
 */
export function collectLoad(listing: CorpusListing, outcomes: readonly FileOutcome[]): LoadResult {
  const articles: Article[] = [];
  const problems: LoadProblem[] = [];
  for (const o of outcomes) {
    problems.push(...o.problems);
    if (o.article) {
      o.article.id = articles.length;
      articles.push(o.article);
    }
  }
  if (!articles.length) {
    const first = problems[0];
    throw new CorpusError(
      'empty',
      `None of the ${listing.files.length} article files in ${listing.root} could be loaded${first ? ` (${first.file}: ${first.message})` : ''}: fix or replace them.`,
      problems,
    );
  }
  return { root: listing.root, articles, problems };
}

/**
 * Loads every `.txt` and `.md` file below `dir` (recursively, sorted by relative path so ids are stable).
 * Files that cannot be used are listed in `problems` and skipped.
 * @throws CorpusError when the folder is missing, is a file, or yields no article.
 */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const listing = await listCorpus(dir);
  const outcomes = listing.files.map((file): FileOutcome => {
    const read = readArticleBytes(listing.root, file, maxFileBytes);
    const decoded = 'problem' in read ? read : decodeArticleBytes(read.bytes);
    if ('problem' in decoded) return { problems: [{ file, message: decoded.problem }], article: null };
    const parsed = parseArticleWithProblems(file, decoded.text, 0);
    return { problems: parsed.problems, article: parsed.article.paragraphs.length ? parsed.article : null };
  });
  return collectLoad(listing, outcomes);
}
