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

/** The postings of one query term still to be scored, `[at .. end)`, and its weighted IDF. */
interface TermList {
  at: number;
  end: number;
  idf: number;
}

/** A question word: its terms' lists; `single` when it has no stand-ins (its score is added directly). */
interface WordLists {
  lists: TermList[];
  single: boolean;
}

/**
 * The BM25 scores of a query, one block of units at a time: {@link BlockScores.next} scores the units of
 * the next block, and their scores can be read until the next call. A question word and its stand-ins
 * (terms sharing a `group`) count once per unit: the best of them, not their sum; words are added in the
 * order they first appear.
 *
 * Scores live in an array the size of a block, by offset in the block (NaN: not reached, so that only the
 * units listed need clearing), and so does the best score of the question word being added: every
 * term's postings for one block are added before the next block, so what they add to stays in cache, and
 * memory is reached in order. Scoring the whole corpus into arrays indexed by unit instead reached memory
 * at random, about 100,000 units a question at 30,000 articles, and each question cleared them again.
 */
export class BlockScores {
  /** The current block: units `[base .. end)`. */
  base = 0;
  end = 0;
  /** Offsets (from `base`) of the block's units holding a query term, in increasing order; `[0 .. count)`. */
  readonly reached: Int32Array;
  count = 0;
  /** The units reached while the block is scored, one bit per offset (listed in order in `reached` after). */
  private readonly bits: Int32Array;
  /** Score by offset in the block (NaN: no query term). */
  private readonly scores: Float64Array;
  /** Best score of the current word by offset (NaN: not reached by it), and the offsets it reached. */
  private readonly word: Float64Array;
  private readonly wordUnits: Int32Array;
  private wordCount = 0;
  private words: WordLists[] = [];

  constructor(
    /** Largest block, in units. */
    readonly capacity: number,
    private readonly ids: Int32Array,
    private readonly tfs: Uint8Array | Uint16Array | Uint32Array,
    private readonly lens: Uint16Array | Uint32Array,
    private readonly normOfLength: Float64Array,
    private readonly k1: number,
  ) {
    this.reached = new Int32Array(capacity);
    this.bits = new Int32Array(Math.ceil(capacity / 32));
    this.scores = new Float64Array(capacity).fill(NaN);
    this.word = new Float64Array(capacity).fill(NaN);
    this.wordUnits = new Int32Array(capacity);
  }

  /** Starts a query (see {@link Bm25Index.blocks}): no block yet, the next starts at unit 0. */
  start(words: WordLists[]): void {
    this.clear();
    this.words = words;
    this.base = 0;
    this.end = 0;
  }

  /** Whether any query term occurs at all. */
  get any(): boolean {
    return this.words.some((w) => w.lists.length > 0);
  }

  /** Scores the units `[end .. to)`, the block after the current one (at most `capacity` units). */
  next(to: number): void {
    if (to - this.end > this.capacity) throw new Error(`a block of ${to - this.end} units is larger than ${this.capacity}`);
    this.clear();
    this.base = this.end;
    this.end = to;
    for (const { lists, single } of this.words) {
      // one term adds straight into the scores; stand-ins keep their best per unit, then the best is added
      for (const l of lists) l.at = single ? this.add(l, to) : this.keepBest(l, to);
      if (!single) this.endWord();
    }
    this.list();
  }

  /** Score of a unit of the current block, 0 when it holds no query term. */
  get(id: number): number {
    const v = this.scores[id - this.base]!;
    return v === v ? v : 0;
  }

  /** Score of the unit at an offset in the current block (NaN when it holds no query term). */
  at(offset: number): number {
    return this.scores[offset]!;
  }

  /**
   * A score some unit reaches, found cheaply before any block is scored: the best of a few units of the
   * heaviest term, each scored in full (its postings looked up by binary search). Slightly lowered, so as
   * never to exceed the best.
   */
  floor(): number {
    let heaviest: TermList | null = null;
    for (const { lists } of this.words) for (const l of lists) if (!heaviest || l.idf > heaviest.idf) heaviest = l;
    if (!heaviest) return 0;
    const { ids, tfs, lens, normOfLength, k1 } = this;
    let floor = 0;
    for (let p = heaviest.at; p < Math.min(heaviest.end, heaviest.at + 16); p++) {
      const unit = ids[p]!;
      let total = 0;
      for (const { lists, single } of this.words) {
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

  private clear(): void {
    const { reached, scores } = this;
    for (let i = 0; i < this.count; i++) scores[reached[i]!] = NaN;
    this.count = 0;
  }

  /**
   * Adds a term's postings of units below `to` as BM25 — `(idf · tf · (k1 + 1)) / (tf + norm)`, the norm
   * looked up by the unit's length — to their units' scores. @returns where it stopped
   */
  private add(l: TermList, to: number): number {
    const { ids, tfs, lens, normOfLength, k1, scores, bits, base } = this;
    const { end, idf } = l;
    let i = l.at;
    for (; i < end; i++) {
      const id = ids[i]!;
      if (id >= to) break;
      const tf = tfs[i]!;
      const s = (idf * tf * (k1 + 1)) / (tf + normOfLength[lens[i]!]!);
      const at = id - base;
      const v = scores[at]!;
      if (v !== v) {
        scores[at] = s;
        bits[at >> 5] = bits[at >> 5]! | (1 << (at & 31));
      } else scores[at] = v + s;
    }
    return i;
  }

  /** Like {@link add}, but keeps for each unit the largest of the current word's scores, this one and 0. */
  private keepBest(l: TermList, to: number): number {
    const { ids, tfs, lens, normOfLength, k1, word, wordUnits, base } = this;
    const { end, idf } = l;
    let count = this.wordCount;
    let i = l.at;
    for (; i < end; i++) {
      const id = ids[i]!;
      if (id >= to) break;
      const tf = tfs[i]!;
      const s = (idf * tf * (k1 + 1)) / (tf + normOfLength[lens[i]!]!);
      const at = id - base;
      const v = word[at]!;
      if (v !== v) {
        word[at] = Math.max(0, s);
        wordUnits[count++] = at;
      } else if (s > v) word[at] = s;
    }
    this.wordCount = count;
    return i;
  }

  /** Adds the current word's best score of each unit it reached to the unit's score. */
  private endWord(): void {
    const { scores, word, wordUnits, bits } = this;
    for (let i = 0; i < this.wordCount; i++) {
      const at = wordUnits[i]!;
      const best = word[at]!;
      word[at] = NaN;
      const v = scores[at]!;
      if (v !== v) {
        scores[at] = best;
        bits[at >> 5] = bits[at >> 5]! | (1 << (at & 31));
      } else scores[at] = v + best;
    }
    this.wordCount = 0;
  }

  /**
   * Lists the units reached, in increasing order (so that what the caller reads of each unit beside its
   * score, such as its paragraph, is read in order too), and clears their bits.
   */
  private list(): void {
    const { bits, reached } = this;
    let count = 0;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w]!;
      if (word === 0) continue;
      bits[w] = 0;
      while (word !== 0) {
        const low = word & -word;
        reached[count++] = (w << 5) + 31 - Math.clz32(low);
        word ^= low;
      }
    }
    this.count = count;
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
