/**
 * An inverted index with BM25 scoring over one kind of unit (sentences, or paragraphs). Query time is
 * proportional to the postings of the query's terms, not to the corpus.
 *
 * Postings are stored by term id (see {@link TermDictionary}) in flat typed arrays — where each term's
 * list starts, the unit ids, the term's frequency in each unit, the unit's length — built in one go from
 * the units' term ids. Scoring adds into reused arrays indexed by unit id and lists the units it
 * touched, so a question allocates nothing per matching unit.
 */
import type { TermDictionary } from './terms.js';

/** BM25 parameters; sentences are short, so length normalisation is kept mild. */
export interface Bm25Params {
  k1: number;
  b: number;
}

export const SENTENCE_BM25: Readonly<Bm25Params> = Object.freeze({ k1: 1.2, b: 0.5 });
export const PARAGRAPH_BM25: Readonly<Bm25Params> = Object.freeze({ k1: 1.2, b: 0.75 });

export interface WeightedTerm {
  term: string;
  /** Multiplier on the term's IDF (1 for a plain query term, less for expansions). */
  weight: number;
  /** The question word this term stands for; a word's spellings and stand-ins share it. */
  group?: number;
}

/**
 * Scores of the units that hold at least one query term. The arrays belong to the index and are
 * overwritten by its next {@link Bm25Index.score} call: read what you need before scoring again.
 *
 * Each unit has two adjacent slots (one cache line): its score so far, and the best score of the
 * question word being added (a word and its stand-ins count once: the best of them). NaN marks a unit
 * not reached yet, so that nothing needs clearing but the units listed.
 */
export class UnitScores {
  /** Units scored, in the order they were first reached; `units[0 .. count)`. */
  readonly units: Int32Array;
  count = 0;
  /**
   * Units whose score reached `promise` × the best score (see {@link Bm25Index.score}), possibly more than
   * once each; `promising[0 .. promisingCount)`, or -1 when the list overflowed or cannot be trusted.
   */
  readonly promising: Int32Array;
  promisingCount = 0;
  /** `slots[2u]`: score of unit u (NaN: no query term); `slots[2u + 1]`: best of the current word. */
  private readonly slots: Float64Array;
  /** Units reached by the current word. */
  private readonly wordUnits: Int32Array;
  private wordCount = 0;
  /** Largest score written so far: scores only grow (nothing negative is added), so at the end the best. */
  private top = 0;
  private promise = Infinity;
  /** A score some unit is known to reach (the cut is `promise` × the larger of it and `top`). */
  private floor = 0;
  /** Whether a negative score was added (then `top` and `promising` are not to be trusted). */
  private negative = false;

  constructor(size: number) {
    this.units = new Int32Array(size);
    this.promising = new Int32Array(size);
    this.wordUnits = new Int32Array(size);
    this.slots = new Float64Array(2 * size).fill(NaN);
  }

  /**
   * Empties the set (the units listed are marked unscored again), to list units reaching `promise` × the
   * best; `floor` is a score known to be reached (no more than the best), which keeps the list short.
   */
  reset(promise = Infinity, floor = 0): void {
    const { units, slots } = this;
    for (let i = 0; i < this.count; i++) slots[2 * units[i]!] = NaN;
    this.count = 0;
    this.promisingCount = 0;
    this.top = 0;
    this.promise = promise;
    this.floor = floor;
    this.negative = false;
  }

  has(id: number): boolean {
    const v = this.slots[2 * id]!;
    return v === v;
  }

  /** Score of a unit, 0 when it holds no query term. */
  get(id: number): number {
    const v = this.slots[2 * id]!;
    return v === v ? v : 0;
  }

  /**
   * Scores postings `[from .. to)` as BM25 with the given IDF — `(idf · tf · (k1 + 1)) / (tf + norm)`,
   * the norm looked up by the unit's length — adding each to its unit's score, or with `word`, keeping
   * the largest of the current word's score for the unit, this one and 0 (see {@link endWord}), for units
   * below `below` only.
   * @returns where it stopped
   */
  accumulate(ids: Int32Array, tfs: Uint8Array | Uint16Array | Uint32Array, lens: Uint16Array | Uint32Array, normOfLength: Float64Array, from: number, to: number, idf: number, k1: number, word: boolean, below = 0x7fffffff): number {
    const { slots } = this;
    if (!word) {
      if (idf < 0) this.negative = true;
      const { units, promising, promise } = this;
      let count = this.count;
      let kept = this.promisingCount;
      let top = this.top;
      let cut = promise * Math.max(top, this.floor);
      let i = from;
      for (; i < to; i++) {
        const id = ids[i]!;
        if (id >= below) break;
        const tf = tfs[i]!;
        const s = (idf * tf * (k1 + 1)) / (tf + normOfLength[lens[i]!]!);
        const v = slots[2 * id]!;
        let now = s;
        if (v !== v) units[count++] = id;
        else now = v + s;
        slots[2 * id] = now;
        if (now > top) {
          top = now;
          cut = promise * Math.max(top, this.floor);
        }
        // listed when its score crosses the cut (the cut only rises: a unit ending above it crossed it)
        if (now >= cut && !(v >= cut) && kept < promising.length) promising[kept++] = id;
      }
      this.count = count;
      this.promisingCount = kept;
      this.top = top;
      return i;
    }
    const { wordUnits } = this;
    let count = this.wordCount;
    let i = from;
    for (; i < to; i++) {
      const id = ids[i]!;
      if (id >= below) break;
      const tf = tfs[i]!;
      const s = (idf * tf * (k1 + 1)) / (tf + normOfLength[lens[i]!]!);
      const v = slots[2 * id + 1]!;
      if (v !== v) {
        slots[2 * id + 1] = Math.max(0, s);
        wordUnits[count++] = id;
      } else if (s > v) slots[2 * id + 1] = s;
    }
    this.wordCount = count;
    return i;
  }

  /** Adds the current word's best score of each unit it reached to the unit's score. */
  endWord(): void {
    const { slots, wordUnits, units, promising, promise } = this;
    let count = this.count;
    let kept = this.promisingCount;
    let top = this.top;
    let cut = promise * Math.max(top, this.floor);
    for (let i = 0; i < this.wordCount; i++) {
      const id = wordUnits[i]!;
      const best = slots[2 * id + 1]!;
      slots[2 * id + 1] = NaN;
      const v = slots[2 * id]!;
      let now = best;
      if (v !== v) units[count++] = id;
      else now = v + best;
      slots[2 * id] = now;
      if (now > top) {
        top = now;
        cut = promise * Math.max(top, this.floor);
      }
      if (now >= cut && !(v >= cut) && kept < promising.length) promising[kept++] = id;
    }
    this.count = count;
    this.promisingCount = kept;
    this.top = top;
    this.wordCount = 0;
  }

  /** Best score among the listed units (0 when none). */
  best(): number {
    if (!this.negative) return this.top;
    let best = 0;
    for (let i = 0; i < this.count; i++) {
      const v = this.slots[2 * this.units[i]!]!;
      if (v > best) best = v;
    }
    return best;
  }

  /**
   * Every unit whose score is at least `promise` × the best, each once (and maybe others), in no order;
   * null when that list is not available (it overflowed, or scores were not all added non-negative).
   */
  promisingUnits(): Int32Array | null {
    if (this.negative || this.promisingCount >= this.promising.length) return null;
    // each once: the word slot (unused between questions) marks a unit already taken
    const { slots, promising } = this;
    let n = 0;
    for (let i = 0; i < this.promisingCount; i++) {
      const id = promising[i]!;
      if (slots[2 * id + 1] === 0) continue;
      slots[2 * id + 1] = 0;
      promising[n++] = id;
    }
    for (let i = 0; i < n; i++) slots[2 * promising[i]! + 1] = NaN;
    this.promisingCount = n;
    return promising.subarray(0, n);
  }
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
  private scores: UnitScores | null = null;

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
   * Scores every unit that contains at least one query term. A question word and its stand-ins (terms
   * sharing a `group`) count once per unit: the best of them, not their sum; words are added in the
   * order they first appear.
   * @param promise also list the units whose score reaches this share of the best (see
   *   {@link UnitScores.promisingUnits})
   * @returns the scores, valid until the next call
   */
  score(query: readonly WeightedTerm[], promise = Infinity): UnitScores {
    const out = (this.scores ??= new UnitScores(this.size));
    // groups in order of first appearance, each with its terms' postings in query order
    const byGroup = new Map<number, Array<{ at: number; end: number; idf: number }>>();
    const sizes = new Map<number, number>();
    query.forEach((t, i) => {
      const g = t.group ?? -1 - i;
      let lists = byGroup.get(g);
      if (!lists) byGroup.set(g, (lists = []));
      sizes.set(g, (sizes.get(g) ?? 0) + 1);
      const id = this.dict.lookup(t.term);
      if (this.dfOf(id)) lists.push({ at: this.starts[id]!, end: this.starts[id + 1]!, idf: this.idfOf(id) * t.weight });
    });
    const groups = [...byGroup].map(([g, lists]) => ({ lists, single: sizes.get(g) === 1 }));
    out.reset(promise, Number.isFinite(promise) ? this.someScore(groups) : 0);
    const { ids, tfs, lens, normOfLength } = this;
    const { k1 } = this.params;
    // a block of units at a time, every term's postings for one block before the next: the block's
    // scores stay in cache while they are added to, and memory is reached in order
    for (let below = BLOCK; ; below += BLOCK) {
      for (const { lists, single } of groups) {
        if (single) {
          // one term adds straight into the scores
          for (const l of lists) l.at = out.accumulate(ids, tfs, lens, normOfLength, l.at, l.end, l.idf, k1, false, below);
          continue;
        }
        // stand-ins keep their best per unit, then the best is added
        for (const l of lists) l.at = out.accumulate(ids, tfs, lens, normOfLength, l.at, l.end, l.idf, k1, true, below);
        out.endWord();
      }
      if (below >= this.units) break;
    }
    return out;
  }

  /**
   * A score some unit reaches, found cheaply: the best of a few units of the heaviest term, each scored
   * in full (its postings looked up by binary search). Slightly lowered, so as never to exceed the best.
   */
  private someScore(groups: Array<{ lists: Array<{ at: number; end: number; idf: number }>; single: boolean }>): number {
    let heaviest: { at: number; end: number; idf: number } | null = null;
    for (const { lists } of groups) for (const l of lists) if (!heaviest || l.idf > heaviest.idf) heaviest = l;
    if (!heaviest) return 0;
    const { ids, tfs, lens, normOfLength } = this;
    const k1 = this.params.k1;
    let floor = 0;
    for (let p = heaviest.at; p < Math.min(heaviest.end, heaviest.at + 16); p++) {
      const unit = ids[p]!;
      let total = 0;
      for (const { lists, single } of groups) {
        let best = single ? -Infinity : 0;
        let found = false;
        for (const l of lists) {
          const at = lowerBound(ids, l.at, l.end, unit);
          if (at < l.end && ids[at] === unit) {
            const tf = tfs[at]!;
            best = Math.max(best, (l.idf * tf * (k1 + 1)) / (tf + normOfLength[lens[at]!]!));
            found = true;
          }
        }
        if (found) total += best;
      }
      floor = Math.max(floor, total);
    }
    return floor * (1 - 1e-9);
  }
}

/** Units per block of {@link Bm25Index.score}: two 8-byte slots each, 512 KB. */
const BLOCK = 32_768;

/** First index in the sorted range a[from .. to) whose value is ≥ x. */
function lowerBound(a: Int32Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
