/** `npm start` as a process: the local console without a token, the bot with one, and bad settings. */
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { Engine } from '../../src/engine.js';
import { pagesToText, renderAnswer, renderHelp, renderTimeline } from '../../src/render/embed.js';
import { catalogueOf } from '../../src/bot/command.js';
import { commands } from '../../commands/index.js';
import { fakeToken } from './fixtures.js';
import { APPLICATION_ID, finished, runScript, SEEDS, spawnScript, startStandIn, type LogLine } from './harness.js';

const QUESTION = 'How many prisoners were released?';

/** Resolves with the first JSON log line on the child's stderr that `match` accepts. */
function logLine(child: ChildProcess, match: (line: LogLine) => boolean): Promise<LogLine> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const text of lines) {
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          continue;
        }
        if (match(line)) {
          child.stderr?.off('data', onData);
          resolve(line);
          return;
        }
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before the expected log line`)));
  });
}

describe('npm start', function () {
  let engine: Engine;
  before(async () => {
    engine = await Engine.load(SEEDS);
  });

  describe('without a token: the local console', () => {
    it('says how to connect, answers piped commands with the same content as Discord, and exits at end of input', async () => {
      const run = await runScript('main.ts', { CORPUS_DIR: SEEDS }, `/ask ${QUESTION}\n/timeline\n/help\n`);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stderr).to.include('DISCORD_TOKEN is not set').and.include('npm run deploy-commands').and.include('.env');
      expect(run.stdout).to.include(pagesToText(renderAnswer(engine.ask(QUESTION))));
      expect(run.stdout).to.include(pagesToText(renderTimeline(engine.timeline())));
      expect(run.stdout).to.include(pagesToText(renderHelp(catalogueOf(commands))));
    });

    it('takes a line without a slash as a question and explains an unknown command', async () => {
      const run = await runScript('main.ts', { CORPUS_DIR: SEEDS }, `${QUESTION}\n/weather\n/ask\n`);
      expect(run.code).to.equal(0);
      expect(run.stdout).to.include(pagesToText(renderAnswer(engine.ask(QUESTION))));
      expect(run.stdout).to.include('There is no /weather command.');
      expect(run.stdout).to.include('Usage: /ask question:<text> [private:<true|false>]');
    });
  });

  describe('with a token', () => {
    it('logs in through DISCORD_API_BASE, logs ready, answers, and shuts down cleanly on SIGTERM', async () => {
      const { standIn, token } = await startStandIn();
      try {
        const child = spawnScript('main.ts', {
          DISCORD_TOKEN: token,
          DISCORD_API_BASE: standIn.apiBase,
          CORPUS_DIR: SEEDS,
          NODE_ENV: 'production',
        });
        const done = finished(child);
        const ready = await logLine(child, (l) => l.message === 'ready');
        expect(ready).to.include({ servers: 1, articles: 5, level: 'info' });

        const record = await standIn.answered(standIn.command('ask', { question: QUESTION }));
        expect(record.callbacks).to.deep.equal([5]);
        const line = await logLine(child, (l) => l.message === 'interaction');
        expect(line).to.include({ command: '/ask', outcome: 'deferred-ok', server: standIn.guilds[0]!.id });

        child.kill('SIGTERM');
        const run = await done;
        expect(run.code, run.stderr).to.equal(0);
        expect(run.stderr).to.include('"message":"shutting down"').and.include('"signal":"SIGTERM"');
        expect(standIn.connections[0]?.closeCode, 'closed with a normal close frame').to.equal(1000);
        expect(run.stderr).not.to.include(token);
      } finally {
        await standIn.close();
      }
    });

    it('exits with a message when Discord refuses the token', async () => {
      const { standIn } = await startStandIn();
      try {
        const wrong = fakeToken(APPLICATION_ID);
        const run = await runScript('main.ts', { DISCORD_TOKEN: wrong, DISCORD_API_BASE: standIn.apiBase, CORPUS_DIR: SEEDS });
        expect(run.code).to.equal(1);
        expect(run.stderr).to.include('could not connect to Discord');
        expect(run.stderr).not.to.include(wrong);
        expect(standIn.requests.find((r) => r.route === '/gateway/bot')?.status).to.equal(401);
      } finally {
        await standIn.close();
      }
    });
  });

  describe('bad settings', () => {
    it('says what to set and where, and exits', async () => {
      const run = await runScript('main.ts', { DISCORD_TOKEN: 'paste-token-here', LOG_LEVEL: 'loud', CORPUS_DIR: SEEDS });
      expect(run.code).to.equal(1);
      expect(run.stderr).to.include('DISCORD_TOKEN does not look like a bot token').and.include('Reset Token');
      expect(run.stderr).to.include('LOG_LEVEL must be one of');
      expect(run.stderr).not.to.include('paste-token-here');
    });

    it('says which folder it could not load', async () => {
      const run = await runScript('main.ts', { CORPUS_DIR: '/nonexistent/coverage' }, '');
      expect(run.code).to.equal(1);
      expect(run.stderr).to.include('could not load the coverage').and.include('/nonexistent/coverage');
    });
  });
});
