/**
 * `npm run eval`: the checks that need the shared data folder, which is not part of the repository —
 * the tests on the ten shared news stories and the whole SQuAD corpus (eval/*.test.ts), then the shared
 * scorers with the ratchet in .ci/ (quality never lands lower than main last reached).
 *
 *   npm run eval [-- --shared DIR] [--tests-only | --scores-only]
 *
 * The folder is --shared DIR, else SHARED_DIR, else ../shared beside the repository. When it lacks what
 * a check needs, says what is missing and exits 2 before running anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const at = args.indexOf('--shared');
const given = at >= 0 ? args[at + 1] : process.env.SHARED_DIR;
if (at >= 0 && (!given || given.startsWith('--'))) fail('--shared needs a folder: npm run eval -- --shared DIR');
const sharedDir = path.resolve(repoRoot, given ?? '../shared');
const testsOnly = args.includes('--tests-only');
const scoresOnly = args.includes('--scores-only');

/** What the eval suite and the scorers read, relative to the shared folder. */
const NEEDED = [
  'seeds',
  'corpora',
  'eval/questions.jsonl',
  'eval/score.mjs',
  'eval/score-answers.mjs',
  'eval/squad/corpus',
  'eval/squad/questions.jsonl',
];

function fail(message: string): never {
  console.error(`npm run eval: ${message}`);
  process.exit(2);
}

const missing = NEEDED.filter((p) => !existsSync(path.join(sharedDir, p)));
if (missing.length === NEEDED.length) {
  fail(
    `no shared data folder at ${sharedDir}.\n` +
      'The eval checks need the shared stories, question sets and scorers; pass the folder with\n' +
      '  npm run eval -- --shared DIR   (or set SHARED_DIR). `npm test` needs none of it.',
  );
}
if (missing.length) fail(`the shared folder ${sharedDir} lacks: ${missing.join(', ')}`);

/** Runs a command from the repository's root with the shared folder in SHARED_DIR; exits on failure. */
function run(label: string, command: string, commandArgs: string[]): void {
  console.log(`\n== ${label}`);
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, SHARED_DIR: sharedDir } });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.error) fail(`${label}: ${result.error.message}`);
  if (result.status !== 0) {
    console.error(`npm run eval: ${label} failed (exit ${result.status ?? result.signal}, ${seconds} s)`);
    process.exit(1);
  }
  console.log(`== ${label}: passed in ${seconds} s`);
}

/** A floor from .ci/ (what main last reached), or 0 when none is recorded. */
function floor(name: string): string {
  const file = path.join(repoRoot, '.ci', name);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || '0' : '0';
}

console.log(`shared data: ${sharedDir}`);
if (!scoresOnly) run('eval tests (eval/*.test.ts)', process.execPath, [path.join(repoRoot, 'node_modules/mocha/bin/mocha.js'), 'eval/**/*.test.ts']);
if (!testsOnly) {
  run('seed questions (score.mjs)', process.execPath, [path.join(sharedDir, 'eval/score.mjs'), '--min', floor('min-seed')]);
  run('SQuAD half (score-answers.mjs)', process.execPath, [path.join(sharedDir, 'eval/score-answers.mjs'), '--min', floor('min-squad'), '--min-f1', floor('min-squad-f1')]);
  // SQuAD v1.1 alone rewards never abstaining: with its unanswerable questions mixed in, how often a given answer is right
  run('SQuAD half with unanswerable questions (score-answers.mjs --unanswerable)', process.execPath, [
    path.join(sharedDir, 'eval/score-answers.mjs'), '--unanswerable', '--min', floor('min-unanswerable'), '--min-precision', floor('min-unanswerable-precision'),
  ]);
}
