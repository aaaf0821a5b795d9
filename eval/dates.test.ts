/** Dates in the shared news stories (test/dates.test.ts has the same checks on the fixture stories). */
import { expect } from 'chai';
import { brief, datesIn, frontMatterParagraph } from '../test/support/articles.js';
import { shared } from './shared.js';

const corpusParagraph = (rel: string, needle: string) => frontMatterParagraph(shared('corpora'), rel, needle);

describe('dates: in the shared corpora, with their front-matter publication dates', () => {
  it('reads weekdays and the weekend before a Monday publication (Flynn, 2017-12-04)', () => {
    const a = corpusParagraph('2017-flynn-pleads-guilty/fox-news.txt', 'President Trump on Monday called');
    expect(a.published).to.equal('2017-12-04');
    expect(datesIn(a.paragraph, 'on Monday called', a.published).map(brief)).to.deep.equal([['on Monday', '2017-12-04', 'day']]);
    const friday = corpusParagraph('2017-flynn-pleads-guilty/fox-news.txt', 'pleaded guilty on Friday');
    expect(datesIn(friday.paragraph, 'pleaded guilty on Friday', friday.published).map(brief)).to.deep.include(['on Friday', '2017-12-01', 'day']);
    const weekend = corpusParagraph('2017-flynn-pleads-guilty/fox-news.txt', 'noted over the weekend');
    expect(datesIn(weekend.paragraph, 'over the weekend', weekend.published)[0]).to.include({ date: '2017-12-02', end: '2017-12-03' });
  });

  it('reads a month without a year in the publication year (Flynn, HuffPost: "In May")', () => {
    const a = corpusParagraph('2017-flynn-pleads-guilty/huffpost.txt', 'In May, Trump told');
    expect(datesIn(a.paragraph, 'In May', a.published).map(brief)).to.deep.equal([['In May', '2017-05-01', 'month']]);
  });

  it('reads a scheduled date as the next one after publication (Jackson, sentencing "set for June 28")', () => {
    const a = corpusParagraph('2013-jesse-jackson-jr-pleads-guilty/fox-news.txt', 'Sentencing has been set for June 28');
    const d = datesIn(a.paragraph, 'Sentencing has been set', a.published)[0];
    expect(brief(d)).to.deep.equal(['June 28', '2013-06-28', 'day']);
    expect(d!.how).to.contain('on or after publication (2013-02-20)');
  });

  it('counts "a day earlier" from the date written in the same sentence (Stone, "early Friday")', () => {
    const a = corpusParagraph('2019-roger-stone-indicted/fox-news.txt', 'a day earlier as part');
    expect(datesIn(a.paragraph, 'a day earlier', a.published).map(brief)).to.deep.equal([
      ['early Friday', '2019-01-25', 'day'],
      ['a day earlier', '2019-01-24', 'day'],
      ['2016', '2016-01-01', 'year'],
    ]);
  });
});
