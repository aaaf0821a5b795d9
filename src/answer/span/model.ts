/**
 * The short-answer model: a weight per feature name, trained by scripts/train-span.ts (softmax over the
 * candidates of a sentence, on SQuAD questions with the gold answers) and kept in data/span-model.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandFeature, type Emit } from './features.js';

export interface SpanModel {
  weights: ReadonlyMap<string, number>;
  /** Per question kind and sort, each feature name's weight with its conjunctions added up. */
  resolved: Map<string, Map<string, number>>;
}

export const SPAN_MODEL_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'span-model.json');

/** A model from its JSON form `{ "weights": { name: weight } }`. */
export function spanModelOf(json: { weights: Record<string, number> }): SpanModel {
  return { weights: new Map(Object.entries(json.weights)), resolved: new Map() };
}

let loaded: SpanModel | null = null;

/** The model the engine ships with, read once. */
export function spanModel(): SpanModel {
  loaded ??= spanModelOf(JSON.parse(readFileSync(SPAN_MODEL_FILE, 'utf8')) as { weights: Record<string, number> });
  return loaded;
}

/** A scorer for one question: `emit` adds a feature's weight to `total`. */
export function spanScorer(model: SpanModel, qk: string, qs: string): { emit: Emit; take: () => number } {
  const key = `${qk} ${qs}`;
  let table = model.resolved.get(key);
  if (!table) model.resolved.set(key, (table = new Map()));
  const t = table;
  let total = 0;
  return {
    emit(name, value, conj) {
      let w = t.get(name);
      if (w === undefined) {
        let sum = 0;
        expandFeature(name, conj, qk, qs, (full) => (sum += model.weights.get(full) ?? 0));
        t.set(name, (w = sum));
      }
      total += w * value;
    },
    take() {
      const s = total;
      total = 0;
      return s;
    },
  };
}
