import { expect } from 'chai';
import { repoRoot, seedsDir, squadFixtureDir, storiesDir } from './support/paths.js';
import { paragraphReader, sentencesTile, split } from './support/sentences.js';

/** A line of a file, `rel` from the repository's root. */
const paragraphOf = paragraphReader(repoRoot);

/** The paragraph holding `needle` splits so that `sentence` is one whole sentence of it. */
function expectWholeSentence(rel: string, needle: string, sentence: string): void {
  const got = split(paragraphOf(rel, needle));
  expect(got, `${rel}: ${JSON.stringify(got)}`).to.include(sentence);
}

describe('sentences: splitting the fixture stories', () => {
  const at = (file: string) => `test/fixtures/stories/${file}`;

  it('keeps titles, party labels and dotted abbreviations inside their sentences', () => {
    expect(split(paragraphOf(at('2021-treasurer-pleads-guilty/capitol-wire.txt'), 'R-Ohio'))).to.deep.equal([
      'Sen. Paula Grant, R-Ohio, who had called for an inquiry last year, said the plea was “only the beginning.”',
    ]);
    expect(split(paragraphOf(at('2021-treasurer-pleads-guilty/lakeside-tribune.txt'), 'U.S. District Judge'))).to.deep.equal([
      'Marsh, 58, was released on bond after the hearing before U.S. District Judge Robert K. Hale.',
      'Her sentencing is set for Sept. 28.',
    ]);
    expect(split(paragraphOf(at('2021-treasurer-pleads-guilty/capitol-wire.txt'), 'D.C.,'))).to.have.length(1);
    expectWholeSentence(
      at('2021-treasurer-pleads-guilty/capitol-wire.txt'),
      'F.B.I.’s field office',
      'Cho said the F.B.I.’s field office had traced the money through four banks.',
    );
    expect(split(paragraphOf(at('2023-mine-rescue/valley-courier.txt'), 'Peter Lund Sr.'))).to.have.length(1);
    expect(split(paragraphOf(at('2023-mine-rescue/valley-courier.txt'), 'Gov. Mark Ellery'))).to.deep.equal([
      'Gov. Mark Ellery visited the site on Saturday.',
      'A state hearing on the collapse is set for April 3.',
    ]);
  });

  it('keeps money and closing quotation marks with their sentence', () => {
    expect(split(paragraphOf(at('2023-mine-rescue/valley-courier.txt'), '$4.5 million'))).to.have.length(1);
    expect(split(paragraphOf(at('2021-treasurer-pleads-guilty/evening-post.txt'), 'Alvarez said.'))).to.deep.equal([
      '“She has accepted responsibility,” Alvarez said.',
      '“She wants to make this right.”',
    ]);
  });
});

describe('sentences: splitting real news text', () => {
  describe('dotted abbreviations (U.S., F.B.I., C.I.A., D.C.)', () => {
    it('ends a sentence at "U.S." or "D.C." when a new sentence starts, and not when the name goes on', () => {
      expect(split('He moved to the U.S. He said it was home.')).to.deep.equal(['He moved to the U.S.', 'He said it was home.']);
      expect(split('The U.S. economy grew. Ms. Cordova agreed.')).to.deep.equal(['The U.S. economy grew.', 'Ms. Cordova agreed.']);
      expect(split('The F.B.I. said it was investigating. The F.B.I. director spoke.')).to.deep.equal([
        'The F.B.I. said it was investigating.',
        'The F.B.I. director spoke.',
      ]);
      expect(split('Agents of the F.B.I. arrested him on Friday.')).to.deep.equal(['Agents of the F.B.I. arrested him on Friday.']);
      expect(split('She lives in Washington, D.C. She works there.')).to.deep.equal(['She lives in Washington, D.C.', 'She works there.']);
      expect(split('It was signed in Washington, D.C., by Gov. Smith on Monday.')).to.deep.equal(['It was signed in Washington, D.C., by Gov. Smith on Monday.']);
      expect(split('Sen. Lindsey Graham, R-S.C., said so. Rep. Maxine Waters (D-Calif.) agreed.')).to.deep.equal([
        'Sen. Lindsey Graham, R-S.C., said so.',
        'Rep. Maxine Waters (D-Calif.) agreed.',
      ]);
    });
  });

  describe('initials in names', () => {
    it('keeps "John F. Kennedy" and "Michael T. Flynn" whole, and still ends a sentence at a name', () => {
      expect(split('The memo went to Michael T. Flynn. Mr. Flynn said nothing. John F. Kennedy was president then.')).to.deep.equal([
        'The memo went to Michael T. Flynn.',
        'Mr. Flynn said nothing.',
        'John F. Kennedy was president then.',
      ]);
      expect(split('President John F. Kennedy visited Berlin in 1963.')).to.deep.equal(['President John F. Kennedy visited Berlin in 1963.']);
    });

    it('splits "posted on X. He added" into two sentences, and keeps the seed\'s "he posted on X." at its end', () => {
      expect(split('Nauseda confirmed the arrival, he posted on X. He added that six Lithuanians were among them.')).to.deep.equal([
        'Nauseda confirmed the arrival, he posted on X.',
        'He added that six Lithuanians were among them.',
      ]);
      expect(split('“No man left behind!” he posted on X. “We are grateful,” he added.')).to.deep.equal([
        '“No man left behind!” he posted on X.',
        '“We are grateful,” he added.',
      ]);
      const seed = split(paragraphOf('seeds/001_1d8d43ee444401ba.txt', 'he posted on X.'));
      expect(seed[0]).to.equal('Lithuanian President Gitanas Nauseda confirmed the safe arrival of the freed prisoners across the Lithuanian border on Thursday.');
      expect(seed[seed.length - 1]).to.match(/constant fear,” he posted on X\.$/);
    });
  });

  describe('month abbreviations', () => {
    it('keeps a constructed "on Sept. 8 in" whole and ends a sentence at "Sept. 8."', () => {
      expect(split('It was signed on Sept. 8 in Vilnius. Officials confirmed it.')).to.deep.equal(['It was signed on Sept. 8 in Vilnius.', 'Officials confirmed it.']);
      expect(split('The last message came on Sept. 8. Then silence.')).to.deep.equal(['The last message came on Sept. 8.', 'Then silence.']);
    });
  });

  describe('decimals and money', () => {
    it('keeps constructed "$1.2 billion" and "9.5 million" whole', () => {
      expect(split('The deal is worth $1.2 billion. It was signed on Monday.')).to.deep.equal(['The deal is worth $1.2 billion.', 'It was signed on Monday.']);
      expect(split('The fine was $1.2 billion, officials said.')).to.deep.equal(['The fine was $1.2 billion, officials said.']);
      expect(split('Belarus has 9.5 million people. It freed 52.')).to.deep.equal(['Belarus has 9.5 million people.', 'It freed 52.']);
    });
  });

  describe('closing quotation marks after the full stop', () => {
    it('keeps constructed closing quotes with their sentence', () => {
      expect(split('“We are done.” She left. “It is over,” he said.')).to.deep.equal(['“We are done.”', 'She left.', '“It is over,” he said.']);
      expect(split('He said, "It is over." The crowd cheered.')).to.deep.equal(['He said, "It is over."', 'The crowd cheered.']);
      expect(split('The statement read: “We are done.” Officials declined to comment.')).to.deep.equal(['The statement read: “We are done.”', 'Officials declined to comment.']);
    });
  });

  describe('every sentence of every article is verbatim', () => {
    const corpora: Array<[string, string]> = [
      ['the seeds', seedsDir],
      ['the fixture stories', storiesDir],
      ['the SQuAD fixture articles', squadFixtureDir],
    ];

    sentencesTile(corpora);
  });

});
