/**
 * How much of the question a passage covers: the question's weighted terms in arrays (QueryPlan), sets of
 * term ids emptied in O(1) (TermMarks), weights local to an article, and coverage by meaning (word
 * vectors). Nothing here allocates per candidate; the scratch arrays come from the engine's context.
 */
import type { WordVectors } from '../text/embeddings.js';
import { DOT_SCALE } from '../text/embeddings.js';
import type { WeightedTerm } from '../search/bm25.js';
import type { Knowledge } from '../search/knowledge.js';
import { softCredit } from '../settings.js';
import type { QuestionContext } from './features.js';
import { similarityRow, type QueryScratch } from './query.js';

/**
 * The weighted query terms in arrays: term ids, the question word (group) each stands for, and scratch
 * space, so that "how much of the question does this passage cover" allocates nothing per candidate.
 */
export class QueryPlan {
  readonly n: number;
  readonly ids: Int32Array;
  /** Group of each term, numbered in order of first appearance. */
  readonly groups: Int32Array;
  /** For each term, the last position in the query with the same term (a term's weight is looked up by term). */
  readonly lastSame: Int32Array;
  /** IDF × weight of each term. */
  readonly weighted: Float64Array;
  private readonly best: Float64Array;
  private readonly seen: Uint8Array;
  private readonly order: Int32Array;
  /** Scratch of {@link countsIn}; `firstSame[i]`: the first position in the query with the same term id. */
  private readonly counts: Int32Array;
  private readonly lastIn: Int32Array;
  private readonly firstSame: Int32Array;

  constructor(k: Knowledge, readonly query: readonly WeightedTerm[]) {
    const n = (this.n = query.length);
    this.ids = new Int32Array(n);
    this.groups = new Int32Array(n);
    this.lastSame = new Int32Array(n);
    this.weighted = new Float64Array(n);
    const groupIndex = new Map<number, number>();
    const lastOf = new Map<string, number>();
    query.forEach((t, i) => {
      const id = k.vocabulary.lookup(t.term);
      this.ids[i] = id;
      const g = t.group ?? -1 - i;
      let gi = groupIndex.get(g);
      if (gi === undefined) groupIndex.set(g, (gi = groupIndex.size));
      this.groups[i] = gi;
      this.weighted[i] = k.sentenceIndex.idfOf(id) * t.weight;
      lastOf.set(t.term, i);
    });
    query.forEach((t, i) => (this.lastSame[i] = lastOf.get(t.term)!));
    this.best = new Float64Array(groupIndex.size);
    this.seen = new Uint8Array(groupIndex.size);
    this.order = new Int32Array(groupIndex.size);
    this.counts = new Int32Array(n);
    this.lastIn = new Int32Array(n);
    this.firstSame = Int32Array.from(this.ids, (id) => this.ids.indexOf(id));
  }

  /**
   * For each term, the number of sentences in `[lo, hi)` holding it (the sentences of one article): the
   * article's few hundred term ids read once, instead of two binary searches per term in postings that
   * grow with the corpus. The array is overwritten by the next call. `slot`: scratch by term id, all 0
   * between uses (a vocabulary's size).
   */
  countsIn(k: Knowledge, lo: number, hi: number, slot: Int32Array): Int32Array {
    const { counts, lastIn, firstSame } = this;
    counts.fill(0);
    lastIn.fill(-1);
    // a term's first position in the query, + 1, by term id (0: not a query term)
    for (let i = 0; i < this.n; i++) if (this.ids[i]! >= 0 && firstSame[i] === i) slot[this.ids[i]!] = i + 1;
    const { starts, ids } = k.sentenceTerms;
    for (let s = lo; s < hi; s++) {
      for (let p = starts[s]!, end = starts[s + 1]!; p < end; p++) {
        const at = slot[ids[p]!]! - 1;
        if (at >= 0 && lastIn[at] !== s) {
          lastIn[at] = s;
          counts[at]!++;
        }
      }
    }
    for (let i = 0; i < this.n; i++) {
      if (this.ids[i]! >= 0) slot[this.ids[i]!] = 0;
      counts[i] = counts[firstSame[i]!]!;
    }
    return counts;
  }

  /**
   * Weight of the question words that are matched: for each word, the best of its spellings and
   * stand-ins that is present (so a stand-in never counts twice, nor lowers the coverage of the word).
   * Present means marked in `marks` (every term when `marks` is null).
   */
  mass(weights: Float64Array, marks: TermMarks | null): number {
    const { best, seen, order } = this;
    seen.fill(0);
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      if (marks && !marks.has(this.ids[i]!)) continue;
      const g = this.groups[i]!;
      if (!seen[g]) {
        seen[g] = 1;
        order[count++] = g;
        best[g] = Math.max(0, weights[i]!);
      } else best[g] = Math.max(best[g]!, weights[i]!);
    }
    let sum = 0;
    for (let j = 0; j < count; j++) sum += best[order[j]!]!;
    return sum;
  }
}

/** A set of term ids over the vocabulary, emptied in O(1) (generation marks). */
export class TermMarks {
  private readonly marks: Uint32Array;
  private mark = 0;

  constructor(size: number) {
    this.marks = new Uint32Array(size);
  }

  clear(): void {
    if (this.mark === 0xffffffff) {
      this.marks.fill(0);
      this.mark = 0;
    }
    this.mark++;
  }

  has(id: number): boolean {
    return id >= 0 && this.marks[id] === this.mark;
  }

  add(id: number): void {
    if (id >= 0) this.marks[id] = this.mark;
  }

  /** Marks the terms of one sentence (without clearing), except the given ids. */
  addSentence(k: Knowledge, sentenceId: number, except: readonly number[]): void {
    const { starts, ids } = k.sentenceTerms;
    for (let i = starts[sentenceId]!, end = starts[sentenceId + 1]!; i < end; i++) if (!except.includes(ids[i]!)) this.marks[ids[i]!] = this.mark;
  }

  /** Marks the terms of the given sentences (after clearing). */
  ofSentences(k: Knowledge, sentenceIds: readonly number[]): this {
    this.clear();
    const { starts, ids } = k.sentenceTerms;
    for (const s of sentenceIds) for (let i = starts[s]!, end = starts[s + 1]!; i < end; i++) this.marks[ids[i]!] = this.mark;
    return this;
  }
}

/**
 * Term weights within one article: a word that runs through the article (its topic) tells its sentences
 * apart less than a word found in one or two of them.
 */
export function localWeights(k: Knowledge, articleId: number, plan: QueryPlan, slot: Int32Array): { weights: Float64Array; total: number } {
  const [lo, hi] = k.articleSentences[articleId] ?? [0, 0];
  const n = Math.max(1, hi - lo);
  const counts = plan.countsIn(k, lo, hi, slot);
  const own = new Float64Array(plan.n);
  for (let i = 0; i < plan.n; i++) {
    const df = counts[i]!;
    own[i] = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * plan.query[i]!.weight;
  }
  // looked up by term: a term listed twice takes the weight of its last listing
  const weights = new Float64Array(plan.n);
  for (let i = 0; i < plan.n; i++) weights[i] = own[plan.lastSame[i]!]!;
  return { weights, total: plan.mass(weights, null) };
}

/**
 * How much of the question a passage covers when other words for the same thing count too (word
 * vectors): IDF-weighted, each question word scored by its closest word in the passage.
 */
export function softCoverage(k: Knowledge, sentenceIds: readonly number[], ctx: QuestionContext, wordIds: Int32Array, vec: WordVectors | null, marks: TermMarks, scratch: QueryScratch): number {
  marks.ofSentences(k, sentenceIds);
  const { starts, ids } = k.sentenceTerms;
  let got = 0;
  ctx.words.forEach((w, j) => {
    if (marks.has(wordIds[j]!)) {
      got += w.idf;
      return;
    }
    if (!vec) return;
    // the best similarity is the best dot product, scaled (division by a constant keeps the order)
    const row = similarityRow(k, w.word, vec, scratch);
    let bestDot = 0;
    for (const s of sentenceIds) {
      for (let i = starts[s]!, end = starts[s + 1]!; i < end; i++) {
        const dot = row[ids[i]!]!;
        if (dot > bestDot) bestDot = dot;
      }
    }
    const best = bestDot / DOT_SCALE;
    got += w.idf * softCredit(best);
  });
  return got / ctx.totalIdf;
}

