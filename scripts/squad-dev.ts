// Ranks SQuAD questions in-process for fast iteration on ranking, with the engine's pool and weights
// (overridden by a JSON object in $W), by question kind:
//   npx tsx scripts/squad-dev.ts [--limit 1000] [--fails N] [--shared DIR]   (OUT=file: one line per question)
import { writeFileSync } from 'node:fs';
import { wordVectors } from '../src/text/embeddings.js';
import { parseQuestion } from '../src/answer/question.js';
import { correctSpelling, queryTerms } from '../src/answer/query.js';
import { rankSentences } from '../src/answer/rank.js';
import { answerContext } from '../src/answer/context.js';
import { RANK_MODEL } from '../src/answer/rankModel.js';
import { numberOption } from './lib/args.js';
import { answers, evalPaths, fold, loadCorpus, readQuestions, sample } from './lib/eval.js';

const args = process.argv.slice(2);
const W = { ...RANK_MODEL, ...(JSON.parse(process.env.W ?? '{}') as Partial<typeof RANK_MODEL>) };
const paths = evalPaths(args);
let t = Date.now();
const k = await loadCorpus(paths.squadCorpus);
console.log('built', k.sentences.length, 'sentences in', Date.now() - t, 'ms');
const qs = sample(readQuestions(paths.squadQuestions), numberOption(args, '--limit', 1000));
let right = 0;
const byKind = new Map<string, [number, number]>();
t = Date.now();
const fails: string[] = [];
const flags: string[] = [];
const vectors = wordVectors();
const context = answerContext(k, vectors);
for (const q of qs) {
  const pq = correctSpelling(k, parseQuestion(q.q), vectors, context.scratch.query);
  const query = queryTerms(k, pq, vectors, context.scratch.query);
  const r = rankSentences(k, pq, query, 1, W, context)[0];
  const text = r ? fold(k.sentences[r.sentenceId]!.text) : '';
  const ok = !!r && answers(k, r.sentenceId, q);
  const gold = ok ? '' : (k.sentences.find((s) => answers(k, s.id, q))?.text ?? '-').slice(0, 150);
  flags.push(`${ok ? 1 : 0}\t${q.q}\t${text.slice(0, 120)}`);
  if (ok) right++;
  else fails.push(`${pq.kind} | ${q.q} | ${q.answers?.[0]}\n   GOT ${text.slice(0, 150)}\n   GOLD ${gold}`);
  const e = byKind.get(pq.kind) ?? [0, 0];
  e[0] += ok ? 1 : 0;
  e[1]++;
  byKind.set(pq.kind, e);
}
console.log(`top1 ${((100 * right) / qs.length).toFixed(1)}% of ${qs.length}, ${((Date.now() - t) / qs.length).toFixed(2)} ms/q`);
console.log([...byKind].map(([kind, [a, b]]) => `${kind}: ${a}/${b}`).join('  '));
if (process.env.OUT) writeFileSync(process.env.OUT, flags.join('\n'));
for (const f of fails.slice(0, numberOption(args, '--fails', 0))) console.log(f);
