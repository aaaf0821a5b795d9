/**
 * What the ranker looks at for one candidate sentence: a small vector of named features, each on a
 * 0..1-ish scale, combined linearly with the weights in rankModel.ts. Keeping them explicit makes the
 * ranking explainable and lets the weights be calibrated on question sets without touching the code.
 * Each feature is a small function in rankFeatures/registry.ts; the parts several of them share are
 * worked out once per candidate (rankFeatures/candidate.ts).
 */
import type { AnalysedSentence } from '../text/analyse.js';
import type { WordVectors } from '../text/embeddings.js';
import type { SentenceFacts } from '../types.js';
import { Candidate } from './rankFeatures/candidate.js';
import { FEATURE_NAMES, type FeatureName, type Features } from './rankFeatures/names.js';
import type { FirstStage, QuestionContext } from './rankFeatures/questionContext.js';
import { FEATURES } from './rankFeatures/registry.js';

export { FEATURE_NAMES, type FeatureName, type Features } from './rankFeatures/names.js';
export { questionContext, type FirstStage, type QuestionContext } from './rankFeatures/questionContext.js';
export { fitsSort } from './rankFeatures/sorts.js';
export { referringSubject } from './reference.js';

/** The feature vector of one candidate sentence, its fields in the order of {@link FEATURE_NAMES}. */
export function candidateFeatures(
  ctx: QuestionContext,
  sentence: AnalysedSentence,
  terms: readonly string[],
  first: FirstStage,
  vectors: WordVectors | null,
  facts?: SentenceFacts,
  /** Question name terms the sentence carries by referring back ("the airline" for the airline named before). */
  referred: readonly string[] = [],
): Features {
  const candidate = new Candidate(ctx, sentence, terms, first, vectors, facts, referred);
  const features = {} as Features;
  for (const name of FEATURE_NAMES) features[name] = FEATURES[name](candidate);
  return features;
}

/** Linear score of a feature vector. */
export function linearScore(f: Features, weights: Readonly<Record<FeatureName, number>>): number {
  let s = 0;
  for (const name of FEATURE_NAMES) s += f[name] * weights[name];
  return s;
}
