/**
 * Calibrates the ranker's feature weights (src/answer/rankModel.ts) by pairwise logistic regression:
 * for each question, the best sentence holding a gold answer should outscore the other candidates.
 * Trains on one half of the questions and reports accuracy on the other half, then on all of them.
 *   npx tsx scripts/train-ranker.ts [--set ../shared/eval/squad] [--limit N]
 */
import { wordVectors } from '../src/text/embeddings.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadKnowledge } from './dev-corpus.js';
import { parseQuestion } from '../src/answer/question.js';
import { candidates } from '../src/answer/rank.js';
import { correctSpelling, queryTerms } from '../src/answer/query.js';
import { FEATURE_NAMES, type FeatureName } from '../src/answer/features.js';
import { RANK_MODEL } from '../src/answer/rankModel.js';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => (args.includes(n) ? args[args.indexOf(n) + 1]! : d);
const set = resolve(opt('--set', '../shared/eval/squad'));
const limit = Number(opt('--limit', '0'));
const k = await loadKnowledge(join(set, 'corpus'));
let qs = readFileSync(join(set, 'questions.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { q: string; answers: string[] });
if (limit) qs = qs.filter((_, i) => i % Math.ceil(qs.length / limit) === 0);
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

type Row = { x: number[]; gold: boolean };
const data: Row[][] = [];
const kinds: string[] = [];
const t0 = Date.now();
for (const q of qs) {
  const pq = correctSpelling(k, parseQuestion(q.q));
  kinds.push(pq.kind);
  const cands = candidates(k, pq, queryTerms(k, pq, wordVectors()));
  data.push(cands.map((c) => ({ x: FEATURE_NAMES.map((n) => c.features[n]), gold: q.answers.some((g) => fold(k.sentences[c.sentenceId]!.text).includes(fold(g))) })));
}
console.log(`features for ${qs.length} questions in ${Date.now() - t0} ms`);
if (process.env.DUMP) writeFileSync(process.env.DUMP, JSON.stringify({ names: FEATURE_NAMES, kinds, data }));

const score = (w: number[], x: number[]) => x.reduce((s, v, i) => s + v * w[i]!, 0);
const accuracy = (w: number[], rows: Row[][]) => rows.filter((c) => c.length && c.reduce((b, r) => (score(w, r.x) > score(w, b.x) ? r : b)).gold).length / rows.length;

function train(rows: Row[][]): number[] {
  const w = FEATURE_NAMES.map((n) => RANK_MODEL[n]);
  const lambda = 1e-4;
  for (let epoch = 0; epoch < 40; epoch++) {
    const rate = 0.05 / (1 + epoch * 0.2);
    for (const c of rows) {
      const pos = c.filter((r) => r.gold);
      if (!pos.length || pos.length === c.length) continue;
      const p = pos.reduce((b, r) => (score(w, r.x) > score(w, b.x) ? r : b));
      const negs = c.filter((r) => !r.gold).sort((a, b) => score(w, b.x) - score(w, a.x)).slice(0, 8);
      for (const n of negs) {
        const d = p.x.map((v, i) => v - n.x[i]!);
        const m = score(w, d);
        const g = 1 / (1 + Math.exp(m)); // derivative of log(1+exp(-m))
        for (let i = 0; i < w.length; i++) w[i] = w[i]! + rate * (g * d[i]! - lambda * w[i]!);
      }
    }
  }
  return w;
}

const even = data.filter((_, i) => i % 2 === 0);
const odd = data.filter((_, i) => i % 2 === 1);
const base = FEATURE_NAMES.map((n) => RANK_MODEL[n]);
console.log(`current weights: all ${(accuracy(base, data) * 100).toFixed(1)}%`);
const wEven = train(even);
console.log(`trained on even: even ${(accuracy(wEven, even) * 100).toFixed(1)}%, held-out odd ${(accuracy(wEven, odd) * 100).toFixed(1)}%`);
const wOdd = train(odd);
console.log(`trained on odd: odd ${(accuracy(wOdd, odd) * 100).toFixed(1)}%, held-out even ${(accuracy(wOdd, even) * 100).toFixed(1)}%`);
const w = train(data);
console.log(`trained on all: ${(accuracy(w, data) * 100).toFixed(1)}%`);
const out: Record<string, number> = {};
FEATURE_NAMES.forEach((n: FeatureName, i) => (out[n] = Math.round(w[i]! * 1000) / 1000));
console.log(JSON.stringify(out, null, 2));
