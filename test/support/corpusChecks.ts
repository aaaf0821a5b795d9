/** Checks on a loaded corpus that hold for any folder of clean articles with YAML front matter. */
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load.js';
import type { LoadResult } from '../../src/types.js';
import { fold } from './cited.js';

/** Every kept paragraph is a verbatim stretch of its file (once runs of whitespace are folded). */
export async function expectVerbatim(result: LoadResult): Promise<void> {
  for (const article of result.articles) {
    const file = fold(await readFile(path.join(result.root, article.file), 'utf8'));
    for (const p of article.paragraphs) {
      expect(p.text.trim(), `${article.file} ¶${p.index}`).to.equal(p.text);
      expect(file.includes(fold(p.text)), `${article.file} ¶${p.index} not verbatim: ${p.text.slice(0, 80)}`).to.equal(true);
    }
  }
}

export interface FrontMatterExpectations {
  articles: number;
  /** The first file in load order. */
  first: string;
  /** Every outlet named, sorted. */
  outlets: string[];
  minParagraphs: number;
  /** The dateline each file's first paragraph gives (undefined: none). */
  datelines: Record<string, string | undefined>;
}

/** Registers the tests for a folder of story sub-folders whose articles are front matter and clean paragraphs. */
export function frontMatterChecks(dir: string, want: FrontMatterExpectations): void {
  let result: LoadResult;
  before(async () => {
    result = await loadCorpus(dir);
  });

  it(`loads all ${want.articles} articles (not the README) with no problems`, () => {
    expect(result.problems).to.deep.equal([]);
    expect(result.articles).to.have.length(want.articles);
    expect(result.articles.map((a) => a.file)).to.not.include('README.md');
    expect(result.articles[0]?.file).to.equal(want.first);
  });

  it('reads title, outlet, url and published from the front matter exactly', async () => {
    for (const a of result.articles) {
      const raw = await readFile(path.join(dir, a.file), 'utf8');
      const field = (key: string): string | undefined => new RegExp(`^${key}: (.*)$`, 'm').exec(raw)?.[1];
      const title = field('title') ?? '';
      expect(a.meta.title, a.file).to.equal(JSON.parse(title));
      expect(a.meta.outlet, a.file).to.equal(field('outlet'));
      expect(a.meta.url, a.file).to.equal(field('url'));
      expect(a.meta.published, a.file).to.equal(field('published'));
      expect(a.metaOrigin.title?.source).to.equal('front-matter');
      expect(a.paragraphs.length, a.file).to.be.greaterThan(want.minParagraphs);
    }
    expect([...new Set(result.articles.map((a) => a.meta.outlet))].sort()).to.deep.equal(want.outlets);
  });

  it('strips nothing from clean article bodies but embedded-post residue: one paragraph per body paragraph, verbatim', async () => {
    for (const a of result.articles) {
      // an embedded post's link and signature ("pic.twitter.com/… — Name (@handle) Date") is not reporting
      for (const s of a.stripped) expect(s.reason, `${a.file}: ${s.text}`).to.equal('embedded-post residue');
      const residue = a.stripped.map((s) => s.text);
      const raw = await readFile(path.join(dir, a.file), 'utf8');
      const body = raw.split(/^---$/m)[2] ?? '';
      const expected = body
        .split(/\n\s*\n/)
        .map((p) => residue.reduce((text, r) => text.replace(r, ''), p).trim())
        .filter(Boolean);
      expect(a.paragraphs.map((p) => p.text), a.file).to.deep.equal(expected);
    }
    await expectVerbatim(result);
  });

  it('reads a dateline at the start of the first paragraph', () => {
    for (const [file, dateline] of Object.entries(want.datelines)) {
      const a = result.articles.find((x) => x.file === file);
      expect(a, file).to.not.equal(undefined);
      expect(a?.meta.dateline, file).to.equal(dateline);
      if (dateline) expect(a?.metaOrigin.dateline?.source).to.equal('inferred');
    }
  });
}
