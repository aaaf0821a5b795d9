/**
 * Calibrates the confidence model (src/answer/confidence.ts) and the abstain threshold on three question
 * sets: the shared seed questions, a sample of SQuAD (all answerable) and the development set written
 * from the shared corpora (with questions the coverage does not answer). Prints weights and, for each
 * threshold, the accuracy on each set counting a correct abstention as right.
 *   npx tsx scripts/calibrate.ts [--limit 1000]
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Engine } from '../src/engine.js';
import { missingShare, rankForQuestion } from '../src/answer/answer.js';
import { CONFIDENCE_INPUTS, CONFIDENCE_MODEL, confidenceInputs, confidenceOf } from '../src/answer/confidence.js';
import { wordVectors } from '../src/text/embeddings.js';

const args = process.argv.slice(2);
const limit = Number(args.includes('--limit') ? args[args.indexOf('--limit') + 1] : 1000);
const shared = resolve('../shared');
type Q = { q: string; expect?: string; answers?: string[]; abstain?: boolean; sources?: string[]; corpus?: string };
const read = (f: string): Q[] => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Q);
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

interface Row { x: number[]; correct: boolean; abstain: boolean; set: string }
const rows: Row[] = [];
const vectors = wordVectors();

async function run(set: string, dir: string, qs: Q[]) {
  const engine = await Engine.load(dir);
  const k = engine.knowledge;
  for (const q of qs) {
    const { q: pq, pool } = rankForQuestion(k, q.q, vectors);
    const best = pool[0];
    if (!best) {
      rows.push({ x: CONFIDENCE_INPUTS.map(() => 0), correct: false, abstain: !!q.abstain, set });
      continue;
    }
    const inputs = confidenceInputs(best, pool[1], pq, missingShare(k, pq, best.features.countedFocus > 0));
    const s = k.sentences[best.sentenceId]!;
    const text = s.text;
    const file = basename(k.articles[s.articleId]!.file).replace(/\.[^.]*$/, '');
    let correct = false;
    if (q.answers) correct = q.answers.some((g) => fold(text).includes(fold(g)));
    else if (q.expect) correct = new RegExp(q.expect, 'i').test(text) && (!q.sources || q.sources.some((w) => file === w || file.startsWith(`${w}_`)));
    rows.push({ x: CONFIDENCE_INPUTS.map((n) => inputs[n]), correct, abstain: !!q.abstain, set });
  }
}

await run('seeds', 'seeds', read(join(shared, 'eval/questions.jsonl')));
const dev = read('test/fixtures/corpora-questions.jsonl');
for (const c of [...new Set(dev.map((q) => q.corpus!))]) await run('dev', join(shared, 'corpora', c), dev.filter((q) => q.corpus === c));
let squad = read(join(shared, 'eval/squad/questions.jsonl'));
squad = squad.filter((_, i) => i % Math.ceil(squad.length / limit) === 0);
await run('squad', join(shared, 'eval/squad/corpus'), squad);

const sets = ['seeds', 'dev', 'squad'];
const weightOf = new Map(sets.map((s) => [s, 1 / rows.filter((r) => r.set === s).length]));
const model = CONFIDENCE_INPUTS.map((n) => CONFIDENCE_MODEL[n]);
const conf = (w: number[], x: number[]) => 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * w[i]!, 0)));
// logistic regression: P(answering is right)
for (let epoch = 0; epoch < 3000; epoch++) {
  const grad = model.map(() => 0);
  for (const r of rows) {
    const y = r.correct && !r.abstain ? 1 : 0;
    const p = conf(model, r.x);
    const w = weightOf.get(r.set)!;
    r.x.forEach((v, i) => (grad[i]! += w * (p - y) * v));
  }
  model.forEach((_, i) => (model[i] = model[i]! - 0.5 * (grad[i]! + 1e-3 * model[i]!)));
}
const report = (w: number[], label: string) => {
  console.log(label);
  for (const t of [0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) {
    const acc = sets.map((s) => {
      const rs = rows.filter((r) => r.set === s);
      const ok = rs.filter((r) => (conf(w, r.x) >= t ? r.correct && !r.abstain : r.abstain)).length;
      return `${s} ${((100 * ok) / rs.length).toFixed(1)}% (${ok})`;
    });
    console.log(`  abstain below ${t.toFixed(2)}: ${acc.join('  ')}`);
  }
};
report(CONFIDENCE_INPUTS.map((n) => CONFIDENCE_MODEL[n]), 'current model');
report(model, 'fitted model');
console.log(JSON.stringify(Object.fromEntries(CONFIDENCE_INPUTS.map((n, i) => [n, Math.round(model[i]! * 1000) / 1000]))));
void confidenceOf;
