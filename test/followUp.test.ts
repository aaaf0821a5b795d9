import { expect } from 'chai';
import { readFollowUp, turnOf } from '../src/answer/followUp.js';
import type { EarlierTurn } from '../src/answer/types.js';
import { Engine, type Answer } from '../src/engine.js';
import { expectCitedVerbatim } from './support/cited.js';
import { seedsDir, squadFixtureDir } from './support/paths.js';

/** Asks a chain of questions as a thread would: each with the turns before it. */
function askChain(engine: Engine, questions: readonly string[]): Answer[] {
  const earlier: EarlierTurn[] = [];
  return questions.map((q) => {
    const a = engine.ask(q, earlier);
    earlier.push(turnOf(a));
    return a;
  });
}

const spanValue = (a: Answer): number | string | undefined => a.facts[0]?.span?.value;

describe('follow-ups: a question read against the thread', function () {
  this.timeout(120_000);

  describe('on the seed story', () => {
    let engine: Engine;
    before(async () => (engine = await Engine.load(seedsDir)));

    // the chain the issue gives: "them" is the 52 freed; the Germans replace the Poles in the question before
    it('answers a three-question chain: how many freed, how many of them Polish, and the Germans', () => {
      const [freed, polish, germans] = askChain(engine, ['How many prisoners were freed?', 'How many of them were Polish?', 'And the Germans?']);
      expect(freed!.readAs).to.equal(undefined);
      expect(spanValue(freed!)).to.equal(52);
      expect(polish!.readAs).to.match(/^How many of the 52 prisoners freed were Polish\?$/);
      expect(polish!.question).to.equal('How many of them were Polish?');
      // outlets give two Poles and three Polish nationals: either is a right answer, and the other a conflict
      expect([2, 3]).to.include(spanValue(polish!));
      expect(germans!.readAs).to.match(/^How many of the 52 prisoners freed were Germans\?$/);
      expect(spanValue(germans!)).to.equal(2);
      for (const a of [freed!, polish!, germans!]) expectCitedVerbatim(a, seedsDir);
    });

    it('reads a question with nothing to refer back to as asked', () => {
      const [, lithuania] = askChain(engine, ['How many prisoners were freed?', "Who is Lithuania's president?"]);
      expect(lithuania!.readAs).to.equal(undefined);
      expect(lithuania!.answer).to.equal(engine.ask("Who is Lithuania's president?").answer);
    });
  });

  describe('on SQuAD articles (test/fixtures/squad)', () => {
    let engine: Engine;
    before(async () => (engine = await Engine.load(squadFixtureDir)));

    // SQuAD-style chains on one paragraph: "he" is the MVP just named, "it" the network
    it('fills in "he" with the person answered before', () => {
      const [mvp, tackles] = askChain(engine, ['Who was the Super Bowl 50 MVP?', 'How many tackles did he make?']);
      expect(mvp!.facts[0]!.span?.text).to.equal('Von Miller');
      expect(tackles!.readAs).to.equal('How many tackles did Von Miller make?');
      expect(tackles!.facts[0]!.text).to.match(/Miller had six total tackles/);
    });

    it('fills in "it" with the thing answered before', () => {
      const [, cost] = askChain(engine, ['What network broadcast Super Bowl 50 in the US?', 'How much did it charge for a 30-second commercial?']);
      expect(cost!.readAs).to.equal('How much did CBS charge for a 30-second commercial?');
      expect(cost!.facts[0]!.span?.text).to.equal('$5 million');
    });
  });

  describe('what refers back and what does not', () => {
    const counted: EarlierTurn = { question: 'How many prisoners were freed?', kind: 'how-many', answer: '52', passage: 'Officials freed 52 prisoners on Thursday.' };
    const person: EarlierTurn = { question: 'Who led the talks?', kind: 'who', answer: 'Maria Novak', passage: 'Maria Novak led the talks.' };
    const read = (q: string, earlier: EarlierTurn[]) => readFollowUp(q, earlier).readAs;

    it('leaves a question alone without earlier turns', () => {
      expect(readFollowUp('What did he say?', [])).to.deep.equal({ text: 'What did he say?' });
    });

    it('leaves a pronoun alone when the question itself says who or what it is', () => {
      expect(read('What Panther tore his ACL in the preseason?', [person])).to.equal(undefined);
      expect(read('Who announced she would step down?', [person])).to.equal(undefined);
      expect(read('Which kicker had the turf collapse, causing him to miss?', [person])).to.equal(undefined);
      expect(read('How old was Manning when he played?', [person])).to.equal(undefined);
    });

    it('leaves an "it" that stands for the clause after it', () => {
      expect(read('How much did it cost to build the stadium?', [counted])).to.equal(undefined);
      expect(read('What is it called when people refuse to obey?', [counted])).to.equal(undefined);
      expect(read('In what year was it declared that no numerals would be used?', [counted])).to.equal(undefined);
    });

    it('fills in a free pronoun: a person, a count, a topic', () => {
      expect(read('What did she say about it?', [person])).to.equal('What did Maria Novak say about the talks?');
      expect(read('Where are they now?', [counted])).to.equal('Where are the 52 prisoners freed now?');
      // an object of "who" is not the one asked about
      expect(read('Who freed them?', [counted])).to.equal('Who freed the 52 prisoners freed?');
      expect(read('What is her role?', [person])).to.equal("What is Maria Novak's role?");
    });

    it('takes "this colony" for the earlier phrase with that head, and "these" only for several', () => {
      const colony: EarlierTurn = { question: 'What was the name of the Florida Huguenot colony?', kind: 'what', answer: null, passage: null };
      expect(read('Which army destroyed this colony?', [colony])).to.equal('Which army destroyed the Florida Huguenot colony?');
      expect(read('Which army destroyed these colony?', [colony])).to.equal(undefined);
    });

    it('keeps a turn of an abstained answer without a short answer', async () => {
      const engine = await Engine.load(seedsDir);
      const turn = turnOf(engine.ask('What is the capital of Australia?'));
      expect(turn.answer).to.equal(null);
      expect(turn.question).to.equal('What is the capital of Australia?');
    });
  });
});
