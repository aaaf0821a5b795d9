/**
 * The desk's state behind one small interface: which story each channel answers from, the log of
 * articles added through the bot, the answers given with the feedback people left on them, the log of
 * questions asked with their outcome, and the follow-up threads opened on answers with their last turns. SQLite implements it today; a multi-shard deployment would implement
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

/** A place an answer cited: enough to find the paragraph again, without the article's text. */
export interface CitedPlace {
  outlet: string | null;
  /** Path relative to the story folder. */
  file: string;
  /** 1-based paragraph. */
  paragraph: number;
}

/** An /ask answer as given, kept so that feedback on it can say what was answered. */
export interface GivenAnswer {
  /** Short random id: the feedback buttons carry it (a row id would be reused after a database reset). */
  id: string;
  storyId: string;
  question: string;
  /** The engine's tier: "answer", "not-sure" or "not-covered". */
  tier: string;
  /** The short answer (facts[0].span), verbatim; null when the answer has none. */
  span: string | null;
  /** The verbatim passage given first (the answer, or the closest passage); null when none was. */
  passage: string | null;
  /** Where the passage was quoted from. */
  sources: CitedPlace[];
  /** ISO time the answer was given. */
  answeredAt: string;
  /** What a follow-up thread opened on this answer starts from; absent for answers kept before threads. */
  turn?: Turn;
}

/** An answer before it is kept: what a front end with feedback buttons stores. */
export type RateableAnswer = Omit<GivenAnswer, 'id' | 'answeredAt'>;

/** Why a 👎 was given, as the modal offers it. */
export const FEEDBACK_REASONS = ['wrong-answer', 'wrong-part', 'elsewhere'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

/** One person's vote on one answer; a second vote by the same person replaces the first. */
export interface Vote {
  answerId: string;
  /** Discord user id (never a name). */
  userId: string;
  vote: 'up' | 'down';
  /** Only with a 👎, and only when the person said. */
  reason: FeedbackReason | null;
  note: string | null;
  /** ISO time of the (latest) vote. */
  at: string;
}

/** A vote with the answer it is on. */
export interface FeedbackEntry extends Vote {
  answer: GivenAnswer;
}

export interface FeedbackQuery {
  vote?: 'up' | 'down';
  storyId?: string;
  /** Most entries returned, newest first; all when absent. */
  limit?: number;
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

/**
 * One question of a conversation and what was answered, as a follow-up needs it (the engine's EarlierTurn:
 * the question as read, its kind, the short answer, the passage given first). No user id: a turn is the
 * thread's, whoever asked it.
 */
export interface Turn {
  question: string;
  /** The engine's question kind ("how-many", "who", …). */
  kind: string;
  answer: string | null;
  passage: string | null;
}

/** A turn of a follow-up thread, with when it was asked. */
export interface ThreadTurn extends Turn {
  /** ISO time. */
  askedAt: string;
}

/** A thread opened with "Follow up" on an answer: its /ask questions are read with its earlier turns. */
export interface FollowUpThread {
  /** The thread's channel id. */
  threadId: string;
  guildId: string;
  /** The story the answer came from, which the thread is bound to. */
  storyId: string;
  /** The answer (as kept in answers_given) the thread was opened on; one thread per answer. */
  answerId: string;
  /** ISO time the thread was opened. */
  createdAt: string;
  /** ISO time of its latest turn: threads idle too long are pruned. */
  lastAt: string;
}

/** A follow-up is read against this many earlier turns at most; older ones are dropped as turns are added. */
export const THREAD_TURNS_KEPT = 5;

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
  /** Keeps an answer as given (its id chosen by the caller). */
  recordAnswer(answer: GivenAnswer): void;
  answerById(id: string): GivenAnswer | null;
  /** Saves a vote, replacing the same person's earlier vote on the same answer; false when the answer is unknown. */
  vote(vote: Vote): boolean;
  /** The person's current vote on an answer, or null. */
  voteOf(answerId: string, userId: string): Vote | null;
  /** Votes with their answers, newest first. */
  feedback(query: FeedbackQuery): FeedbackEntry[];
  /** Deletes every vote a person gave; returns how many. */
  forgetVotes(userId: string): number;
  /** Deletes the answers given before `before` (ISO) that nobody voted on; returns how many. */
  pruneAnswers(before: string): number;
  logQuestion(entry: LoggedQuestion): void;
  /** The logged questions of a story with one of `outcomes`, newest first, at most `limit`. */
  questions(storyId: string, outcomes: readonly QuestionOutcome[], limit: number): LoggedQuestion[];
  /** Deletes the questions asked before `cutoff` (an ISO time); returns how many went. */
  pruneQuestions(cutoff: string): number;
  /**
   * Records a follow-up thread opened on an answer with its first turn, unless the answer already has one:
   * returns the thread on record for the answer (the existing one then, unchanged).
   */
  openThread(thread: Omit<FollowUpThread, 'lastAt'>, first: ThreadTurn): FollowUpThread;
  threadOf(threadId: string): FollowUpThread | null;
  /** The thread opened on an answer, or null. */
  threadOn(answerId: string): FollowUpThread | null;
  /** Adds a turn (keeping the last THREAD_TURNS_KEPT) and marks the thread active; false for an unknown thread. */
  addTurn(threadId: string, turn: ThreadTurn): boolean;
  /** The thread's latest `limit` turns, oldest first. */
  turns(threadId: string, limit?: number): ThreadTurn[];
  /** Deletes the threads (and their turns) with no turn since `before` (ISO); returns how many threads went. */
  pruneThreads(before: string): number;
  /** Removes a user's rows from every table keyed by a user id, in one transaction. */
  forgetUser(userId: string): ForgetCount[];
  close(): void;
}
