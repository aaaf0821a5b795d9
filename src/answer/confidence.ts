/**
 * How sure the engine is that its best sentence answers the question: a logistic model over a few
 * signals a reader would weigh — how much of the question the sentence covers (in its own article, and
 * with other words for the same thing), whether it holds the kind of answer asked for, how far it stands
 * above the next candidate, and whether the question uses words the coverage never does. Calibrated by
 * scripts/calibrate.ts on the shared question sets and the development set; the engine abstains below
 * {@link ABSTAIN_BELOW}.
 */
import type { ParsedQuestion } from './question.js';
import type { RankedSentence } from './rank.js';
import { SETTINGS } from '../settings.js';
import file from '../../data/confidence-model.json' with { type: 'json' };
import { weightsOf } from './weights.js';

export const CONFIDENCE_INPUTS = ['bias', 'coverage', 'localCoverage', 'windowCoverage', 'soft', 'typed', 'untyped', 'missing', 'margin', 'counted'] as const;
export type ConfidenceInput = (typeof CONFIDENCE_INPUTS)[number];

/** Learned by scripts/calibrate.ts, which writes data/confidence-model.json. */
export const CONFIDENCE_MODEL: Readonly<Record<ConfidenceInput, number>> = weightsOf(file, CONFIDENCE_INPUTS, 'data/confidence-model.json');

/** Below this confidence the engine abstains and shows the closest facts instead. */
export const ABSTAIN_BELOW = SETTINGS.confidence.abstainBelow;
/** From this confidence up to {@link ABSTAIN_BELOW} the engine says "not sure"; below it, that the coverage doesn't say. */
export const NOT_SURE_FROM = SETTINGS.confidence.notSureFrom;

const TYPED_KINDS = new Set(['how-many', 'when', 'who', 'where']);
const FIGURE_SORTS = new Set(['money', 'age', 'percent', 'count', 'duration']);

/** The signals the confidence is computed from. */
export function confidenceInputs(best: RankedSentence, second: RankedSentence | undefined, q: ParsedQuestion, missing: number): Record<ConfidenceInput, number> {
  const f = best.features;
  // "what is the population of…" wants a figure as much as "how many" does
  const wantsType = TYPED_KINDS.has(q.kind) || (q.sort !== null && FIGURE_SORTS.has(q.sort));
  const hasType = f.typedNumber + f.typedDate + f.typedName + f.dateFact + f.personFact + f.sortFit > 0;
  return {
    bias: 1,
    coverage: f.coverage,
    localCoverage: f.localCoverage,
    windowCoverage: f.windowCoverage,
    soft: Math.min(1, f.soft),
    typed: wantsType && hasType ? 1 : 0,
    untyped: wantsType && !hasType ? 1 : 0,
    missing,
    margin: second ? Math.min(2, best.score - second.score) : 2,
    counted: f.countedFocus,
  };
}

/** Probability-like confidence (0..1) from the inputs. */
export function confidenceOf(inputs: Record<ConfidenceInput, number>, model: Readonly<Record<ConfidenceInput, number>> = CONFIDENCE_MODEL): number {
  let z = 0;
  for (const name of CONFIDENCE_INPUTS) z += inputs[name] * model[name];
  return 1 / (1 + Math.exp(-z));
}
