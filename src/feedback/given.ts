/**
 * What of an /ask answer is kept so that people can rate it (the question, the short answer, the passage
 * given first and where it was quoted from, the story and the tier) or open a follow-up thread on it (its turn). Pure; the Discord front end stores
 * it when the answer is sent and puts its id on the 👍 / 👎 buttons.
 */
import { turnOf } from '../answer/followUp.js';
import type { Answer } from '../answer/types.js';
import type { Page } from '../render/paging.js';
import type { RateableAnswer } from '../store/types.js';

/** The part of an answer feedback refers to; the passage is facts[0], the answer or the closest passage. */
export function rateableAnswer(answer: Answer, storyId: string): RateableAnswer {
  const best = answer.facts[0];
  return {
    storyId,
    question: answer.question,
    tier: answer.tier,
    span: answer.answered ? (best?.span?.text ?? null) : null,
    passage: best?.text ?? null,
    sources: (best?.sources ?? []).map((s) => ({ outlet: s.outlet, file: s.file, paragraph: s.paragraph })),
    // what a follow-up thread opened on the answer starts from
    turn: turnOf(answer),
  };
}

/** The pages of an answer, each marked with what people may rate (a front end without buttons ignores it). */
export function withRating(pages: readonly Page[], rateable: RateableAnswer): Page[] {
  return pages.map((p) => ({ ...p, rateable }));
}
