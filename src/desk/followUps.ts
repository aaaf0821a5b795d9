/**
 * Follow-up threads: a thread opened with "Follow up" on an answer is bound to the answer's story, and its
 * /ask questions are read with its earlier turns (the last few, oldest first), so that "How many of them
 * were Polish?" asks about what was asked before. The state lives in the store, so a thread keeps its
 * context across a restart; a thread idle for FOLLOW_UP_KEEP_DAYS loses it. Nothing here knows Discord.
 */
import { turnOf } from '../answer/followUp.js';
import type { Answer, EarlierTurn, QuestionKind } from '../answer/types.js';
import { THREAD_TURNS_KEPT, type DeskStore, type FollowUpThread, type GivenAnswer, type Turn } from '../store/types.js';

/** A thread with no question for this long forgets its context (and its questions). */
export const FOLLOW_UP_KEEP_DAYS = 30;
const DAY_MS = 86_400_000;
/** Pruning runs with the first write after this much time since the last. */
const PRUNE_EVERY_MS = 3_600_000;

/** Where a question was asked, as the desk's Place has it. */
interface Where {
  guildId: string | null;
  channelId: string | null;
  parentId: string | null;
}

/** A follow-up thread's context for the question being asked. */
export interface FollowUpContext {
  threadId: string;
  /** Oldest first. */
  earlier: EarlierTurn[];
}

/** The thread opened, or the one the answer already had. */
export interface OpenedThread {
  thread: FollowUpThread;
  /** False when the answer already had a thread on record (a second click). */
  created: boolean;
}

/** The turn a thread opened on `given` starts from: the one kept with it, else what the kept answer says. */
export function firstTurn(given: GivenAnswer): Turn {
  if (given.turn) return given.turn;
  // an answer kept before threads: the tier says whether its passage was given as the answer
  return { question: given.question, kind: 'other', answer: given.span, passage: given.tier === 'answer' ? given.passage : null };
}

/** A stored turn as the engine takes it; the kind was the engine's own when it was stored. */
const earlierTurn = (t: Turn): EarlierTurn => ({ question: t.question, kind: t.kind as QuestionKind, answer: t.answer, passage: t.passage });

export class FollowUps {
  #lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: DeskStore,
    private readonly keepDays: number = FOLLOW_UP_KEEP_DAYS,
    /** Told when reading or writing a thread's turns fails; the question is answered all the same (as asked). */
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** The follow-up thread a question is asked in, with its earlier turns; null anywhere else or for another story. */
  at(place: Where, storyId: string): FollowUpContext | null {
    if (place.guildId === null || place.channelId === null || place.parentId === null) return null;
    try {
      const thread = this.store.threadOf(place.channelId);
      if (!thread || thread.guildId !== place.guildId || thread.storyId !== storyId) return null;
      return { threadId: thread.threadId, earlier: this.store.turns(thread.threadId, THREAD_TURNS_KEPT).map(earlierTurn) };
    } catch (error) {
      this.onError(error);
      return null;
    }
  }

  /** Adds the answer just given to the thread's turns; false when the thread is no longer on record or the write failed. */
  record(threadId: string, answer: Answer, now: Date): boolean {
    try {
      this.#pruneNowAndThen(now);
      return this.store.addTurn(threadId, { ...turnOf(answer), askedAt: now.toISOString() });
    } catch (error) {
      this.onError(error);
      return false;
    }
  }

  /** The thread already opened on an answer, or null. */
  threadOn(answerId: string): FollowUpThread | null {
    return this.store.threadOn(answerId);
  }

  /**
   * Records a thread opened on a kept answer, starting from that answer's turn. The caller binds the thread
   * to `given.storyId`. A thread already on record for the answer is returned instead (created: false).
   */
  open(given: GivenAnswer, where: { guildId: string; threadId: string }, now: Date): OpenedThread {
    this.#pruneNowAndThen(now);
    const before = this.store.threadOn(given.id);
    if (before) return { thread: before, created: false };
    const at = now.toISOString();
    const thread = this.store.openThread({ threadId: where.threadId, guildId: where.guildId, storyId: given.storyId, answerId: given.id, createdAt: at }, { ...firstTurn(given), askedAt: at });
    return { thread, created: true };
  }

  /** Deletes the threads idle for longer than keepDays before `now`; returns how many went. */
  prune(now: Date): number {
    return this.store.pruneThreads(new Date(now.getTime() - this.keepDays * DAY_MS).toISOString());
  }

  #pruneNowAndThen(now: Date): void {
    if (now.getTime() - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now.getTime();
    this.prune(now);
  }
}
