/**
 * Follow-ups in threads through the real bot: the Follow up button on an answer opens a thread on the
 * answer message (named after the question, bound to the answer's story), /ask in the thread is given the
 * thread's earlier turns oldest first, a reading of the question is shown, a second click points to the
 * thread, Discord refusing the thread gets a clear private message, and a restart keeps the context.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { turnOf } from '../../src/answer/followUp.js';
import type { EarlierTurn } from '../../src/answer/types.js';
import { parseFollowUpButton, threadName, THREAD_NAME_MAX } from '../../src/bot/followUp.js';
import type { CoverageEngine } from '../../src/bot/command.js';
import { Desk } from '../../src/desk/desk.js';
import { fixedStory } from '../../src/desk/fixed.js';
import { Engine } from '../../src/engine.js';
import { pagesToText } from '../../src/render/embed.js';
import type { Embed } from '../../src/render/paging.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { ThreadTurn } from '../../src/store/types.js';
import { switchable } from './answers.js';
import type { UserSpec } from './fixtures.js';
import { SEEDS, startStandIn, startTestBot, type TestBot } from './harness.js';
import { EPHEMERAL, type DiscordStandIn, type InteractionRecord, type StandInThread, type StoredMessage } from './standin.js';

const STORY = { id: 'seed-story', title: 'The seed story' };
const REPORTER: UserSpec = { id: '310000000000000021', username: 'reporter' };
const COLLEAGUE: UserSpec = { id: '310000000000000022', username: 'colleague' };
const QUESTION = 'How many prisoners were released?';
const FOLLOW_UPS = ['How many of them were Polish?', 'And the Germans?', 'Who announced the release?'];
/** How the engine reads the first two follow-ups: "them" is the 52 released, and the Germans take the Poles' place. */
const READ_AS = ['How many of the 52 prisoners released were Polish?', 'How many of the 52 prisoners released were Germans?'];

interface Button {
  custom_id: string;
  label?: string;
  style?: number;
  emoji?: { name: string };
}
type Rows = { type: number; components: Button[] }[];

const buttonsOf = (message: StoredMessage | null): Button[] => ((message?.components ?? []) as Rows).flatMap((r) => r.components);
const followUpId = (message: StoredMessage | null): string | undefined => buttonsOf(message).find((b) => b.custom_id.startsWith('fu:'))?.custom_id;
const textOf = (record: InteractionRecord): string => pagesToText([{ embeds: [...((record.original?.embeds ?? []) as Embed[])] }]).replace(/\\(.)/g, '$1');
const isPrivate = (record: InteractionRecord): boolean => ((record.original?.flags ?? 0) & EPHEMERAL) !== 0;
const withoutTime = ({ askedAt: _at, ...turn }: ThreadTurn): EarlierTurn => ({ ...turn, kind: turn.kind as EarlierTurn["kind"] });

describe('follow-ups in threads, against the stand-in', function () {
  this.timeout(120_000);
  let standIn: DiscordStandIn;
  let token: string;
  let real: Engine;
  let dataDir: string;
  let store: SqliteStore;
  let tb: TestBot;
  let control: ReturnType<typeof switchable>;

  async function startDesk(): Promise<void> {
    store = new SqliteStore(path.join(dataDir, 'desk.sqlite'));
    tb = await startTestBot(standIn, token, new Desk<CoverageEngine>(fixedStory(control.engine, STORY), store));
  }
  async function stopDesk(): Promise<void> {
    await tb.bot.stop();
    store.close();
  }
  const ask = (question: string, where?: StandInThread, options: Record<string, string | boolean> = {}) =>
    standIn.answered(standIn.command('ask', { question, ...options }, REPORTER, where?.place));
  const click = (message: StoredMessage, id: string, user = REPORTER) => standIn.answered(standIn.click(message, id, user));
  const threadRequests = () => standIn.requests.filter((r) => r.method === 'POST' && /\/messages\/\d+\/threads$/.test(r.route));

  before(async () => {
    real = await Engine.load(SEEDS);
    control = switchable(real);
    ({ standIn, token } = await startStandIn());
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-followup-bot-'));
    await startDesk();
  });

  after(async () => {
    await stopDesk().catch(() => undefined);
    await standIn?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let answer: InteractionRecord;
  let thread: StandInThread;
  const guildId = (): string => standIn.guilds[0]!.id;

  it('names a thread after the question on one line, within Discord’s 100 characters, and reads back only its own button', () => {
    expect(threadName('  How many\n prisoners   were released?  ')).to.equal('How many prisoners were released?');
    const long = threadName(`${'Which of the outlets reported the number of prisoners released '.repeat(3)}?`);
    expect([...long].length).to.be.at.most(THREAD_NAME_MAX);
    expect(long.length).to.be.greaterThan(50);
    expect(threadName('   ')).to.equal('Follow-up');
    expect(parseFollowUpButton('fu:abc_DEF-12')).to.deep.equal({ answerId: 'abc_DEF-12' });
    for (const id of ['fb:abc:up', 'fu:', 'fu:a:b', 'fu:a b', 'pg:abc']) expect(parseFollowUpButton(id), id).to.equal(null);
  });

  it('puts a Follow up button on the 👍 / 👎 row of an answer in a channel, and none on a private answer', async () => {
    answer = await ask(QUESTION);
    expect(answer.rejected).to.deep.equal([]);
    const rows = (answer.original?.components ?? []) as Rows;
    expect(rows).to.have.length(1);
    expect(rows[0]!.components.map((b) => b.label)).to.deep.equal(['Good answer', 'Wrong or off', 'Follow up']);
    const button = rows[0]!.components[2]!;
    expect(button.style).to.equal(2);
    const answerId = rows[0]!.components[0]!.custom_id.split(':')[1];
    expect(button.custom_id).to.equal(`fu:${answerId}`);
    const hidden = await ask(QUESTION, undefined, { private: true });
    expect(isPrivate(hidden)).to.equal(true);
    expect(buttonsOf(hidden.original).map((b) => b.label)).to.deep.equal(['Good answer', 'Wrong or off']);
  });

  it('opens a thread on the answer message, named after the question, bound to the story, with a first message and a private link', async () => {
    const opened = await click(answer.original!, followUpId(answer.original)!);
    expect(opened.callbacks).to.deep.equal([5]);
    expect(isPrivate(opened)).to.equal(true);
    expect(standIn.threads.size).to.equal(1);
    thread = [...standIn.threads.values()][0]!;
    expect(thread).to.deep.include({ name: QUESTION, messageId: answer.original!.id, parentId: standIn.guilds[0]!.channelId, guildId: guildId(), autoArchiveDuration: 1440 });
    expect(textOf(opened)).to.include(`<#${thread.id}>`);
    expect(textOf(opened)).to.include('/ask');
    expect(thread.messages).to.have.length(1);
    expect(String(thread.messages[0]!.content)).to.include('/ask').and.include(QUESTION);
    expect(thread.messages[0]!.allowed_mentions).to.deep.equal({ parse: [] });
    expect(store.bindingOf(guildId(), thread.id)).to.deep.include({ storyId: STORY.id, boundBy: REPORTER.id });
    const answerId = parseFollowUpButton(followUpId(answer.original)!)!.answerId;
    expect(store.threadOf(thread.id)).to.deep.include({ guildId: guildId(), storyId: STORY.id, answerId });
    // the thread starts from the answer as it was given
    expect(store.turns(thread.id).map(withoutTime)).to.deep.equal([turnOf(real.ask(QUESTION))]);
  });

  it('answers three follow-ups in the thread, each given the earlier turns oldest first, with no Follow up button there', async () => {
    const first = turnOf(real.ask(QUESTION));
    control.calls.length = 0;
    const replies: InteractionRecord[] = [];
    for (const q of FOLLOW_UPS) replies.push(await ask(q, thread));
    expect(control.calls.map((c) => c.question)).to.deep.equal(FOLLOW_UPS);
    const given = control.calls.map((c) => c.answer);
    expect(control.calls[0]!.earlier).to.deep.equal([first]);
    expect(control.calls[1]!.earlier).to.deep.equal([first, turnOf(given[0]!)]);
    expect(control.calls[2]!.earlier).to.deep.equal([first, turnOf(given[0]!), turnOf(given[1]!)]);
    // a question read another way is remembered as read
    expect(control.calls[1]!.earlier![1]!.question).to.equal(READ_AS[0]);
    expect(given.map((a) => a.readAs)).to.deep.equal([...READ_AS, undefined]);
    // the answers a reporter would give: three Polish nationals (another outlet says two Poles), two Germans
    expect(given.map((a) => a.facts[0]?.span?.value)).to.deep.equal([3, 2, 'John Coale']);
    expect(store.turns(thread.id).map(withoutTime)).to.deep.equal([first, ...given.map(turnOf)]);
    for (const reply of replies) {
      expect(reply.rejected).to.deep.equal([]);
      expect(reply.original?.channel_id).to.equal(thread.id);
      expect(buttonsOf(reply.original).map((b) => b.label)).to.deep.equal(['Good answer', 'Wrong or off']);
    }
    expect(textOf(replies[0]!)).to.include(`Read as: ${READ_AS[0]}`);
    expect(textOf(replies[1]!)).to.include(`Read as: ${READ_AS[1]}`);
    expect(textOf(replies[2]!)).not.to.include('Read as:');
    // in a channel, questions are read as asked: no earlier turns are passed
    control.calls.length = 0;
    await ask(QUESTION);
    expect(control.calls).to.have.length(1);
    expect(control.calls[0]!.earlier).to.equal(undefined);
  });

  it('points a second click, by anyone, to the thread already open instead of opening another', async () => {
    const before = threadRequests().length;
    const again = await click(answer.original!, followUpId(answer.original)!, COLLEAGUE);
    expect(again.callbacks).to.deep.equal([4]);
    expect(isPrivate(again)).to.equal(true);
    expect(textOf(again)).to.include(`<#${thread.id}>`).and.include('already');
    expect(threadRequests().length).to.equal(before);
    expect(standIn.threads.size).to.equal(1);
  });

  it('adopts a thread someone opened on the message by hand (Discord answers 160004) instead of failing', async () => {
    const other = await ask('Who announced the release?');
    standIn.failNext({ method: 'POST', route: /\/messages\/\d+\/threads$/, status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } });
    const opened = await click(other.original!, followUpId(other.original)!);
    expect(textOf(opened)).to.include(`<#${other.original!.id}>`);
    expect(store.threadOf(other.original!.id)?.storyId).to.equal(STORY.id);
    expect(store.bindingOf(guildId(), other.original!.id)?.storyId).to.equal(STORY.id);
  });

  it('says clearly, privately, when Discord refuses to open the thread (50013 Missing Permissions), logs it, and keeps nothing', async () => {
    const other = await ask('When were the prisoners released?');
    const answerId = parseFollowUpButton(followUpId(other.original)!)!.answerId;
    standIn.failNext({ method: 'POST', route: /\/messages\/\d+\/threads$/, status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const refused = await click(other.original!, followUpId(other.original)!);
    expect(isPrivate(refused)).to.equal(true);
    expect(textOf(refused)).to.include('Create Public Threads');
    expect(store.threadOn(answerId)).to.equal(null);
    const line = tb.logs.lines.find((l) => l.message === 'discord refused to open a follow-up thread');
    expect(line).to.deep.include({ code: 50013, status: 403 });
    expect(tb.logs.raw()).not.to.include('When were the prisoners released');
    // the refusal is not remembered: once Discord allows it, the same button opens the thread
    const opened = await click(other.original!, followUpId(other.original)!);
    expect(textOf(opened)).to.include('Opened a thread');
    expect(store.threadOn(answerId)).not.to.equal(null);
  });

  it('keeps the thread’s context across a restart on the same database', async () => {
    const kept = store.turns(thread.id).map(withoutTime);
    expect(kept).to.have.length(1 + FOLLOW_UPS.length);
    await stopDesk();
    await startDesk();
    control.calls.length = 0;
    const reply = await ask('And how many were Belarusian?', thread);
    expect(reply.rejected).to.deep.equal([]);
    expect(control.calls[0]!.earlier).to.deep.equal(kept);
    // the click after the restart still points to the thread
    const again = await click(answer.original!, followUpId(answer.original)!);
    expect(textOf(again)).to.include(`<#${thread.id}>`);
    // the first thread and the one opened once Discord allowed it (the 160004 one was opened "by hand")
    expect(standIn.threads.size).to.equal(2);
  });
});
