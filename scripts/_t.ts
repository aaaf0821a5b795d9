import { Engine } from '../src/engine.js';
import { rankForQuestion } from '../src/answer/answer.js';
import { answerValues, statementOverlap } from '../src/answer/agreement.js';
import { wordVectors } from '../src/text/embeddings.js';
const e = await Engine.load(process.argv[3] ?? 'seeds'); const k = e.knowledge; const v = wordVectors();
const { q, pool } = rankForQuestion(k, process.argv[2]!, v);
console.log(q.kind, q.sort, q.verbs);
const best = pool[0]!;
for (const c of pool.slice(0, 8)) console.log(c.sentenceId, k.sentences[c.sentenceId]!.articleId, c.coverage.toFixed(2), statementOverlap(k, best.sentenceId, c.sentenceId).toFixed(2), [...answerValues(k, q, c.sentenceId, v)].join(','), JSON.stringify(k.facts[c.sentenceId]!.numbers.map(n=>[n.raw,n.counts,n.verb])), k.sentences[c.sentenceId]!.text.slice(0, 60));
