/**
 * The desk's state behind one small interface: which story each channel answers from, and the log of
 * articles added through the bot. SQLite implements it today; a multi-shard deployment would implement
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
  close(): void;
}
