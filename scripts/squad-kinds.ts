// SQuAD top-1 by question kind and answer sort, to see where the misses are:
//   npx tsx scripts/squad-kinds.ts
import { readFileSync } from 'node:fs';
import { Engine } from '../src/engine.js';
import { rankForQuestion } from '../src/answer/answer.js';
import { parseQuestion } from '../src/answer/question.js';
import { wordVectors } from '../src/text/embeddings.js';
const k = (await Engine.load('/work/shared/eval/squad/corpus')).knowledge;
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const qs = readFileSync('/work/shared/eval/squad/questions.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { q: string; answers: string[] });
const by = new Map<string, [number, number]>();
for (const q of qs) {
  const p = parseQuestion(q.q);
  const { pool } = rankForQuestion(k, q.q, wordVectors());
  const top = pool[0] ? k.sentences[pool[0].sentenceId]!.text : '';
  const ok = q.answers.some((g) => fold(top).includes(fold(g))) ? 1 : 0;
  for (const key of [`kind ${p.kind}`, `sort ${p.sort}`]) {
    const v = by.get(key) ?? [0, 0];
    v[0] += ok; v[1]++;
    by.set(key, v);
  }
}
for (const [key, [ok, n]] of [...by].sort((a, b) => b[1][1] - b[1][0] - (a[1][1] - a[1][0])))
  console.log(key.padEnd(20), String(n).padStart(5), `${((ok / n) * 100).toFixed(1)}%`, 'misses', n - ok);
