import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { analyseParagraph } from '../src/text/analyse.js';
import { extractParagraphFacts } from '../src/facts/extract.js';
import { findAttributions } from '../src/facts/attributions.js';
import { articleFacts, numberRaw, numbersIn, paragraphWith, quoteStarting, quotesOf, sentenceWith, storyArticle } from './support/facts.js';
import { seedsDir, story } from './support/paths.js';

const fixtureArticle = (rel: string) => storyArticle(story(''), rel);


/** Paragraphs of a seed file: the pasted articles have one paragraph per line. */
function seedParagraphs(prefix: string): string[] {
  const file = fs.readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return fs
    .readFileSync(path.join(seedsDir, file), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

describe('facts: quotations and their speakers', () => {
  it('gives an X post quoted with "he posted on X" to the president named in the sentence before', () => {
    const p = paragraphWith(seedParagraphs('001'), 'he posted on X');
    const quotes = quotesOf(p);
    // the exclamation inside the quotation does not end the sentence: the post and its speaker stay together
    const post = quoteStarting(quotes, 'No man left behind!');
    expect(post.speaker).to.equal('Gitanas Nauseda');
    expect(post.verb).to.equal('posted');
    expect(post.short).to.equal(undefined);
    expect(post.text).to.match(/^No man left behind! 52 prisoners safely crossed.*constant fear$/);
  });

  it('keeps a multi-sentence quotation with the speaker named after it', () => {
    const p = paragraphWith(seedParagraphs('003'), 'We understand the humanitarian aim');
    // the sentence splitter keeps an open quotation together up to its closing mark and attribution
    const facts = extractParagraphFacts(analyseParagraph(p), {});
    expect(facts).to.have.length(1);
    expect(facts[0]!.quotes[0]!.speaker).to.equal('Ms Tsikhanouskaya');
    expect(facts[0]!.quotes[0]!.text).to.match(/^We understand the humanitarian aim – to free people\. We welcome their release.*in the first place$/);
  });

  it('takes the quoted person, not the agency, from "it quoted Mr Coale as saying" and "Belta later quoted Mr Lukashenko as saying"', () => {
    const seed = seedParagraphs('003');
    const coale = quoteStarting(quotesOf(paragraphWith(seed, 'it quoted Mr Coale as saying')), 'a rare act');
    expect(coale).to.include({ speaker: 'Mr Coale', verb: 'quoted' });
    const luka = quoteStarting(quotesOf(paragraphWith(seed, 'Belta later quoted')), 'Our main task');
    expect(luka).to.include({ speaker: 'Mr Lukashenko', verb: 'quoted' });
  });

  it('reads the inverted order "…,” said Mr Lukashenko, who…"', () => {
    const q = quoteStarting(quotesOf(paragraphWith(seedParagraphs('003'), 'God bless you')), 'If Donald insists');
    expect(q).to.include({ speaker: 'Mr Lukashenko', verb: 'said' });
  });

  it('reads "X said: “…”", "…, writing: “…”" and "…, saying … “…”" in seed 004', () => {
    const seed = seedParagraphs('004');
    const writing = quoteStarting(quotesOf(paragraphWith(seed, 'writing:')), '52 prisoners safely crossed');
    expect(writing).to.include({ speaker: 'Gitanas Nauseda', verb: 'writing' });
    const eismont = quoteStarting(quotesOf(paragraphWith(seed, 'Natalya Eismont confirmed')), 'based on the principles');
    expect(eismont).to.include({ speaker: 'Natalya Eismont', verb: 'saying' });
  });

  it('resolves "He added: “…”" and "She noted …" from the paragraph before when reading the whole article', () => {
    const facts = articleFacts(seedParagraphs('004'));
    const quotes = facts.flatMap((f) => f.quotes);
    for (const start of ['52 is a lot.', 'A great many.', 'Yet more than 1,000']) {
      expect(quoteStarting(quotes, start)).to.include({ speaker: 'Gitanas Nauseda', verb: 'added' });
    }
    expect(quoteStarting(quotes, 'leaders and members of extremist')).to.include({ speaker: 'Natalya Eismont' });
  });

  it('keeps an unresolved "She" as written when the paragraph alone names nobody', () => {
    const p = paragraphWith(seedParagraphs('004'), 'She noted that');
    expect(quoteStarting(quotesOf(p), 'leaders and members')).to.include({ speaker: 'She', verb: 'said' });
  });

  it('gives an unframed quotation that opens a sentence to the speaker of the quotation before it', () => {
    const p = paragraphWith(seedParagraphs('002'), 'He said 52 is');
    const quotes = quotesOf(p);
    expect(quoteStarting(quotes, 'barbed wire')).to.include({ speaker: 'Gitanas Nauseda', verb: 'said' });
    expect(quoteStarting(quotes, 'a great many.')).to.include({ speaker: 'Gitanas Nauseda' });
    expect(quoteStarting(quotes, 'Yet more than 1,000')).to.include({ speaker: 'Gitanas Nauseda' });
  });

  it('marks scare quotes of one or two words as short and keeps their speaker when there is one', () => {
    const seed = seedParagraphs('003');
    const hostages = quoteStarting(quotesOf(paragraphWith(seed, '“hostages”')), 'hostages');
    expect(hostages).to.deep.equal({ text: 'hostages', speaker: 'the US leader', verb: 'described', short: true });
    const loophole = quoteStarting(quotesOf(paragraphWith(seed, '“loophole”')), 'loophole');
    expect(loophole).to.include({ short: true, speaker: 'Sviatlana Tsikhanouskaya' });
    const donald = quoteStarting(quotesOf(paragraphWith(seed, 'signed “Donald”')), 'Donald');
    expect(donald.short).to.equal(true);
    expect(donald.speaker).to.equal(undefined);
  });

  it('reads single-quoted headline quotations and leaves apostrophes alone', () => {
    const seed = seedParagraphs('004');
    const q = quotesOf(seed[1]!);
    expect(q).to.have.length(1);
    expect(q[0]).to.include({ text: 'at the request of the President of the United States', speaker: 'Lukashenko', verb: 'says' });
    const airline = quotesOf(paragraphWith(seed, 'Belarus’ state airline'));
    expect(airline.map((x) => x.text)).to.deep.equal(['based on the prisoner releases to date and constructive engagement.']);
    expect(airline[0]!.speaker).to.equal('A Trump administration official');
  });

  it('reads speakers in the fixture stories: inverted order, "He added:", titles, a quote that follows a framed one', () => {
    const courier = fixtureArticle('2023-mine-rescue/valley-courier.txt');
    expect(quoteStarting(quotesOf(paragraphWith(courier.paragraphs, 'said Tomas Brandt')), 'We did not leave anyone behind')).to.include({ speaker: 'Tomas Brandt', verb: 'said' });
    expect(quoteStarting(quotesOf(paragraphWith(courier.paragraphs, 'He added:')), 'The air down there')).to.include({ speaker: 'Mr. Brandt', verb: 'added' });
    expect(quoteStarting(quotesOf(paragraphWith(courier.paragraphs, 'Ms. Okafor said')), 'Our first duty')).to.include({ speaker: 'Ms. Okafor' });

    const post = fixtureArticle('2021-treasurer-pleads-guilty/evening-post.txt');
    const alvarez = quotesOf(paragraphWith(post.paragraphs, 'Alvarez said.'));
    expect(quoteStarting(alvarez, 'She has accepted')).to.include({ speaker: 'Alvarez', verb: 'said' });
    expect(quoteStarting(alvarez, 'She wants to make this right')).to.include({ speaker: 'Alvarez' });

    const journal = fixtureArticle('2022-speaker-election/state-journal.txt');
    expect(quoteStarting(quotesOf(paragraphWith(journal.paragraphs, 'told the chamber')), 'I will be a speaker')).to.include({ speaker: 'Ms. Delgado', verb: 'told' });
  });
});

describe('facts: attributions', () => {
  const sources = (paragraph: string, needle: string): Array<{ source: string; cue: string }> => {
    const sentences = analyseParagraph(paragraph);
    const i = sentences.findIndex((s) => s.text.includes(needle));
    return extractParagraphFacts(sentences, {})[i]!.attributions;
  };

  it('reads "according to X", "as reported by X", "reported AP", "X confirmed" and "X reports"', () => {
    expect(sources(paragraphWith(seedParagraphs('000'), 'Six Lithuanians'), 'Six Lithuanians')).to.deep.include({
      source: "the Belarusian presidency's press service",
      cue: 'according to',
    });
    const s001 = seedParagraphs('001');
    const polish = sources(paragraphWith(s001, 'three Polish nationals'), 'three Polish nationals');
    expect(polish).to.deep.include({ source: 'a spokesperson for Poland’s foreign ministry', cue: 'according to' });
    expect(polish).to.deep.include({ source: 'TVP World', cue: 'as reported by' });
    expect(sources(paragraphWith(s001, 'reported AP'), 'reported AP')).to.deep.equal([{ source: 'AP', cue: 'reported' }]);
    expect(sources(paragraphWith(s001, 'BelTA confirmed'), 'BelTA confirmed')).to.deep.equal([{ source: 'BelTA', cue: 'confirmed' }]);
    expect(sources(paragraphWith(s001, 'embassy spokesperson confirmed'), 'spokesperson confirmed')).to.deep.equal([
      { source: 'a US embassy spokesperson', cue: 'confirmed' },
    ]);
    expect(sources(paragraphWith(seedParagraphs('002'), 'CNN reports.'), 'CNN reports')).to.deep.include({ source: 'CNN', cue: 'reports' });
  });

  it('reads "X quoted Y as saying" as both the agency and the person, and "X told Y" as X', () => {
    const got = sources(paragraphWith(seedParagraphs('003'), 'Belta also quoted John Coale'), 'Belta also quoted');
    expect(got).to.deep.include({ source: 'Belta', cue: 'quoted' });
    expect(got).to.deep.include({ source: 'John Coale', cue: 'quoted … as saying' });
    expect(got).to.deep.include({ source: 'Mr Trump', cue: 'told' });
  });

  it('skips verbs inside quotations and resolves or drops pronoun sources', () => {
    const p = paragraphWith(seedParagraphs('003'), 'God bless you');
    const got = sources(p, 'God bless you');
    expect(got).to.deep.equal([{ source: 'Mr Lukashenko', cue: 'said' }]);
    // without the paragraph's context, the raw reading keeps the pronoun for the caller
    const raw = findAttributions(sentenceWith(paragraphWith(seedParagraphs('002'), 'He said 52 is'), 'He said 52 is'));
    expect(raw.map((a) => [a.source, a.speaker.pronoun])).to.deep.equal([['He', true]]);
    expect(sources(paragraphWith(seedParagraphs('002'), 'He said 52 is'), 'He said 52 is')).to.deep.equal([{ source: 'Gitanas Nauseda', cue: 'said' }]);
  });
});

describe('facts: numbers', () => {
  it('reads what a number counts, its qualifier and the verb near it (seed 000)', () => {
    const seed = seedParagraphs('000');
    const released = numberRaw(numbersIn(paragraphWith(seed, 'has released 52 prisoners'), 'has released'), '52');
    expect(released).to.include({ value: 52, kind: 'count', counts: 'prisoners', verb: 'release', start: 21 });
    const remain = numberRaw(numbersIn(paragraphWith(seed, 'still remain'), 'still remain'), '1,000');
    expect(remain).to.include({ value: 1000, qualifier: 'more than', counts: 'political prisoners', verb: 'remain', kind: 'count' });
    const freed = numberRaw(numbersIn(paragraphWith(seed, 'around 300'), 'around 300'), '300');
    expect(freed).to.include({ qualifier: 'around', counts: 'people', verb: 'free' });
    const country = numbersIn(paragraphWith(seed, '9.5 million'), '9.5 million');
    expect(numberRaw(country, '9.5 million')).to.include({ value: 9_500_000, qualifier: 'roughly', counts: 'people' });
    expect(numberRaw(country, 'three')).to.include({ value: 3, qualifier: 'more than', counts: 'decades' });
    expect(numberRaw(numbersIn(paragraphWith(seed, 'seventh term'), 'seventh term'), 'seventh')).to.include({ kind: 'ordinal', value: 7 });
  });

  it('reads a count with no noun ("52 was “a great many” people", "52 is a lot")', () => {
    const n = numberRaw(numbersIn(paragraphWith(seedParagraphs('000'), 'a great many'), 'a great many'), '52');
    expect(n.kind).to.equal('count');
    expect(n.counts).to.equal(undefined);
    const lot = numberRaw(numbersIn(paragraphWith(seedParagraphs('004'), '52 is a lot'), '52 is a lot'), '52');
    expect(lot.counts).to.equal(undefined);
  });

  it('reads the Poles: "three Polish nationals" (seed 001) and the list "14 foreigners—six Lithuanians, two Latvians, two Poles…" (seed 002)', () => {
    const polish = numberRaw(numbersIn(paragraphWith(seedParagraphs('001'), 'three Polish nationals'), 'three Polish'), 'three');
    expect(polish).to.include({ value: 3, counts: 'Polish nationals', verb: 'release' });
    const list = numbersIn(paragraphWith(seedParagraphs('002'), '14 foreigners'), '14 foreigners');
    expect(list.map((n) => [n.raw, n.counts])).to.deep.equal([
      ['14', 'foreigners'],
      ['six', 'Lithuanians'],
      ['two', 'Latvians'],
      ['two', 'Poles'],
      ['two', 'Germans'],
      ['one', 'French national'],
      ['one', 'UK national'],
    ]);
    expect(list.every((n) => n.verb === 'release')).to.equal(true);
  });

  it('keeps "remaining" out of the counted noun and exposes it as the verb', () => {
    const n = numberRaw(numbersIn(paragraphWith(seedParagraphs('004'), 'nearly 1,300'), 'nearly 1,300'), '1,300');
    expect(n).to.include({ value: 1300, qualifier: 'nearly', counts: 'political prisoners', verb: 'remain' });
  });

  it('shares the noun of a range ("1,300 or 1,400 prisoners", "six or seven world conflicts")', () => {
    const seed = seedParagraphs('003');
    const range = numbersIn(paragraphWith(seed, '1,300 or 1,400'), '1,300 or 1,400');
    expect(range.map((n) => [n.raw, n.counts])).to.deep.equal([
      ['1,300', 'prisoners'],
      ['1,400', 'prisoners'],
    ]);
    const conflicts = numbersIn(paragraphWith(seed, 'six or seven'), 'six or seven');
    expect(conflicts.map((n) => [n.raw, n.value, n.counts, n.verb])).to.deep.equal([
      ['six', 6, 'world conflicts', 'solve'],
      ['seven', 7, 'world conflicts', 'solve'],
    ]);
  });

  it('does not count years and date parts', () => {
    const y = numbersIn(paragraphWith(seedParagraphs('001'), '2022 invasion'), '2022 invasion');
    expect(numberRaw(y, '2022').kind).to.equal('year');
    const post = numbersIn(paragraphWith(seedParagraphs('001'), 'September 11, 2025'), 'September 11, 2025');
    expect(numberRaw(post, '11').kind).to.equal('date');
    expect(numberRaw(post, '2025').kind).to.equal('year');
    const aug = numbersIn(paragraphWith(seedParagraphs('003'), 'August 22nd'), 'August 22nd');
    expect(numberRaw(aug, '22nd').kind).to.equal('date');
    expect(aug.some((n) => n.kind === 'count')).to.equal(false);
  });

  it('marks a figure as an age only where it is written as one', () => {
    // Why: "how old" is answered by "Smith, 66," or "a 52-year-old", never by "a seven-count indictment" or
    // "a 134-63 vote", which are figures of another kind that the same extractor also leaves uncounted
    const ages = (text: string) => extractParagraphFacts(analyseParagraph(text), {})[0]!.numbers.map((n) => [n.raw, n.age === true]);
    expect(ages('Smith, 66, was taken into custody after a seven-count indictment.')).to.deep.equal([['66', true], ['seven', false]]);
    expect(ages('A 52-year-old miner, aged 52 by his own account, won by a 134-63 vote.').filter(([, age]) => age).map(([raw]) => raw)).to.deep.equal(['52-year-old', '52']);
  });

  it('reads money, percentages, ages, "a dozen", "up to" and counts of four digits in the fixture stories', () => {
    const courier = fixtureArticle('2023-mine-rescue/valley-courier.txt').paragraphs;
    expect(numberRaw(numbersIn(paragraphWith(courier, 'fined $4.5 million'), 'fined'), '$4.5 million')).to.include({ kind: 'money', value: 4_500_000 });
    expect(numberRaw(numbersIn(paragraphWith(courier, '1,250 feet'), '1,250 feet'), '1,250')).to.include({ value: 1250, qualifier: 'about', counts: 'feet' });
    expect(numberRaw(numbersIn(paragraphWith(courier, 'A dozen ambulances'), 'A dozen'), 'A dozen')).to.include({ value: 12, kind: 'count', counts: 'ambulances' });
    const ledger = fixtureArticle('2023-mine-rescue/northern-ledger.txt').paragraphs;
    expect(numberRaw(numbersIn(paragraphWith(ledger, '30 percent'), '30 percent'), '30 percent')).to.include({ kind: 'percent', value: 30, qualifier: 'about' });
    // an age after a name is not a count of anything
    expect(numberRaw(numbersIn(paragraphWith(ledger, 'Tomas Brandt, 52,'), 'Tomas Brandt, 52,'), '52')).to.include({ kind: 'other', age: true });
    const wire = fixtureArticle('2021-treasurer-pleads-guilty/capitol-wire.txt').paragraphs;
    expect(numberRaw(numbersIn(paragraphWith(wire, 'up to 20 years'), 'up to 20 years'), '20')).to.include({ qualifier: 'up to', counts: 'years' });
    const journal = fixtureArticle('2022-speaker-election/state-journal.txt').paragraphs;
    expect(numbersIn(paragraphWith(journal, 'since 2010'), 'since 2010').map((n) => [n.raw, n.kind])).to.deep.equal([
      ['47', 'other'],
      ['2010', 'year'],
    ]);
  });
});

describe('facts: per paragraph', () => {
  it('returns one entry per sentence, in order, with dates resolved from the publication date', () => {
    const p = paragraphWith(seedParagraphs('001'), 'he posted on X');
    const sentences = analyseParagraph(p);
    const facts = extractParagraphFacts(sentences, { published: '2025-09-12' });
    expect(facts).to.have.length(sentences.length);
    expect(facts[0]!.dates.map((d) => [d.raw, d.date])).to.deep.equal([['on Thursday', '2025-09-11']]);
    expect(facts[0]!.quotes).to.deep.equal([]);
    const withoutDate = extractParagraphFacts(sentences, {});
    expect(withoutDate[0]!.dates).to.deep.equal([]);
  });
});
