import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, type Answer } from '../src/engine.js';
import { toJson } from '../src/render/json.js';
import { renderAnswerText } from '../src/render/text.js';
import { renderAnswer } from '../src/render/embed.js';
import { parseQuestion } from '../src/answer/question.js';
import { shortAnswer } from '../src/answer/span/index.js';
import { analyseParagraph } from '../src/text/analyse.js';
import { readParagraph } from '../src/facts/extract.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seedsDir = path.join(repoRoot, 'seeds');

/** The short answer of an answered question, checked against the contract: verbatim at its offsets. */
function spanOf(a: Answer): NonNullable<Answer['facts'][number]['span']> {
  expect(a.answered, a.question).to.equal(true);
  const span = a.facts[0]!.span;
  expect(span, a.question).to.not.equal(undefined);
  expect(a.facts[0]!.text.slice(span!.start, span!.end)).to.equal(span!.text);
  return span!;
}

describe('short answer (facts[0].span)', function () {
  this.timeout(60_000);
  let engine: Engine;
  before(async () => {
    engine = await Engine.load(seedsDir);
  });

  it('gives the count of what was asked about, as a number', () => {
    const span = spanOf(engine.ask('How many political prisoners were freed?'));
    expect(span).to.include({ text: '52', kind: 'count', value: 52 });
  });

  it('picks the count next to the people asked about among several counts', () => {
    const a = engine.ask('How many Poles were released?');
    const span = spanOf(a);
    expect(span.kind).to.equal('count');
    expect(span.value).to.equal(2);
    expect(a.facts[0]!.text.slice(span.end)).to.match(/^\s+Poles/);
  });

  it('gives a date resolved against the publication date', () => {
    const span = spanOf(engine.ask('When were the prisoners released?'));
    expect(span.kind).to.equal('date');
    expect(span.text).to.match(/Thursday/);
    expect(span.value).to.equal('2025-09-11');
  });

  it('gives a qualified figure of those still held', () => {
    const span = spanOf(engine.ask('How many prisoners remain behind bars?'));
    expect(span).to.include({ kind: 'count', value: 1000 });
    expect(span.text).to.match(/1,000/);
  });

  it("names a person for a question about someone's office", () => {
    const span = spanOf(engine.ask("Who is Lithuania's president?"));
    expect(span.kind).to.equal('person');
    expect(span.text.split(/\s+/)).to.have.length(2);
  });

  it('keeps every span verbatim in its fact, in the JSON contract too', () => {
    for (const q of ['Which airline did the US lift sanctions on?', 'Who brokered the deal?', 'Where were the freed prisoners taken?', 'Why did the US lift sanctions?']) {
      const a = engine.ask(q);
      if (!a.answered) continue;
      const json = toJson(a).facts[0]!;
      expect(json.span, q).to.not.equal(undefined);
      expect(json.text.slice(json.span!.start, json.span!.end), q).to.equal(json.span!.text);
      expect(json.span!.text.trim(), q).to.not.equal('');
    }
  });

  it('shows the short answer first and in bold, in the console and on Discord', () => {
    const a = engine.ask('How many political prisoners were freed?');
    expect(renderAnswerText(a).split('\n')[0]).to.equal('**52**');
    const lead = renderAnswer(a)[0]!;
    expect(JSON.stringify(lead)).to.include('**52**');
  });

  it('reads a sentence given on its own: a sum of money from its analysis', () => {
    const sentence = analyseParagraph('The committee raised $40 million from sponsors last year.')[0]!;
    const facts = readParagraph([sentence], {}).facts[0]!;
    const view = { text: sentence.text, tokens: sentence.tokens, wink: sentence.entities, entities: [], numbers: facts.numbers, dates: facts.dates, quotes: [] };
    const span = shortAnswer(parseQuestion('How much money did the committee raise?'), view, null);
    expect(span?.text).to.match(/\$40 million/);
    expect(span?.kind).to.equal('money');
    expect(span?.value).to.equal(40_000_000);
  });

  it('gives no span when the question is not answered', () => {
    const a = engine.ask('What is the airspeed velocity of an unladen swallow?');
    if (!a.answered) expect(a.facts.every((f) => f.span === undefined)).to.equal(true);
  });
});
