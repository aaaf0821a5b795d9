// SQuAD top-1 by question kind and answer sort, to see where the misses are:
//   npx tsx scripts/squad-kinds.ts [--shared DIR]
import { rankForQuestion } from '../src/answer/answer.js';
import { answerContext } from '../src/answer/context.js';
import { parseQuestion } from '../src/answer/question.js';
import { wordVectors } from '../src/text/embeddings.js';
import { answers, evalPaths, loadCorpus, readQuestions } from './lib/eval.js';

const paths = evalPaths();
const k = await loadCorpus(paths.squadCorpus);
const qs = readQuestions(paths.squadQuestions);
const vectors = wordVectors();
const context = answerContext(k, vectors);
const by = new Map<string, [number, number]>();
for (const q of qs) {
  const p = parseQuestion(q.q);
  const { pool } = rankForQuestion(k, q.q, vectors, context);
  const ok = pool[0] && answers(k, pool[0].sentenceId, q) ? 1 : 0;
  for (const key of [`kind ${p.kind}`, `sort ${p.sort}`]) {
    const v = by.get(key) ?? [0, 0];
    v[0] += ok;
    v[1]++;
    by.set(key, v);
  }
}
for (const [key, [ok, n]] of [...by].sort((a, b) => b[1][1] - b[1][0] - (a[1][1] - a[1][0])))
  console.log(key.padEnd(20), String(n).padStart(5), `${((ok / n) * 100).toFixed(1)}%`, 'misses', n - ok);
