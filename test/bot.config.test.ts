import { expect } from 'chai';
import path from 'node:path';
import { ConfigError, readConfig, requireDeploy } from '../src/bot/config.js';
import { PageStore, pageButtons, parsePageButton } from '../src/bot/pager.js';
import { RateLimiter } from '../src/bot/rateLimit.js';
import { memoryLogger } from './discord/harness.js';
import { fakeToken } from './discord/fixtures.js';

const TOKEN = fakeToken('1410000000000000001');

function problemsOf(env: Record<string, string>): string[] {
  try {
    readConfig(env, '/srv/bot');
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  return [];
}

describe('bot configuration', () => {
  it('reads the desk settings: STORIES_DIR and DATA_DIR anchored at the working directory, EDITOR_ROLE_ID checked', () => {
    const config = readConfig({ STORIES_DIR: 'stories', EDITOR_ROLE_ID: '1420000000000000009' }, '/srv/bot');
    expect(config.storiesDir).to.equal(path.resolve('/srv/bot', 'stories'));
    expect(config.dataDir).to.equal(path.resolve('/srv/bot', '.data'));
    expect(config.editorRoleId).to.equal('1420000000000000009');
    expect(readConfig({}, '/srv/bot').storiesDir).to.equal(null);
    expect(problemsOf({ EDITOR_ROLE_ID: 'editors' })).to.have.length(1).and.to.match(/^EDITOR_ROLE_ID must be a numeric role id/);
  });

  it('reads a complete environment into typed values', () => {
    const config = readConfig(
      {
        DISCORD_TOKEN: ` ${TOKEN} `,
        DISCORD_CLIENT_ID: '1410000000000000001',
        DISCORD_GUILD_ID: '1410000000000000002',
        CORPUS_DIR: 'coverage/story',
        LOG_LEVEL: 'DEBUG',
        DISCORD_API_BASE: 'http://127.0.0.1:8080/api/',
        NODE_ENV: 'production',
        WATCH_POLL: '5000',
        QUESTION_LOG: 'off',
        QUESTION_LOG_DAYS: '7',
      },
      '/srv/bot',
    );
    expect(config).to.deep.equal({
      token: TOKEN,
      clientId: '1410000000000000001',
      guildId: '1410000000000000002',
      corpusDir: path.resolve('/srv/bot', 'coverage/story'),
      storiesDir: null,
      editorRoleId: null,
      dataDir: path.resolve('/srv/bot', '.data'),
      watchPoll: 5000,
      maxArticleBytes: 5 * 1024 * 1024,
      questionLog: { enabled: false, days: 7 },
      logLevel: 'debug',
      apiBase: 'http://127.0.0.1:8080/api',
      production: true,
    });
  });

  it('reads WATCH_POLL as false, true or an interval, and refuses anything else with what to set', () => {
    expect(readConfig({}, '/srv/bot').watchPoll).to.equal(false);
    expect(readConfig({ WATCH_POLL: 'true' }, '/srv/bot').watchPoll).to.equal(true);
    expect(readConfig({ WATCH_POLL: 'off' }, '/srv/bot').watchPoll).to.equal(false);
    expect(() => readConfig({ WATCH_POLL: 'sometimes' }, '/srv/bot')).to.throw(/WATCH_POLL must be true/);
    expect(() => readConfig({ WATCH_POLL: '5' }, '/srv/bot')).to.throw(/from 100 to 600000/);
  });

  it('reads QUESTION_LOG as on (the default) or off and QUESTION_LOG_DAYS as 1 to 365 (default 30), refusing anything else', () => {
    expect(readConfig({}, '/srv/bot').questionLog).to.deep.equal({ enabled: true, days: 30 });
    expect(readConfig({ QUESTION_LOG: 'ON', QUESTION_LOG_DAYS: ' 365 ' }, '/srv/bot').questionLog).to.deep.equal({ enabled: true, days: 365 });
    expect(readConfig({ QUESTION_LOG: 'off', QUESTION_LOG_DAYS: '1' }, '/srv/bot').questionLog).to.deep.equal({ enabled: false, days: 1 });
    expect(() => readConfig({ QUESTION_LOG: 'sometimes' }, '/srv/bot')).to.throw(/QUESTION_LOG must be on .* or off/);
    for (const days of ['0', '366', '-3', '2.5', 'a week']) {
      expect(() => readConfig({ QUESTION_LOG_DAYS: days }, '/srv/bot'), days).to.throw(/QUESTION_LOG_DAYS must be a whole number of days from 1 to 365 \(default 30\)/);
    }
  });

  it('runs without a token (console mode) and defaults the corpus to the bundled seeds', () => {
    const config = readConfig({ DISCORD_TOKEN: '', LOG_LEVEL: '' }, '/srv/bot');
    expect(config.token).to.equal(null);
    expect(config.corpusDir).to.equal(path.resolve('/srv/bot', 'seeds'));
    expect(config.logLevel).to.equal('info');
    expect(config.apiBase).to.equal(null);
    expect(config.production).to.equal(false);
  });

  it('lists every malformed value at once, each saying what to set and where to get it', () => {
    const problems = problemsOf({
      DISCORD_TOKEN: 'not-a-token',
      DISCORD_CLIENT_ID: 'my-bot',
      DISCORD_GUILD_ID: '12',
      LOG_LEVEL: 'verbose',
      DISCORD_API_BASE: 'ftp://proxy/api',
    });
    expect(problems).to.have.length(5);
    expect(problems[0]).to.match(/DISCORD_TOKEN/).and.match(/Bot → Reset Token/);
    expect(problems[1]).to.match(/DISCORD_CLIENT_ID/).and.match(/General Information/);
    expect(problems[2]).to.match(/DISCORD_GUILD_ID/).and.match(/Copy Server ID/);
    expect(problems[3]).to.match(/LOG_LEVEL must be one of error, warn, info, debug/);
    expect(problems[4]).to.match(/DISCORD_API_BASE must start with http/);
  });

  it('catches the usual token mistakes without echoing the token', () => {
    const prefixed = problemsOf({ DISCORD_TOKEN: `Bot ${TOKEN}` });
    expect(prefixed[0]).to.match(/without the prefix/);
    const quoted = problemsOf({ DISCORD_TOKEN: `"${TOKEN}"` });
    expect(quoted[0]).to.match(/quotes/);
    for (const message of [...prefixed, ...quoted]) expect(message).not.to.include(TOKEN);
  });

  it('refuses an API base that already carries a version, and one that is not a URL', () => {
    expect(problemsOf({ DISCORD_API_BASE: 'https://proxy.example/api/v10' })[0]).to.match(/leave it off/);
    expect(problemsOf({ DISCORD_API_BASE: 'proxy' })[0]).to.match(/not a URL/);
  });

  it('requires a token and an application id to register commands', () => {
    const base = readConfig({}, '/srv/bot');
    expect(() => requireDeploy(base)).to.throw(ConfigError).with.property('problems').that.has.length(2);
    const ok = requireDeploy(readConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '1410000000000000001' }, '/'));
    expect(ok.clientId).to.equal('1410000000000000001');
  });
});

describe('logger', () => {
  it('never writes the token, even inside an error stack or a library message', () => {
    const logs = memoryLogger([TOKEN]);
    logs.logger.error('login failed', { detail: `Authorization: Bot ${TOKEN}`, stack: new Error(`bad ${TOKEN}`).stack });
    const other = fakeToken('1410000000000000009');
    logs.logger.warn('pasted into the wrong variable', { value: other });
    expect(logs.raw()).not.to.include(TOKEN);
    expect(logs.raw()).not.to.include(other);
    expect(logs.lines[0]?.detail).to.equal('Authorization: Bot [redacted]');
  });
});

describe('rate limiter', () => {
  it('allows a few commands per window per user, then says when to retry', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ max: 3, windowMs: 10_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('a').ok)).to.deep.equal([true, true, true]);
    const refused = limiter.take('a');
    expect(refused).to.deep.equal({ ok: false, retryAfterMs: 10_000 });
    expect(limiter.take('b').ok, 'another user is not affected').to.equal(true);
    now += 4_000;
    expect(limiter.take('a')).to.deep.equal({ ok: false, retryAfterMs: 6_000 });
    now += 6_001;
    expect(limiter.take('a').ok).to.equal(true);
  });

  it('forgets idle users', () => {
    let now = 0;
    const limiter = new RateLimiter({ max: 1, windowMs: 1_000, now: () => now });
    for (let i = 0; i < 50; i++) limiter.take(`user${i}`);
    now = 5_000;
    limiter.take('late');
    expect(limiter.size).to.equal(1);
  });
});

describe('page store and buttons', () => {
  it('keeps pages for their owner until they expire, bounded in number', () => {
    let now = 0;
    const store = new PageStore({ ttlMs: 1_000, max: 2, now: () => now });
    const page = { embeds: [{ description: 'x' }] };
    const first = store.put([page, page], 'u1');
    expect(store.get(first)?.ownerId).to.equal('u1');
    store.put([page], 'u2');
    store.put([page], 'u3');
    expect(store.get(first), 'oldest dropped when full').to.equal(null);
    expect(store.size).to.equal(2);
    const late = store.put([page], 'u4');
    now = 1_000;
    expect(store.get(late), 'expired').to.equal(null);
  });

  it('encodes the page in the button and reads it back', () => {
    const row = pageButtons('k3y_-', 1, 3);
    expect(row.components.map((b) => b.disabled)).to.deep.equal([false, true, false]);
    expect(row.components.map((b) => parsePageButton(b.custom_id))).to.deep.equal([
      { key: 'k3y_-', index: 0 },
      { key: 'k3y_-', index: 1 },
      { key: 'k3y_-', index: 2 },
    ]);
    expect(pageButtons('k', 0, 2).components[0]?.disabled).to.equal(true);
    expect(parsePageButton('something-else')).to.equal(null);
  });
});
