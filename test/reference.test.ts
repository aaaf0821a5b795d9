import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseParagraph } from '../src/text/analyse.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { candidateFeatures, fitsSort, questionContext, referringSubject } from '../src/answer/features.js';
import { extractParagraphFacts } from '../src/facts/extract.js';
import { rankForQuestion } from '../src/answer/answer.js';
import { queryTerms } from '../src/answer/query.js';
import { Engine } from '../src/engine.js';
import type { Knowledge } from '../src/search/knowledge.js';
import { wordVectors } from '../src/text/embeddings.js';
import { measuredBy, parseQuestion, questionHead } from '../src/answer/question.js';
import { countedWords, sameThing } from '../src/answer/agreement.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The analysed sentence of a corpus file that starts with the given words. */
function sentenceStarting(file: string, start: string) {
  const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  for (const para of text.split(/\n\s*\n|\n/)) {
    const found = analyseParagraph(para).find((s) => s.text.startsWith(start));
    if (found) return found;
  }
  throw new Error(`no sentence starting "${start}" in ${file}`);
}

describe('reference: sentences that point back to something already named', () => {
  it('reads "The airline was sanctioned…" as a definite description with its noun', () => {
    const s = sentenceStarting('seeds/002_908e0902c3c14349.txt', 'The airline was sanctioned');
    expect(referringSubject(s)).to.deep.equal(['airlin']);
  });

  it('keeps the modifier of "The sanctions relief will…", so that it can be told from a reference to a name', () => {
    const s = sentenceStarting('seeds/001_1d8d43ee444401ba.txt', 'The sanctions relief');
    expect(referringSubject(s)).to.deep.equal(['sanction', 'relief']);
  });

  it('reads a pronoun opening as a reference without nouns, and a sentence opening with a name as none', () => {
    const s = analyseParagraph('He said he was "deeply grateful" to the US.')[0]!;
    expect(referringSubject(s)).to.deep.equal([]);
    const named = sentenceStarting('test/fixtures/stories/2022-speaker-election/metro-daily.txt', 'Delgado');
    expect(referringSubject(named), named.text).to.equal(null);
  });

  it('does not take a name after "The" for a reference ("The White House said…")', () => {
    expect(referringSubject(analyseParagraph('The White House said on Friday that it would respond.')[0]!)).to.equal(null);
  });
});

describe('reference: measures counted under another word', () => {
  it('counts a population in people, and leaves other words alone', () => {
    expect(measuredBy('Population')).to.include('people');
    expect(measuredBy('prisoners')).to.deep.equal([]);
    expect(countedWords(parseQuestion('What is the population of the country?'))).to.include.members(['population', 'people']);
  });
});

describe('reference: whom "he" and "it" can stand for', () => {
  let dir: string;
  let k: Knowledge;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pronoun-test-'));
    await writeFile(
      path.join(dir, 'council.txt'),
      [
        '---',
        'title: Council vote',
        'outlet: Test Times',
        'published: 2024-03-01',
        '---',
        'Mayor Anna Berg met officials of the Northfield Harbour Authority in Lisbon on Monday. He said the budget vote would pass next week.',
        '',
        'The Northfield Harbour Authority approved a new pier in March. It said the pier would open in 2026.',
        '',
        'Judge Carl Moreno heard the appeal in May. He ruled against the port the next day.',
        '',
        'A long illness kept him from the bench, and he retired on 4 June 2024.',
      ].join('\n'),
    );
    k = (await Engine.load(dir, { cache: false })).knowledge;
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** The reference credit a sentence gets for the question. */
  const antecedent = (question: string, start: string) => {
    const c = rankForQuestion(k, question, wordVectors()).pool.find((x) => k.sentences[x.sentenceId]!.text.startsWith(start));
    expect(c, start).to.not.equal(undefined);
    return c!.features.antecedent;
  };

  it('lets "he" stand for the person named before, not for an organisation', () => {
    expect(antecedent('What did Anna Berg say about the budget vote?', 'He said')).to.be.greaterThan(0);
    expect(antecedent('What did the Northfield Harbour Authority say about the budget vote?', 'He said')).to.equal(0);
  });

  it('lets a later clause\'s "he" stand for the person last named, through a sentence that only refers back', () => {
    // Why: "A long illness kept him …, and he retired" names nobody; the judge was named two sentences
    // before, and the sentence between refers to him only as "He"
    expect(antecedent('When did Carl Moreno retire?', 'A long illness')).to.be.greaterThan(0);
    expect(antecedent('When did Anna Berg retire?', 'A long illness')).to.equal(0);
  });

  it('lets "it" stand for the organisation named before', () => {
    expect(antecedent('When will the Northfield Harbour Authority pier open?', 'It said')).to.be.greaterThan(0);
  });
});

describe('question kind', () => {
  it('reads "how fast", "how deep", "how heavy" as asking for a figure, like "how many" and "how long"', () => {
    for (const q of ['How fast were the winds around St. Augustine in the 1964 hurricane?', 'How deep is the lake?', 'How heavy was the module?', 'How many were freed?', 'How long did it last?'])
      expect(parseQuestion(q).kind, q).to.equal('how-many');
    expect(parseQuestion('How did the Huguenots defend themselves?').kind).to.equal('how');
    expect(parseQuestion('How may yards did Peyton Manning throw?').kind).to.equal('how-many');
  });

  it('does not look for the word "old" or "long" itself: "how old" asks for an age, written without it', () => {
    const q = parseQuestion('How old is Roger Stone?');
    expect(q.sort).to.equal('age');
    expect(q.terms.map((t) => t.term)).to.deep.equal(['roger', 'stone']);
    expect(parseQuestion('How long did the trial last?').terms.map((t) => t.term)).to.not.include('long');
    // "on what day" asks for a date, written without the word "day"; a quote about "the day" is no answer
    expect(parseQuestion('On what day did Cantor lose his primary?').terms.map((t) => t.term)).to.deep.equal(['cantor', 'lose', 'primari']);
    expect(parseQuestion('What day did the crew return?').terms.map((t) => t.term)).to.not.include('day');
    // elsewhere the word stays: "the old bridge"
    expect(parseQuestion('When was the old bridge closed?').terms.map((t) => t.term)).to.include('old');
  });

  it('tells an age from other small figures: a score or a count with a word like "agents" is not one', () => {
    const q = parseQuestion('How old was Manning?');
    const fits = (text: string) => {
      const s = analyseParagraph(text)[0]!;
      return fitsSort(q, s, { ...extractParagraphFacts([s], {})[0]!, sentenceId: 0, entities: [] }, new Set(['manning']));
    };
    expect(fits('Although the team had a 7–0 start, Manning led the NFL in interceptions.')).to.equal(false);
    expect(fits('Manning said 29 FBI agents arrived at his home with 17 vehicles.')).to.equal(false);
    expect(fits('Mr. Blumenthal, 64, is known as a brilliant lawyer.')).to.equal(true);
    expect(fits('Manning became the oldest quarterback ever to win at age 39.')).to.equal(true);
    expect(fits('The 52-year-old quarterback retired.')).to.equal(true);
  });
});

describe('question head: the sort of thing a what/which question asks for', () => {
  it('is the last noun after the question word, or after "the name of"', () => {
    expect(questionHead(parseQuestion('Which NFL team won Super Bowl 50?'))).to.equal('team');
    expect(questionHead(parseQuestion('What was the name of the stadium in Miami?'))).to.equal('stadium');
    expect(questionHead(parseQuestion('What kind of company is Sky UK Limited?'))).to.equal('company');
    expect(questionHead(parseQuestion('Who won the vote?'))).to.equal(null);
    expect(questionHead(parseQuestion('What well-known archeologist believed the Amazon was empty?'))).to.equal('archeologist');
  });

  it('asks for a person when the dictionary files the head noun under people', () => {
    expect(parseQuestion('What well-known archeologist believed the Amazon was empty?').sort).to.equal('person');
    expect(parseQuestion('Which Denver linebacker was named MVP?').sort).to.equal('person');
    expect(parseQuestion('Which NFL team won Super Bowl 50?').sort).to.equal(null);
    expect(parseQuestion('What was the name of the stadium in Miami?').sort).to.equal(null);
  });

  it('finds a name next to a word for that sort of thing in a real sentence', () => {
    const q = parseQuestion('What venue did Super Bowl 50 take place in?');
    const ctx = questionContext(q, () => 1);
    const gold = sentenceStarting('test/fixtures/squad/Super_Bowl_50.txt', 'The game was played on February 7, 2016');
    const other = sentenceStarting('test/fixtures/squad/Super_Bowl_50.txt', 'The Broncos took an early lead');
    const first = { bm25: 1, paragraph: 1, neighbour: 0, rank: 0, title: 0, coverage: 0, position: 0, paragraphCoverage: 0, windowCoverage: 0, localCoverage: 0, localWindow: 0, paragraphLocal: 0, paragraphSoft: 0 };
    const terms = (s: typeof gold) => s.tokens.map((t) => t.stem);
    expect(candidateFeatures(ctx, gold, terms(gold), first, wordVectors()).headName).to.equal(1);
    expect(candidateFeatures(ctx, other, terms(other), first, wordVectors()).headName).to.equal(0);
  });
});

describe('question: phrasal verbs', () => {
  it('reads "set up" as one verb with the dictionary meaning of the pair, and drops the particle as a topic word', () => {
    const q = parseQuestion('Who set up the company?');
    expect(q.verbs).to.include('set_up');
    expect(q.terms.find((t) => t.term === 'set')?.phrasal).to.equal('set_up');
    expect(q.terms.map((t) => t.term)).to.not.include('up');
  });

  it('looks for "founded" and "established" when asked who set something up', async () => {
    const k = (await Engine.load(path.join(repoRoot, 'test/fixtures/squad'))).knowledge;
    const query = queryTerms(k, parseQuestion('Who set up the company?'), wordVectors()).map((t) => t.term);
    expect(query).to.include.members(['found', 'establish']);
  });

  it('leaves a verb alone when the word after it is not a particle', () => {
    const q = parseQuestion('Who set the record?');
    expect(q.verbs).to.not.include('set_up');
    expect(q.terms.every((t) => !t.phrasal)).to.equal(true);
  });
});

describe('apposition: a name standing right after a word of the question', () => {
  const first = { bm25: 1, paragraph: 1, neighbour: 0, rank: 0, title: 0, coverage: 0, position: 0, paragraphCoverage: 0, windowCoverage: 0, localCoverage: 0, localWindow: 0, paragraphLocal: 0, paragraphSoft: 0 };
  const appositionOf = (question: string, file: string, start: string) => {
    const s = sentenceStarting(file, start);
    return candidateFeatures(questionContext(parseQuestion(question), () => 1), s, s.tokens.map((t) => t.stem), first, wordVectors()).apposition;
  };
  const story = 'test/fixtures/stories/2022-speaker-election/harbor-news.txt';

  it('finds "Her husband, Carl Weiss" for "Who is Delgado\'s husband?"', () => {
    expect(appositionOf("Who is Delgado's husband?", story, 'Her husband, Carl Weiss')).to.equal(1);
  });

  it('does not take "my husband, who…" for an answer', () => {
    expect(appositionOf("Who is Delgado's husband?", story, '“I owe this to my husband')).to.equal(0);
  });
});

describe('counted things: "13 others" counts what was named before', () => {
  it('does not take "others" or "more" for people, though word vectors put them close', () => {
    const vectors = wordVectors();
    expect(vectors.similarity('others', 'people')).to.be.greaterThan(0.5);
    expect(sameThing('others', 'people', vectors)).to.equal(false);
    expect(sameThing('more', 'prisoners', vectors)).to.equal(false);
    expect(sameThing('prisoners', 'prisoner', vectors)).to.equal(true);
  });
});
