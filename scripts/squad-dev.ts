// Dev harness: ranks SQuAD questions in-process (no spawn) for fast iteration on ranking.
import { wordVectors } from '../src/text/embeddings.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseQuestion } from '../src/answer/question.js';
import { correctSpelling, queryTerms } from '../src/answer/query.js';
import { loadKnowledge } from './dev-corpus.js';
import { rankSentences } from '../src/answer/rank.js';
import { RANK_MODEL } from "../src/answer/rankModel.js";
const W = { ...RANK_MODEL, ...JSON.parse(process.env.W ?? "{}") };

let t = Date.now();
const k = await loadKnowledge('/work/shared/eval/squad/corpus');
console.log('built', k.sentences.length, 'sentences in', Date.now() - t, 'ms');
const limit = Number(process.argv[2] ?? 1000);
let qs = readFileSync('/work/shared/eval/squad/questions.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { q: string; answers: string[] });
qs = qs.filter((_, i) => i % Math.ceil(qs.length / limit) === 0);
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
let right = 0;
const byKind = new Map<string, [number, number]>();
t = Date.now();
const fails: string[] = [];
const flags: string[] = [];
for (const q of qs) {
  const pq = correctSpelling(k, parseQuestion(q.q), wordVectors());
  const query = queryTerms(k, pq, wordVectors());
  const r = rankSentences(k, pq, query, 1, W)[0];
  const text = r ? fold(k.sentences[r.sentenceId]!.text) : '';
  const ok = q.answers.some((g) => text.includes(fold(g)));
  const gold = ok ? '' : (k.sentences.find((s) => q.answers.some((g) => fold(s.text).includes(fold(g))))?.text ?? '-').slice(0, 150);
  flags.push(`${ok ? 1 : 0}\t${q.q}\t${text.slice(0, 120)}`);
  if (ok) right++;
  else fails.push(`${pq.kind} | ${q.q} | ${q.answers[0]}\n   GOT ${text.slice(0, 150)}\n   GOLD ${gold}`);
  const e = byKind.get(pq.kind) ?? [0, 0];
  e[0] += ok ? 1 : 0; e[1]++;
  byKind.set(pq.kind, e);
}
console.log(`top1 ${(100 * right / qs.length).toFixed(1)}% of ${qs.length}, ${((Date.now() - t) / qs.length).toFixed(2)} ms/q`);
console.log([...byKind].map(([k2, [a, b]]) => `${k2}: ${a}/${b}`).join('  '));
if (process.env.OUT) writeFileSync(process.env.OUT, flags.join('\n'));
if (process.argv[3]) for (const f of fails.slice(0, Number(process.argv[3]))) console.log(f);
