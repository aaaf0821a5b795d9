/**
 * Calibrates the confidence model (data/confidence-model.json) on questions that include unanswerable
 * ones: the shared seed questions, the two development sets written from the shared news stories (with
 * questions the coverage does not answer), a sample of SQuAD and SQuAD 2.0's unanswerable questions on the
 * same articles. The model is fitted on the training articles only (scripts/lib/eval.ts holds a quarter of
 * SQuAD's articles and of the news stories out; --all fits on everything). For each threshold it prints,
 * on training and on held-out questions: the precision of the answers given on SQuAD with the unanswerable
 * ones mixed in, the share of those abstained on, the short answer's F1 kept, and the accuracy on each news
 * set counting a right abstention as right — the figures from which SETTINGS.confidence's thresholds are set.
 *   npx tsx scripts/calibrate.ts [--limit 0] [--all] [--write] [--shared DIR]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingShare, rankForQuestion } from '../src/answer/answer.js';
import { answerContext } from '../src/answer/context.js';
import { CONFIDENCE_INPUTS, CONFIDENCE_MODEL, confidenceInputs, type ConfidenceInput } from '../src/answer/confidence.js';
import { sentenceView, shortAnswer } from '../src/answer/span/index.js';
import { weightsFileText } from '../src/answer/weights.js';
import { SETTINGS } from '../src/settings.js';
import { wordVectors } from '../src/text/embeddings.js';
import { numberOption } from './lib/args.js';
import { answers, articleName, evalPaths, heldOutNames, loadCorpus, questionArticle, readQuestions, sample, spanF1, type EvalQuestion } from './lib/eval.js';

const args = process.argv.slice(2);
const limit = numberOption(args, '--limit', 0);
const paths = evalPaths(args);

interface Row { x: number[]; correct: boolean; abstain: boolean; f1: number; set: string; held: boolean }
const rows: Row[] = [];
const vectors = wordVectors();

async function run(set: string, dir: string, qs: EvalQuestion[], held: (articleName: string | null) => boolean) {
  const k = await loadCorpus(dir);
  const context = answerContext(k, vectors);
  for (const q of qs) {
    const { q: pq, pool } = rankForQuestion(k, q.q, vectors, context);
    const best = pool[0];
    const abstain = !!q.abstain || (!!q.answers && !q.answers.length);
    // an unanswerable question has no answering article: it goes with the article the engine looked in
    const article = abstain ? (best ? k.sentences[best.sentenceId]!.articleId : null) : questionArticle(k, q, pool.map((c) => c.sentenceId));
    const isHeld = held(article === null ? null : articleName(k, article));
    if (!best) {
      rows.push({ x: CONFIDENCE_INPUTS.map(() => 0), correct: false, abstain, f1: 0, set, held: isHeld });
      continue;
    }
    const inputs = confidenceInputs(best, pool[1], pq, missingShare(k, pq, best.features.countedFocus > 0));
    const span = q.answers?.length ? shortAnswer(pq, sentenceView(k, best.sentenceId), vectors) : null;
    rows.push({ x: CONFIDENCE_INPUTS.map((n) => inputs[n]), correct: answers(k, best.sentenceId, q), abstain, f1: span ? spanF1(span.text, q.answers!) : 0, set, held: isHeld });
  }
}

if (existsSync(paths.seedQuestions)) await run('seeds', paths.seeds, readQuestions(paths.seedQuestions), () => false);
for (const [set, file] of [['dev', paths.devQuestions], ['news', paths.newsQuestions]] as const) {
  const qs = readQuestions(file);
  const stories = [...new Set(qs.map((q) => q.corpus!))];
  const storiesHeld = heldOutNames(stories);
  for (const c of stories) await run(set, join(paths.corpora, c), qs.filter((q) => q.corpus === c), () => storiesHeld.has(c));
}
const squadK = await loadCorpus(paths.squadCorpus);
const squadHeld = heldOutNames(squadK.articles.map((a) => articleName(squadK, a.id)));
const inSquadHeld = (name: string | null) => name !== null && squadHeld.has(name);
await run('squad', paths.squadCorpus, sample(readQuestions(paths.squadQuestions), limit), inSquadHeld);
await run('squad2', paths.squadCorpus, sample(readQuestions(paths.squadUnanswerable), limit), inSquadHeld);
// --drop a,b: fit without those inputs (to see what each adds)
const dropped = new Set((args.includes('--drop') ? args[args.indexOf('--drop') + 1] ?? '' : '').split(',').filter(Boolean));
for (const r of rows) CONFIDENCE_INPUTS.forEach((n, i) => dropped.has(n) && (r.x[i] = 0));
const all = args.includes('--all');
const fitted = all ? rows : rows.filter((r) => !r.held);

// SQuAD and its unanswerable questions weigh as one set, in their natural mix; each news set as much as it
const group = (set: string) => (set === 'squad2' ? 'squad' : set);
const groupSize = new Map<string, number>();
for (const r of fitted) groupSize.set(group(r.set), (groupSize.get(group(r.set)) ?? 0) + 1);
const conf = (w: readonly number[], x: readonly number[]) => 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * w[i]!, 0)));
// logistic regression: P(answering is right), by gradient descent from the current model
const model = CONFIDENCE_INPUTS.map((n) => CONFIDENCE_MODEL[n] ?? 0);
for (let epoch = 0; epoch < 4000; epoch++) {
  const grad = model.map(() => 0);
  for (const r of fitted) {
    const y = r.correct && !r.abstain ? 1 : 0;
    const g = (conf(model, r.x) - y) / groupSize.get(group(r.set))!;
    r.x.forEach((v, i) => (grad[i]! += g * v));
  }
  model.forEach((_, i) => (model[i] = model[i]! - 0.5 * (grad[i]! + 1e-3 * model[i]!)));
}

const pct = (x: number, d: number) => (d ? ((100 * x) / d).toFixed(1) : '-');
function report(w: readonly number[], label: string) {
  for (const held of [false, true]) {
    const part = rows.filter((r) => r.held === held);
    console.log(`${label}, ${held ? 'held-out' : 'training'} questions`);
    const squad = part.filter((r) => group(r.set) === 'squad');
    const answerable = squad.filter((r) => !r.abstain);
    for (const t of [0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4]) {
      const given = squad.filter((r) => conf(w, r.x) >= t);
      const right = given.filter((r) => r.correct && !r.abstain).length;
      const un = squad.filter((r) => r.abstain);
      const f1 = answerable.filter((r) => conf(w, r.x) >= t).reduce((s, r) => s + r.f1, 0);
      const news = ['seeds', 'dev', 'news'].map((s) => {
        const rs = part.filter((r) => r.set === s);
        const ok = rs.filter((r) => (conf(w, r.x) >= t ? r.correct && !r.abstain : r.abstain)).length;
        return rs.length ? `${s} ${pct(ok, rs.length)}%` : '';
      });
      console.log(`  answer from ${t.toFixed(2)}: SQuAD precision ${pct(right, given.length)}%, unanswerable abstained ${pct(un.filter((r) => conf(w, r.x) < t).length, un.length)}%, F1 ${pct(f1, answerable.length)}%  ${news.join('  ')}`);
    }
  }
}
/** How well a model orders right answers above wrong ones and unanswerable questions (area under the ROC curve). */
function auc(w: readonly number[], part: Row[]): string {
  const scored = part.map((r) => ({ c: conf(w, r.x), y: r.correct && !r.abstain })).sort((a, b) => a.c - b.c);
  let pos = 0;
  let sum = 0;
  scored.forEach((s, i) => {
    if (s.y) { pos++; sum += i + 1; }
  });
  const neg = scored.length - pos;
  return pos && neg ? ((sum - (pos * (pos + 1)) / 2) / (pos * neg)).toFixed(3) : '-';
}
for (const [label, w] of [['current', CONFIDENCE_INPUTS.map((n) => CONFIDENCE_MODEL[n] ?? 0)], ['fitted', model]] as const) {
  for (const held of [false, true]) {
    const part = rows.filter((r) => r.held === held);
    const by = (sets: string[]) => auc(w, part.filter((r) => sets.includes(r.set)));
    console.log(`AUC ${label} ${held ? 'held-out' : 'training'}: squad ${by(['squad', 'squad2'])}  news ${by(['seeds', 'dev', 'news'])}`);
  }
}
report(CONFIDENCE_INPUTS.map((n) => CONFIDENCE_MODEL[n] ?? 0), 'current model');
report(model, `fitted model${all ? ' (on all)' : ''}`);
console.log(`the engine answers from ${SETTINGS.confidence.abstainBelow}, says "not sure" from ${SETTINGS.confidence.notSureFrom}`);
const out = Object.fromEntries(CONFIDENCE_INPUTS.map((n, i) => [n, Math.round(model[i]! * 1000) / 1000])) as Record<ConfidenceInput, number>;
console.log(JSON.stringify(out));
if (args.includes('--write')) {
  const how = `scripts/calibrate.ts ${args.filter((a) => a !== '--write').join(' ')}`.trim();
  writeFileSync('data/confidence-model.json', weightsFileText(out, CONFIDENCE_INPUTS, how, `Confidence: logistic regression over the inputs of src/answer/confidence.ts, fitted on ${all ? 'every question' : 'the training articles'} of the seeds, both news development sets, SQuAD and its unanswerable questions. Written by the calibration script; do not edit by hand.`));
  console.log('wrote data/confidence-model.json');
}
