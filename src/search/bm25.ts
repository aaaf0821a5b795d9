/**
 * An inverted index with BM25 scoring over one kind of unit (sentences, or paragraphs). Query time is
 * proportional to the postings of the query's terms, not to the corpus.
 */

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

/** A postings list: unit ids in increasing order, with the term's frequency in each. */
interface Postings {
  ids: number[];
  tfs: number[];
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: number[] = [];
  private totalLength = 0;

  constructor(private readonly params: Readonly<Bm25Params>) {}

  /** Adds a unit; ids must be added in increasing order. */
  add(id: number, terms: readonly string[]): void {
    this.lengths[id] = terms.length;
    this.totalLength += terms.length;
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, tf] of counts) {
      let p = this.postings.get(t);
      if (!p) {
        p = { ids: [], tfs: [] };
        this.postings.set(t, p);
      }
      p.ids.push(id);
      p.tfs.push(tf);
    }
  }

  get size(): number {
    return this.lengths.length;
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Number of units containing the term. */
  df(term: string): number {
    return this.postings.get(term)?.ids.length ?? 0;
  }

  /** BM25 inverse document frequency (never negative). */
  idf(term: string): number {
    const n = this.size;
    const df = this.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Units containing the term. */
  unitsWith(term: string): readonly number[] {
    return this.postings.get(term)?.ids ?? [];
  }

  /** Number of units with ids in [lo, hi) that contain the term (units of one article are contiguous). */
  countInRange(term: string, lo: number, hi: number): number {
    const ids = this.postings.get(term)?.ids;
    if (!ids) return 0;
    return lowerBound(ids, hi) - lowerBound(ids, lo);
  }

  /** Terms of the vocabulary (for fuzzy matching of unknown query words). */
  vocabulary(): IterableIterator<string> {
    return this.postings.keys();
  }

  /**
   * Scores every unit that contains at least one query term.
   * @returns unit id → BM25 score
   */
  score(query: readonly WeightedTerm[]): Map<number, number> {
    const out = new Map<number, number>();
    const avg = this.totalLength / Math.max(1, this.size) || 1;
    const { k1, b } = this.params;
    // a question word and its stand-ins count once per unit: the best of them, not their sum
    const groups = new Map<number, WeightedTerm[]>();
    query.forEach((t, i) => {
      const g = t.group ?? -1 - i;
      groups.set(g, [...(groups.get(g) ?? []), t]);
    });
    for (const terms of groups.values()) {
      const best = terms.length > 1 ? new Map<number, number>() : out;
      for (const { term, weight } of terms) {
        const p = this.postings.get(term);
        if (!p) continue;
        const idf = this.idf(term) * weight;
        for (let i = 0; i < p.ids.length; i++) {
          const id = p.ids[i]!;
          const tf = p.tfs[i]!;
          const len = this.lengths[id] ?? avg;
          const s = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / avg));
          if (best === out) out.set(id, (out.get(id) ?? 0) + s);
          else best.set(id, Math.max(best.get(id) ?? 0, s));
        }
      }
      if (best !== out) for (const [id, s] of best) out.set(id, (out.get(id) ?? 0) + s);
    }
    return out;
  }
}

/** First index in a sorted array whose value is ≥ x. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
