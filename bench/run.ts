/**
 * `npm run bench`: speed, memory and accuracy of the engine on corpora of about 300, 3,000 and 30,000
 * articles built from real text, against fuse.js alone and MiniSearch on the same corpus and questions.
 * Each (size, system) runs in its own child process; the engine runs twice, a cold load (its saved index
 * removed first) and a start from the index that run saved. Prints tables and writes bench/results/*.json.
 *
 *   npm run bench -- [--sizes 300,3000,30000] [--questions 200] [--seed 42]
 *                    [--systems engine,minisearch,fuse] [--skip-baselines-over 3000] [--fuse-questions 50]
 *                    [--timeout-min 15] [--heap-mb 8192] [--profile] [--v8-prof] [--rebuild] [--no-save]
 *   npm run bench -- --render bench/results/latest.json     # print a saved run again
 *   npm run bench -- --ingest [--sizes 300,3000] [--rounds 3] # a new article in a watched story to its first answer (bench/ingest.ts)
 *
 * --profile: inspector CPU profiles of the engine's loading and of its questions (finished runs only).
 * --v8-prof: V8's tick profiler on the engine (node --prof); its log survives a child that is stopped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCorpus, loadQuestions, loadSources, ROOT, WORK_DIR } from './corpus.js';
import { accuracyOf, fmtInt, fmtMs, LABEL, latencyOf, mb, ratioOf, render, renderProfiles, type BenchOptions, type Progress, type SavedRun, type SizeReport, type SystemReport, type WarmReport } from './report.js';
import type { SystemName, WorkerInput, WorkerResult } from './worker.js';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '300,3000,30000' },
    questions: { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
    systems: { type: 'string', default: 'engine,minisearch,fuse' },
    'skip-baselines-over': { type: 'string', default: '3000' },
    'fuse-questions': { type: 'string', default: '50' },
    'timeout-min': { type: 'string', default: '15' },
    'heap-mb': { type: 'string', default: '8192' },
    profile: { type: 'boolean', default: false },
    'v8-prof': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    'no-save': { type: 'boolean', default: false },
    render: { type: 'string' },
    ingest: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    help: { type: 'boolean', default: false },
  },
});

if (opts.help) {
  const lines = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
  console.log(lines.slice(1, lines.indexOf(' */')).map((l) => l.replace(/^ \*\s?/, '')).join('\n'));
  process.exit(0);
}
if (opts.render) {
  const saved = JSON.parse(readFileSync(opts.render, 'utf8')) as SavedRun;
  console.log([render(saved), ...saved.reports.map(renderProfiles)].join('\n'));
  process.exit(0);
}

if (opts.ingest) {
  const { runIngest } = await import('./ingest.js');
  runIngest(opts.sizes.split(',').map(Number).filter((n) => n > 0), Number(opts.rounds), Number(opts.seed), Number(opts['heap-mb']), !opts['no-save']);
  process.exit(0);
}

const options: BenchOptions = {
  sizes: opts.sizes.split(',').map(Number).filter((n) => n > 0),
  questions: Number(opts.questions),
  seed: Number(opts.seed),
  systems: opts.systems.split(',').map((s) => s.trim()) as SystemName[],
  skipBaselinesOver: Number(opts['skip-baselines-over']),
  fuseQuestions: Number(opts['fuse-questions']),
  timeoutMin: Number(opts['timeout-min']),
  heapMb: Number(opts['heap-mb']),
};
for (const s of options.systems) if (!(s in LABEL)) throw new Error(`unknown system ${s}: use engine, minisearch, fuse or fuse-token`);

/** Evenly spread subset of 0..n-1 of about `k` positions. */
function spread(n: number, k: number): number[] {
  const step = Math.max(1, Math.ceil(n / Math.max(1, k)));
  return Array.from({ length: n }, (_, i) => i).filter((i) => i % step === 0);
}

/**
 * The bottom-up summary of a V8 tick log (node --prof): the main thread's log is the largest of the
 * per-isolate logs in the folder. Kept whole in a .txt beside the log; the summary goes in the report.
 */
function v8Summary(dir: string): { file: string; summary: string } | null {
  const logs = readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => path.join(dir, f));
  const log = logs.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!log) return null;
  const run = spawnSync(process.execPath, ['--prof-process', log], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const out = run.stdout ?? '';
  const txt = log.replace(/\.log$/, '.txt');
  writeFileSync(txt, out);
  const lines = out.split('\n');
  const at = (title: string) => lines.findIndex((l) => l.includes(title));
  const summary = lines.slice(at('[Summary]'), at('[Summary]') + 7);
  const bottom = lines.slice(at('[Bottom up (heavy) profile]'), at('[Bottom up (heavy) profile]') + 70);
  return { file: path.relative(ROOT, txt), summary: [...summary, '', ...bottom].join('\n') };
}

interface WorkerOutcome {
  result?: WorkerResult;
  status: SystemReport['status'];
  note?: string;
  lastProgress?: Progress;
}

/** Runs one worker process; resolves with its result, or with why there is none. */
function runWorker(system: SystemName, corpusDir: string, input: WorkerInput, tag: string, profilePrefix: string | null, v8ProfDir: string | null): Promise<WorkerOutcome> {
  const tmp = path.join(WORK_DIR, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const qFile = path.join(tmp, `${tag}-questions.json`);
  const outFile = path.join(tmp, `${tag}-result.json`);
  rmSync(outFile, { force: true });
  writeFileSync(qFile, JSON.stringify(input));
  // under --v8-prof the child runs in the log folder: V8 writes isolate-*.log to the working directory
  if (v8ProfDir) mkdirSync(v8ProfDir, { recursive: true });
  const args = [
    ...(v8ProfDir ? ['--prof'] : []),
    '--import',
    import.meta.resolve('tsx'),
    `--max-old-space-size=${options.heapMb}`,
    path.join(ROOT, 'bench', 'worker.ts'),
    system,
    corpusDir,
    qFile,
    outFile,
    ...(profilePrefix ? [profilePrefix] : []),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: v8ProfDir ?? ROOT, stdio: ['ignore', 'inherit', 'pipe'] });
    let lastProgress: Progress | undefined;
    let lastShown = 0;
    let errText = '';
    let timedOut = false;
    let buffer = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{"progress"')) {
          errText = (errText + line + '\n').slice(-4000);
          continue;
        }
        const p = JSON.parse(line) as Progress;
        lastProgress = p;
        const shown = `  ${LABEL[system]}: ${p.phase} ${Math.round(p.s)} s, ${p.asked}/${input.ask.length} questions, RSS ${fmtInt(mb(p.rss))} MB`;
        if (process.stderr.isTTY) process.stderr.write(`\r${shown}   `);
        else if (p.s - lastShown >= 60) {
          lastShown = p.s;
          process.stderr.write(`${shown}\n`);
        }
      }
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMin * 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (process.stderr.isTTY) process.stderr.write('\r' + ' '.repeat(100) + '\r');
      if (timedOut) return resolve({ status: 'timeout', note: `stopped after ${options.timeoutMin} min`, lastProgress });
      if (code === 0 && existsSync(outFile)) return resolve({ status: 'ok', result: JSON.parse(readFileSync(outFile, 'utf8')) as WorkerResult });
      const oom = /heap out of memory|Allocation failed/i.test(errText);
      const why = oom ? `out of memory (heap limit ${options.heapMb} MB)` : `exit ${code ?? signal}: ${errText.trim().split('\n').slice(-3).join(' | ')}`;
      resolve({ status: 'failed', note: why, lastProgress });
    });
  });
}

function systemReport(system: SystemName, r: WorkerResult, v8prof: SystemReport['v8prof']): SystemReport {
  return {
    cache: r.cache,
    system,
    label: LABEL[system],
    status: 'ok',
    loadS: r.loadMs / 1000,
    peakRssMB: mb(r.peakRss),
    rssAfterLoadMB: mb(r.rssAfterLoad),
    heapAfterLoadMB: mb(r.heapAfterLoad),
    units: r.units,
    articles: r.articles,
    vocabulary: r.vocabulary,
    indexOnDisk: r.indexOnDisk === null ? 'n/a' : `${mb(r.indexOnDisk)} MB`,
    indexOnDiskBytes: r.indexOnDisk,
    knowledgeJsonMB: r.knowledgeJson ? { sentences: mb(r.knowledgeJson.sentences), facts: mb(r.knowledgeJson.facts) } : null,
    latency: latencyOf(r.ms),
    accuracy: accuracyOf(r.correct),
    accuracyAny: r.correctAny ? accuracyOf(r.correctAny) : null,
    answered: r.answered.filter(Boolean).length,
    profiles: r.profiles,
    v8prof,
    raw: { asked: r.asked, ms: r.ms.map((x) => Math.round(x * 1000) / 1000), correct: r.correct },
  };
}

/** The second run of the engine on the same folder: its start from the saved index, against the first run. */
function warmReport(run: WorkerOutcome, cold: WorkerResult, wall: number): WarmReport {
  if (!run.result) return { status: run.status, note: `${run.note ?? ''} (${wall.toFixed(0)} s wall)`, lastProgress: run.lastProgress };
  const r = run.result;
  const same = r.tops.filter((t, i) => t === cold.tops[i]).length;
  return {
    status: 'ok',
    loadS: r.loadMs / 1000,
    peakRssMB: mb(r.peakRss),
    rssAfterLoadMB: mb(r.rssAfterLoad),
    heapAfterLoadMB: mb(r.heapAfterLoad),
    latency: latencyOf(r.ms),
    accuracy: accuracyOf(r.correct),
    sameTop: { same, of: Math.min(r.tops.length, cold.tops.length) },
    cache: r.cache,
    profiles: r.profiles,
  };
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memGB: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
const resultsDir = path.join(ROOT, 'bench', 'results');
const profileDir = path.join(resultsDir, 'profiles');
if (opts.profile || opts['v8-prof']) mkdirSync(profileDir, { recursive: true });

const sources = loadSources();
const questions = loadQuestions(options.questions, sources);
console.error(`${questions.length} questions (${questions.filter((q) => q.source).length} located in a SQuAD paragraph); sources: ${sources.length} articles`);
const reports: SizeReport[] = [];
for (const size of options.sizes) {
  const corpus = buildCorpus(size, options.seed, questions, sources, { force: opts.rebuild });
  console.error(`${fmtInt(size)} articles: ${fmtInt(corpus.sentences)} sentences, ${mb(corpus.bytes)} MB in ${path.relative(ROOT, corpus.dir)}`);
  const report: SizeReport = { size, corpus, systems: [], ratios: [] };
  for (const system of options.systems) {
    const label = LABEL[system];
    if (system !== 'engine' && size > options.skipBaselinesOver) {
      report.systems.push({ system, label, status: 'skipped', note: `baselines run up to ${fmtInt(options.skipBaselinesOver)} articles (--skip-baselines-over); not extrapolated` });
      continue;
    }
    const ask = system === 'fuse' || system === 'fuse-token' ? spread(questions.length, options.fuseQuestions) : questions.map((_, i) => i);
    const prefix = opts.profile && system === 'engine' ? path.join(profileDir, `${stamp}-${size}-${system}`) : null;
    const v8Dir = opts['v8-prof'] && system === 'engine' ? path.join(profileDir, `${stamp}-${size}-engine-v8`) : null;
    // the engine's first run is a cold load: no saved index
    if (system === 'engine') rmSync(path.join(corpus.dir, '.coverage-cache'), { recursive: true, force: true });
    const started = performance.now();
    const run = await runWorker(system, corpus.dir, { questions, ask }, `${size}-${system}`, prefix, v8Dir);
    const wall = (performance.now() - started) / 1000;
    const v8prof = v8Dir ? v8Summary(v8Dir) : null;
    if (v8prof) console.error(`  V8 tick profile: ${v8prof.file}`);
    if (!run.result) {
      report.systems.push({ system, label, status: run.status, note: `${run.note ?? ''} (${wall.toFixed(0)} s wall)`, lastProgress: run.lastProgress, v8prof });
      console.error(`  ${label}: ${run.status} ${run.note ?? ''} ${JSON.stringify(run.lastProgress ?? {})}`);
      continue;
    }
    const entry = systemReport(system, run.result, v8prof);
    report.systems.push(entry);
    console.error(`  ${label}: load ${entry.loadS!.toFixed(1)} s, peak RSS ${entry.peakRssMB} MB, p50 ${fmtMs(entry.latency!.p50)}, p99 ${fmtMs(entry.latency!.p99)}, accuracy ${entry.accuracy!.pct?.toFixed(1) ?? '–'}%${entry.indexOnDiskBytes ? `, index on disk ${entry.indexOnDisk}` : ''}`);
    if (system === 'engine') {
      // the second run on the same folder starts from the index the first one saved
      const warmStarted = performance.now();
      const warmRun = await runWorker(system, corpus.dir, { questions, ask }, `${size}-${system}-warm`, prefix ? `${prefix}-warm` : null, null);
      entry.warm = warmReport(warmRun, run.result, (performance.now() - warmStarted) / 1000);
      const w = entry.warm;
      if (w.status === 'ok') console.error(`  ${label}, from the saved index: load ${w.loadS!.toFixed(1)} s (${w.cache?.reused ?? 0} files reused), peak RSS ${w.peakRssMB} MB, same top answer ${w.sameTop!.same}/${w.sameTop!.of}`);
      else console.error(`  ${label}, from the saved index: ${w.status} ${w.note ?? ''}`);
    }
  }
  const ours = report.systems.find((s) => s.system === 'engine');
  for (const s of report.systems) {
    const ratio = ours && s !== ours ? ratioOf(ours, s) : null;
    if (ratio) report.ratios.push(ratio);
  }
  reports.push(report);
}

const run: SavedRun = { date: new Date().toISOString(), machine, options, reports };
run.table = render(run);
console.log([run.table, ...reports.map(renderProfiles)].join('\n'));
if (!opts['no-save']) {
  mkdirSync(resultsDir, { recursive: true });
  const json = JSON.stringify(run, null, 2);
  writeFileSync(path.join(resultsDir, `bench-${stamp}.json`), json);
  writeFileSync(path.join(resultsDir, 'latest.json'), json);
  console.error(`written: bench/results/bench-${stamp}.json and bench/results/latest.json`);
}
