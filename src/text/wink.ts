/**
 * wink-nlp, loaded so that what it makes of a text does not depend on the texts it read before.
 *
 * wink keeps one lexicon per instance and adds every word it does not know to it, for good; its tokenizer
 * then takes any word of that lexicon whole ("Stone’s", once met inside a quotation, is no longer split
 * into "Stone" + "’s"). A text's tokens, and so its sentences, depended on which articles the thread had
 * read before it: three cold loads of one corpus gave three sentence counts. A new instance per text
 * would cost ~115 ms; instead the lexicon is put back as the model left it before each text is read —
 * the words added are removed from the model's tables and wink's cache of their features is made anew
 * (~10 µs). wink's cache keeps that part in a closure, so its factory is wrapped while wink loads.
 */
import { createRequire } from 'node:module';
import type WinkFn from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Methods = Record<string, unknown>;
type CacheFactory = (model: CoreModel, featureFn: unknown) => Methods;
/** The parts of wink's core model that grow as words are met: each feature's values, with an index. */
interface CoreModel {
  features: Record<string, { list?: unknown[]; hash?: Record<string, number>; index?: number }>;
}

const load = createRequire(import.meta.url);
const cachePath = load.resolve('wink-nlp/src/cache.js');
const makeCache = load(cachePath) as CacheFactory;
let made: { methods: Methods; model: CoreModel; featureFn: unknown } | null = null;
const cacheModule = load.cache[cachePath];
if (!cacheModule) throw new Error('wink-nlp: its cache module did not load');
cacheModule.exports = ((core: CoreModel, featureFn: unknown): Methods => {
  const methods = makeCache(core, featureFn);
  made = { methods, model: core, featureFn };
  return methods;
}) satisfies CacheFactory;
// wink-nlp.js takes its cache factory when it is first evaluated: evaluate it again if something loaded it before
const mainPath = load.resolve('wink-nlp');
delete load.cache[mainPath];
const winkNLP = load(mainPath) as typeof WinkFn;

// sentence boundaries, parts of speech and entities only: nothing reads wink's negation flags or sentiment
// scores, and leaving them out of the pipe changes none of the rest (checked on every sentence of the
// bench corpora and the shared ones) while saving a fifth of readDoc's time
export const nlp = winkNLP(model, ['sbd', 'pos', 'ner']);
const instance = made as { methods: Methods; model: CoreModel; featureFn: unknown } | null;
if (!instance) throw new Error('wink-nlp: its cache could not be reached');

/** Features whose values wink adds to as it meets new words, with how many values the model has. */
const growing = Object.values(instance.model.features)
  .filter((f) => Array.isArray(f.list) && f.hash !== undefined && typeof f.index === 'number')
  .map((f) => ({ feature: f as Required<CoreModel['features'][string]>, size: f.list!.length }));

/** Puts wink's lexicon back as the model left it (nothing to do when the last text added no word). */
function resetLexicon(): void {
  let grown = false;
  for (const { feature, size } of growing) {
    if (feature.list.length === size) continue;
    grown = true;
    for (let i = size; i < feature.list.length; i++) delete feature.hash[feature.list[i] as string];
    feature.list.length = size;
    feature.index = size;
  }
  // the features of added words sit in an array of the cache's closure, indexed by the words' ids:
  // a new cache starts it empty, and the instance (its automata too) holds the object its methods are copied to
  if (grown) Object.assign(instance!.methods, makeCache(instance!.model, instance!.featureFn));
}

/** wink's reading of `text`, as a new instance would read it. */
export function readDoc(text: string): ReturnType<typeof nlp.readDoc> {
  resetLexicon();
  return nlp.readDoc(text);
}
