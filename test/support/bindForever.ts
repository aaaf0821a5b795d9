/**
 * Child process for the kill -9 test: binds channel after channel in the store at argv[2], printing each
 * channel id once its binding has committed, until it is killed.
 */
import { SqliteStore } from '../../src/store/sqlite.js';

const store = new SqliteStore(process.argv[2] ?? '');
for (let i = 0; ; i++) {
  store.bind({ guildId: 'g', channelId: `c${i}`, storyId: `story-${i % 3}`, boundBy: 'u', boundAt: new Date(0).toISOString() });
  process.stdout.write(`c${i}\n`);
}
