/** Facts of the shared news stories and of the whole SQuAD corpus (test/facts.test.ts has the fixture checks). */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { extractParagraphFacts } from '../src/facts/extract.js';
import { analyseParagraph } from '../src/text/analyse.js';
import { articleFacts, numberRaw, numbersIn, paragraphWith, quoteStarting, quotesOf, storyArticle } from '../test/support/facts.js';
import { shared } from './shared.js';

const corpusArticle = (rel: string) => storyArticle(shared('corpora'), rel);

describe('facts: quotations and their speakers in the shared corpora', () => {
  it('reads speakers in the shared corpora: inverted order, a frame in the next sentence, appositions, titles', () => {
    const huff = corpusArticle('2012-romney-urges-akin-to-quit-senate-race/huffpost.txt');
    expect(quoteStarting(quotesOf(paragraphWith(huff.paragraphs, 'said Romney in a statement')), 'As I said yesterday')).to.include({ speaker: 'Romney' });
    expect(quoteStarting(quotesOf(paragraphWith(huff.paragraphs, 'Akin continued')), "Why can't Mitt Romney")).to.include({ speaker: 'Akin', verb: 'continued' });

    const fox = corpusArticle('2010-blumenthal-vietnam-service-claims/fox-news.txt');
    const cornyn = quotesOf(paragraphWith(fox.paragraphs, 'blockbuster revelation'));
    expect(quoteStarting(cornyn, 'I think it\'s a blockbuster')).to.include({ speaker: 'John Cornyn', verb: 'said' });
    expect(quoteStarting(cornyn, 'I think it\'s definitely')).to.include({ speaker: 'John Cornyn', verb: 'predicted' });

    const flynn = corpusArticle('2017-flynn-pleads-guilty/fox-news.txt');
    const show = quoteStarting(quotesOf(paragraphWith(flynn.paragraphs, 'Face the Nation')), 'Face the Nation');
    expect(show.short).to.equal(true);
    expect(show.speaker).to.equal(undefined);
  });

  it('carries a speaker to the next paragraph ("she said of Mr. Brat") and leaves "they" unresolved', () => {
    const nyt = corpusArticle('2014-cantor-defeated-by-brat/new-york-times.txt');
    const quotes = articleFacts(nyt.paragraphs, nyt.published).flatMap((f) => f.quotes);
    expect(quoteStarting(quotes, 'an absolute repudiation')).to.include({ speaker: 'Ms. Ingraham' });
    expect(quoteStarting(quotes, 'He really just didn’t have very much money')).to.include({ speaker: 'Ms. Ingraham', verb: 'said' });

    const fox = corpusArticle('2012-romney-urges-akin-to-quit-senate-race/fox-news.txt');
    const foxQuotes = articleFacts(fox.paragraphs, fox.published).flatMap((f) => f.quotes);
    expect(quoteStarting(foxQuotes, 'the national interest').speaker).to.equal(undefined);
    expect(quoteStarting(foxQuotes, 'I am in this race to win.')).to.include({ speaker: 'Akin', verb: 'tweeted' });
  });
});

describe('facts: numbers in the shared corpora', () => {
  it('reads money, percentages, ages, "a dozen" and counts of four digits in the shared corpora', () => {
    const jackson = corpusArticle('2013-jesse-jackson-jr-pleads-guilty/fox-news.txt').paragraphs;
    const fine = numbersIn(paragraphWith(jackson, 'a fine of up to'), 'a fine of up to');
    expect(numberRaw(fine, '$250,000')).to.include({ kind: 'money', value: 250000, qualifier: 'up to' });
    const clinton = corpusArticle('2015-hillary-clinton-releases-tax-returns/huffpost.txt').paragraphs;
    expect(numberRaw(numbersIn(paragraphWith(clinton, '36 percent'), '36 percent'), '36 percent')).to.include({ kind: 'percent', value: 36 });
    const nyt = corpusArticle('2010-blumenthal-vietnam-service-claims/new-york-times.txt').paragraphs;
    expect(numberRaw(numbersIn(paragraphWith(nyt, 'Mr. Blumenthal, 64,'), 'Mr. Blumenthal, 64,'), '64').kind).to.equal('other');
    const stone = corpusArticle('2019-roger-stone-indicted/fox-news.txt').paragraphs;
    const dozen = numberRaw(numbersIn(paragraphWith(stone, 'a dozen special agents'), 'a dozen'), 'a dozen');
    expect(dozen).to.include({ value: 12, qualifier: 'more than', counts: 'special agents' });
    const clintonNyt = corpusArticle('2015-hillary-clinton-releases-tax-returns/new-york-times.txt').paragraphs;
    const years = numbersIn(paragraphWith(clintonNyt, 'in 2007, 2013 and 2014'), 'in 2007, 2013 and 2014');
    expect(years.map((n) => [n.raw, n.kind])).to.deep.equal([
      ['$550,000', 'money'],
      ['2008', 'year'],
      ['$3 million', 'money'],
      ['2007', 'year'],
      ['2013', 'year'],
      ['2014', 'year'],
    ]);
  });
});

describe('facts: the whole SQuAD corpus', () => {
  it('reads every paragraph of the squad corpus in a few seconds at most', function () {
    this.timeout(60_000);
    const dir = shared('eval/squad/corpus');
    const paragraphs = fs
      .readdirSync(dir)
      .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '').split(/\n\s*\n/))
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => analyseParagraph(p));
    const t0 = performance.now();
    let numbers = 0;
    for (const p of paragraphs) for (const f of extractParagraphFacts(p, { published: '2016-02-07' })) numbers += f.numbers.length;
    const ms = performance.now() - t0;
    expect(paragraphs.length).to.be.greaterThan(900);
    expect(numbers).to.be.greaterThan(1000);
    // measured 0.2–1.1 s on a loaded two-core machine; the bound leaves room for slower runners
    expect(ms).to.be.lessThan(4000);
  });
});
