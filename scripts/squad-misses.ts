// Where the correct sentence ranks when the top answer misses on SQuAD, and why (feature differences × weights):
//   npx tsx scripts/squad-misses.ts [--examples 25] [--every 7] [--offset 0] [--shared DIR]
import { rankForQuestion } from '../src/answer/answer.js';
import { answerContext } from '../src/answer/context.js';
import { FEATURE_NAMES } from '../src/answer/features.js';
import { RANK_MODEL } from '../src/answer/rankModel.js';
import { wordVectors } from '../src/text/embeddings.js';
import { numberOption } from './lib/args.js';
import { answers, evalPaths, loadCorpus, readQuestions } from './lib/eval.js';

const args = process.argv.slice(2);
const examples = numberOption(args, '--examples', 25);
const every = numberOption(args, '--every', 7);
const offset = numberOption(args, '--offset', 0);
const paths = evalPaths(args);
const k = await loadCorpus(paths.squadCorpus);
const qs = readQuestions(paths.squadQuestions);
const vectors = wordVectors();
const context = answerContext(k, vectors);
let shown = 0;
const ranks = new Map<string, number>();
let samePara = 0;
let sameArt = 0;
let fails = 0;
for (let i = 0; i < qs.length; i++) {
  const q = qs[i]!;
  const { pool } = rankForQuestion(k, q.q, vectors, context);
  const gi = pool.findIndex((c) => answers(k, c.sentenceId, q));
  if (gi === 0) continue;
  fails++;
  const key = gi < 0 ? 'none' : gi < 5 ? String(gi) : gi < 20 ? '5-19' : '20+';
  ranks.set(key, (ranks.get(key) ?? 0) + 1);
  if (gi < 0) continue;
  const top = k.sentences[pool[0]!.sentenceId]!;
  const gold = k.sentences[pool[gi]!.sentenceId]!;
  if (top.paragraphId === gold.paragraphId) samePara++;
  else if (top.articleId === gold.articleId) sameArt++;
  if (i % every === offset && gi === 1 && shown++ < examples) {
    const d = FEATURE_NAMES.map((n) => [n, (pool[gi]!.features[n] - pool[0]!.features[n]) * RANK_MODEL[n]] as const)
      .filter(([, v]) => Math.abs(v) > 0.05)
      .sort((a, b) => a[1] - b[1]);
    console.log(`Q ${q.q} | ${q.answers?.[0]}\n  TOP ${top.text.slice(0, 160)}\n  GOLD ${gold.text.slice(0, 160)}\n  ${d.map(([n, v]) => `${n}${v > 0 ? '+' : ''}${v.toFixed(2)}`).join(' ')}`);
  }
}
console.log('fails', fails, Object.fromEntries(ranks), 'same paragraph', samePara, 'same article', sameArt);
