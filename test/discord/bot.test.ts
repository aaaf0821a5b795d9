/**
 * The real bot (discord.js Client, src/bot, commands/) against the Discord stand-in on loopback, with
 * the real engine on the seed story.
 */
import { expect } from 'chai';
import { format, parseISO } from 'date-fns';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { commands } from '../../commands/index.js';
import { Engine } from '../../src/engine.js';
import { publisherName } from '../../src/answer/sources.js';
import { pagesToText, renderAnswer } from '../../src/render/embed.js';
import type { Embed } from '../../src/render/paging.js';
import { switchable, widelyReported } from './answers.js';
import { interactionLines, startStandIn, startTestBot, type TestBot } from './harness.js';
import { DEFAULT_USER, EPHEMERAL, LOADING, type DiscordStandIn, type InteractionRecord } from './standin.js';

const SEEDS = path.resolve(import.meta.dirname, '../../seeds');
const SEED_TEXT = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(path.join(SEEDS, f), 'utf8'))
  .join('\n');

const QUESTION = 'How many prisoners were released?';

function embedsOf(record: InteractionRecord): Embed[] {
  return (record.original?.embeds ?? []) as Embed[];
}

function textOf(embeds: readonly Embed[]): string {
  return pagesToText([{ embeds: [...embeds] }]);
}

/** Removes Discord markdown escapes, to compare with the article text. */
function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');
}

describe('Discord bot against the stand-in', function () {
  let real: Engine;
  let standIn: DiscordStandIn;
  let token: string;
  let bot: TestBot;
  let control: ReturnType<typeof switchable>;

  before(async () => {
    real = await Engine.load(SEEDS);
    control = switchable(real);
    ({ standIn, token } = await startStandIn());
    bot = await startTestBot(standIn, token, control.engine);
  });

  after(async () => {
    await bot?.bot.stop();
    await standIn?.close();
  });

  afterEach(() => control.setAsk(null));

  describe('login', () => {
    it('identifies with the token and only the Guilds intent, then logs a ready line', () => {
      const first = standIn.connections[0];
      expect(first?.path).to.equal('/');
      expect(first?.query.get('v')).to.equal('10');
      expect(first?.query.get('encoding')).to.equal('json');
      expect(first?.identify?.token).to.equal(token);
      expect(first?.identify?.intents).to.equal(1);
      expect(standIn.requests.find((r) => r.route === '/gateway/bot')?.authorised).to.equal(true);

      const ready = bot.logs.lines.find((l) => l.message === 'ready');
      const stats = real.stats();
      expect(ready).to.include({ servers: 1, articles: 5, facts: stats.facts, user: 'Coverage Desk' });
      expect(stats.facts).to.be.greaterThan(0);
    });

    it('never writes the token to the log', () => {
      expect(bot.logs.raw()).not.to.include(token);
    });
  });

  describe('/ask', () => {
    it('defers, then answers with the verbatim sentence, numbered citations and agreement', async () => {
      const record = await standIn.answered(standIn.command('ask', { question: QUESTION }));
      expect(record.callbacks).to.deep.equal([5]);
      expect(record.original!.flags & EPHEMERAL).to.equal(0);
      const [embed] = embedsOf(record);
      expect(embed?.title).to.equal(QUESTION);

      const answer = real.ask(QUESTION);
      expect(answer.answered).to.equal(true);
      const best = answer.facts[0]!;
      expect(SEED_TEXT).to.include(best.text);
      expect(unescape(embed!.description!)).to.include(`> ${best.text} [1`);
      expect(embed!.description).to.match(/Reported by \*\*\d+ of \d+\*\* outlets?/);

      const sources = (embed!.fields ?? []).find((f) => f.name === 'Sources');
      const lines = sources!.value.split('\n');
      const cited = [...new Map([...answer.facts, ...answer.conflicts.flatMap((c) => c.claims)].flatMap((f) => f.sources).map((r) => [`${r.file}#${r.paragraph}#${r.quote}`, r])).values()];
      expect(lines).to.have.length(cited.length);
      cited.forEach((ref, i) => {
        const date = ref.published ? ` · ${format(parseISO(ref.published), 'd MMM yyyy')}` : '';
        const link = ref.url ? ` · [link](${ref.url})` : '';
        expect(unescape(lines[i]!)).to.equal(`**[${i + 1}]** **${publisherName(ref)}**${date} · ¶${ref.paragraph}${link}`);
      });
      expect(lines.some((l) => / · \d{1,2} [A-Z][a-z]{2} \d{4} · /.test(l)), 'dates shown like 11 Sep 2025').to.equal(true);
    });

    it('shows the same content as the console', async () => {
      const record = await standIn.answered(standIn.command('ask', { question: QUESTION }));
      expect(record.original?.embeds).to.deep.equal(renderAnswer(real.ask(QUESTION))[0]?.embeds);
    });

    it('answers privately when asked to', async () => {
      const record = await standIn.answered(standIn.command('ask', { question: QUESTION, private: true }));
      expect(record.callbacks).to.deep.equal([5]);
      expect(record.original!.flags & EPHEMERAL).to.equal(EPHEMERAL);
      expect(embedsOf(record)[0]?.title).to.equal(QUESTION);
    });

    it('says when the coverage does not answer, and offers the closest facts', async () => {
      const question = 'What is the boiling point of mercury?';
      const answer = real.ask(question);
      const record = await standIn.answered(standIn.command('ask', { question }));
      const text = textOf(embedsOf(record));
      expect(answer.answered).to.equal(false);
      expect(record.original!.embeds).to.have.length.greaterThan(0);
      expect(text).to.include(answer.answer);
      expect(answer.facts.length).to.be.greaterThan(0);
      expect(text).to.include(answer.tier === 'not-sure' ? 'Closest passages (not an answer)' : 'Closest facts');
      expect(unescape(text)).to.include(answer.facts[0]!.text);
    });

    it('pings nobody and echoes mentions harmlessly when the question contains them', async () => {
      const question = '@everyone <@&123456789012345678> how many were freed?';
      const record = await standIn.answered(standIn.command('ask', { question }));
      const sent = standIn.messagesFor(record.id);
      expect(sent).to.have.length.greaterThan(0);
      for (const message of sent) expect(message.body.allowed_mentions).to.deep.equal({ parse: [] });
      const title = embedsOf(record)[0]?.title ?? '';
      expect(title).not.to.include('@everyone');
      expect(title).not.to.include('<@&');
      expect(unescape(title)).to.equal(question);
    });
  });

  describe('autocomplete', () => {
    it('suggests at most 25 names from the corpus for /facts, spelling variants grouped', async () => {
      const empty = await standIn.answered(standIn.autocomplete('facts', { about: '' }, 'about'));
      expect(empty.callbacks).to.deep.equal([8]);
      expect(empty.choices).to.have.length.within(1, 25);
      const top = real.names('', 25);
      expect(empty.choices!.map((c) => c.value)).to.deep.equal(top.map((n) => n.display));

      const typed = await standIn.answered(standIn.autocomplete('facts', { about: 'lukash' }, 'about'));
      expect(typed.choices!.length).to.be.within(1, 25);
      expect(String(typed.choices![0]?.value)).to.match(/Lukash/);
      const grouped = real.names('lukash', 25)[0]!;
      expect(grouped.variants.length).to.be.greaterThan(1);
      expect(typed.choices![0]?.name).to.include('also:');
      for (const variant of grouped.variants.filter((v) => v !== grouped.display)) expect(typed.choices![0]?.name).to.include(variant);
    });

    it('suggests speakers for /quotes', async () => {
      const record = await standIn.answered(standIn.autocomplete('quotes', { speaker: '' }, 'speaker'));
      expect(record.choices!.map((c) => c.value)).to.deep.equal(real.speakers('', 25));
      expect(record.choices!.length).to.be.within(0, 25);
    });
  });

  describe('every command', () => {
    it('/facts about:<name> tells what the coverage says about it', async () => {
      const name = real.names('', 1)[0]!;
      const record = await standIn.answered(standIn.command('facts', { about: name.display }));
      expect(record.callbacks).to.deep.equal([5]);
      const embeds = embedsOf(record);
      expect(unescape(embeds[0]?.title ?? '')).to.equal(name.display);
      const about = real.about(name.display)!;
      expect(about.facts.length).to.be.greaterThan(0);
      expect(unescape(textOf(embeds))).to.include(about.facts[0]!.text);
    });

    it('/facts with an unknown name says so and suggests names', async () => {
      const record = await standIn.answered(standIn.command('facts', { about: 'Zzyzx Qwerty' }));
      expect(textOf(embedsOf(record))).to.include('The coverage does not mention Zzyzx Qwerty.');
    });

    it('/quotes lists quotes with their speaker and every outlet that carried them', async () => {
      const quotes = real.quotes();
      const record = await standIn.answered(standIn.command('quotes'));
      const text = unescape(textOf(embedsOf(record)));
      expect(quotes.length).to.be.greaterThan(0);
      const first = quotes[0]!;
      expect(text).to.include(first.text.slice(0, 60));
      for (const source of first.sources) expect(text).to.include(source.outlet ?? source.file);
    });

    it('/timeline lists dated events in order, relative dates resolved', async () => {
      const events = real.timeline();
      const record = await standIn.answered(standIn.command('timeline'));
      const text = textOf(embedsOf(record));
      expect(events.length).to.be.greaterThan(0);
      expect(text).to.include(`${events.length} dated event`);
      expect(text).to.match(/\d{1,2} [A-Z][a-z]{2} \d{4} — /);
    });

    it('/conflicts lists every place where outlets differ, each version with its sources', async () => {
      const conflicts = real.conflicts();
      const record = await standIn.answered(standIn.command('conflicts'));
      const text = unescape(textOf(embedsOf(record)));
      expect(conflicts.length).to.be.greaterThan(0);
      expect(text).to.include(`${conflicts.length} point`);
      for (const conflict of conflicts.slice(0, 2)) expect(text).to.include(`Outlets differ: ${conflict.about}`);
    });

    it('/sources lists the five articles with outlet, date and facts, without deferring', async () => {
      const record = await standIn.answered(standIn.command('sources'));
      expect(record.callbacks).to.deep.equal([4]);
      const text = unescape(textOf(embedsOf(record)));
      expect(text).to.include('5 articles');
      for (const source of real.sources()) {
        expect(text).to.include(source.file);
        expect(text).to.include(`${source.facts} facts`);
      }
    });

    it('/help describes every command', async () => {
      const record = await standIn.answered(standIn.command('help'));
      const text = textOf(embedsOf(record));
      for (const command of commands) expect(text).to.include(`/${command.data.name}`);
      expect(text).to.include('question:<text> [private:<true|false>]');
    });
  });

  describe('limits', () => {
    it('pages an answer with many sources: every message accepted, every citation whole, buttons to turn pages', async () => {
      control.setAsk(() => widelyReported(80));
      const record = await standIn.answered(standIn.command('ask', { question: QUESTION }));
      expect(record.rejected).to.deep.equal([]);
      const rows = record.original!.components as { components: { custom_id: string; label: string; disabled: boolean }[] }[];
      const [prev, counter, next] = rows[0]!.components;
      expect(prev?.disabled).to.equal(true);
      expect(counter?.label).to.match(/^1 \/ \d+$/);
      const total = Number(counter!.label.split(' / ')[1]);
      expect(total).to.be.greaterThan(1);

      const seen = [textOf(embedsOf(record))];
      let message = record.original!;
      let nextId = next!.custom_id;
      for (let page = 2; page <= total; page++) {
        const click = await standIn.answered(standIn.click(message, nextId));
        expect(click.callbacks).to.deep.equal([7]);
        expect(click.rejected).to.deep.equal([]);
        const buttons = (click.original!.components as typeof rows)[0]!.components;
        expect(buttons[1]?.label).to.equal(`${page} / ${total}`);
        seen.push(textOf(click.original!.embeds as Embed[]));
        message = { ...message, embeds: click.original!.embeds, components: click.original!.components };
        nextId = buttons[2]!.custom_id;
      }
      const all = seen.join('\n');
      for (let n = 1; n <= 81; n++) expect(all).to.include(`[${n}] `);
      for (const source of widelyReported(80).facts[0]!.sources) expect(all).to.include(source.url!);
    });

    it('lets only the person who asked turn the pages', async () => {
      control.setAsk(() => widelyReported(40));
      const record = await standIn.answered(standIn.command('ask', { question: QUESTION }));
      const next = (record.original!.components as { components: { custom_id: string }[] }[])[0]!.components[2]!;
      const other = { id: '310000000000000099', username: 'someone-else' };
      const click = standIn.click(record.original!, next.custom_id, other);
      await standIn.answered(click);
      expect(click.callbacks).to.deep.equal([4]);
      expect(click.original!.flags & EPHEMERAL).to.equal(EPHEMERAL);
      expect(textOf(click.original!.embeds as Embed[])).to.include('Only the person who ran this command');
    });
  });

  describe('failures', () => {
    it('apologises privately with an error id when a command fails, and logs the id with the stack', async () => {
      control.setAsk(() => {
        throw new Error('index corrupted');
      });
      const record = standIn.command('ask', { question: QUESTION });
      await standIn.waitFor(() => record.followUps.length > 0 && record.deleted, 'the apology and the removed placeholder');
      const apology = record.followUps[0]!;
      expect(apology.flags & EPHEMERAL).to.equal(EPHEMERAL);
      const text = textOf(apology.embeds as Embed[]);
      const id = /error id to whoever runs the bot: `([a-z0-9]{6})`/.exec(text)?.[1];
      expect(id, text).to.be.a('string');
      const logged = bot.logs.lines.find((l) => l.message === 'command failed' && l.errorId === id);
      expect(logged?.error).to.equal('index corrupted');
      expect(String(logged?.stack)).to.include('Error: index corrupted');
      const line = await standIn.waitFor(() => interactionLines(bot.logs.lines).find((l) => l.errorId === id), 'the interaction line');
      expect(line).to.include({ command: '/ask', outcome: 'error', user: DEFAULT_USER.id });
    });

    it('logs an expired interaction and keeps answering', async () => {
      standIn.failNext({ method: 'POST', route: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 404, body: { message: 'Unknown interaction', code: 10062 } });
      const lost = standIn.command('ask', { question: QUESTION });
      const warned = await standIn.waitFor(
        () => bot.logs.lines.find((l) => l.message === 'discord refused a call' && l.code === 10062),
        'the warning',
      );
      expect(warned.status).to.equal(404);
      expect(lost.callbacks).to.deep.equal([]);
      const after = await standIn.answered(standIn.command('ask', { question: QUESTION }));
      expect(embedsOf(after)[0]?.title).to.equal(QUESTION);
    });

    it('survives Discord failing with 5xx: logs it, tells the user privately, keeps answering', async () => {
      standIn.failNext({ method: 'PATCH', route: /\/messages\/@original$/, status: 503, times: 2 });
      const failed = standIn.command('ask', { question: QUESTION });
      await standIn.waitFor(() => failed.followUps.length > 0, 'the apology after a 503');
      const line = await standIn.waitFor(
        () => interactionLines(bot.logs.lines).find((l) => l.outcome === 'discord-error' && bot.logs.lines.some((w) => w.message === 'discord refused a call' && w.errorId === l.errorId && w.status === 503)),
        'the logged 503',
      );
      expect(line.command).to.equal('/ask');
      const after = await standIn.answered(standIn.command('ask', { question: QUESTION }));
      expect(embedsOf(after)[0]?.title).to.equal(QUESTION);
    });

    it('waits out a 429 from Discord and still answers, logging the rate limit', async () => {
      standIn.failNext({
        method: 'POST',
        route: /^\/interactions\/\d+\/[^/]+\/callback$/,
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
        headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' },
      });
      const record = await standIn.answered(standIn.command('ask', { question: QUESTION }));
      expect(record.callbacks).to.deep.equal([5]);
      expect(embedsOf(record)[0]?.title).to.equal(QUESTION);
      expect(standIn.requests.filter((r) => r.status === 429)).to.have.length.greaterThan(0);
      const logged = bot.logs.lines.find((l) => l.message === 'discord rate limit');
      expect(logged).to.include({ status: 429, method: 'POST', retryAfter: '0.05' });
      expect(String(logged?.route)).not.to.include(record.token);
    });
  });

  describe('gateway', () => {
    it('resumes after the connection drops and answers what was sent meanwhile', async () => {
      const identifies = standIn.connections.filter((c) => c.identify).length;
      const sessionId = standIn.sessionIds.at(-1);
      standIn.dropConnection();
      const missed = standIn.command('ask', { question: QUESTION });
      await standIn.answered(missed);
      expect(embedsOf(missed)[0]?.title).to.equal(QUESTION);

      const resumed = standIn.connections.at(-1)!;
      expect(resumed.path).to.equal('/resume');
      expect(resumed.resume?.token).to.equal(token);
      expect(resumed.resume?.session_id).to.be.a('string');
      expect(resumed.resume?.session_id).to.equal(sessionId);
      expect(standIn.connections.filter((c) => c.identify).length, 'no new identify').to.equal(identifies);
      await standIn.waitFor(() => bot.logs.lines.some((l) => l.message === 'gateway resumed'), 'the resume log line');

      const after = await standIn.answered(standIn.command('timeline'));
      expect(after.rejected).to.deep.equal([]);
    });
  });

  describe('every message', () => {
    it('carried allowed_mentions with nothing to parse, and fit Discord’s limits', () => {
      const bodies = standIn.sent.filter((m) => m.body.content !== undefined || m.body.embeds !== undefined);
      expect(bodies.length).to.be.greaterThan(15);
      for (const message of bodies) expect(message.body.allowed_mentions, message.via).to.deep.equal({ parse: [] });
      const rejected = [...standIn.interactions.values()].flatMap((r) => r.rejected);
      expect(rejected).to.deep.equal([]);
    });

    it('replaced every deferred placeholder with the answer', () => {
      const deferred = [...standIn.interactions.values()].filter((r) => r.callbacks[0] === 5 && !r.deleted && r.followUps.length === 0);
      expect(deferred.length).to.be.greaterThan(10);
      for (const record of deferred) expect(record.original!.flags & LOADING, record.name).to.equal(0);
    });

    it('logged one line per interaction with command, server, user, latency and outcome', async () => {
      const count = standIn.interactions.size;
      const lines = await standIn.waitFor(() => {
        const found = interactionLines(bot.logs.lines);
        return found.length >= count && found;
      }, 'a log line for every interaction');
      expect(lines).to.have.length(count);
      for (const line of lines) {
        expect(line).to.include.keys(['command', 'server', 'user', 'latencyMs', 'outcome']);
        expect(Object.keys(line).filter((k) => !['level', 'message', 'timestamp', 'command', 'server', 'user', 'latencyMs', 'outcome', 'pages', 'errorId'].includes(k))).to.deep.equal([]);
        expect(line.server).to.equal(standIn.guilds[0]!.id);
        expect(line.latencyMs).to.be.a('number');
      }
      const outcomes = new Set(lines.map((l) => l.outcome));
      for (const outcome of ['deferred-ok', 'ok', 'error', 'discord-error', 'not-owner']) expect(outcomes).to.include(outcome);
    });
  });

});

describe('Discord bot rate limit', function () {
  it('answers a user over the limit with a polite private message, and others normally', async () => {
    const engine = await Engine.load(SEEDS);
    const { standIn, token } = await startStandIn();
    const { bot, logs } = await startTestBot(standIn, token, engine, { rateLimit: { max: 2, windowMs: 10_000 } });
    try {
      for (let i = 0; i < 2; i++) await standIn.answered(standIn.command('help'));
      const refused = await standIn.answered(standIn.command('ask', { question: QUESTION }));
      expect(refused.callbacks).to.deep.equal([4]);
      expect(refused.original!.flags & EPHEMERAL).to.equal(EPHEMERAL);
      expect(textOf(embedsOf(refused))).to.match(/please wait \d+ seconds? and try again/);
      const other = await standIn.answered(standIn.command('help', {}, { id: '310000000000000077', username: 'editor' }));
      expect(other.original!.flags & EPHEMERAL).to.equal(0);
      const outcomes = await standIn.waitFor(() => {
        const lines = interactionLines(logs.lines);
        return lines.length === 4 && lines.map((l) => l.outcome);
      }, 'four log lines');
      expect(outcomes).to.deep.equal(['ok', 'ok', 'rate-limited', 'ok']);
    } finally {
      await bot.stop();
      await standIn.close();
    }
  });
});
