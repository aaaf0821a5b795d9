import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { analyseParagraph, type AnalysedSentence } from '../src/text/analyse.js';
import { NameIndex, extractEntities, groupNames } from '../src/facts/names/index.js';
import { sameWord, skeletonWord } from '../src/facts/nameKey.js';
import { canonicalPlace, demonymOf, placeFamily, placeOfDemonym } from '../src/facts/places.js';


import { groupWith, readCorpus } from './support/names.js';
import { seedsDir, squadFixtureDir, story } from './support/paths.js';

function sentence(text: string): AnalysedSentence {
  const s = analyseParagraph(text);
  expect(s).to.have.length(1);
  return s[0]!;
}

function entities(text: string): Array<[string, string]> {
  return extractEntities(sentence(text)).map((e) => [e.text, e.kind]);
}

describe('names: extractEntities', () => {
  it('strips titles and demonyms and keeps them as cues', () => {
    expect(
      entities('Belarus has released 52 prisoners who have now crossed into Lithuania, the Lithuanian President Gitanas Nausėda has said.'),
    ).to.deep.equal([
      ['Belarus', 'place'],
      ['Lithuania', 'place'],
      ['Gitanas Nausėda', 'person'],
    ]);
    expect(
      entities('The move comes a month after US President Donald Trump spoke to Belarus\' authoritarian leader Aliaksandr Lukashenka, urging him to release more prisoners.'),
    ).to.deep.equal([
      ['US', 'place'],
      ['Donald Trump', 'person'],
      ['Belarus', 'place'],
      ['Aliaksandr Lukashenka', 'person'],
    ]);
    expect(entities('At an emergency press conference on Thursday, Nausėda confirmed that his Foreign Minister Kęstutis Budrys had received the group at the border.'))
      .to.deep.include(['Kęstutis Budrys', 'person']);
  });

  it('cuts possessives and reads organisations from the noun before them', () => {
    expect(entities('In return for Mr Lukashenko’s gesture, the US will grant sanctions relief to Belarus’s national airline Belavia.')).to.deep.equal([
      ['Lukashenko', 'person'],
      ['US', 'place'],
      ['Belarus', 'place'],
      ['Belavia', 'organisation'],
    ]);
    expect(entities('Belarus’s state news agency BelTA confirmed that the group also included 14 foreign nationals.')).to.deep.include(['BelTA', 'organisation']);
    const viasna = extractEntities(sentence('Human rights group Viasna said prominent opposition figures were among those freed.')).find((e) => e.text === 'Viasna');
    expect(viasna?.kind).to.be.oneOf(['organisation', 'other']);
  });

  it('reads a person from any noun the dictionary files under people, before the name or in an apposition', () => {
    // none of these role nouns is in the hand list of person nouns: WordNet files them under noun.person
    const squad = fs.readFileSync(path.join(squadFixtureDir, 'Super_Bowl_50.txt'), 'utf8');
    const line = (start: string) => squad.split('\n').flatMap((p) => analyseParagraph(p)).find((s) => s.text.startsWith(start))!;
    const kinds = (s: AnalysedSentence) => extractEntities(s).map((e) => [e.text, e.kind]);
    expect(kinds(line('Denver linebacker Von Miller was named'))).to.deep.include(['Von Miller', 'person']);
    expect(kinds(line('Pro Bowl defensive tackle Kawann Short'))).to.deep.include(['Kawann Short', 'person']);
    expect(entities('The rise was first noted by Graham Twigg, a zoologist at the university.')).to.deep.include(['Graham Twigg', 'person']);
    // a full name that argues, writes or claims in the present tense is a person too
    expect(entities('Kimberley Brownlee argues that disobedience can be justified.')).to.deep.include(['Kimberley Brownlee', 'person']);
    // news gives a person's age between commas after the name
    const metro = fs.readFileSync(path.join(story('2022-speaker-election'), 'metro-daily.txt'), 'utf8');
    const aged = metro.split('\n').flatMap((p) => analyseParagraph(p)).find((s) => /^Owen Tate, 55,/.test(s.text));
    expect(aged, 'a sentence giving his age').to.not.equal(undefined);
    expect(extractEntities(aged!).find((e) => e.text === 'Owen Tate')?.kind).to.equal('person');
    // a noun for a group or a thing does not make a person: "rock group X", "the film X"
    expect(entities('The show was headlined by the British rock group Coldplay.')).to.not.deep.include(['Coldplay', 'person']);
  });

  it('leaves out months, weekdays, sentence-initial words and acronyms of time', () => {
    const found = entities('Among those released Thursday were 14 foreigners, according to the press service in Minsk on September 12 at 7:42 AM CDT.');
    expect(found).to.deep.equal([['Minsk', 'place']]);
    expect(entities('Yet more than 1,000 political prisoners still remain in Belarusian prisons.')).to.deep.equal([]);
  });

  it('keeps initials, particles and suffixes inside a name and splits at punctuation', () => {
    expect(entities('Michael T. Flynn, Mr. Trump’s first national security adviser, pleaded guilty to lying to the F.B.I. on Friday.')).to.deep.equal([
      ['Michael T. Flynn', 'person'],
      ['Trump', 'person'],
      ['F.B.I.', 'organisation'],
    ]);
    expect(entities('He was the fourth person charged in the investigation of Robert S. Mueller III, the special counsel.'))
      .to.deep.equal([['Robert S. Mueller III', 'person']]);
    expect(entities('The release took place at a difficult moment in the Russia-Ukraine war, the Secretary of State Hillary Clinton said.')).to.deep.equal([
      ['Russia', 'place'],
      ['Ukraine', 'place'],
      ['Hillary Clinton', 'person'],
    ]);
    // two particles in a row stay inside the name (a SQuAD sentence)
    const cape = entities('The first Huguenot to arrive at the Cape of Good Hope was however Maria de la Queillerie, wife of commander Jan van Riebeeck.');
    expect(cape).to.deep.include(['Maria de la Queillerie', 'person']);
    // a given name alone is a person: the sentence has no other cue for Malcolm
    expect(entities('Malcolm submitted, paid homage and surrendered his son as a hostage.')).to.deep.equal([['Malcolm', 'person']]);
    // the tagger reads "Manning" as a verb; mid-sentence and capitalised, it is a name
    expect(entities('The Broncos beat Manning\'s old team.')).to.deep.include(['Manning', 'other']);
    // "in" before a name makes it a place, but not before a possessive or a verb
    expect(entities('Many atrocities were committed, often in Luther\'s name.')).to.deep.equal([['Luther', 'other']]);
    expect(entities('The win resulted in Manning reclaiming the job.')).to.deep.equal([['Manning', 'other']]);
    expect(entities('The talks were held in Vilnius.')).to.deep.equal([['Vilnius', 'place']]);
    // the tagger reads "Bears" as a verb; inside a name it is still part of it
    expect(entities('The seven sacks tied a record set by the Chicago Bears in Super Bowl XX.')).to.deep.include(['Chicago Bears', 'organisation']);
  });

  it('gives verbatim text and offsets for every mention of the seed articles', () => {
    const { sentences, mentions } = readCorpus(seedsDir);
    expect(mentions.length).to.be.greaterThan(200);
    for (const { sentenceId, mention } of mentions) {
      const s = sentences[sentenceId]!;
      expect(s.text.slice(mention.start, mention.start + mention.text.length)).to.equal(mention.text);
      expect(mention.text).to.not.match(/^(?:The|Among|Yet|Thursday|September|President|Mr|Lithuanian|Belarusian)\b/);
    }
    const kinds = new Map(mentions.map(({ mention }) => [mention.text, mention.kind]));
    expect(kinds.get('Minsk')).to.equal('place');
    expect(kinds.get('Vilnius')).to.equal('place');
  });
});

describe('names: groupNames on the seed story', () => {
  const { mentions } = readCorpus(seedsDir);
  const groups = groupNames(mentions);

  it('joins transliterations, surname-only and titled mentions to the full name', () => {
    const luk = groupWith(groups, 'Lukashenka');
    expect(luk.variants).to.have.members(['Lukashenko', 'Alexander Lukashenko', 'Lukashenka', 'Aliaksandr Lukashenka']);
    expect(luk.kind).to.equal('person');
    expect(luk.display).to.equal('Alexander Lukashenko');

    const nau = groupWith(groups, 'Nausėda');
    expect(nau.variants).to.include.members(['Gitanas Nausėda', 'Gitanas Nauseda']);
    expect(nau.kind).to.equal('person');

    const husband = groupWith(groups, 'Sergey Tikhanovsky');
    expect(husband.variants).to.have.members(['Siarhei Tsikhanouski', 'Sergey Tikhanovsky']);
    const wife = groupWith(groups, 'Sviatlana Tsikhanouskaya');
    expect(wife.key).to.not.equal(husband.key);
    expect(wife.variants).to.include('Tsikhanouskaya');

    expect(groupWith(groups, 'BelTA').variants).to.have.members(['Belta', 'BelTA']);
    expect(groupWith(groups, 'EU').variants).to.have.members(['EU', 'European Union']);
    expect(groupWith(groups, 'UK').variants).to.include.members(['Britain', 'United Kingdom']);
  });

  it('keeps every other name apart from Trump and places as places', () => {
    expect(groupWith(groups, 'Trump').variants).to.have.members(['Trump', 'Donald Trump']);
    expect(groupWith(groups, 'Minsk').kind).to.equal('place');
    expect(groupWith(groups, 'Vilnius').kind).to.equal('place');
    expect(groupWith(groups, 'Viasna').kind).to.be.oneOf(['organisation', 'other']);
  });

  it('gives unique keys that do not depend on the order of mentions', () => {
    const keys = groups.map((g) => g.key);
    expect(new Set(keys).size).to.equal(keys.length);
    const again = groupNames([...mentions].reverse());
    expect(again.map((g) => [g.key, g.display, [...g.variants].sort()])).to.deep.equal(groups.map((g) => [g.key, g.display, [...g.variants].sort()]));
    for (const g of groups) expect(g.sentences).to.deep.equal([...new Set(g.sentences)].sort((a, b) => a - b));
  });

  it('puts the group key on each mention', () => {
    const keyed = new NameIndex(groups).withGroupKeys(mentions.map((m) => m.mention));
    const luk = groupWith(groups, 'Lukashenka').key;
    expect(keyed.filter((m) => /Lukashenk/.test(m.text)).every((m) => m.key === luk)).to.equal(true);
  });

  it("gives a mention with no cue of its own its group's kind", () => {
    // "Nausėda has said" alone gives no cue; "President Gitanas Nausėda" elsewhere makes the group a person
    const bare = mentions.filter((m) => m.mention.kind === 'other');
    const keyed = new NameIndex(groups).withGroupKeys(bare.map((m) => m.mention));
    const upgraded = keyed.filter((m, i) => m.kind !== bare[i]!.mention.kind);
    expect(upgraded.length).to.be.greaterThan(0);
    for (const m of upgraded) expect(groups.find((g) => g.key === m.key)?.kind).to.equal(m.kind);
  });
});

describe('names: lookups', () => {
  const groups = groupNames(readCorpus(seedsDir).mentions);
  const names = new NameIndex(groups);
  const key = (v: string) => groupWith(groups, v).key;

  it('finds a name by prefix, by folded form and when misspelled', () => {
    expect(names.find('Lukashenco')[0]?.key).to.equal(key('Lukashenka'));
    expect(names.find('Lukshenko')[0]?.key).to.equal(key('Lukashenka'));
    expect(names.find('luka')[0]?.key).to.equal(key('Lukashenka'));
    expect(names.find('nauseda')[0]?.key).to.equal(key('Nausėda'));
    expect(names.find('Tikhanovskaya')[0]?.key).to.equal(key('Sviatlana Tsikhanouskaya'));
    expect(names.find('xyzzy')).to.deep.equal([]);
    expect(names.find('bel', 2)).to.have.length(2);
  });

  it('maps a name in a question to its group, or to none', () => {
    expect(names.keyOf('Lukashenka')).to.equal(key('Lukashenka'));
    expect(names.keyOf("Mr Lukashenko's")).to.equal(key('Lukashenka'));
    expect(names.keyOf('nauseda')).to.equal(key('Nausėda'));
    expect(names.keyOf('Tikhanovsky')).to.equal(key('Sergey Tikhanovsky'));
    expect(names.keyOf('Wilnius')).to.equal(key('Vilnius'));
    expect(names.keyOf('Truman')).to.equal(undefined);
    expect(names.keyOf('Zelensky')).to.equal(undefined);
  });
});

describe('names: the fixture stories', () => {
  const groupsOf = (name: string) => groupNames(readCorpus(story(name)).mentions);

  it('joins surname and titled mentions to the full name in each story', () => {
    const okafor = groupWith(groupsOf('2023-mine-rescue'), 'Okafor');
    expect(okafor.variants).to.include.members(['Okafor', 'Dana Okafor']);
    expect(okafor.kind).to.equal('person');
    expect(groupWith(groupsOf('2022-speaker-election'), 'Delgado').variants).to.include('Maria Delgado');
    const plea = groupsOf('2021-treasurer-pleads-guilty');
    expect(groupWith(plea, 'Marsh').variants).to.include('Linda Marsh');
    expect(groupWith(plea, 'Alvarez').variants).to.include('Victor Alvarez');
    expect(groupWith(plea, 'F.B.I.').variants).to.include('FBI');
  });

  // known gap: "Chief" is not read as a title, so "Chief Brandt" is a second Brandt and the bare surname
  // is left ambiguous, in a group of its own
  it.skip('joins "Brandt" and "Chief Brandt" to "Tomas Brandt"', () => {
    const brandt = groupWith(groupsOf('2023-mine-rescue'), 'Brandt');
    expect(brandt.variants).to.include.members(['Brandt', 'Tomas Brandt']);
  });

  it('keeps father and son, and a shared surname, apart', () => {
    const mine = groupsOf('2023-mine-rescue');
    const son = groupWith(mine, 'Peter Lund Jr.');
    expect(son.variants).to.not.include('Peter Lund Sr.');
    expect(son.key).to.not.equal(groupWith(mine, 'Peter Lund Sr.').key);
    const plea = groupsOf('2021-treasurer-pleads-guilty');
    expect(groupWith(plea, 'Daniel Marsh').key).to.not.equal(groupWith(plea, 'Linda Marsh').key);
  });

  it('does not over-merge across the four SQuAD articles', () => {
    const squad = groupNames(readCorpus(squadFixtureDir).mentions);
    const together = (a: string, b: string) => squad.some((g) => g.variants.includes(a) && g.variants.includes(b));
    expect(together('BBC', 'BC')).to.equal(false);
    expect(together('NFL', 'National Football League')).to.equal(true);
    expect(together('Denver', 'Denver Broncos')).to.equal(false);
  });
});

describe('names: spelling skeletons', () => {
  it('erases transliteration choices but not different names', () => {
    expect(skeletonWord('lukashenka')).to.equal(skeletonWord('lukashenko'));
    expect(skeletonWord('sviatlana')).to.equal(skeletonWord('svetlana'));
    expect(sameWord('tsikhanouski', 'tikhanovsky')).to.equal(true);
    expect(sameWord('tsikhanouski', 'tsikhanouskaya')).to.equal(false);
    expect(sameWord('trump', 'truman')).to.equal(false);
    expect(sameWord('austria', 'australia')).to.equal(false);
  });
});

describe('places and demonyms', () => {
  it('maps people and adjectives to their country and back', () => {
    expect(placeOfDemonym('Poles')).to.equal('Poland');
    expect(placeOfDemonym('Polish')).to.equal('Poland');
    expect(placeOfDemonym('Lithuanians')).to.equal('Lithuania');
    expect(placeOfDemonym('Briton')).to.equal('United Kingdom');
    expect(placeOfDemonym('Warsaw')).to.equal(undefined);
    expect(demonymOf('Lithuania')?.plural).to.deep.equal(['Lithuanians']);
    expect(demonymOf('Poland')?.adjectives).to.deep.equal(['Polish']);
    expect(placeFamily('Poles')).to.include.members(['poland', 'polish', 'poles', 'pole']);
    expect(canonicalPlace('the U.S.')).to.equal('United States');
    expect(canonicalPlace('Britain')).to.equal('United Kingdom');
  });
});
