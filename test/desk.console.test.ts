/**
 * The desk at the local console and in the CLI, as a newcomer runs them: `npm start` without a token on
 * STORIES_DIR (/story list, /story use, /add <file>, bindings kept in DATA_DIR), and `npm run ask -- --story`.
 */
import { expect } from 'chai';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScript } from './discord/harness.js';
import { ask } from './support/askCli.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/stories');
const MINE = '2023-mine-rescue';
const TREASURER = '2021-treasurer-pleads-guilty';

describe('the desk at the console and in the CLI', function () {
  this.timeout(120_000);
  let root: string;
  let env: Record<string, string>;

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'desk-console-'));
    for (const id of [TREASURER, MINE]) cpSync(path.join(FIXTURES, id), path.join(root, 'stories', id), { recursive: true, filter: (src) => !src.includes('.coverage-cache') });
    writeFileSync(
      path.join(root, 'owner-pays.txt'),
      '---\ntitle: "Mine owner to pay rescued miners"\noutlet: Ridge Examiner\npublished: 2023-03-15\n---\n\nThe owner of the Dunmore pit said on Wednesday that it would pay the wages of every rescued miner for six months.\n\nThe payments begin next week, the company said.\n\nUnion leaders welcomed the decision.\n',
    );
    env = { STORIES_DIR: path.join(root, 'stories'), DATA_DIR: path.join(root, 'data'), LOG_LEVEL: 'warn' };
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lists the stories, asks for a binding, binds, adds a file and answers from it', async () => {
    const input = [
      '/story list',
      'How many miners were rescued?',
      `/story use story:${MINE}`,
      `/add ${path.join(root, 'owner-pays.txt')}`,
      'For how long will the owner pay the rescued miners?',
      `/add ${path.join(root, 'missing.txt')}`,
    ].join('\n');
    const run = await runScript('main.ts', env, `${input}\n`);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stderr).to.include('Serving 2 stories');
    const out = run.stdout;
    expect(out).to.include(TREASURER).and.to.include(MINE).and.to.include('3 articles');
    expect(out).to.include('not bound to a story yet');
    expect(out).to.include('now answer from');
    expect(out).to.include('Added').and.to.include('Ridge Examiner');
    expect(out).to.include('six months');
    expect(out).to.include('There is no file').and.to.include('Nothing was added');
    expect(readdirSync(path.join(root, 'stories', MINE))).to.include('owner-pays.txt');
  });

  it('keeps the console\'s binding for the next start', async () => {
    const run = await runScript('main.ts', env, '/story show\n');
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include(MINE).and.to.include('bound to this channel');
  });

  it('npm run ask -- --story answers from that story, and names the stories for an unknown one', async () => {
    const answered = await ask(['--story', TREASURER, '--json', 'How much money did Marsh admit stealing?'], '', { STORIES_DIR: env.STORIES_DIR! });
    expect(answered.code, answered.stderr).to.equal(0);
    const line = JSON.parse(answered.stdout) as { facts: { sources: { outlet: string | null }[] }[] };
    const outlets = line.facts.flatMap((f) => f.sources.map((s) => s.outlet));
    expect(outlets.length).to.be.greaterThan(0);
    for (const outlet of outlets) expect(['Capitol Wire', 'The Evening Post', 'Lakeside Tribune']).to.include(outlet);
    const unknown = await ask(['--story', 'nope', 'x'], '', { STORIES_DIR: env.STORIES_DIR! });
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.include(MINE);
  });
});
