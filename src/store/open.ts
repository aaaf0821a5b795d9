/**
 * Opens the desk's store under DATA_DIR. A database that cannot be used (locked by another process,
 * corrupt, unwritable) must not stop the bot answering: the caller gets an in-memory store and one line
 * saying why and what to do, to log at start.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MemoryStore } from './memory.js';
import { DATABASE_FILE, SqliteStore } from './sqlite.js';
import type { DeskStore } from './types.js';

export interface OpenedStore {
  store: DeskStore;
  /** Absolute path of the database file. */
  file: string;
  /** Why the database is not used, as one line; null when it is. */
  problem: string | null;
}

/** Why the database cannot be used, as the end of a sentence, for a SQLite or file-system error. */
export function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'it is locked by another process (is a second bot running on the same DATA_DIR?)';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /integrity check|not a database|malformed/i.test(message)) {
    return 'it is corrupt (move it aside to start afresh; bindings in it are lost)';
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EROFS' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EEXIST') {
    return 'it cannot be written (check the permissions of DATA_DIR and the file)';
  }
  return message.split('\n')[0] ?? 'unknown error';
}

/** Opens `DATA_DIR/desk.sqlite`, or falls back to memory with the reason. Never throws. */
export function openStore(dataDir: string): OpenedStore {
  const file = path.join(dataDir, DATABASE_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
    return { store: new SqliteStore(file), file, problem: null };
  } catch (error) {
    return {
      store: new MemoryStore(),
      file,
      problem: `could not open the database ${file}: ${reason(error)}; channel bindings, the log of added articles and the question log are kept in memory for this run only`,
    };
  }
}
