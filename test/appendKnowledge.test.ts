import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { seedsDir, story } from './support/paths.js';
import { answerQuestion } from '../src/answer/answer.js';
import { answerContext } from '../src/answer/context.js';
import { analyseFile, articleOf } from '../src/cache/record.js';
import { appendArticles } from '../src/search/appendKnowledge.js';
import { assembleKnowledge, type ArticleAnalysis, type Knowledge } from '../src/search/knowledge.js';
import type { Article } from '../src/types.js';

/** The articles of a folder with their analyses, numbered in file order. */
function analysed(dir: string): Array<{ article: Article; analysis: ArticleAnalysis }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file, id) => {
      const record = analyseFile(file, readFileSync(path.join(dir, file), 'utf8'));
      return { article: { ...articleOf(record.article!), id }, analysis: record.analysis! };
    });
}

const assembled = (items: ReadonlyArray<{ article: Article; analysis: ArticleAnalysis }>): Knowledge =>
  assembleKnowledge(
    items.map((x, id) => ({ ...x.article, id })),
    items.map((x) => x.analysis),
  );

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((x, i) => x === b[i]);
const seedQuestions = ['How many prisoners were freed?', 'How many Poles were released?', 'Who is Mikola Statkevich?', 'When were the prisoners freed?', 'What did Lukashenko say?'];
const answersOf = (k: Knowledge): string => JSON.stringify(seedQuestions.map((q) => ({ ...answerQuestion(k, q, null, () => 0, answerContext(k, null)), ms: 0 })));

describe('appending articles to built knowledge', function () {
  this.timeout(60_000);
  const seeds = analysed(seedsDir);

  it('appending the file that sorts last gives the arrays, indexes and answers of assembling them all', () => {
    const whole = assembled(seeds);
    const appended = appendArticles(assembled(seeds.slice(0, -1)), [seeds.at(-1)!.article], [seeds.at(-1)!.analysis]);
    const [w, a] = [whole.parts, appended.parts];
    expect(a.vocabulary).to.deep.equal(w.vocabulary);
    for (const key of ['sentenceParagraphs', 'paragraphArticles', 'paragraphNumbers', 'articleSentences'] as const) expect(same(a[key], w[key]), key).to.equal(true);
    expect(same(a.sentenceTerms.starts, w.sentenceTerms.starts) && same(a.sentenceTerms.ids, w.sentenceTerms.ids)).to.equal(true);
    for (const index of ['sentenceIndex', 'paragraphIndex'] as const) {
      for (const field of ['starts', 'ids', 'tfs', 'lens', 'normOfLength'] as const) expect(same(a[index][field], w[index][field]), `${index}.${field}`).to.equal(true);
    }
    expect(same(a.sentenceTexts.bytes, w.sentenceTexts.bytes) && same(a.sentenceTokens.bytes, w.sentenceTokens.bytes)).to.equal(true);
    expect(same(a.facts.counts, w.facts.counts)).to.equal(true);
    expect(appended.articles.map((x) => [x.id, x.file])).to.deep.equal(whole.articles.map((x) => [x.id, x.file]));
    expect(answersOf(appended)).to.equal(answersOf(whole));
  });

  it('leaves the knowledge it appends to as it was (the engine in service keeps answering from it)', () => {
    const base = assembled(seeds.slice(0, 3));
    const before = { answers: answersOf(base), groups: JSON.stringify(base.groups), sentences: base.sentences.length, articles: base.articles.length };
    const plea = analysed(story('2021-treasurer-pleads-guilty'));
    appendArticles(base, plea.map((x) => x.article), plea.map((x) => x.analysis));
    expect({ answers: answersOf(base), groups: JSON.stringify(base.groups), sentences: base.sentences.length, articles: base.articles.length }).to.deep.equal(before);
  });

  it('answers from the new articles, numbered after the old ones, their names joined to the groups that share a spelling', () => {
    const base = assembled(seeds.slice(0, 3));
    const added = seeds.slice(3);
    const k = appendArticles(base, added.map((x) => x.article), added.map((x) => x.analysis));
    expect(k.articles.map((a) => a.id)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(k.articles.slice(3).map((a) => a.file)).to.deep.equal(added.map((x) => x.article.file));
    // every sentence of an appended article is found by its own words
    const [first, end] = k.articleSentences[4]!;
    expect(end - first).to.equal(added[1]!.analysis.facts.length);
    expect(k.sentences[first]!.text).to.equal(added[1]!.analysis.paragraphs[0]!.sentences[0]!.text);
    // one name group per spelling across old and new articles: no key is used twice
    const keys = k.groups.map((g) => g.key);
    expect(new Set(keys).size).to.equal(keys.length);
    const spellings = new Map<string, string>();
    for (const g of k.groups) {
      for (const v of g.variants) {
        expect(spellings.get(v) ?? g.key, v).to.equal(g.key);
        spellings.set(v, g.key);
      }
    }
    // a name of the old articles mentioned again in a new one: the old group, now with the new sentence
    const shared = base.groups.find((g) => k.groups.some((n) => n.key === g.key && n.sentences.some((s) => s >= first)));
    expect(shared, 'a name of the old articles mentioned in the new ones').to.not.equal(undefined);
    for (const id of k.groups.find((g) => g.key === shared!.key)!.sentences.filter((s) => s >= base.sentences.length)) {
      expect(k.facts.get(id)!.entities.some((e) => e.key === shared!.key)).to.equal(true);
    }
  });
});
