/**
 * The question log's settings, apart from the log itself: the configuration reads them, and `npm run
 * forget` reads the configuration, without loading the language engine the log's checks use.
 */
export interface QuestionLogSettings {
  /** QUESTION_LOG: false logs nothing. */
  enabled: boolean;
  /** QUESTION_LOG_DAYS: questions older than this are pruned. */
  days: number;
}

export const DEFAULT_QUESTION_LOG: QuestionLogSettings = Object.freeze({ enabled: true, days: 30 });
