/**
 * The question log through the real bot: every /ask in a channel logged with its outcome (Discord ids
 * only), /unanswered grouping paraphrases most asked first and paging, QUESTION_LOG=off logging nothing,
 * pruning with an injected clock and at start, `npm run forget` run as a user runs it beside the running
 * bot, and everything after a restart.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CoverageEngine } from '../../src/bot/command.js';
import { readConfig } from '../../src/bot/config.js';
import { Desk } from '../../src/desk/desk.js';
import { QuestionLog } from '../../src/questions/log.js';
import { outcomeOf } from '../../src/questions/outcome.js';
import { pagesToText } from '../../src/render/embed.js';
import type { Embed } from '../../src/render/paging.js';
import { DATABASE_FILE, SqliteStore } from '../../src/store/sqlite.js';
import type { QuestionOutcome } from '../../src/store/types.js';
import { discoverStories, StoryCatalogue } from '../../src/stories/catalogue.js';
import { EDITOR_PERMISSIONS, snowflake, type GuildSpec, type UserSpec } from './fixtures.js';
import { finished, runScript, startStandIn, startTestBot, type TestBot } from './harness.js';
import { EPHEMERAL, type DiscordStandIn, type InteractionRecord } from './standin.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/stories');
const TREASURER = '2021-treasurer-pleads-guilty';
const MINE = '2023-mine-rescue';
const DAY_MS = 86_400_000;
const ALL: readonly QuestionOutcome[] = ['answered', 'not-sure', 'doesnt-say'];

const EDITOR: UserSpec = { id: '310000000000000012', username: 'night-editor', permissions: EDITOR_PERMISSIONS };
const REPORTER: UserSpec = { id: '310000000000000014', username: 'reporter-one' };
const OTHER: UserSpec = { id: '310000000000000015', username: 'reporter-two' };
const DESK_CHIEF: UserSpec = { id: '310000000000000016', username: 'desk-chief' };

/** Who asks what in the mine channel: paraphrases of two gaps, one other gap, and one the coverage answers. */
const ASKED: readonly [UserSpec, string][] = [
  [REPORTER, 'How many miners were rescued?'],
  [REPORTER, 'When will the mine reopen?'],
  [OTHER, 'what date does the mine reopen'],
  [OTHER, 'mine reopening date?'],
  [REPORTER, 'When does the pit reopen?'],
  [OTHER, 'What caused the collapse?'],
  [REPORTER, 'reason for the collapse?'],
  [REPORTER, 'How many rescuers were injured?'],
];

function textOf(record: InteractionRecord): string {
  const embeds = (record.original?.embeds ?? []) as Embed[];
  return pagesToText([{ embeds: [...embeds] }]).replace(/\\(.)/g, '$1');
}

/** `npm run --silent forget -- <args>` from the project, as a user types it, on the given DATA_DIR. */
async function forget(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '--silent', 'forget', '--', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return finished(child);
}

describe('the question log against the stand-in', function () {
  this.timeout(180_000);
  let standIn: DiscordStandIn;
  let token: string;
  let tb: TestBot;
  let root: string;
  let dataDir: string;
  let storiesDir: string;
  let catalogue: StoryCatalogue;
  let store: SqliteStore;
  let desk: Desk<CoverageEngine>;
  let mineChannel: GuildSpec;
  let treasurerChannel: GuildSpec;
  /** The outcome the engine itself gives each question of ASKED, so the test holds whatever it answers. */
  const expected = new Map<string, QuestionOutcome>();

  const run = (name: string, options: Parameters<DiscordStandIn['command']>[1], user: UserSpec, where: GuildSpec) => standIn.answered(standIn.command(name, options, user, where));

  async function startDesk(env: Record<string, string> = {}): Promise<void> {
    store = new SqliteStore(path.join(dataDir, DATABASE_FILE));
    catalogue = new StoryCatalogue(discoverStories(storiesDir), {}, { storiesDir });
    const config = readConfig({ DATA_DIR: dataDir, ...env }, root);
    desk = new Desk<CoverageEngine>(catalogue, store, null, new QuestionLog(store, config.questionLog));
    tb = await startTestBot(standIn, token, desk);
  }

  async function stopDesk(): Promise<void> {
    await tb.bot.stop();
    await catalogue.close();
    store.close();
  }

  before(async () => {
    ({ standIn, token } = await startStandIn());
    root = mkdtempSync(path.join(os.tmpdir(), 'desk-questions-'));
    storiesDir = path.join(root, 'stories');
    dataDir = path.join(root, 'data');
    mkdirSync(dataDir);
    for (const id of [TREASURER, MINE]) cpSync(path.join(FIXTURES, id), path.join(storiesDir, id), { recursive: true, filter: (src) => !src.includes('.coverage-cache') });
    const guild = standIn.guilds[0]!;
    mineChannel = { ...guild, channelId: snowflake() };
    treasurerChannel = { ...guild, channelId: snowflake() };
    await startDesk();
    const engine = await catalogue.engine(MINE)!;
    for (const [, question] of ASKED) expected.set(question, outcomeOf((await engine.ask(question)).tier));
    await run('story use', { story: MINE }, EDITOR, mineChannel);
    await run('story use', { story: TREASURER }, EDITOR, treasurerChannel);
  });

  after(async () => {
    await stopDesk().catch(() => undefined);
    await standIn?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('logs every question asked in a channel with its outcome, the story and Discord ids, never names', async () => {
    // the log is only worth testing if the engine answers some of these and not others
    expect(new Set(expected.values())).to.have.all.keys('answered', 'not-sure', 'doesnt-say');
    const started = Date.now();
    for (const [user, question] of ASKED) await run('ask', { question }, user, mineChannel);
    const logged = store.questions(MINE, ALL, 100).reverse();
    expect(logged.map((q) => [q.question, q.outcome])).to.deep.equal(ASKED.map(([, q]) => [q, expected.get(q)]));
    for (const [i, q] of logged.entries()) {
      expect(q).to.include({ storyId: MINE, guildId: mineChannel.id, channelId: mineChannel.channelId, userId: ASKED[i]![0].id });
      expect(Date.parse(q.askedAt)).to.be.within(started - 1000, Date.now() + 1000);
    }
    expect(store.questions(TREASURER, ALL, 100)).to.deep.equal([]);
    const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((f) => path.join(dataDir, f)).filter((f) => existsSync(f));
    const file = files.map((f) => readFileSync(f).toString('latin1')).join('');
    expect(file).to.include(REPORTER.id);
    for (const user of [EDITOR, REPORTER, OTHER, DESK_CHIEF]) expect(file).not.to.include(user.username);
  });

  it('/unanswered groups the paraphrases, most asked first, with counts and the last time asked', async () => {
    const text = textOf(await run('unanswered', {}, REPORTER, mineChannel));
    const gaps = ASKED.filter(([, q]) => expected.get(q) !== 'answered');
    expect(text).to.include(`asked ${gaps.length} times in all`).and.not.to.include('How many miners were rescued?');
    const reopen = text.indexOf('When does the pit reopen?');
    const collapse = text.indexOf('reason for the collapse?');
    const injured = text.indexOf('How many rescuers were injured?');
    expect(reopen, text).to.be.greaterThan(-1);
    expect(collapse, text).to.be.greaterThan(reopen);
    expect(injured, text).to.be.greaterThan(collapse);
    const [first, second, third] = text.split(/^\d+\. /m).slice(1);
    expect(first).to.include('asked 4 times').and.to.include('“When will the mine reopen?”').and.to.include('“what date does the mine reopen”').and.to.include('“mine reopening date?”');
    expect(second).to.include('asked twice').and.to.include('“What caused the collapse?”');
    expect(third).to.include('asked once');
    expect(text).to.match(/last \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC \(\d+ seconds? ago\)/);
    expect(text.split(/^\d+\. /m)).to.have.length(4);
  });

  it('/unanswered answers from the story: option once, privately when asked, and says when a story has no gaps', async () => {
    const other = await run('unanswered', { story: MINE, private: true }, OTHER, treasurerChannel);
    expect((other.original?.flags ?? 0) & EPHEMERAL).to.equal(EPHEMERAL);
    expect(textOf(other)).to.include('When does the pit reopen?');
    const own = textOf(await run('unanswered', {}, OTHER, treasurerChannel));
    expect(own).to.include('No question asked about').and.to.include(TREASURER).and.to.include('in the last 30 days');
  });

  it('pages a long list with the pager buttons', async () => {
    const nouns = ['budget', 'tunnel', 'union', 'hospital', 'inspector', 'ambulance', 'wages', 'pension', 'insurance', 'lawsuit', 'hearing', 'shift', 'ventilation', 'company', 'governor', 'sheriff', 'drill', 'shaft', 'memorial', 'school', 'church', 'bridge', 'highway', 'railway', 'river', 'forest', 'museum', 'airport', 'stadium', 'factory', 'harbor', 'library', 'courthouse', 'prison', 'park', 'tower', 'canal', 'dam', 'clinic', 'market', 'theater', 'garage', 'warehouse', 'laboratory', 'pipeline'];
    const at = new Date().toISOString();
    for (const noun of nouns) store.logQuestion({ storyId: TREASURER, question: `Who paid for the ${noun} in the end, and what did the ${noun} cost?`, outcome: 'doesnt-say', guildId: treasurerChannel.id, channelId: treasurerChannel.channelId, userId: DESK_CHIEF.id, askedAt: at });
    const record = await run('unanswered', {}, DESK_CHIEF, treasurerChannel);
    const rows = record.original!.components as { components: { custom_id: string; label: string }[] }[];
    const pages = Number(/\/ (\d+)/.exec(rows[0]!.components[1]!.label)?.[1]);
    expect(pages).to.be.greaterThan(1);
    const click = await standIn.answered(standIn.click(record.original!, rows[0]!.components[2]!.custom_id, DESK_CHIEF));
    expect(click.rejected).to.deep.equal([]);
    expect(textOf(click)).to.include(`page 2/${pages}`).and.not.to.equal(textOf(record));
  });

  it('forgets a user with npm run forget while the bot runs, and refuses a bad id or a locked database', async () => {
    const bad = await forget(dataDir, 'reporter-two');
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('is not a Discord user id');
    const missing = await forget(path.join(root, 'nowhere'), OTHER.id);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('There is no database at');

    const theirs = store.questions(MINE, ALL, 100).filter((q) => q.userId === OTHER.id).length;
    expect(theirs).to.equal(ASKED.filter(([u]) => u === OTHER).length);
    const done = await forget(dataDir, OTHER.id);
    expect(done.code, done.stderr).to.equal(0);
    expect(done.stdout).to.include(`Forgot user ${OTHER.id}`).and.to.match(new RegExp(`question_log: ${theirs} rows deleted`));
    expect(store.questions(MINE, ALL, 100).map((q) => q.userId)).not.to.include(OTHER.id);
    const text = textOf(await run('unanswered', {}, REPORTER, mineChannel));
    expect(text).not.to.include('mine reopening date?').and.not.to.include('What caused the collapse?');
    expect(text).to.include('When will the mine reopen?');

    const holder = new Database(path.join(dataDir, DATABASE_FILE));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const locked = await forget(dataDir, REPORTER.id);
      expect(locked.code).to.equal(1);
      expect(locked.stderr).to.include('locked by another process').and.to.include('Nothing was removed');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(store.questions(MINE, ALL, 100).some((q) => q.userId === REPORTER.id)).to.equal(true);
  });

  it('keeps the log across a restart', async () => {
    const before = textOf(await run('unanswered', {}, REPORTER, mineChannel));
    await stopDesk();
    await startDesk();
    const after = textOf(await run('unanswered', {}, REPORTER, mineChannel));
    expect(after.replace(/\(\d+ \w+ ago\)/g, '')).to.equal(before.replace(/\(\d+ \w+ ago\)/g, ''));
  });

  it('prunes what is older than QUESTION_LOG_DAYS, with the time passed in', async () => {
    const count = store.questions(MINE, ALL, 100).length + store.questions(TREASURER, ALL, 100).length;
    expect(count).to.be.greaterThan(0);
    expect(desk.questions.prune(new Date(Date.now() + 29 * DAY_MS))).to.equal(0);
    expect(desk.questions.prune(new Date(Date.now() + 31 * DAY_MS))).to.equal(count);
    expect(textOf(await run('unanswered', {}, REPORTER, mineChannel))).to.include('No question asked about');
  });

  it('logs nothing with QUESTION_LOG=off, and says so', async () => {
    await stopDesk();
    await startDesk({ QUESTION_LOG: 'off' });
    for (const [user, question] of ASKED) await run('ask', { question }, user, mineChannel);
    expect(store.questions(MINE, ALL, 100)).to.deep.equal([]);
    expect(textOf(await run('unanswered', {}, REPORTER, mineChannel))).to.include('The question log is off on this desk (QUESTION_LOG=off)');
  });

  it('npm start prunes old entries at start, logs console questions, and logs none with QUESTION_LOG=off', async () => {
    await stopDesk();
    const dir = mkdtempSync(path.join(root, 'console-'));
    const old = new SqliteStore(path.join(dir, DATABASE_FILE));
    const longAgo = new Date(Date.now() - 40 * DAY_MS).toISOString();
    old.logQuestion({ storyId: MINE, question: 'Who owns the mine?', outcome: 'doesnt-say', guildId: '1', channelId: '2', userId: REPORTER.id, askedAt: longAgo });
    old.close();
    const env = { CORPUS_DIR: path.join(storiesDir, MINE), DATA_DIR: dir };
    const on = await runScript('main.ts', env, '/ask When will the mine reopen?\n/unanswered\n');
    expect(on.code, on.stderr).to.equal(0);
    expect(on.stdout).to.include('When will the mine reopen?').and.not.to.include('Who owns the mine?');
    const off = await runScript('main.ts', { ...env, QUESTION_LOG: 'off' }, '/ask What caused the collapse?\n');
    expect(off.code, off.stderr).to.equal(0);
    const after = new SqliteStore(path.join(dir, DATABASE_FILE));
    const kept = after.questions(MINE, ALL, 10);
    after.close();
    expect(kept.map((q) => [q.question, q.userId, q.guildId])).to.deep.equal([['When will the mine reopen?', 'console', 'console']]);
    await startDesk();
  });
});
