/**
 * The desk's state behind one small interface: which story each channel answers from, the log of
 * articles added through the bot, and the log of questions asked with their outcome. SQLite implements it today; a multi-shard deployment would implement
 * the same interface over a server database (see README, "State"), so callers never see SQL.
 */

/** A channel bound to a story. */
export interface Binding {
  guildId: string;
  channelId: string;
  storyId: string;
  /** User id of the editor who bound it. */
  boundBy: string;
  /** ISO time of the binding. */
  boundAt: string;
}

/** One article added through `/add` (or the console), with what the ingest reported. */
export interface AddedArticle {
  storyId: string;
  /** File name written into the story folder. */
  file: string;
  /** User id of whoever added it ("console" at the local console). */
  addedBy: string;
  /** ISO time of the add. */
  addedAt: string;
  /** The ingest report, as plain JSON (title, outlet, counts, what was new). */
  report: Record<string, unknown>;
}

/** How a question fared: the engine's tier "answer", "not-sure" or "not-covered" (the coverage doesn't say). */
export type QuestionOutcome = 'answered' | 'not-sure' | 'doesnt-say';

/** One question asked at /ask (or the console), as the question log keeps it: Discord ids only, never names. */
export interface LoggedQuestion {
  storyId: string;
  /** The question as typed. */
  question: string;
  outcome: QuestionOutcome;
  /** Server id; null in a direct message ("console" at the local console). */
  guildId: string | null;
  channelId: string | null;
  /** User id of the asker ("console" at the local console). */
  userId: string;
  /** ISO time the question was asked. */
  askedAt: string;
}

/** What forgetting a user did to one table. */
export interface ForgetCount {
  table: string;
  /** Rows deleted, or (for the desk's own state: bindings, added articles) rows whose user id was cleared. */
  rows: number;
  how: 'deleted' | 'anonymised';
}

/** The user id written in place of a forgotten one where the row itself is the desk's state, not the user's. */
export const FORGOTTEN_USER = 'forgotten';

export interface DeskStore {
  /** "sqlite" when the state is saved; "memory" when it lasts only for this run. */
  readonly kind: 'sqlite' | 'memory';
  bindingOf(guildId: string, channelId: string): Binding | null;
  /** Binds (or rebinds) a channel; durable once it returns, for the SQLite store. */
  bind(binding: Binding): void;
  bindings(): Binding[];
  logAdd(entry: AddedArticle): void;
  /** The added articles of a story, newest first. */
  adds(storyId: string): AddedArticle[];
  logQuestion(entry: LoggedQuestion): void;
  /** The logged questions of a story with one of `outcomes`, newest first, at most `limit`. */
  questions(storyId: string, outcomes: readonly QuestionOutcome[], limit: number): LoggedQuestion[];
  /** Deletes the questions asked before `cutoff` (an ISO time); returns how many went. */
  pruneQuestions(cutoff: string): number;
  /** Removes a user's rows from every table keyed by a user id, in one transaction. */
  forgetUser(userId: string): ForgetCount[];
  close(): void;
}
