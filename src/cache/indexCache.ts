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
 * project); when that cannot be written either, nothing is saved and the load goes on (location.ts). A saved
 * index made by other code (see fingerprint.ts), damaged or unreadable is set aside and rebuilt; nothing
 * about it stops a load. One load is an {@link IndexedLoad}, one method per phase.
 */
import path from 'node:path';
import { collectLoad, decodeArticleBytes, DEFAULT_MAX_FILE_BYTES, listCorpus, readArticleBytes, type CorpusListing, type FileOutcome } from '../corpus/load.js';
import type { Logger } from '../log.js';
import { KnowledgeAssembler, type ArticleAnalysis, type Knowledge } from '../search/knowledge.js';
import type { Article, LoadProblem, LoadResult } from '../types.js';
import type { CacheReport } from './cacheReport.js';
import { codeFingerprint } from './fingerprint.js';
import { decodeSnapshot, SNAPSHOT_ENTRY, snapshotHeadLength, snapshotKey } from './knowledgeSnapshot.js';
import { cacheLocation } from './location.js';
import { NewSavedIndex } from './newIndex.js';
import { openPack, PACK_FILE, type PackEntry, type PackReader } from './pack.js';
import { analyseFile, articleOf, decodeRecord, encodeRecord, type FileRecord } from './record.js';
import { sha1 } from './sha1.js';
import { analyseOnWorkers, threadsFor } from './workers.js';

export { CACHE_DIR_ENV, CACHE_FOLDER, cacheLocation, fallbackLocation } from './location.js';
export { cacheLogFields, formatCacheReport, type CacheReport } from './cacheReport.js';

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

export interface IndexedCorpus {
  load: LoadResult;
  /** The corpus indexed (sentences, facts, indexes, name groups). */
  knowledge: Knowledge;
  report: CacheReport;
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
  return new IndexedLoad(await listCorpus(dir), options, started).run();
}

const problemOf = (file: string, message: string): Outcome => ({ problems: [{ file, message }], article: null, analysis: null });
const outcomeOf = (record: FileRecord): Outcome => ({ problems: record.problems, article: record.article ? articleOf(record.article) : null, analysis: record.analysis });

/**
 * One load of a corpus through its saved index, phase by phase (see {@link IndexedLoad.run}); what the
 * phases find and time is kept on the load and reported once, at the end.
 */
class IndexedLoad {
  private readonly root: string;
  private readonly files: string[];
  private readonly maxFileBytes: number;
  private readonly warnings: string[] = [];
  private readonly location: string | null;
  private readonly fingerprint: string;
  private pack: PackReader | null = null;
  private found: CacheReport['found'];
  /** The saved index this load writes; null until started, and without a location. */
  private out: NewSavedIndex | null = null;

  private readonly outcomes: Outcome[];
  // the corpus is assembled file by file in listing order as outcomes arrive (analyses come back in
  // about that order), so each analysis is let go once added rather than all held until the end
  private readonly assembler = new KnowledgeAssembler();
  /** Outcomes added to the assembler so far (in listing order). */
  private fed = 0;
  /** Files to analyse: new, changed, or with a damaged entry. */
  private readonly misses: Miss[] = [];
  /** Files whose saved entry is for their bytes. */
  private readonly hits: Array<{ i: number; entry: PackEntry }> = [];
  /** Saved entries decoded whole, to be copied into the new saved index. */
  private readonly good: PackEntry[] = [];
  /** What the saved assembled index must have been made from: each file with its hash, or its read problem. */
  private readonly keyParts: Array<[string, string]>;
  /** The key of {@link keyParts} (set once the files are read). */
  private snapshotKey = '';

  private changed = 0;
  private corrupt = 0;
  private removed = 0;
  private workers = 0;
  private bytesOnDisk = 0;
  /** Time of each phase, ms; adding articles to the assembler counts as assembling, not analysing. */
  private readonly phases: CacheReport['phases'] = { files: 0, restore: 0, analyse: 0, save: 0, assemble: 0, engine: 0 };

  constructor(
    private readonly listing: CorpusListing,
    private readonly options: IndexOptions,
    private readonly started: number,
  ) {
    this.root = listing.root;
    this.files = listing.files;
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.location = cacheLocation(this.root, options.cache, (m) => this.warn(m));
    this.fingerprint = this.location ? codeFingerprint() : '';
    this.found = this.location ? 'missing' : options.cache === false ? 'disabled' : 'unavailable';
    this.outcomes = new Array(this.files.length);
    this.keyParts = new Array(this.files.length);
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.options.logger?.warn(message);
  }

  /** The phases in order: the saved assembled index when nothing changed, else restore, analyse, assemble, save. */
  async run(): Promise<IndexedCorpus> {
    this.openSavedIndex();
    try {
      this.readFiles();
      this.phases.files = performance.now() - this.started;
      const whole = this.restoreWhole();
      if (whole) return { ...whole, report: this.report('restored') };
      this.restoreEntries();
      this.countRemoved();
      this.startWriter();
      await this.analyseMisses();
      const load = this.collect();
      const knowledge = this.assemble(load);
      this.saveSnapshot(load, knowledge);
      this.commit();
      return { load, knowledge, report: this.report('built') };
    } finally {
      this.out?.abort();
      this.pack?.close();
    }
  }

  private openSavedIndex(): void {
    if (!this.location) return;
    const opened = openPack(path.join(this.location, PACK_FILE), this.fingerprint);
    if (opened.ok) {
      this.pack = opened.pack;
      this.found = 'used';
    } else {
      this.found = opened.reason;
      if (opened.reason === 'stale') this.options.logger?.info(`The saved index is stale (${opened.detail}): rebuilding it.`);
      else if (opened.reason !== 'missing') this.warn(`The saved index cannot be used (${opened.detail}): rebuilding it.`);
    }
  }

  /** Reads and hashes every file: a hit when the saved index holds its bytes, else queued for analysis. */
  private readFiles(): void {
    this.files.forEach((file, i) => {
      const read = readArticleBytes(this.root, file, this.maxFileBytes);
      if ('problem' in read) {
        this.outcomes[i] = problemOf(file, read.problem);
        this.keyParts[i] = [file, `!${read.problem}`];
        return;
      }
      const hash = sha1(read.bytes);
      this.keyParts[i] = [file, hash];
      const entry = this.pack?.entries.get(file);
      if (entry && entry.hash === hash) this.hits.push({ i, entry });
      else {
        if (entry) this.changed++;
        this.readForAnalysis(i, read.bytes, hash);
      }
    });
    this.snapshotKey = snapshotKey(this.keyParts);
  }

  /** Queues a file for analysis, or records why its bytes are not an article file. */
  private readForAnalysis(i: number, bytes: Buffer, hash: string): void {
    const decoded = decodeArticleBytes(bytes);
    if ('problem' in decoded) this.outcomes[i] = problemOf(this.files[i]!, decoded.problem);
    else this.misses.push({ i, file: this.files[i]!, text: decoded.text, hash });
  }

  /** Nothing changed since the last save: the assembled index as it was saved, or null. */
  private restoreWhole(): { load: LoadResult; knowledge: Knowledge } | null {
    const { pack } = this;
    const snapshotEntry = pack?.entries.get(SNAPSHOT_ENTRY);
    if (!pack || !snapshotEntry || this.misses.length !== 0 || snapshotEntry.hash !== this.snapshotKey) return null;
    const t = performance.now();
    const read = pack.readSplit(snapshotEntry, snapshotHeadLength);
    const restored = read ? decodeSnapshot(read.head, read.body, this.root) : null;
    if (restored) {
      this.bytesOnDisk = pack.size;
      this.phases.restore = performance.now() - t;
      return restored;
    }
    this.warn('The saved assembled index is damaged: assembling it again from the saved files.');
    return null;
  }

  /** Restores the hits from their saved entries; a damaged entry's file is read again and analysed. */
  private restoreEntries(): void {
    const { pack, hits, files } = this;
    if (!pack || !hits.length) return;
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
          this.outcomes[i] = outcomeOf(record);
          this.good.push(entry);
        } else damaged.push(i);
      },
    );
    const corrupt = (this.corrupt = damaged.length);
    if (corrupt) {
      this.warn(`${corrupt} entr${corrupt === 1 ? 'y' : 'ies'} of the saved index ${corrupt === 1 ? 'is' : 'are'} damaged (${damaged.slice(0, 3).map((i) => files[i]).join(', ')}${corrupt > 3 ? ', …' : ''}): analysing ${corrupt === 1 ? 'that file' : 'those files'} again.`);
      for (const i of damaged.sort((a, b) => a - b)) {
        const read = readArticleBytes(this.root, files[i]!, this.maxFileBytes);
        if ('problem' in read) this.outcomes[i] = problemOf(files[i]!, read.problem);
        else this.readForAnalysis(i, read.bytes, sha1(read.bytes));
      }
      this.misses.sort((a, b) => a.i - b.i);
    }
    this.phases.restore = performance.now() - t;
  }

  /** Saved entries of files that are gone. */
  private countRemoved(): void {
    if (!this.pack) return;
    const listed = new Set(this.files);
    for (const file of this.pack.entries.keys()) if (file !== SNAPSHOT_ENTRY && !listed.has(file)) this.removed++;
  }

  /**
   * Starts the new saved index with the good entries of the old one: always, once here (something
   * changed, or the saved assembled index is missing or could not be read).
   */
  private startWriter(): void {
    if (!this.location) return;
    this.out = new NewSavedIndex(this.location, this.fingerprint, (m) => this.warn(m));
    this.out.start(this.pack, this.good);
  }

  /** Adds the outcomes that have arrived, in listing order, to the assembler, letting each analysis go. */
  private advance(): void {
    const t = performance.now();
    for (; this.fed < this.files.length && this.outcomes[this.fed]; this.fed++) {
      const o = this.outcomes[this.fed]!;
      if (o.article) {
        o.article.id = this.assembler.added;
        this.assembler.add(o.article, o.analysis!);
      }
      o.analysis = null;
    }
    this.phases.assemble += performance.now() - t;
  }

  /** A file's record arrived (from this thread or another): to the pack and the assembler. */
  private arrived(m: Miss, record: FileRecord, bytes: () => Uint8Array): void {
    this.outcomes[m.i] = outcomeOf(record);
    if (this.out?.open) this.out.add(m.file, m.hash, bytes());
    m.text = '';
    this.advance();
  }

  /** Analyses the misses, on worker threads when there are many; a thread's failure leaves its files to this one. */
  private async analyseMisses(): Promise<void> {
    const { misses } = this;
    const t = performance.now();
    const assembledBefore = this.phases.assemble;
    const threads = threadsFor(misses.length, this.options.workers);
    let leftover = misses.map((_, k) => k);
    const analyseHere = (k: number): void => {
      const m = misses[k]!;
      const record = analyseFile(m.file, m.text);
      this.arrived(m, record, () => encodeRecord(record));
    };
    if (threads > 0) {
      const pool = await analyseOnWorkers(
        misses,
        threads,
        (k, bytes) => {
          const m = misses[k]!;
          const record = decodeRecord(bytes, m.file);
          if (!record) throw new Error('an analysis thread sent back an unreadable record');
          this.arrived(m, record, () => bytes);
        },
        analyseHere,
      );
      this.workers = pool.started;
      leftover = pool.leftover;
      if (pool.failures.length) this.warn(`Analysis threads: ${pool.failures.slice(0, 3).join('; ')}${pool.failures.length > 3 ? '; …' : ''}${leftover.length ? ` (${leftover.length} files analysed in the main thread instead)` : ''}.`);
    }
    for (const k of leftover) analyseHere(k);
    this.phases.analyse = performance.now() - t - (this.phases.assemble - assembledBefore);
  }

  /** The load result, articles numbered in listing order as the assembler numbered them. */
  private collect(): LoadResult {
    this.advance();
    try {
      const load = collectLoad(
        this.listing,
        this.outcomes.map((o): FileOutcome => ({ problems: o.problems, article: o.article })),
      );
      this.outcomes.length = 0;
      return load;
    } catch (err) {
      // no article at all: the files' entries are still worth saving (the next load skips them as fast)
      this.commit();
      throw err;
    }
  }

  private assemble(load: LoadResult): Knowledge {
    const t = performance.now();
    const knowledge = this.assembler.finish(load.articles);
    this.phases.assemble += performance.now() - t;
    return knowledge;
  }

  /** The assembled index into the new saved index, for the next load to read whole. */
  private saveSnapshot(load: LoadResult, knowledge: Knowledge): void {
    this.out?.addSnapshot(this.snapshotKey, load, knowledge);
  }

  /** Commits the new saved index; without one, the old one's size is reported when it was used. */
  private commit(): void {
    if (this.out?.open) {
      this.out.commit();
      this.bytesOnDisk = this.out.bytes;
    } else if (this.pack && this.found === 'used') this.bytesOnDisk = this.pack.size;
  }

  private report(assembled: CacheReport['assembled']): CacheReport {
    return {
      location: this.location,
      found: this.found,
      reused: this.hits.length - this.corrupt,
      assembled,
      analysed: this.misses.length,
      changed: this.changed,
      removed: this.removed,
      corrupt: this.corrupt,
      saved: this.out?.saved ?? false,
      bytes: this.bytesOnDisk,
      workers: this.workers,
      ms: performance.now() - this.started,
      phases: { ...this.phases, save: this.out?.ms ?? 0 },
      warnings: this.warnings,
    };
  }
}
