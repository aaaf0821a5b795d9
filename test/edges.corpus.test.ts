/** Rough edges of reading articles: a broken header, embedded-post residue, an article that names no outlet. */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { outletLabel, publisherName } from '../src/answer/sources.js';
import { loadCorpus, parseArticle, parseArticleWithProblems } from '../src/corpus/load.js';
import { formatReport } from '../src/corpus/report.js';
import { Engine } from '../src/engine.js';
import { pagesToText, renderAnswer, renderTimeline } from '../src/render/embed.js';
import { renderAnswerText } from '../src/render/text.js';

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

  describe('embedded-post residue', () => {
    const text = [
      'The council met on Tuesday and voted to close two libraries in the north of the town, officials said.',
      '',
      'Libraries are where our town learns to read. We will fight this decision in every way we can… pic.twitter.com/Ab12Cd34Ef— Jane Doe (@janedoe_77) September 9, 2025',
      '',
      'Closing day is set for October 1, 2025. https://t.co/Xy98Zw — Town Hall (@TownHall) September 10, 2025',
      '',
      'Residents had collected 4,000 signatures against the closures, the organisers said. pic.twitter.com/Qq11Rr22',
      '',
      'pic.twitter.com/Zz00Yy99',
      '',
    ].join('\n');

    it('strips the picture link and the post signature, keeps the words before them verbatim, and says why', () => {
      const a = parseArticle('post.txt', text, 0);
      const paragraphs = a.paragraphs.map((p) => p.text).join('\n');
      expect(paragraphs).not.to.match(/pic\.twitter\.com|t\.co\/|\(@|Jane Doe/);
      expect(paragraphs).to.include('We will fight this decision in every way we can…');
      expect(paragraphs).to.include('Closing day is set for October 1, 2025.');
      expect(paragraphs).to.include('the organisers said.');
      const residue = a.stripped.filter((l) => l.reason === 'embedded-post residue').map((l) => l.text);
      expect(residue).to.deep.equal([
        'pic.twitter.com/Ab12Cd34Ef— Jane Doe (@janedoe_77) September 9, 2025',
        'https://t.co/Xy98Zw — Town Hall (@TownHall) September 10, 2025',
        'pic.twitter.com/Qq11Rr22',
        'pic.twitter.com/Zz00Yy99',
      ]);
    });

    it('leaves a sentence that mentions a handle alone', () => {
      const a = parseArticle('x.txt', 'The mayor, who posts as (@mayor_town) on X, said the decision was final and would not be revisited.\n', 0);
      expect(a.stripped).to.deep.equal([]);
    });

    it('the seed story\'s timeline shows no embedded-post residue', async () => {
      const engine = await Engine.load(new URL('../seeds', import.meta.url).pathname);
      const shown = pagesToText(renderTimeline(engine.timeline()));
      expect(shown).to.include('September');
      expect(shown).not.to.match(/pic\.twitter\.com|\(@\w+\)/);
    });
  });

  describe('an article that names no outlet', () => {
    const base = { outlet: null, title: null, url: null, file: '003_ba2a3b.txt' };
    it('is named by its outlet, else its site, else its title, else as an unnamed outlet with its file', () => {
      expect(publisherName({ ...base, outlet: 'The Courier', url: 'https://www.example.org/a' })).to.equal('The Courier');
      expect(publisherName({ ...base, url: 'https://www.example.org/news/a?b=1', title: 'Two libraries to close' })).to.equal('example.org');
      expect(publisherName({ ...base, url: 'not a url', title: 'Two libraries to close' })).to.equal('“Two libraries to close”');
      expect(publisherName({ ...base, title: 'A'.repeat(100) })).to.have.length(62);
      expect(publisherName(base)).to.equal('unnamed outlet (file 003_ba2a3b.txt)');
    });

    it('answers cite it so, in the terminal, in Discord and in the agreement line', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'edges-'));
      const story = 'The council voted on Tuesday to close two libraries in the north of the town, officials said.';
      writeFileSync(path.join(dir, 'a1f3.txt'), `${story}\n`);
      writeFileSync(path.join(dir, 'b2e4.md'), `---\nurl: https://www.riverside-courier.example/libraries\n---\n\n${story}\n`);
      const engine = await Engine.load(dir, { cache: false });
      const answer = engine.ask('What did the council vote to close?');
      expect(answer.answered).to.equal(true);
      const names = answer.agreement.names;
      expect(names).to.have.members(['unnamed outlet (file a1f3.txt)', 'riverside-courier.example']);
      const text = renderAnswerText(answer);
      const discord = pagesToText(renderAnswer(answer));
      for (const shown of [text, discord]) {
        expect(shown).to.match(/unnamed outlet \(file a1f3\.txt\)|riverside-courier\.example/);
        expect(shown).not.to.match(/(?<!file )a1f3\.txt/);
      }
      expect(outletLabel(parseArticle('c.txt', `# Two libraries to close\n\n${story}\n`, 0))).to.equal('“Two libraries to close”');
    });
  });
});
