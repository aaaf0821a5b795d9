/**
 * One measurement in its own process (so that sizes and systems do not share a heap): load one corpus
 * with one system, ask the questions, write the raw timings and results as JSON. The engine loads through
 * its saved index (`<corpus>/.coverage-cache/`): run.ts removes it before the first run of a size (cold
 * load) and runs the engine a second time on the same folder (start from the saved index). Started by run.ts:
 *
 *   node --import tsx bench/worker.ts SYSTEM CORPUS_DIR QUESTIONS_JSON OUT_JSON [PROFILE_PREFIX]
 *
 * While it runs, a thread samples the resident set size every 50 ms and writes a progress line to stderr
 * every few seconds (straight to the file descriptor, so it is written even while the main thread is busy).
 */
import { Worker } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { Engine, type CacheReport } from '../src/engine.js';
import { buildBaseline, type BaselineName } from './baselines.js';
import { fold, type BenchQuestion } from './corpus.js';
import { PhaseProfiler, summarise, type ProfileSummary } from './profile.js';

export type SystemName = 'engine' | BaselineName;

export interface WorkerInput {
  questions: BenchQuestion[];
  /** Positions in `questions` to ask (all, or an evenly spread subset). */
  ask: number[];
}

export interface WorkerResult {
  system: SystemName;
  loadMs: number;
  /** Sentences (units searched). */
  units: number;
  articles: number | null;
  vocabulary: number | null;
  rssAfterLoad: number;
  heapAfterLoad: number;
  /** Max resident set size of the process (kernel's count), bytes, over loading and questions. */
  peakRss: number;
  /** Bytes of a saved index; null when the system cannot save one. */
  indexOnDisk: number | null;
  /** No longer measured (the engine saves its index); kept so that older results still read. */
  knowledgeJson: { sentences: number; facts: number } | null;
  /** Engine only: what the load did with the saved index (files reused and analysed, phases). */
  cache: CacheReport | null;
  /** The top answer sentence of each question asked (null when none), to compare two runs. */
  tops: Array<string | null>;
  asked: number[];
  ms: number[];
  answered: boolean[];
  /** Top answer sentence contains a gold answer (and, for the engine, the engine answered); null when not measurable. */
  correct: Array<boolean | null>;
  /** Engine only: facts[0] contains a gold answer even when the engine abstained. */
  correctAny: Array<boolean | null> | null;
  profiles: { load: ProfileSummary; questions: ProfileSummary } | null;
}

const [system, corpusDir, questionsFile, outFile, profilePrefix] = process.argv.slice(2) as [SystemName, string, string, string, string | undefined];
const input = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(questionsFile, 'utf8'))) as WorkerInput;

// progress[0]: phase (0 loading, 1 questions, 2 done); progress[1]: questions asked
const progress = new Int32Array(new SharedArrayBuffer(8));
const sampler = new Worker(
  `const { workerData } = require('node:worker_threads');
   const fs = require('node:fs');
   const p = workerData.progress;
   const started = Date.now();
   let peak = 0, last = 0;
   setInterval(() => {
     const rss = process.memoryUsage.rss();
     if (rss > peak) peak = rss;
     if (Date.now() - last >= 5000) {
       last = Date.now();
       fs.writeSync(2, JSON.stringify({ progress: true, s: (Date.now() - started) / 1000, phase: ['loading', 'questions', 'done'][p[0]], asked: p[1], rss, peak }) + '\\n');
     }
   }, 50);`,
  { eval: true, workerData: { progress } },
);
sampler.unref();

const isCorrect = (q: BenchQuestion, text: string | null | undefined): boolean | null => {
  if (!q.source) return null;
  const shown = fold(text ?? '');
  return shown.length > 0 && shown.length <= 600 && q.answers.some((g) => shown.includes(fold(g)));
};

const profiler = profilePrefix ? new PhaseProfiler() : null;
let loadProfile: ProfileSummary | null = null;
const result: WorkerResult = {
  system,
  loadMs: 0,
  units: 0,
  articles: null,
  vocabulary: null,
  rssAfterLoad: 0,
  heapAfterLoad: 0,
  peakRss: 0,
  indexOnDisk: null,
  knowledgeJson: null,
  cache: null,
  tops: [],
  asked: input.ask,
  ms: [],
  answered: [],
  correct: [],
  correctAny: null,
  profiles: null,
};

await profiler?.start();
const t0 = performance.now();
let ask: (q: string) => { answered: boolean; text: string | null; any: string | null };
let afterQuestions: () => void;
if (system === 'engine') {
  const engine = await Engine.load(corpusDir);
  result.loadMs = performance.now() - t0;
  result.cache = engine.cacheReport;
  result.indexOnDisk = engine.cacheReport.bytes;
  const stats = engine.stats();
  result.units = stats.sentences;
  result.articles = stats.articles;
  ask = (q) => {
    const a = engine.ask(q);
    const top = a.facts[0]?.text ?? null;
    return { answered: a.answered, text: a.answered ? top : null, any: top };
  };
  result.correctAny = [];
  afterQuestions = () => {
    const k = engine.knowledge;
    let vocabulary = 0;
    for (const _term of k.sentenceIndex.vocabulary()) vocabulary++;
    result.vocabulary = vocabulary;
  };
} else {
  const baseline = buildBaseline(system, corpusDir);
  result.loadMs = performance.now() - t0;
  result.units = baseline.sentences.length;
  ask = (q) => {
    const text = baseline.top(q);
    return { answered: text !== null, text, any: text };
  };
  afterQuestions = () => {
    result.indexOnDisk = baseline.serialisedBytes();
  };
}
if (profiler && profilePrefix) {
  loadProfile = summarise(await profiler.stop(), `${profilePrefix}-load.cpuprofile`, Math.max(1, result.articles ?? 1));
}
const mem = process.memoryUsage();
result.rssAfterLoad = mem.rss;
result.heapAfterLoad = mem.heapUsed;

Atomics.store(progress, 0, 1);
const questionProfiler = profilePrefix ? new PhaseProfiler() : null;
await questionProfiler?.start();
for (const i of input.ask) {
  const q = input.questions[i]!;
  const s = performance.now();
  const a = ask(q.q);
  result.ms.push(performance.now() - s);
  result.answered.push(a.answered);
  result.correct.push(isCorrect(q, a.text));
  result.tops.push(a.any);
  result.correctAny?.push(isCorrect(q, a.any));
  Atomics.add(progress, 1, 1);
}
if (questionProfiler && profilePrefix && loadProfile) {
  result.profiles = { load: loadProfile, questions: summarise(await questionProfiler.stop(), `${profilePrefix}-questions.cpuprofile`, input.ask.length) };
}
result.peakRss = process.resourceUsage().maxRSS * 1024;
Atomics.store(progress, 0, 2);
afterQuestions();
writeFileSync(outFile, JSON.stringify(result));
await sampler.terminate();
