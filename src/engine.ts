/**
 * The engine's public API: load a corpus folder once, then answer questions and list what the coverage
 * holds (names, quotes, timeline, conflicts, sources). Front ends (CLI, console, Discord commands) use
 * only this module and the render helpers; nothing here knows about Discord.
 */
import { answerQuestion, questionEcho } from './answer/answer.js';
import { corpusConflicts } from './answer/conflicts.js';
import { outletCount } from './answer/sources.js';
import { matchingSpeakers, mergeAcrossArticles, quoteEntries, sourceSummaries, speakerCounts, timelineEntries, type QuoteEntry, type SourceSummary, type TimelineEntry } from './answer/listings.js';
import { readFollowUp } from './answer/followUp.js';
import type { CitedFact, Answer, Conflict, EarlierTurn } from './answer/types.js';
import { appendSavedFilesInSteps, cacheLogFields, loadIndexedCorpus, type AppendLimits, type CacheReport, type IndexedCorpus } from './cache/indexCache.js';
import { createLogger, LOG_LEVELS, type Logger, type LogLevel } from './log.js';
import type { Knowledge } from './search/knowledge.js';
import { runSteps } from './search/steps.js';
import { answerContext, type AnswerContext } from './answer/context.js';
import { buildBrief, type Brief } from './brief/brief.js';
import type { EntityKind, LoadProblem, NameGroup } from './types.js';

export type { Answer, CitedFact, Conflict } from './answer/types.js';
export type { CacheReport } from './cache/indexCache.js';
export type { QuoteEntry, SourceSummary, TimelineEntry } from './answer/listings.js';
export type { Brief, BriefFact, BriefQuote } from './brief/brief.js';

export interface EngineOptions {
  /** Files larger than this are skipped with a message. */
  maxFileBytes?: number;
  /**
   * Folder of the saved index, or false to work without one. Default: `.coverage-cache/` in the corpus
   * folder, or, when that folder cannot be written, a folder under `$COVERAGE_CACHE_DIR` (default
   * `.cache/index/` in the project); without a writable place the load goes on unsaved, with a warning.
   */
  cache?: string | false;
  /** Worker threads analysing new and changed files beside the main thread (0: the main thread alone); default one per core but the main thread's, from 200 files. */
  workers?: number;
  /** Where the load logs what it did with the saved index (info) and anything wrong with it (warn). */
  logger?: Logger;
  /** Reference "now" for anything relative to the present; defaults to the clock at the edge. */
  now?: Date;
  /** When files added since the saved assembled index are appended to it rather than merged into a new one (see cache/indexCache.ts). */
  appendLimits?: Partial<AppendLimits>;
}

export interface NameSummary {
  key: string;
  display: string;
  kind: EntityKind;
  variants: string[];
  /** Number of sentences mentioning the name. */
  mentions: number;
}

export interface AboutResult {
  name: NameSummary;
  facts: CitedFact[];
}

export interface EngineStats {
  articles: number;
  outlets: number;
  sentences: number;
  facts: number;
}


let defaultLogger: Logger | null = null;
/** The logger of a load that was given none: stderr, at LOG_LEVEL or warn. */
function fallbackLogger(): Logger {
  const level = process.env.LOG_LEVEL?.trim().toLowerCase();
  defaultLogger ??= createLogger({ level: (LOG_LEVELS as readonly string[]).includes(level ?? '') ? (level as LogLevel) : 'warn' });
  return defaultLogger;
}

const summary = (g: NameGroup): NameSummary => ({ key: g.key, display: g.display, kind: g.kind, variants: g.variants, mentions: g.sentences.length });

/**
 * A loaded corpus, ready to answer. Build it with {@link Engine.load}; every method is synchronous and
 * pure with respect to the loaded corpus.
 */
export class Engine {
  private readonly groups: NameGroup[];
  private conflictCache: Conflict[] | null = null;
  private briefCache: Brief | null = null;
  /** Every quote and the timeline, listed once per load: at 3,000 articles they take seconds (README, Speed). */
  private quoteCache: QuoteEntry[] | null = null;
  private timelineCache: TimelineEntry[] | null = null;
  /** Quotes by speaker, counted once per load (autocomplete asks on every keystroke). */
  private speakerCounts: Map<string, number> | null = null;

  private constructor(
    /** Absolute path of the corpus folder. */
    readonly root: string,
    /** Files that could not be loaded, with what to do about them. */
    readonly problems: LoadProblem[],
    private readonly k: Knowledge,
    /** The corpus, the word vectors and the scratch space every question reuses. */
    private readonly context: AnswerContext,
    private readonly clock: () => number,
    /** What the load did with the saved index: files reused, analysed, removed, damaged; where; how long. */
    readonly cacheReport: CacheReport,
    /** The files the corpus was loaded from, each with the SHA-1 of the bytes read (see IndexedCorpus.files). */
    private readonly files: IndexedCorpus['files'],
  ) {
    // grouped while indexing (the facts' entities carry the group keys), and saved with the index
    this.groups = k.groups;
  }

  /**
   * Loads and indexes a corpus folder (recursive, .txt and .md).
   * @throws CorpusError when the folder is missing, not a folder, or holds no readable article
   */
  static async load(dir: string, options: EngineOptions & { clock?: () => number } = {}): Promise<Engine> {
    const started = performance.now();
    const logger = options.logger ?? fallbackLogger();
    const { load, knowledge, report, files } = await loadIndexedCorpus(dir, { maxFileBytes: options.maxFileBytes, cache: options.cache, workers: options.workers, appendLimits: options.appendLimits, logger });
    const t = performance.now();
    const engine = new Engine(load.root, load.problems, knowledge, answerContext(knowledge), options.clock ?? (() => performance.now()), report, files);
    report.phases.engine = performance.now() - t;
    report.ms = performance.now() - started;
    logger.info('corpus loaded', { corpus: load.root, articles: load.articles.length, problems: load.problems.length, ...cacheLogFields(report) });
    return engine;
  }

  /**
   * This engine with the files added to its folder since it was loaded appended, read from the entries a
   * save of the folder's index has just written (`files` is what that save listed: see saveIndexedCorpus);
   * this engine is left as it was. Null when something else changed (a file edited or removed) or an entry
   * cannot be read: load the folder again then.
   */
  withAddedFiles(files: IndexedCorpus['files'], options: Pick<EngineOptions, 'cache' | 'logger'> = {}): Engine | null {
    return runSteps(this.withAddedFilesInSteps(files, options));
  }

  /**
   * {@link withAddedFiles} in steps, the event loop turning between them, so that questions to this engine
   * (the one in service) are answered while it is extended instead of waiting for the whole append.
   */
  async withAddedFilesBetweenQuestions(files: IndexedCorpus['files'], options: Pick<EngineOptions, 'cache' | 'logger'> = {}): Promise<Engine | null> {
    const steps = this.withAddedFilesInSteps(files, options);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private *withAddedFilesInSteps(files: IndexedCorpus['files'], options: Pick<EngineOptions, 'cache' | 'logger'>): Generator<void, Engine | null, void> {
    const appended = yield* appendSavedFilesInSteps({ load: { root: this.root, articles: this.k.articles, problems: this.problems }, knowledge: this.k, files: this.files }, files, { cache: options.cache });
    if (!appended) return null;
    const { load, knowledge, report } = appended;
    yield;
    const t2 = performance.now();
    const engine = new Engine(this.root, load.problems, knowledge, answerContext(knowledge, this.context.vectors), this.clock, report, files);
    report.phases.engine = performance.now() - t2;
    report.ms += report.phases.engine;
    options.logger?.info('corpus extended', { corpus: this.root, articles: load.articles.length, added: load.articles.length - this.k.articles.length, problems: load.problems.length, ...cacheLogFields(report) });
    return engine;
  }

  /** The indexed corpus, for the benchmark and the development scripts. */
  get knowledge(): Knowledge {
    return this.k;
  }

  stats(): EngineStats {
    let facts = 0;
    for (let id = 0; id < this.k.facts.size; id++) facts += this.k.facts.count(id);
    return { articles: this.k.articles.length, outlets: outletCount(this.k), sentences: this.k.sentences.length, facts };
  }

  /**
   * Answers a question; never throws for bad input (answered=false with a message). `earlier` are the
   * conversation's previous turns (oldest first, see `turnOf`): a follow-up is read against them, and the
   * answer's `readAs` says how when that changed the question.
   */
  ask(question: string, earlier: readonly EarlierTurn[] = []): Answer {
    const reading = earlier.length ? readFollowUp(question, earlier, { vectors: this.context.vectors, kindOf: (name) => this.context.names.spelledGroupOf(name)?.kind ?? null }) : { text: question };
    const a = answerQuestion(this.k, reading.text, this.context.vectors, this.clock, this.context);
    const answer: Answer = { ...a, question: reading.readAs ? questionEcho(question) : a.question, ms: Math.round(a.ms * 100) / 100 };
    if (reading.readAs) answer.readAs = reading.readAs;
    return answer;
  }

  /** Names in the corpus matching a query (autocomplete), best first; an empty query lists the most mentioned. */
  names(query: string, limit = 25): NameSummary[] {
    const q = query.trim();
    const list = q ? this.context.names.find(q, limit) : [...this.groups].sort((a, b) => b.sentences.length - a.sentences.length || a.display.localeCompare(b.display)).slice(0, limit);
    return list.map(summary);
  }

  /** What the coverage says about a person, place or organisation; null when no name matches. */
  about(name: string, limit = 12): AboutResult | null {
    const group = this.context.names.find(name, 1)[0];
    if (!group) return null;
    return { name: summary(group), facts: mergeAcrossArticles(this.k, group.sentences, limit) };
  }

  /** Quotations (not one- or two-word scare quotes) with their speakers, optionally of one speaker. */
  quotes(speaker?: string): QuoteEntry[] {
    if (speaker?.trim()) return quoteEntries(this.k, this.context.names, speaker);
    this.quoteCache ??= quoteEntries(this.k, this.context.names);
    return this.quoteCache;
  }

  /** Speakers of quotations matching a query (autocomplete). */
  speakers(query: string, limit = 25): string[] {
    this.speakerCounts ??= speakerCounts(this.quotes());
    return matchingSpeakers(this.speakerCounts, this.context.names, query, limit);
  }

  /** Dated events in calendar order, each with how its date was read and every article reporting it. */
  timeline(): TimelineEntry[] {
    this.timelineCache ??= timelineEntries(this.k);
    return this.timelineCache;
  }

  /** Every place where outlets give different figures for the same thing. */
  conflicts(): Conflict[] {
    this.conflictCache ??= corpusConflicts(this.k);
    return this.conflictCache;
  }

  /** The story on one page: key facts, where outlets differ, latest developments, main quotes; every line cited. */
  brief(): Brief {
    this.briefCache ??= buildBrief(this.k, { conflicts: this.conflicts(), timeline: this.timeline(), quotes: this.quotes() });
    return this.briefCache;
  }

  /** The articles loaded. */
  sources(): SourceSummary[] {
    return sourceSummaries(this.k);
  }
}
