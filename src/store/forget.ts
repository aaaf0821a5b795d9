/**
 * `npm run forget -- <user id>`'s work: removes one user's rows from the desk's database (every table the
 * store lists as keyed by a user id) in one transaction. The database is in WAL mode, so this runs while
 * the bot is answering; a bot holding the write lock longer than the busy timeout gets a clear "locked".
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { reason } from './open.js';
import { DATABASE_FILE, SqliteStore } from './sqlite.js';
import type { ForgetCount } from './types.js';

/** A Discord user id (a snowflake), or "console" for what was asked at the local console. */
const USER_ID = /^(?:\d{17,20}|console)$/;

export type ForgetResult =
  | { ok: true; file: string; counts: ForgetCount[] }
  | { ok: false; problem: string };

/** Forgets `userId` in `dataDir/desk.sqlite`; never throws, and creates no database where there is none. */
export function forgetUser(dataDir: string, userId: string): ForgetResult {
  const id = userId.trim();
  if (!USER_ID.test(id)) {
    return {
      ok: false,
      problem: `"${id.slice(0, 40)}" is not a Discord user id: give the 17 to 20 digits of the user's id (in Discord, turn on Settings → Advanced → Developer Mode, then right-click the user → Copy User ID), or console for the local console.`,
    };
  }
  const file = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return { ok: false, problem: `There is no database at ${file}, so nothing is stored to forget: check DATA_DIR (the bot keeps its database there).` };
  let store: SqliteStore | null = null;
  try {
    store = new SqliteStore(file);
    return { ok: true, file, counts: store.forgetUser(id) };
  } catch (error) {
    return { ok: false, problem: `Could not forget ${id} in ${file}: ${reason(error)}. Nothing was removed; try again.` };
  } finally {
    store?.close();
  }
}

/** The report printed: one line per table. */
export function forgetReport(userId: string, result: Extract<ForgetResult, { ok: true }>): string {
  const lines = result.counts.map((c) => `  ${c.table}: ${c.rows} row${c.rows === 1 ? '' : 's'} ${c.how === 'deleted' ? 'deleted' : 'kept with the user id cleared'}`);
  const total = result.counts.reduce((n, c) => n + c.rows, 0);
  return [`Forgot user ${userId.trim()} in ${result.file}: ${total} row${total === 1 ? '' : 's'} changed.`, ...lines].join('\n');
}
