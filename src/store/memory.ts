/** The store kept in memory: for a run whose database could not be opened (and said so at start). */
import {
  FORGOTTEN_USER,
  THREAD_TURNS_KEPT,
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
} from './types.js';

const key = (guildId: string, channelId: string): string => `${guildId}/${channelId}`;

export class MemoryStore implements DeskStore {
  readonly kind = 'memory' as const;
  readonly #bindings = new Map<string, Binding>();
  readonly #adds: AddedArticle[] = [];
  readonly #answers = new Map<string, GivenAnswer>();
  /** By answer id, then user id; a Map keeps the order votes were last set in. */
  readonly #votes = new Map<string, Vote>();
  #questions: LoggedQuestion[] = [];
  readonly #threads = new Map<string, FollowUpThread & { turns: ThreadTurn[] }>();

  bindingOf(guildId: string, channelId: string): Binding | null {
    return this.#bindings.get(key(guildId, channelId)) ?? null;
  }

  bind(binding: Binding): void {
    this.#bindings.set(key(binding.guildId, binding.channelId), { ...binding });
  }

  bindings(): Binding[] {
    return [...this.#bindings.values()];
  }

  logAdd(entry: AddedArticle): void {
    this.#adds.push(entry);
  }

  adds(storyId: string): AddedArticle[] {
    return this.#adds.filter((a) => a.storyId === storyId).reverse();
  }

  recordAnswer(answer: GivenAnswer): void {
    this.#answers.set(answer.id, structuredClone(answer));
  }

  answerById(id: string): GivenAnswer | null {
    const found = this.#answers.get(id);
    return found ? structuredClone(found) : null;
  }

  vote(vote: Vote): boolean {
    if (!this.#answers.has(vote.answerId)) return false;
    const k = `${vote.answerId}/${vote.userId}`;
    this.#votes.delete(k);
    this.#votes.set(k, { ...vote });
    return true;
  }

  voteOf(answerId: string, userId: string): Vote | null {
    const found = this.#votes.get(`${answerId}/${userId}`);
    return found ? { ...found } : null;
  }

  feedback(query: FeedbackQuery): FeedbackEntry[] {
    const entries: FeedbackEntry[] = [];
    for (const v of this.#votes.values()) {
      const answer = this.#answers.get(v.answerId);
      if (!answer || (query.vote && v.vote !== query.vote) || (query.storyId && answer.storyId !== query.storyId)) continue;
      entries.push({ ...v, answer: structuredClone(answer) });
    }
    // newest first by time, the later vote first at the same time (as SQLite's rowid order)
    const sorted = entries.reverse().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return query.limit === undefined ? sorted : sorted.slice(0, query.limit);
  }

  forgetVotes(userId: string): number {
    let n = 0;
    for (const [k, v] of this.#votes) if (v.userId === userId && this.#votes.delete(k)) n++;
    return n;
  }

  pruneAnswers(before: string): number {
    const voted = new Set([...this.#votes.values()].map((v) => v.answerId));
    let n = 0;
    for (const [id, a] of this.#answers) if (a.answeredAt < before && !voted.has(id) && this.#answers.delete(id)) n++;
    return n;
  }

  logQuestion(entry: LoggedQuestion): void {
    this.#questions.push({ ...entry });
  }

  questions(storyId: string, outcomes: readonly QuestionOutcome[], limit: number): LoggedQuestion[] {
    return this.#questions
      .filter((q) => q.storyId === storyId && outcomes.includes(q.outcome))
      .reverse()
      .slice(0, Math.max(0, limit));
  }

  pruneQuestions(cutoff: string): number {
    const before = this.#questions.length;
    this.#questions = this.#questions.filter((q) => q.askedAt >= cutoff);
    return before - this.#questions.length;
  }

  openThread(thread: Omit<FollowUpThread, 'lastAt'>, first: ThreadTurn): FollowUpThread {
    const existing = this.threadOn(thread.answerId);
    if (existing) return existing;
    this.#threads.set(thread.threadId, { ...thread, lastAt: first.askedAt, turns: [{ ...first }] });
    return { ...thread, lastAt: first.askedAt };
  }

  threadOf(threadId: string): FollowUpThread | null {
    const found = this.#threads.get(threadId);
    if (!found) return null;
    const { turns: _turns, ...thread } = found;
    return thread;
  }

  threadOn(answerId: string): FollowUpThread | null {
    for (const t of this.#threads.values()) if (t.answerId === answerId) return this.threadOf(t.threadId);
    return null;
  }

  addTurn(threadId: string, turn: ThreadTurn): boolean {
    const found = this.#threads.get(threadId);
    if (!found) return false;
    found.turns = [...found.turns, { ...turn }].slice(-THREAD_TURNS_KEPT);
    if (turn.askedAt > found.lastAt) found.lastAt = turn.askedAt;
    return true;
  }

  turns(threadId: string, limit: number = THREAD_TURNS_KEPT): ThreadTurn[] {
    if (limit <= 0) return [];
    return (this.#threads.get(threadId)?.turns ?? []).slice(-Math.floor(limit)).map((t) => ({ ...t }));
  }

  pruneThreads(before: string): number {
    let n = 0;
    for (const [id, t] of this.#threads) if (t.lastAt < before && this.#threads.delete(id)) n++;
    return n;
  }

  /** As the SQLite store's: the user's questions deleted, their id cleared from bindings and the add log. */
  forgetUser(userId: string): ForgetCount[] {
    const votes = this.forgetVotes(userId);
    const questions = this.#questions.length;
    this.#questions = this.#questions.filter((q) => q.userId !== userId);
    let bindings = 0;
    for (const b of this.#bindings.values()) {
      if (b.boundBy === userId) {
        b.boundBy = FORGOTTEN_USER;
        bindings++;
      }
    }
    let adds = 0;
    for (const a of this.#adds) {
      if (a.addedBy === userId) {
        a.addedBy = FORGOTTEN_USER;
        adds++;
      }
    }
    return [
      { table: 'feedback', rows: votes, how: 'deleted' },
      { table: 'question_log', rows: questions - this.#questions.length, how: 'deleted' },
      { table: 'bindings', rows: bindings, how: 'anonymised' },
      { table: 'added_articles', rows: adds, how: 'anonymised' },
    ];
  }

  close(): void {}
}
