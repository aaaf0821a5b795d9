/** Sentence-splitting checks on real article files, for the fixture tests and the eval suite alike. */
import { expect } from 'chai';
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load.js';
import { analyseParagraph } from '../../src/text/analyse.js';
import { fold } from './cited.js';
import { repoRoot } from './paths.js';

/** The sentences of a paragraph, as the engine splits them. */
export const split = (paragraph: string): string[] => analyseParagraph(paragraph).map((s) => s.text);

/**
 * A reader of the line of an article that contains `needle` (seed pages have one paragraph per line;
 * front-matter stories one per line with blank lines between). `rel` is from `root`, or from the
 * repository's root when it starts with `seeds/`.
 */
export function paragraphReader(root: string): (rel: string, needle: string) => string {
  return (rel, needle) => {
    const full = rel.startsWith('seeds/') ? path.join(repoRoot, rel) : path.join(root, rel);
    const line = fs
      .readFileSync(full, 'utf8')
      .split(/\r?\n/)
      .find((l) => l.includes(needle));
    if (!line) throw new Error(`no line with ${needle} in ${rel}`);
    return line.trim();
  };
}

/** Registers one test per corpus: each sentence is in its file (whitespace folded) and the sentences tile their paragraph. */
export function sentencesTile(corpora: Array<[string, string]>): void {
  for (const [name, dir] of corpora) {
    it(`${name}: each sentence is in its file (whitespace folded) and the sentences tile their paragraph`, async function () {
      this.timeout(30_000);
      const result = await loadCorpus(dir);
      expect(result.articles.length).to.be.greaterThan(0);
      let count = 0;
      for (const article of result.articles) {
        const file = fold(await readFile(path.join(result.root, article.file), 'utf8'));
        for (const p of article.paragraphs) {
          const sentences = analyseParagraph(p.text);
          expect(sentences.length, `${article.file} ¶${p.index} has no sentence`).to.be.greaterThan(0);
          let cursor = 0;
          for (const s of sentences) {
            count++;
            const where = `${article.file} ¶${p.index}: ${s.text.slice(0, 80)}`;
            expect(s.text, where).to.equal(s.text.trim());
            expect(file.includes(fold(s.text)), `not verbatim in the file: ${where}`).to.equal(true);
            // the offset points at the sentence, sentences come in order and only whitespace lies between them
            expect(p.text.slice(s.start, s.start + s.text.length), where).to.equal(s.text);
            expect(s.start, where).to.be.at.least(cursor);
            expect(p.text.slice(cursor, s.start).trim(), `text lost before ${where}`).to.equal('');
            cursor = s.start + s.text.length;
          }
          expect(p.text.slice(cursor).trim(), `text lost at the end of ${article.file} ¶${p.index}`).to.equal('');
        }
      }
      expect(count).to.be.greaterThan(10);
    });
  }
}
