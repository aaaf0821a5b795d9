/**
 * The desk database's schema: MIGRATIONS[n] takes version n to n+1, each in one transaction, and the
 * columns holding a user id for `npm run forget`.
 */
import type Database from 'better-sqlite3';
import type { ForgetCount } from './types.js';

/** Each step takes the schema from its index to the next version; append only, never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
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
  // feedback: the /ask answers as given, and one vote per person per answer (a second replaces the first)
  `CREATE TABLE answers_given (
     id TEXT PRIMARY KEY,
     story_id TEXT NOT NULL,
     question TEXT NOT NULL,
     tier TEXT NOT NULL,
     span TEXT,
     passage TEXT,
     sources TEXT NOT NULL,
     answered_at TEXT NOT NULL
   );
   CREATE INDEX answers_given_at ON answers_given (answered_at);
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     answer_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
     reason TEXT,
     note TEXT,
     at TEXT NOT NULL,
     UNIQUE (answer_id, user_id)
   );
   CREATE INDEX feedback_recent ON feedback (vote, at);
   CREATE INDEX feedback_user ON feedback (user_id);`,
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
  // follow-up threads: the turn an answer starts a thread from, the threads opened on answers and their last turns
  `ALTER TABLE answers_given ADD COLUMN turn TEXT;
   CREATE TABLE follow_up_threads (
     thread_id TEXT PRIMARY KEY,
     guild_id TEXT NOT NULL,
     story_id TEXT NOT NULL,
     answer_id TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     last_at TEXT NOT NULL
   );
   CREATE INDEX follow_up_threads_last ON follow_up_threads (last_at);
   CREATE TABLE follow_up_turns (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     thread_id TEXT NOT NULL,
     question TEXT NOT NULL,
     kind TEXT NOT NULL,
     answer TEXT,
     passage TEXT,
     asked_at TEXT NOT NULL
   );
   CREATE INDEX follow_up_turns_thread ON follow_up_turns (thread_id, id);`,
];

/**
 * Every column holding a user id, and what forgetting that user does to its rows: the user's own entries
 * are deleted; the desk's state (a channel's binding, the provenance of an added article) stays, with the
 * id cleared. A new user-keyed table joins `npm run forget` with one line here.
 */
export const USER_KEYED: readonly { table: string; column: string; how: ForgetCount['how'] }[] = [
  { table: 'feedback', column: 'user_id', how: 'deleted' },
  { table: 'question_log', column: 'user_id', how: 'deleted' },
  { table: 'bindings', column: 'bound_by', how: 'anonymised' },
  { table: 'added_articles', column: 'added_by', how: 'anonymised' },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema up to SCHEMA_VERSION; refuses a file written by a newer version of the bot. */
export function migrate(db: Database.Database): void {
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
