/** An over-long question is refused the same way in every front end, and only its start is echoed. */
import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { commands } from '../commands/index.js';
import { command as askCommand } from '../commands/ask.js';
import { ANSWER_SETTINGS, ECHO_CHARS, questionProblem } from '../src/answer/answer.js';
import type { CommandContext } from '../src/bot/command.js';
import { runConsole } from '../src/bot/console.js';
import { Engine } from '../src/engine.js';
import { createLogger } from '../src/log.js';
import { pagesToText } from '../src/render/embed.js';
import { ask } from './support/askCli.js';
import { oneStoryContext, stringOptions } from './support/desk.js';

const SEEDS = new URL('../seeds', import.meta.url).pathname;
/** A real question, padded far past the limit: cut to the limit it would be answered. */
const LONG = `How many prisoners were released? ${'and then what happened next '.repeat(4000)}`;
const REFUSAL = questionProblem(LONG)!;

describe('over-long questions: rough edges', function () {
  this.timeout(60_000);
  let engine: Engine;
  let context: CommandContext;
  before(async () => {
    engine = await Engine.load(SEEDS);
    context = oneStoryContext(engine);
  });

  it('the refusal is the CLI\'s length message', () => {
    expect(LONG.length).to.be.greaterThan(100_000);
    expect(REFUSAL).to.match(/characters long; ask it in at most 1,000\./);
    expect(engine.ask(LONG.slice(0, 300)).answered, 'cut short, the question would be answered').to.equal(true);
  });

  it('the CLI refuses it and echoes only its start (--json --stdin, 2 MB)', async () => {
    const huge = `How many prisoners were released? ${'x'.repeat(2 * 1024 * 1024)}`;
    const run = await ask(['--json', '--stdin'], `${huge}\nHow many prisoners were released?\n`);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout.length).to.be.lessThan(100_000);
    const [refused, answered] = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { question: string; answered: boolean; answer: string });
    expect(refused!.answered).to.equal(false);
    expect(refused!.answer).to.equal(questionProblem(huge));
    expect(refused!.question.length).to.be.at.most(ECHO_CHARS + 1);
    expect(huge.startsWith(refused!.question.replace(/…$/, ''))).to.equal(true);
    expect(answered!.question, 'a question within the limit is echoed whole').to.equal('How many prisoners were released?');
  });

  it('the console refuses it with the same message instead of answering its first 300 characters', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString('utf8')));
    const done = runConsole({ input, output, commands, context, logger: createLogger({ level: 'error' }), interactive: false });
    input.end(`${LONG}\n/ask question:${LONG}\n`);
    await done;
    expect(text.split(REFUSAL).length - 1, text.slice(0, 500)).to.equal(2);
    expect(text.length).to.be.lessThan(5_000);
    expect(text).not.to.include('Sources');
  });

  it('the Discord /ask handler refuses it with the same message', async () => {
    const options = stringOptions({ question: LONG });
    const pages = await askCommand.respond(context, options);
    const shown = pagesToText(pages);
    expect(shown).to.include(REFUSAL);
    expect(shown.length).to.be.lessThan(2_000);
  });

  it('Discord\'s box takes as many characters as the engine', () => {
    const option = askCommand.data.toJSON().options?.find((o) => o.name === 'question') as { max_length?: number } | undefined;
    expect(option?.max_length).to.equal(ANSWER_SETTINGS.maxQuestionChars);
  });
});
