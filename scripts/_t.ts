import { readFileSync } from 'node:fs';
import { Engine } from '../src/engine.js';
import { rankForQuestion } from '../src/answer/answer.js';
import { wordVectors } from '../src/text/embeddings.js';
const k = (await Engine.load('../shared/eval/squad/corpus')).knowledge; const v = wordVectors();
let qs = readFileSync('../shared/eval/squad/questions.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { q: string; answers: string[] });
qs = qs.filter((_, i) => i % 6 === 0);
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
let wrongArticle = 0, wrongPara = 0, samePara = 0, ok = 0, none = 0;
for (const q of qs) {
  const { pool } = rankForQuestion(k, q.q, v);
  const good = (id: number) => q.answers.some((g) => fold(k.sentences[id]!.text).includes(fold(g)));
  const top = pool[0]; if (!top) { none++; continue; }
  if (good(top.sentenceId)) { ok++; continue; }
  const g = pool.find((c) => good(c.sentenceId));
  if (!g) { none++; continue; }
  const a = k.sentences[top.sentenceId]!, b = k.sentences[g.sentenceId]!;
  if (a.articleId !== b.articleId) wrongArticle++; else if (a.paragraphId !== b.paragraphId) wrongPara++; else samePara++;
}
console.log({ n: qs.length, ok, none, wrongArticle, wrongPara, samePara });
