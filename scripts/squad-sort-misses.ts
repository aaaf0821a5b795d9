// SQuAD misses of one question kind or answer sort, with the top sentence and where the right one ranks:
//   npx tsx scripts/squad-sort-misses.ts money|age|when|how-many|… [--shared DIR]
import { rankForQuestion } from '../src/answer/answer.js';
import { answerContext } from '../src/answer/context.js';
import { parseQuestion } from '../src/answer/question.js';
import { wordVectors } from '../src/text/embeddings.js';
import { answers, evalPaths, loadCorpus, readQuestions } from './lib/eval.js';

const want = process.argv[2];
if (!want) {
  console.error('usage: npx tsx scripts/squad-sort-misses.ts KIND|SORT|KIND/SORT [--shared DIR]');
  process.exit(2);
}
const paths = evalPaths();
const k = await loadCorpus(paths.squadCorpus);
const qs = readQuestions(paths.squadQuestions);
const vectors = wordVectors();
const context = answerContext(k, vectors);
for (const q of qs) {
  const p = parseQuestion(q.q);
  if (`${p.kind}/${p.sort}` !== want && p.sort !== want && p.kind !== want) continue;
  const { pool } = rankForQuestion(k, q.q, vectors, context);
  if (pool[0] && answers(k, pool[0].sentenceId, q)) continue;
  const top = pool[0] ? k.sentences[pool[0].sentenceId]!.text : '';
  const gi = pool.findIndex((c) => answers(k, c.sentenceId, q));
  console.log(`Q ${q.q} | ${q.answers?.[0]} | gold rank ${gi}\n  TOP ${top.slice(0, 200)}` + (gi > 0 ? `\n  GOLD ${k.sentences[pool[gi]!.sentenceId]!.text.slice(0, 200)}` : ''));
}
