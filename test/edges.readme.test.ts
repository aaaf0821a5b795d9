/**
 * The README's examples are transcripts: every fenced block whose first line is `$ <command>` is run on
 * the sample story and must print exactly what the block shows. A command shape this test cannot run
 * fails it, so that a new example is checked too rather than skipped.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { runScript, SEEDS } from './discord/harness.js';
import { ask } from './support/askCli.js';

interface Example {
  line: number;
  command: string;
  output: string;
}

/** The fenced blocks of a markdown text that start with `$ `. */
function transcripts(markdown: string): Example[] {
  const out: Example[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```/.test(lines[i]!)) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    const body = lines.slice(i + 1, end);
    if (body[0]?.startsWith('$ ')) out.push({ line: i + 2, command: body[0].slice(2), output: body.slice(1).join('\n') });
    i = end;
  }
  return out;
}

/** Words of a shell command line: bare, or in double quotes (no escapes: the examples need none). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** Runs one documented command on the seeds and returns what it prints on stdout. */
async function run(command: string): Promise<string> {
  const askCommand = /^npm run --silent ask -- (.*)$/.exec(command);
  if (askCommand) {
    const result = await ask(words(askCommand[1]!));
    return result.stdout;
  }
  const piped = /^echo "([^"]*)" \| npm start 2>\/dev\/null$/.exec(command);
  if (piped) {
    const result = await runScript('main.ts', { CORPUS_DIR: SEEDS }, `${piped[1]}\n`);
    expect(result.code, result.stderr).to.equal(0);
    return result.stdout;
  }
  throw new Error(`the README example "${command}" has a shape this test cannot run: add it to test/edges.readme.test.ts`);
}

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README examples', function () {
  this.timeout(120_000);
  const examples = transcripts(README);

  it('has the ask and the console examples as transcripts', () => {
    expect(examples.map((e) => e.command.split(' ').slice(0, 4).join(' '))).to.include.members(['npm run --silent ask', 'echo "/ask How many']);
  });

  for (const example of examples) {
    it(`README line ${example.line}: ${example.command}`, async () => {
      const printed = (await run(example.command)).replace(/\s+$/, '');
      expect(printed).to.equal(example.output.replace(/\s+$/, ''));
    });
  }
});
