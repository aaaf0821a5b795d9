/** The desk's store: SQLite under DATA_DIR, durable bindings, and a clear fallback when the file is unusable. */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/open.js';
import { DATABASE_FILE, SCHEMA_VERSION, SqliteStore } from '../src/store/sqlite.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CHILD = path.resolve(import.meta.dirname, 'support/bindForever.ts');
const at = new Date(Date.UTC(2026, 0, 2)).toISOString();

describe('desk store (SQLite)', function () {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'desk-store-'))));
  afterEach(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps bindings and the add log across a restart, in WAL mode with the schema version recorded', () => {
    const first = openStore(dir);
    expect(first.problem).to.equal(null);
    expect(first.store.kind).to.equal('sqlite');
    first.store.bind({ guildId: 'g1', channelId: 'c1', storyId: 'budget', boundBy: 'u1', boundAt: at });
    first.store.bind({ guildId: 'g1', channelId: 'c1', storyId: 'mine', boundBy: 'u2', boundAt: at });
    first.store.bind({ guildId: 'g1', channelId: 'c2', storyId: 'budget', boundBy: 'u1', boundAt: at });
    first.store.logAdd({ storyId: 'mine', file: 'a.txt', addedBy: 'u2', addedAt: at, report: { title: 'A', facts: 3 } });
    first.store.close();

    const second = openStore(dir);
    expect(second.problem).to.equal(null);
    expect(second.store.bindingOf('g1', 'c1')).to.deep.include({ storyId: 'mine', boundBy: 'u2' });
    expect(second.store.bindingOf('g1', 'c3')).to.equal(null);
    expect(second.store.bindings().map((b) => b.channelId)).to.deep.equal(['c1', 'c2']);
    expect(second.store.adds('mine')).to.deep.equal([{ storyId: 'mine', file: 'a.txt', addedBy: 'u2', addedAt: at, report: { title: 'A', facts: 3 } }]);
    second.store.close();

    const raw = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).to.equal('wal');
    expect(raw.prepare('SELECT version FROM schema_version').get()).to.deep.equal({ version: SCHEMA_VERSION });
    raw.close();
  });

  it('loses no committed binding when the writing process is killed with SIGKILL', async () => {
    const file = path.join(dir, DATABASE_FILE);
    new SqliteStore(file).close();
    const child = spawn(process.execPath, ['--import', TSX, CHILD, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        if (out.split('\n').length > 200) resolve();
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    // only lines ending in a newline were reported after their commit
    const committed = out.split('\n').slice(0, -1);
    expect(committed.length).to.be.greaterThan(199);
    const store = new SqliteStore(file);
    const kept = new Set(store.bindings().map((b) => b.channelId));
    store.close();
    expect(committed.filter((c) => !kept.has(c))).to.deep.equal([]);
  });

  it('a corrupt file gives one clear line and an in-memory store that still works', () => {
    writeFileSync(path.join(dir, DATABASE_FILE), Buffer.alloc(8192, 7));
    const opened = openStore(dir);
    expect(opened.store.kind).to.equal('memory');
    expect(opened.problem).to.match(/^could not open the database .*desk\.sqlite: it is corrupt .*kept in memory for this run only$/);
    expect(opened.problem).not.to.include('\n');
    opened.store.bind({ guildId: 'g', channelId: 'c', storyId: 's', boundBy: 'u', boundAt: at });
    expect(opened.store.bindingOf('g', 'c')?.storyId).to.equal('s');
  });

  it('an unwritable folder or file gives one clear line', function () {
    if (process.getuid?.() === 0) this.skip(); // root writes through file permissions
    const folder = path.join(dir, 'data');
    openStore(folder).store.close();
    chmodSync(path.join(folder, DATABASE_FILE), 0o444);
    chmodSync(folder, 0o555);
    const opened = openStore(folder);
    chmodSync(folder, 0o755);
    expect(opened.store.kind).to.equal('memory');
    expect(opened.problem).to.match(/: it cannot be written \(check the permissions of DATA_DIR and the file\);/);
  });

  it('a DATA_DIR that cannot be created (below a file) gives one clear line', () => {
    writeFileSync(path.join(dir, 'plain-file'), 'x');
    const opened = openStore(path.join(dir, 'plain-file', 'data'));
    expect(opened.store.kind).to.equal('memory');
    expect(opened.problem).to.match(/: it cannot be written \(check the permissions of DATA_DIR and the file\);/);
  });

  it('a database locked by another writer gives one clear line', () => {
    openStore(dir).store.close();
    const other = new Database(path.join(dir, DATABASE_FILE));
    other.exec('BEGIN EXCLUSIVE');
    try {
      const opened = openStore(dir);
      expect(opened.store.kind).to.equal('memory');
      expect(opened.problem).to.match(/: it is locked by another process/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
