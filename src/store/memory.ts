/** The store kept in memory: for a run whose database could not be opened (and said so at start). */
import { FORGOTTEN_USER, type AddedArticle, type Binding, type DeskStore, type ForgetCount, type LoggedQuestion, type QuestionOutcome } from './types.js';

const key = (guildId: string, channelId: string): string => `${guildId}/${channelId}`;

export class MemoryStore implements DeskStore {
  readonly kind = 'memory' as const;
  readonly #bindings = new Map<string, Binding>();
  readonly #adds: AddedArticle[] = [];
  #questions: LoggedQuestion[] = [];

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

  /** As the SQLite store's: the user's questions deleted, their id cleared from bindings and the add log. */
  forgetUser(userId: string): ForgetCount[] {
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
      { table: 'question_log', rows: questions - this.#questions.length, how: 'deleted' },
      { table: 'bindings', rows: bindings, how: 'anonymised' },
      { table: 'added_articles', rows: adds, how: 'anonymised' },
    ];
  }

  close(): void {}
}
