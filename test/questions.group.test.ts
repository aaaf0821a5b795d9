/**
 * Grouping the questions the coverage could not answer: paraphrases written for this test (the way
 * reporters type: whole questions, fragments, other words for the same event) must meet, and questions
 * that share words but ask something else (another count, another date, another person, an opposite)
 * must stay apart.
 */
import { expect } from 'chai';
import { groupQuestions, oneTypoApart, readQuestion, similarity, type AskedEntry } from '../src/questions/group.js';

/** Each inner list asks one thing; the one-item lists are near misses of the others. */
const PARAPHRASES: readonly (readonly string[])[] = [
  ['How many were freed?', 'how many prisoners were released', 'number freed?', 'How many prisoners were freed?', 'how many people were released?'],
  ['When is the vote?', 'what date is the vote', 'when will they vote?', 'vote date?', 'When will voting happen?'],
  ['Who is leading the rescue?', 'who heads the rescue', 'who leads the rescue effort?'],
  ['How many were injured?', 'how many people were hurt', 'number of injured?', 'How many people got injured'],
  ['How much did the bridge cost?', 'what was the cost of the bridge', 'bridge cost?', 'how much money did the bridge cost'],
  ['Why did the mayor resign?', 'why did the mayor quit', 'what was the reason the mayor stepped down'],
  ['What caused the fire?', 'why was there a fire', 'cause of the fire?', 'reason for the fire?'],
  ['When did the fire start?'],
  ['When were they freed?'],
  ['Who freed the prisoners?'],
  ['How many prisoners remain in jail?'],
  ['How many prisoners are still held?'],
  ['How many Germans were freed?'],
  ['How many journalists were freed?'],
  ['How much did prices rise?'],
  ['How much did prices fall?'],
  ['Where were the prisoners taken?'],
  ['Who won the election?'],
  ['Who lost the election?'],
  ['When did the mine collapse?'],
  ['Why did the mine collapse?'],
  ['What did the mayor say about the budget?'],
  ['What did the governor say about the budget?'],
  ['How old is the mayor?'],
  ['How long did the rescue take?'],
];

/**
 * Written after the weights were set and never tuned on. Of its 18 paraphrase pairs, 8 meet (WordNet
 * does not make "home" a synonym of "house", "plane" of "aircraft", or "get" of "receive"); the test
 * holds the other side, which matters more in a list of gaps: no two different questions merge.
 */
const HELD_OUT: readonly (readonly string[])[] = [
  ['How many homes were destroyed?', 'number of houses destroyed', 'how many houses were wrecked?'],
  ['When did the strike begin?', 'when did the strike start', 'start date of the strike'],
  ['How many votes did she get?', 'number of votes she received', 'how many votes did she receive'],
  ['Where did the plane land?', 'where did the aircraft land', 'where did the plane touch down'],
  ['Who is the new coach?', 'who was named coach', 'who was appointed coach?'],
  ['Why was the factory closed?', 'why did the factory shut', 'reason the factory closed'],
  ['How many homes were rebuilt?'],
  ['When did the strike end?'],
  ['Where did the plane take off?'],
  ['Why was the school closed?'],
];

const day = (n: number): string => new Date(Date.UTC(2026, 2, 1 + n, 9)).toISOString();

/** Two orders of asking: each set's wordings in turn, or the other way round. */
const WHEN = [(i: number, j: number) => day(j + (i % 5)), (i: number, j: number) => day(20 - j - (i % 7))];

function entriesOf(sets: readonly (readonly string[])[], when = WHEN[0]!): AskedEntry[] {
  return sets.flatMap((set, i) => set.map((question, j) => ({ question, outcome: (i + j) % 2 ? 'not-sure' : 'doesnt-say', askedAt: when(i, j) }) as AskedEntry));
}

/** The set each wording of a grouping came from, per group. */
function setsPerGroup(sets: readonly (readonly string[])[], when = WHEN[0]!): number[][] {
  const setOf = new Map(sets.flatMap((set, i) => set.map((q) => [q, i] as const)));
  return groupQuestions(entriesOf(sets, when)).map((g) => [...new Set(g.wordings.map((w) => setOf.get(w.text)!))]);
}

describe('grouping unanswered questions', () => {
  it('puts each set of paraphrases in one group, and every near miss in a group of its own', () => {
    for (const when of WHEN) {
      const groups = setsPerGroup(PARAPHRASES, when);
      for (const g of groups) expect(g, 'a group mixes questions').to.have.length(1);
      const groupsPerSet = PARAPHRASES.map((_, i) => groups.filter((g) => g.includes(i)).length);
      expect(groupsPerSet).to.deep.equal(PARAPHRASES.map(() => 1));
    }
  });

  it('merges no two different questions of the held-out set', () => {
    for (const when of WHEN) for (const g of setsPerGroup(HELD_OUT, when)) expect(g, 'a group mixes questions').to.have.length(1);
    expect(setsPerGroup(HELD_OUT).length).to.be.lessThan(HELD_OUT.flat().length);
  });

  it('reads what sort of answer a question wants, and what it is about', () => {
    expect(readQuestion('number freed?')).to.include({ want: 'count' });
    expect(readQuestion('vote date?')).to.include({ want: 'date' });
    expect(readQuestion('what was the reason for the release').want).to.equal('reason');
    expect(readQuestion('Who won the election?').concepts.map((c) => c.stem)).to.include('win');
    const freed = readQuestion('How many were freed?');
    expect(similarity(freed, readQuestion('how many prisoners were released'))).to.be.greaterThan(0.62);
    expect(similarity(freed, readQuestion('When were they freed?'))).to.equal(0);
    expect(similarity(freed, readQuestion('How many were injured?'))).to.equal(0);
  });

  it('lists the most asked first, with counts, the latest asking and the outcomes', () => {
    const entries: AskedEntry[] = [
      { question: 'When is the vote?', outcome: 'not-sure', askedAt: day(1) },
      { question: 'How many were freed?', outcome: 'doesnt-say', askedAt: day(2) },
      { question: 'how many prisoners were released', outcome: 'not-sure', askedAt: day(3) },
      { question: 'How many were freed', outcome: 'doesnt-say', askedAt: day(4) },
      { question: 'vote date?', outcome: 'not-sure', askedAt: day(5) },
      { question: 'Who won the election?', outcome: 'doesnt-say', askedAt: day(6) },
      { question: 'number freed?', outcome: 'not-sure', askedAt: day(7) },
    ];
    const groups = groupQuestions(entries);
    expect(groups.map((g) => g.count)).to.deep.equal([4, 2, 1]);
    const [freed, vote, election] = groups;
    // the same words asked twice are one wording, shown as last typed
    expect(freed!.question).to.equal('How many were freed');
    expect(freed!.wordings).to.deep.equal([
      { text: 'How many were freed', count: 2 },
      { text: 'number freed?', count: 1 },
      { text: 'how many prisoners were released', count: 1 },
    ]);
    expect(freed!.lastAsked).to.equal(day(7));
    expect(freed!.outcomes).to.deep.equal({ 'doesnt-say': 2, 'not-sure': 2 });
    expect(vote!.wordings.map((w) => w.text)).to.have.members(['When is the vote?', 'vote date?']);
    expect(election!.question).to.equal('Who won the election?');
  });

  it('gives the same groups whatever the order of the log', () => {
    const entries = entriesOf(PARAPHRASES);
    const shuffled = [...entries].reverse();
    expect(groupQuestions(shuffled)).to.deep.equal(groupQuestions(entries));
    expect(groupQuestions([])).to.deep.equal([]);
  });

  it('takes a one-letter slip in a long word for the word, and not in a short one', () => {
    expect(oneTypoApart('released', 'relased')).to.equal(true);
    expect(oneTypoApart('prisoners', 'prisonres')).to.equal(true);
    expect(oneTypoApart('freed', 'fired')).to.equal(false);
    expect(oneTypoApart('rescue', 'recuse')).to.equal(false);
    const groups = groupQuestions([
      { question: 'How many prisoners were released?', outcome: 'not-sure', askedAt: day(1) },
      { question: 'how many prisoners were relased', outcome: 'not-sure', askedAt: day(2) },
    ]);
    expect(groups).to.have.length(1);
    // two dictionary words a letter apart are two words
    const places = groupQuestions([
      { question: 'How many county roads were closed?', outcome: 'not-sure', askedAt: day(1) },
      { question: 'How many country roads were closed?', outcome: 'not-sure', askedAt: day(2) },
    ]);
    expect(places).to.have.length(2);
  });
});
