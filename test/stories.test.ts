/** The story catalogue on the repository's fixture stories: discovery, titles, lazy per-story engines. */
import { expect } from 'chai';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverStories, singleStory, StoryCatalogue } from '../src/stories/catalogue.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/stories');

describe('story catalogue', function () {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'desk-stories-'));
    cpSync(FIXTURES, dir, { recursive: true });
    writeFileSync(path.join(dir, '2023-mine-rescue', 'story.yml'), 'title: "Mine rescue"\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds one story per folder, titled by story.yml or else by its id', () => {
    const stories = discoverStories(dir);
    expect(stories.map((s) => s.id)).to.deep.equal(['2021-treasurer-pleads-guilty', '2022-speaker-election', '2023-mine-rescue']);
    expect(stories.map((s) => s.title)).to.deep.equal(['2021-treasurer-pleads-guilty', '2022-speaker-election', 'Mine rescue']);
    expect(singleStory(path.join(dir, '2022-speaker-election')).id).to.equal('2022-speaker-election');
  });

  it('loads each story on first use, once, each from its own folder', async function () {
    this.timeout(120_000); // two cold loads, on a shared machine
    const catalogue = new StoryCatalogue(discoverStories(dir), { cache: false, workers: 0 });
    expect(catalogue.onlyStory).to.equal(null);
    expect(catalogue.matching('mine').map((s) => s.id)).to.deep.equal(['2023-mine-rescue']);
    expect(catalogue.engine('no-such-story')).to.equal(null);
    const first = catalogue.engine('2023-mine-rescue');
    expect(catalogue.engine('2023-mine-rescue')).to.equal(first);
    const mine = await first!;
    const speaker = await catalogue.engine('2022-speaker-election')!;
    const files = (e: typeof mine): string[] => e.knowledge.articles.map((a) => path.basename(a.file)).sort();
    expect(files(mine)).to.deep.equal(['northern-ledger.txt', 'valley-courier.txt', 'westmark-radio.txt']);
    expect(files(speaker)).to.deep.equal(['harbor-news.txt', 'metro-daily.txt', 'state-journal.txt']);
    expect(catalogue.lastUpdate('2023-mine-rescue')).to.be.instanceOf(Date);
  });
});
