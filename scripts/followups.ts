/**
 * Follow-ups on real chains: SQuAD's questions on one paragraph come in order, and a later one often
 * refers back to an earlier ("When did he make the quoted remarks?" after "Who is the Commissioner?").
 * Every question is asked after the one before it, with that one's answer as the thread's earlier turn;
 * for the questions the follow-up reading changes, prints how many are answered right (the best sentence
 * holds a gold answer) and the short answer's F1, read as asked and read as a follow-up.
 *
 *   npx tsx scripts/followups.ts [--limit N] [--show] [--shared DIR]
 */
import { turnOf } from '../src/answer/followUp.js';
import { Engine } from '../src/engine.js';
import { option } from './lib/args.js';
import { evalPaths, fold, readQuestions, sample, spanF1 } from './lib/eval.js';

const args = process.argv.slice(2);
const paths = evalPaths(args);
const limit = Number(option(args, '--limit') ?? 0);
const show = args.includes('--show');
const questions = sample(readQuestions(paths.squadQuestions), limit);
const engine = await Engine.load(paths.squadCorpus);

const right = (a: ReturnType<Engine['ask']>, golds: readonly string[]): boolean => !!a.facts[0] && golds.some((g) => fold(a.facts[0]!.text).includes(fold(g)));
const f1 = (a: ReturnType<Engine['ask']>, golds: readonly string[]): number => (a.answered && a.facts[0]?.span ? spanF1(a.facts[0].span.text, golds) : 0);

let changed = 0;
let asAsked = 0;
let asFollowUp = 0;
let f1Asked = 0;
let f1Follow = 0;
for (let i = 1; i < questions.length; i++) {
  const prev = questions[i - 1]!;
  const q = questions[i]!;
  const golds = q.answers ?? [];
  const earlier = [turnOf(engine.ask(prev.q))];
  const plain = engine.ask(q.q);
  const follow = engine.ask(q.q, earlier);
  if (!follow.readAs) continue;
  changed++;
  if (right(plain, golds)) asAsked++;
  if (right(follow, golds)) asFollowUp++;
  f1Asked += f1(plain, golds);
  f1Follow += f1(follow, golds);
  if (show) console.log(`${right(plain, golds) ? '+' : '-'}${right(follow, golds) ? '+' : '-'} ${prev.q}\n   ${q.q}\n   read as: ${follow.readAs}  [gold ${golds[0]}]`);
}
const pct = (n: number): string => `${((100 * n) / Math.max(1, changed)).toFixed(1)} %`;
console.log(`${questions.length} questions, ${changed} read as follow-ups of the one before`);
console.log(`right (best sentence): as asked ${asAsked} (${pct(asAsked)}), as follow-ups ${asFollowUp} (${pct(asFollowUp)})`);
console.log(`short-answer F1: as asked ${pct(f1Asked)}, as follow-ups ${pct(f1Follow)}`);
