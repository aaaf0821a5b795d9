/** The engine's answer tier as the question log records it, and how each outcome reads. */
import type { AnswerTier } from '../answer/types.js';
import type { QuestionOutcome } from '../store/types.js';

const BY_TIER: Readonly<Record<AnswerTier, QuestionOutcome>> = { answer: 'answered', 'not-sure': 'not-sure', 'not-covered': 'doesnt-say' };

/** "answer" → answered, "not-sure" → not sure, "not-covered" → the coverage doesn't say. */
export function outcomeOf(tier: AnswerTier): QuestionOutcome {
  return BY_TIER[tier];
}

export const OUTCOME_LABELS: Readonly<Record<QuestionOutcome, string>> = { answered: 'answered', 'not-sure': 'not sure', 'doesnt-say': "doesn't say" };

/** The outcomes that are gaps in the coverage: what /unanswered lists. */
export const UNANSWERED: readonly QuestionOutcome[] = ['not-sure', 'doesnt-say'];
