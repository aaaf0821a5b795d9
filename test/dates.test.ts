import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { analyseParagraph } from '../src/text/analyse.js';
import { findDates, resolveDate, scanDateExpressions } from '../src/text/dates.js';
import { brief, datesIn, frontMatterParagraph } from './support/articles.js';
import { seedsDir, story } from './support/paths.js';


const PUBLISHED = '2025-09-12';

function seedLine(prefix: string, needle: string): string {
  const file = fs.readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  const line = fs.readFileSync(path.join(seedsDir, file), 'utf8').split(/\r?\n/).find((l) => l.includes(needle));
  if (!line) throw new Error(`no line with ${needle}`);
  return line.trim();
}

describe('dates: resolveDate against a publication date', () => {
  it('resolves a weekday to the latest one on or before publication and says so', () => {
    const d = resolveDate('on Thursday', PUBLISHED);
    expect(d).to.deep.equal({
      raw: 'on Thursday',
      date: '2025-09-11',
      precision: 'day',
      how: '“on Thursday”: the Thursday on or before publication (2025-09-12) → 2025-09-11',
      start: 0,
    });
    expect(brief(resolveDate('Friday', PUBLISHED))).to.deep.equal(['Friday', '2025-09-12', 'day']);
    expect(brief(resolveDate('last Friday', PUBLISHED))).to.deep.equal(['last Friday', '2025-09-05', 'day']);
    expect(brief(resolveDate('Thursday', PUBLISHED))).to.deep.equal(['Thursday', '2025-09-11', 'day']);
  });

  it('resolves relative months, weeks, years and days', () => {
    expect(brief(resolveDate('last month', PUBLISHED))).to.deep.equal(['last month', '2025-08-01', 'month']);
    expect(brief(resolveDate('next month', PUBLISHED))).to.deep.equal(['next month', '2025-10-01', 'month']);
    expect(brief(resolveDate('earlier this year', PUBLISHED))).to.deep.equal(['earlier this year', '2025-01-01', 'year']);
    expect(brief(resolveDate('today', PUBLISHED))).to.deep.equal(['today', '2025-09-12', 'day']);
    expect(brief(resolveDate('yesterday', PUBLISHED))).to.deep.equal(['yesterday', '2025-09-11', 'day']);
    const lastWeek = resolveDate('last week', PUBLISHED);
    expect(lastWeek).to.include({ date: '2025-09-01', end: '2025-09-07', precision: 'day' });
    expect(resolveDate('this week', PUBLISHED)).to.include({ date: '2025-09-08', end: '2025-09-14' });
    expect(brief(resolveDate('two weeks ago', PUBLISHED))).to.deep.equal(['two weeks ago', '2025-08-29', 'day']);
  });

  it('puts a month or a day written without a year in the publication year unless that is after publication', () => {
    expect(brief(resolveDate('in June', PUBLISHED))).to.deep.equal(['in June', '2025-06-01', 'month']);
    expect(brief(resolveDate('In January', PUBLISHED))).to.deep.equal(['In January', '2025-01-01', 'month']);
    expect(brief(resolveDate('in October', PUBLISHED))).to.deep.equal(['in October', '2024-10-01', 'month']);
    expect(brief(resolveDate('August 22nd', PUBLISHED))).to.deep.equal(['August 22nd', '2025-08-22', 'day']);
    expect(brief(resolveDate('Monday, Sept. 8', PUBLISHED))).to.deep.equal(['Monday, Sept. 8', '2025-09-08', 'day']);
    expect(resolveDate('in June', PUBLISHED)!.how).to.equal('“in June”: the latest June not after publication (2025-09-12) → 2025-06');
  });

  it('reads absolute dates in the forms news pages print', () => {
    expect(brief(resolveDate('September 11, 2025'))).to.deep.equal(['September 11, 2025', '2025-09-11', 'day']);
    expect(brief(resolveDate('Sept. 8, 2025'))).to.deep.equal(['Sept. 8, 2025', '2025-09-08', 'day']);
    expect(brief(resolveDate('8 September, 2025'))).to.deep.equal(['8 September, 2025', '2025-09-08', 'day']);
    expect(brief(resolveDate('2025-09-11'))).to.deep.equal(['2025-09-11', '2025-09-11', 'day']);
    expect(brief(resolveDate('February 2022'))).to.deep.equal(['February 2022', '2022-02-01', 'month']);
    expect(brief(resolveDate('2022'))).to.deep.equal(['2022', '2022-01-01', 'year']);
    expect(resolveDate('February 30, 2025')).to.equal(null);
  });

  it('leaves relative dates and yearless months unresolved without a publication date', () => {
    for (const expr of ['on Thursday', 'last month', 'in June', 'earlier this year', 'August 22nd', 'today']) {
      expect(resolveDate(expr), expr).to.equal(null);
    }
    expect(resolveDate('September 11, 2025')).to.not.equal(null);
  });

  it('does not take "may" or "march" for months, nor a four-digit count for a year', () => {
    expect(scanDateExpressions('We may march in March').map((e) => e.raw)).to.deep.equal(['in March']);
    const line = seedLine('001', 'may be seen as a signal');
    expect(findDates(analyseParagraph(line).find((s) => s.text.includes('may be seen'))!, PUBLISHED)).to.deep.equal([]);
    expect(scanDateExpressions('Nearly 1500 troops and 2000 people arrived in 1500.').map((e) => e.raw)).to.deep.equal(['1500']);
  });
});

describe('dates: in seed sentences, published 2025-09-12', () => {
  it('reads the dates of the seed story', () => {
    const line001 = seedLine('001', 'phone conversation last month');
    expect(datesIn(line001, 'phone conversation', PUBLISHED).map(brief)).to.deep.equal([['last month', '2025-08-01', 'month']]);
    expect(datesIn(line001, 'released 52 political prisoners', PUBLISHED).map(brief)).to.deep.equal([['on Thursday', '2025-09-11', 'day']]);
    expect(datesIn(seedLine('002', 'In June, Belarus'), 'In June', PUBLISHED).map(brief)).to.deep.equal([['In June', '2025-06-01', 'month']]);
    expect(datesIn(seedLine('003', 'August 22nd'), 'August 22nd', PUBLISHED).map(brief)).to.deep.equal([['August 22nd', '2025-08-22', 'day']]);
    expect(datesIn(seedLine('004', 'Earlier this year'), 'Earlier this year', PUBLISHED).map(brief)).to.deep.equal([
      ['Earlier this year', '2025-01-01', 'year'],
    ]);
    expect(datesIn(seedLine('000', 'Presidential palace'), 'Presidential palace', PUBLISHED).map(brief)).to.deep.include([
      '8 September, 2025',
      '2025-09-08',
      'day',
    ]);
    expect(datesIn(seedLine('002', 'Monday, Sept. 8'), 'Monday, Sept. 8').map(brief)).to.deep.equal([['Monday, Sept. 8, 2025', '2025-09-08', 'day']]);
  });

  it('reads years inside phrases ("the 2022 invasion", "in February 2022")', () => {
    expect(datesIn(seedLine('001', '2022 invasion'), '2022 invasion').map(brief)).to.deep.equal([['2022', '2022-01-01', 'year']]);
    expect(datesIn(seedLine('003', 'February 2022'), 'February 2022').map(brief)).to.deep.equal([['February 2022', '2022-02-01', 'month']]);
  });

  it('leaves "a day after" unresolved when the sentence gives no date to count from', () => {
    const line = seedLine('003', 'a day after Poland shot down');
    expect(datesIn(line, 'a day after', PUBLISHED)).to.deep.equal([]);
  });
});

describe('dates: in the fixture stories, with their front-matter publication dates', () => {
  const dir = story('2021-treasurer-pleads-guilty');
  const at = (rel: string, needle: string) => frontMatterParagraph(dir, rel, needle);

  it('reads weekdays and the weekend before a Monday publication (2021-06-07)', () => {
    const friday = at('lakeside-tribune.txt', 'pleaded guilty on Friday');
    expect(friday.published).to.equal('2021-06-07');
    expect(datesIn(friday.paragraph, 'pleaded guilty on Friday', friday.published).map(brief)).to.deep.equal([['on Friday', '2021-06-04', 'day']]);
    const weekend = at('lakeside-tribune.txt', 'said over the weekend');
    expect(datesIn(weekend.paragraph, 'over the weekend', weekend.published)[0]).to.include({ date: '2021-06-05', end: '2021-06-06' });
  });

  it('reads a month without a year in the publication year ("in May")', () => {
    const a = at('lakeside-tribune.txt', 'City Hall in May');
    expect(datesIn(a.paragraph, 'in May', a.published).map(brief)).to.deep.equal([['in May', '2021-05-01', 'month']]);
  });

  it('reads a scheduled date as the next one after publication (sentencing "set for Sept. 28")', () => {
    const a = at('lakeside-tribune.txt', 'sentencing is set for');
    const d = datesIn(a.paragraph, 'sentencing is set', a.published)[0];
    expect(brief(d)).to.deep.equal(['Sept. 28', '2021-09-28', 'day']);
    expect(d!.how).to.contain('on or after publication (2021-06-07)');
  });

  it('counts "a day earlier" from the date written in the same sentence ("early Friday")', () => {
    const a = at('capitol-wire.txt', 'a day earlier as part');
    expect(datesIn(a.paragraph, 'a day earlier', a.published).map(brief)).to.deep.equal([
      ['early Friday', '2021-06-04', 'day'],
      ['a day earlier', '2021-06-03', 'day'],
    ]);
  });
});
