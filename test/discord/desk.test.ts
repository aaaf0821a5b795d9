/**
 * The newsroom desk through the real bot: stories bound to channels by editors, threads answering from
 * their channel's story, the story: option, /story list|show, /add of attachments served on loopback,
 * bad attachments refused, and a file dropped into a story folder answered without a restart.
 */
import { expect } from 'chai';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoverageEngine } from '../../src/bot/command.js';
import { EDITORS_ONLY } from '../../src/bot/invoke.js';
import { Desk } from '../../src/desk/desk.js';
import { ArticleIntake } from '../../src/desk/intake.js';
import { pagesToText } from '../../src/render/embed.js';
import type { Embed } from '../../src/render/paging.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { discoverStories, StoryCatalogue } from '../../src/stories/catalogue.js';
import { EDITOR_PERMISSIONS, snowflake, type GuildSpec, type UserSpec } from './fixtures.js';
import { startStandIn, startTestBot, type TestBot } from './harness.js';
import { EPHEMERAL, type DiscordStandIn, type InteractionRecord } from './standin.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/stories');
const TREASURER = '2021-treasurer-pleads-guilty';
const MINE = '2023-mine-rescue';
const TREASURER_OUTLETS = ['Capitol Wire', 'Evening Post', 'Lakeside Tribune'];
const MINE_OUTLETS = ['Valley Courier', 'Northern Ledger', 'Westmark Radio'];
const EDITOR_ROLE = '1420000000000000077';

const EDITOR: UserSpec = { id: '310000000000000002', username: 'editor', permissions: EDITOR_PERMISSIONS };
const ROLE_EDITOR: UserSpec = { id: '310000000000000003', username: 'desk-chief', roles: [EDITOR_ROLE] };
const REPORTER: UserSpec = { id: '310000000000000004', username: 'reporter' };

function textOf(record: InteractionRecord): string {
  const embeds = (record.original?.embeds ?? []) as Embed[];
  return pagesToText([{ embeds: [...embeds] }]).replace(/\\(.)/g, '$1');
}

const privateReply = (record: InteractionRecord): boolean => ((record.original?.flags ?? 0) & EPHEMERAL) !== 0;

/** A saved web page around an article written for this test: the furniture must not reach the story. */
const PAGE = `<!doctype html><html><head><title>Relief fund opens for Dunmore families | Hill Country Gazette</title>
<meta property="og:site_name" content="Hill Country Gazette"><meta property="article:published_time" content="2023-03-14T09:00:00Z">
<script>window.tracker = "do not keep";</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="ad">Advertisement: buy a boat</div>
<article><h1>Relief fund opens for Dunmore families</h1>
<p>A relief fund for the families of the Dunmore miners raised $250,000 in its first day, the county treasurer said on Tuesday.</p>
<p>The fund was set up by the miners' union after the collapse, and donations came from every town in the valley.</p>
<p>Union officials said the money would pay for travel and lodging for relatives waiting at the pit head.</p>
<p>The county said it would match every donation made before the end of the month.</p></article>
<footer>Copyright Hill Country Gazette. Subscribe now.</footer></body></html>`;

const NOTE = `---
title: "Mine owner to pay rescued miners for six months"
outlet: Ridge Examiner
published: 2023-03-15
---

The owner of the Dunmore pit said on Wednesday that it would pay the wages of every rescued miner for six months.

The company said the payments would begin next week, while inspectors examine the collapsed tunnel.

Union leaders welcomed the decision but said the two missing men must remain the first concern.
`;

describe('the newsroom desk against the stand-in', function () {
  this.timeout(120_000);
  let standIn: DiscordStandIn;
  let token: string;
  let tb: TestBot;
  let root: string;
  let storiesDir: string;
  let catalogue: StoryCatalogue;
  let store: SqliteStore;
  let channelA: GuildSpec;
  let channelB: GuildSpec;
  let unbound: GuildSpec;

  const run = (name: string, options: Parameters<DiscordStandIn['command']>[1], user: UserSpec, where: GuildSpec) => standIn.answered(standIn.command(name, options, user, where));
  const filesOf = (story: string) => readdirSync(path.join(storiesDir, story)).filter((f) => !f.startsWith('.')).sort();

  async function startDesk(): Promise<void> {
    mkdirSync(path.join(root, 'data'), { recursive: true });
    store = new SqliteStore(path.join(root, 'data', 'desk.sqlite'));
    catalogue = new StoryCatalogue(discoverStories(storiesDir), { logger: tb?.logs.logger }, { storiesDir });
    catalogue.watch({ debounceMs: 100 });
    const desk = new Desk<CoverageEngine>(catalogue, store, new ArticleIntake(catalogue, store, 64 * 1024));
    tb = await startTestBot(standIn, token, desk, { editorRoleId: EDITOR_ROLE });
  }

  async function stopDesk(): Promise<void> {
    await tb.bot.stop();
    await catalogue.close();
    store.close();
  }

  before(async () => {
    ({ standIn, token } = await startStandIn({ roles: [{ id: EDITOR_ROLE, name: 'Desk editors' }] }));
    root = mkdtempSync(path.join(os.tmpdir(), 'desk-bot-'));
    storiesDir = path.join(root, 'stories');
    for (const id of [TREASURER, MINE]) cpSync(path.join(FIXTURES, id), path.join(storiesDir, id), { recursive: true, filter: (src) => !src.includes('.coverage-cache') });
    writeFileSync(path.join(storiesDir, MINE, 'story.yml'), 'title: Dunmore mine rescue\n');
    const guild = standIn.guilds[0]!;
    channelA = { ...guild, channelId: snowflake() };
    channelB = { ...guild, channelId: snowflake() };
    unbound = { ...guild, channelId: snowflake() };
    await startDesk();
  });

  after(async () => {
    await stopDesk().catch(() => undefined);
    await standIn?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('in a channel with no story (and two on the desk), says privately how to bind one', async () => {
    const record = await run('ask', { question: 'How much money was stolen?' }, REPORTER, unbound);
    expect(privateReply(record)).to.equal(true);
    expect(textOf(record)).to.include('not bound to a story').and.to.include('/story use').and.to.include(TREASURER);
  });

  it('refuses a non-editor who tries to bind a channel, politely and privately, and binds nothing', async () => {
    const record = await run('story use', { story: TREASURER }, REPORTER, channelA);
    expect(privateReply(record)).to.equal(true);
    expect(textOf(record)).to.include(EDITORS_ONLY);
    expect(store.bindingOf(channelA.id, channelA.channelId)).to.equal(null);
  });

  it('lets an editor (Manage Channels) and a member with EDITOR_ROLE_ID bind two channels to two stories', async () => {
    const a = await run('story use', { story: TREASURER }, EDITOR, channelA);
    expect(textOf(a)).to.include('now answer from').and.to.include(TREASURER);
    const b = await run('story use', { story: MINE }, ROLE_EDITOR, channelB);
    expect(textOf(b)).to.include('Dunmore mine rescue');
    expect(store.bindingOf(channelB.id, channelB.channelId)?.storyId).to.equal(MINE);
  });

  it('answers each channel from its own coverage', async () => {
    // the same question in both: each answer may cite only its own story's outlets
    const question = 'What happened on Friday?';
    const a = textOf(await run('ask', { question }, REPORTER, channelA));
    const b = textOf(await run('ask', { question: 'How many miners were rescued?' }, REPORTER, channelB));
    expect(TREASURER_OUTLETS.some((o) => a.includes(o)), a).to.equal(true);
    expect(MINE_OUTLETS.some((o) => a.includes(o)), a).to.equal(false);
    expect(MINE_OUTLETS.some((o) => b.includes(o)), b).to.equal(true);
    expect(TREASURER_OUTLETS.some((o) => b.includes(o)), b).to.equal(false);
    expect(b).to.include('41');
  });

  it('answers a thread from its channel\'s story, and the story: option asks another story once', async () => {
    const thread: GuildSpec = { ...channelB, channelId: snowflake(), parentId: channelB.channelId };
    const inThread = textOf(await run('ask', { question: 'How many miners were rescued?' }, REPORTER, thread));
    expect(MINE_OUTLETS.some((o) => inThread.includes(o)), inThread).to.equal(true);
    const once = textOf(await run('ask', { question: 'How much money did the treasurer steal?', story: TREASURER }, REPORTER, channelB));
    expect(TREASURER_OUTLETS.some((o) => once.includes(o)), once).to.equal(true);
    const after = textOf(await run('story show', {}, REPORTER, channelB));
    expect(after).to.include(MINE).and.to.include('bound to this channel');
  });

  it('offers the stories as you type in a story: option', async () => {
    const record = await standIn.answered(standIn.autocomplete('ask', { question: 'x', story: 'mine' }, 'story', REPORTER, channelA));
    expect(record.choices?.map((c) => c.value)).to.deep.equal([MINE]);
    expect(record.choices?.[0]?.name).to.include('Dunmore mine rescue');
  });

  it('lists the stories with their article counts and last update', async () => {
    const text = textOf(await run('story list', {}, REPORTER, channelA));
    expect(text).to.include(TREASURER).and.to.include('Dunmore mine rescue').and.to.include('3 articles').and.to.include('this channel');
  });

  it('/add of a .txt article makes its new fact answerable in the same channel', async () => {
    const before = filesOf(MINE);
    const add = await run('add', { file: standIn.attach('owner-pays.txt', NOTE) }, EDITOR, channelB);
    const reply = textOf(add);
    expect(reply, reply).to.include('Added').and.to.include('Ridge Examiner');
    expect(filesOf(MINE)).to.have.length(before.length + 1);
    const answer = textOf(await run('ask', { question: 'For how long will the owner pay the rescued miners?' }, REPORTER, channelB));
    expect(answer).to.include('six months').and.to.include('Ridge Examiner');
    expect(store.adds(MINE)[0]).to.include({ file: 'owner-pays.txt', addedBy: EDITOR.id });
  });

  it('/add of a saved web page keeps the article, not the page around it, and answers from it', async () => {
    const add = await run('add', { file: standIn.attach('relief-fund.html', PAGE, { contentType: 'text/html; charset=utf-8' }) }, ROLE_EDITOR, channelB);
    const reply = textOf(add);
    expect(reply, reply).to.include('Hill Country Gazette').and.to.include('From the web page');
    const written = filesOf(MINE).find((f) => f.startsWith('relief-fund'));
    expect(written, filesOf(MINE).join(', ')).to.match(/\.(md|txt)$/);
    const answer = textOf(await run('ask', { question: 'How much did the relief fund raise?' }, REPORTER, channelB));
    expect(answer).to.include('$250,000');
    expect(answer).not.to.include('buy a boat');
  });

  it('refuses each bad attachment with its message, writing nothing and keeping the story answering', async () => {
    const before = filesOf(MINE);
    const bad: [string, ReturnType<DiscordStandIn['attach']>, RegExp][] = [
      ['binary', standIn.attach('photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), { contentType: 'image/png' }), /image|binary|not text|PNG/i],
      ['empty', standIn.attach('empty.txt', ''), /empty/i],
      ['over the cap', standIn.attach('huge.txt', 'The miners were rescued. '.repeat(4000)), /over the limit|too large|larger/i],
      ['announced small, sent large', standIn.attach('liar.txt', 'The miners were rescued. '.repeat(4000), { size: 100 }), /limit|too large|larger|over/i],
      ['not an article type', standIn.attach('report.pdf', '%PDF-1.4 not really', { contentType: 'application/pdf' }), /\.txt|\.md|\.html|type/i],
      ['a page with no article', standIn.attach('front.html', '<html><body><nav><a href="/">Home</a></nav></body></html>', { contentType: 'text/html' }), /article/i],
    ];
    for (const [what, file, message] of bad) {
      const text = textOf(await run('add', { file }, EDITOR, channelB));
      expect(text, what).to.match(message);
      expect(text, what).not.to.include('Added to');
    }
    const refused = await run('add', { file: standIn.attach('fine.txt', NOTE.replace('six months', 'a year')) }, REPORTER, channelB);
    expect(privateReply(refused)).to.equal(true);
    expect(textOf(refused)).to.include(EDITORS_ONLY);
    expect(filesOf(MINE)).to.deep.equal(before);
    const still = textOf(await run('ask', { question: 'How many miners were rescued?' }, REPORTER, channelB));
    expect(still).to.include('41');
  });

  it('answers from a file dropped into the story folder, without a restart', async () => {
    writeFileSync(
      path.join(storiesDir, TREASURER, 'sentencing.txt'),
      '---\ntitle: "Marsh sentenced"\noutlet: Harbor Ledger\npublished: 2021-09-28\n---\n\nA federal judge sentenced Linda Marsh to four years in prison on Tuesday.\n\nThe judge also ordered her to repay the city within ten years.\n\nMarsh did not speak in court.\n',
    );
    // the watcher's rebuild takes seconds on a busy machine: ask until the new sentence is the answer
    const deadline = Date.now() + 60_000;
    let answer = '';
    while (Date.now() < deadline && !answer.includes('four years')) {
      answer = textOf(await run('ask', { question: 'How long was Marsh sentenced to prison?' }, REPORTER, channelA));
      if (!answer.includes('four years')) await new Promise((r) => setTimeout(r, 250));
    }
    expect(answer).to.include('four years').and.to.include('Harbor Ledger');
  });

  it('keeps the bindings across a restart', async () => {
    await stopDesk();
    await startDesk();
    const b = textOf(await run('ask', { question: 'How many miners were rescued?' }, REPORTER, channelB));
    expect(MINE_OUTLETS.some((o) => b.includes(o)), b).to.equal(true);
    const a = textOf(await run('story show', {}, REPORTER, channelA));
    expect(a).to.include(TREASURER);
  });
});
