/** Loading the shared news stories and the whole SQuAD corpus (test/corpus.test.ts has the fixture checks). */
import { expect } from 'chai';
import { loadCorpus } from '../src/corpus/load.js';
import { expectVerbatim, frontMatterChecks } from '../test/support/corpusChecks.js';
import { shared } from './shared.js';

describe('corpus: shared multi-outlet corpora (front matter)', () => {
  frontMatterChecks(shared('corpora'), {
    articles: 30,
    first: '2010-blumenthal-vietnam-service-claims/fox-news.txt',
    outlets: ['Fox News', 'HuffPost', 'The New York Times'],
    minParagraphs: 5,
    datelines: { '2017-flynn-pleads-guilty/new-york-times.txt': 'WASHINGTON', '2017-flynn-pleads-guilty/fox-news.txt': undefined },
  });
});

describe('corpus: SQuAD evaluation corpus', () => {
  it('loads the 24 Wikipedia articles with no problems and no stripping', async () => {
    const result = await loadCorpus(shared('eval/squad/corpus'));
    expect(result.problems).to.deep.equal([]);
    expect(result.articles).to.have.length(24);
    expect(result.articles.find((a) => a.file === 'Fresno__California.txt')?.meta.title).to.equal('Fresno, California');
    for (const a of result.articles) expect(a.stripped, a.file).to.deep.equal([]);
    await expectVerbatim(result);
  });
});
