import { expect } from 'chai';
import { escapeText, formatDate, pagesToText, renderAnswer, renderTimeline, sourceLine } from '../src/render/embed.js';
import { clip, embedLength, LIMITS, pageProblems, paginate, type Page } from '../src/render/paging.js';
import { widelyReported } from './discord/answers.js';
import { messageProblems } from './discord/validate.js';

function allText(pages: readonly Page[]): string {
  return pages
    .flatMap((p) => p.embeds)
    .map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].join('\n'))
    .join('\n');
}

describe('render: paging within Discord limits', () => {
  it('lays an answer with 80 sources out in pages that Discord accepts, every citation whole', () => {
    const answer = widelyReported(80);
    const pages = renderAnswer(answer);
    expect(pages.length).to.be.greaterThan(1);
    for (const page of pages) {
      expect(pageProblems(page)).to.deep.equal([]);
      expect(messageProblems({ embeds: page.embeds }, { partial: false }), 'the stand-in agrees').to.deep.equal([]);
    }
    const text = allText(pages);
    const sourcesField = pages.flatMap((p) => p.embeds).flatMap((e) => e.fields ?? []).filter((f) => f.name.startsWith('Sources'));
    const lines = sourcesField.flatMap((f) => f.value.split('\n'));
    /* 80 sources plus the one only the conflict cites, numbered 1..81 in order, each line a whole citation. */
    expect(lines.map((l) => /^\*\*\[(\d+)\]\*\*/.exec(l)?.[1])).to.deep.equal(Array.from({ length: 81 }, (_, i) => String(i + 1)));
    for (let i = 0; i < 80; i++) {
      const ref = answer.facts[0]!.sources[i]!;
      expect(lines[i]).to.equal(`**[${i + 1}]** ${sourceLine(ref)}`);
      expect(lines[i]).to.include(`(${ref.url})`);
    }
    expect(text).to.include('Outlets differ: number of prisoners released');
    expect(pages.map((p) => p.embeds.at(-1)?.footer?.text)).to.deep.equal(
      pages.map((_, i) => `Verbatim from the coverage · confidence high · page ${i + 1}/${pages.length}`),
    );
  });

  it('puts an item too long for a field in a description instead of cutting it', () => {
    const long = `${'word '.repeat(300)}end [1]`;
    const pages = paginate({ title: 'T', lead: [], sections: [{ heading: 'Facts', items: ['short [2]', long] }] });
    expect(pages).to.have.length(1);
    const embeds = pages[0]!.embeds;
    expect(embeds[0]?.fields?.[0]).to.deep.equal({ name: 'Facts', value: 'short [2]' });
    expect(embeds[1]?.description).to.equal(`**Facts (cont.)**\n${long}`);
    expect(pageProblems(pages[0]!)).to.deep.equal([]);
  });

  it('respects the 25-field and 10-embed limits with many small items', () => {
    const sections = Array.from({ length: 300 }, (_, i) => ({ heading: `Section ${i}`, items: [`item ${i}`] }));
    const pages = paginate({ title: 'Many', lead: ['intro'], sections });
    for (const page of pages) expect(pageProblems(page)).to.deep.equal([]);
    const values = pages.flatMap((p) => p.embeds).flatMap((e) => e.fields ?? []).map((f) => f.value);
    expect(values).to.deep.equal(sections.map((s) => s.items[0]));
    expect(Math.max(...pages.flatMap((p) => p.embeds).map((e) => e.fields?.length ?? 0))).to.equal(LIMITS.fields);
  });

  it('clips an over-long title at a word boundary and counts every part towards 6,000', () => {
    const title = clip('word '.repeat(100), LIMITS.title);
    expect(title.length).to.be.at.most(256);
    expect(title.endsWith('word…')).to.equal(true);
    expect(embedLength({ title: 'ab', description: 'cde', fields: [{ name: 'f', value: 'gh' }], footer: { text: 'i' } })).to.equal(9);
  });
});

describe('render: content', () => {
  it('escapes markdown and defuses mentions in echoed text', () => {
    expect(escapeText('@everyone look at <@&123> and **this**')).to.equal('@\u200beveryone look at <\u200b@&123> and \\*\\*this\\*\\*');
    expect(escapeText('> not a quote\n# not a heading')).to.equal('\\> not a quote\n\\# not a heading');
  });

  it('formats dates with their precision', () => {
    expect(formatDate('2025-09-11')).to.equal('11 Sep 2025');
    expect(formatDate('2025-09-01', 'month')).to.equal('September 2025');
    expect(formatDate('2025-01-01', 'year')).to.equal('2025');
    expect(formatDate(null)).to.equal(null);
  });

  it('says when the coverage does not answer, and offers the closest facts with citations', () => {
    const answer = { ...widelyReported(2), answered: false, tier: 'not-covered' as const, answer: 'Nothing in the coverage says who paid.', conflicts: [] };
    const text = pagesToText(renderAnswer(answer));
    expect(text.split('\n')[2]).to.equal('Nothing in the coverage says who paid.');
    expect(text).to.include('Closest facts');
    expect(text).to.include('[1] The Very Long Named Regional Evening Chronicle and Advertiser No. 0 · 1 Sep 2025 · ¶1 · https://news.example/0/');
  });

  it('shows a "not sure" as the closest passages, never as the answer', () => {
    const answer = { ...widelyReported(2), answered: false, tier: 'not-sure' as const, answer: 'Not sure: these passages come closest.', conflicts: [] };
    const text = pagesToText(renderAnswer(answer));
    expect(text).to.include('Closest passages (not an answer)');
    expect(text).to.include('Not sure · the closest passages, verbatim, none given as the answer');
    expect(text).not.to.include('Reported by');
    expect(text).not.to.include('Closest facts');
  });

  it('renders a timeline grouped by month with how each date was read', () => {
    const pages = renderTimeline([
      {
        date: '2025-09-11',
        precision: 'day',
        how: '“on Thursday”: the Thursday before publication (2025-09-12)',
        text: 'The group crossed the border on Thursday.',
        sources: [{ file: 'a.txt', outlet: 'Daily', published: '2025-09-12', paragraph: 2, quote: 'x' }],
      },
    ]);
    const text = pagesToText(pages);
    expect(text).to.include('September 2025\n11 Sep 2025 — The group crossed the border on Thursday.');
    expect(text).to.include('“on Thursday”: the Thursday before publication (2025-09-12)');
    expect(text).to.include('↳ Daily · 12 Sep 2025 · ¶2');
  });
});
