/** The desk's follow-up threads over a store: where context applies, the first turn of an old answer, pruning idle threads. */
import { expect } from 'chai';
import { FOLLOW_UP_KEEP_DAYS, FollowUps, firstTurn } from '../src/desk/followUps.js';
import { MemoryStore } from '../src/store/memory.js';
import type { GivenAnswer } from '../src/store/types.js';

const T0 = new Date(Date.UTC(2026, 0, 1, 9));
const DAY = 86_400_000;
const given = (over: Partial<GivenAnswer> = {}): GivenAnswer => ({
  id: 'a1',
  storyId: 'budget',
  question: 'How many were freed?',
  tier: 'answer',
  span: '52',
  passage: 'Fifty-two people were freed.',
  sources: [],
  answeredAt: T0.toISOString(),
  ...over,
});
const inThread = { guildId: 'g1', channelId: 't1', parentId: 'c1' };

describe('desk: follow-up threads', () => {
  it('gives the earlier turns only in a follow-up thread of the same server and story', () => {
    const store = new MemoryStore();
    const followUps = new FollowUps(store);
    expect(followUps.open(given(), { guildId: 'g1', threadId: 't1' }, T0).created).to.equal(true);
    expect(followUps.open(given(), { guildId: 'g1', threadId: 't9' }, T0)).to.deep.include({ created: false });
    expect(followUps.at(inThread, 'budget')?.earlier).to.deep.equal([{ question: 'How many were freed?', kind: 'other', answer: '52', passage: 'Fifty-two people were freed.' }]);
    expect(followUps.at(inThread, 'other-story')).to.equal(null);
    expect(followUps.at({ ...inThread, guildId: 'g2' }, 'budget')).to.equal(null);
    expect(followUps.at({ ...inThread, parentId: null }, 'budget')).to.equal(null);
    expect(followUps.at({ guildId: null, channelId: 't1', parentId: 'c1' }, 'budget')).to.equal(null);
    expect(followUps.at({ ...inThread, channelId: 't2' }, 'budget')).to.equal(null);
  });

  it('starts a thread on an answer kept before threads from what the answer says: its passage only when it was the answer', () => {
    expect(firstTurn(given({ tier: 'not-sure', span: null }))).to.deep.equal({ question: 'How many were freed?', kind: 'other', answer: null, passage: null });
    const turn = { question: 'how many were freed', kind: 'how-many', answer: '52', passage: 'p' };
    expect(firstTurn(given({ turn }))).to.deep.equal(turn);
  });

  it('prunes threads idle for the keeping days, and answers as asked when the store fails', () => {
    const store = new MemoryStore();
    const followUps = new FollowUps(store);
    followUps.open(given(), { guildId: 'g1', threadId: 't1' }, T0);
    expect(followUps.prune(new Date(T0.getTime() + (FOLLOW_UP_KEEP_DAYS - 1) * DAY))).to.equal(0);
    expect(followUps.prune(new Date(T0.getTime() + (FOLLOW_UP_KEEP_DAYS + 1) * DAY))).to.equal(1);
    expect(followUps.at(inThread, 'budget')).to.equal(null);

    const errors: unknown[] = [];
    const broken = new MemoryStore();
    broken.threadOf = () => {
      throw new Error('database is locked');
    };
    expect(new FollowUps(broken, FOLLOW_UP_KEEP_DAYS, (e) => errors.push(e)).at(inThread, 'budget')).to.equal(null);
    expect(errors).to.have.length(1);
  });
});
