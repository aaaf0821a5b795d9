/** Answers as given and the votes on them, the same in both stores: one vote per person, replaced on a second. */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MemoryStore } from '../src/store/memory.js';
import { openStore } from '../src/store/open.js';
import { DATABASE_FILE, SCHEMA_VERSION } from '../src/store/sqlite.js';
import type { DeskStore, GivenAnswer } from '../src/store/types.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 0, 2, 9, minute)).toISOString();

function answer(id: string, storyId = 'budget'): GivenAnswer {
  return {
    id,
    storyId,
    question: `question ${id}?`,
    tier: 'answer',
    span: 'fifty-two',
    passage: 'Fifty-two people were freed on Thursday.',
    sources: [{ outlet: 'Metro Daily', file: 'metro-daily.txt', paragraph: 3 }],
    answeredAt: at(0),
  };
}

function contract(name: string, open: () => DeskStore): void {
  describe(`${name}: answers and votes`, () => {
    let store: DeskStore;
    beforeEach(() => (store = open()));
    afterEach(() => store.close());

    it('keeps an answer as given and refuses a vote on an unknown one', () => {
      store.recordAnswer(answer('a1'));
      expect(store.answerById('a1')).to.deep.equal(answer('a1'));
      expect(store.answerById('nope')).to.equal(null);
      expect(store.vote({ answerId: 'nope', userId: 'u1', vote: 'up', reason: null, note: null, at: at(1) })).to.equal(false);
      expect(store.feedback({})).to.deep.equal([]);
    });

    it('replaces a person’s vote on the same answer, adds another person’s, filters by vote and story, newest first', () => {
      store.recordAnswer(answer('a1'));
      store.recordAnswer(answer('a2', 'mine'));
      expect(store.vote({ answerId: 'a1', userId: 'u1', vote: 'up', reason: null, note: null, at: at(1) })).to.equal(true);
      store.vote({ answerId: 'a1', userId: 'u1', vote: 'down', reason: 'wrong-part', note: 'the date, not the place', at: at(2) });
      store.vote({ answerId: 'a1', userId: 'u2', vote: 'up', reason: null, note: null, at: at(3) });
      store.vote({ answerId: 'a2', userId: 'u1', vote: 'down', reason: null, note: null, at: at(4) });

      const all = store.feedback({});
      expect(all.map((f) => [f.answerId, f.userId, f.vote])).to.deep.equal([
        ['a2', 'u1', 'down'],
        ['a1', 'u2', 'up'],
        ['a1', 'u1', 'down'],
      ]);
      expect(store.voteOf('a1', 'u1')).to.deep.equal({ answerId: 'a1', userId: 'u1', vote: 'down', reason: 'wrong-part', note: 'the date, not the place', at: at(2) });
      expect(store.feedback({ vote: 'down' }).map((f) => f.answerId)).to.deep.equal(['a2', 'a1']);
      expect(store.feedback({ vote: 'down', storyId: 'budget' }).map((f) => [f.answerId, f.answer.question])).to.deep.equal([['a1', 'question a1?']]);
      expect(store.feedback({ limit: 1 }).map((f) => f.answerId)).to.deep.equal(['a2']);
    });

    it('puts a changed vote first among votes of the same time, and forgets a person’s votes', () => {
      store.recordAnswer(answer('a1'));
      store.vote({ answerId: 'a1', userId: 'u1', vote: 'down', reason: null, note: null, at: at(5) });
      store.vote({ answerId: 'a1', userId: 'u2', vote: 'down', reason: null, note: null, at: at(5) });
      store.vote({ answerId: 'a1', userId: 'u1', vote: 'down', reason: 'elsewhere', note: null, at: at(5) });
      expect(store.feedback({}).map((f) => f.userId)).to.deep.equal(['u1', 'u2']);
      expect(store.forgetVotes('u1')).to.equal(1);
      expect(store.forgetVotes('u1')).to.equal(0);
      expect(store.feedback({}).map((f) => f.userId)).to.deep.equal(['u2']);
      expect(store.answerById('a1')).to.not.equal(null);
    });

    it('prunes the answers given before a time that nobody voted on, and only those', () => {
      store.recordAnswer({ ...answer('old-unrated'), answeredAt: at(0) });
      store.recordAnswer({ ...answer('old-rated'), answeredAt: at(0) });
      store.recordAnswer({ ...answer('new-unrated'), answeredAt: at(30) });
      store.vote({ answerId: 'old-rated', userId: 'u1', vote: 'up', reason: null, note: null, at: at(1) });
      expect(store.pruneAnswers(at(10))).to.equal(1);
      expect(['old-unrated', 'old-rated', 'new-unrated'].map((id) => store.answerById(id) !== null)).to.deep.equal([false, true, true]);
      expect(store.pruneAnswers(at(10))).to.equal(0);
    });
  });
}

contract('memory store', () => new MemoryStore());

describe('SQLite store: feedback', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'desk-feedback-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  contract('SQLite store', () => {
    const opened = openStore(dir);
    expect(opened.problem).to.equal(null);
    return opened.store;
  });

  it('keeps answers and votes across a restart, one row per person and answer', () => {
    const first = openStore(dir).store;
    first.recordAnswer(answer('a1'));
    first.vote({ answerId: 'a1', userId: 'u1', vote: 'up', reason: null, note: null, at: at(1) });
    first.vote({ answerId: 'a1', userId: 'u1', vote: 'down', reason: 'wrong-answer', note: 'no', at: at(2) });
    first.close();
    const second = openStore(dir).store;
    expect(second.feedback({}).map((f) => [f.userId, f.vote, f.reason, f.note])).to.deep.equal([['u1', 'down', 'wrong-answer', 'no']]);
    expect(second.answerById('a1')?.sources).to.deep.equal(answer('a1').sources);
    second.close();
    const raw = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) AS n FROM feedback').get()).to.deep.equal({ n: 1 });
    expect(raw.prepare('SELECT version FROM schema_version').get()).to.deep.equal({ version: SCHEMA_VERSION });
    raw.close();
  });

  it('upgrades a database of the schema before feedback, keeping its bindings', () => {
    const file = path.join(dir, DATABASE_FILE);
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);
      CREATE TABLE bindings (guild_id TEXT NOT NULL, channel_id TEXT NOT NULL, story_id TEXT NOT NULL, bound_by TEXT NOT NULL, bound_at TEXT NOT NULL, PRIMARY KEY (guild_id, channel_id));
      CREATE TABLE added_articles (id INTEGER PRIMARY KEY AUTOINCREMENT, story_id TEXT NOT NULL, file TEXT NOT NULL, added_by TEXT NOT NULL, added_at TEXT NOT NULL, report TEXT NOT NULL);
      INSERT INTO bindings VALUES ('g1', 'c1', 'budget', 'u1', '${at(0)}');`);
    old.close();
    const opened = openStore(dir);
    expect(opened.problem).to.equal(null);
    expect(opened.store.bindingOf('g1', 'c1')?.storyId).to.equal('budget');
    opened.store.recordAnswer(answer('a1'));
    expect(opened.store.vote({ answerId: 'a1', userId: 'u1', vote: 'up', reason: null, note: null, at: at(1) })).to.equal(true);
    opened.store.close();
  });
});
