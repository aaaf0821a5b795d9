/**
 * Where a question's time goes: loads one corpus once, then asks the bench's questions (every
 * ceil(n/200)-th SQuAD question, as `npm run bench`) several rounds, timing each question by phase (wall
 * and CPU time), and writes the answers as JSON (to compare two versions of the engine). A development
 * tool, not part of the bench's report:
 *
 *   node --import tsx bench/questionTimes.ts CORPUS_DIR [--rounds 3] [--answers OUT.json] [--profile OUT.cpuprofile] [--questions 200]
 *
 * Phases: read (parse + spelling), terms (query terms), first (first stage), rerank (features of the
 * candidates), rest (agreement, citations). The sum is a little less than `engine.ask`, timed separately.
 */
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { Engine } from '../src/engine.js';
import { answerContext } from '../src/answer/context.js';
import { parseQuestion } from '../src/answer/question.js';
import { correctSpelling, queryTerms } from '../src/answer/query.js';
import { candidates, firstStage } from '../src/answer/rank.js';
import { ANSWER_SETTINGS } from '../src/answer/answer.js';
import { wordVectors } from '../src/text/embeddings.js';
import { SOURCES } from './corpus.js';
import { PhaseProfiler, summarise } from './profile.js';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '3' },
    answers: { type: 'string' },
    profile: { type: 'string' },
    questions: { type: 'string', default: '200' },
  },
});
const dir = positionals[0];
if (!dir) throw new Error('usage: questionTimes.ts CORPUS_DIR [--rounds N] [--answers OUT.json] [--profile OUT.cpuprofile]');

let all = readFileSync(SOURCES.questions, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { q: string }).q.replace(/\s+/g, ' ').trim());
const limit = Number(opts.questions);
if (limit > 0) all = all.filter((_, i) => i % Math.ceil(all.length / limit) === 0);

const t0 = performance.now();
const engine = await Engine.load(dir);
console.error(`loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${engine.knowledge.sentences.length} sentences`);
const k = engine.knowledge;
const vectors = wordVectors();
// the phases timed apart reuse scratch space as the engine's own context does
const context = answerContext(k, vectors);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const rounds = Number(opts.rounds);
const answers: unknown[] = [];
const profiler = opts.profile ? new PhaseProfiler() : null;
for (let round = 0; round < rounds; round++) {
  if (profiler && round === rounds - 1) await profiler.start();
  const wall: number[] = [];
  const cpu: number[] = [];
  const phases = { read: [] as number[], terms: [] as number[], first: [] as number[], rerank: [] as number[] };
  const slow: Array<[number, number]> = [];
  const slowRerank: Array<[number, number]> = [];
  for (const [i, q] of all.entries()) {
    const c0 = cpuMs();
    const w0 = performance.now();
    const a = engine.ask(q);
    const w1 = performance.now();
    wall.push(w1 - w0);
    cpu.push(cpuMs() - c0);
    slow.push([w1 - w0, i]);
    if (round === 0) answers.push({ ...a, ms: undefined });
    if (round === rounds - 1 && !profiler) {
      // the phases again, separately (warm caches: the same question just asked)
      const p0 = performance.now();
      const parsed = correctSpelling(k, parseQuestion(q), vectors, context.scratch.query);
      const p1 = performance.now();
      const query = queryTerms(k, parsed, vectors, context.scratch.query);
      const p2 = performance.now();
      firstStage(k, query, ANSWER_SETTINGS.pool, context.scratch.firstStage);
      const p3 = performance.now();
      candidates(k, parsed, query, ANSWER_SETTINGS.pool, context);
      const p4 = performance.now();
      phases.read.push(p1 - p0);
      phases.terms.push(p2 - p1);
      phases.first.push(p3 - p2);
      phases.rerank.push(p4 - p3 - (p3 - p2));
      slowRerank.push([p4 - p3 - (p3 - p2), i]);
    }
  }
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  console.log(
    `round ${round + 1}: wall p50 ${pct(wall, 50).toFixed(2)} p90 ${pct(wall, 90).toFixed(2)} p99 ${pct(wall, 99).toFixed(2)} max ${pct(wall, 100).toFixed(2)} mean ${(sum(wall) / wall.length).toFixed(2)} ms; ` +
      `cpu p50 ${pct(cpu, 50).toFixed(2)} p90 ${pct(cpu, 90).toFixed(2)} p99 ${pct(cpu, 99).toFixed(2)} mean ${(sum(cpu) / cpu.length).toFixed(2)} ms, total ${sum(cpu).toFixed(0)} ms (wall ${sum(wall).toFixed(0)})`,
  );
  if (phases.read.length) {
    for (const [name, xs] of Object.entries(phases)) console.log(`  ${name}: p50 ${pct(xs, 50).toFixed(2)} p99 ${pct(xs, 99).toFixed(2)} mean ${(sum(xs) / xs.length).toFixed(2)}`);
    console.log(`  slowest re-ranking: ${slowRerank.sort((a, b) => b[0] - a[0]).slice(0, 8).map(([ms, i]) => `#${i} ${ms.toFixed(1)}`).join(', ')}`);
    console.log(`  slowest: ${slow.sort((a, b) => b[0] - a[0]).slice(0, 8).map(([ms, i]) => `#${i} ${ms.toFixed(1)}`).join(', ')}`);
  }
}
if (profiler) {
  const profile = await profiler.stop();
  writeFileSync(opts.profile!, JSON.stringify(profile));
  const s = summarise(profile, opts.profile!, all.length, 30);
  console.log('self:');
  for (const e of s.selfTop) console.log(`  ${e.ms.toFixed(2)} ms/q  ${e.fn}`);
  console.log('inclusive:');
  for (const e of s.inclusiveTop) console.log(`  ${e.ms.toFixed(2)} ms/q  ${e.fn}`);
}
if (opts.answers) writeFileSync(opts.answers, JSON.stringify(answers, null, 1));
