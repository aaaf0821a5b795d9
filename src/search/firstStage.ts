/**
 * The first stage of ranking: BM25 over sentences and over paragraphs picks the candidates the answer
 * core re-scores. A sentence scores its own BM25 plus shares of its paragraph's and of its better
 * neighbour's (SETTINGS.search), each normalised by the best; the cost grows with the postings of the
 * question's terms, not with the corpus.
 */
import { SETTINGS } from '../settings.js';
import type { WeightedTerm } from './bm25.js';
import type { Knowledge } from './knowledge.js';

/** A sentence picked by the first stage, with the parts of its score. */
export interface FirstStageEntry {
  id: number;
  score: number;
  /** Sentence BM25 / the best; paragraph BM25 / the best; the better neighbour's BM25 / the best sentence's. */
  s: number;
  p: number;
  n: number;
}

/**
 * A bounded heap of the best entries by (score desc, id asc), the worst at the root; each entry carries a
 * number of the caller's (`refs`).
 */
class BestOf {
  readonly ids: Int32Array;
  readonly refs: Int32Array;
  readonly scores: Float64Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.ids = new Int32Array(capacity);
    this.refs = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Would (score, id) be kept? */
  admits(score: number, id: number): boolean {
    return !this.full || score > this.scores[0]! || (score === this.scores[0] && id < this.ids[0]!);
  }

  push(score: number, id: number, ref: number): void {
    if (!this.admits(score, id)) return;
    if (!this.full) {
      let i = this.size++;
      this.ids[i] = id;
      this.refs[i] = ref;
      this.scores[i] = score;
      while (i > 0) {
        const up = (i - 1) >> 1;
        if (!this.worse(i, up)) return;
        this.swap(i, up);
        i = up;
      }
      return;
    }
    this.ids[0] = id;
    this.refs[0] = ref;
    this.scores[0] = score;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      if (l >= this.size) return;
      const r = l + 1;
      const m = r < this.size && this.worse(r, l) ? r : l;
      if (!this.worse(m, i)) return;
      this.swap(i, m);
      i = m;
    }
  }

  private worse(a: number, b: number): boolean {
    const { scores, ids } = this;
    return scores[a]! < scores[b]! || (scores[a] === scores[b] && ids[a]! > ids[b]!);
  }

  private swap(a: number, b: number): void {
    const { scores, ids, refs } = this;
    const id = ids[a]!;
    ids[a] = ids[b]!;
    ids[b] = id;
    const ref = refs[a]!;
    refs[a] = refs[b]!;
    refs[b] = ref;
    const score = scores[a]!;
    scores[a] = scores[b]!;
    scores[b] = score;
  }
}

const PROMISE = SETTINGS.search.promise;
/** A block ends where a paragraph starts, so blocks hold at least this many sentences. */
const FIRST_STAGE_BLOCK = SETTINGS.search.blockSentences;

/**
 * How the first stage splits the corpus into blocks: block b holds the sentences `[sentenceEnds[b − 1] ..
 * sentenceEnds[b])` and their paragraphs, `[paragraphEnds[b − 1] .. paragraphEnds[b])`. A block ends where
 * a paragraph starts, so a sentence's neighbours in its paragraph, and the paragraph, are scored with it.
 */
interface Blocks {
  sentenceEnds: Int32Array;
  paragraphEnds: Int32Array;
  /** The largest block's sentences and paragraphs. */
  sentences: number;
  paragraphs: number;
}

function blocksOf(k: Knowledge, scratch: FirstStageScratch): Blocks {
  let layout = scratch.layoutOf === k ? scratch.layout : null;
  if (!layout) {
    const paragraphOf = k.sentenceParagraphs;
    const n = paragraphOf.length;
    const sentenceEnds: number[] = [];
    const paragraphEnds: number[] = [];
    let sentences = 1;
    let paragraphs = 1;
    for (let lo = 0, pLo = 0; lo < n; ) {
      let hi = Math.min(n, lo + FIRST_STAGE_BLOCK);
      while (hi < n && paragraphOf[hi] === paragraphOf[hi - 1]) hi++;
      const pHi = hi < n ? paragraphOf[hi]! : k.paragraphIndex.size;
      sentenceEnds.push(hi);
      paragraphEnds.push(pHi);
      sentences = Math.max(sentences, hi - lo);
      paragraphs = Math.max(paragraphs, pHi - pLo);
      lo = hi;
      pLo = pHi;
    }
    layout = { sentenceEnds: Int32Array.from(sentenceEnds), paragraphEnds: Int32Array.from(paragraphEnds), sentences, paragraphs };
    scratch.layout = layout;
    scratch.layoutOf = k;
  }
  return layout;
}

/**
 * Sentences found by {@link collect}, with what the first stage needs of each: its BM25, the better of
 * its neighbours' in its paragraph, and its paragraph's (raw scores); and the best sentence and paragraph
 * scores of the whole corpus. Arrays reused from question to question, grown as needed.
 */
class Found {
  ids = new Int32Array(1024);
  s = new Float64Array(1024);
  n = new Float64Array(1024);
  p = new Float64Array(1024);
  count = 0;
  bestS = 0;
  bestP = 0;

  push(id: number, s: number, n: number, p: number): void {
    if (this.count === this.ids.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(2 * a.length);
        b.set(a);
        return b;
      };
      this.ids = grow(this.ids);
      this.s = grow(this.s);
      this.n = grow(this.n);
      this.p = grow(this.p);
    }
    const i = this.count++;
    this.ids[i] = id;
    this.s[i] = s;
    this.n[i] = n;
    this.p[i] = p;
  }
}

/**
 * Scores the query over sentences and paragraphs, block by block, and keeps in {@link found} the sentences
 * holding a query term — every one when `promise` is null, else those whose score reaches `promise` × the
 * best (and maybe others: a sentence is kept when its score reaches that share of the best so far, or of
 * `best` when the best is known).
 * @returns false when no sentence holds a query term
 */
function collect(k: Knowledge, scratch: FirstStageScratch, query: readonly WeightedTerm[], promise: number | null, best?: number): boolean {
  const { found } = scratch;
  const layout = blocksOf(k, scratch);
  const sentences = k.sentenceIndex.blocks(query, layout.sentences);
  if (!sentences.any) return false;
  const paragraphs = k.paragraphIndex.blocks(query, layout.paragraphs);
  const floor = promise === null ? 0 : (best ?? sentences.floor());
  const paragraphOf = k.sentenceParagraphs;
  const last = paragraphOf.length - 1;
  let top = 0;
  let bestP = 0;
  let cut = promise === null ? -Infinity : promise * floor;
  found.count = 0;
  for (let b = 0; b < layout.sentenceEnds.length; b++) {
    sentences.next(layout.sentenceEnds[b]!);
    paragraphs.next(layout.paragraphEnds[b]!);
    for (let i = 0; i < paragraphs.count; i++) bestP = Math.max(bestP, paragraphs.at(paragraphs.reached[i]!));
    const { base, reached } = sentences;
    for (let i = 0; i < sentences.count; i++) {
      const at = reached[i]!;
      const v = sentences.at(at);
      if (v > top) {
        top = v;
        if (promise !== null) cut = promise * Math.max(top, floor);
      }
      // the cut only rises: a sentence whose final score reaches promise × the best reached it here
      if (!(v >= cut)) continue;
      const id = base + at;
      const pid = paragraphOf[id]!;
      const prev = id > 0 && paragraphOf[id - 1] === pid ? sentences.get(id - 1) : 0;
      const next = id < last && paragraphOf[id + 1] === pid ? sentences.get(id + 1) : 0;
      found.push(id, v, Math.max(prev, next), paragraphs.get(pid));
    }
  }
  found.bestS = top;
  found.bestP = bestP;
  return true;
}

/**
 * How much room the first stage of the latest questions had, by corpus: each question's worst kept total
 * less the largest paragraph and neighbour shares (−∞ when fewer than the wanted number of sentences were
 * found). A sentence whose own share of the best score is below that room could not have been kept, so
 * recent questions tell how high a share is likely to settle the next one: where many sentences score
 * near the best (many near-copies of the same stories) a high one, and few sentences need looking at;
 * where few do, none, and every sentence is looked at in the first pass.
 */
class Room {
  /** The latest questions' rooms (NaN: none yet): a high share is used only while none of them needed less. */
  private readonly recent = new Float64Array(32).fill(NaN);
  private next = 0;

  add(room: number): void {
    this.recent[this.next] = room;
    this.next = (this.next + 1) % this.recent.length;
  }

  /**
   * The share of the best score to look at first, or null for all: a little below the least recent room,
   * so that a question needing a little less is still settled without scoring it again.
   */
  promise(): number | null {
    let least = Infinity;
    for (const r of this.recent) if (r === r) least = Math.min(least, r);
    if (least === Infinity) return PROMISE;
    const share = Math.min(1, least - 0.05);
    return share >= PROMISE ? share : null;
  }
}
/**
 * What the first stage keeps from question to question on one corpus: the block layout, the arrays of
 * found sentences, and the room of the latest questions by the number of sentences wanted (the worst kept
 * of the best 5 is not of the best 60). One per engine (see answer/context.ts); a fresh one gives the same
 * result, only without what recent questions taught.
 */
export class FirstStageScratch {
  readonly found = new Found();
  readonly rooms = new Map<number, Room>();
  layout: Blocks | null = null;
  layoutOf: Knowledge | null = null;
}

/**
 * The `size` best sentences of the first stage: sentence BM25 plus shares of the paragraph's and of the
 * better neighbour's scores, each normalised by the best. Best first, ties by sentence id.
 *
 * Exactly what scoring every sentence holding a query term and sorting would give, without the sort or
 * an object per sentence: every such sentence is scored (block by block, see {@link collect}), and the
 * best `size` kept in a bounded heap. Unless recent questions show it would not do (see {@link Room}),
 * only sentences whose own score reaches a share of the best are kept at first; their cut (the heap's
 * worst) shows whether any other sentence could still get in — its paragraph and neighbour shares are at
 * most 1 each — and only then is the query scored again, keeping those that could.
 */
export function firstStage(k: Knowledge, query: readonly WeightedTerm[], size: number, scratch: FirstStageScratch = new FirstStageScratch()): FirstStageEntry[] {
  const { found } = scratch;
  let room = scratch.rooms.get(size);
  if (!room) scratch.rooms.set(size, (room = new Room()));
  const promise = room.promise();
  if (size <= 0 || !collect(k, scratch, query, promise)) return [];
  const { paragraph: P, neighbour: N } = SETTINGS.search;
  const pOf = (j: number) => (found.bestP ? found.p[j]! / found.bestP : 0);
  const nOf = (j: number) => found.n[j]! / found.bestS;
  const select = (): BestOf => {
    const best = new BestOf(size);
    const { ids, s, bestS } = found;
    for (let j = 0; j < found.count; j++) {
      const id = ids[j]!;
      const x = s[j]! / bestS;
      // the paragraph and neighbour shares are at most 1 each
      if (best.full && !best.admits(x + P * 1 + N * 1, id)) continue;
      best.push(x + P * pOf(j) + N * nOf(j), id, j);
    }
    return best;
  };
  let best = select();
  const worst = best.full ? best.scores[0]! - P - N : -Infinity;
  // a sentence left out scores below promise × the best: with full shares, below the cut?
  if (promise !== null && !(worst - 1e-9 >= promise + 1e-9)) {
    // not settled: the sentences kept bound what the others must reach — one whose own share is below
    // the worst kept less the full shares cannot get in (the worst kept only rises with more sentences) —
    // and the best score is known now, so the second pass keeps few; without `size` kept, all
    collect(k, scratch, query, best.full ? worst - 2e-9 : null, found.bestS);
    best = select();
  }
  room.add(best.full ? best.scores[0]! - P - N : -Infinity);
  const out: FirstStageEntry[] = [];
  for (let i = 0; i < best.size; i++) {
    const j = best.refs[i]!;
    out.push({ id: best.ids[i]!, score: best.scores[i]!, s: found.s[j]! / found.bestS, p: pOf(j), n: nOf(j) });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id);
}
