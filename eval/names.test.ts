/** Names in the shared news stories and the whole SQuAD corpus (test/names.test.ts has the fixture checks). */
import { expect } from 'chai';
import fs from 'node:fs';
import { groupNames } from '../src/facts/names/index.js';
import { groupWith, readCorpus, type Corpus } from '../test/support/names.js';
import { shared } from './shared.js';

describe('names: real coverage in the shared corpora', () => {
  const story = (name: string) => groupNames(readCorpus(shared('corpora', name)).mentions);

  it('joins surname and titled mentions to the full name in each story', () => {
    const flynn = groupWith(story('2017-flynn-pleads-guilty'), 'Flynn');
    expect(flynn.variants).to.include.members(['Flynn', 'Michael Flynn', 'Michael T. Flynn']);
    expect(flynn.kind).to.equal('person');
    expect(groupWith(story('2012-romney-urges-akin-to-quit-senate-race'), 'Akin').variants).to.include('Todd Akin');
    const stone = story('2019-roger-stone-indicted');
    expect(groupWith(stone, 'Stone').variants).to.include('Roger Stone');
    expect(groupWith(stone, 'F.B.I.').variants).to.include('FBI');
  });

  it('keeps father and son, and a shared surname, apart', () => {
    const jackson = story('2013-jesse-jackson-jr-pleads-guilty');
    const son = groupWith(jackson, 'Jesse Jackson Jr.');
    expect(son.variants).to.not.include('Jesse Jackson');
    expect(son.key).to.not.equal(groupWith(jackson, 'Jesse Jackson').key);
    const clinton = story('2015-hillary-clinton-releases-tax-returns');
    expect(groupWith(clinton, 'Bill Clinton').key).to.not.equal(groupWith(clinton, 'Hillary Clinton').key);
  });

  it('does not over-merge across all 30 articles and the encyclopaedia corpus', () => {
    const squad = groupNames(readCorpus(shared('eval/squad/corpus')).mentions);
    const together = (a: string, b: string) => squad.some((g) => g.variants.includes(a) && g.variants.includes(b));
    expect(together('Austria', 'Australia')).to.equal(false);
    expect(together('Albania', 'Albany')).to.equal(false);
    expect(together('Hollywood', 'Holyrood')).to.equal(false);
    expect(together('Johnson', 'Johnstone')).to.equal(false);
    expect(together('BBC', 'BC')).to.equal(false);
    expect(together('Tugh Temür', 'Toghun Temür')).to.equal(false);
    expect(together('Tugh Temür', 'Tugh Temur')).to.equal(true);
    expect(together('Melanchthon', 'Philipp Melanchthon')).to.equal(true);
    expect(together('NFL', 'National Football League')).to.equal(true);

    const news: Corpus['mentions'] = [];
    for (const dir of fs.readdirSync(shared('corpora')).filter((d) => !d.includes('.')).sort()) {
      const offset = news.length ? Math.max(...news.map((m) => m.sentenceId)) + 1 : 0;
      for (const m of readCorpus(shared('corpora', dir)).mentions) news.push({ ...m, sentenceId: m.sentenceId + offset });
    }
    const newsGroups = groupNames(news);
    expect(groupWith(newsGroups, 'Trump').variants.every((v) => /Trump/.test(v))).to.equal(true);
    expect(groupWith(newsGroups, 'Congressional Black Caucus').variants).to.not.include('Congressional Hispanic Caucus');
    expect(groupWith(newsGroups, 'Jesse Jackson Jr.').variants).to.not.include('Jesse Jackson');
  });
});
