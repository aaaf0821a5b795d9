/**
 * Follow-up questions: a question asked in a thread is read with the thread's earlier questions and answers
 * as context, so that "How many of them were Polish?" or "And the Germans?" ask about what was asked before.
 */
import type { Answer, EarlierTurn } from './types.js';

/** A question as read against the earlier turns: `text` is what the engine answers. */
export interface FollowUpReading {
  text: string;
  /** Set when `text` differs from the question asked. */
  readAs?: string;
}

/** What of an answer a later follow-up needs: the question as read, its kind, the short answer and passage. */
export function turnOf(answer: Answer): EarlierTurn {
  const best = answer.answered ? answer.facts[0] : undefined;
  const span = best?.span?.text ?? null;
  return { question: answer.readAs ?? answer.question, kind: answer.kind, answer: span, passage: best ? best.text : null };
}

/** Reads a question against the earlier turns, newest last; with no earlier turn it is read as asked. */
export function readFollowUp(question: string, earlier: readonly EarlierTurn[]): FollowUpReading {
  if (earlier.length === 0) return { text: question };
  return { text: question };
}
