/** Dictionary tables cached as JSON beside the project (WordNet synonyms, noun sorts). */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readOrBuildJson } from '../src/text/jsonCache.js';
import { nounSorts } from '../src/text/nounSorts.js';

const isTable = (v: unknown): v is { words: string[] } => typeof v === 'object' && v !== null && 'words' in v && Array.isArray(v.words);

describe('dictionary tables cached as JSON', () => {
  it('builds a missing or truncated table, writes it, and reads it back without building again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'json-cache-'));
    try {
      const file = path.join(dir, 'sub', 'table.json');
      let builds = 0;
      const build = () => ({ words: ['linebacker', `build ${++builds}`] });
      expect(readOrBuildJson(file, isTable, build)).to.deep.equal({ words: ['linebacker', 'build 1'] });
      expect(readOrBuildJson(file, isTable, build)).to.deep.equal({ words: ['linebacker', 'build 1'] });
      expect(builds).to.equal(1);
      await writeFile(file, '{"words": ["lineb');
      expect(readOrBuildJson(file, isTable, build)).to.deep.equal({ words: ['linebacker', 'build 2'] });
      await writeFile(file, '{"other": 1}');
      expect(readOrBuildJson(file, isTable, build).words[1]).to.equal('build 3');
      expect(JSON.parse(await readFile(file, 'utf8'))).to.deep.equal({ words: ['linebacker', 'build 3'] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sorts nouns by what WordNet files their senses under', () => {
    const sorts = nounSorts();
    expect(sorts.sortOf('linebacker')).to.equal('person');
    expect(sorts.sortOf('archeologists')).to.equal('person');
    expect(sorts.sortOf('district')).to.equal('place');
    expect(sorts.sortOf('stadium')).to.equal(null);
    expect(sorts.sortOf('rock')).to.equal(null);
  });
});
