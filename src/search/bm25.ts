/**
 * An inverted index with BM25 scoring over one kind of unit (sentences, or paragraphs). Query time is
 * proportional to the postings of the query's terms, not to the corpus.
 *
 * Postings are stored by term id (see {@link TermDictionary}) in flat typed arrays — where each term's
 * list starts, the unit ids, the term's frequency in each unit, the unit's length — built in one go from
 * the units' term ids. A query is scored a block of units at a time (see {@link BlockScores}), into
 * reused arrays the size of a block, so a question allocates nothing per matching unit and what it adds
 * to stays in cache.
 */
import type { TermDictionary } from './terms.js';
import { SETTINGS, type Bm25Params } from '../settings.js';
import { BlockScores, lowerBound, type TermList } from './blockScores.js';

export type { Bm25Params } from '../settings.js';

export const SENTENCE_BM25: Readonly<Bm25Params> = SETTINGS.search.sentenceBm25;
export const PARAGRAPH_BM25: Readonly<Bm25Params> = SETTINGS.search.paragraphBm25;

export interface WeightedTerm {
  term: string;
  /** Multiplier on the term's IDF (1 for a plain query term, less for expansions). */
  weight: number;
  /** The question word this term stands for; a word's spellings and stand-ins share it. */
  group?: number;
}

/** The arrays of a built {@link Bm25Index} (see the fields of the same names). */
export interface Bm25Parts {
  starts: Int32Array;
  ids: Int32Array;
  tfs: Uint8Array | Uint16Array | Uint32Array;
  lens: Uint16Array | Uint32Array;
  normOfLength: Float64Array;
  units: number;
}

export class Bm25Index {
  /**
   * Postings of term id t: `[starts[t] .. starts[t + 1])` of `ids` (unit ids, increasing), `tfs` (the
   * term's frequency in the unit) and `lens` (the unit's length, kept beside each posting so that scoring
   * reads the postings in order instead of looking each unit up).
   */
  private readonly starts: Int32Array;
  private readonly ids: Int32Array;
  private readonly tfs: Uint8Array | Uint16Array | Uint32Array;
  private readonly lens: Uint16Array | Uint32Array;
  /** The BM25 length part of the denominator by unit length: `k1 · (1 − b + b · len / avg)`. */
  private readonly normOfLength: Float64Array;
  private readonly units: number;
  private blockScores: BlockScores | null = null;

  /**
   * Builds the index of units given as ranges of a term-id array: unit u holds the terms
   * `termIds[unitStarts[u] .. unitStarts[u + 1])`, with repeats; or, given {@link Bm25Parts} instead,
   * takes back an index built before (see {@link Bm25Index.parts}).
   */
  constructor(params: Readonly<Bm25Params>, dict: TermDictionary, built: Bm25Parts);
  constructor(params: Readonly<Bm25Params>, dict: TermDictionary, unitStarts: Int32Array, termIds: Int32Array);
  constructor(
    private readonly params: Readonly<Bm25Params>,
    private readonly dict: TermDictionary,
    unitStartsOrParts: Int32Array | Bm25Parts,
    termIdsOrNothing?: Int32Array,
  ) {
    if (!(unitStartsOrParts instanceof Int32Array)) {
      const p = unitStartsOrParts;
      if (p.starts.length !== dict.size + 1 || p.ids.length !== p.tfs.length || p.ids.length !== p.lens.length) throw new Error('BM25 parts do not fit the vocabulary');
      this.starts = p.starts;
      this.ids = p.ids;
      this.tfs = p.tfs;
      this.lens = p.lens;
      this.normOfLength = p.normOfLength;
      this.units = p.units;
      return;
    }
    const unitStarts = unitStartsOrParts;
    const termIds = termIdsOrNothing!;
    const units = unitStarts.length - 1;
    const terms = dict.size;
    // pass 1: document frequencies, the largest term frequency and unit length
    const df = new Int32Array(terms + 1);
    const seenIn = new Int32Array(terms).fill(-1);
    const tf = new Int32Array(terms);
    let maxTf = 0;
    let maxLength = 0;
    let totalLength = 0;
    for (let u = 0; u < units; u++) {
      const lo = unitStarts[u]!;
      const hi = unitStarts[u + 1]!;
      totalLength += hi - lo;
      if (hi - lo > maxLength) maxLength = hi - lo;
      for (let i = lo; i < hi; i++) {
        const t = termIds[i]!;
        if (seenIn[t] !== u) {
          seenIn[t] = u;
          df[t]!++;
          tf[t] = 1;
        } else tf[t]!++;
        if (tf[t]! > maxTf) maxTf = tf[t]!;
      }
    }
    const starts = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) starts[t + 1] = starts[t]! + df[t]!;
    const postings = starts[terms]!;
    const ids = new Int32Array(postings);
    const tfs = maxTf <= 0xff ? new Uint8Array(postings) : maxTf <= 0xffff ? new Uint16Array(postings) : new Uint32Array(postings);
    const lens = maxLength <= 0xffff ? new Uint16Array(postings) : new Uint32Array(postings);
    // pass 2: fill the lists; units come in increasing order, so each list is sorted
    const cursor = df; // reused: the next free slot of each list
    cursor.set(starts.subarray(0, terms));
    seenIn.fill(-1);
    const at = tf; // reused: where the current unit's posting of a term is
    for (let u = 0; u < units; u++) {
      const lo = unitStarts[u]!;
      const hi = unitStarts[u + 1]!;
      for (let i = lo; i < hi; i++) {
        const t = termIds[i]!;
        if (seenIn[t] !== u) {
          seenIn[t] = u;
          const p = cursor[t]!++;
          at[t] = p;
          ids[p] = u;
          tfs[p] = 1;
          lens[p] = hi - lo;
        } else tfs[at[t]!]!++;
      }
    }
    const avg = totalLength / Math.max(1, units) || 1;
    const { k1, b } = params;
    const normOfLength = new Float64Array(maxLength + 1);
    for (let len = 0; len <= maxLength; len++) normOfLength[len] = k1 * (1 - b + (b * len) / avg);
    this.starts = starts;
    this.ids = ids;
    this.tfs = tfs;
    this.lens = lens;
    this.normOfLength = normOfLength;
    this.units = units;
  }

  /** The built arrays (shared, not copies), to save the index and take it back without building it again. */
  parts(): Bm25Parts {
    return { starts: this.starts, ids: this.ids, tfs: this.tfs, lens: this.lens, normOfLength: this.normOfLength, units: this.units };
  }

  /** Number of units. */
  get size(): number {
    return this.units;
  }

  has(term: string): boolean {
    return this.df(term) > 0;
  }

  /** Number of units containing the term. */
  df(term: string): number {
    return this.dfOf(this.dict.lookup(term));
  }

  /** Number of units containing the term with this id (0 for -1). */
  dfOf(termId: number): number {
    return termId < 0 || termId >= this.starts.length - 1 ? 0 : this.starts[termId + 1]! - this.starts[termId]!;
  }

  /** BM25 inverse document frequency (never negative). */
  idf(term: string): number {
    return this.idfOf(this.dict.lookup(term));
  }

  /** BM25 inverse document frequency of a term id (that of an unseen term for -1). */
  idfOf(termId: number): number {
    const n = this.size;
    const df = this.dfOf(termId);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Units containing the term, in increasing order. */
  unitsWith(term: string): Int32Array {
    const t = this.dict.lookup(term);
    return this.dfOf(t) ? this.ids.subarray(this.starts[t]!, this.starts[t + 1]!) : new Int32Array(0);
  }

  /** Number of units with ids in [lo, hi) that contain the term (units of one article are contiguous). */
  countInRange(term: string, lo: number, hi: number): number {
    return this.countInRangeOf(this.dict.lookup(term), lo, hi);
  }

  countInRangeOf(termId: number, lo: number, hi: number): number {
    if (!this.dfOf(termId)) return 0;
    const from = this.starts[termId]!;
    const to = this.starts[termId + 1]!;
    return lowerBound(this.ids, from, to, hi) - lowerBound(this.ids, from, to, lo);
  }

  /** Terms of the vocabulary (for fuzzy matching of unknown query words). */
  *vocabulary(): IterableIterator<string> {
    for (let t = 0; t < this.starts.length - 1; t++) if (this.dfOf(t)) yield this.dict.term(t);
  }

  /**
   * Starts scoring a query a block at a time (see {@link BlockScores}), in blocks of at most `capacity`
   * units.
   * @returns the scores, valid until the next call
   */
  blocks(query: readonly WeightedTerm[], capacity: number): BlockScores {
    const size = Math.max(1, Math.min(capacity, this.units));
    let out = this.blockScores;
    if (!out || out.capacity !== size) out = this.blockScores = new BlockScores(size, this.ids, this.tfs, this.lens, this.normOfLength, this.params.k1);
    // words in order of first appearance, each with its terms' postings in query order
    const byGroup = new Map<number, TermList[]>();
    const sizes = new Map<number, number>();
    query.forEach((t, i) => {
      const g = t.group ?? -1 - i;
      let lists = byGroup.get(g);
      if (!lists) byGroup.set(g, (lists = []));
      sizes.set(g, (sizes.get(g) ?? 0) + 1);
      const id = this.dict.lookup(t.term);
      if (this.dfOf(id)) lists.push({ at: this.starts[id]!, end: this.starts[id + 1]!, idf: this.idfOf(id) * t.weight });
    });
    out.start([...byGroup].map(([g, lists]) => ({ lists, single: sizes.get(g) === 1 })));
    return out;
  }
}
