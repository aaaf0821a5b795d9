/**
 * Loading a corpus through its saved index. Every article file is read and hashed; a file whose bytes
 * match its entry in the saved index is restored from it (article and analysis, no parsing, no wink-nlp);
 * the others — new, changed, or whose entry is damaged — are parsed and analysed (on worker threads when
 * there are many), and the index is saved again with them and without the files that are gone. The pack
 * also holds the assembled index of the whole corpus (knowledgeSnapshot.ts): when every file matches
 * the list it was made from, it is read instead of the per-file entries, and nothing is assembled.
 *
 * Coverage grows by added files, so those are cheap, as segments are in a search engine: when the files of
 * the assembled index are all unchanged and only a few were added (see {@link APPEND_LIMITS}), the assembled
 * index is read and the added files appended to it in memory (search/appendKnowledge.ts), and only their
 * entries are written, in a small delta pack beside the pack. Past the limits, or once a file of the
 * assembled index changes or goes, the load merges: everything is assembled and saved whole again, in
 * listing order, and the delta packs are removed.
 *
 * Where the index is saved: `<corpus>/.coverage-cache/` (the loader skips hidden folders); when the corpus
 * folder cannot be written, or its permissions grant no write access (so a read-only folder stays untouched
 * even for root), `$COVERAGE_CACHE_DIR/<folder name>-<hash of its path>/` (default: `.cache/index/` in the
 * project); when that cannot be written either, nothing is saved and the load goes on (location.ts). A saved
 * index made by other code (see fingerprint.ts), damaged or unreadable is set aside and rebuilt; nothing
 * about it stops a load. One load is an {@link IndexedLoad}, one method per phase.
 */
import path from 'node:path';
import { collectLoad, decodeArticleBytes, DEFAULT_MAX_FILE_BYTES, listCorpus, readArticleBytes, statArticle, type CorpusListing, type FileOutcome } from '../corpus/load.js';
import type { Logger } from '../log.js';
import { KnowledgeAssembler, type ArticleAnalysis, type Knowledge } from '../search/knowledge.js';
import type { Article, LoadProblem, LoadResult } from '../types.js';
import type { CacheReport } from './cacheReport.js';
import { codeFingerprint } from './fingerprint.js';
import { decodeSnapshot, FILES_ENTRY, SNAPSHOT_ENTRY, snapshotHeadLength, snapshotKey } from './knowledgeSnapshot.js';
import { cacheLocation } from './location.js';
import { NewSavedIndex } from './newIndex.js';
import { deltaPacks, newDeltaName, openPack, PACK_FILE, removeDeltas, type PackEntry, type PackReader } from './pack.js';
import { analysisOf } from '../search/analysisOfKnowledge.js';
import { appendArticlesInSteps } from '../search/appendKnowledge.js';
import { runSteps } from '../search/steps.js';
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
  /** The time, ms since the epoch, that names a delta pack (default the clock's). */
  now?: () => number;
  /** When files added since the assembled index are appended to it rather than merged (default {@link APPEND_LIMITS}). */
  appendLimits?: Partial<AppendLimits>;
}

export interface AppendLimits {
  /** Files added since the assembled index was saved, at most this many… */
  files: number;
  /** …or this share of the files it was made from, whichever is more. */
  share: number;
  /** Of those, files not yet in any delta pack that one load analyses on its own thread, at most. */
  analyse: number;
}

/**
 * When files were only added since the assembled index was saved, they are appended to it (their entries
 * going to a small delta pack) rather than the whole index assembled and saved again, while they stay
 * few; past that the next load merges: assembles everything and writes one pack again, without deltas.
 */
export const APPEND_LIMITS: Readonly<AppendLimits> = Object.freeze({ files: 64, share: 0.05, analyse: 16 });

export interface IndexedCorpus {
  load: LoadResult;
  /** The corpus indexed (sentences, facts, indexes, name groups). */
  knowledge: Knowledge;
  report: CacheReport;
  /** Every listed file with the SHA-1 of the bytes read, or `!` and why it could not be read, in listing order. */
  files: ReadonlyArray<readonly [file: string, hash: string]>;
}

/** What {@link saveIndexedCorpus} did, and the files it found (as {@link IndexedCorpus.files}). */
export interface SavedCorpus {
  report: CacheReport;
  files: ReadonlyArray<readonly [file: string, hash: string]>;
}

/** What the load knows of one listed file: its problems, and its article and analysis until assembled. */
interface Outcome {
  problems: LoadProblem[];
  article: Article | null;
  /** Dropped once the article has been added to the assembler. */
  analysis: ArticleAnalysis | null;
  /** The article's id in the saved assembled index, whose analysis is taken out of it when added (analysis null). */
  saved?: number;
}

interface Miss {
  i: number;
  file: string;
  text: string;
  hash: string;
}

/** Files added since the saved assembled index (listing positions), to append to it. */
interface AppendPlan {
  snapshot: PackEntry;
  added: number[];
}

/** A saved entry of a file, in the pack or the delta pack it is in. */
interface Hit {
  i: number;
  entry: PackEntry;
  reader: PackReader;
}

/**
 * Lists, reads and indexes a corpus folder, through its saved index.
 * @throws CorpusError when the folder is missing, not a folder, or holds no readable article
 */
export async function loadIndexedCorpus(dir: string, options: IndexOptions = {}): Promise<IndexedCorpus> {
  const started = performance.now();
  return new IndexedLoad(await listCorpus(dir), options, started).run();
}

/**
 * Brings the saved index of a corpus folder up to date without handing back the corpus: files added since
 * the saved assembled index go to a delta pack (nothing else is read), anything else is assembled and
 * saved whole, as a load would. What a rebuild thread runs before the main thread loads from what it saved.
 * @throws CorpusError as {@link loadIndexedCorpus}
 */
export async function saveIndexedCorpus(dir: string, options: IndexOptions = {}): Promise<SavedCorpus> {
  const started = performance.now();
  const { report, files } = await new IndexedLoad(await listCorpus(dir), options, started).run(true);
  return { report, files };
}

/**
 * A corpus loaded before with files added since, whose entries {@link saveIndexedCorpus} has just saved:
 * the earlier knowledge with the added files appended in memory, without reading or hashing the other
 * files or the saved assembled index again (what makes a new article answerable in a large story within
 * seconds). `files` is what that save found. Null when the earlier load's files are not all still there
 * with the same bytes, or an added file's entry cannot be read: then load the corpus again.
 *
 * In steps (search/appendKnowledge.ts): the entries are read at once, the append yields between its
 * joins so that the caller can answer questions from the earlier knowledge meanwhile.
 */
export function* appendSavedFilesInSteps(earlier: Pick<IndexedCorpus, 'load' | 'knowledge' | 'files'>, files: IndexedCorpus['files'], options: IndexOptions = {}): Generator<void, IndexedCorpus | null, void> {
  const started = performance.now();
  const root = earlier.load.root;
  const now = new Map(files);
  if (earlier.files.some(([file, hash]) => now.get(file) !== hash)) return null;
  const before = new Set(earlier.files.map(([file]) => file));
  const added = files.filter(([file]) => !before.has(file));
  if (!added.length) return null;
  const warnings: string[] = [];
  const location = cacheLocation(root, options.cache, (m) => warnings.push(m));
  if (!location) return null;
  const fingerprint = codeFingerprint();
  const readers: PackReader[] = [];
  const records = new Map<string, FileRecord>();
  let bytes: number;
  try {
    for (const name of [PACK_FILE, ...deltaPacks(location)]) {
      const opened = openPack(path.join(location, name), fingerprint);
      if (opened.ok) readers.push(opened.pack);
    }
    bytes = readers.reduce((sum, r) => sum + r.size, 0);
    for (const [file, hash] of added) {
      if (hash.startsWith('!')) continue;
      const reader = readers.find((r) => r.entries.get(file)?.hash === hash);
      if (!reader) return null;
      reader.readEach([reader.entries.get(file)!], (entry, bytes) => {
        try {
          const record = bytes ? decodeRecord(bytes, entry.file) : null;
          if (record) records.set(file, record);
        } catch {
          // a damaged entry: the folder is loaded again, which analyses that file again
        }
      });
      if (!records.has(file)) return null;
    }
  } finally {
    for (const r of readers) r.close();
  }
  const restoreMs = performance.now() - started;
  const outcomes = added.map(([file, hash]) => {
    const record = records.get(file);
    return record ? outcomeOf(record) : problemOf(file, hash.slice(1));
  });
  // the time the append itself takes, not the questions answered between its steps
  let assembleMs = 0;
  let t = performance.now();
  const steps = appendedInSteps(earlier, outcomes);
  for (;;) {
    const step = steps.next();
    assembleMs += performance.now() - t;
    if (step.done) {
      const { knowledge, problems } = step.value;
      const report: CacheReport = {
        location,
        found: 'used',
        // the earlier files are kept as they were in memory; the added ones are read from their entries
        reused: files.length,
        read: 0,
        assembled: 'appended',
        analysed: 0,
        changed: 0,
        removed: 0,
        corrupt: 0,
        saved: false,
        bytes,
        workers: 0,
        ms: restoreMs + assembleMs,
        phases: { files: 0, restore: restoreMs, analyse: 0, save: 0, assemble: assembleMs, engine: 0 },
        warnings,
      };
      return { load: { root, articles: knowledge.articles, problems }, knowledge, report, files };
    }
    yield;
    t = performance.now();
  }
}

/** How recent a file's modification time may be for its size and time to stand for its bytes. */
const SETTLED_MS = 2000;

interface FileStat {
  size: number;
  mtimeMs: number;
}

/** The files of the pack's assembled index ({@link FILES_ENTRY}): in listing order with their hashes, and by name with their size and time where saved. */
interface SavedFiles {
  files: Array<[string, string]>;
  /** The hash of each file that was read then (not those that could not be). */
  hashes: Map<string, string>;
  stats: Map<string, FileStat & { hash: string }>;
}

interface SavedFilesJson {
  files: Array<[string, string]>;
  stats: Array<[size: number, mtimeMs: number] | null>;
}

/** The list of files the pack's assembled index was made from, or null when it is missing, damaged or not that index's. */
function readSavedFiles(pack: PackReader): SavedFiles | null {
  const snapshot = pack.entries.get(SNAPSHOT_ENTRY);
  const entry = pack.entries.get(FILES_ENTRY);
  if (!snapshot || !entry || entry.hash !== snapshot.hash) return null;
  let json = null as SavedFilesJson | null;
  pack.readEach([entry], (_, bytes) => {
    try {
      json = bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as SavedFilesJson) : null;
    } catch {
      json = null;
    }
  });
  const saved = json;
  if (!saved || !Array.isArray(saved.files) || !Array.isArray(saved.stats) || saved.stats.length !== saved.files.length || snapshotKey(saved.files) !== snapshot.hash) return null;
  const stats = new Map<string, FileStat & { hash: string }>();
  const hashes = new Map<string, string>();
  saved.files.forEach(([file, hash], i) => {
    if (hash.startsWith('!')) return;
    hashes.set(file, hash);
    const st = saved.stats[i];
    if (st) stats.set(file, { hash, size: st[0], mtimeMs: st[1] });
  });
  return { files: saved.files, hashes, stats };
}

/** `base` with the articles of `outcomes` (in order) appended, and the problems of both. */
function appended(base: { load: LoadResult; knowledge: Knowledge }, outcomes: readonly Outcome[]): { knowledge: Knowledge; problems: LoadProblem[] } {
  return runSteps(appendedInSteps(base, outcomes));
}

/** {@link appended} in the steps of appendArticlesInSteps. */
function* appendedInSteps(base: { load: LoadResult; knowledge: Knowledge }, outcomes: readonly Outcome[]): Generator<void, { knowledge: Knowledge; problems: LoadProblem[] }, void> {
  const articles: Article[] = [];
  const analyses: ArticleAnalysis[] = [];
  const problems = [...base.load.problems];
  for (const o of outcomes) {
    problems.push(...o.problems);
    if (o.article && o.analysis) {
      articles.push(o.article);
      analyses.push(o.analysis);
    }
  }
  return { knowledge: yield* appendArticlesInSteps(base.knowledge, articles, analyses), problems };
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
  /** The files the pack's assembled index was made from, in listing order, with their size and time when trusted. */
  private base: SavedFiles | null = null;
  /** Size and modification time of each file as read, where they may stand for its bytes next time (see {@link readFiles}). */
  private readonly stats: Array<FileStat | null>;
  /** Delta packs (files added since the pack's assembled index), newest first. */
  private deltas: Array<{ name: string; reader: PackReader }> = [];
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
  /** Files whose saved entry (in a delta pack) is for their bytes. */
  private readonly hits: Hit[] = [];
  /** Files (listing positions) with the bytes the saved assembled index was made from, and no entry of their own. */
  private readonly inAssembled: number[] = [];
  /** The saved assembled index as decoded (read once), null when damaged; undefined until read. */
  private assembled: { load: LoadResult; knowledge: Knowledge } | null | undefined;
  /** What the saved assembled index must have been made from: each file with its hash, or its read problem. */
  private readonly keyParts: Array<[string, string]>;
  /** The key of {@link keyParts} (set once the files are read). */
  private snapshotKey = '';

  private changed = 0;
  /** Files whose bytes were read (the others were trusted by size and time). */
  private read = 0;
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
    this.stats = new Array<FileStat | null>(this.files.length).fill(null);
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.options.logger?.warn(message);
  }

  /** The phases in order: the saved assembled index when nothing changed, else restore, analyse, assemble, save. */
  async run(saveOnly: true): Promise<SavedCorpus>;
  async run(saveOnly?: false): Promise<IndexedCorpus>;
  async run(saveOnly = false): Promise<IndexedCorpus | SavedCorpus> {
    this.openSavedIndex();
    try {
      this.readFiles();
      this.phases.files = performance.now() - this.started;
      this.countRemoved();
      const whole = this.restoreWhole(saveOnly);
      if (whole === 'matches') return { report: this.report('restored'), files: this.keyParts };
      if (whole) return { ...whole, report: this.report('restored'), files: this.keyParts };
      const plan = this.appendPlan();
      // a thread that only saves need not read the assembled index: the load after it does
      const base = plan && !saveOnly ? this.decodeSnapshot(plan.snapshot) : null;
      if (plan && (saveOnly || base)) {
        this.saveAdded(plan);
        if (!base) return { report: this.report('appended'), files: this.keyParts };
        return { ...this.appendTo(plan, base), report: this.report('appended'), files: this.keyParts };
      }
      this.restoreEntries();
      this.restoreFromAssembled();
      this.startWriter();
      await this.analyseMisses();
      const load = this.collect();
      const knowledge = this.assemble(load);
      this.saveSnapshot(load, knowledge);
      this.commit();
      return { load, knowledge, report: this.report('built'), files: this.keyParts };
    } finally {
      this.out?.abort();
      this.pack?.close();
      for (const d of this.deltas) d.reader.close();
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
    if (this.pack) this.base = readSavedFiles(this.pack);
    // a delta pack that cannot be used is only files to analyse again: the next merge removes it
    for (const name of deltaPacks(this.location).reverse()) {
      const delta = openPack(path.join(this.location, name), this.fingerprint);
      if (delta.ok) this.deltas.push({ name, reader: delta.pack });
      else if (delta.reason !== 'stale' && delta.reason !== 'missing') this.warn(`A delta of the saved index cannot be used (${delta.detail}): its files are analysed again.`);
    }
  }

  /** The saved entry of `file` for the bytes of `hash`, newest delta first, then the pack. */
  private entryFor(file: string, hash: string): { entry: PackEntry; reader: PackReader } | null {
    for (const { reader } of this.deltas) {
      const entry = reader.entries.get(file);
      if (entry && entry.hash === hash) return { entry, reader };
    }
    const entry = this.pack?.entries.get(file);
    return entry && entry.hash === hash ? { entry, reader: this.pack! } : null;
  }

  private hasEntry(file: string): boolean {
    return !!this.base?.hashes.has(file) || !!this.pack?.entries.has(file) || this.deltas.some((d) => d.reader.entries.has(file));
  }

  /** Whether the saved index holds the file with the bytes of `hash`: its own entry (a hit), else in the assembled index. */
  private foundSaved(i: number, file: string, hash: string): boolean {
    const saved = this.entryFor(file, hash);
    if (saved) this.hits.push({ i, ...saved });
    else if (this.base?.hashes.get(file) === hash) this.inAssembled.push(i);
    else return false;
    return true;
  }

  /** Reads and hashes every file: a hit when the saved index holds its bytes, else queued for analysis. */
  private readFiles(): void {
    // a time within this much of the read may still change without changing (coarse clocks of network
    // drives): such a file is read and hashed next time too (git's index does the same)
    const settled = Date.now() - SETTLED_MS;
    this.files.forEach((file, i) => {
      // a file of the assembled index with its size and modification time as then has its bytes as then:
      // at 30,000 articles, reading and hashing every file was half of a start with a cold page cache
      const before = this.base?.stats.get(file);
      if (before) {
        const now = statArticle(this.root, file);
        if (now && now.size === before.size && now.mtimeMs === before.mtimeMs && now.size <= this.maxFileBytes && this.foundSaved(i, file, before.hash)) {
          this.keyParts[i] = [file, before.hash];
          this.stats[i] = { size: now.size, mtimeMs: now.mtimeMs };
          return;
        }
      }
      const read = readArticleBytes(this.root, file, this.maxFileBytes);
      this.read++;
      if ('problem' in read) {
        this.outcomes[i] = problemOf(file, read.problem);
        this.keyParts[i] = [file, `!${read.problem}`];
        this.stats[i] = null;
        return;
      }
      const hash = sha1(read.bytes);
      this.keyParts[i] = [file, hash];
      this.stats[i] = read.mtimeMs < settled ? { size: read.size, mtimeMs: read.mtimeMs } : null;
      if (!this.foundSaved(i, file, hash)) {
        if (this.hasEntry(file)) this.changed++;
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
  private restoreWhole(saveOnly: boolean): { load: LoadResult; knowledge: Knowledge } | 'matches' | null {
    const { pack } = this;
    const snapshotEntry = pack?.entries.get(SNAPSHOT_ENTRY);
    // the key is of every file's bytes: when it matches, files queued for analysis (the list of the
    // assembled index's files was damaged, say) are in it as they are
    if (!pack || !snapshotEntry || snapshotEntry.hash !== this.snapshotKey) return null;
    // a thread that only saves has nothing to save: the load after it reads the assembled index
    if (saveOnly) return 'matches';
    const restored = this.decodeSnapshot(snapshotEntry);
    if (restored) {
      this.misses.length = 0;
      // the assembled index holds every file as it is: the delta packs (files added, then removed) are of no more use
      if (this.deltas.length && this.location) removeDeltas(this.location, this.deltas.map((d) => d.name));
      this.bytesOnDisk = pack.size;
    }
    return restored;
  }

  /** The saved assembled index, read once, or null (with a warning) when it is damaged. */
  private decodeSnapshot(entry: PackEntry): { load: LoadResult; knowledge: Knowledge } | null {
    if (this.assembled !== undefined) return this.assembled;
    const t = performance.now();
    const read = this.pack!.readSplit(entry, snapshotHeadLength);
    const restored = read ? decodeSnapshot(read.head, read.body, this.root) : null;
    this.phases.restore += performance.now() - t;
    if (!restored) this.warn('The saved assembled index is damaged: the files it holds are analysed again.');
    this.assembled = restored;
    return restored;
  }

  /** Restores the hits from their saved entries; a damaged entry's file is read again and analysed. */
  private restoreEntries(): void {
    const { hits } = this;
    if (!hits.length) return;
    const t = performance.now();
    const damaged = this.readHits(hits, (i, record) => (this.outcomes[i] = outcomeOf(record)));
    this.analyseAgain(damaged);
    this.phases.restore += performance.now() - t;
  }

  /**
   * The unchanged files of the saved assembled index, from it: each article as saved, its analysis taken
   * back out of the index when the article is assembled (search/analysisOfKnowledge.ts). When it is
   * damaged, those files are read and analysed again.
   */
  private restoreFromAssembled(): void {
    const { inAssembled } = this;
    if (!inAssembled.length) return;
    const entry = this.pack?.entries.get(SNAPSHOT_ENTRY);
    const restored = entry ? this.decodeSnapshot(entry) : null;
    if (!restored) {
      this.corrupt += inAssembled.length;
      this.readAgain(inAssembled);
      return;
    }
    const t = performance.now();
    const articles = new Map(restored.load.articles.map((a) => [a.file, a]));
    const problems = new Map<string, LoadProblem[]>();
    for (const p of restored.load.problems) {
      let list = problems.get(p.file);
      if (!list) problems.set(p.file, (list = []));
      list.push(p);
    }
    for (const i of inAssembled) {
      const file = this.files[i]!;
      const article = articles.get(file);
      this.outcomes[i] = { problems: problems.get(file) ?? [], article: article ?? null, analysis: null, ...(article ? { saved: article.id } : {}) };
    }
    this.phases.restore += performance.now() - t;
  }

  /** Queues the files of damaged entries (listing positions) for analysis, with a warning. */
  private analyseAgain(damaged: number[]): void {
    const corrupt = damaged.length;
    if (!corrupt) return;
    this.corrupt += corrupt;
    const { files } = this;
    this.warn(`${corrupt} entr${corrupt === 1 ? 'y' : 'ies'} of the saved index ${corrupt === 1 ? 'is' : 'are'} damaged (${damaged.slice(0, 3).map((i) => files[i]).join(', ')}${corrupt > 3 ? ', …' : ''}): analysing ${corrupt === 1 ? 'that file' : 'those files'} again.`);
    this.readAgain(damaged);
  }

  /** Reads the files at listing positions `positions` again and queues them for analysis. */
  private readAgain(positions: number[]): void {
    const { files } = this;
    for (const i of [...positions].sort((a, b) => a - b)) {
      const read = readArticleBytes(this.root, files[i]!, this.maxFileBytes);
      if ('problem' in read) this.outcomes[i] = problemOf(files[i]!, read.problem);
      else this.readForAnalysis(i, read.bytes, sha1(read.bytes));
    }
    this.misses.sort((a, b) => a.i - b.i);
  }

  /** Decodes the records of `hits`, pack by pack; returns the listing positions of those found damaged. */
  private readHits(hits: readonly Hit[], fn: (i: number, record: FileRecord, hit: Hit) => void): number[] {
    const damaged: number[] = [];
    const byReader = new Map<PackReader, Hit[]>();
    for (const h of hits) {
      let list = byReader.get(h.reader);
      if (!list) byReader.set(h.reader, (list = []));
      list.push(h);
    }
    for (const [reader, list] of byReader) {
      const hitOf = new Map(list.map((h) => [h.entry, h]));
      reader.readEach(
        list.map((h) => h.entry),
        (entry, bytes) => {
          const hit = hitOf.get(entry)!;
          let record: FileRecord | null = null;
          try {
            if (bytes) record = decodeRecord(bytes, entry.file);
          } catch {
            record = null;
          }
          if (record) fn(hit.i, record, hit);
          else damaged.push(hit.i);
        },
      );
    }
    return damaged;
  }

  /** Saved entries of files that are gone. */
  private countRemoved(): void {
    const listed = new Set(this.files);
    const saved = new Set<string>();
    for (const file of this.base?.hashes.keys() ?? []) saved.add(file);
    for (const reader of [this.pack, ...this.deltas.map((d) => d.reader)]) for (const file of reader?.entries.keys() ?? []) if (!file.startsWith('\u0000')) saved.add(file);
    for (const file of saved) if (!listed.has(file)) this.removed++;
  }

  /**
   * Starts the new saved index, which holds the assembled index alone: every file's analysis can be
   * taken back out of it, so none is kept twice (the files appended later go to delta packs).
   */
  private startWriter(): void {
    if (!this.location) return;
    this.out = new NewSavedIndex(this.location, this.fingerprint, (m) => this.warn(m));
    this.out.start();
  }

  /** Adds the outcomes that have arrived, in listing order, to the assembler, letting each analysis go. */
  private advance(): void {
    const t = performance.now();
    for (; this.fed < this.files.length && this.outcomes[this.fed]; this.fed++) {
      const o = this.outcomes[this.fed]!;
      if (o.article) {
        const analysis = o.analysis ?? analysisOf(this.assembled!.knowledge, o.saved!);
        o.article.id = this.assembler.added;
        this.assembler.add(o.article, analysis);
      }
      o.analysis = null;
    }
    this.phases.assemble += performance.now() - t;
  }

  /** A file's record arrived (from this thread or another): to the assembler. */
  private arrived(m: Miss, record: FileRecord): void {
    this.outcomes[m.i] = outcomeOf(record);
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
      this.arrived(m, record);
    };
    if (threads > 0) {
      const pool = await analyseOnWorkers(
        misses,
        threads,
        (k, bytes) => {
          const m = misses[k]!;
          const record = decodeRecord(bytes, m.file);
          if (!record) throw new Error('an analysis thread sent back an unreadable record');
          this.arrived(m, record);
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
    // the old assembled index, which the unchanged articles were taken out of, is not needed any more
    this.assembled = null;
    this.phases.assemble += performance.now() - t;
    return knowledge;
  }

  /** The assembled index into the new saved index, for the next load to read whole. */
  private saveSnapshot(load: LoadResult, knowledge: Knowledge): void {
    this.out?.addSnapshot(this.snapshotKey, load, knowledge);
    // the list the snapshot was made from, so that a later load can append files added since
    const saved: SavedFilesJson = { files: this.keyParts, stats: this.stats.map((st) => (st ? [st.size, st.mtimeMs] : null)) };
    this.out?.add(FILES_ENTRY, this.snapshotKey, Buffer.from(JSON.stringify(saved), 'utf8'));
  }

  /** Commits the new saved index, which merges the delta packs; without one, the old one's size is reported when it was used. */
  private commit(): void {
    if (this.out?.open) {
      this.out.commit();
      this.bytesOnDisk = this.out.bytes;
      if (this.out.saved && this.location) removeDeltas(this.location, this.deltas.map((d) => d.name));
    } else if (this.pack && this.found === 'used') this.bytesOnDisk = this.pack.size + this.deltaBytes();
  }

  private deltaBytes(): number {
    return this.deltas.reduce((sum, d) => sum + d.reader.size, 0);
  }

  /**
   * Whether only files were added since the saved assembled index, and few (see {@link APPEND_LIMITS}):
   * then the files added (listing positions), else null and everything is assembled again.
   */
  private appendPlan(): AppendPlan | null {
    const snapshot = this.pack?.entries.get(SNAPSHOT_ENTRY);
    const base = this.base?.files;
    if (!snapshot || !base) return null;
    const current = new Map(this.keyParts);
    // a file gone or changed since: assembled again
    if (base.some(([file, hash]) => current.get(file) !== hash)) return null;
    const inBase = new Set(base.map(([file]) => file));
    const added = this.files.map((_, i) => i).filter((i) => !inBase.has(this.files[i]!));
    const toAnalyse = this.misses.filter((m) => !inBase.has(m.file)).length;
    const limits = { ...APPEND_LIMITS, ...this.options.appendLimits };
    if (!added.length || added.length > Math.max(limits.files, limits.share * base.length) || toAnalyse > limits.analyse) return null;
    return { snapshot, added };
  }

  /**
   * The added files' records: read from the delta packs (or the pack), the others (and any damaged) analysed
   * on this thread and saved in a new delta pack, so that this load writes only what is new.
   */
  private saveAdded(plan: AppendPlan): void {
    const t = performance.now();
    const added = new Set(plan.added);
    const damaged = this.readHits(this.hits.filter((h) => added.has(h.i)), (i, record) => (this.outcomes[i] = outcomeOf(record)));
    this.phases.restore += performance.now() - t;
    this.analyseAgain(damaged);
    const misses = this.misses.filter((m) => added.has(m.i));
    this.misses.length = 0;
    this.misses.push(...misses);
    if (!misses.length) return;
    const t2 = performance.now();
    const delta = this.location ? new NewSavedIndex(this.location, this.fingerprint, (m) => this.warn(m), newDeltaName((this.options.now ?? Date.now)())) : null;
    delta?.start();
    for (const m of misses) {
      const record = analyseFile(m.file, m.text);
      this.outcomes[m.i] = outcomeOf(record);
      delta?.add(m.file, m.hash, encodeRecord(record));
      m.text = '';
    }
    const saveMs = delta?.ms ?? 0;
    delta?.commit();
    this.phases.analyse += performance.now() - t2 - saveMs;
    this.out = delta;
  }

  /** The saved assembled index with the added files appended (their records read by {@link saveAdded}). */
  private appendTo(plan: AppendPlan, restored: { load: LoadResult; knowledge: Knowledge }): { load: LoadResult; knowledge: Knowledge } {
    const t = performance.now();
    const { knowledge, problems } = appended(restored, plan.added.map((i) => this.outcomes[i]!));
    this.phases.assemble += performance.now() - t;
    this.bytesOnDisk = this.pack!.size + this.deltaBytes() + (this.out?.bytes ?? 0);
    return { load: { root: this.root, articles: knowledge.articles, problems }, knowledge };
  }

  private report(assembled: CacheReport['assembled']): CacheReport {
    return {
      location: this.location,
      found: this.found,
      reused: this.hits.length + this.inAssembled.length - this.corrupt,
      read: this.read,
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
