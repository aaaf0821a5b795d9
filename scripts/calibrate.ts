/**
 * Calibrates the confidence model (data/confidence-model.json) and the abstain threshold on three
 * question sets: the shared seed questions, a sample of SQuAD (all answerable) and the development set
 * written from the shared corpora (with questions the coverage does not answer). The model is fitted on
 * the training articles (scripts/lib/eval.ts holds a quarter of SQuAD's articles and of the news stories
 * out; --all fits on everything); prints weights and, for each threshold, the accuracy on each set counting
 * a correct abstention as right, on the training and on the held-out questions.
 *   npx tsx scripts/calibrate.ts [--limit 1000] [--all] [--write] [--shared DIR]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingShare, rankForQuestion } from '../src/answer/answer.js';
import { answerContext } from '../src/answer/context.js';
import { CONFIDENCE_INPUTS, CONFIDENCE_MODEL, confidenceInputs, type ConfidenceInput } from '../src/answer/confidence.js';
import { weightsFileText } from '../src/answer/weights.js';
import { wordVectors } from '../src/text/embeddings.js';
import { numberOption } from './lib/args.js';
import { answers, articleName, evalPaths, heldOutNames, loadCorpus, questionArticle, readQuestions, sample, type EvalQuestion } from './lib/eval.js';

const args = process.argv.slice(2);
const limit = numberOption(args, '--limit', 1000);
const paths = evalPaths(args);

interface Row { x: number[]; correct: boolean; abstain: boolean; set: string; held: boolean }
const rows: Row[] = [];
const vectors = wordVectors();

async function run(set: string, dir: string, qs: EvalQuestion[], held: (articleName: string | null) => boolean) {
  const k = await loadCorpus(dir);
  const context = answerContext(k, vectors);
  for (const q of qs) {
    const { q: pq, pool } = rankForQuestion(k, q.q, vectors, context);
    const best = pool[0];
    const article = questionArticle(k, q, pool.map((c) => c.sentenceId));
    const isHeld = held(article === null ? null : articleName(k, article));
    if (!best) {
      rows.push({ x: CONFIDENCE_INPUTS.map(() => 0), correct: false, abstain: !!q.abstain, set, held: isHeld });
      continue;
    }
    const inputs = confidenceInputs(best, pool[1], pq, missingShare(k, pq, best.features.countedFocus > 0));
    rows.push({ x: CONFIDENCE_INPUTS.map((n) => inputs[n]), correct: answers(k, best.sentenceId, q), abstain: !!q.abstain, set, held: isHeld });
  }
}

await run('seeds', paths.seeds, readQuestions(paths.seedQuestions), () => false);
const dev = readQuestions(paths.devQuestions);
const stories = [...new Set(dev.map((q) => q.corpus!))];
const storiesHeld = heldOutNames(stories);
for (const c of stories) await run('dev', join(paths.corpora, c), dev.filter((q) => q.corpus === c), () => storiesHeld.has(c));
const squadK = await loadCorpus(paths.squadCorpus);
const squadHeld = heldOutNames(squadK.articles.map((a) => articleName(squadK, a.id)));
await run('squad', paths.squadCorpus, sample(readQuestions(paths.squadQuestions), limit), (name) => name !== null && squadHeld.has(name));
const all = args.includes('--all');
const fitted = all ? rows : rows.filter((r) => !r.held);

const sets = ['seeds', 'dev', 'squad'];
const weightOf = new Map(sets.map((s) => [s, 1 / Math.max(1, fitted.filter((r) => r.set === s).length)]));
const model = CONFIDENCE_INPUTS.map((n) => CONFIDENCE_MODEL[n]);
const conf = (w: number[], x: number[]) => 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * w[i]!, 0)));
// logistic regression: P(answering is right)
for (let epoch = 0; epoch < 3000; epoch++) {
  const grad = model.map(() => 0);
  for (const r of fitted) {
    const y = r.correct && !r.abstain ? 1 : 0;
    const p = conf(model, r.x);
    const w = weightOf.get(r.set)!;
    r.x.forEach((v, i) => (grad[i]! += w * (p - y) * v));
  }
  model.forEach((_, i) => (model[i] = model[i]! - 0.5 * (grad[i]! + 1e-3 * model[i]!)));
}
const report = (w: number[], label: string) => {
  for (const held of [false, true]) report1(w, `${label}, ${held ? 'held-out' : 'training'} questions`, rows.filter((r) => r.held === held));
};
const report1 = (w: number[], label: string, rows: Row[]) => {
  console.log(label);
  for (const t of [0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) {
    const acc = sets.filter((s) => rows.some((r) => r.set === s)).map((s) => {
      const rs = rows.filter((r) => r.set === s);
      const ok = rs.filter((r) => (conf(w, r.x) >= t ? r.correct && !r.abstain : r.abstain)).length;
      return `${s} ${((100 * ok) / rs.length).toFixed(1)}% (${ok})`;
    });
    console.log(`  abstain below ${t.toFixed(2)}: ${acc.join('  ')}`);
  }
};
report(CONFIDENCE_INPUTS.map((n) => CONFIDENCE_MODEL[n]), 'current model');
report(model, `fitted model${all ? ' (on all)' : ''}`);
const out = Object.fromEntries(CONFIDENCE_INPUTS.map((n, i) => [n, Math.round(model[i]! * 1000) / 1000])) as Record<ConfidenceInput, number>;
console.log(JSON.stringify(out));
if (args.includes('--write')) {
  const how = `scripts/calibrate.ts ${args.filter((a) => a !== '--write').join(' ')}`.trim();
  writeFileSync('data/confidence-model.json', weightsFileText(out, CONFIDENCE_INPUTS, how, `Confidence: logistic regression over the inputs of src/answer/confidence.ts, fitted on ${all ? 'every question' : 'the training articles'}. Written by the calibration script; do not edit by hand.`));
  console.log('wrote data/confidence-model.json');
}
