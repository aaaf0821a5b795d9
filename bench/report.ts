/**
 * The benchmark's report: what is saved as JSON, the statistics, and the tables a person reads.
 */
import type { CacheReport } from '../src/engine.js';
import type { CorpusManifest } from './corpus.js';
import type { ProfileSummary } from './profile.js';
import type { SystemName } from './worker.js';

export const LABEL: Record<SystemName, string> = { engine: 'Coverage Desk', minisearch: 'MiniSearch', fuse: 'fuse.js alone', 'fuse-token': 'fuse.js token search' };

export interface Latency {
  n: number;
  first: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}
export interface Accuracy {
  measurable: number;
  correct: number;
  pct: number | null;
}
export interface Progress {
  s: number;
  phase: string;
  asked: number;
  rss: number;
  peak: number;
}
export interface SystemReport {
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
  /** Engine: bytes of its saved index (`.coverage-cache/`). */
  indexOnDiskBytes?: number | null;
  /** Older runs only: JSON size of the engine's sentences and facts, when it could not save its index. */
  knowledgeJsonMB?: { sentences: number; facts: number } | null;
  /** Engine: what the load did with the saved index (cold load: none found, every file analysed). */
  cache?: CacheReport | null;
  /** Engine: the second run on the same folder, starting from the saved index. */
  warm?: WarmReport;
  latency?: Latency;
  accuracy?: Accuracy;
  /** Engine only: top fact right even when the engine abstained. */
  accuracyAny?: Accuracy | null;
  answered?: number;
  /** Last progress line of a child that did not finish. */
  lastProgress?: Progress;
  profiles?: { load: ProfileSummary; questions: ProfileSummary } | null;
  /** Under --v8-prof: the tick profile's summary and bottom-up view. */
  v8prof?: { file: string; summary: string } | null;
  raw?: { asked: number[]; ms: number[]; correct: Array<boolean | null> };
}
/** The engine's second run on a corpus: a start from the index its first run saved. */
export interface WarmReport {
  status: SystemReport['status'];
  note?: string;
  lastProgress?: Progress;
  loadS?: number;
  peakRssMB?: number;
  rssAfterLoadMB?: number;
  heapAfterLoadMB?: number;
  latency?: Latency;
  accuracy?: Accuracy;
  /** Questions whose top answer sentence is the one the cold run gave. */
  sameTop?: { same: number; of: number };
  cache?: CacheReport | null;
  profiles?: { load: ProfileSummary; questions: ProfileSummary } | null;
}
export interface Ratio {
  baseline: SystemName;
  questions: number;
  p50: number;
  p99: number;
}
export interface SizeReport {
  size: number;
  corpus: CorpusManifest;
  systems: SystemReport[];
  /** Baseline time / our time, on the same questions. */
  ratios: Ratio[];
}
export interface BenchOptions {
  sizes: number[];
  questions: number;
  seed: number;
  systems: SystemName[];
  skipBaselinesOver: number;
  fuseQuestions: number;
  timeoutMin: number;
  heapMb: number;
}
export interface Machine {
  cpus: number;
  cpuModel: string;
  memGB: number;
  node: string;
  platform: string;
}
export interface SavedRun {
  date: string;
  machine: Machine;
  options: BenchOptions;
  reports: SizeReport[];
  table?: string;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
export function latencyOf(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: ms.length, first: ms[0] ?? NaN, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length), max: sorted[sorted.length - 1] ?? NaN };
}
export function accuracyOf(correct: Array<boolean | null>): Accuracy {
  const measured = correct.filter((c): c is boolean => c !== null);
  const right = measured.filter(Boolean).length;
  return { measurable: measured.length, correct: right, pct: measured.length ? (100 * right) / measured.length : null };
}
/** Baseline time over ours on the questions both were asked. */
export function ratioOf(ours: SystemReport, base: SystemReport): Ratio | null {
  if (!ours.raw || !base.raw) return null;
  const oursMs = new Map(ours.raw.asked.map((q, i) => [q, ours.raw!.ms[i]!]));
  const both = base.raw.asked.map((q, i) => [q, i] as const).filter(([q]) => oursMs.has(q));
  if (!both.length) return null;
  const mine = latencyOf(both.map(([q]) => oursMs.get(q)!));
  const theirs = latencyOf(both.map(([, i]) => base.raw!.ms[i]!));
  return { baseline: base.system, questions: both.length, p50: theirs.p50 / mine.p50, p99: theirs.p99 / mine.p99 };
}

export const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}
export const fmtInt = (n: number | null | undefined): string => (n === null || n === undefined || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US'));
const fmtAcc = (a: Accuracy | undefined | null) => (a && a.pct !== null ? `${a.pct.toFixed(1)}% (${a.correct}/${a.measurable})` : '–');
const fmtMB = (n: number | undefined) => (n === undefined ? '–' : n >= 100 ? `${fmtInt(n)} MB` : `${n} MB`);

export function table(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head!.join(' | ')} |`, `|${head!.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The tables and notes of a run, as Markdown. */
export function render(run: SavedRun): string {
  const { machine, options: o, reports } = run;
  const corpusRows: string[][] = [['articles', 'paragraphs (distinct)', 'sentences (Intl.Segmenter)', 'text', 'engine sentences', 'engine vocabulary (index terms)']];
  for (const r of reports) {
    const engine = r.systems.find((s) => s.system === 'engine');
    const c = r.corpus;
    corpusRows.push([fmtInt(c.articles), `${fmtInt(c.paragraphs)} (${fmtInt(c.distinctParagraphs)})`, fmtInt(c.sentences), `${mb(c.bytes)} MB`, fmtInt(engine?.units), fmtInt(engine?.vocabulary)]);
  }
  const rows: string[][] = [['articles', 'system', 'load + index (cold)', 'start from saved index', 'peak RSS (cold / saved index)', 'index on disk', 'questions', 'first', 'p50', 'p99', 'top-1 accuracy']];
  const phaseRows: string[][] = [['articles', 'run', 'total', 'list, read, hash files', 'restore saved entries (or the saved assembled index)', 'parse + analyse', 'save index', 'assemble (ids, BM25, name groups)', 'word vectors', 'files reused / analysed', 'same top answer as cold']];
  for (const r of reports) {
    for (const s of r.systems) {
      const size = fmtInt(r.size);
      if (s.status !== 'ok') {
        const p = s.lastProgress;
        const how = p ? `> ${fmtInt(p.s)} s (stopped while ${p.phase})` : '';
        rows.push([size, s.label, how, '', p ? `≥ ${fmtInt(mb(p.peak))} MB` : '', '', '', '', '', '', `**${s.status}**: ${s.note ?? ''}`]);
        continue;
      }
      const w = s.warm;
      const warm = !w ? '–' : w.status === 'ok' ? fmtMs((w.loadS ?? NaN) * 1000) : `**${w.status}**: ${w.note ?? ''}`;
      const rss = w?.status === 'ok' ? `${fmtMB(s.peakRssMB)} / ${fmtMB(w.peakRssMB)}` : fmtMB(s.peakRssMB);
      const disk = s.system === 'engine' ? (s.indexOnDiskBytes ? fmtMB(mb(s.indexOnDiskBytes)) : s.knowledgeJsonMB ? `n/a; as JSON: sentences ${fmtMB(s.knowledgeJsonMB.sentences)}, facts ${fmtMB(s.knowledgeJsonMB.facts)}` : 'n/a') : (s.indexOnDisk ?? '–');
      const sameAcc = w?.status === 'ok' && w.accuracy && s.accuracy && w.accuracy.correct !== s.accuracy.correct ? ` (from the saved index: ${fmtAcc(w.accuracy)})` : '';
      rows.push([size, s.label, fmtMs((s.loadS ?? NaN) * 1000), warm, rss, disk, fmtInt(s.latency?.n), fmtMs(s.latency?.first), fmtMs(s.latency?.p50), fmtMs(s.latency?.p99), fmtAcc(s.accuracy) + sameAcc]);
      const phases = (label: string, c: CacheReport, same: string) => {
        const p = c.phases;
        phaseRows.push([size, label, fmtMs(c.ms), fmtMs(p.files), fmtMs(p.restore), `${fmtMs(p.analyse)}${c.analysed ? (c.workers ? ` (${c.workers} worker thread${c.workers === 1 ? '' : 's'})` : ' (1 thread)') : ''}`, fmtMs(p.save), fmtMs(p.assemble), fmtMs(p.engine), `${fmtInt(c.reused)} / ${fmtInt(c.analysed)}`, same]);
      };
      if (s.cache) phases('cold load', s.cache, '');
      if (w?.status === 'ok' && w.cache) phases('from saved index', w.cache, w.sameTop ? `${w.sameTop.same}/${w.sameTop.of}` : '');
    }
  }
  const ratioRows: string[][] = [['articles', 'baseline', 'questions compared', 'baseline p50 / ours', 'baseline p99 / ours']];
  for (const r of reports) for (const q of r.ratios) ratioRows.push([fmtInt(r.size), LABEL[q.baseline], String(q.questions), `${q.p50.toFixed(1)}×`, `${q.p99.toFixed(1)}×`]);
  const source = reports[0]?.corpus;
  const notes = [
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memGB} GB RAM, Node ${machine.node}, ${machine.platform}; run ${run.date}. Each (size, system) ran in its own process with --max-old-space-size=${o.heapMb}; peak RSS is the kernel's maximum resident set size of that process.`,
    `Corpora: articles of 24–36 sentences made only of verbatim paragraphs of ../shared/corpora, ../shared/eval/squad/corpus and seeds/ (as the engine's loader keeps them), sampled with mulberry32 (seed ${o.seed}); the SQuAD paragraphs the questions were located in come first in every size. The sources hold only ${fmtInt(source?.sourceParagraphs)} paragraphs (${fmtInt(source?.sourceSentences)} sentences), so larger corpora repeat them: the vocabulary stops growing while posting lists grow with the size. A cache keyed on paragraph text would look far better here than on real coverage.`,
    `Questions: every ceil(n/${o.questions})-th of ../shared/eval/squad/questions.jsonl (the selection of score-answers.mjs --limit ${o.questions}), in order. Latency is wall time around one call (engine.ask; MiniSearch search; fuse.js search with limit 1), the first question included (lazy set-up counts). p99 is nearest-rank.`,
    'Coverage Desk runs twice per size, each in its own process: a cold load (its saved index, `.coverage-cache/` in the corpus folder, removed first; the files parsed and analysed, on worker threads from 200 files, and the index saved) and a start from the index that run saved (every file read and hashed, its saved entry restored). Both ask the same questions; "same top answer" compares their top sentences. Index on disk: the size of the saved index. Peak RSS is per process, questions included.',
    'Accuracy: the top answer sentence contains a gold answer (case, Unicode form and white space folded; at most 600 characters), over the questions located in a SQuAD paragraph (a paragraph holding a gold answer, most words in common with the question). For Coverage Desk the engine must also have answered, not abstained (as score-answers.mjs); the baselines always answer.',
    'Baselines: sentences by Intl.Segmenter (ICU sentence rules) over the same paragraphs, file reading and splitting included in their load time. MiniSearch 7: fields text, searchOptions {fuzzy: 0.2, prefix: true}, BM25 as shipped, no stop words. fuse.js 7: keys text, ignoreLocation, otherwise defaults (threshold 0.6). Their index on disk is the length of JSON.stringify(miniSearch) or of Fuse.createIndex(…).toJSON().',
    `fuse.js is asked an evenly spread subset of ${o.fuseQuestions} questions (seconds per question at 3,000 articles); the ratios compare the same questions. Baselines are not run above ${fmtInt(o.skipBaselinesOver)} articles, and nothing is extrapolated. A run is stopped after ${o.timeoutMin} min.`,
  ];
  return [
    '### Corpora',
    '',
    table(corpusRows),
    '',
    '### Results',
    '',
    table(rows),
    '',
    '### Coverage Desk: loading, by phase',
    '',
    table(phaseRows),
    '',
    '### Ours against the baselines (per-question time on the same questions)',
    '',
    table(ratioRows),
    '',
    '### Notes',
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
}

/** The profiles of a size, as Markdown. */
export function renderProfiles(r: SizeReport): string {
  const out: string[] = [];
  const row = (e: ProfileSummary['selfTop'][number]) => [`\`${e.fn}\``, e.ms.toFixed(2), `${(e.share * 100).toFixed(1)}%`];
  for (const s of r.systems) {
    if (s.v8prof) out.push(`\n### V8 tick profile, ${LABEL[s.system]}, ${fmtInt(r.size)} articles (${s.status}; ${s.v8prof.file})\n\n\`\`\`\n${s.v8prof.summary}\n\`\`\``);
    const runs: Array<[string, SystemReport['profiles']]> = [['', s.profiles], [' (from the saved index)', s.warm?.profiles]];
    for (const [run, profiles] of runs) {
      if (!profiles) continue;
      for (const [phase, p] of Object.entries(profiles) as Array<[string, ProfileSummary]>) {
        const unit = phase === 'load' ? 'per article' : 'per question';
        out.push(`\n### Profile, ${LABEL[s.system]}${run}, ${fmtInt(r.size)} articles, ${phase} (${(p.totalMs / 1000).toFixed(1)} s sampled; ${p.file})`);
        out.push('', table([['self time, top functions', `ms ${unit}`, 'share'], ...p.selfTop.slice(0, 15).map(row)]));
        out.push('', table([['inclusive time (engine code)', `ms ${unit}`, 'share'], ...p.inclusiveTop.slice(0, 15).map(row)]));
        out.push('', table([['self time by file', `ms ${unit}`, 'share'], ...p.files.slice(0, 12).map(row)]));
      }
    }
  }
  return out.join('\n');
}
