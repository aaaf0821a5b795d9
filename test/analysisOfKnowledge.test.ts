import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { seedsDir, squadFixtureDir, storiesDir } from './support/paths.js';
import { analyseFile, articleOf } from '../src/cache/record.js';
import { analysisOf } from '../src/search/analysisOfKnowledge.js';
import { assembleKnowledge, type ArticleAnalysis } from '../src/search/knowledge.js';
import type { Article } from '../src/types.js';

/** The articles of a folder with their analyses, numbered in file order. */
function analysed(dirs: string[]): Array<{ article: Article; analysis: ArticleAnalysis }> {
  return dirs
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => /\.(txt|md)$/.test(f) && f !== 'README.md')
        .sort()
        .map((file) => analyseFile(path.relative(seedsDir, path.join(dir, file)), readFileSync(path.join(dir, file), 'utf8'))),
    )
    .filter((r) => r.article)
    .map((record, id) => ({ article: { ...articleOf(record.article!), id }, analysis: record.analysis! }));
}

/** The analysis as JSON, its written forms in one order (an article's forms are a tally: their order means nothing). */
const comparable = (a: ArticleAnalysis): string => JSON.stringify({ ...a, forms: [...a.forms].sort((x, y) => (x[0] + '\0' + x[1]).localeCompare(y[0] + '\0' + y[1])) });

describe('an article analysis taken back out of assembled knowledge', function () {
  this.timeout(120_000);

  it("equals analyseArticle's for every article of the seeds, the fixture stories and the SQuAD fixture, names as recognised", () => {
    const stories = readdirSync(storiesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(storiesDir, d.name));
    const items = analysed([seedsDir, ...stories, squadFixtureDir]);
    expect(items.length).to.be.greaterThan(15);
    const k = assembleKnowledge(
      items.map((x) => x.article),
      items.map((x) => x.analysis),
    );
    // grouping gave some names a corpus-wide key and some an 'other' their group's kind: both are undone
    const names = items.flatMap((x) => x.analysis.facts.flatMap((f) => f.entities));
    const keyed = k.facts.codes;
    expect(names.length).to.be.greaterThan(500);
    let regrouped = 0;
    let retyped = 0;
    for (let id = 0; id < keyed.size; id++) {
      const code = keyed.get(id);
      if (code.includes('"ownKind"')) retyped++;
    }
    for (const x of items) {
      const back = analysisOf(k, x.article.id);
      for (const [i, f] of back.facts.entries()) regrouped += f.entities.filter((e, j) => e.key !== k.facts.get(k.articleSentences[x.article.id]![0] + i)!.entities[j]!.key).length;
      expect(comparable(back), x.article.file).to.equal(comparable(x.analysis));
    }
    expect(regrouped, 'names whose group key differs from their own').to.be.greaterThan(10);
    expect(retyped, 'sentences with a name typed by its group').to.be.greaterThan(0);
  });
});
