/**
 * Weights of the sentence ranker's features (see features.ts). Calibrated by scripts/train-ranker.ts
 * (pairwise logistic regression on the shared question sets, checked on held-out halves).
 */
import type { FeatureName } from './features.js';

export const RANK_MODEL: Readonly<Record<FeatureName, number>> = Object.freeze({
  bm25: -0.459,
  paragraph: 2.609,
  neighbour: -0.387,
  coverage: 4.766,
  soft: 4.617,
  typedNumber: 0.836,
  typedDate: 1.041,
  typedName: 0.499,
  bigram: 0.087,
  fresh: -3.483,
  length: 0.256,
  firstRank: 0.748,
  title: 2.457,
  focus: 1.334,
  lead: -0.072,
  missingNumber: -0.812,
  missingDate: -1.018,
  missingName: -0.476,
  paragraphCoverage: 0.702,
  windowCoverage: 2.945,
  proximity: 0.476,
  freshProper: -0.319,
  whatName: 0.075,
  whatNumber: -0.03,
  localCoverage: 0,
  localWindow: 0,
});
