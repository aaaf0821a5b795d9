/**
 * /brief through the real bot (discord.js against the stand-in on loopback) on the seed story: deferred,
 * every message accepted within Discord's limits, the pages turned with the pager's buttons, and every
 * line of the engine's brief shown with the outlet and paragraph it comes from.
 */
import { expect } from 'chai';
import path from 'node:path';
import { publisherName } from '../../src/answer/sources.js';
import { Engine } from '../../src/engine.js';
import { pagesToText } from '../../src/render/embed.js';
import type { Embed } from '../../src/render/paging.js';
import { fold } from '../support/cited.js';
import { startStandIn, startTestBot, type TestBot } from './harness.js';
import type { DiscordStandIn, InteractionRecord } from './standin.js';

const SEEDS = path.resolve(import.meta.dirname, '../../seeds');

const textOf = (embeds: readonly unknown[]): string => pagesToText([{ embeds: [...(embeds as Embed[])] }]).replace(/\\(.)/g, '$1');

type Rows = { components: { custom_id: string; label: string; disabled: boolean }[] }[];

/** Every page of a paged reply, turned with its Next button as a person would. */
async function allPages(standIn: DiscordStandIn, record: InteractionRecord): Promise<string[]> {
  const pages = [textOf(record.original!.embeds as unknown[])];
  const rows = record.original!.components as Rows | undefined;
  if (!rows?.length) return pages;
  const total = Number(rows[0]!.components[1]!.label.split(' / ')[1]);
  let message = record.original!;
  let next = rows[0]!.components[2]!.custom_id;
  for (let page = 2; page <= total; page++) {
    const click = await standIn.answered(standIn.click(message, next));
    expect(click.rejected).to.deep.equal([]);
    const buttons = (click.original!.components as Rows)[0]!.components;
    expect(buttons[1]!.label).to.equal(`${page} / ${total}`);
    pages.push(textOf(click.original!.embeds as unknown[]));
    message = { ...message, embeds: click.original!.embeds, components: click.original!.components };
    next = buttons[2]!.custom_id;
  }
  return pages;
}

describe('/brief against the stand-in', function () {
  this.timeout(60_000);
  let engine: Engine;
  let standIn: DiscordStandIn;
  let bot: TestBot;

  before(async () => {
    engine = await Engine.load(SEEDS);
    const started = await startStandIn();
    standIn = started.standIn;
    bot = await startTestBot(standIn, started.token, engine);
  });

  after(async () => {
    await bot?.bot.stop();
    await standIn?.close();
  });

  it('answers deferred, every page accepted, every line of the brief shown with its citation', async () => {
    const record = await standIn.answered(standIn.command('brief'));
    expect(record.callbacks).to.deep.equal([5]);
    expect(record.rejected).to.deep.equal([]);
    const pages = await allPages(standIn, record);
    const all = pages.join('\n');
    for (const heading of ['Key facts', 'Outlets differ: ', 'Latest developments', 'Main quotes']) expect(all).to.include(heading);
    for (const page of pages) expect(page).to.match(/^Brief: /);

    const brief = engine.brief();
    // each line as it is shown: key facts and versions quoted, developments after their date, quotes in marks
    const lines = [
      ...[...brief.keyFacts, ...brief.conflicts.flatMap((c) => c.claims)].map((f) => ({ shown: `> ${f.text}`, first: f.sources[0]! })),
      ...brief.developments.map((e) => ({ shown: `— ${e.text}`, first: e.sources[0]! })),
      ...brief.quotes.map((q) => ({ shown: `> “${q.text}”`, first: q.sources[0]! })),
    ];
    expect(lines.length).to.be.greaterThan(10);
    const folded = fold(all);
    for (const { shown, first } of lines) {
      const at = folded.indexOf(fold(shown));
      expect(at, shown).to.be.at.least(0);
      // then, on a line of its own after it (a quote's speaker or how a date was read between), its own source: outlet (or what names it) and paragraph
      const after = folded.slice(at + fold(shown).length, at + fold(shown).length + 200);
      expect(after, shown).to.match(new RegExp(`^(?: [^↳]+)? ↳ ${publisherName(first).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · (?:\\d{1,2} \\w{3} \\d{4} · )?¶${first.paragraph}\\b`));
    }
    for (const f of brief.keyFacts) expect(all).to.include(`reported by ${f.outlets} of ${brief.outlets} outlets`);
  });

  it('gives the same brief on a second run', async () => {
    const first = await allPages(standIn, await standIn.answered(standIn.command('brief')));
    const second = await allPages(standIn, await standIn.answered(standIn.command('brief')));
    expect(second).to.deep.equal(first);
  });
});
