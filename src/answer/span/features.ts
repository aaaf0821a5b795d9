/**
 * Features of a candidate short answer against the question: whether its type is the type asked for, how
 * near it stands to the question's words (and verb) in the sentence, whether it only repeats them, the parts
 * of speech at and across its edges, its length, and how close its head noun is in meaning to the noun the
 * question asks about. Sparse and named, so that the weights trained by scripts/train-span.ts are plain
 * JSON; one function emits them for training and for scoring at run time.
 *
 * Each feature is emitted with the conjunctions it takes: on its own, with the question's kind ("qk:when|…"),
 * with the sort of answer asked for ("qs:date|…"). The scorer resolves a name and its conjunctions to one
 * weight per question, so scoring does not build strings per candidate.
 */
import type { WordVectors } from '../../text/embeddings.js';
import { nounSorts } from '../../text/nounSorts.js';
import { termOf } from '../../search/terms.js';
import type { ParsedQuestion } from '../question.js';
import type { SpanCandidate } from './candidates.js';
import type { SentenceView } from './types.js';

/** Conjunctions a feature is emitted with (bits). */
export const ALONE = 1;
export const BY_KIND = 2;
export const BY_SORT = 4;

/** Receives one feature: its name, value, and the conjunctions it takes. */
export type Emit = (name: string, value: number, conj: number) => void;

/** The names a feature stands for under a question: itself and its conjunctions. */
export function expandFeature(name: string, conj: number, qk: string, qs: string, out: (full: string) => void): void {
  if (conj & ALONE) out(name);
  if (conj & BY_KIND) out(`qk:${qk}|${name}`);
  if (conj & BY_SORT) out(`qs:${qs}|${name}`);
}

/** What the features need of the question and sentence, computed once for all candidates. */
export interface SpanContext {
  qk: string;
  qs: string;
  /** The question's head noun or focus word, lower-case lemma, for word-vector similarity. */
  want: string | null;
  /** Sentence tokens that are question words. */
  matched: boolean[];
  /** Which distinct question term each token is (-1 for none). */
  termId: number[];
  qterms: number;
  /** Tokens whose lemma is a verb of the question. */
  verbAt: boolean[];
  /** Per token: the closest meaning of it to any question word, binned (a paraphrase repeats the question). */
  softName: string[];
  soft: number[];
  /** Per token: names of the edge features of a candidate starting or ending there. */
  prevName: string[];
  nextName: string[];
  firstName: string[];
  lastName: string[];
  crossLeft: string[];
  crossRight: string[];
  headSim: Map<number, string>;
  nextSim: Map<number, string>;
  headSort: Map<number, string | null>;
  /** The feature naming the parts of speech of tokens first..last. */
  posName: (first: number, last: number) => string;
}

const FUNCTION_POS = /^(ADP|SCONJ|PART|AUX|DET|CCONJ|PRON|PUNCT)$/;
/** Tokens either side of a candidate searched for question words. */
const WINDOW = 6;

/** The word or, for open-class words, the part of speech: what a boundary says. */
function edgeOf(view: SentenceView, i: number): string {
  const t = view.tokens[i];
  if (!t) return i < 0 ? 'BOS' : 'EOS';
  return FUNCTION_POS.test(t.pos) ? `${t.pos}:${t.norm}` : t.pos;
}
const posOf = (view: SentenceView, i: number): string => view.tokens[i]?.pos ?? (i < 0 ? 'BOS' : 'EOS');

const bins = (prefix: string, labels: readonly string[]): string[] => labels.map((l) => `${prefix}:${l}`);
const SIM = ['same', 'hi', 'mid', 'lo', 'none'];
const simIndex = (s: number): number => (s >= 0.999 ? 0 : s >= 0.6 ? 1 : s >= 0.4 ? 2 : s >= 0.2 ? 3 : 4);
const HSIM = bins('hsim', SIM);
const NSIM = bins('nsim', SIM);
const SOFT = bins('soft', SIM);
const DIST = bins('dist', ['none', '1', '2', '3-4', '5-8', '9-14', 'far']);
const distIndex = (d: number): number => (d <= 0 ? 0 : d === 1 ? 1 : d === 2 ? 2 : d <= 4 ? 3 : d <= 8 ? 4 : d <= 14 ? 5 : 6);
const VDIST = bins('vdist', ['none', '1', '2', '3-4', '5-8', '9-14', 'far']);
const LEN = bins('len', ['0', '1', '2', '3', '4', '5', '6', '7-9', '10-14', '15+']);
const lenIndex = (n: number): number => (n <= 6 ? n : n <= 9 ? 7 : n <= 14 ? 8 : 9);
const OV = bins('ov', ['0', '1', '2', '3+']);
const UNMATCHED = bins('unmatched', ['0', '1', '2', '3+']);
const CAP = bins('cap', ['none', 'some', 'all']);
const HSORT = { person: 'hsort:person', place: 'hsort:place' } as const;

export function spanContext(q: ParsedQuestion, view: SentenceView, vectors: WordVectors | null): SpanContext {
  const qterms = new Map<string, number>();
  for (const t of q.terms) if (!qterms.has(t.term)) qterms.set(t.term, qterms.size);
  const tokens = view.tokens;
  const termId = tokens.map((t) => {
    const term = termOf(t);
    return term !== null ? (qterms.get(term) ?? -1) : -1;
  });
  const verbs = new Set(q.verbs.map((v) => v.toLowerCase()));
  const focus = q.terms.find((t) => t.focus);
  const want = q.head ?? (focus ? focus.lemma.toLowerCase() : null);
  const qLemmas = [...new Set(q.terms.filter((t) => !t.name).map((t) => t.lemma.toLowerCase()))];
  const simCache = new Map<string, number>();
  const sim = (a: string | null, b: string): number => {
    if (!a || !vectors) return 0;
    const key = `${a} ${b}`;
    let s = simCache.get(key);
    if (s === undefined) simCache.set(key, (s = vectors.similarity(a, b)));
    return s;
  };
  const soft = tokens.map((t, i) => {
    if (termId[i]! >= 0) return 1;
    if (!/^(NOUN|VERB|ADJ|ADV)$/.test(t.pos) || !vectors) return 0;
    let best = 0;
    const l = t.lemma.toLowerCase();
    for (const ql of qLemmas) best = Math.max(best, sim(ql, l));
    return best;
  });
  const posSeqs = new Map<number, string>();
  const ctx: SpanContext = {
    qk: q.kind,
    qs: q.sort ?? '-',
    want,
    matched: termId.map((i) => i >= 0),
    termId,
    qterms: qterms.size,
    verbAt: tokens.map((t) => t.pos === 'VERB' && verbs.has(t.lemma.toLowerCase())),
    soft,
    softName: soft.map((s) => SOFT[simIndex(s)]!),
    prevName: tokens.map((_, i) => `p:${edgeOf(view, i - 1)}`),
    nextName: tokens.map((_, i) => `n:${edgeOf(view, i + 1)}`),
    firstName: tokens.map((t) => `f:${t.pos}`),
    lastName: tokens.map((t) => `l:${t.pos}`),
    crossLeft: tokens.map((t, i) => `pf:${posOf(view, i - 1)}_${t.pos}`),
    crossRight: tokens.map((t, i) => `ln:${t.pos}_${posOf(view, i + 1)}`),
    headSim: new Map(),
    nextSim: new Map(),
    headSort: new Map(),
    posName: (first, last) => {
      let name = posSeqs.get(first * 4096 + last);
      if (name === undefined) {
        name = 'pos:' + tokens.slice(first, last + 1).map((t) => t.pos).join('_');
        posSeqs.set(first * 4096 + last, name);
      }
      return name;
    },
  };
  if (want) {
    tokens.forEach((t, i) => {
      if (t.pos !== 'NOUN' && t.pos !== 'PROPN' && t.pos !== 'NUM') return;
      const s = sim(want, t.lemma.toLowerCase());
      ctx.headSim.set(i, HSIM[simIndex(s)]!);
      ctx.nextSim.set(i, NSIM[simIndex(s)]!);
      const sort = nounSorts().sortOf(t.lemma.toLowerCase());
      ctx.headSort.set(i, sort ? HSORT[sort] : null);
    });
  }
  return ctx;
}

/** Words a candidate is judged by when asking whether it only repeats the question ("in *Vietnam*"). */
const GLUE_POS = /^(PUNCT|SPACE|SYM|ADP|DET|CCONJ|PART)$/;

/** Whether every word of a candidate, glue words aside, is a question word: it repeats the question. */
export function repeatsQuestion(ctx: SpanContext, view: SentenceView, c: SpanCandidate): boolean {
  let words = 0;
  for (let t = c.first; t <= c.last; t++) {
    if (GLUE_POS.test(view.tokens[t]!.pos)) continue;
    if (!ctx.matched[t]) return false;
    words++;
  }
  return words > 0;
}

const UNTYPED = new Set(['ngram', 'np', 'np-core', 'np-of', 'np-and', 'clause', 'clause-body']);

/** Emits the features of one candidate. */
export function emitSpanFeatures(ctx: SpanContext, view: SentenceView, c: SpanCandidate, emit: Emit): void {
  const tokens = view.tokens;
  const ALL = ALONE | BY_KIND | BY_SORT;
  const KIND = ALONE | BY_KIND;
  let typed = false;
  for (const tag of c.tags) {
    emit(tag, 1, ALL);
    if (!UNTYPED.has(tag)) typed = true;
  }
  if (!typed) emit('untyped', 1, ALL);

  let words = 0;
  let overlap = 0;
  let caps = 0;
  let head = -1;
  let softMax = 0;
  let softSum = 0;
  for (let i = c.first; i <= c.last; i++) {
    const t = tokens[i]!;
    if (t.pos === 'PUNCT' || t.pos === 'SYM') {
      if (t.text === ',') emit('comma', 1, KIND);
      continue;
    }
    words++;
    if (ctx.matched[i]) overlap++;
    const s = ctx.soft[i]!;
    softSum += s;
    if (s > softMax) softMax = s;
    if (/^\p{Lu}/u.test(t.text)) caps++;
    if (t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === 'NUM' && head < 0)) head = i;
  }
  emit(LEN[lenIndex(words)]!, 1, ALL);
  emit(OV[Math.min(overlap, 3)]!, 1, KIND);
  if (words) {
    emit('ovfrac', overlap / words, KIND);
    emit('softmean', softSum / words, KIND);
  }
  if (overlap > 0 && overlap === words) emit('ovall', 1, KIND);
  emit(UNMATCHED[Math.min(words - overlap, 3)]!, 1, KIND);
  if (head >= 0 && ctx.matched[head]) emit(overlap === words ? 'headonly' : 'headasked', 1, KIND);
  // the parts of speech of a short candidate, in order ("PROPN PROPN", "NUM PUNCT NUM")
  const posSeq = c.last - c.first < 4 ? ctx.posName(c.first, c.last) : 'pos:long';
  emit(posSeq, 1, KIND);
  emit(SOFT[simIndex(softMax)]!, 1, KIND);
  emit(CAP[caps === 0 ? 0 : caps === words ? 2 : 1]!, 1, KIND);

  // nearness to the question's words outside the candidate
  let nearest = 0;
  let side = '';
  let left = 0;
  let right = 0;
  const seen = new Set<number>();
  for (let d = 1; d <= WINDOW; d++) {
    const l = c.first - d;
    const r = c.last + d;
    if (l >= 0 && ctx.matched[l]) {
      seen.add(ctx.termId[l]!);
      left++;
      if (!nearest) [nearest, side] = [d, 'side:L'];
    }
    if (r < tokens.length && ctx.matched[r]) {
      seen.add(ctx.termId[r]!);
      right++;
      if (!nearest) [nearest, side] = [d, 'side:R'];
    }
  }
  if (!nearest) {
    for (let d = WINDOW + 1; d < tokens.length && !nearest; d++) {
      if (c.first - d >= 0 && ctx.matched[c.first - d]) [nearest, side] = [d, 'side:L'];
      else if (c.last + d < tokens.length && ctx.matched[c.last + d]) [nearest, side] = [d, 'side:R'];
    }
  }
  emit(DIST[distIndex(nearest)]!, 1, KIND);
  if (nearest) emit(side, 1, KIND);
  if (left && right) emit('between', 1, KIND);
  if (ctx.qterms) emit(overlap ? 'window-ov' : 'window', seen.size / ctx.qterms, KIND);

  // nearness to the question's verb
  let vnear = 0;
  let vside = '';
  for (let d = 1; d < tokens.length && !vnear; d++) {
    if (c.first - d >= 0 && ctx.verbAt[c.first - d]) [vnear, vside] = [d, 'vside:L'];
    else if (c.last + d < tokens.length && ctx.verbAt[c.last + d]) [vnear, vside] = [d, 'vside:R'];
  }
  emit(VDIST[distIndex(vnear)]!, 1, KIND);
  if (vnear) emit(vside, 1, KIND);

  // edges, and whether the candidate cuts a phrase there
  emit(ctx.firstName[c.first]!, 1, KIND);
  emit(ctx.lastName[c.last]!, 1, KIND);
  emit(ctx.prevName[c.first]!, 1, KIND);
  emit(ctx.nextName[c.last]!, 1, KIND);
  emit(ctx.crossLeft[c.first]!, 1, ALONE);
  emit(ctx.crossRight[c.last]!, 1, ALONE);

  // meaning of the head against what the question asks for
  if (ctx.want) {
    if (head >= 0) {
      emit(ctx.headSim.get(head) ?? HSIM[4]!, 1, KIND);
      const sort = ctx.headSort.get(head);
      if (sort) emit(sort, 1, BY_SORT);
    }
    // a count is followed by what it counts ("six Danes")
    for (let i = c.last + 1; i < tokens.length && i <= c.last + 3; i++) {
      const ns = ctx.nextSim.get(i);
      if (ns && (tokens[i]!.pos === 'NOUN' || tokens[i]!.pos === 'PROPN')) {
        emit(ns, 1, KIND);
        break;
      }
    }
  }
}
