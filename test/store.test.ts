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
import { MemoryStore } from '../src/store/memory.js';
import { FORGOTTEN_USER } from '../src/store/types.js';

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

describe('question log (store)', function () {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'desk-questions-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const asked = (question: string, outcome: 'answered' | 'not-sure' | 'doesnt-say', userId: string, day: number, storyId = 'mine') => ({
    storyId,
    question,
    outcome,
    guildId: '900000000000000001',
    channelId: '900000000000000002',
    userId,
    askedAt: new Date(Date.UTC(2026, 0, day)).toISOString(),
  });

  for (const kind of ['sqlite', 'memory'] as const) {
    it(`${kind}: keeps questions by story and outcome, newest first, prunes before a cutoff and forgets a user`, () => {
      const store = kind === 'sqlite' ? new SqliteStore(path.join(dir, DATABASE_FILE)) : new MemoryStore();
      store.bind({ guildId: 'g', channelId: 'c', storyId: 'mine', boundBy: '310000000000000001', boundAt: at });
      store.logAdd({ storyId: 'mine', file: 'a.txt', addedBy: '310000000000000001', addedAt: at, report: {} });
      store.logQuestion(asked('How many were rescued?', 'answered', '310000000000000001', 1));
      store.logQuestion(asked('Who led the rescue?', 'not-sure', '310000000000000001', 2));
      store.logQuestion(asked('When did the tunnel collapse?', 'doesnt-say', '310000000000000002', 3));
      store.logQuestion(asked('Who owns the mine?', 'doesnt-say', '310000000000000002', 4, 'budget'));
      expect(store.questions('mine', ['not-sure', 'doesnt-say'], 10).map((q) => q.question)).to.deep.equal(['When did the tunnel collapse?', 'Who led the rescue?']);
      expect(store.questions('mine', ['doesnt-say'], 10)[0]).to.deep.equal(asked('When did the tunnel collapse?', 'doesnt-say', '310000000000000002', 3));
      expect(store.questions('mine', ['answered', 'not-sure', 'doesnt-say'], 1)).to.have.length(1);

      expect(store.pruneQuestions(new Date(Date.UTC(2026, 0, 2)).toISOString())).to.equal(1);
      expect(store.questions('mine', ['answered'], 10)).to.deep.equal([]);

      store.recordAnswer({ id: 'a1', storyId: 'mine', question: 'Who led the rescue?', tier: 'not-sure', span: null, passage: null, sources: [], answeredAt: at });
      store.vote({ answerId: 'a1', userId: '310000000000000001', vote: 'down', reason: null, note: null, at });
      store.vote({ answerId: 'a1', userId: '310000000000000002', vote: 'up', reason: null, note: null, at });
      const forgot = store.forgetUser('310000000000000001');
      expect(forgot).to.deep.include({ table: 'question_log', rows: 1, how: 'deleted' });
      expect(forgot).to.deep.include({ table: 'feedback', rows: 1, how: 'deleted' });
      expect(store.feedback({}).map((v) => v.userId)).to.deep.equal(['310000000000000002']);
      expect(forgot).to.deep.include({ table: 'bindings', rows: 1, how: 'anonymised' });
      expect(forgot).to.deep.include({ table: 'added_articles', rows: 1, how: 'anonymised' });
      expect(store.questions('mine', ['not-sure', 'doesnt-say'], 10).map((q) => q.userId)).to.deep.equal(['310000000000000002']);
      // the channel still answers from its story; only who bound it is gone
      expect(store.bindingOf('g', 'c')).to.deep.include({ storyId: 'mine', boundBy: FORGOTTEN_USER });
      expect(store.adds('mine')[0]?.addedBy).to.equal(FORGOTTEN_USER);
      expect(store.forgetUser('310000000000000001').every((c) => c.rows === 0)).to.equal(true);
      store.close();
    });
  }

  it('migrates a database written before the question log, keeping its bindings', () => {
    const file = path.join(dir, DATABASE_FILE);
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);
      CREATE TABLE bindings (guild_id TEXT NOT NULL, channel_id TEXT NOT NULL, story_id TEXT NOT NULL, bound_by TEXT NOT NULL, bound_at TEXT NOT NULL, PRIMARY KEY (guild_id, channel_id));
      CREATE TABLE added_articles (id INTEGER PRIMARY KEY AUTOINCREMENT, story_id TEXT NOT NULL, file TEXT NOT NULL, added_by TEXT NOT NULL, added_at TEXT NOT NULL, report TEXT NOT NULL);
      INSERT INTO bindings VALUES ('g', 'c', 'mine', 'u', '${at}');`);
    old.close();
    const store = new SqliteStore(file);
    expect(store.bindingOf('g', 'c')?.storyId).to.equal('mine');
    store.logQuestion(asked('Who led the rescue?', 'not-sure', 'u', 2));
    expect(store.questions('mine', ['not-sure'], 5)).to.have.length(1);
    store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT version FROM schema_version').get()).to.deep.equal({ version: SCHEMA_VERSION });
    raw.close();
  });
});
