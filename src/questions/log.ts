/**
 * The question log: every question asked at /ask (and the console) with its outcome, kept for
 * QUESTION_LOG_DAYS so the desk can list what its coverage could not answer. It keeps Discord ids only,
 * never names, and nothing at all when turned off. A failed write is reported and never stops an answer.
 */
import { questionProblem } from '../answer/answer.js';
import type { AnswerTier } from '../answer/types.js';
import type { DeskStore, LoggedQuestion } from '../store/types.js';
import { outcomeOf, UNANSWERED } from './outcome.js';
import { DEFAULT_QUESTION_LOG, type QuestionLogSettings } from './settings.js';

export { DEFAULT_QUESTION_LOG, type QuestionLogSettings } from './settings.js';

/** How many of a story's latest unanswered questions /unanswered reads: enough for weeks of a busy desk. */
export const UNANSWERED_LIMIT = 2_000;

const DAY_MS = 86_400_000;

/** Questions asked before this time are past keeping. */
export function pruneCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** A question just answered, as the front end knows it. */
export interface AskedQuestion {
  storyId: string;
  question: string;
  tier: AnswerTier;
  place: { guildId: string | null; channelId: string | null };
  userId: string;
  at: Date;
}

export class QuestionLog {
  constructor(
    private readonly store: DeskStore,
    readonly settings: QuestionLogSettings = DEFAULT_QUESTION_LOG,
    /** Told when a write fails (a locked or full disk); the answer is sent all the same. */
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** Logs one question; true when it was written. An empty or unusable question is not a gap: not logged. */
  record(q: AskedQuestion): boolean {
    if (!this.settings.enabled) return false;
    const question = q.question.replace(/\s+/g, ' ').trim();
    if (questionProblem(question) !== null) return false;
    const entry: LoggedQuestion = {
      storyId: q.storyId,
      question,
      outcome: outcomeOf(q.tier),
      guildId: q.place.guildId,
      channelId: q.place.channelId,
      userId: q.userId,
      askedAt: q.at.toISOString(),
    };
    try {
      this.store.logQuestion(entry);
      return true;
    } catch (error) {
      this.onError(error);
      return false;
    }
  }

  /** The story's questions that got "not sure" or "doesn't say", newest first. */
  unanswered(storyId: string, limit = UNANSWERED_LIMIT): LoggedQuestion[] {
    return this.store.questions(storyId, UNANSWERED, limit);
  }

  /** Deletes the questions older than QUESTION_LOG_DAYS before `now`; returns how many went. */
  prune(now: Date): number {
    return this.store.pruneQuestions(pruneCutoff(now, this.settings.days).toISOString());
  }
}

/**
 * Prunes now and then every `everyMs` (hourly by default), reading the time from `clock` at each run.
 * The timer is unref'd: it never keeps the process alive. Returns the function that stops it.
 */
export function schedulePruning(
  log: QuestionLog,
  options: { clock: () => Date; everyMs?: number; onPruned?: (rows: number) => void; onError?: (error: unknown) => void },
): () => void {
  const run = (): void => {
    try {
      const rows = log.prune(options.clock());
      options.onPruned?.(rows);
    } catch (error) {
      options.onError?.(error);
    }
  };
  run();
  const timer = setInterval(run, options.everyMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
