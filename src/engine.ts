/**
 * The engine's public API: load a corpus folder once, then answer questions and list what the coverage
 * holds (names, quotes, timeline, conflicts, sources). Front ends (CLI, console, Discord commands) use
 * only this module and the render helpers; nothing here knows about Discord.
 */
import { answerQuestion } from './answer/answer.js';
import { corpusConflicts } from './answer/conflicts.js';
import { citedFact, outletCount, sourceOf } from './answer/sources.js';
import { statementOverlap } from './answer/agreement.js';
import type { Answer, CitedFact, Conflict } from './answer/types.js';
import { cacheLogFields, loadIndexedCorpus, type CacheReport } from './cache/indexCache.js';
import { findNames, nameKeyOf } from './facts/names.js';
import { createLogger, LOG_LEVELS, type Logger, type LogLevel } from './log.js';
import type { Knowledge } from './search/knowledge.js';
import { answerContext, type AnswerContext } from './answer/context.js';
import type { EntityKind, LoadProblem, NameGroup } from './types.js';
import { SETTINGS } from './settings.js';

export type { Answer, CitedFact, Conflict } from './answer/types.js';
export type { CacheReport } from './cache/indexCache.js';

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

export interface QuoteEntry {
  /** The quoted words. */
  text: string;
  speaker: string | null;
  /** Every article that carried the quote (the same words, possibly in different sentences). */
  sources: CitedFact['sources'];
}

export interface TimelineEntry {
  /** `yyyy-MM-dd` (first day of the month or year for coarser precisions). */
  date: string;
  precision: 'day' | 'month' | 'year';
  /** How the date was read, e.g. "“on Thursday”: the Thursday before publication (2025-09-12)". */
  how: string;
  text: string;
  sources: CitedFact['sources'];
}

export interface SourceSummary {
  file: string;
  outlet: string | null;
  title: string | null;
  published: string | null;
  url: string | null;
  author: string | null;
  sentences: number;
  facts: number;
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
    const { load, knowledge, report } = await loadIndexedCorpus(dir, { maxFileBytes: options.maxFileBytes, cache: options.cache, workers: options.workers, logger });
    const t = performance.now();
    const engine = new Engine(load.root, load.problems, knowledge, answerContext(knowledge), options.clock ?? (() => performance.now()), report);
    report.phases.engine = performance.now() - t;
    report.ms = performance.now() - started;
    logger.info('corpus loaded', { corpus: load.root, articles: load.articles.length, problems: load.problems.length, ...cacheLogFields(report) });
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

  /** Answers a question; never throws for bad input (answered=false with a message). */
  ask(question: string): Answer {
    const a = answerQuestion(this.k, question, this.context.vectors, this.clock, this.context);
    return { ...a, ms: Math.round(a.ms * 100) / 100 };
  }

  /** Names in the corpus matching a query (autocomplete), best first; an empty query lists the most mentioned. */
  names(query: string, limit = 25): NameSummary[] {
    const q = query.trim();
    const list = q ? findNames(q, this.groups, limit) : [...this.groups].sort((a, b) => b.sentences.length - a.sentences.length || a.display.localeCompare(b.display)).slice(0, limit);
    return list.map(summary);
  }

  /** What the coverage says about a person, place or organisation; null when no name matches. */
  about(name: string, limit = 12): AboutResult | null {
    const group = findNames(name, this.groups, 1)[0];
    if (!group) return null;
    return { name: summary(group), facts: this.mergeAcrossArticles(group.sentences, limit) };
  }

  /**
   * Sentences merged across articles: a sentence that says what an earlier one already said becomes
   * one more source of it.
   */
  private mergeAcrossArticles(sentenceIds: readonly number[], limit: number): CitedFact[] {
    const groups: number[][] = [];
    for (const id of [...sentenceIds].sort((a, b) => a - b)) {
      const articleId = this.k.sentences[id]!.articleId;
      const same = groups.find((g) => !g.some((x) => this.k.sentences[x]!.articleId === articleId) && statementOverlap(this.k, g[0]!, id) >= SETTINGS.listings.sameFact);
      if (same) same.push(id);
      else groups.push([id]);
    }
    return groups
      .sort((a, b) => b.length - a.length || a[0]! - b[0]!)
      .slice(0, limit)
      .map((g) => citedFact(this.k, g[0]!, undefined, g.slice(1)));
  }

  /** Quotations (not one- or two-word scare quotes) with their speakers, optionally of one speaker. */
  quotes(speaker?: string): QuoteEntry[] {
    const wantKey = speaker?.trim() ? (nameKeyOf(speaker, this.groups) ?? null) : undefined;
    const entries: Array<QuoteEntry & { key: string }> = [];
    for (const f of this.k.facts) {
      for (const q of f.quotes) {
        if (q.short) continue;
        const who = q.speaker ? (this.groups.find((g) => g.key === nameKeyOf(q.speaker!, this.groups))?.display ?? q.speaker) : null;
        if (wantKey !== undefined) {
          const key = q.speaker ? nameKeyOf(q.speaker, this.groups) : undefined;
          const matches = wantKey ? key === wantKey : !!who && who.toLowerCase().includes(speaker!.trim().toLowerCase());
          if (!matches) continue;
        }
        const norm = q.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
        const existing = entries.find((e) => e.key === norm || (norm.length > SETTINGS.listings.quoteContainment && (e.key.includes(norm) || norm.includes(e.key))));
        const src = sourceOf(this.k, f.sentenceId);
        if (existing) {
          if (!existing.sources.some((s) => s.file === src.file)) existing.sources.push(src);
          if (!existing.speaker && who) existing.speaker = who;
          continue;
        }
        entries.push({ key: norm, text: q.text, speaker: who, sources: [src] });
      }
    }
    return entries.map(({ key: _key, ...e }) => e);
  }

  /** Speakers of quotations matching a query (autocomplete). */
  speakers(query: string, limit = 25): string[] {
    const all = new Map<string, number>();
    for (const q of this.quotes()) if (q.speaker) all.set(q.speaker, (all.get(q.speaker) ?? 0) + q.sources.length);
    const wanted = query.trim().toLowerCase();
    return [...all]
      .filter(([name]) => !wanted || name.toLowerCase().includes(wanted) || findNames(wanted, this.groups, 5).some((g) => g.display === name))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([name]) => name);
  }

  /** Dated events in calendar order, each with how its date was read and every article reporting it. */
  timeline(): TimelineEntry[] {
    const entries: TimelineEntry[] = [];
    const firstOf = new Map<TimelineEntry, number>();
    for (const f of this.k.facts) {
      for (const d of f.dates) {
        const same = entries.find((e) => e.date === d.date && e.precision === d.precision && statementOverlap(this.k, firstOf.get(e)!, f.sentenceId) >= SETTINGS.listings.sameEvent);
        const src = sourceOf(this.k, f.sentenceId);
        if (same) {
          if (!same.sources.some((s) => s.file === src.file)) same.sources.push(src);
          continue;
        }
        const entry: TimelineEntry = { date: d.date, precision: d.precision, how: d.how, text: this.k.sentences[f.sentenceId]!.text, sources: [src] };
        firstOf.set(entry, f.sentenceId);
        entries.push(entry);
      }
    }
    return entries.sort((a, b) => a.date.localeCompare(b.date) || b.sources.length - a.sources.length);
  }

  /** Every place where outlets give different figures for the same thing. */
  conflicts(): Conflict[] {
    this.conflictCache ??= corpusConflicts(this.k);
    return this.conflictCache;
  }

  /** The articles loaded. */
  sources(): SourceSummary[] {
    return this.k.articles.map((a) => {
      const [first, end] = this.k.articleSentences[a.id] ?? [0, 0];
      const ids = Array.from({ length: end - first }, (_, i) => first + i);
      const facts = ids.reduce((n, id) => n + this.k.facts.count(id), 0);
      return {
        file: a.file,
        outlet: a.meta.outlet ?? null,
        title: a.meta.title ?? null,
        published: a.meta.published ?? null,
        url: a.meta.url ?? null,
        author: a.meta.author ?? null,
        sentences: ids.length,
        facts,
      };
    });
  }
}
