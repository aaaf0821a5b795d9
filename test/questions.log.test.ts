/** The question log's rules: what is kept, what is skipped, a failed write never failing the answer, pruning by the time given. */
import { expect } from 'chai';
import { pruneCutoff, QuestionLog, schedulePruning } from '../src/questions/log.js';
import { outcomeOf } from '../src/questions/outcome.js';
import { MemoryStore } from '../src/store/memory.js';

const place = { guildId: '900000000000000001', channelId: '900000000000000002' };
const at = (day: number): Date => new Date(Date.UTC(2026, 2, day, 12));

describe('question log', () => {
  it('maps the engine tiers to the outcomes kept', () => {
    expect(['answer', 'not-sure', 'not-covered'].map((t) => outcomeOf(t as 'answer'))).to.deep.equal(['answered', 'not-sure', 'doesnt-say']);
  });

  it('keeps a question with its outcome and ids, its spacing tidied; skips an empty or over-long one', () => {
    const store = new MemoryStore();
    const log = new QuestionLog(store);
    expect(log.record({ storyId: 's', question: '  How many  were freed? ', tier: 'not-sure', place, userId: 'u1', at: at(1) })).to.equal(true);
    expect(log.record({ storyId: 's', question: '   ', tier: 'not-covered', place, userId: 'u1', at: at(1) })).to.equal(false);
    expect(log.record({ storyId: 's', question: 'why '.repeat(400), tier: 'not-covered', place, userId: 'u1', at: at(1) })).to.equal(false);
    expect(log.unanswered('s')).to.deep.equal([{ storyId: 's', question: 'How many were freed?', outcome: 'not-sure', ...place, userId: 'u1', askedAt: at(1).toISOString() }]);
  });

  it('keeps nothing when off', () => {
    const store = new MemoryStore();
    const log = new QuestionLog(store, { enabled: false, days: 30 });
    expect(log.record({ storyId: 's', question: 'Who won?', tier: 'not-covered', place, userId: 'u1', at: at(1) })).to.equal(false);
    expect(store.questions('s', ['answered', 'not-sure', 'doesnt-say'], 10)).to.deep.equal([]);
  });

  it('reports a failed write and lets the answer go out', () => {
    const store = new MemoryStore();
    store.logQuestion = () => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    };
    const errors: unknown[] = [];
    const log = new QuestionLog(store, undefined, (e) => errors.push(e));
    expect(log.record({ storyId: 's', question: 'Who won?', tier: 'not-covered', place, userId: 'u1', at: at(1) })).to.equal(false);
    expect(errors).to.have.length(1);
  });

  it('prunes by the time passed in: what is older than the days kept goes, the rest stays', () => {
    expect(pruneCutoff(at(31), 30).toISOString()).to.equal(at(1).toISOString());
    const store = new MemoryStore();
    const log = new QuestionLog(store, { enabled: true, days: 7 });
    for (const day of [1, 5, 9]) log.record({ storyId: 's', question: `Question of day ${day}?`, tier: 'not-covered', place, userId: 'u1', at: at(day) });
    expect(log.prune(at(10))).to.equal(1);
    expect(log.unanswered('s').map((q) => q.question)).to.deep.equal(['Question of day 9?', 'Question of day 5?']);
    const seen: number[] = [];
    const stop = schedulePruning(log, { clock: () => at(20), everyMs: 60_000, onPruned: (rows) => seen.push(rows) });
    stop();
    expect(seen).to.deep.equal([2]);
    expect(log.unanswered('s')).to.deep.equal([]);
  });
});
