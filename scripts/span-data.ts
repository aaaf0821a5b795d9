/**
 * Training data for the short-answer model (scripts/train-span.ts): for every answerable SQuAD question, the
 * question as the engine reads it and the analysis of its best-ranked sentences (exactly what
 * `shortAnswer` is given at run time), with the gold answers. Written once to .cache/ (not in git) so that
 * training can recompute features from it in seconds.
 *
 *   npx tsx scripts/span-data.ts [--shared ../shared] [--top 3] [--out .cache/span-data.jsonl]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../src/engine.js';
import { rankForQuestion } from '../src/answer/answer.js';
import { sentenceView } from '../src/answer/span/index.js';
import { wordVectors } from '../src/text/embeddings.js';

const { values: opts } = parseArgs({ options: { shared: { type: 'string', default: '../shared' }, top: { type: 'string', default: '3' }, out: { type: 'string', default: '.cache/span-data.jsonl' } } });
const engine = await Engine.load(`${opts.shared}/eval/squad/corpus`);
const k = engine.knowledge;
const vectors = wordVectors();
const top = Number(opts.top);
const out: string[] = [];
const qs = readFileSync(`${opts.shared}/eval/squad/questions.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; q: string; answers: string[] });
for (const item of qs) {
  const { q, pool } = rankForQuestion(k, item.q.replace(/\s+/g, ' '), vectors);
  const sentences = pool.slice(0, top).map((c) => ({ id: c.sentenceId, article: k.articles[k.sentences[c.sentenceId]!.articleId]!.file, view: sentenceView(k, c.sentenceId) }));
  out.push(JSON.stringify({ id: item.id, answers: item.answers, q, sentences }));
}
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(opts.out, out.join('\n') + '\n');
console.log(`wrote ${out.length} questions to ${opts.out}`);
