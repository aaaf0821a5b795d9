// Where the correct sentence ranks when the top answer misses on SQuAD, and why (feature differences × weights):
//   npx tsx scripts/squad-misses.ts [examples]
import { readFileSync } from 'node:fs';
import { Engine } from '../src/engine.js';
import { rankForQuestion } from '../src/answer/answer.js';
import { FEATURE_NAMES } from '../src/answer/features.js';
import { RANK_MODEL } from '../src/answer/rankModel.js';
import { wordVectors } from '../src/text/embeddings.js';
const k = (await Engine.load('/work/shared/eval/squad/corpus')).knowledge;
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const qs = readFileSync('/work/shared/eval/squad/questions.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { q: string; answers: string[] });
let shown = 0; const ranks = new Map<string, number>(); let samePara = 0, sameArt = 0, fails = 0;
for (let i = 0; i < qs.length; i++) {
  const q = qs[i]!;
  const { pool } = rankForQuestion(k, q.q, wordVectors());
  const gi = pool.findIndex((c) => q.answers.some((g) => fold(k.sentences[c.sentenceId]!.text).includes(fold(g))));
  if (gi === 0) continue;
  fails++;
  const key = gi < 0 ? 'none' : gi < 5 ? String(gi) : gi < 20 ? '5-19' : '20+';
  ranks.set(key, (ranks.get(key) ?? 0) + 1);
  if (gi < 0) continue;
  const top = k.sentences[pool[0]!.sentenceId]!, gold = k.sentences[pool[gi]!.sentenceId]!;
  if (top.paragraphId === gold.paragraphId) samePara++; else if (top.articleId === gold.articleId) sameArt++;
  if (i % Number(process.argv[3] ?? 7) === Number(process.argv[4] ?? 0) && gi === 1 && shown++ < Number(process.argv[2] ?? 25)) {
    const d = FEATURE_NAMES.map((n) => [n, (pool[gi]!.features[n] - pool[0]!.features[n]) * RANK_MODEL[n]] as const).filter(([, v]) => Math.abs(v) > 0.05).sort((a, b) => a[1] - b[1]);
    console.log(`Q ${q.q} | ${q.answers[0]}\n  TOP ${top.text.slice(0, 160)}\n  GOLD ${gold.text.slice(0, 160)}\n  ${d.map(([n, v]) => `${n}${v > 0 ? '+' : ''}${v.toFixed(2)}`).join(' ')}`);
  }
}
console.log('fails', fails, Object.fromEntries(ranks), 'same paragraph', samePara, 'same article', sameArt);
