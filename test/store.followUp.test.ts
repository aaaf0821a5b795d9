/** Follow-up threads in both stores: one thread per answer, the last turns oldest first, pruning idle threads, a restart, the upgrade. */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MemoryStore } from '../src/store/memory.js';
import { openStore } from '../src/store/open.js';
import { DATABASE_FILE, SCHEMA_VERSION } from '../src/store/sqlite.js';
import { THREAD_TURNS_KEPT, type DeskStore, type GivenAnswer, type ThreadTurn } from '../src/store/types.js';

const day = (d: number, minute = 0): string => new Date(Date.UTC(2026, 0, d, 9, minute)).toISOString();

const turn = (question: string, askedAt: string, kind = 'how-many'): ThreadTurn => ({ question, kind, answer: kind === 'how-many' ? '52' : null, passage: `${question} — a passage.`, askedAt });

const opened = (threadId: string, answerId: string, createdAt = day(1)) => ({ threadId, guildId: '900000000000000001', storyId: 'budget', answerId, createdAt });

function contract(name: string, open: () => DeskStore): void {
  describe(`${name}: follow-up threads`, () => {
    let store: DeskStore;
    beforeEach(() => (store = open()));
    afterEach(() => store.close());

    it('opens one thread per answer with its first turn; a second opening on the same answer returns the first thread', () => {
      const first = store.openThread(opened('t1', 'a1'), turn('How many were freed?', day(1)));
      expect(first).to.deep.equal({ ...opened('t1', 'a1'), lastAt: day(1) });
      expect(store.threadOf('t1')).to.deep.equal(first);
      expect(store.threadOn('a1')).to.deep.equal(first);
      const again = store.openThread(opened('t2', 'a1', day(2)), turn('Something else?', day(2)));
      expect(again).to.deep.equal(first);
      expect(store.threadOf('t2')).to.equal(null);
      expect(store.turns('t1')).to.deep.equal([turn('How many were freed?', day(1))]);
      expect(store.threadOf('nope')).to.equal(null);
      expect(store.threadOn('nope')).to.equal(null);
      expect(store.turns('nope')).to.deep.equal([]);
    });

    it('adds turns oldest first, keeps only the last few, gives the latest `limit`, and refuses an unknown thread', () => {
      store.openThread(opened('t1', 'a1'), turn('q0', day(1, 0)));
      for (let i = 1; i <= THREAD_TURNS_KEPT + 2; i++) expect(store.addTurn('t1', turn(`q${i}`, day(1, i), 'who'))).to.equal(true);
      const kept = store.turns('t1');
      expect(kept.map((t) => t.question)).to.deep.equal(Array.from({ length: THREAD_TURNS_KEPT }, (_, i) => `q${i + 3}`));
      expect(kept[0]).to.deep.equal(turn('q3', day(1, 3), 'who'));
      expect(store.turns('t1', 2).map((t) => t.question)).to.deep.equal([`q${THREAD_TURNS_KEPT + 1}`, `q${THREAD_TURNS_KEPT + 2}`]);
      expect(store.turns('t1', 0)).to.deep.equal([]);
      expect(store.threadOf('t1')?.lastAt).to.equal(day(1, THREAD_TURNS_KEPT + 2));
      expect(store.addTurn('nope', turn('q', day(1)))).to.equal(false);
      expect(store.turns('nope')).to.deep.equal([]);
    });

    it('prunes the threads with no turn since a time, with their turns, and only those', () => {
      store.openThread(opened('old', 'a1'), turn('q', day(1)));
      store.openThread(opened('busy', 'a2'), turn('q', day(1)));
      store.addTurn('busy', turn('q2', day(20)));
      expect(store.pruneThreads(day(10))).to.equal(1);
      expect(store.threadOf('old')).to.equal(null);
      expect(store.turns('old')).to.deep.equal([]);
      expect(store.threadOn('a1')).to.equal(null);
      expect(store.turns('busy')).to.have.length(2);
      expect(store.pruneThreads(day(10))).to.equal(0);
    });

    it('keeps the turn an answer starts a thread from with the answer, and answers without one as before', () => {
      const given: GivenAnswer = {
        id: 'a1',
        storyId: 'budget',
        question: 'How many were freed?',
        tier: 'answer',
        span: '52',
        passage: 'Fifty-two people were freed.',
        sources: [],
        answeredAt: day(1),
        turn: { question: 'How many were freed?', kind: 'how-many', answer: '52', passage: 'Fifty-two people were freed.' },
      };
      store.recordAnswer(given);
      expect(store.answerById('a1')).to.deep.equal(given);
      const { turn: _none, ...without } = { ...given, id: 'a2' };
      store.recordAnswer(without);
      expect(store.answerById('a2')).to.deep.equal(without);
    });
  });
}

contract('memory store', () => new MemoryStore());

describe('SQLite store: follow-up threads', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'desk-threads-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  contract('SQLite store', () => {
    const o = openStore(dir);
    expect(o.problem).to.equal(null);
    return o.store;
  });

  it('keeps threads and their turns across a restart', () => {
    const first = openStore(dir).store;
    first.openThread(opened('t1', 'a1'), turn('How many were freed?', day(1)));
    first.addTurn('t1', turn('How many of them were Polish?', day(1, 1), 'how-many'));
    first.close();
    const second = openStore(dir).store;
    expect(second.threadOf('t1')).to.deep.equal({ ...opened('t1', 'a1'), lastAt: day(1, 1) });
    expect(second.turns('t1').map((t) => t.question)).to.deep.equal(['How many were freed?', 'How many of them were Polish?']);
    second.close();
  });

  it('upgrades a database of the schema before threads, keeping its answers and votes', () => {
    const file = path.join(dir, DATABASE_FILE);
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (3);
      CREATE TABLE bindings (guild_id TEXT NOT NULL, channel_id TEXT NOT NULL, story_id TEXT NOT NULL, bound_by TEXT NOT NULL, bound_at TEXT NOT NULL, PRIMARY KEY (guild_id, channel_id));
      CREATE TABLE added_articles (id INTEGER PRIMARY KEY AUTOINCREMENT, story_id TEXT NOT NULL, file TEXT NOT NULL, added_by TEXT NOT NULL, added_at TEXT NOT NULL, report TEXT NOT NULL);
      CREATE TABLE answers_given (id TEXT PRIMARY KEY, story_id TEXT NOT NULL, question TEXT NOT NULL, tier TEXT NOT NULL, span TEXT, passage TEXT, sources TEXT NOT NULL, answered_at TEXT NOT NULL);
      CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, answer_id TEXT NOT NULL, user_id TEXT NOT NULL, vote TEXT NOT NULL CHECK (vote IN ('up', 'down')), reason TEXT, note TEXT, at TEXT NOT NULL, UNIQUE (answer_id, user_id));
      CREATE TABLE question_log (id INTEGER PRIMARY KEY AUTOINCREMENT, story_id TEXT NOT NULL, question TEXT NOT NULL, outcome TEXT NOT NULL, guild_id TEXT, channel_id TEXT, user_id TEXT NOT NULL, asked_at TEXT NOT NULL);
      INSERT INTO bindings VALUES ('g1', 'c1', 'budget', 'u1', '${day(1)}');
      INSERT INTO answers_given VALUES ('a1', 'budget', 'How many were freed?', 'answer', '52', 'Fifty-two people were freed.', '[]', '${day(1)}');
      INSERT INTO feedback (answer_id, user_id, vote, at) VALUES ('a1', 'u1', 'up', '${day(1)}');`);
    old.close();
    const o = openStore(dir);
    expect(o.problem).to.equal(null);
    expect(o.store.bindingOf('g1', 'c1')?.storyId).to.equal('budget');
    expect(o.store.answerById('a1')).to.deep.equal({ id: 'a1', storyId: 'budget', question: 'How many were freed?', tier: 'answer', span: '52', passage: 'Fifty-two people were freed.', sources: [], answeredAt: day(1) });
    expect(o.store.feedback({})).to.have.length(1);
    o.store.openThread(opened('t1', 'a1'), turn('How many were freed?', day(2)));
    expect(o.store.turns('t1')).to.have.length(1);
    o.store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT version FROM schema_version').get()).to.deep.equal({ version: SCHEMA_VERSION });
    raw.close();
    expect(SCHEMA_VERSION).to.equal(4);
  });
});
