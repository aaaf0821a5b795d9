/** A follow-up's reading ("Read as: …") in every rendering of an answer, and nothing when it was read as asked. */
import { expect } from 'chai';
import { Engine } from '../src/engine.js';
import { pagesToText, renderAnswer } from '../src/render/embed.js';
import { toJson } from '../src/render/json.js';
import { renderAnswerText } from '../src/render/text.js';
import { SEEDS } from './discord/harness.js';

describe('render: how a follow-up was read', function () {
  this.timeout(60_000);
  let engine: Engine;
  before(async () => (engine = await Engine.load(SEEDS)));

  const READ_AS = 'how many of the 52 freed prisoners were *Polish*';

  for (const question of ['How many prisoners were released?', 'What colour was the ambassador’s car?']) {
    it(`shows "Read as" first, escaped, in Discord, text and JSON: ${question}`, () => {
      const asked = engine.ask(question);
      const read = { ...asked, readAs: READ_AS };
      const description = renderAnswer(read)[0]!.embeds[0]!.description ?? '';
      expect(description.split('\n')[0]).to.equal('-# Read as: how many of the 52 freed prisoners were \\*Polish\\*');
      expect(pagesToText(renderAnswer(asked))).not.to.include('Read as');
      expect(renderAnswerText(read).split('\n')[0]).to.equal(`Read as: ${READ_AS}`);
      expect(renderAnswerText(asked)).not.to.include('Read as');
      expect(toJson(read).readAs).to.equal(READ_AS);
      expect(Object.keys(toJson(asked))).not.to.include('readAs');
    });
  }

  it('cuts a very long reading to one subtext line within Discord’s limits', () => {
    const read = { ...engine.ask('How many prisoners were released?'), readAs: 'word '.repeat(400) };
    const first = (renderAnswer(read)[0]!.embeds[0]!.description ?? '').split('\n')[0]!;
    expect(first.startsWith('-# Read as: word')).to.equal(true);
    expect(first.length).to.be.at.most(320);
  });
});
