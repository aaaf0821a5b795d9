/**
 * `npm run bench -- --ingest`: how long a new article takes to be answerable in a watched story, and what
 * a rebuild does to the questions asked meanwhile. Per size (a copy of run.ts's corpus in bench/.work/,
 * each size in its own process), through the StoryCatalogue with native watching:
 *
 *   1. the cold load (the copy has no saved index), then the 200 bench questions with no rebuild running;
 *   2. per round, a new article with an invented fact written into the folder; questions are asked in a
 *      loop meanwhile, and the time from the write to the first answer quoting the new file is the ingest
 *      latency (debounce + rebuild + swap). Each question's time counts from when it was due, so a question
 *      waiting behind the rebuild's work on the main thread counts that wait.
 *
 *   npm run bench -- --ingest [--sizes 300,3000] [--rounds 3] [--heap-mb 8192]
 *   node --import tsx bench/ingest.ts [--sizes 300,3000,30000] [--rounds 3]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { singleStory, StoryCatalogue, type StoryUpdate } from '../src/stories/catalogue.js';
import { buildCorpus, loadQuestions, loadSources, ROOT, WORK_DIR } from './corpus.js';
import { fmtInt, fmtMs, latencyOf, type Latency } from './report.js';

export interface IngestRound {
  /** Write of the new file to the first answer quoting it, ms. */
  ingestMs: number;
  /** Wall time of the rebuild itself (Engine.load beside the engine in service), ms. */
  rebuildMs: number;
  reused: number;
  analysed: number;
  /** Questions due while the rebuild ran. */
  during: Latency;
}

export interface IngestReport {
  size: number;
  coldLoadMs: number;
  idle: Latency;
  rounds: IngestRound[];
  /** All questions due during the rounds' rebuilds. */
  during: Latency;
  peakRssMB: number;
}

const DISTRICTS = ['Kessingmoor', 'Marrowbeck', 'Ostlundvale', 'Tarnfield', 'Quillhaven'];
const probe = (r: number) => ({
  file: `zz-ingest-${r}.txt`,
  text: `---\ntitle: "Water board approves meters"\noutlet: Bench Gazette ${r}\npublished: 2026-11-2${r % 10}\n---\n\nThe regional water board approved ${1200 + 37 * r} new water meters for the ${DISTRICTS[r % DISTRICTS.length]} district on Tuesday, its chair said.\n`,
  question: `How many new water meters did the water board approve for the ${DISTRICTS[r % DISTRICTS.length]} district?`,
});

/** One size in this process. */
async function measure(size: number, rounds: number, seed: number): Promise<IngestReport> {
  const sources = loadSources();
  const questions = loadQuestions(200, sources).map((q) => q.q);
  const corpus = buildCorpus(size, seed, loadQuestions(200, sources), sources);
  const dir = path.join(WORK_DIR, `ingest-${size}`, 'story');
  rmSync(path.dirname(dir), { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(corpus.dir, dir, { recursive: true, filter: (src) => !src.includes('.coverage-cache') });
  const story = singleStory(dir);
  const catalogue = new StoryCatalogue([story]);
  catalogue.watch();
  let rebuilding = false;
  const state: { last: StoryUpdate | null } = { last: null };
  catalogue.on('rebuilding', () => (rebuilding = true));
  catalogue.on('updated', (u) => {
    rebuilding = false;
    state.last = u;
  });
  catalogue.on('failed', (f) => {
    rebuilding = false;
    console.error(`  rebuild failed: ${f.reason}`);
  });
  const t0 = performance.now();
  await catalogue.engine(story.id)!;
  const coldLoadMs = performance.now() - t0;
  await catalogue.watchReady();
  console.error(`  ${fmtInt(size)}: cold load ${fmtMs(coldLoadMs)}`);

  const ask = async (q: string): Promise<number> => {
    const due = performance.now();
    await new Promise((r) => setImmediate(r));
    (await catalogue.engine(story.id)!).ask(q);
    return performance.now() - due;
  };
  const idleMs: number[] = [];
  for (const q of questions) idleMs.push(await ask(q));

  const out: IngestRound[] = [];
  const duringAll: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const p = probe(r);
    state.last = null;
    const written = performance.now();
    writeFileSync(path.join(dir, p.file), p.text);
    const during: number[] = [];
    let i = 0;
    let ingestMs = NaN;
    let seen = await catalogue.engine(story.id)!;
    while (performance.now() - written < 30 * 60_000) {
      const wasRebuilding = rebuilding;
      const ms = await ask(questions[i++ % questions.length]!);
      if (wasRebuilding || rebuilding) during.push(ms);
      const engine = await catalogue.engine(story.id)!;
      if (engine !== seen) {
        seen = engine;
        if (engine.ask(p.question).facts.some((f) => f.sources.some((s) => s.file.endsWith(p.file)))) {
          ingestMs = performance.now() - written;
          break;
        }
      }
    }
    const u = state.last as StoryUpdate | null;
    const round: IngestRound = { ingestMs, rebuildMs: u?.ms ?? NaN, reused: u?.reused ?? 0, analysed: u?.analysed ?? 0, during: latencyOf(during) };
    out.push(round);
    duringAll.push(...during);
    console.error(`  ${fmtInt(size)} round ${r + 1}: new article answered after ${fmtMs(ingestMs)} (rebuild ${fmtMs(round.rebuildMs)}, ${round.reused} reused, ${round.analysed} analysed); ${during.length} questions during it, p50 ${fmtMs(round.during.p50)}, p99 ${fmtMs(round.during.p99)}, max ${fmtMs(round.during.max)}`);
  }
  await catalogue.close();
  rmSync(path.dirname(dir), { recursive: true, force: true });
  return { size, coldLoadMs, idle: latencyOf(idleMs), rounds: out, during: latencyOf(duringAll), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

export function renderIngest(reports: IngestReport[]): string {
  const lines = [
    '| articles | cold load | new article → answered (each round) | rebuild (each round) | questions: no rebuild p50 / p99 | during a rebuild p50 / p99 / max (n) | peak RSS |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of reports) {
    lines.push(
      `| ${fmtInt(r.size)} | ${fmtMs(r.coldLoadMs)} | ${r.rounds.map((x) => fmtMs(x.ingestMs)).join(', ')} | ${r.rounds.map((x) => fmtMs(x.rebuildMs)).join(', ')} | ${fmtMs(r.idle.p50)} / ${fmtMs(r.idle.p99)} | ${fmtMs(r.during.p50)} / ${fmtMs(r.during.p99)} / ${fmtMs(r.during.max)} (${r.during.n}) | ${fmtInt(r.peakRssMB)} MB |`,
    );
  }
  return lines.join('\n');
}

/** Every size in its own process; prints the table and writes bench/results/ingest-*.json. */
export function runIngest(sizes: number[], rounds: number, seed: number, heapMb: number, save = true): IngestReport[] {
  const reports: IngestReport[] = [];
  const tmp = path.join(WORK_DIR, 'tmp');
  mkdirSync(tmp, { recursive: true });
  for (const size of sizes) {
    const outFile = path.join(tmp, `ingest-${size}.json`);
    rmSync(outFile, { force: true });
    const child = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), `--max-old-space-size=${heapMb}`, fileURLToPath(import.meta.url), '--one', String(size), '--rounds', String(rounds), '--seed', String(seed), '--out', outFile], { cwd: ROOT, stdio: 'inherit' });
    if (child.status === 0 && existsSync(outFile)) reports.push(JSON.parse(readFileSync(outFile, 'utf8')) as IngestReport);
    else console.error(`  ${fmtInt(size)}: failed (exit ${child.status ?? child.signal})`);
  }
  const table = renderIngest(reports);
  console.log(table);
  if (save && reports.length) {
    const dir = path.join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
    writeFileSync(path.join(dir, `ingest-${stamp}.json`), JSON.stringify({ date: new Date().toISOString(), sizes, rounds, seed, reports, table }, null, 2));
    console.error(`written: bench/results/ingest-${stamp}.json`);
  }
  return reports;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '300,3000' },
      rounds: { type: 'string', default: '3' },
      seed: { type: 'string', default: '42' },
      'heap-mb': { type: 'string', default: '8192' },
      one: { type: 'string' },
      out: { type: 'string' },
      'no-save': { type: 'boolean', default: false },
    },
  });
  if (values.one) {
    const report = await measure(Number(values.one), Number(values.rounds), Number(values.seed));
    writeFileSync(values.out!, JSON.stringify(report));
    process.exit(0);
  }
  runIngest(values.sizes.split(',').map(Number).filter((n) => n > 0), Number(values.rounds), Number(values.seed), Number(values['heap-mb']), !values['no-save']);
}
