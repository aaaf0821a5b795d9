/**
 * The facts of every sentence (numbers, quotes, attributions, dates, names), kept encoded — one short JSON
 * string per sentence in a {@link PackedStrings} block — and turned into objects only when asked for.
 *
 * A question reads the facts of the few dozen sentences it re-ranks; only the whole-corpus listings
 * (timeline, quotes, conflicts) read them all. Holding 900,000 records as objects cost most of the heap
 * of a 30,000-article corpus and most of a start from the saved index; encoded, they are two typed arrays.
 */
import v8 from 'node:v8';
import { jsonSafe } from '../bytes/jsonSafe.js';
import { v8Bytes } from '../bytes/v8Bytes.js';
import type { SentenceFacts } from '../types.js';
import { PackedStrings, PackedStringsBuilder } from './packedStrings.js';

/** The facts of one sentence before it has a corpus-wide id. */
export type LocalFacts = Omit<SentenceFacts, 'sentenceId'>;

/** One shared empty list for the many sentences without numbers, quotes, dates…: frozen, never written. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** Short keys of the encoded form: most sentences carry one or two kinds of fact. */
interface Encoded {
  n?: SentenceFacts['numbers'];
  q?: SentenceFacts['quotes'];
  a?: SentenceFacts['attributions'];
  d?: SentenceFacts['dates'];
  e?: SentenceFacts['entities'];
}

/** First character of a non-empty code: JSON, or V8's serialisation in base64 (values JSON would change). */
const JSON_MARK = 'J';
const V8_MARK = 'V';

/** The code of one sentence's facts: '' when it has none. */
export function encodeFacts(f: LocalFacts): string {
  if (!f.numbers.length && !f.quotes.length && !f.attributions.length && !f.dates.length && !f.entities.length) return '';
  const e: Encoded = {};
  if (f.numbers.length) e.n = f.numbers;
  if (f.quotes.length) e.q = f.quotes;
  if (f.attributions.length) e.a = f.attributions;
  if (f.dates.length) e.d = f.dates;
  if (f.entities.length) e.e = f.entities;
  return jsonSafe(e) ? JSON_MARK + JSON.stringify(e) : V8_MARK + v8Bytes(e).toString('base64');
}

/**
 * The code of a sentence's facts with `entities` added, from the code of the same facts without names
 * ({@link encodeFacts} of them with `entities: []`): what `encodeFacts` gives for the whole, without
 * encoding the rest again. Names get their corpus-wide keys only once the whole corpus has been read,
 * while the rest of a sentence's facts can be encoded as soon as its article is.
 */
export function withEntities(code: string, entities: SentenceFacts['entities']): string {
  if (!entities.length) return code;
  if ((code === '' || code[0] === JSON_MARK) && jsonSafe(entities)) {
    // the names come last in the encoded object, so they close its JSON
    const names = JSON.stringify(entities);
    return code === '' ? `${JSON_MARK}{"e":${names}}` : `${code.slice(0, -1)},"e":${names}}`;
  }
  return encodeFacts({ ...decodeFacts(0, code), entities });
}

/** The facts of sentence `sentenceId` from their code. @throws on a code {@link encodeFacts} did not write */
export function decodeFacts(sentenceId: number, code: string): SentenceFacts {
  let e: Encoded = {};
  if (code.length) {
    if (code[0] === JSON_MARK) e = JSON.parse(code.slice(1)) as Encoded;
    else if (code[0] === V8_MARK) e = v8.deserialize(Buffer.from(code.slice(1), 'base64')) as Encoded;
    else throw new Error('facts: unknown code');
  }
  return { sentenceId, numbers: e.n ?? NONE, quotes: e.q ?? NONE, attributions: e.a ?? NONE, dates: e.d ?? NONE, entities: e.e ?? NONE };
}

/** Facts decoded and kept at most; past that the kept ones are dropped (a question needs a few dozen). */
const CACHED = 50_000;

/** The facts of every sentence of a corpus, by sentence id. */
export class FactStore implements Iterable<SentenceFacts> {
  // private (#): not part of what the store holds, so two stores of the same facts compare equal
  readonly #cache = new Map<number, SentenceFacts>();

  constructor(
    /** Code of each sentence's facts ({@link encodeFacts}). */
    readonly codes: PackedStrings,
    /** Numbers, quotes, attributions and dates of each sentence (names not counted). */
    readonly counts: Uint32Array,
  ) {
    if (counts.length !== codes.size) throw new Error('facts: counts and codes differ in length');
  }

  /** Builds the store from each sentence's facts, in sentence order. */
  static from(facts: Iterable<LocalFacts>, expected = 1024): FactStore {
    const codes = new PackedStringsBuilder(expected, expected * 64);
    const counts: number[] = [];
    for (const f of facts) {
      codes.push(encodeFacts(f));
      counts.push(f.numbers.length + f.quotes.length + f.attributions.length + f.dates.length);
    }
    return new FactStore(codes.build(), Uint32Array.from(counts));
  }

  /** Number of sentences. */
  get size(): number {
    return this.counts.length;
  }

  /** The facts of a sentence (undefined past the last); the object is shared, not to be changed. */
  get(id: number): SentenceFacts | undefined {
    if (!(id >= 0 && id < this.counts.length)) return undefined;
    let f = this.#cache.get(id);
    if (f === undefined) {
      if (this.#cache.size >= CACHED) this.#cache.clear();
      f = decodeFacts(id, this.codes.get(id));
      this.#cache.set(id, f);
    }
    return f;
  }

  /** Numbers, quotes, attributions and dates of a sentence, without decoding it. */
  count(id: number): number {
    return this.counts[id] ?? 0;
  }

  /** Every sentence's facts in order, decoded one by one (not kept). */
  *[Symbol.iterator](): Iterator<SentenceFacts> {
    for (let id = 0; id < this.counts.length; id++) yield this.#cache.get(id) ?? decodeFacts(id, this.codes.get(id));
  }
}
