/** `ask --stdin`: piped answers each start with their question, in text mode; JSON lines stay the contract. */
import { expect } from 'chai';
import { QUESTION_RULE as STDIN_RULE } from '../src/render/text.js';
import { ask } from './support/askCli.js';

const QUESTIONS = ['How many prisoners were released?', 'What did the United States lift?', ''];

describe('ask --stdin: rough edges', function () {
  this.timeout(60_000);

  it('text: each answer follows its question between two rules, in order', async () => {
    const run = await ask(['--stdin'], `${QUESTIONS.join('\n')}\n`);
    expect(run.code, run.stderr).to.equal(0);
    const blocks = run.stdout.split(`${STDIN_RULE}\nQ: `).slice(1);
    expect(blocks.map((b) => b.slice(0, b.indexOf('\n')))).to.deep.equal(QUESTIONS);
    for (const block of blocks) expect(block.split('\n')[1]).to.equal(STDIN_RULE);
    expect(run.stdout.startsWith(STDIN_RULE)).to.equal(true);
    expect(blocks[2]).to.include('The question is empty');
  });

  it('JSON: one contract line per question, no heading', async () => {
    const run = await ask(['--json', '--stdin'], `${QUESTIONS.join('\n')}\n`);
    const lines = run.stdout.trim().split('\n');
    expect(lines).to.have.length(3);
    expect(lines.map((l) => (JSON.parse(l) as { question: string }).question)).to.deep.equal(QUESTIONS);
    expect(run.stdout).not.to.include(STDIN_RULE);
  });
});
