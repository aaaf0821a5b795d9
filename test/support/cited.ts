/** The citation contract every answer keeps, checked against the files it cites. */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { Answer, CitedFact } from '../../src/engine.js';

export const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();

const fileCache = new Map<string, string>();
/** A corpus file's text with runs of whitespace folded (quotes are compared against it). */
export function foldedFile(root: string, rel: string): string {
  const full = path.join(root, rel);
  let text = fileCache.get(full);
  if (text === undefined) {
    text = fold(fs.readFileSync(full, 'utf8'));
    fileCache.set(full, text);
  }
  return text;
}

/** Every fact shown: the answer and related facts, and each version of each conflict. */
export const allFacts = (a: Answer): CitedFact[] => [...a.facts, ...a.conflicts.flatMap((c) => c.claims)];

/**
 * The contract every answer keeps: facts of at most 600 characters that are verbatim parts of their first
 * source's sentence, sources with relative file names and 1-based paragraphs, quotes verbatim in their
 * files, and a confidence between 0 and 1.
 */
export function expectCitedVerbatim(a: Answer, root: string): void {
  expect(a.confidence, a.question).to.be.within(0, 1);
  for (const f of allFacts(a)) {
    expect(f.text.length, `fact of "${a.question}" too long`).to.be.within(1, 600);
    expect(f.sources.length, `fact without sources: ${f.text}`).to.be.greaterThan(0);
    expect(fold(f.sources[0]!.quote).includes(fold(f.text)), `fact is not part of its quote: ${f.text}`).to.equal(true);
    for (const s of f.sources) {
      expect(path.isAbsolute(s.file), s.file).to.equal(false);
      expect(s.paragraph).to.be.a('number').and.to.be.at.least(1);
      expect(foldedFile(root, s.file).includes(fold(s.quote)), `quote not verbatim in ${s.file}: ${s.quote}`).to.equal(true);
    }
  }
}
