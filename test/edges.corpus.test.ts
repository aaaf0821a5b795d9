/** Rough edges of reading articles: a broken header, embedded-post residue, an article that names no outlet. */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus, parseArticleWithProblems } from '../src/corpus/load.js';
import { formatReport } from '../src/corpus/report.js';

/** A short article of our own with a plain-text header under the front matter. */
function article(front: string[]): string {
  return [
    '---',
    ...front,
    '---',
    '',
    'The Riverside Courier',
    '',
    'By Jane Doe',
    '',
    'September 12, 2025',
    '',
    'The council met on Tuesday and voted to close two libraries in the north of the town, officials said.',
    '',
    'Residents had collected 4,000 signatures against the closures, the organisers of the petition said.',
    '',
  ].join('\n');
}

describe('corpus: rough edges', () => {
  describe('broken YAML front matter', () => {
    const text = article(['title: Two libraries to close', 'outlet:: Test', 'published: 2025-13-45']);

    it('warns with the line of each field it could not read, and reads those fields from the text', () => {
      const { article: a, problems } = parseArticleWithProblems('broken.md', text, 0);
      expect(a.meta.outlet).to.equal('The Riverside Courier');
      expect(a.meta.published).to.equal('2025-09-12');
      expect(a.meta.title, 'a good line of the header still counts').to.equal('Two libraries to close');
      expect(a.metaOrigin.outlet?.source).to.equal('inferred');
      const messages = problems.map((p) => p.message);
      expect(messages).to.have.length(2);
      expect(messages[0]).to.match(/^Front matter line 3, outlet: /).and.include('read from the text');
      expect(messages[1]).to.match(/^Front matter line 4, published: /).and.include('date');
    });

    it('puts the warning in the load report', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'edges-'));
      writeFileSync(path.join(dir, 'broken.md'), text);
      const report = formatReport(await loadCorpus(dir));
      expect(report).to.include('broken.md: Front matter line 3, outlet:');
      expect(report).to.include('outlet: The Riverside Courier');
      expect(report).not.to.include(': Test');
    });

    it('also catches an unclosed quote and an unclosed list, but not a well-formed header', () => {
      const quoted = parseArticleWithProblems('q.md', article(['title: "Two libraries to close', 'author: [Jane Doe, John Roe']), 0);
      expect(quoted.problems.map((p) => p.message.slice(0, 26))).to.deep.equal(['Front matter line 2, title', 'Front matter line 3, autho']);
      const good = parseArticleWithProblems('g.md', article(['title: "Two: libraries"', "outlet: 'The Courier'", 'author: [Jane Doe]', 'published: 2025-09-12', 'tags: ": anything"']), 0);
      expect(good.problems).to.deep.equal([]);
      expect(good.article.meta).to.include({ title: 'Two: libraries', outlet: 'The Courier', author: 'Jane Doe', published: '2025-09-12' });
    });
  });
});
