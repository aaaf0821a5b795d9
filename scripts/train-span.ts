/**
 * Trains the short-answer model (data/span-model.json): a softmax over the candidate spans of a sentence,
 * the gold being the candidates equal to a SQuAD answer (SQuAD's normalisation), fitted by AdaGrad with L2.
 * Reads .cache/span-data.jsonl (scripts/span-data.ts) and computes every feature with the engine's own
 * functions, exactly as at run time.
 *
 * Split by article: every fourth article of the sorted list is held out for validation and only its
 * totals are printed. Reports exact match and F1 of the span chosen in the engine's best sentence.
 *
 *   npx tsx scripts/train-span.ts [--data .cache/span-data.jsonl] [--epochs 8] [--l2 1e-5] [--lr 0.2]
 *        [--all] (train on every article, for the shipped model) [--no-write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { spanCandidates, type SpanCandidate } from '../src/answer/span/candidates.js';
import { emitSpanFeatures, expandFeature, spanContext } from '../src/answer/span/features.js';
import { wantsClause } from '../src/answer/span/index.js';
import { SPAN_MODEL_FILE } from '../src/answer/span/model.js';
import type { SentenceView } from '../src/answer/span/types.js';
import type { ParsedQuestion } from '../src/answer/question.js';
import { wordVectors } from '../src/text/embeddings.js';
import { spanEM, spanF1, squadNorm } from './lib/eval.js';

const { values: opts } = parseArgs({
  options: {
    data: { type: 'string', default: '.cache/span-data.jsonl' },
    epochs: { type: 'string', default: '8' },
    l2: { type: 'string', default: '1e-5' },
    lr: { type: 'string', default: '0.2' },
    all: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    limit: { type: 'string', default: '0' },
  },
});

interface Item {
  id: string;
  answers: string[];
  q: ParsedQuestion;
  sentences: Array<{ id: number; article: string; view: SentenceView }>;
}

const emOf = spanEM;
const bestF1 = spanF1;

let items: Item[] = readFileSync(opts.data, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item);
if (Number(opts.limit) > 0) items = items.slice(0, Number(opts.limit));

// the article of a question: SQuAD lists questions article by article, so the commonest article of the
// best sentences of the questions around it
const top1 = items.map((it) => it.sentences[0]?.article ?? '');
const articleOf = items.map((_, i) => {
  const votes = new Map<string, number>();
  for (let j = Math.max(0, i - 12); j <= Math.min(items.length - 1, i + 12); j++) votes.set(top1[j]!, (votes.get(top1[j]!) ?? 0) + 1);
  return [...votes].sort((a, b) => b[1] - a[1])[0]![0];
});
const articles = [...new Set(articleOf)].sort();
const held = new Set(articles.filter((_, i) => i % 4 === 3));
const isVal = (i: number): boolean => held.has(articleOf[i]!);

// features, interned
const vectors = wordVectors();
const ids = new Map<string, number>();
const names: string[] = [];
const idOf = (name: string): number => {
  let i = ids.get(name);
  if (i === undefined) {
    i = names.length;
    ids.set(name, i);
    names.push(name);
  }
  return i;
};
interface Packed {
  cands: SpanCandidate[];
  text: string;
  /** Feature ids and values of candidate c: [offsets[c], offsets[c + 1]). */
  offsets: Int32Array;
  fid: Int32Array;
  fval: Float32Array;
  gold: number[];
}
function pack(q: ParsedQuestion, view: SentenceView, answers: string[]): Packed {
  const ctx = spanContext(q, view, vectors);
  const cands = spanCandidates(view, wantsClause(q));
  const fidList: number[] = [];
  const fvalList: number[] = [];
  const offsets = new Int32Array(cands.length + 1);
  const f1s: number[] = [];
  cands.forEach((c, ci) => {
    emitSpanFeatures(ctx, view, c, (name, value, conj) =>
      expandFeature(name, conj, ctx.qk, ctx.qs, (full) => {
        fidList.push(idOf(full));
        fvalList.push(value);
      }),
    );
    offsets[ci + 1] = fidList.length;
  });
  const golds = new Set(answers.map((g) => squadNorm(g).join(' ')));
  const norms = cands.map((c) => squadNorm(view.text.slice(c.start, c.end)).join(' '));
  const em = norms.map((t, ci) => (golds.has(t) ? ci : -1)).filter((i) => i >= 0);
  if (!em.length) for (const c of cands) f1s.push(bestF1(view.text.slice(c.start, c.end), answers));
  const max = f1s.reduce((a, b) => Math.max(a, b), 0);
  const gold = em.length ? em : max >= 0.5 ? f1s.map((f, i) => (f === max ? i : -1)).filter((i) => i >= 0) : [];
  return { cands, text: view.text, offsets, fid: Int32Array.from(fidList), fval: Float32Array.from(fvalList), gold };
}

const started = Date.now();
const train: Packed[] = [];
const evalTop1: Array<{ p: Packed | null; answers: string[]; val: boolean }> = [];
items.forEach((it, i) => {
  const val = isVal(i);
  it.sentences.forEach((s, si) => {
    const p = pack(it.q, s.view, it.answers);
    if (si === 0) evalTop1.push({ p, answers: it.answers, val });
    if ((!val || opts.all) && p.gold.length) train.push(p);
  });
  if (!it.sentences.length) evalTop1.push({ p: null, answers: it.answers, val });
});
console.log(`${items.length} questions, ${articles.length} articles (${held.size} held out), ${train.length} training sentences, ${names.length} features, packed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const w = new Float64Array(names.length);
const g2 = new Float64Array(names.length).fill(1e-8);
const score = (p: Packed, c: number): number => {
  let s = 0;
  for (let k = p.offsets[c]!; k < p.offsets[c + 1]!; k++) s += w[p.fid[k]!]! * p.fval[k]!;
  return s;
};
const lr = Number(opts.lr);
const l2 = Number(opts.l2);
let seed = 7;
const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const order = train.map((_, i) => i);
for (let epoch = 0; epoch < Number(opts.epochs); epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let loss = 0;
  for (const oi of order) {
    const p = train[oi]!;
    const n = p.cands.length;
    const s = new Float64Array(n);
    let max = -Infinity;
    for (let c = 0; c < n; c++) max = Math.max(max, (s[c] = score(p, c)));
    let z = 0;
    for (let c = 0; c < n; c++) z += (s[c] = Math.exp(s[c]! - max));
    let zg = 0;
    for (const c of p.gold) zg += s[c]!;
    loss -= Math.log(zg / z);
    // gradient of -log(Σ_gold p) : p_c - q_c, q the model's distribution renormalised over the gold
    const grad = new Map<number, number>();
    const goldSet = new Set(p.gold);
    for (let c = 0; c < n; c++) {
      const g = s[c]! / z - (goldSet.has(c) ? s[c]! / zg : 0);
      if (Math.abs(g) < 1e-6) continue;
      for (let k = p.offsets[c]!; k < p.offsets[c + 1]!; k++) grad.set(p.fid[k]!, (grad.get(p.fid[k]!) ?? 0) + g * p.fval[k]!);
    }
    for (const [f, g0] of grad) {
      const g = g0 + l2 * w[f]!;
      g2[f]! += g * g;
      w[f]! -= (lr * g) / Math.sqrt(g2[f]!);
    }
  }
  console.log(`epoch ${epoch + 1}: loss ${(loss / order.length).toFixed(4)}`);
}

function report(val: boolean): string {
  let n = 0, em = 0, f1 = 0, oracle = 0;
  for (const e of evalTop1) {
    if (e.val !== val) continue;
    n++;
    if (!e.p || !e.p.cands.length) continue;
    let best = 0;
    for (let c = 1; c < e.p.cands.length; c++) if (score(e.p, c) > score(e.p, best)) best = c;
    const text = e.p.text.slice(e.p.cands[best]!.start, e.p.cands[best]!.end);
    em += emOf(text, e.answers);
    f1 += bestF1(text, e.answers);
    if (e.p.gold.length && e.p.cands.some((c) => emOf(e.p!.text.slice(c.start, c.end), e.answers))) oracle++;
  }
  const pct = (x: number) => ((x / n) * 100).toFixed(1);
  return `${n} questions: EM ${pct(em)}%, F1 ${pct(f1)}% (a candidate is exact in ${pct(oracle)}%)`;
}
console.log(`train      ${report(false)}`);
console.log(`validation ${report(true)}`);

if (!opts['no-write']) {
  const weights: Record<string, number> = {};
  names.map((name, i) => [name, w[i]!] as const).filter(([, v]) => Math.abs(v) >= 1e-4).sort((a, b) => a[0].localeCompare(b[0])).forEach(([name, v]) => (weights[name] = Math.round(v * 1e4) / 1e4));
  writeFileSync(SPAN_MODEL_FILE, JSON.stringify({ about: 'Short-answer weights, written by scripts/train-span.ts', trainedOn: opts.all ? 'all articles' : `SQuAD half minus ${held.size} held-out articles`, weights }, null, 0) + '\n');
  console.log(`wrote ${Object.keys(weights).length} weights to ${SPAN_MODEL_FILE}`);
}
