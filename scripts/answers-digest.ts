/**
 * A digest of the answers to a question file on a corpus, to show that a change left every answer as it
 * was: runs the questions through the engine (or the `ask` CLI), drops the timings, and prints the SHA-256
 * of the lines. The lines are those of `npm run --silent ask -- --json --stdin` with the "ms" field removed
 * (as `sed -E 's/"ms":[0-9.e-]+,//'` would), so a digest can be compared with a file made that way.
 *
 *   npx tsx scripts/answers-digest.ts --questions FILE [--corpus DIR] [--via engine|cli] [--full] [--out FILE] [--cache]
 *
 * --full: whole answers (confidence label, kind, agreement, every fact) instead of the JSON contract, then
 *   what the listings give on the corpus (names, facts about the most mentioned, quotes, speakers,
 *   timeline, conflicts, sources, stats).
 * --cache: load through the saved index (default: a fresh load, so that no other process's index is read).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Engine } from '../src/engine.js';
import { jsonLine } from '../src/render/json.js';
import { option } from './lib/args.js';

const args = process.argv.slice(2);
const questionsFile = option(args, '--questions');
if (!questionsFile) {
  console.error('usage: npx tsx scripts/answers-digest.ts --questions FILE [--corpus DIR] [--via engine|cli] [--full] [--out FILE] [--cache]');
  process.exit(2);
}
const corpus = resolve(option(args, '--corpus') ?? 'seeds');
const via = option(args, '--via') ?? 'engine';
const full = args.includes('--full');
const out = option(args, '--out');
const input = readFileSync(questionsFile, 'utf8');
const questions = input.split('\n');
// as readline gives them: a final newline ends the last line rather than starting an empty one
if (questions[questions.length - 1] === '') questions.pop();

/** The first "ms" field of a JSON line removed, as the sed command above does. */
const withoutMs = (line: string): string => line.replace(/"ms":[0-9.e-]+,/, '');

function viaCli(): string[] {
  if (full) throw new Error('--full needs --via engine');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--json', '--stdin', '--corpus', corpus, ...(args.includes('--cache') ? [] : ['--no-cache'])], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0) throw new Error(`ask exited with ${run.status}: ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean).map(withoutMs);
}

async function viaEngine(): Promise<string[]> {
  const engine = await Engine.load(corpus, args.includes('--cache') ? {} : { cache: false });
  const lines = questions.map((q) => {
    const a = engine.ask(q);
    if (!full) return withoutMs(jsonLine(a));
    const { ms: _ms, ...rest } = a;
    return JSON.stringify(rest);
  });
  if (full) {
    const top = engine.names('', 8);
    const speakers = engine.speakers('', 5);
    const listings: Record<string, unknown> = {
      stats: engine.stats(),
      names: top,
      namesTyped: ['a', 'the', top[0]?.display.slice(0, 4) ?? ''].map((q) => engine.names(q)),
      about: top.map((n) => engine.about(n.display)),
      quotes: engine.quotes(),
      quotesBy: speakers.map((s) => engine.quotes(s)),
      speakers,
      speakersTyped: ['a', 'e'].map((q) => engine.speakers(q)),
      timeline: engine.timeline(),
      conflicts: engine.conflicts(),
      sources: engine.sources(),
    };
    for (const [key, value] of Object.entries(listings)) lines.push(JSON.stringify({ [key]: value }));
  }
  return lines;
}

const lines = via === 'cli' ? viaCli() : await viaEngine();
const text = lines.map((l) => `${l}\n`).join('');
if (out) writeFileSync(out, text);
console.log(`${createHash('sha256').update(text).digest('hex')}  ${lines.length} lines (${full ? 'full answers and listings' : 'JSON contract'}, via ${via}, ${corpus})`);
