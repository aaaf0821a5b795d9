// SQuAD misses of one question kind or answer sort, with the top sentence and where the right one ranks:
//   npx tsx scripts/squad-sort-misses.ts money|age|when|how-many|…
import { readFileSync } from 'node:fs';
import { Engine } from '../src/engine.js';
import { rankForQuestion } from '../src/answer/answer.js';
import { parseQuestion } from '../src/answer/question.js';
import { wordVectors } from '../src/text/embeddings.js';
const want = process.argv[2]!;
const k = (await Engine.load('/work/shared/eval/squad/corpus')).knowledge;
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const qs = readFileSync('/work/shared/eval/squad/questions.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { q: string; answers: string[] });
for (const q of qs) {
  const p = parseQuestion(q.q);
  if (`${p.kind}/${p.sort}` !== want && p.sort !== want && p.kind !== want) continue;
  const { pool } = rankForQuestion(k, q.q, wordVectors());
  const top = pool[0] ? k.sentences[pool[0].sentenceId]!.text : '';
  const ok = q.answers.some((g) => fold(top).includes(fold(g)));
  if (ok) continue;
  const gi = pool.findIndex((c) => q.answers.some((g) => fold(k.sentences[c.sentenceId]!.text).includes(fold(g))));
  console.log(`Q ${q.q} | ${q.answers[0]} | gold rank ${gi}\n  TOP ${top.slice(0, 200)}` + (gi > 0 ? `\n  GOLD ${k.sentences[pool[gi]!.sentenceId]!.text.slice(0, 200)}` : ''));
}
