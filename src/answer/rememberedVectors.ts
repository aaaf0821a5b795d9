import type { WordTable, WordVectors } from '../text/embeddings.js';
import { SETTINGS } from '../settings.js';

/**
 * Word vectors that remember the similarities asked for: the ranker compares the same few question words
 * with the words of sixty candidates, most of them seen before. Values are the inner vectors' own.
 */
export class RememberedVectors implements WordVectors {
  private readonly memo = new Map<string, Map<string, number>>();
  private entries = 0;

  constructor(private readonly inner: WordVectors) {}

  get size(): number {
    return this.inner.size;
  }

  similarity(a: string, b: string): number {
    let row = this.memo.get(a);
    if (!row) this.memo.set(a, (row = new Map()));
    let sim = row.get(b);
    if (sim === undefined) {
      if (++this.entries > SETTINGS.rank.similarityMemo) {
        this.memo.clear();
        this.memo.set(a, row);
        row.clear();
        this.entries = 1;
      }
      row.set(b, (sim = this.inner.similarity(a, b)));
    }
    return sim;
  }

  has(word: string): boolean {
    return this.inner.has(word);
  }

  rank(word: string): number {
    return this.inner.rank(word);
  }

  table(words: ReadonlyArray<string | undefined>): WordTable {
    return this.inner.table(words);
  }
}
