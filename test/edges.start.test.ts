/** Rough edges of `npm start` a newcomer meets: a bad CORPUS_DIR or a refused token get one line, no stack. */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakeToken } from './discord/fixtures.js';
import { APPLICATION_ID, finished, runScript, spawnScript, startStandIn } from './discord/harness.js';

/** A stack frame as V8 prints it. */
const STACK_FRAME = /^\s+at\s/m;

/** The lines of stderr that are not blank. */
const linesOf = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

describe('npm start: rough edges', function () {
  this.timeout(60_000);
  it('a CORPUS_DIR that does not exist: one line naming the variable, exit 1, no stack', async () => {
    const missing = path.join(mkdtempSync(path.join(os.tmpdir(), 'edges-')), 'no-such-folder');
    const run = await runScript('main.ts', { CORPUS_DIR: missing }, '');
    expect(run.code).to.equal(1);
    expect(run.stderr).not.to.match(STACK_FRAME);
    expect(run.stderr).not.to.include('--corpus');
    expect(linesOf(run.stderr), run.stderr).to.have.length(1);
    expect(run.stderr).to.include('CORPUS_DIR').and.include(missing).and.include('does not exist');
  });

  it('a CORPUS_DIR with no article in it: one line naming the variable, exit 1, no stack', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'edges-'));
    writeFileSync(path.join(empty, 'notes.csv'), 'not,an,article\n');
    const run = await runScript('main.ts', { CORPUS_DIR: empty }, '');
    expect(run.code).to.equal(1);
    expect(run.stderr).not.to.match(STACK_FRAME);
    expect(run.stderr).not.to.include('--corpus');
    expect(linesOf(run.stderr), run.stderr).to.have.length(1);
    expect(run.stderr).to.include('CORPUS_DIR').and.include(empty).and.include('no .txt or .md article');
  });

  it('a well-formed token Discord refuses: the message, exit 1, no stack', async () => {
    const { standIn } = await startStandIn();
    try {
      const wrong = fakeToken(APPLICATION_ID);
      const run = await runScript('main.ts', { DISCORD_TOKEN: wrong, DISCORD_API_BASE: standIn.apiBase, CORPUS_DIR: path.resolve(import.meta.dirname, '../seeds') });
      expect(run.code).to.equal(1);
      expect(run.stderr).to.include('could not connect to Discord').and.include('DISCORD_TOKEN');
      expect(run.stderr, run.stderr).not.to.match(STACK_FRAME);
      expect(run.stderr).not.to.include(wrong);
    } finally {
      await standIn.close();
    }
  });

  it('SIGTERM after ready: shuts down with no "gateway reconnecting" warning, at debug level no part of the token', async () => {
    const { standIn, token } = await startStandIn();
    try {
      const child = spawnScript('main.ts', {
        DISCORD_TOKEN: token,
        DISCORD_API_BASE: standIn.apiBase,
        CORPUS_DIR: path.resolve(import.meta.dirname, '../seeds'),
        NODE_ENV: 'production',
        LOG_LEVEL: 'debug',
      });
      const done = finished(child);
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        child.stderr?.on('data', (d: Buffer) => {
          seen += d.toString('utf8');
          if (seen.includes('"message":"ready"')) resolve();
        });
        child.once('exit', () => reject(new Error(`exited before ready:\n${seen}`)));
      });
      child.kill('SIGTERM');
      const run = await done;
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stderr).to.include('"message":"disconnected"');
      expect(run.stderr).not.to.include('gateway reconnecting');
      expect(run.stderr).not.to.include('"level":"warn"');
      const [id, timestamp] = token.split('.') as [string, string];
      expect(run.stderr).to.include('"level":"debug"');
      expect(run.stderr).not.to.include(`${id}.${timestamp}`);
    } finally {
      await standIn.close();
    }
  });
});
