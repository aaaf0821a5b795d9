/**
 * The store in one SQLite file (better-sqlite3 12: synchronous, so a binding is committed before the
 * reply says so). WAL mode with synchronous=FULL: a committed transaction survives a kill -9 or a power
 * cut. The schema carries its version; MIGRATIONS[n] takes version n to n+1, each in one transaction.
 */
import Database from 'better-sqlite3';
import { FORGOTTEN_USER, type AddedArticle, type Binding, type DeskStore, type ForgetCount, type LoggedQuestion, type QuestionOutcome } from './types.js';

/** The file's name under DATA_DIR. */
export const DATABASE_FILE = 'desk.sqlite';

/** Each step takes the schema from its index to the next version; append only, never edit a shipped one. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE bindings (
     guild_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     story_id TEXT NOT NULL,
     bound_by TEXT NOT NULL,
     bound_at TEXT NOT NULL,
     PRIMARY KEY (guild_id, channel_id)
   );
   CREATE TABLE added_articles (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     story_id TEXT NOT NULL,
     file TEXT NOT NULL,
     added_by TEXT NOT NULL,
     added_at TEXT NOT NULL,
     report TEXT NOT NULL
   );
   CREATE INDEX added_articles_story ON added_articles (story_id, id);`,
  // question log
  `CREATE TABLE question_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     story_id TEXT NOT NULL,
     question TEXT NOT NULL,
     outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'not-sure', 'doesnt-say')),
     guild_id TEXT,
     channel_id TEXT,
     user_id TEXT NOT NULL,
     asked_at TEXT NOT NULL
   );
   CREATE INDEX question_log_story ON question_log (story_id, outcome, id);
   CREATE INDEX question_log_asked ON question_log (asked_at);
   CREATE INDEX question_log_user ON question_log (user_id);`,
];

/**
 * Every column holding a user id, and what forgetting that user does to its rows: the user's own entries
 * are deleted; the desk's state (a channel's binding, the provenance of an added article) stays, with the
 * id cleared. A new user-keyed table joins `npm run forget` with one line here.
 */
const USER_KEYED: readonly { table: string; column: string; how: ForgetCount['how'] }[] = [
  { table: 'question_log', column: 'user_id', how: 'deleted' },
  { table: 'bindings', column: 'bound_by', how: 'anonymised' },
  { table: 'added_articles', column: 'added_by', how: 'anonymised' },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

interface BindingRow {
  guild_id: string;
  channel_id: string;
  story_id: string;
  bound_by: string;
  bound_at: string;
}

interface AddRow {
  story_id: string;
  file: string;
  added_by: string;
  added_at: string;
  report: string;
}

interface QuestionRow {
  story_id: string;
  question: string;
  outcome: QuestionOutcome;
  guild_id: string | null;
  channel_id: string | null;
  user_id: string;
  asked_at: string;
}

const logged = (r: QuestionRow): LoggedQuestion => ({
  storyId: r.story_id,
  question: r.question,
  outcome: r.outcome,
  guildId: r.guild_id,
  channelId: r.channel_id,
  userId: r.user_id,
  askedAt: r.asked_at,
});

const binding = (r: BindingRow): Binding => ({ guildId: r.guild_id, channelId: r.channel_id, storyId: r.story_id, boundBy: r.bound_by, boundAt: r.bound_at });

/** Brings the schema up to SCHEMA_VERSION; refuses a file written by a newer version of the bot. */
function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (version > SCHEMA_VERSION) throw new Error(`the database has schema version ${version}, newer than this bot's ${SCHEMA_VERSION}`);
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version] ?? '';
    const next = version + 1;
    db.transaction(() => {
      db.exec(step);
      db.prepare('DELETE FROM schema_version').run();
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(next);
    })();
    version = next;
  }
}

export class SqliteStore implements DeskStore {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string, string], BindingRow>;
  readonly #put: Database.Statement<[string, string, string, string, string]>;
  readonly #all: Database.Statement<[], BindingRow>;
  readonly #log: Database.Statement<[string, string, string, string, string]>;
  readonly #adds: Database.Statement<[string], AddRow>;
  readonly #ask: Database.Statement<[string, string, string, string | null, string | null, string, string]>;
  readonly #prune: Database.Statement<[string]>;
  readonly #forget: readonly { table: string; how: ForgetCount['how']; statement: Database.Statement<[string]> }[];

  /** Opens (creating if needed) and migrates the file; throws when it is locked, corrupt or unwritable. */
  constructor(file: string) {
    const db = new Database(file, { timeout: 2_000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // a corrupt file often opens fine and fails only when read: check now, not at the first /story use
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`integrity check failed (${String(check)})`);
      migrate(db);
      // take and drop the write lock: a read-only file or a writer holding the lock shows now, at start
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;
    this.#get = db.prepare('SELECT * FROM bindings WHERE guild_id = ? AND channel_id = ?');
    this.#put = db.prepare(
      `INSERT INTO bindings (guild_id, channel_id, story_id, bound_by, bound_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, channel_id) DO UPDATE SET story_id = excluded.story_id, bound_by = excluded.bound_by, bound_at = excluded.bound_at`,
    );
    this.#all = db.prepare('SELECT * FROM bindings ORDER BY guild_id, channel_id');
    this.#log = db.prepare('INSERT INTO added_articles (story_id, file, added_by, added_at, report) VALUES (?, ?, ?, ?, ?)');
    this.#adds = db.prepare('SELECT story_id, file, added_by, added_at, report FROM added_articles WHERE story_id = ? ORDER BY id DESC');
    this.#ask = db.prepare('INSERT INTO question_log (story_id, question, outcome, guild_id, channel_id, user_id, asked_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#prune = db.prepare('DELETE FROM question_log WHERE asked_at < ?');
    this.#forget = USER_KEYED.map(({ table, column, how }) => ({
      table,
      how,
      statement: db.prepare<[string]>(how === 'deleted' ? `DELETE FROM ${table} WHERE ${column} = ?` : `UPDATE ${table} SET ${column} = '${FORGOTTEN_USER}' WHERE ${column} = ?`),
    }));
  }

  bindingOf(guildId: string, channelId: string): Binding | null {
    const row = this.#get.get(guildId, channelId);
    return row ? binding(row) : null;
  }

  bind(b: Binding): void {
    this.#put.run(b.guildId, b.channelId, b.storyId, b.boundBy, b.boundAt);
  }

  bindings(): Binding[] {
    return this.#all.all().map(binding);
  }

  logAdd(entry: AddedArticle): void {
    this.#log.run(entry.storyId, entry.file, entry.addedBy, entry.addedAt, JSON.stringify(entry.report));
  }

  adds(storyId: string): AddedArticle[] {
    return this.#adds.all(storyId).map((r) => ({ storyId: r.story_id, file: r.file, addedBy: r.added_by, addedAt: r.added_at, report: JSON.parse(r.report) as Record<string, unknown> }));
  }

  logQuestion(q: LoggedQuestion): void {
    this.#ask.run(q.storyId, q.question, q.outcome, q.guildId, q.channelId, q.userId, q.askedAt);
  }

  questions(storyId: string, outcomes: readonly QuestionOutcome[], limit: number): LoggedQuestion[] {
    if (outcomes.length === 0 || limit <= 0) return [];
    const marks = outcomes.map(() => '?').join(', ');
    const rows = this.#db
      .prepare<unknown[], QuestionRow>(`SELECT story_id, question, outcome, guild_id, channel_id, user_id, asked_at FROM question_log WHERE story_id = ? AND outcome IN (${marks}) ORDER BY id DESC LIMIT ?`)
      .all(storyId, ...outcomes, Math.floor(limit));
    return rows.map(logged);
  }

  pruneQuestions(cutoff: string): number {
    return this.#prune.run(cutoff).changes;
  }

  forgetUser(userId: string): ForgetCount[] {
    return this.#db.transaction(() => this.#forget.map(({ table, how, statement }) => ({ table, how, rows: statement.run(userId).changes })))();
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
