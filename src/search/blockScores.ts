/**
 * Scoring a BM25 query a block of units at a time, into reused arrays the size of a block (see
 * {@link BlockScores}), over the postings of an index (bm25.ts).
 */
/** The postings of one query term still to be scored, `[at .. end)`, and its weighted IDF. */
export interface TermList {
  at: number;
  end: number;
  idf: number;
}

/** A question word: its terms' lists; `single` when it has no stand-ins (its score is added directly). */
export interface WordLists {
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

  /** Starts a query (see Bm25Index.blocks): no block yet, the next starts at unit 0. */
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


/** First index in the sorted range a[from .. to) whose value is ≥ x. */
export function lowerBound(a: Int32Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
