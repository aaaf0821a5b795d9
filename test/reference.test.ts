import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseParagraph } from '../src/text/analyse.js';
import { referringSubject } from '../src/answer/features.js';
import { measuredBy, parseQuestion } from '../src/answer/question.js';
import { countedWords } from '../src/answer/agreement.js';

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
    const named = sentenceStarting('../shared/corpora/2017-flynn-pleads-guilty/fox-news.txt', 'Flynn');
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
