/**
 * The engine's public API: load a corpus folder once, then answer questions and list what the coverage
 * holds (names, quotes, timeline, conflicts, sources). Front ends (CLI, console, Discord commands) use
 * only this module and the render helpers; nothing here knows about Discord.
 */
import type { Answer, CitedFact, Conflict } from './answer/types.js';
import type { EntityKind, LoadProblem } from './types.js';

export type { Answer, CitedFact, Conflict } from './answer/types.js';

export interface EngineOptions {
  /** Files larger than this are skipped with a message. */
  maxFileBytes?: number;
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

/**
 * Planned surface of the engine (implementation lands in this file):
 *
 * class Engine {
 *   static load(dir: string, options?: EngineOptions): Promise<Engine>;   // throws CorpusError for a missing/empty folder
 *   readonly root: string;
 *   readonly problems: LoadProblem[];
 *   stats(): EngineStats;
 *   ask(question: string): Answer;                 // never throws for bad input: answered=false with a message
 *   about(name: string): AboutResult | null;       // facts about a person/place/organisation (variants grouped)
 *   names(query: string, limit?: number): NameSummary[];     // autocomplete, best first ('' → most mentioned)
 *   quotes(speaker?: string): QuoteEntry[];
 *   speakers(query: string, limit?: number): string[];       // autocomplete
 *   timeline(): TimelineEntry[];                   // dated events in order, each cited
 *   conflicts(): Conflict[];                       // every place where outlets disagree
 *   sources(): SourceSummary[];
 * }
 */
export type PlannedLoadProblem = LoadProblem;
