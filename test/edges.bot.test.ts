/** Rough edges of the Discord connection: what the log shows at debug level and when the bot stops. */
import { expect } from 'chai';
import { Engine } from '../src/engine.js';
import { startStandIn, startTestBot } from './discord/harness.js';

describe('Discord connection: rough edges', function () {
  this.timeout(60_000);
  let engine: Engine;
  before(async () => {
    engine = await Engine.load(new URL('../seeds', import.meta.url).pathname);
  });

  it('at debug level, no part of the token is logged (discord.js prints its first two parts)', async () => {
    const { standIn, token } = await startStandIn();
    try {
      const { bot, logs } = await startTestBot(standIn, token, engine);
      await bot.stop();
      const raw = logs.raw();
      expect(logs.lines.some((l) => l.level === 'debug'), 'debug lines were logged').to.equal(true);
      const [id, timestamp, hmac] = token.split('.') as [string, string, string];
      expect(raw).not.to.include(`${id}.${timestamp}`);
      expect(raw).not.to.include(timestamp);
      expect(raw).not.to.include(hmac);
    } finally {
      await standIn.close();
    }
  });

  it('a clean stop logs no "gateway reconnecting" warning', async () => {
    const { standIn, token } = await startStandIn();
    try {
      const { bot, logs } = await startTestBot(standIn, token, engine);
      await bot.stop();
      // the shard's close event arrives after destroy() resolves
      await new Promise((resolve) => setTimeout(resolve, 300));
      const warnings = logs.lines.filter((l) => l.level === 'warn' || l.level === 'error').map((l) => l.message);
      expect(warnings).to.deep.equal([]);
      expect(standIn.connections[0]?.closeCode, 'closed with a normal close frame').to.equal(1000);
    } finally {
      await standIn.close();
    }
  });
});
