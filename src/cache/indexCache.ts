/**
 * Loading a corpus through its saved index. Every article file is read and hashed; a file whose bytes
 * match its entry in the saved index is restored from it (article and analysis, no parsing, no wink-nlp);
 * the others — new, changed, or whose entry is damaged — are parsed and analysed (on worker threads when
 * there are many), and the index is saved again with them and without the files that are gone. The pack
 * also holds the assembled index of the whole corpus (knowledgeSnapshot.ts): when every file matches
 * the list it was made from, it is read instead of the per-file entries, and nothing is assembled.
 *
 * Where the index is saved: `<corpus>/.coverage-cache/` (the loader skips hidden folders); when the corpus
 * folder cannot be written, or its permissions grant no write access (so a read-only folder stays untouched
 * even for root), `$COVERAGE_CACHE_DIR/<folder name>-<hash of its path>/` (default: `.cache/index/` in the
 * project); when that cannot be written either, nothing is saved and the load goes on. A saved index made
 * by other code (see fingerprint.ts), damaged or unreadable is set aside and rebuilt; nothing about it
 * stops a load.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectLoad, decodeArticleBytes, DEFAULT_MAX_FILE_BYTES, listCorpus, readArticleBytes, type FileOutcome } from '../corpus/load.js';
import type { Logger } from '../log.js';
import { KnowledgeAssembler, type ArticleAnalysis, type Knowledge } from '../search/knowledge.js';
import type { Article, LoadProblem, LoadResult } from '../types.js';
import { codeFingerprint, PROJECT_ROOT } from './fingerprint.js';
import { decodeSnapshot, encodeSnapshotChunks, SNAPSHOT_ENTRY, snapshotHeadLength, snapshotKey } from './knowledgeSnapshot.js';
import { openPack, PACK_FILE, PackWriter, type PackEntry, type PackReader } from './pack.js';
import { analyseFile, articleOf, decodeRecord, encodeRecord, type FileRecord } from './record.js';
import { analyseOnWorkers, threadsFor } from './workers.js';

/** Name of the saved index's folder inside a corpus folder. */
export const CACHE_FOLDER = '.coverage-cache';
/** Environment variable naming where saved indexes of read-only corpus folders go. */
export const CACHE_DIR_ENV = 'COVERAGE_CACHE_DIR';

export interface IndexOptions {
  /** Files larger than this are skipped with a message. */
  maxFileBytes?: number;
  /** Folder of the saved index; false to work without one; default next to the corpus (see above). */
  cache?: string | false;
  /** Worker threads analysing new and changed files beside this thread (0: this thread alone); default one per core but this thread's, from 200 files. */
  workers?: number;
  /** Where warnings go (a damaged saved index, a folder that cannot be written). */
  logger?: Pick<Logger, 'warn' | 'info'>;
}

/** What a load did with the saved index. */
export interface CacheReport {
  /** Folder of the saved index; null when working without one. */
  location: string | null;
  /**
   * The saved index found at start: `used`; `missing` (first load); `stale` (saved by other code or
   * dependencies); `corrupt`; `unreadable`; `unavailable` (no folder could be written); `disabled` (cache: false).
   */
  found: 'used' | 'missing' | 'stale' | 'corrupt' | 'unreadable' | 'unavailable' | 'disabled';
  /** Files restored from the saved index. */
  reused: number;
  /**
   * Whether the assembled index was read whole from the saved index (nothing changed since it was saved),
   * rather than assembled from each file's analysis.
   */
  assembled: 'restored' | 'built';
  /** Files parsed and analysed (new, changed, or with a damaged entry). */
  analysed: number;
  /** Of the analysed files, those whose saved entry was for other bytes. */
  changed: number;
  /** Saved entries of files that are gone. */
  removed: number;
  /** Saved entries found damaged (checksum or content), analysed again. */
  corrupt: number;
  /** Whether the saved index was written by this load. */
  saved: boolean;
  /** Size of the saved index on disk, bytes (0 when there is none). */
  bytes: number;
  /** Worker threads that analysed files beside this thread (0: this thread alone). */
  workers: number;
  /** Wall time of the load, ms, and of its parts. */
  ms: number;
  phases: {
    /** Listing, reading and hashing the files, opening the saved index. */
    files: number;
    /** Reading and decoding saved entries (or the saved assembled index). */
    restore: number;
    /** Parsing and analysing the other files. */
    analyse: number;
    /** Writing the saved index. */
    save: number;
    /** Corpus-wide ids, indexes and name groups (assembleKnowledge); 0 when restored whole. */
    assemble: number;
    /** The engine around the index (word vectors). */
    engine: number;
  };
  /** Warnings logged during the load. */
  warnings: string[];
}

export interface IndexedCorpus {
  load: LoadResult;
  /** The corpus indexed (sentences, facts, indexes, name groups). */
  knowledge: Knowledge;
  report: CacheReport;
}

const sha1 = (bytes: Uint8Array | string): string => createHash('sha1').update(bytes).digest('hex');

/** Whether `dir` exists (created if needed) and a file can be written in it. */
function writable(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** Whether the permissions of `dir` grant anyone write access (root could write anyway). */
function grantsWrite(dir: string): boolean {
  try {
    return (statSync(dir).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}

/** Where the saved index of corpus folder `root` goes when that folder cannot take it. */
export function fallbackLocation(root: string): string {
  const base = process.env[CACHE_DIR_ENV]?.trim() || path.join(PROJECT_ROOT, '.cache', 'index');
  const name = path.basename(root).replace(/[^\w.-]+/g, '_').slice(0, 40) || 'corpus';
  return path.join(path.resolve(base), `${name}-${sha1(root).slice(0, 12)}`);
}

/** The folder of the saved index of `root`, or null to work without one (with a warning saying why). */
export function cacheLocation(root: string, option: string | false | undefined, warn: (message: string) => void): string | null {
  if (option === false) return null;
  if (typeof option === 'string') {
    const dir = path.resolve(option);
    if (writable(dir)) return dir;
    warn(`The saved index folder ${dir} cannot be written: working without a saved index.`);
    return null;
  }
  const beside = path.join(root, CACHE_FOLDER);
  if (grantsWrite(root) && writable(beside)) return beside;
  const fallback = fallbackLocation(root);
  if (writable(fallback)) return fallback;
  warn(`Neither ${beside} nor ${fallback} can be written: working without a saved index (set ${CACHE_DIR_ENV} to a writable folder).`);
  return null;
}

/** What the load knows of one listed file: its problems, and its article and analysis until assembled. */
interface Outcome {
  problems: LoadProblem[];
  article: Article | null;
  /** Dropped once the article has been added to the assembler. */
  analysis: ArticleAnalysis | null;
}

interface Miss {
  i: number;
  file: string;
  text: string;
  hash: string;
}

/**
 * Lists, reads and indexes a corpus folder, through its saved index.
 * @throws CorpusError when the folder is missing, not a folder, or holds no readable article
 */
export async function loadIndexedCorpus(dir: string, options: IndexOptions = {}): Promise<IndexedCorpus> {
  const started = performance.now();
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    options.logger?.warn(message);
  };
  const listing = await listCorpus(dir);
  const { root, files } = listing;
  const location = cacheLocation(root, options.cache, warn);
  const fingerprint = location ? codeFingerprint() : '';

  let pack: PackReader | null = null;
  let found: CacheReport['found'] = location ? 'missing' : options.cache === false ? 'disabled' : 'unavailable';
  if (location) {
    const opened = openPack(path.join(location, PACK_FILE), fingerprint);
    if (opened.ok) {
      pack = opened.pack;
      found = 'used';
    } else {
      found = opened.reason;
      if (opened.reason === 'stale') options.logger?.info(`The saved index is stale (${opened.detail}): rebuilding it.`);
      else if (opened.reason !== 'missing') warn(`The saved index cannot be used (${opened.detail}): rebuilding it.`);
    }
  }

  const outcomes: Outcome[] = new Array(files.length);
  const problemOf = (file: string, message: string): Outcome => ({ problems: [{ file, message }], article: null, analysis: null });
  const outcomeOf = (record: FileRecord): Outcome => ({ problems: record.problems, article: record.article ? articleOf(record.article) : null, analysis: record.analysis });
  // the corpus is assembled file by file in listing order as outcomes arrive (analyses come back in
  // about that order), so each analysis is let go once added rather than all held until the end
  const assembler = new KnowledgeAssembler();
  let fed = 0;
  /** Time spent adding articles to the assembler, ms (reported with assembling, not analysing). */
  let assembled = 0;
  const advance = (): void => {
    const t = performance.now();
    for (; fed < files.length && outcomes[fed]; fed++) {
      const o = outcomes[fed]!;
      if (o.article) {
        o.article.id = assembler.added;
        assembler.add(o.article, o.analysis!);
      }
      o.analysis = null;
    }
    assembled += performance.now() - t;
  };
  const misses: Miss[] = [];
  /** Queues a file for analysis, or records why its bytes are not an article file. */
  const readForAnalysis = (i: number, bytes: Buffer, hash: string): void => {
    const decoded = decodeArticleBytes(bytes);
    if ('problem' in decoded) outcomes[i] = problemOf(files[i]!, decoded.problem);
    else misses.push({ i, file: files[i]!, text: decoded.text, hash });
  };

  const hits: Array<{ i: number; entry: PackEntry }> = [];
  // what the saved assembled index must have been made from: each file with its hash, or its read problem
  const keyParts: Array<[string, string]> = new Array(files.length);
  let changed = 0;
  let save = 0;
  let restore = 0;
  let workers = 0;
  let saved = false;
  let bytesOnDisk = 0;
  let corrupt = 0;
  let removed = 0;
  let writer: PackWriter | null = null;
  try {
    files.forEach((file, i) => {
      const read = readArticleBytes(root, file, maxFileBytes);
      if ('problem' in read) {
        outcomes[i] = problemOf(file, read.problem);
        keyParts[i] = [file, `!${read.problem}`];
        return;
      }
      const hash = sha1(read.bytes);
      keyParts[i] = [file, hash];
      const entry = pack?.entries.get(file);
      if (entry && entry.hash === hash) hits.push({ i, entry });
      else {
        if (entry) changed++;
        readForAnalysis(i, read.bytes, hash);
      }
    });
    const filesMs = performance.now() - started;

    // nothing changed since the last save: the assembled index as it was saved
    const snapshotEntry = pack?.entries.get(SNAPSHOT_ENTRY);
    const key = snapshotKey(keyParts);
    if (pack && snapshotEntry && misses.length === 0 && snapshotEntry.hash === key) {
      const t = performance.now();
      const read = pack.readSplit(snapshotEntry, snapshotHeadLength);
      const restored = read ? decodeSnapshot(read.head, read.body, root) : null;
      if (restored) {
        const report: CacheReport = {
          location,
          found,
          reused: hits.length,
          assembled: 'restored',
          analysed: 0,
          changed: 0,
          removed: 0,
          corrupt: 0,
          saved: false,
          bytes: pack.size,
          workers: 0,
          ms: performance.now() - started,
          phases: { files: filesMs, restore: performance.now() - t, analyse: 0, save: 0, assemble: 0, engine: 0 },
          warnings,
        };
        return { load: restored.load, knowledge: restored.knowledge, report };
      }
      warn('The saved assembled index is damaged: assembling it again from the saved files.');
    }

    // restore what the saved index holds
    const good: PackEntry[] = [];
    if (pack && hits.length) {
      const t = performance.now();
      const position = new Map(hits.map((h) => [h.entry.file, h.i]));
      const damaged: number[] = [];
      pack.readEach(
        hits.map((h) => h.entry),
        (entry, bytes) => {
          const i = position.get(entry.file)!;
          let record: FileRecord | null = null;
          try {
            if (bytes) record = decodeRecord(bytes, entry.file);
          } catch {
            record = null;
          }
          if (record) {
            outcomes[i] = outcomeOf(record);
            good.push(entry);
          } else damaged.push(i);
        },
      );
      corrupt = damaged.length;
      if (corrupt) {
        warn(`${corrupt} entr${corrupt === 1 ? 'y' : 'ies'} of the saved index ${corrupt === 1 ? 'is' : 'are'} damaged (${damaged.slice(0, 3).map((i) => files[i]).join(', ')}${corrupt > 3 ? ', …' : ''}): analysing ${corrupt === 1 ? 'that file' : 'those files'} again.`);
        for (const i of damaged.sort((a, b) => a - b)) {
          const read = readArticleBytes(root, files[i]!, maxFileBytes);
          if ('problem' in read) outcomes[i] = problemOf(files[i]!, read.problem);
          else readForAnalysis(i, read.bytes, sha1(read.bytes));
        }
        misses.sort((a, b) => a.i - b.i);
      }
      restore = performance.now() - t;
    }
    if (pack) {
      const listed = new Set(files);
      for (const file of pack.entries.keys()) if (file !== SNAPSHOT_ENTRY && !listed.has(file)) removed++;
    }

    // start a new saved index when anything differs from the old one
    const t0 = performance.now();
    // always, once here: something changed, or the saved assembled index is missing or could not be read
    if (location) {
      try {
        writer = PackWriter.create(location);
        if (pack) writer.copy(pack, good);
      } catch (err) {
        writer?.abort();
        writer = null;
        warn(`The saved index cannot be written in ${location} (${(err as NodeJS.ErrnoException).code ?? String(err)}): this load is not saved.`);
      }
    }
    save += performance.now() - t0;
    const addToPack = (m: Miss, bytes: Uint8Array): void => {
      if (!writer) return;
      const t = performance.now();
      try {
        writer.add(m.file, m.hash, bytes);
      } catch (err) {
        writer.abort();
        writer = null;
        warn(`The saved index cannot be written in ${location} (${(err as NodeJS.ErrnoException).code ?? String(err)}): this load is not saved.`);
      }
      save += performance.now() - t;
    };

    // analyse the rest
    const t1 = performance.now();
    const assembledBefore = assembled;
    const threads = threadsFor(misses.length, options.workers);
    let leftover = misses.map((_, k) => k);
    /** Analyses a file in this thread: its record goes to the pack and the assembler as a thread's would. */
    const analyseHere = (k: number): void => {
      const m = misses[k]!;
      const record = analyseFile(m.file, m.text);
      outcomes[m.i] = outcomeOf(record);
      if (writer) addToPack(m, encodeRecord(record));
      m.text = '';
      advance();
    };
    if (threads > 0) {
      const pool = await analyseOnWorkers(
        misses,
        threads,
        (k, bytes) => {
          const m = misses[k]!;
          const record = decodeRecord(bytes, m.file);
          if (!record) throw new Error('an analysis thread sent back an unreadable record');
          outcomes[m.i] = outcomeOf(record);
          addToPack(m, bytes);
          m.text = '';
          advance();
        },
        analyseHere,
      );
      workers = pool.started;
      leftover = pool.leftover;
      if (pool.failures.length) warn(`Analysis threads: ${pool.failures.slice(0, 3).join('; ')}${pool.failures.length > 3 ? '; …' : ''}${leftover.length ? ` (${leftover.length} files analysed in the main thread instead)` : ''}.`);
    }
    for (const k of leftover) analyseHere(k);
    const analyse = performance.now() - t1 - (assembled - assembledBefore);

    const commit = (): void => {
      const t2 = performance.now();
      if (writer) {
        try {
          bytesOnDisk = writer.commit(fingerprint);
          saved = true;
        } catch (err) {
          writer.abort();
          warn(`The saved index cannot be written in ${location} (${(err as NodeJS.ErrnoException).code ?? String(err)}): this load is not saved.`);
        }
        writer = null;
      } else if (pack && found === 'used') bytesOnDisk = pack.size;
      save += performance.now() - t2;
    };

    let load: LoadResult;
    advance();
    try {
      // the same ids as the assembler gave: articles numbered in listing order
      load = collectLoad(
        listing,
        outcomes.map((o): FileOutcome => ({ problems: o.problems, article: o.article })),
      );
    } catch (err) {
      // no article at all: the files' entries are still worth saving (the next load skips them as fast)
      commit();
      throw err;
    }
    outcomes.length = 0;
    const t3 = performance.now();
    const knowledge = assembler.finish(load.articles);
    const assemble = performance.now() - t3 + assembled;
    if (writer) {
      const t4 = performance.now();
      try {
        // a snapshot that could not take the JSON-and-typed-arrays form could not be read back either
        const pieces = encodeSnapshotChunks(load, knowledge);
        if (pieces) writer.addPieces(SNAPSHOT_ENTRY, key, pieces);
      } catch (err) {
        warn(`The assembled index cannot be saved (${err instanceof Error ? err.message : String(err)}): the next start assembles it again.`);
      }
      save += performance.now() - t4;
    }
    commit();
    const report: CacheReport = {
      location,
      found,
      reused: hits.length - corrupt,
      assembled: 'built',
      analysed: misses.length,
      changed,
      removed,
      corrupt,
      saved,
      bytes: bytesOnDisk,
      workers,
      ms: performance.now() - started,
      phases: { files: filesMs, restore, analyse, save, assemble, engine: 0 },
      warnings,
    };
    return { load, knowledge, report };
  } finally {
    (writer as PackWriter | null)?.abort();
    pack?.close();
  }
}

const round = (ms: number): number => Math.round(ms);

/** Fields of a cache report for a log line. */
export function cacheLogFields(r: CacheReport): Record<string, unknown> {
  return { location: r.location ?? 'none', found: r.found, reused: r.reused, analysed: r.analysed, changed: r.changed, removed: r.removed, corrupt: r.corrupt, saved: r.saved, bytes: r.bytes, workers: r.workers, ms: round(r.ms) };
}

/** A few lines on the saved index, for `ask --report`. */
export function formatCacheReport(r: CacheReport): string {
  const mb = (b: number): string => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(b / 1024)} KB`);
  const found = { used: 'used', missing: 'none yet', stale: 'stale (other code or dependencies), rebuilt', corrupt: 'damaged, rebuilt', unreadable: 'unreadable, rebuilt', unavailable: 'none (no folder could be written)', disabled: 'not used (--no-cache)' }[r.found];
  const lines = [
    `Saved index: ${r.location ?? 'none'}${r.location ? ` (${mb(r.bytes)}${r.saved ? ', written by this load' : ''})` : ''}`,
    `  found: ${found}; ${r.reused} files reused, ${r.analysed} analysed (${r.changed} changed${r.workers ? `, on this thread and ${r.workers} more` : ''}), ${r.removed} removed, ${r.corrupt} damaged entries; assembled index ${r.assembled === 'restored' ? 'restored whole' : 'built'}`,
    `  load: ${round(r.ms)} ms (files ${round(r.phases.files)}, restore ${round(r.phases.restore)}, analyse ${round(r.phases.analyse)}, save ${round(r.phases.save)}, assemble and names ${round(r.phases.assemble)}, vectors ${round(r.phases.engine)})`,
  ];
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}
