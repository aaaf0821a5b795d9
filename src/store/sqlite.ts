/**
 * The store in one SQLite file (better-sqlite3 12: synchronous, so a binding is committed before the
 * reply says so). WAL mode with synchronous=FULL: a committed transaction survives a kill -9 or a power
 * cut. The schema carries its version; MIGRATIONS[n] takes version n to n+1, each in one transaction.
 */
import Database from 'better-sqlite3';
import {
  FORGOTTEN_USER,
  type AddedArticle,
  type Binding,
  type DeskStore,
  type FeedbackEntry,
  type FeedbackQuery,
  type FollowUpThread,
  type ForgetCount,
  type GivenAnswer,
  type LoggedQuestion,
  type QuestionOutcome,
  type ThreadTurn,
  type Vote,
  THREAD_TURNS_KEPT,
} from './types.js';
import { binding, given, logged, thread, threadTurn, voteOf, type AddRow, type AnswerRow, type BindingRow, type QuestionRow, type ThreadRow, type TurnRow, type VoteRow } from './rows.js';
import { migrate, USER_KEYED } from './schema.js';

export { SCHEMA_VERSION } from './schema.js';

/** The file's name under DATA_DIR. */
export const DATABASE_FILE = 'desk.sqlite';

export class SqliteStore implements DeskStore {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string, string], BindingRow>;
  readonly #put: Database.Statement<[string, string, string, string, string]>;
  readonly #all: Database.Statement<[], BindingRow>;
  readonly #log: Database.Statement<[string, string, string, string, string]>;
  readonly #adds: Database.Statement<[string], AddRow>;
  readonly #putAnswer: Database.Statement<[string, string, string, string, string | null, string | null, string, string, string | null]>;
  readonly #getAnswer: Database.Statement<[string], AnswerRow>;
  readonly #putVote: Database.Statement<[string, string, string, string | null, string | null, string, string]>;
  readonly #getVote: Database.Statement<[string, string], VoteRow>;
  readonly #forgetVotes: Database.Statement<[string]>;
  readonly #pruneAnswers: Database.Statement<[string]>;
  readonly #ask: Database.Statement<[string, string, string, string | null, string | null, string, string]>;
  readonly #pruneQuestions: Database.Statement<[string]>;
  readonly #putThread: Database.Statement<[string, string, string, string, string, string]>;
  readonly #threadOf: Database.Statement<[string], ThreadRow>;
  readonly #threadOn: Database.Statement<[string], ThreadRow>;
  readonly #putTurn: Database.Statement<[string, string, string, string | null, string | null, string]>;
  readonly #touchThread: Database.Statement<[string, string]>;
  readonly #trimTurns: Database.Statement<[string, string, number]>;
  readonly #turns: Database.Statement<[string, number], TurnRow>;
  readonly #idleThreads: Database.Statement<[string], { thread_id: string }>;
  readonly #dropThread: Database.Statement<[string]>;
  readonly #dropTurns: Database.Statement<[string]>;
  readonly #forgetUser: readonly { table: string; how: ForgetCount['how']; statement: Database.Statement<[string]> }[];

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
    this.#putAnswer = db.prepare('INSERT INTO answers_given (id, story_id, question, tier, span, passage, sources, answered_at, turn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.#getAnswer = db.prepare('SELECT * FROM answers_given WHERE id = ?');
    // REPLACE gives the row a new id, so "newest first" puts a changed vote first among votes of the same second
    this.#putVote = db.prepare(
      `INSERT OR REPLACE INTO feedback (answer_id, user_id, vote, reason, note, at)
       SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM answers_given WHERE id = ?)`,
    );
    this.#getVote = db.prepare('SELECT answer_id, user_id, vote, reason, note, at FROM feedback WHERE answer_id = ? AND user_id = ?');
    this.#forgetVotes = db.prepare('DELETE FROM feedback WHERE user_id = ?');
    this.#pruneAnswers = db.prepare('DELETE FROM answers_given WHERE answered_at < ? AND NOT EXISTS (SELECT 1 FROM feedback WHERE answer_id = answers_given.id)');
    this.#ask = db.prepare('INSERT INTO question_log (story_id, question, outcome, guild_id, channel_id, user_id, asked_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#pruneQuestions = db.prepare('DELETE FROM question_log WHERE asked_at < ?');
    this.#putThread = db.prepare('INSERT INTO follow_up_threads (thread_id, guild_id, story_id, answer_id, created_at, last_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.#threadOf = db.prepare('SELECT * FROM follow_up_threads WHERE thread_id = ?');
    this.#threadOn = db.prepare('SELECT * FROM follow_up_threads WHERE answer_id = ?');
    this.#putTurn = db.prepare('INSERT INTO follow_up_turns (thread_id, question, kind, answer, passage, asked_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.#touchThread = db.prepare('UPDATE follow_up_threads SET last_at = max(last_at, ?) WHERE thread_id = ?');
    this.#trimTurns = db.prepare('DELETE FROM follow_up_turns WHERE thread_id = ? AND id NOT IN (SELECT id FROM follow_up_turns WHERE thread_id = ? ORDER BY id DESC LIMIT ?)');
    this.#turns = db.prepare('SELECT question, kind, answer, passage, asked_at FROM (SELECT * FROM follow_up_turns WHERE thread_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id');
    this.#idleThreads = db.prepare('SELECT thread_id FROM follow_up_threads WHERE last_at < ?');
    this.#dropThread = db.prepare('DELETE FROM follow_up_threads WHERE thread_id = ?');
    this.#dropTurns = db.prepare('DELETE FROM follow_up_turns WHERE thread_id = ?');
    this.#forgetUser = USER_KEYED.map(({ table, column, how }) => ({
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

  recordAnswer(a: GivenAnswer): void {
    this.#putAnswer.run(a.id, a.storyId, a.question, a.tier, a.span, a.passage, JSON.stringify(a.sources), a.answeredAt, a.turn ? JSON.stringify(a.turn) : null);
  }

  answerById(id: string): GivenAnswer | null {
    const row = this.#getAnswer.get(id);
    return row ? given(row) : null;
  }

  vote(v: Vote): boolean {
    return this.#putVote.run(v.answerId, v.userId, v.vote, v.reason, v.note, v.at, v.answerId).changes > 0;
  }

  voteOf(answerId: string, userId: string): Vote | null {
    const row = this.#getVote.get(answerId, userId);
    return row ? voteOf(row) : null;
  }

  feedback(query: FeedbackQuery): FeedbackEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.vote) {
      where.push('f.vote = ?');
      params.push(query.vote);
    }
    if (query.storyId) {
      where.push('a.story_id = ?');
      params.push(query.storyId);
    }
    if (query.limit !== undefined) params.push(query.limit);
    const rows = this.#db
      .prepare(
        `SELECT f.answer_id, f.user_id, f.vote, f.reason, f.note, f.at, a.* FROM feedback f JOIN answers_given a ON a.id = f.answer_id
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.at DESC, f.id DESC ${query.limit !== undefined ? 'LIMIT ?' : ''}`,
      )
      .all(...params) as (VoteRow & AnswerRow)[];
    return rows.map((r) => ({ ...voteOf(r), answer: given(r) }));
  }

  forgetVotes(userId: string): number {
    return this.#forgetVotes.run(userId).changes;
  }

  pruneAnswers(before: string): number {
    return this.#pruneAnswers.run(before).changes;
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
    return this.#pruneQuestions.run(cutoff).changes;
  }

  openThread(t: Omit<FollowUpThread, 'lastAt'>, first: ThreadTurn): FollowUpThread {
    return this.#db.transaction(() => {
      const existing = this.#threadOn.get(t.answerId);
      if (existing) return thread(existing);
      // a thread id is Discord's and never reused; a row under it from an answer since pruned is replaced
      this.#dropTurns.run(t.threadId);
      this.#dropThread.run(t.threadId);
      this.#putThread.run(t.threadId, t.guildId, t.storyId, t.answerId, t.createdAt, first.askedAt);
      this.#putTurn.run(t.threadId, first.question, first.kind, first.answer, first.passage, first.askedAt);
      return { ...t, lastAt: first.askedAt };
    })();
  }

  threadOf(threadId: string): FollowUpThread | null {
    const row = this.#threadOf.get(threadId);
    return row ? thread(row) : null;
  }

  threadOn(answerId: string): FollowUpThread | null {
    const row = this.#threadOn.get(answerId);
    return row ? thread(row) : null;
  }

  addTurn(threadId: string, turn: ThreadTurn): boolean {
    return this.#db.transaction(() => {
      if (this.#touchThread.run(turn.askedAt, threadId).changes === 0) return false;
      this.#putTurn.run(threadId, turn.question, turn.kind, turn.answer, turn.passage, turn.askedAt);
      this.#trimTurns.run(threadId, threadId, THREAD_TURNS_KEPT);
      return true;
    })();
  }

  turns(threadId: string, limit: number = THREAD_TURNS_KEPT): ThreadTurn[] {
    if (limit <= 0) return [];
    return this.#turns.all(threadId, Math.floor(limit)).map(threadTurn);
  }

  pruneThreads(before: string): number {
    return this.#db.transaction(() => {
      const idle = this.#idleThreads.all(before);
      for (const { thread_id } of idle) {
        this.#dropTurns.run(thread_id);
        this.#dropThread.run(thread_id);
      }
      return idle.length;
    })();
  }

  forgetUser(userId: string): ForgetCount[] {
    return this.#db.transaction(() => this.#forgetUser.map(({ table, how, statement }) => ({ table, how, rows: statement.run(userId).changes })))();
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
