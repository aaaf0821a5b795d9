/** `npm run ask -- --brief [--format md|text|json]` as a user runs it: the same brief as /brief, every line cited. */
import { expect } from 'chai';
import { Engine } from '../src/engine.js';
import { briefMarkdown, renderBrief } from '../src/render/brief.js';
import { pagesToText } from '../src/render/embed.js';
import { ask } from './support/askCli.js';
import { markdownLines } from './support/briefMarkdown.js';
import { fold, foldedFile } from './support/cited.js';
import { runScript } from './discord/harness.js';
import { seedsDir, story, storiesDir } from './support/paths.js';

describe('cli: npm run ask -- --brief', function () {
  this.timeout(120_000);
  let engine: Engine;

  before(async () => {
    engine = await Engine.load(seedsDir);
  });

  it('--format md: the brief as Markdown, every line of coverage verbatim in the file its citation names', async () => {
    const run = await ask(['--brief', '--format', 'md']);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.equal(briefMarkdown(engine.brief(), 'seeds'));
    expect(run.stdout.split('\n')[0]).to.equal('# Brief: seeds');
    for (const heading of ['## Key facts', '## Where outlets differ', '## Latest developments', '## Main quotes']) expect(run.stdout).to.include(`\n${heading}`);
    const lines = markdownLines(run.stdout);
    expect(lines.length).to.be.greaterThan(10);
    for (const line of lines) expect(foldedFile(seedsDir, line.file).includes(fold(line.text)), `${line.file}: ${line.text}`).to.equal(true);
    const again = await ask(['--brief', '--format', 'md']);
    expect(again.stdout).to.equal(run.stdout);
  });

  it('text (the default) is what /brief shows at the console', async () => {
    const run = await ask(['--brief']);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.equal(pagesToText(renderBrief(engine.brief(), 'seeds')));
    const console = await runScript('main.ts', { CORPUS_DIR: seedsDir }, '/brief\n');
    expect(console.code, console.stderr).to.equal(0);
    expect(console.stdout).to.include(run.stdout.trimEnd());
  });

  it('--format json (or --json): one object with the lines and their sources', async () => {
    for (const args of [['--brief', '--format', 'json'], ['--brief', '--json']]) {
      const run = await ask(args);
      expect(run.code, run.stderr).to.equal(0);
      const o = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(Object.keys(o)).to.deep.equal(['title', 'articles', 'outlets', 'published', 'keyFacts', 'conflicts', 'developments', 'quotes', 'totals']);
      const facts = o.keyFacts as Array<{ text: string; sources: Array<{ file: string; quote: string }> }>;
      expect(facts.map((f) => f.text)).to.deep.equal(engine.brief().keyFacts.map((f) => f.text));
    }
  });

  it('--story: the brief of one story of a stories folder, under its title', async () => {
    const run = await ask(['--brief', '--format', 'md', '--story', '2023-mine-rescue', '--stories', storiesDir]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout.split('\n')[0]).to.equal('# Brief: 2023-mine-rescue');
    for (const line of markdownLines(run.stdout)) expect(foldedFile(story('2023-mine-rescue'), line.file).includes(fold(line.text)), line.text).to.equal(true);
  });

  it('bad usage: exit 2 with a message saying what is wrong, and the usage', async () => {
    const cases: Array<[string[], string]> = [
      [['--format', 'md', 'How many?'], '--format goes with --brief'],
      [['--brief', '--format', 'pdf'], '--format pdf: the brief is written as text, md, json'],
      [['--brief', '--format'], '--format needs one of text, md, json'],
      [['--brief', 'How many were freed?'], '--brief takes no question'],
      [['--brief', '--stdin'], '--brief does not go with --stdin'],
      [['--brief', '--json', '--format', 'md'], '--json and --format md ask for two formats'],
    ];
    for (const [args, message] of cases) {
      const run = await ask(args);
      expect(run.code, args.join(' ')).to.equal(2);
      expect(run.stderr).to.include(message);
      expect(run.stderr).to.include('npm run ask -- --brief [--format md|text|json]');
      expect(run.stdout).to.equal('');
    }
  });
});
