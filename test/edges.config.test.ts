/** MAX_ARTICLE_BYTES: the setting the "file too large" message points to, read and checked with the rest. */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, readConfig } from '../src/bot/config.js';
import { DEFAULT_MAX_FILE_BYTES, loadCorpus, readMaxArticleBytes } from '../src/corpus/load.js';
import { ask } from './support/askCli.js';

const PARAGRAPH = 'The council met on Tuesday and voted to close two libraries in the north of the town, officials said.';

/** A corpus folder with one small article and one of about 3 KB. */
function corpus(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edges-'));
  writeFileSync(path.join(dir, 'small.txt'), `${PARAGRAPH}\n`);
  writeFileSync(path.join(dir, 'long.txt'), Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1}: ${PARAGRAPH}`).join('\n\n'));
  return dir;
}

async function withEnv<T>(name: string, value: string, run: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

describe('MAX_ARTICLE_BYTES', function () {
  this.timeout(60_000);

  it('reads bytes, KB and MB; defaults to 5 MB; refuses nonsense with what to set', () => {
    expect(readMaxArticleBytes(undefined)).to.deep.equal({ bytes: DEFAULT_MAX_FILE_BYTES });
    expect(readMaxArticleBytes(' ')).to.deep.equal({ bytes: DEFAULT_MAX_FILE_BYTES });
    expect(readMaxArticleBytes('2048')).to.deep.equal({ bytes: 2048 });
    expect(readMaxArticleBytes('800 KB')).to.deep.equal({ bytes: 800 * 1024 });
    expect(readMaxArticleBytes('10MB')).to.deep.equal({ bytes: 10 * 1024 * 1024 });
    for (const bad of ['lots', '-5', '10 GB', '12', '1e9']) expect(readMaxArticleBytes(bad), bad).to.have.property('problem').that.match(/^MAX_ARTICLE_BYTES must be/);
  });

  it('is part of the bot configuration, read once and checked with the rest', () => {
    expect(readConfig({ MAX_ARTICLE_BYTES: '10MB' }, '/srv/bot').maxArticleBytes).to.equal(10 * 1024 * 1024);
    expect(readConfig({}, '/srv/bot').maxArticleBytes).to.equal(DEFAULT_MAX_FILE_BYTES);
    try {
      readConfig({ MAX_ARTICLE_BYTES: 'huge', LOG_LEVEL: 'loud' }, '/srv/bot');
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(' ')[0])).to.deep.equal(['LOG_LEVEL', 'MAX_ARTICLE_BYTES']);
    }
  });

  it('the message for a file over the limit names the setting that raises it', async () => {
    const result = await loadCorpus(corpus(), { maxFileBytes: 2048 });
    expect(result.articles.map((a) => a.file)).to.deep.equal(['small.txt']);
    expect(result.problems[0]?.message).to.include('over the 2 KB limit').and.include('raise MAX_ARTICLE_BYTES');
  });

  it('ask: a low MAX_ARTICLE_BYTES skips the long file, a higher one loads it, a bad one is a usage error', async () => {
    const dir = corpus();
    const low = await withEnv('MAX_ARTICLE_BYTES', '2KB', () => ask(['--corpus', dir, '--no-cache', '--report']));
    expect(low.stdout).to.include('1 articles loaded').and.include('long.txt: Skipped').and.include('MAX_ARTICLE_BYTES');
    const high = await withEnv('MAX_ARTICLE_BYTES', '8KB', () => ask(['--corpus', dir, '--no-cache', '--report']));
    expect(high.stdout).to.include('2 articles loaded');
    const bad = await withEnv('MAX_ARTICLE_BYTES', 'big', () => ask(['--corpus', dir, 'What did the council do?']));
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.include('MAX_ARTICLE_BYTES must be');
  });

  it('is documented in the README configuration table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
    expect(section).to.match(/^\| `MAX_ARTICLE_BYTES` \| `ask`, `start` \| .*5 MB/m);
  });
});
