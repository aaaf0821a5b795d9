/**
 * The meeting brief (/brief, ask --brief) on the seed story and a fixture story: every line verbatim in
 * the file it cites, every section there, the same brief on every load, and the Discord pages within
 * Discord's limits (checked by the stand-in's own validator, not the bot's packer).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine, type Brief } from '../src/engine.js';
import type { SourceRef } from '../src/answer/types.js';
import { briefJson, briefMarkdown, renderBrief } from '../src/render/brief.js';
import { pagesToText } from '../src/render/embed.js';
import { pageProblems } from '../src/render/paging.js';
import { fold, foldedFile } from './support/cited.js';
import { seedsDir, story } from './support/paths.js';
import { messageProblems } from './discord/validate.js';
import { markdownLines } from './support/briefMarkdown.js';

const MINE = story('2023-mine-rescue');

/** A citation names a file of the corpus by a relative path, a paragraph, and a sentence verbatim in that file. */
function expectSource(s: SourceRef, root: string): void {
  expect(path.isAbsolute(s.file), s.file).to.equal(false);
  expect(s.paragraph).to.be.a('number').and.at.least(1);
  expect(foldedFile(root, s.file).includes(fold(s.quote)), `quote not verbatim in ${s.file}: ${s.quote}`).to.equal(true);
}

/** A line of the brief: verbatim part of its first source's sentence, and every source verbatim in its file. */
function expectLine(text: string, sources: readonly SourceRef[], root: string): void {
  expect(sources.length, `line without a source: ${text}`).to.be.greaterThan(0);
  expect(fold(sources[0]!.quote).includes(fold(text)), `not part of its cited sentence: ${text}`).to.equal(true);
  expect(foldedFile(root, sources[0]!.file).includes(fold(text)), `not verbatim in ${sources[0]!.file}: ${text}`).to.equal(true);
  for (const s of sources) expectSource(s, root);
}

function expectCitedBrief(brief: Brief, root: string): void {
  for (const f of brief.keyFacts) expectLine(f.text, f.sources, root);
  for (const c of brief.conflicts) for (const claim of c.claims) expectLine(claim.text, claim.sources, root);
  for (const e of brief.developments) expectLine(e.text, e.sources, root);
  for (const q of brief.quotes) expectLine(q.text, q.sources, root);
}

const outletsOf = (sources: readonly SourceRef[]): number => new Set(sources.map((s) => (s.outlet ? `o:${s.outlet.toLowerCase()}` : `f:${s.file}`))).size;

describe('meeting brief', function () {
  this.timeout(60_000);
  let seeds: Engine;
  let mine: Engine;

  before(async () => {
    seeds = await Engine.load(seedsDir);
    mine = await Engine.load(MINE);
  });

  for (const [name, root, engine] of [['the seeds', seedsDir, () => seeds], ['a fixture story', MINE, () => mine]] as const) {
    describe(`on ${name}`, () => {
      it('cites every line: verbatim in its first source, each source verbatim in its file', () => {
        const brief = engine().brief();
        expectCitedBrief(brief, root);
      });

      it('has key facts, latest developments and main quotes, none said twice', () => {
        const brief = engine().brief();
        expect(brief.keyFacts.length).to.be.greaterThan(2);
        expect(brief.developments.length).to.be.greaterThan(1);
        expect(brief.quotes.length).to.be.greaterThan(1);
        const keyLines = brief.keyFacts.map((f) => f.sources[0]!.quote);
        expect(new Set(keyLines).size).to.equal(keyLines.length);
        for (const e of brief.developments) expect(keyLines).to.not.include(e.sources[0]!.quote);
        for (const q of brief.quotes) expect(keyLines).to.not.include(q.sources[0]!.quote);
      });

      it('counts outlets from the sources shown, and never more than the coverage has', () => {
        const brief = engine().brief();
        expect(brief.outlets).to.equal(engine().stats().outlets);
        for (const f of brief.keyFacts) {
          expect(f.outlets).to.equal(outletsOf(f.sources));
          expect(f.outlets).to.be.within(1, brief.outlets);
          // one source per article: another sentence of the same article is not another report
          expect(new Set(f.sources.map((s) => s.file)).size).to.equal(f.sources.length);
        }
      });

      it('gives the latest developments newest first, each with how its date was read', () => {
        const brief = engine().brief();
        const dates = brief.developments.map((e) => e.date);
        expect(dates).to.deep.equal([...dates].sort().reverse());
        const newest = engine().timeline().map((e) => e.date).sort().reverse()[0];
        expect(dates[0]).to.equal(newest);
        for (const e of brief.developments) expect(e.how).to.be.a('string').and.not.equal('');
      });

      it('gives main quotes with their speakers, a second quote of a speaker only after every speaker has one', () => {
        const brief = engine().brief();
        const speakers = brief.quotes.map((q) => q.speaker);
        for (const s of speakers) expect(s.trim()).to.not.equal('');
        const firstRepeat = speakers.findIndex((s, i) => speakers.indexOf(s) !== i);
        if (firstRepeat >= 0) {
          // every speaker with a quote the brief may show (five words or more, not a key fact's sentence)
          const keyLines = new Set(brief.keyFacts.map((f) => f.sources[0]!.quote));
          const all = new Set(engine().quotes().filter((q) => q.speaker && q.text.split(/\s+/).filter(Boolean).length >= 5 && !keyLines.has(q.sources[0]!.quote)).map((q) => q.speaker));
          expect(new Set(speakers.slice(0, firstRepeat)).size).to.equal(all.size);
        }
        for (const q of brief.quotes) expect(q.outlets).to.equal(outletsOf(q.sources));
      });

      it('is the same on every load', async () => {
        const again = await Engine.load(root, { cache: false });
        expect(again.brief()).to.deep.equal(engine().brief());
        expect(briefMarkdown(again.brief(), 'x')).to.equal(briefMarkdown(engine().brief(), 'x'));
      });

      it('fits Discord: every page accepted by the stand-in, every line of coverage shown whole', () => {
        const brief = engine().brief();
        const pages = renderBrief(brief, name);
        for (const page of pages) {
          expect(pageProblems(page)).to.deep.equal([]);
          expect(messageProblems({ embeds: page.embeds }, { partial: false })).to.deep.equal([]);
        }
        const text = pagesToText(pages).replace(/\\(.)/g, '$1');
        for (const line of [...brief.keyFacts, ...brief.developments, ...brief.quotes, ...brief.conflicts.flatMap((c) => c.claims)]) {
          expect(fold(text)).to.include(fold(line.text));
        }
      });

      it('writes Markdown whose every line of coverage is verbatim in the file its citation names', () => {
        const brief = engine().brief();
        const md = briefMarkdown(brief, name);
        for (const heading of ['## Key facts', '## Where outlets differ', '## Latest developments', '## Main quotes']) expect(md).to.include(heading);
        const lines = markdownLines(md);
        const shown = brief.keyFacts.length + brief.developments.length + brief.quotes.length + brief.conflicts.reduce((n, c) => n + c.claims.length, 0);
        expect(lines.length).to.equal(shown);
        for (const line of lines) {
          expect(foldedFile(root, line.file).includes(fold(line.text)), `not verbatim in ${line.file}: ${line.text}`).to.equal(true);
          expect(line.paragraph).to.be.at.least(1);
        }
      });
    });
  }

  it('on the seeds, ranks first a fact that the most outlets report, and shows where outlets differ', () => {
    const brief = seeds.brief();
    expect(brief.keyFacts[0]!.outlets).to.equal(Math.max(...brief.keyFacts.map((f) => f.outlets)));
    expect(brief.conflicts.length).to.equal(Math.min(seeds.conflicts().length, 5)).and.to.be.greaterThan(0);
    for (const c of brief.conflicts) expect(c.claims.length).to.be.greaterThan(1);
  });

  it('JSON: the same lines with sources in the ask --json shape', () => {
    const brief = seeds.brief();
    const json = JSON.parse(JSON.stringify(briefJson(brief, 'seeds'))) as { keyFacts: Array<{ text: string; sources: Record<string, unknown>[] }> };
    expect(json.keyFacts.map((f) => f.text)).to.deep.equal(brief.keyFacts.map((f) => f.text));
    for (const f of json.keyFacts) for (const s of f.sources) expect(Object.keys(s)).to.deep.equal(['file', 'outlet', 'published', 'paragraph', 'quote']);
  });

  it('pages a brief too long for one message, never cutting a line or its citation', () => {
    // the seeds' brief with every line cited by many articles with long outlet names and links
    const brief = seeds.brief();
    const many = (sources: readonly SourceRef[]): SourceRef[] =>
      Array.from({ length: 40 }, (_, i) => ({ ...sources[0]!, ...(i ? { file: `other-${i}.txt`, outlet: `A Regional Evening Chronicle and Advertiser No. ${i}`, url: `https://news.example/${i}/a-long-article-slug-${i}` } : {}) }));
    const big: Brief = {
      ...brief,
      keyFacts: brief.keyFacts.map((f) => ({ ...f, sources: many(f.sources) })),
      developments: brief.developments.map((e) => ({ ...e, sources: many(e.sources) })),
      quotes: brief.quotes.map((q) => ({ ...q, sources: many(q.sources) })),
    };
    const pages = renderBrief(big, 'A story with a long name '.repeat(20));
    expect(pages.length).to.be.greaterThan(1);
    for (const page of pages) expect(messageProblems({ embeds: page.embeds }, { partial: false })).to.deep.equal([]);
    const text = fold(pagesToText(pages).replace(/\\(.)/g, '$1'));
    for (const f of brief.keyFacts) expect(text).to.include(fold(f.text));
    // the first source in full, four more by name, the other 35 counted
    expect(text).to.include('and 35 more');
  });

  it('says so when a section has nothing, and still fits Discord and reads as Markdown', async () => {
    // one article without a date, a quote or a figure that another outlet also gives
    const dir = mkdtempSync(path.join(os.tmpdir(), 'brief-empty-'));
    try {
      writeFileSync(
        path.join(dir, 'note.md'),
        '---\ntitle: Harbour works go on\noutlet: Quay Weekly\n---\n\nWork on the harbour wall of Port Selby went on without a pause, the council said.\n\nThe council has not said when the work will end, and the contractor, Brandwell Marine, would not comment.\n',
      );
      const engine = await Engine.load(dir, { cache: false });
      const brief = engine.brief();
      expect(brief.conflicts).to.deep.equal([]);
      expect(brief.developments).to.deep.equal([]);
      expect(brief.quotes).to.deep.equal([]);
      expectCitedBrief(brief, dir);
      const pages = renderBrief(brief, 'harbour');
      for (const page of pages) expect(messageProblems({ embeds: page.embeds }, { partial: false })).to.deep.equal([]);
      const text = pagesToText(pages);
      expect(text).to.include('The outlets do not contradict each other');
      expect(text).to.include('No dated events were found.');
      expect(text).to.include('No quotes with a named speaker were found.');
      const md = briefMarkdown(brief, 'harbour');
      for (const heading of ['## Key facts', '## Where outlets differ', '## Latest developments (0 of 0 dated events)', '## Main quotes (0 of 0)']) expect(md).to.include(heading);
      expect(markdownLines(md).length).to.equal(brief.keyFacts.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
