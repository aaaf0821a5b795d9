import { questionEcho } from '../src/answer/answer.js';
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Engine, type Answer, type CitedFact } from '../src/engine.js';
import { toJson } from '../src/render/json.js';
import { renderAnswerText } from '../src/render/text.js';
import { pagesToText, renderAnswer } from '../src/render/embed.js';
import { correctSpelling } from '../src/answer/query.js';
import { parseQuestion } from '../src/answer/question.js';
import { wordVectors } from '../src/text/embeddings.js';
import { allFacts, expectCitedVerbatim, fold, foldedFile } from './support/cited.js';
import { seedsDir, story } from './support/paths.js';
import { SETTINGS } from '../src/settings.js';

/** The JSON contract without the timing, which is the only field allowed to vary between runs. */
function stable(a: Answer): object {
  const { ms: _ms, ...rest } = toJson(a);
  return rest;
}

const filesOf = (f: CitedFact): string[] => f.sources.map((s) => s.file);

describe('answer: the seed story', function () {
  this.timeout(60_000);
  let engine: Engine;
  const asked = new Map<string, Answer>();
  /** Asks once per question (answers are pure), checking the citation contract on the way. */
  const ask = (q: string): Answer => {
    let a = asked.get(q);
    if (!a) {
      a = engine.ask(q);
      expectCitedVerbatim(a, seedsDir);
      asked.set(q, a);
    }
    return a;
  };

  before(async () => {
    engine = await Engine.load(seedsDir);
  });

  it('indexes only sentences that are verbatim in their files', () => {
    const k = engine.knowledge;
    expect(k.articles).to.have.length(5);
    for (const s of k.sentences) {
      const file = k.articles[s.articleId]!.file;
      expect(foldedFile(seedsDir, file).includes(fold(s.text)), `${file}: ${s.text}`).to.equal(true);
    }
  });

  it('answers "How many prisoners did Belarus release?" with 52, reported by at least 3 outlets', () => {
    const a = ask('How many prisoners did Belarus release?');
    // Why 52 must win: every outlet leads with Belarus releasing 52 prisoners; 1,300 and 1,000 count the
    // prisoners who *remain*, 14 counts the foreigners only and 6 the Lithuanians only — none of them is
    // the number released, which is what the question's verb asks for.
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.match(/\b52\b/);
    expect(a.answer).to.equal(a.facts[0]!.text);
    expect(a.agreement.reporting).to.be.at.least(3);
    const files = new Set(filesOf(a.facts[0]!));
    expect(files.size).to.be.at.least(3);
    for (const s of a.facts[0]!.sources) expect(s.quote, s.file).to.match(/\b52\b/);
  });

  it('answers "How many prisoners were released?" with 52, reported by at least 3 outlets', () => {
    const a = ask('How many prisoners were released?');
    // Why 52 must win: it is the number released in every outlet's lead; the other figures count the
    // prisoners still held (1,000, 1,300) or a subset of those freed (14 foreigners, 6 Lithuanians).
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.match(/\b52\b/);
    expect(a.agreement.reporting).to.be.at.least(3);
    expect(a.agreement.names).to.have.length(a.agreement.reporting);
    expect(a.agreement.total).to.equal(5);
    expect(new Set(filesOf(a.facts[0]!)).size).to.be.at.least(3);
    for (const s of a.facts[0]!.sources) expect(s.quote, s.file).to.match(/\b52\b/);
  });

  for (const verb of ['released', 'freed', 'let go']) it(`shows that outlets differ on how many Poles were ${verb}: two and three, each with its own sources`, () => {
    const a = ask(`How many Poles were ${verb}?`);
    // Why: Newser (via the Belarusian presidency) lists "two Poles" among the 14 foreigners, while the
    // unnamed outlet of 001 (via Poland's foreign ministry) says "three Polish nationals"; neither outweighs
    // the other, so both must be shown, each cited to its own article.
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.match(/\b(2|two|3|three) (Poles|Polish)\b/i);
    const conflict = a.conflicts.find((c) => c.claims.some((x) => /\b(2|two) Poles\b/i.test(x.text)) && c.claims.some((x) => /\b(3|three) Polish\b/i.test(x.text)));
    expect(conflict, JSON.stringify(a.conflicts.map((c) => c.claims.map((x) => x.text)))).to.not.equal(undefined);
    expect(conflict!.about).to.match(/Poles/i);
    const two = conflict!.claims.find((x) => /\b(2|two) Poles\b/i.test(x.text))!;
    const three = conflict!.claims.find((x) => /\b(3|three) Polish\b/i.test(x.text))!;
    expect(filesOf(two)).to.include('002_908e0902c3c14349.txt');
    expect(filesOf(three)).to.include('001_1d8d43ee444401ba.txt');
    for (const s of two.sources) expect(s.quote).to.match(/\b(2|two) Poles\b/i);
    for (const s of three.sources) expect(s.quote).to.match(/\b(3|three) Polish\b/i);
    expect(filesOf(two).filter((f) => filesOf(three).includes(f))).to.deep.equal([]);
  });

  it('answers "How many Latvians were freed?" with the count of Latvians, not the 14 foreigners', () => {
    const a = ask('How many Latvians were freed?');
    // Why: "14 foreign nationals, including Lithuanians, Latvians…" names Latvians but counts foreigners;
    // only Newser's "two Latvians" counts what is asked, and the short answer is that count
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.match(/\btwo Latvians\b/);
    expect(a.facts[0]!.span).to.include({ text: 'two', kind: 'count', value: 2 });
  });

  it('answers when the prisoners were released with the day worked out, and says how it was read', () => {
    const a = ask('When were the prisoners released?');
    // Why: the outlets say "on Thursday"; the reader needs the date, which is the Thursday before the
    // article's publication (12 September 2025), and to see that it was worked out rather than written
    expect(a.answered).to.equal(true);
    const span = a.facts[0]!.span!;
    expect(span).to.include({ text: 'Thursday', kind: 'date', value: '2025-09-11' });
    expect(span.how).to.match(/Thursday.*publication.*2025-09-12/);
    expect(toJson(a).facts[0]!.span).to.include({ value: '2025-09-11', how: span.how });
    for (const text of [renderAnswerText(a), pagesToText(renderAnswer(a))]) {
      expect(text).to.match(/(\*\*)?Thursday(\*\*)? \(Thursday 11 September 2025\)/);
      expect(text).to.match(/date read as “on Thursday”: the Thursday on or before publication/);
    }
  });

  it('names the Lithuanian president with no made-up "outlets differ" over another person the outlets name', () => {
    const a = ask("Who is Lithuania's president?");
    // Why: all five outlets name Nausėda (or Nauseda); Newser's "thanked President Trump" names someone else,
    // and Newser itself names Nauseda as Lithuania's president, so no outlet gives another answer
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.span?.text).to.match(/Nause?da|Nausėda/);
    expect(a.agreement.reporting).to.be.at.least(4);
    expect(a.conflicts).to.deep.equal([]);
  });

  it('gives both 1,000 and 1,300 for how many political prisoners remain in Belarus', () => {
    const a = ask('How many political prisoners remain in Belarus?');
    // Why: the Lithuanian president says "more than 1,000 political prisoners still remain" and the US
    // envoy speaks of "the nearly 1,300 remaining political prisoners"; both count exactly what is asked
    // (political prisoners still held), so the answer is one of them and the other is shown beside it.
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.match(/\b1,(000|300)\b/);
    expect(a.facts[0]!.text).to.match(/remain/);
    const texts = allFacts(a).map((f) => f.text);
    expect(texts.some((t) => /\b1,000\b/.test(t)), JSON.stringify(texts)).to.equal(true);
    expect(texts.some((t) => /\b1,300\b/.test(t)), JSON.stringify(texts)).to.equal(true);
    const conflict = a.conflicts[0];
    expect(conflict, 'the two figures are shown as outlets differing').to.not.equal(undefined);
    const claims = conflict!.claims.map((c) => c.text);
    expect(claims.some((t) => /\b1,000\b/.test(t)) && claims.some((t) => /\b1,300\b/.test(t)), JSON.stringify(claims)).to.equal(true);
  });

  describe('abstains on questions the coverage does not answer, listing the closest facts', () => {
    // Why abstaining must win: nothing in the five articles speaks of these; the best sentences share only
    // a stray word with the question (France, Poland, Boeing, won), which is not an answer.
    const offTopic: Array<[question: string, bug?: string]> = [
      ['What is the capital of France?'],
      ['Who won the 2024 Super Bowl?'],
      ['How many goals did Lithuania score against Poland?'],
      ['How much does a Boeing 737 cost?'],
      // a population is a count of people: a sentence about the city without one is no answer
      ['What is the population of Minsk?'],
      // BUG (engine): answered (confidence 0.88) with "Six Lithuanians were among the 14 foreigners freed, …
      // the other foreign nationals came from France, …", reported by 2 outlets
      ['Who is the president of France?', 'answers with a sentence that merely lists France'],
      ['When did Belarus join the European Union?'],
    ];
    for (const [q, bug] of offTopic) {
      const test = (): void => {
        const a = ask(q);
        expect(a.answered, `${q} → ${a.answer}`).to.equal(false);
        expect(a.tier, 'not an answer').to.be.oneOf(['not-sure', 'not-covered']);
        expect(a.answer).to.equal(a.tier === 'not-sure' ? 'Not sure: these passages come closest, but none of them clearly answers the question.' : "The coverage doesn't say. The closest facts it has are listed.");
        expect(a.conflicts).to.deep.equal([]);
        expect(a.agreement.reporting).to.equal(0);
        expect(a.confidence).to.be.below(0.5);
        expect(a.facts.length, 'closest facts listed').to.be.within(1, 3);
      };
      if (bug) it.skip(`BUG (${bug}): abstains on "${q}"`, test);
      else it(`abstains on "${q}"`, test);
    }

    it('says so plainly when the question shares no word with the coverage', () => {
      for (const q of ['What is the recipe for banana bread?', 'How tall is Mount Everest?']) {
        const a = ask(q);
        // Why: no sentence holds any of the question's words, so there is nothing to answer from.
        expect(a.answered, q).to.equal(false);
        expect(a.answer, q).to.match(/^The coverage does not (answer|mention)/);
        expect(a.conflicts).to.deep.equal([]);
        expect(a.facts.length).to.be.at.most(3);
      }
    });
  });

  // one confidence, three honest tiers: an answer, "not sure" with the closest passages, or "doesn't say"
  it('puts every answer in the tier its confidence falls in, and only the tier "answer" is answered', () => {
    const questions = ['How many prisoners were released?', 'What is the capital of France?', 'What is the boiling point of mercury?', 'Who is the president of France?', 'When did Belarus join the European Union?', 'How many Poles were freed?'];
    const tiers = new Set<string>();
    for (const q of questions) {
      const a = ask(q);
      tiers.add(a.tier);
      expect(a.answered, q).to.equal(a.tier === 'answer');
      const expected = a.confidence >= SETTINGS.confidence.abstainBelow ? 'answer' : a.confidence >= SETTINGS.confidence.notSureFrom ? 'not-sure' : 'not-covered';
      expect(a.tier, `${q} (confidence ${a.confidence})`).to.equal(expected);
      if (a.tier === 'not-sure') expect(a.answer, q).to.match(/^Not sure/);
      if (a.tier === 'not-covered') expect(a.answer, q).to.match(/^The coverage doesn't say/);
      if (a.tier !== 'answer') expect(a.conflicts, q).to.deep.equal([]);
    }
    expect([...tiers].sort(), 'the questions reach all three tiers').to.deep.equal(['answer', 'not-covered', 'not-sure']);
  });

  it('answers a question with typos ("how many prisners were relased") with 52', () => {
    const a = ask('how many prisners were relased');
    // Why: after spelling correction this is "how many prisoners were released", whose answer is 52.
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.match(/\b52\b/);
    expect(a.agreement.reporting).to.be.at.least(3);
  });

  it('gives the same answer for "Nauseda" and "Nausėda"', () => {
    const plain = ask('What did Nauseda say about the prisoners?');
    const accented = ask('What did Nausėda say about the prisoners?');
    // Why: the outlets spell the Lithuanian president both ways; the best answer is a sentence where he
    // speaks about the prisoners, whichever spelling the question uses.
    expect(plain.answered).to.equal(true);
    expect(plain.facts[0]!.text).to.match(/Naus[eė]da|Lithuanian president/i);
    // the same facts, sources and confidence (a conflict's label may echo the question's own spelling)
    expect(toJson(accented).facts).to.deep.equal(toJson(plain).facts);
    expect([accented.answered, accented.confidence, accented.answer]).to.deep.equal([plain.answered, plain.confidence, plain.answer]);
  });

  it('answers who said a quoted phrase: "barbed wire, barred windows and constant fear" → Nauseda', () => {
    const a = ask('Who said "barbed wire, barred windows and constant fear"?');
    // Why: the phrase is from the Lithuanian president's post on X, carried by four outlets; the top
    // sentence must name him as its speaker.
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.include('barbed wire, barred windows and constant fear');
    expect(a.facts[0]!.text).to.match(/Naus[eė]da|Lithuanian president/i);
    expect(a.agreement.reporting).to.be.at.least(2);
  });

  it('answers who said a quoted phrase: "Our main task is to stand with Trump" → Lukashenko', () => {
    const a = ask('Who said "Our main task is to stand with Trump"?');
    // Why: only one sentence holds the phrase, and it attributes it to Lukashenko.
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.include('Our main task is to stand with Trump');
    expect(a.facts[0]!.text).to.match(/Lukashenko/);
  });

  it('answers who said "No man left behind" → Nauseda', () => {
    const a = ask('Who said "No man left behind"?');
    // Why: the phrase opens Nausėda's post on X, quoted by 001 right after naming him.
    expect(a.answered).to.equal(true);
    expect(allFacts(a).some((f) => /Naus[eė]da|he posted on X/.test(f.text))).to.equal(true);
  });

  it('answers how many people live in Belarus with 9.5 million and no made-up conflict', () => {
    const a = ask('How many people live in Belarus?');
    // Why: only Euronews and Newser give the population (9.5 million); no other figure counts people.
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.match(/9\.5 million/);
    for (const c of a.conflicts) for (const claim of c.claims) expect(claim.text).to.not.match(/Nato countries/);
  });

  it('answers "What is the population of Belarus?" from a count of people, without abstaining', () => {
    const a = ask('What is the population of Belarus?');
    // Why: no article uses the word "population"; "a country of roughly 9.5 million people" gives it as
    // a count of people, so the question is neither missing its topic nor unanswered.
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.match(/9\.5 million/);
  });

  it('answers why Belavia was sanctioned from "The airline was sanctioned…", which names it only the sentence before', () => {
    const a = ask('Why was Belavia sanctioned?');
    // Why: only 002 gives the reason (the forced landing in Minsk); its sentence says "The airline",
    // and Belavia is named in the sentence before. Sentences about easing the sanctions name Belavia
    // but give no reason.
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.match(/^The airline was sanctioned/);
    expect(filesOf(a.facts[0]!)).to.deep.equal(['002_908e0902c3c14349.txt']);
  });

  it('keeps facts within 600 characters, confidence within [0, 1] and quotes verbatim for many questions', () => {
    const questions = [
      'How many prisoners were released?',
      'Who negotiated the release?',
      'When were the prisoners released?',
      'Where did the freed prisoners go?',
      'Why did Belarus release the prisoners?',
      'What sanctions did the US lift?',
      'What did Lukashenko say?',
      'Who is John Coale?',
      'How many journalists were released?',
      'Was Siarhei Tsikhanouski released?',
      '?',
      '   ',
      'a'.repeat(2000),
      'Belavia Boeing sanctions airline',
    ];
    for (const q of questions) {
      const a = ask(q);
      expect(a.question).to.equal(questionEcho(q));
      expect(a.answered).to.be.a('boolean');
      if (a.answered) expect(a.facts.length).to.be.greaterThan(0);
      expect(a.confidence).to.be.within(0, 1);
    }
    expect(ask('a'.repeat(2000)).answered).to.equal(false);
    expect(ask('   ').answer).to.match(/empty/);
  });

  it('is deterministic: the same JSON (but for ms) from the same engine and from a second load', async () => {
    const questions = ['How many Poles were released?', 'How many political prisoners remain in Belarus?', 'What is the capital of France?'];
    const first = questions.map((q) => stable(engine.ask(q)));
    const again = questions.map((q) => stable(engine.ask(q)));
    expect(again).to.deep.equal(first);
    const other = await Engine.load(seedsDir);
    expect(questions.map((q) => stable(other.ask(q)))).to.deep.equal(first);
  });
});

describe('answer: a sentence longer than 600 characters', function () {
  this.timeout(60_000);
  let dir: string;
  let engine: Engine;
  const long =
    'The harbour authority, which has run the port since the reforms of the last decade, counted 41 cranes on the western quay on Tuesday, ' +
    Array.from({ length: 14 }, (_, i) => `along with ${i + 2} tugboats of the ${['northern', 'southern', 'eastern', 'western'][i % 4]} fleet moored at berth ${i + 10}`).join(', ') +
    ', according to the annual inventory published by the ministry.';

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'answer-long-'));
    await writeFile(
      path.join(dir, 'port.md'),
      `---\ntitle: Port inventory\noutlet: Harbour Gazette\npublished: 2024-03-05\n---\n\nThe port reopened on Monday after the storm.\n\n${long}\n\nDockworkers returned to work on Wednesday.\n`,
    );
    engine = await Engine.load(dir);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('quotes a verbatim part of it of at most 600 characters, with the whole sentence as the source quote', () => {
    expect(long.length).to.be.greaterThan(900);
    const a = engine.ask('How many cranes did the harbour authority count?');
    expectCitedVerbatim(a, dir);
    expect(a.answered).to.equal(true);
    const best = a.facts[0]!;
    expect(best.text.length).to.be.at.most(600);
    expect(long.includes(best.text)).to.equal(true);
    expect(best.text).to.include('41 cranes');
    expect(best.sources[0]!.quote).to.equal(long);
    expect(best.sources[0]).to.include({ file: 'port.md', outlet: 'Harbour Gazette', published: '2024-03-05', paragraph: 2 });
  });
});

describe('answer: fixture stories with front matter (test/fixtures/stories)', function () {
  this.timeout(60_000);
  const treasurer = story('2021-treasurer-pleads-guilty');
  const speaker = story('2022-speaker-election');
  let plea: Engine;
  let vote: Engine;

  before(async () => {
    plea = await Engine.load(treasurer);
    vote = await Engine.load(speaker);
  });

  it('counts all three outlets, named from their front matter with its date, when they all report the answer', () => {
    const a = plea.ask('When did Marsh plead guilty?');
    expectCitedVerbatim(a, treasurer);
    // Why: each outlet says she "pleaded guilty on Friday"; a date question is answered by a sentence that
    // pairs the plea with its day, and all three outlets report it.
    expect(a.answered).to.equal(true);
    expect(a.facts[0]!.text).to.match(/pleaded guilty on Friday/);
    const outlets = ['Capitol Wire', 'Lakeside Tribune', 'The Evening Post'];
    expect([...a.agreement.names].sort()).to.deep.equal(outlets);
    for (const s of a.facts[0]!.sources) {
      expect(outlets).to.include(s.outlet);
      expect(s.published).to.equal('2021-06-07');
    }
  });

  it('answers "How old is Linda Marsh?" from "Marsh, 58, was released…", the only sentence with her age', () => {
    const a = plea.ask('How old is Linda Marsh?');
    // Why: the age is written the way news writes it, after the surname and without the word "old"
    expect(a.answered, a.answer).to.equal(true);
    expect(a.facts[0]!.text).to.match(/^Marsh, 58, was released/);
    expectCitedVerbatim(a, treasurer);
  });

  it('shows where outlets differ on an age: 47 against 48, in sentences about different things', () => {
    const a = vote.ask('How old is Delgado?');
    expectCitedVerbatim(a, speaker);
    // Why: the State Journal writes "Ms. Delgado, 47, a former teacher", the Metro Daily "Delgado, 48,
    // thanked her rival": the same person's age, so the sentences need share nothing else to disagree
    const versions = a.conflicts.flatMap((c) => c.claims.map((f) => f.text));
    expect(versions.some((t) => /Delgado, 47,/.test(t)), JSON.stringify(versions)).to.equal(true);
    expect(versions.some((t) => /Delgado, 48,/.test(t)), JSON.stringify(versions)).to.equal(true);
    // and the vote's "134-63", a figure but not an age, is no version of it
    expect(versions.some((t) => /134/.test(t))).to.equal(false);
  });

  it('shows where outlets differ on a sum: $1.2 million against $1.3 million', () => {
    const a = plea.ask('How much money did Marsh steal?');
    expectCitedVerbatim(a, treasurer);
    // Why: the Tribune and the Post say $1.2 million, Capitol Wire $1.3 million; both versions are shown
    const versions = a.conflicts.flatMap((c) => c.claims.map((f) => f.text));
    expect(versions.some((t) => t.includes('$1.2 million'))).to.equal(true);
    expect(versions.some((t) => t.includes('$1.3 million'))).to.equal(true);
  });

  it('reads "folowers" as "followers" and answers with the count of them', () => {
    const q = correctSpelling(vote.knowledge, parseQuestion('How many folowers does Delgado have?'), wordVectors());
    expect(q.terms.map((t) => t.term)).to.include('follow');
    const a = vote.ask('How many folowers does Delgado have?');
    // Why: the only count of followers is "nearly 50,000"
    expect(a.answered, a.answer).to.equal(true);
    expect(a.facts[0]!.text).to.match(/50,000 followers/);
  });

  // known gap (issue 12): the sentence that names the city as her district is offered as its population
  it.skip('abstains on "What is the population of Port Halden?": the only sentence naming the town holds no count', () => {
    const a = vote.ask('What is the population of Port Halden?');
    expect(a.answered, a.answer).to.equal(false);
  });
});
