/**
 * Weights of the sentence ranker's features (see features.ts). Calibrated by scripts/train-ranker.ts
 * (pairwise logistic regression on the shared question sets, checked on held-out halves).
 */
import type { FeatureName } from './features.js';

export const RANK_MODEL: Readonly<Record<FeatureName, number>> = Object.freeze({
  bm25: -0.782,
  paragraph: 2.242,
  neighbour: -0.127,
  coverage: 0.587,
  soft: 3.33,
  typedNumber: 0.704,
  typedDate: 0.95,
  typedName: 0.405,
  bigram: 0.444,
  fresh: -3.849,
  length: -0.221,
  firstRank: 0.803,
  title: 2.626,
  focus: 0.867,
  lead: 0.019,
  missingNumber: -0.704,
  missingDate: -0.95,
  missingName: -0.405,
  paragraphCoverage: 0.839,
  windowCoverage: 1.28,
  proximity: 0.358,
  freshProper: -0.386,
  whatName: 0.123,
  whatNumber: 0.007,
  localCoverage: 4.686,
  localWindow: 1.251,
  countedFocus: 1.075,
  countedVerb: 0.008,
  dateFact: 0.516,
  personFact: 0.567,
  reasonCue: 0.519,
  speakerQuote: 0.101,
  quotedMatch: 1.048,
});
