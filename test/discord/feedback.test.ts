/**
 * 👍 / 👎 on answers through the real bot: votes stored once per person and replaced on a second click,
 * the 👎 modal's reason and note, /feedback for editors (paged), a paged answer keeping both rows, a
 * button for an answer the desk no longer has, and all of it after a restart on the same database.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoverageEngine } from '../../src/bot/command.js';
import { EDITORS_ONLY } from '../../src/bot/invoke.js';
import { Desk } from '../../src/desk/desk.js';
import { fixedStory } from '../../src/desk/fixed.js';
import { Engine } from '../../src/engine.js';
import { pagesToText } from '../../src/render/embed.js';
import type { Embed } from '../../src/render/paging.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { switchable, widelyReported } from './answers.js';
import { EDITOR_PERMISSIONS, type UserSpec } from './fixtures.js';
import { interactionLines, SEEDS, startStandIn, startTestBot, type TestBot } from './harness.js';
import { EPHEMERAL, type DiscordStandIn, type InteractionRecord, type StoredMessage } from './standin.js';

const STORY = { id: 'seed-story', title: 'The seed story' };
const REPORTER: UserSpec = { id: '310000000000000011', username: 'reporter' };
const COLLEAGUE: UserSpec = { id: '310000000000000012', username: 'colleague' };
const EDITOR: UserSpec = { id: '310000000000000013', username: 'editor', permissions: EDITOR_PERMISSIONS };
const QUESTION = 'How many prisoners were released?';
const NOTE = 'The figure is right but the answer quotes the wrong paragraph.';

interface Button {
  custom_id: string;
  label?: string;
  emoji?: { name: string };
  disabled?: boolean;
}
type Rows = { type: number; components: Button[] }[];

const rowsOf = (message: StoredMessage | null): Rows => (message?.components ?? []) as Rows;
const buttonIds = (message: StoredMessage | null): string[] => rowsOf(message).flatMap((r) => r.components.map((b) => b.custom_id));
const voteButton = (message: StoredMessage | null, vote: 'up' | 'down'): string => {
  const id = buttonIds(message).find((b) => b.startsWith('fb:') && b.endsWith(`:${vote}`));
  if (!id) throw new Error(`no ${vote} button on the message`);
  return id;
};
const textOf = (record: InteractionRecord): string => pagesToText([{ embeds: [...((record.original?.embeds ?? []) as Embed[])] }]).replace(/\\(.)/g, '$1');
const isPrivate = (record: InteractionRecord): boolean => ((record.original?.flags ?? 0) & EPHEMERAL) !== 0;

describe('feedback on answers, against the stand-in', function () {
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
  const ask = (question: string, user = REPORTER) => standIn.answered(standIn.command('ask', { question }, user));
  const click = (message: StoredMessage, id: string, user = REPORTER) => standIn.answered(standIn.click(message, id, user));

  before(async () => {
    real = await Engine.load(SEEDS);
    control = switchable(real);
    ({ standIn, token } = await startStandIn());
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-feedback-bot-'));
    await startDesk();
  });

  after(async () => {
    await stopDesk().catch(() => undefined);
    await standIn?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let answer: InteractionRecord;
  let answerId: string;

  it('puts 👍 / 👎 under every answer, and keeps the answer as given: question, short answer, sources, story, tier', async () => {
    answer = await ask(QUESTION);
    expect(answer.rejected).to.deep.equal([]);
    const rows = rowsOf(answer.original);
    expect(rows).to.have.length(1);
    // in a server channel, the Follow up button shares the row (test/discord/followup.test.ts)
    expect(rows[0]!.components.map((b) => b.emoji?.name)).to.deep.equal(['👍', '👎', '🧵']);
    for (const id of buttonIds(answer.original)) expect(id.length).to.be.at.most(100);
    answerId = voteButton(answer.original, 'up').split(':')[1]!;
    const kept = store.answerById(answerId);
    const given = real.ask(QUESTION);
    expect(kept).to.deep.include({ storyId: STORY.id, question: QUESTION, tier: given.tier, span: given.facts[0]?.span?.text ?? null, passage: given.facts[0]?.text });
    expect(kept?.sources).to.deep.equal(given.facts[0]!.sources.map((s) => ({ outlet: s.outlet, file: s.file, paragraph: s.paragraph })));
    expect(kept?.sources.length).to.be.greaterThan(0);
    // an answer the engine is not sure of is rated too
    const unsure = await ask('What colour was the ambassador’s car?');
    expect(buttonIds(unsure.original).filter((id) => id.startsWith('fb:'))).to.have.length(2);
  });

  it('stores a 👍 with one click and says so privately', async () => {
    const up = await click(answer.original!, voteButton(answer.original, 'up'));
    expect(up.callbacks).to.deep.equal([4]);
    expect(isPrivate(up)).to.equal(true);
    expect(textOf(up)).to.include('Your 👍 is saved');
    expect(store.feedback({}).map((f) => [f.answerId, f.userId, f.vote])).to.deep.equal([[answerId, REPORTER.id, 'up']]);
  });

  let modalShown: InteractionRecord;

  it('replaces the same person’s 👍 with their 👎 (one row), saved on the click, and opens the modal', async () => {
    modalShown = await click(answer.original!, voteButton(answer.original, 'down'));
    expect(modalShown.callbacks).to.deep.equal([9]);
    expect(modalShown.rejected).to.deep.equal([]);
    const fields = (modalShown.modal!.components as { label: string; component: { custom_id: string; options?: { label: string }[] } }[]).map((c) => c.component);
    expect(fields[0]!.options!.map((o) => o.label)).to.deep.equal(['Wrong answer', 'Right passage, wrong part', 'The coverage has it elsewhere']);
    expect(fields[1]!.custom_id).to.equal('note');
    const rows = store.feedback({});
    expect(rows.map((f) => [f.userId, f.vote, f.reason, f.note])).to.deep.equal([[REPORTER.id, 'down', null, null]]);
  });

  it('stores the modal’s reason and note with that 👎, still one row', async () => {
    const submitted = await standIn.answered(standIn.submit(modalShown, { reason: 'wrong-part', note: NOTE }));
    expect(submitted.callbacks).to.deep.equal([4]);
    expect(isPrivate(submitted)).to.equal(true);
    expect(textOf(submitted)).to.include('Right passage, wrong part').and.to.include('/feedback');
    expect(store.feedback({}).map((f) => [f.userId, f.vote, f.reason, f.note])).to.deep.equal([[REPORTER.id, 'down', 'wrong-part', NOTE]]);
  });

  it('prefills the modal with what was said when 👎 is clicked again, and keeps it if the modal is closed', async () => {
    const again = await click(answer.original!, voteButton(answer.original, 'down'));
    const fields = (again.modal!.components as { component: { value?: string; options?: { value: string; default?: boolean }[] } }[]).map((c) => c.component);
    expect(fields[0]!.options!.filter((o) => o.default).map((o) => o.value)).to.deep.equal(['wrong-part']);
    expect(fields[1]!.value).to.equal(NOTE);
    expect(store.feedback({}).map((f) => [f.vote, f.reason, f.note])).to.deep.equal([['down', 'wrong-part', NOTE]]);
  });

  it('adds a row for another person’s vote on the same answer', async () => {
    await click(answer.original!, voteButton(answer.original, 'up'), COLLEAGUE);
    const rows = store.feedback({});
    expect(rows.map((f) => [f.userId, f.vote])).to.deep.equal([
      [COLLEAGUE.id, 'up'],
      [REPORTER.id, 'down'],
    ]);
  });

  it('answers a button of an answer the desk no longer has with a polite private message, and keeps working', async () => {
    const stale: StoredMessage = { ...answer.original!, components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'fb:gone1234:up', label: 'Good answer' }, { type: 2, style: 2, custom_id: 'fb:gone1234:down', label: 'Wrong or off' }] }] };
    for (const id of ['fb:gone1234:up', 'fb:gone1234:down']) {
      const reply = await click(stale, id);
      expect(reply.callbacks).to.deep.equal([4]);
      expect(isPrivate(reply)).to.equal(true);
      expect(textOf(reply)).to.include('no longer on record');
    }
    await standIn.waitFor(() => interactionLines(tb.logs.lines).filter((l) => l.outcome === 'unknown-answer').length === 2, 'two unknown-answer log lines');
    expect(store.feedback({})).to.have.length(2);
    expect((await ask(QUESTION)).rejected).to.deep.equal([]);
  });

  it('refuses /feedback to a member who is not an editor, privately', async () => {
    const refused = await standIn.answered(standIn.command('feedback', {}, REPORTER));
    expect(isPrivate(refused)).to.equal(true);
    expect(textOf(refused)).to.include(EDITORS_ONLY);
  });

  it('shows an editor the 👎 with the question, the answer given and what was said, privately', async () => {
    const shown = await standIn.answered(standIn.command('feedback', {}, EDITOR));
    expect(shown.rejected).to.deep.equal([]);
    expect(isPrivate(shown)).to.equal(true);
    const text = textOf(shown);
    const kept = store.answerById(answerId)!;
    expect(text).to.include(QUESTION).and.to.include('Right passage, wrong part').and.to.include(NOTE);
    if (kept.span) expect(text).to.include(kept.span);
    expect(text).to.include(`${kept.sources[0]!.file} ¶${kept.sources[0]!.paragraph}`);
    expect(text).to.not.include(REPORTER.username).and.to.not.include(REPORTER.id);
    const other = await standIn.answered(standIn.command('feedback', { story: 'no-such-story' }, EDITOR));
    expect(textOf(other)).to.include('No 👎');
  });

  it('pages /feedback newest first when many answers were flagged', async () => {
    const questions = ['Who was released?', 'When were they released?', 'Where did the freed prisoners go?', 'Who welcomed the release?'];
    for (let i = 0; i < 12; i++) {
      const given = await ask(`${questions[i % questions.length]!.replace('?', '')} (${i})?`);
      const shown = await click(given.original!, voteButton(given.original, 'down'));
      await standIn.answered(standIn.submit(shown, { reason: 'wrong-answer', note: `note number ${i}: ${'the passage is about something else. '.repeat(4)}` }));
    }
    const first = await standIn.answered(standIn.command('feedback', {}, EDITOR));
    const rows = rowsOf(first.original);
    expect(rows).to.have.length(1);
    const [, counter, next] = rows[0]!.components;
    expect(counter?.label).to.match(/^1 \/ [2-9]$/);
    expect(textOf(first)).to.include('note number 11').and.to.not.include('note number 0:');
    const second = await click(first.original!, next!.custom_id, EDITOR);
    expect(second.callbacks).to.deep.equal([7]);
    expect(second.rejected).to.deep.equal([]);
    expect(textOf(second)).to.match(/note number \d:/);
  });

  it('keeps the pager and the 👍 / 👎 row on every page of a long answer', async () => {
    control.setAsk(() => widelyReported(60));
    const long = await ask(QUESTION).finally(() => control.setAsk(null));
    const rows = rowsOf(long.original);
    expect(rows).to.have.length(2);
    const next = rows[0]!.components[2]!;
    const page2 = await click(long.original!, next.custom_id);
    expect(page2.rejected).to.deep.equal([]);
    const turned = rowsOf(page2.original);
    expect(turned).to.have.length(2);
    expect(turned[0]!.components[1]!.label).to.match(/^2 \/ /);
    expect(buttonIds(page2.original).filter((id) => id.startsWith('fb:'))).to.deep.equal(buttonIds(long.original).filter((id) => id.startsWith('fb:')));
    const up = await click({ ...long.original!, components: page2.original!.components }, voteButton(page2.original, 'up'), COLLEAGUE);
    expect(textOf(up)).to.include('Your 👍 is saved');
  });

  it('logs neither the question nor the note', () => {
    const raw = tb.logs.raw();
    expect(raw).to.not.include(QUESTION).and.to.not.include('note number').and.to.not.include(NOTE);
    const lines = interactionLines(tb.logs.lines).map((l) => l.command);
    expect(lines).to.include('button fb').and.to.include('modal fbm');
  });

  it('keeps every vote across a restart on the same database, and a vote on an answer given before it replaces', async () => {
    const before = store.feedback({}).map((f) => [f.answerId, f.userId, f.vote, f.reason, f.note]);
    await stopDesk();
    await startDesk();
    expect(store.feedback({}).map((f) => [f.answerId, f.userId, f.vote, f.reason, f.note])).to.deep.equal(before);
    const shown = await standIn.answered(standIn.command('feedback', {}, EDITOR));
    expect(textOf(shown)).to.include('note number 11');
    const up = await click(answer.original!, voteButton(answer.original, 'up'));
    expect(textOf(up)).to.include('is now a 👍');
    const mine = store.feedback({}).filter((f) => f.answerId === answerId && f.userId === REPORTER.id);
    expect(mine.map((f) => [f.vote, f.reason, f.note])).to.deep.equal([['up', null, null]]);
  });
});
