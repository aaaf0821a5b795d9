/**
 * Ranking sentences for a question, in two stages. First, BM25 over sentences and over paragraphs picks
 * candidates (cost grows with the postings of the question's terms, not with the corpus). Then the best
 * few are re-scored with what a reader checks (features.ts): does the sentence hold the kind of thing
 * asked for (a number, a date, a name not already in the question), how much of the question it covers,
 * even with other words for the same thing, and what the passage around it is about.
 */
import { analyseParagraph, type AnalysedSentence } from '../text/analyse.js';
import { DOT_SCALE, wordVectors, type WordTable, type WordVectors } from '../text/embeddings.js';
import { wordClassOf, type WordClass } from '../text/synonyms.js';
import type { WeightedTerm } from '../search/bm25.js';
import type { Knowledge } from '../search/knowledge.js';
import type { SentenceFacts } from '../types.js';
import { decodeSentence } from '../search/tokens.js';
import { similarityRow } from './query.js';
import type { ParsedQuestion } from './question.js';
import { candidateFeatures, linearScore, questionContext, referringSubject, type FeatureName, type Features, type QuestionContext } from './features.js';
import { RANK_MODEL } from './rankModel.js';
import { spelledNameKeyOf } from '../facts/names.js';
import { SETTINGS, softCredit } from '../settings.js';

/** The first-stage shares and the pool size, as before they moved to {@link SETTINGS}. */
export const RANK_SETTINGS = Object.freeze({
  paragraph: SETTINGS.search.paragraph,
  neighbour: SETTINGS.search.neighbour,
  /** The engine's pool: the scripts measure what answers. */
  rerank: SETTINGS.rank.pool,
});

export interface RankedSentence {
  sentenceId: number;
  score: number;
  /** Share of the question's weighted terms found in the sentence (0..1). */
  coverage: number;
  features: Features;
}

let vectors: WordVectors | null | undefined;
function vectorsOrNull(): WordVectors | null {
  if (vectors === undefined) {
    try {
      vectors = wordVectors();
    } catch {
      // without vectors the ranker still works on exact matches
      vectors = null;
    }
  }
  return vectors;
}

/**
 * Word vectors that remember the similarities asked for: the ranker compares the same few question words
 * with the words of sixty candidates, most of them seen before. Values are the inner vectors' own.
 */
class RememberedVectors implements WordVectors {
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

const remembered = new WeakMap<WordVectors, RememberedVectors>();
function rememberedOf(vec: WordVectors): RememberedVectors {
  let r = remembered.get(vec);
  if (!r) remembered.set(vec, (r = new RememberedVectors(vec)));
  return r;
}

/**
 * The weighted query terms in arrays: term ids, the question word (group) each stands for, and scratch
 * space, so that "how much of the question does this passage cover" allocates nothing per candidate.
 */
class QueryPlan {
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
   * grow with the corpus. The array is overwritten by the next call.
   */
  countsIn(k: Knowledge, lo: number, hi: number): Int32Array {
    const { counts, lastIn, firstSame } = this;
    const slot = slotsOf(k);
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
class TermMarks {
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

const termMarks = new WeakMap<Knowledge, TermMarks>();
function marksOf(k: Knowledge): TermMarks {
  let m = termMarks.get(k);
  if (!m) termMarks.set(k, (m = new TermMarks(k.vocabulary.size)));
  return m;
}

const termSlots = new WeakMap<Knowledge, Int32Array>();
/** Scratch by term id, all 0 between uses ({@link QueryPlan.countsIn}). */
function slotsOf(k: Knowledge): Int32Array {
  let s = termSlots.get(k);
  if (!s) termSlots.set(k, (s = new Int32Array(k.vocabulary.size)));
  return s;
}

/**
 * Term weights within one article: a word that runs through the article (its topic) tells its sentences
 * apart less than a word found in one or two of them.
 */
function localWeights(k: Knowledge, articleId: number, plan: QueryPlan): { weights: Float64Array; total: number } {
  const [lo, hi] = k.articleSentences[articleId] ?? [0, 0];
  const n = Math.max(1, hi - lo);
  const counts = plan.countsIn(k, lo, hi);
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
function softCoverage(k: Knowledge, sentenceIds: readonly number[], ctx: QuestionContext, wordIds: Int32Array, vec: WordVectors | null, marks: TermMarks): number {
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
    const row = similarityRow(k, w.word, vec);
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

/** The sentence's wink analysis: from the index when it holds it, else computed again. */
function analysisOf(k: Knowledge, id: number): AnalysedSentence {
  const text = k.sentences[id]!.text;
  const code = k.sentenceTokens.get(id);
  return (code ? decodeSentence(text, code) : null) ?? analyseParagraph(text)[0] ?? { text, start: 0, tokens: [], entities: [] };
}

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

const blockLayouts = new WeakMap<Knowledge, Blocks>();
function blocksOf(k: Knowledge): Blocks {
  let layout = blockLayouts.get(k);
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
    blockLayouts.set(k, layout);
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
const found = new Found();

/**
 * Scores the query over sentences and paragraphs, block by block, and keeps in {@link found} the sentences
 * holding a query term — every one when `promise` is null, else those whose score reaches `promise` × the
 * best (and maybe others: a sentence is kept when its score reaches that share of the best so far, or of
 * `best` when the best is known).
 * @returns false when no sentence holds a query term
 */
function collect(k: Knowledge, query: readonly WeightedTerm[], promise: number | null, best?: number): boolean {
  const layout = blocksOf(k);
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
/** The room of each corpus, by the number of sentences wanted (the worst kept of the best 5 is not of the best 60). */
const rooms = new WeakMap<Knowledge, Map<number, Room>>();

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
export function firstStage(k: Knowledge, query: readonly WeightedTerm[], size: number): FirstStageEntry[] {
  let bySize = rooms.get(k);
  if (!bySize) rooms.set(k, (bySize = new Map()));
  let room = bySize.get(size);
  if (!room) bySize.set(size, (room = new Room()));
  const promise = room.promise();
  if (size <= 0 || !collect(k, query, promise)) return [];
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
    collect(k, query, best.full ? worst - 2e-9 : null, found.bestS);
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

/** Whom an opening pronoun stands for: a person ("he", "her"), a thing ("it"), either ("they"). */
function personalPronoun(sentence: AnalysedSentence): 'person' | 'thing' | 'either' {
  const first = sentence.tokens.find((t) => t.pos !== 'PUNCT' && t.pos !== 'SPACE')?.norm ?? '';
  return /^(he|she|his|her|him)$/.test(first) ? 'person' : /^(it|its)$/.test(first) ? 'thing' : 'either';
}

/**
 * The names a question asks about, as the group keys of the corpus's names with the question terms that
 * spell them ("Roger Stone" → its group, whose mentions include "Stone"). Runs of two or more name words.
 */
function askedNames(k: Knowledge, q: ParsedQuestion): Array<{ key: string; terms: string[] }> {
  const out: Array<{ key: string; terms: string[] }> = [];
  let run: typeof q.terms = [];
  const flush = () => {
    if (run.length >= 2) {
      const key = spelledNameKeyOf(run.map((t) => t.word).join(' '), k.groups);
      if (key) out.push({ key, terms: run.map((t) => t.term) });
    }
    run = [];
  };
  for (const t of q.terms) {
    if (t.name) run.push(t);
    else flush();
  }
  flush();
  return out;
}

const PERSON_PRONOUN = /^(he|she|him|his|her)$/;
const PRONOUN_REACH = SETTINGS.rank.pronounReach;

/** "He"/"she"/"his" in a sentence that names no person itself. */
function clausePronoun(sentence: AnalysedSentence, facts: SentenceFacts | undefined): boolean {
  if (facts?.entities.some((e) => e.kind === 'person')) return false;
  return sentence.tokens.some((t) => PERSON_PRONOUN.test(t.norm));
}

/** The nearest sentence before `id` in its article that names a person, within PRONOUN_REACH; -1 if none. */
function personNamedBefore(k: Knowledge, id: number): number {
  const article = k.sentences[id]!.articleId;
  for (let j = id - 1; j >= 0 && j >= id - PRONOUN_REACH && k.sentences[j]!.articleId === article; j--) {
    if (k.facts.get(j)?.entities.some((e) => e.kind === 'person')) return j;
  }
  return -1;
}

/** The kind of name (person, place, organisation) each word of a sentence's names belongs to, by stem. */
function namedKinds(sentence: AnalysedSentence, facts: SentenceFacts | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of facts?.entities ?? []) {
    for (const t of sentence.tokens) if (t.start >= e.start && t.end <= e.start + e.text.length) out.set(t.stem, e.kind);
  }
  return out;
}

/** Candidates with their features, best first by the first stage; for ranking and for calibration. */
export function candidates(k: Knowledge, q: ParsedQuestion, query: WeightedTerm[], size: number = SETTINGS.rank.pool): RankedSentence[] {
  const first = firstStage(k, query, size);
  if (!first.length) return [];
  const plan = new QueryPlan(k, query);
  const idf = (term: string) => k.sentenceIndex.idf(term);
  const totalWeight = plan.mass(plan.weighted, null) || 1;
  const ctx = questionContext(q, idf);
  const wordIds = Int32Array.from(ctx.words, (w) => k.vocabulary.lookup(w.term));
  const paragraphParts = new Map<number, { coverage: number; local: number; soft: number }>();
  const locals = new Map<number, { weights: Float64Array; total: number }>();
  const vec = vectorsOrNull();
  const featureVectors = vec && rememberedOf(vec);
  const queryTerms = new Set(query.map((t) => t.term));
  // stand-ins (synonyms, neighbours) of the question's verbs and nouns, with the class they must have
  const standIns: Array<{ id: number; term: string; cls: WordClass }> = [];
  for (const t of query) {
    const asked = t.group === undefined ? undefined : q.terms[t.group];
    const cls = asked && !asked.name ? wordClassOf(asked.pos) : null;
    if (asked && asked.term !== t.term && (cls === 'verb' || cls === 'noun')) standIns.push({ id: k.vocabulary.lookup(t.term), term: t.term, cls });
  }
  const namesAsked = askedNames(k, q);
  const marks = marksOf(k);
  const out: RankedSentence[] = [];
  for (let rank = 0; rank < first.length; rank++) {
    const c = first[rank]!;
    const sent = k.sentences[c.id]!;
    let inTitle = 0;
    for (const t of k.titleTerms[sent.articleId] ?? []) if (queryTerms.has(t)) inTitle++;
    const analysed = analysisOf(k, c.id);

    // "The airline was sanctioned…" covers a question naming the airline the sentence before named,
    // unless the description names something else that sentence spoke of ("the sanctions relief")
    let referred: number[] = [];
    let referredTerms: string[] = [];
    let carried: string[] | undefined;
    const subject = c.id > 0 && k.sentences[c.id - 1]!.articleId === sent.articleId ? referringSubject(analysed) : null;
    if (subject) {
      marks.ofSentences(k, [c.id - 1]);
      const before = (term: string) => marks.has(k.vocabulary.lookup(term));
      if (!subject.slice(0, -1).some(before)) {
        // "he"/"she" stand for a person named before, "it" for anything but a person
        const pronoun = subject.length ? null : personalPronoun(analysed);
        const named = pronoun && pronoun !== 'either' ? namedKinds(analysisOf(k, c.id - 1), k.facts.get(c.id - 1)) : null;
        const kind = (term: string) => named?.get(term);
        const fits = (term: string) => !named || (pronoun === 'person' ? kind(term) !== 'place' && kind(term) !== 'organisation' : kind(term) !== 'person');
        referredTerms = ctx.words.filter((w) => w.name && before(w.term) && fits(w.term)).map((w) => w.term);
        referred = referredTerms.map((t) => k.vocabulary.lookup(t));
      }
    }
    const antecedentId = !referred.length && (subject === null || !subject.length) && clausePronoun(analysed, k.facts.get(c.id)) ? personNamedBefore(k, c.id) : -1;
    if (antecedentId >= 0) {
      // "…, and he died": "he"/"she"/"his" in a sentence that names no person stands for the person last
      // named, through sentences that only refer back to them
      marks.ofSentences(k, [antecedentId]);
      const named = namedKinds(analysisOf(k, antecedentId), k.facts.get(antecedentId));
      referredTerms = ctx.words.filter((w) => w.name && marks.has(k.vocabulary.lookup(w.term)) && named.get(w.term) === 'person').map((w) => w.term);
      referred = referredTerms.map((t) => k.vocabulary.lookup(t));
    }
    // "Stone, 66, was taken…" carries the asked "Roger Stone": a shorter spelling of the same name
    if (namesAsked.length) {
      const keys = new Set((k.facts.get(c.id)?.entities ?? []).map((e) => e.key));
      for (const n of namesAsked) {
        if (!keys.has(n.key)) continue;
        for (const term of n.terms) if (!sent.terms.includes(term) && !referredTerms.includes(term)) (carried ??= []).push(term);
      }
      if (carried) referred = [...referred, ...carried.map((t) => k.vocabulary.lookup(t))];
    }
    // a stand-in counts only in the asked word's part of speech: "go" → "move" matches "they moved", not "the move"
    marks.ofSentences(k, [c.id]);
    const miscast = standIns.filter((x) => marks.has(x.id) && !analysed.tokens.some((t) => t.stem === x.term && wordClassOf(t.pos) === x.cls)).map((x) => x.id);
    /** Marks the terms of the given sentences, the candidate's as it reads with the above. */
    const markWith = (ids: readonly number[]) => {
      marks.ofSentences(k, ids.filter((id) => id !== c.id));
      marks.addSentence(k, c.id, miscast);
      for (const id of referred) marks.add(id);
      return marks;
    };

    const para = k.paragraphs[sent.paragraphId]!;
    let local = locals.get(sent.articleId);
    if (!local) locals.set(sent.articleId, (local = localWeights(k, sent.articleId, plan)));
    const { weights, total } = local;
    // the paragraph's parts are shared by its sentences
    let whole = paragraphParts.get(para.id);
    if (!whole) {
      const soft = softCoverage(k, para.sentenceIds, ctx, wordIds, vec, marks);
      marks.ofSentences(k, para.sentenceIds);
      whole = { coverage: Math.min(1, plan.mass(plan.weighted, marks) / totalWeight), local: total ? plan.mass(weights, marks) / total : 0, soft };
      paragraphParts.set(para.id, whole);
    }
    markWith([c.id]);
    const coverage = Math.min(1, plan.mass(plan.weighted, marks) / totalWeight);
    const localCoverage = total ? plan.mass(weights, marks) / total : 0;
    // the sentence with its neighbours in the paragraph
    markWith(para.sentenceIds.filter((id) => Math.abs(id - c.id) <= 1));
    const windowCoverage = Math.min(1, plan.mass(plan.weighted, marks) / totalWeight);
    const localWindow = total ? plan.mass(weights, marks) / total : 0;
    const features = candidateFeatures(
      ctx,
      analysed,
      sent.terms,
      {
        bm25: c.s,
        paragraph: c.p,
        neighbour: c.n,
        rank,
        title: queryTerms.size ? inTitle / queryTerms.size : 0,
        coverage,
        position: sent.position,
        paragraphCoverage: whole.coverage,
        windowCoverage,
        localCoverage,
        localWindow,
        paragraphLocal: whole.local,
        paragraphSoft: whole.soft,
      },
      featureVectors,
      k.facts.get(c.id),
      referredTerms,
    );
    out.push({ sentenceId: c.id, score: c.score, coverage, features });
  }
  return out;
}

/** Ranks sentences for a parsed question with expanded query terms. Best first. */
export function rankSentences(
  k: Knowledge,
  q: ParsedQuestion,
  query: WeightedTerm[],
  limit = 10,
  weights: Readonly<Record<FeatureName, number>> = RANK_MODEL,
): RankedSentence[] {
  const out = candidates(k, q, query).map((c) => ({ ...c, score: linearScore(c.features, weights) }));
  out.sort((a, b) => b.score - a.score || a.sentenceId - b.sentenceId);
  return out.slice(0, limit);
}
