/**
 * Weights of the sentence ranker's features (see features.ts), learned by scripts/train-ranker.ts, which
 * writes them to data/rank-model.json.
 */
import file from '../../data/rank-model.json' with { type: 'json' };
import { FEATURE_NAMES, type FeatureName } from './features.js';
import { weightsOf } from './weights.js';

export const RANK_MODEL: Readonly<Record<FeatureName, number>> = weightsOf(file, FEATURE_NAMES, 'data/rank-model.json');
