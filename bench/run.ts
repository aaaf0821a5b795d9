/**
 * `npm run bench`: speed, memory and accuracy of the engine on corpora of about 300, 3,000 and 30,000
 * articles built from real text, against fuse.js alone and MiniSearch on the same corpus and questions.
 * Each (size, system) runs in its own child process. Prints a table and writes bench/results/*.json.
 *
 *   npm run bench -- [--sizes 300,3000,30000] [--questions 200] [--seed 42]
 *                    [--systems engine,minisearch,fuse] [--skip-baselines-over 3000] [--fuse-questions 50]
 *                    [--timeout-min 15] [--heap-mb 8192] [--profile] [--v8-prof] [--rebuild] [--no-save]
 *
 * --profile: inspector CPU profiles of the engine's loading and questions (a finished run only).
 * --v8-prof: V8's tick profiler on the engine (node --prof); its log survives a child that is stopped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCorpus, loadQuestions, loadSources, ROOT, WORK_DIR, type CorpusManifest } from './corpus.js';
import type { SystemName, WorkerInput, WorkerResult } from './worker.js';
import type { ProfileSummary } from './profile.js';

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
    help: { type: 'boolean', default: false },
  },
});
if (opts.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 12).map((l) => l.replace(/^ \*\s?/, '')).join('\n'));
  process.exit(0);
}

const sizes = opts.sizes.split(',').map(Number).filter((n) => n > 0);
const questionLimit = Number(opts.questions);
const seed = Number(opts.seed);
const systems = opts.systems.split(',').map((s) => s.trim()) as SystemName[];
const skipBaselinesOver = Number(opts['skip-baselines-over']);
const fuseQuestions = Number(opts['fuse-questions']);
const timeoutMs = Number(opts['timeout-min']) * 60_000;
const heapMb = Number(opts['heap-mb']);
const BASELINE_LABEL: Record<SystemName, string> = { engine: 'Coverage Desk', minisearch: 'MiniSearch', fuse: 'fuse.js alone', 'fuse-token': 'fuse.js token search' };
for (const s of systems) if (!(s in BASELINE_LABEL)) throw new Error(`unknown system ${s}: use engine, minisearch, fuse or fuse-token`);

interface Latency {
  n: number;
  first: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}
interface Accuracy {
  measurable: number;
  correct: number;
  pct: number | null;
}
interface SystemReport {
  system: SystemName;
  label: string;
  status: 'ok' | 'skipped' | 'timeout' | 'failed';
  note?: string;
  loadS?: number;
  peakRssMB?: number;
  rssAfterLoadMB?: number;
  heapAfterLoadMB?: number;
  units?: number;
  articles?: number | null;
  vocabulary?: number | null;
  indexOnDisk?: string;
  knowledgeJsonMB?: { sentences: number; facts: number } | null;
  latency?: Latency;
  accuracy?: Accuracy;
  /** Engine only: top fact right even when the engine abstained. */
  accuracyAny?: Accuracy | null;
  answered?: number;
  /** Last progress line of a child that did not finish. */
  lastProgress?: unknown;
  profiles?: { load: ProfileSummary; questions: ProfileSummary } | null;
  /** Under --v8-prof: the tick profile's summary and bottom-up view. */
  v8prof?: { file: string; summary: string } | null;
  raw?: { asked: number[]; ms: number[]; correct: Array<boolean | null> };
}
interface Ratio {
  baseline: SystemName;
  questions: number;
  p50: number;
  p99: number;
}
interface SizeReport {
  size: number;
  corpus: CorpusManifest;
  systems: SystemReport[];
  /** Baseline time / our time, on the same questions. */
  ratios: Ratio[];
}

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
function latencyOf(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: ms.length, first: ms[0] ?? NaN, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length), max: sorted[sorted.length - 1] ?? NaN };
}
function accuracyOf(correct: Array<boolean | null>): Accuracy {
  const measured = correct.filter((c): c is boolean => c !== null);
  const right = measured.filter(Boolean).length;
  return { measurable: measured.length, correct: right, pct: measured.length ? (100 * right) / measured.length : null };
}
/** Evenly spread subset of 0..n-1 of about `k` positions. */
function spread(n: number, k: number): number[] {
  const step = Math.max(1, Math.ceil(n / Math.max(1, k)));
  return Array.from({ length: n }, (_, i) => i).filter((i) => i % step === 0);
}
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Runs one worker; resolves with its result, or with why there is none. */
/**
 * The bottom-up summary of a V8 tick log (node --prof): the main thread's log is the largest of the
 * per-isolate logs in the folder. Kept whole in a .txt beside the log; the summary goes in the report.
 */
function v8Summary(dir: string): { file: string; summary: string } | null {
  const logs = readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => path.join(dir, f));
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

function runWorker(system: SystemName, corpusDir: string, input: WorkerInput, tag: string, profilePrefix: string | null, v8ProfDir: string | null): Promise<{ result?: WorkerResult; status: SystemReport['status']; note?: string; lastProgress?: unknown }> {
  const tmp = path.join(WORK_DIR, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const qFile = path.join(tmp, `${tag}-questions.json`);
  const outFile = path.join(tmp, `${tag}-result.json`);
  rmSync(outFile, { force: true });
  writeFileSync(qFile, JSON.stringify(input));
  // under --v8-prof the child runs in the log folder (V8 writes isolate-*.log to the working directory)
  if (v8ProfDir) mkdirSync(v8ProfDir, { recursive: true });
  const args = [...(v8ProfDir ? ['--prof'] : []), '--import', import.meta.resolve('tsx'), `--max-old-space-size=${heapMb}`, path.join(ROOT, 'bench', 'worker.ts'), system, corpusDir, qFile, outFile, ...(profilePrefix ? [profilePrefix] : [])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: v8ProfDir ?? ROOT, stdio: ['ignore', 'inherit', 'pipe'] });
    let lastProgress: unknown;
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
        if (line.startsWith('{"progress"')) {
          lastProgress = JSON.parse(line);
          const p = lastProgress as { s: number; phase: string; asked: number; rss: number };
          const shown = `  ${BASELINE_LABEL[system]}: ${p.phase} ${Math.round(p.s)} s, ${p.asked}/${input.ask.length} questions, RSS ${Math.round(mb(p.rss))} MB`;
          if (process.stderr.isTTY) process.stderr.write(`\r${shown}   `);
          else if (p.s - lastShown >= 60) {
            lastShown = p.s;
            process.stderr.write(`${shown}\n`);
          }
        } else {
          errText = (errText + line + '\n').slice(-4000);
        }
      }
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (process.stderr.isTTY) process.stderr.write('\r' + ' '.repeat(100) + '\r');
      if (timedOut) return resolve({ status: 'timeout', note: `stopped after ${opts['timeout-min']} min`, lastProgress });
      if (code === 0 && existsSync(outFile)) return resolve({ status: 'ok', result: JSON.parse(readFileSync(outFile, 'utf8')) as WorkerResult });
      const oom = /heap out of memory|Allocation failed/i.test(errText);
      resolve({ status: 'failed', note: oom ? `out of memory (heap limit ${heapMb} MB)` : `exit ${code ?? signal}: ${errText.trim().split('\n').slice(-3).join(' | ')}`, lastProgress });
    });
  });
}

function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}
const fmtInt = (n: number | null | undefined) => (n === null || n === undefined ? '–' : n.toLocaleString('en-US'));
const fmtAcc = (a: Accuracy | undefined | null) => (a && a.pct !== null ? `${a.pct.toFixed(1)}% (${a.correct}/${a.measurable})` : '–');

function table(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head!.join(' | ')} |`, `|${head!.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function render(reports: SizeReport[], machine: Record<string, unknown>): string {
  const rows: string[][] = [['articles', 'system', 'sentences', 'load + index', 'peak RSS', 'index on disk', 'questions', 'first', 'p50', 'p99', 'top-1 accuracy']];
  for (const r of reports) {
    for (const s of r.systems) {
      const size = fmtInt(r.size);
      if (s.status !== 'ok') {
        rows.push([size, s.label, '', '', '', '', '', '', '', '', `**${s.status}**: ${s.note ?? ''}`]);
        continue;
      }
      const disk = s.system === 'engine' ? `n/a (no saved index yet; sentences as JSON ${s.knowledgeJsonMB?.sentences ?? '?'} MB, facts ${s.knowledgeJsonMB?.facts ?? '?'} MB)` : (s.indexOnDisk ?? '–');
      rows.push([size, s.label, fmtInt(s.units), fmtMs((s.loadS ?? NaN) * 1000), `${fmtInt(Math.round(s.peakRssMB ?? NaN))} MB`, disk, fmtInt(s.latency?.n), fmtMs(s.latency?.first), fmtMs(s.latency?.p50), fmtMs(s.latency?.p99), fmtAcc(s.accuracy)]);
    }
  }
  const ratioRows: string[][] = [['articles', 'baseline', 'questions compared', 'baseline p50 / ours', 'baseline p99 / ours']];
  for (const r of reports) for (const q of r.ratios) ratioRows.push([fmtInt(r.size), BASELINE_LABEL[q.baseline], String(q.questions), `${q.p50.toFixed(1)}×`, `${q.p99.toFixed(1)}×`]);
  const notes = [
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memGB} GB RAM, Node ${machine.node}, ${machine.platform}. Each (size, system) ran in its own process (--max-old-space-size=${heapMb}).`,
    `Corpora: articles of 24–36 sentences made only of verbatim paragraphs of ../shared/corpora, ../shared/eval/squad/corpus and seeds/, sampled with mulberry32 (seed ${seed}); the SQuAD paragraphs the questions were located in come first in every size. The source text holds ${fmtInt(reports[0]?.corpus.sourceSentences)} sentences, so larger corpora repeat it: the vocabulary stops growing while posting lists grow with the size.`,
    `Questions: every ceil(n/${questionLimit})-th of ../shared/eval/squad/questions.jsonl (as score-answers.mjs --limit ${questionLimit}), in order; latency is wall time around one call (engine.ask, MiniSearch search, fuse.js search with limit 1), the first question included (lazy set-up counts). p99 is nearest-rank.`,
    'Accuracy: top answer sentence contains a gold answer (case, Unicode form, white space folded; ≤ 600 characters), over the questions located in a SQuAD paragraph. For Coverage Desk the answer must also not be an abstention (as score-answers.mjs); baselines always answer.',
    'Baselines: sentences by Intl.Segmenter (ICU sentence rules) over the same paragraphs, splitting and file reading included in their load time. MiniSearch: fields text, searchOptions {fuzzy: 0.2, prefix: true} (BM25 default, no stopwords). fuse.js: keys text, ignoreLocation, otherwise defaults (threshold 0.6). Index on disk for them is JSON.stringify of the index (MiniSearch) or of Fuse.createIndex(...).toJSON().',
    `fuse.js is asked an evenly spread subset of ${fuseQuestions} questions (it takes seconds per question at 3,000 articles); ratios compare the same questions. Baselines are not run above ${fmtInt(skipBaselinesOver)} articles and nothing is extrapolated.`,
  ];
  return ['## Results', '', table(rows), '', '### Ours against the baselines (per-question time, same questions)', '', table(ratioRows), '', '### Notes', '', ...notes.map((n) => `- ${n}`)].join('\n');
}

function profileText(r: SizeReport): string {
  const out: string[] = [];
  for (const s of r.systems) {
    if (s.v8prof) out.push(`\n### V8 tick profile, ${BASELINE_LABEL[s.system]}, ${fmtInt(r.size)} articles (${s.status}; ${s.v8prof.file})\n\n\`\`\`\n${s.v8prof.summary}\n\`\`\``);
    if (!s.profiles) continue;
    for (const [phase, p] of Object.entries(s.profiles) as Array<[string, ProfileSummary]>) {
      const unit = phase === 'load' ? 'per article' : 'per question';
      out.push(`\n### Profile, ${BASELINE_LABEL[s.system]}, ${fmtInt(r.size)} articles, ${phase} (${(p.totalMs / 1000).toFixed(1)} s sampled; ${p.file})`);
      out.push('', table([['self time, top functions', `ms ${unit}`, 'share'], ...p.selfTop.slice(0, 15).map((e) => [`\`${e.fn}\``, e.ms.toFixed(2), `${(e.share * 100).toFixed(1)}%`])]));
      out.push('', table([['inclusive time (engine code)', `ms ${unit}`, 'share'], ...p.inclusiveTop.slice(0, 15).map((e) => [`\`${e.fn}\``, e.ms.toFixed(2), `${(e.share * 100).toFixed(1)}%`])]));
      out.push('', table([['self time by file', `ms ${unit}`, 'share'], ...p.files.slice(0, 12).map((e) => [`\`${e.fn}\``, e.ms.toFixed(2), `${(e.share * 100).toFixed(1)}%`])]));
    }
  }
  return out.join('\n');
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memGB: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};

const sources = loadSources();
const questions = loadQuestions(questionLimit, sources);
const reports: SizeReport[] = [];
const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
const resultsDir = path.join(ROOT, 'bench', 'results');
const profileDir = path.join(resultsDir, 'profiles');
if (opts.profile || opts['v8-prof']) mkdirSync(profileDir, { recursive: true });

console.error(`${questions.length} questions (${questions.filter((q) => q.source).length} located in a SQuAD paragraph); sources: ${sources.length} articles`);
for (const size of sizes) {
  const corpus = buildCorpus(size, seed, questions, sources, { force: opts.rebuild });
  console.error(`${fmtInt(size)} articles: ${fmtInt(corpus.sentences)} sentences, ${mb(corpus.bytes)} MB in ${corpus.dir}`);
  const report: SizeReport = { size, corpus, systems: [], ratios: [] };
  const all = questions.map((_, i) => i);
  for (const system of systems) {
    const label = BASELINE_LABEL[system];
    if (system !== 'engine' && size > skipBaselinesOver) {
      report.systems.push({ system, label, status: 'skipped', note: `baselines run up to ${fmtInt(skipBaselinesOver)} articles (--skip-baselines-over); not extrapolated` });
      continue;
    }
    const ask = system === 'fuse' || system === 'fuse-token' ? spread(questions.length, fuseQuestions) : all;
    const prefix = opts.profile ? path.join(profileDir, `${stamp}-${size}-${system}`) : null;
    const started = performance.now();
    const v8Dir = opts['v8-prof'] && system === 'engine' ? path.join(profileDir, `${stamp}-${size}-engine-v8`) : null;
    const run = await runWorker(system, corpus.dir, { questions, ask }, `${size}-${system}`, prefix, v8Dir);
    const wall = (performance.now() - started) / 1000;
    const v8prof = v8Dir ? v8Summary(v8Dir) : null;
    if (v8prof) console.error(`  V8 tick profile: ${v8prof.file}`);
    if (!run.result) {
      report.systems.push({ system, label, status: run.status, note: `${run.note ?? ''} (${wall.toFixed(0)} s wall)`, lastProgress: run.lastProgress, v8prof });
      console.error(`  ${label}: ${run.status} ${run.note ?? ''} ${JSON.stringify(run.lastProgress ?? {})}`);
      continue;
    }
    const r = run.result;
    const entry: SystemReport = {
      system,
      label,
      status: 'ok',
      loadS: r.loadMs / 1000,
      peakRssMB: mb(r.peakRss),
      rssAfterLoadMB: mb(r.rssAfterLoad),
      heapAfterLoadMB: mb(r.heapAfterLoad),
      units: r.units,
      articles: r.articles,
      vocabulary: r.vocabulary,
      indexOnDisk: r.indexOnDisk === null ? 'n/a (no saved index yet)' : `${mb(r.indexOnDisk)} MB`,
      knowledgeJsonMB: r.knowledgeJson ? { sentences: mb(r.knowledgeJson.sentences), facts: mb(r.knowledgeJson.facts) } : null,
      latency: latencyOf(r.ms),
      accuracy: accuracyOf(r.correct),
      accuracyAny: r.correctAny ? accuracyOf(r.correctAny) : null,
      answered: r.answered.filter(Boolean).length,
      profiles: r.profiles,
      v8prof,
      raw: { asked: r.asked, ms: r.ms.map((x) => Math.round(x * 1000) / 1000), correct: r.correct },
    };
    report.systems.push(entry);
    console.error(`  ${label}: load ${entry.loadS!.toFixed(1)} s, peak RSS ${entry.peakRssMB} MB, p50 ${fmtMs(entry.latency!.p50)}, p99 ${fmtMs(entry.latency!.p99)}, accuracy ${fmtAcc(entry.accuracy)}`);
  }
  const ours = report.systems.find((s) => s.system === 'engine' && s.raw);
  for (const s of report.systems) {
    if (s.system === 'engine' || !s.raw || !ours?.raw) continue;
    const oursMs = new Map(ours.raw.asked.map((q, i) => [q, ours.raw!.ms[i]!]));
    const same = s.raw.asked.filter((q) => oursMs.has(q));
    const mine = latencyOf(same.map((q) => oursMs.get(q)!));
    const theirs = latencyOf(same.map((q) => s.raw!.ms[s.raw!.asked.indexOf(q)]!));
    report.ratios.push({ baseline: s.system, questions: same.length, p50: theirs.p50 / mine.p50, p99: theirs.p99 / mine.p99 });
  }
  reports.push(report);
}

const text = render(reports, machine);
const profiles = reports.map(profileText).join('\n');
console.log(text + (profiles ? '\n' + profiles : ''));
if (!opts['no-save']) {
  mkdirSync(resultsDir, { recursive: true });
  const json = JSON.stringify({ date: new Date().toISOString(), machine, options: { sizes, questions: questionLimit, seed, systems, skipBaselinesOver, fuseQuestions, timeoutMin: Number(opts['timeout-min']), heapMb }, reports, table: text }, null, 2);
  writeFileSync(path.join(resultsDir, `bench-${stamp}.json`), json);
  writeFileSync(path.join(resultsDir, 'latest.json'), json);
  console.error(`written: bench/results/bench-${stamp}.json and bench/results/latest.json`);
}
