/**
 * The feedback export: votes on real answers from the seed story become lines train-ranker reads as
 * labelled questions (the right passage is a candidate the ranker can learn to prefer), and the CLI
 * writes them from a desk database as a user runs it.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rankForQuestion } from '../src/answer/answer.js';
import { answerContext } from '../src/answer/context.js';
import { Engine } from '../src/engine.js';
import { feedbackLines, jsonl } from '../src/feedback/export.js';
import { rateableAnswer } from '../src/feedback/given.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { DeskStore, FeedbackReason } from '../src/store/types.js';
import { wordVectors } from '../src/text/embeddings.js';
import { answers } from '../scripts/lib/eval.js';
import { readExtraQuestions } from '../scripts/lib/extra.js';
import { SEEDS } from './discord/harness.js';
import { runCli } from './support/askCli.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 0, 3, 10, minute)).toISOString();

type Cast = { user: string; vote: 'up' | 'down'; reason?: FeedbackReason; note?: string };

/** Asks the engine, keeps the answer as the bot does, and casts the votes. */
function rate(store: DeskStore, engine: Engine, id: string, question: string, votes: Cast[]): void {
  store.recordAnswer({ ...rateableAnswer(engine.ask(question), path.basename(SEEDS)), id, answeredAt: at(0) });
  votes.forEach((v, i) => store.vote({ answerId: id, userId: v.user, vote: v.vote, reason: v.reason ?? null, note: v.note ?? null, at: at(i + 1) }));
}

const run = (args: string[], env: Record<string, string> = {}) => runCli('feedback', args, '', env);

describe('feedback export for train-ranker', function () {
  this.timeout(60_000);
  let engine: Engine;
  let dir: string;
  let store: SqliteStore;

  before(async () => {
    engine = await Engine.load(SEEDS);
    dir = mkdtempSync(path.join(os.tmpdir(), 'feedback-export-'));
    store = new SqliteStore(path.join(dir, 'desk.sqlite'));
    rate(store, engine, 'right1', 'How many prisoners were released?', [
      { user: 'u1', vote: 'up' },
      { user: 'u2', vote: 'down', reason: 'wrong-part', note: 'the number, not the sentence' },
    ]);
    rate(store, engine, 'wrong1', 'Who mediated the release?', [{ user: 'u1', vote: 'down', reason: 'wrong-answer' }]);
    rate(store, engine, 'tied01', 'When were the prisoners freed?', [
      { user: 'u1', vote: 'up' },
      { user: 'u2', vote: 'down', reason: 'elsewhere' },
    ]);
    rate(store, engine, 'plain1', 'Where did the prisoners go?', [{ user: 'u3', vote: 'down' }]);
    rate(store, engine, 'unrated', 'What did the airline get?', []);
  });

  after(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('labels each rated answer by its votes: 👍 and "right passage, wrong part" right, "wrong answer" wrong, ties and bare 👎 left out', () => {
    const { lines, skipped } = feedbackLines(store.feedback({}));
    expect(lines.map((l) => [l.id, l.label])).to.deep.equal([
      ['fb-right1', 'right-passage'],
      ['fb-wrong1', 'wrong-passage'],
    ]);
    expect(skipped).to.equal(2);
    const right = lines[0]!;
    const given = engine.ask('How many prisoners were released?');
    expect(right).to.deep.include({ corpus: path.basename(SEEDS), q: 'How many prisoners were released?', answers: [given.facts[0]!.text], span: given.facts[0]!.span?.text ?? null });
    expect(right.votes).to.deep.equal({ up: 1, wrongPart: 1, wrongAnswer: 0, elsewhere: 0, unexplained: 0 });
    expect(right.notes).to.deep.equal(['the number, not the sentence']);
    expect(lines[1]!.wrong).to.deep.equal([engine.ask('Who mediated the release?').facts[0]!.text]);
    expect(lines[1]).to.not.have.property('answers');
  });

  it('writes lines train-ranker reads as questions whose right passage is one of the ranker’s candidates, among wrong ones', async () => {
    const file = path.join(dir, 'extra.jsonl');
    writeFileSync(file, jsonl(feedbackLines(store.feedback({})).lines));
    const { usable, unusable } = readExtraQuestions(file);
    expect(unusable).to.equal(1);
    expect(usable.map((q) => [q.id, q.corpus])).to.deep.equal([['fb-right1', path.basename(SEEDS)]]);
    // what train-ranker does with a question: rank the story's sentences and mark the ones that answer
    const k = engine.knowledge;
    const vectors = wordVectors();
    const { pool } = rankForQuestion(k, usable[0]!.q, vectors, answerContext(k, vectors));
    const gold = pool.map((c) => answers(k, c.sentenceId, usable[0]!));
    expect(gold.filter(Boolean).length, 'a right candidate').to.be.greaterThan(0);
    expect(gold.filter((g) => !g).length, 'wrong candidates to prefer it to').to.be.greaterThan(0);
  });

  it('is written by npm run feedback -- --export from DATA_DIR or --data, to --out or stdout; never creates a database', async () => {
    const out = path.join(dir, 'out.jsonl');
    const written = await run(['--export', '--out', out], { DATA_DIR: dir });
    expect(written.code, written.stderr).to.equal(0);
    expect(written.stderr).to.include('2 labelled questions (1 right passage, 1 wrong)').and.to.include('2 rated answers left out');
    expect(readFileSync(out, 'utf8')).to.equal(jsonl(feedbackLines(store.feedback({})).lines));
    const printed = await run(['--export', '--data', dir]);
    expect(printed.code).to.equal(0);
    expect(printed.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).to.deep.equal(['fb-right1', 'fb-wrong1']);

    const empty = mkdtempSync(path.join(os.tmpdir(), 'feedback-none-'));
    const missing = await run(['--export', '--data', empty]);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('There is no desk database').and.to.include('Nothing was written');
    expect(readFileSync.bind(null, path.join(empty, 'desk.sqlite'))).to.throw();
    rmSync(empty, { recursive: true, force: true });

    const usage = await run([]);
    expect(usage.code).to.equal(2);
    expect(usage.stderr).to.include('usage: npm run feedback -- --export');
  });
});
