import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeTypedChunks, encodeValue } from '../src/cache/codec.js';
import { openPack, PackWriter } from '../src/cache/pack.js';
import { analyseFile, articleFacts, encodeRecord } from '../src/cache/record.js';
import { analyseOnWorkers } from '../src/cache/workers.js';
import { loadCorpus } from '../src/corpus/load.js';
import { decodeFacts, encodeFacts, withEntities, type LocalFacts } from '../src/search/factStore.js';
import { IntList } from '../src/search/intList.js';
import { NameIndex } from '../src/facts/names/index.js';
import { analyseArticle, assembleKnowledge, KnowledgeAssembler } from '../src/search/knowledge.js';
import { analyseParagraph, fold } from '../src/text/analyse.js';
import { story } from './support/paths.js';

const none: LocalFacts = { numbers: [], quotes: [], attributions: [], dates: [], entities: [] };
const names: LocalFacts['entities'] = [
  { text: 'Lukashenko', kind: 'person', key: 'alexander-lukashenko', start: 0 },
  { text: 'Belarus', kind: 'place', key: 'belarus', start: 30 },
];

const mineDir = story('2023-mine-rescue');

describe('cold load', () => {
  describe('facts encoded before their names have group keys', () => {
    it('adding names to the code of the rest gives the code of the whole', () => {
      const cases: LocalFacts[] = [
        none,
        { ...none, numbers: [{ raw: '52', value: 52, counts: 'prisoners', start: 9, kind: 'count', verb: 'release' }] },
        { ...none, quotes: [{ text: 'No man left behind', speaker: 'Nauseda' }], attributions: [{ source: 'officials', cue: 'said' }] },
        // JSON would change NaN: the code is V8's, and the names are added by encoding again
        { ...none, numbers: [{ raw: 'n', value: NaN, start: 0, kind: 'other' }] },
      ];
      for (const f of cases) {
        const rest = encodeFacts(f);
        const whole = encodeFacts({ ...f, entities: names });
        // V8's serialisation of a value read back is not always byte for byte that of the original
        if (rest.startsWith('V')) expect(decodeFacts(0, withEntities(rest, names))).to.deep.equal(decodeFacts(0, whole));
        else expect(withEntities(rest, names)).to.equal(whole);
        expect(withEntities(rest, [])).to.equal(rest);
      }
    });
  });

  it('facts JSON cannot hold have the same code however their values were made', () => {
    // what v8.serialize writes depends on how the engine holds a value: made apart, these are equal
    const twoByte = 'Nausėda said'.slice(8);
    const holey: LocalFacts['numbers'] = new Array(1);
    holey[0] = { raw: 'n', value: NaN, start: 0, kind: 'other' };
    // a fraction in an object of the same shape can make V8 hold every such `value` as a double
    const fraction = { raw: '2.5', value: 2.5, start: 4, kind: 'count' as const };
    const sameShape = { raw: '52', value: 52, start: 4, kind: 'count' as const };
    const a: LocalFacts = { ...none, numbers: [{ raw: 'n', value: NaN, start: 0, kind: 'other' }, { raw: '52', value: 52, start: 4, kind: 'count' }], attributions: [{ source: 'Nauseda', cue: 'said' }] };
    const b: LocalFacts = { ...none, numbers: [...holey, sameShape], attributions: [{ source: 'Nauseda', cue: twoByte }] };
    expect(fraction.value).to.equal(2.5);
    expect(encodeFacts(b)).to.equal(encodeFacts(a));
    expect(encodeValue(b)).to.deep.equal(encodeValue(a));
    expect(decodeFacts(0, encodeFacts(b))).to.deep.equal({ sentenceId: 0, ...a });
  });

  it('a list of integers grows past its first size and gives back exactly what was pushed', () => {
    const list = new IntList(1);
    for (let i = 0; i < 1000; i++) list.push(i * 3 - 7);
    expect(list.length).to.equal(1000);
    const out = list.toArray();
    expect(out).to.be.instanceOf(Int32Array);
    expect(out.length).to.equal(1000);
    expect(out[0]).to.equal(-7);
    expect(out[999]).to.equal(2990);
  });

  describe('assembling article by article', () => {
    it('gives what assembling all analyses at once gives, and refuses an article out of turn', async () => {
      const { articles } = await loadCorpus('seeds');
      const analyses = articles.map((a) => analyseArticle(a, articleFacts));
      // a sentence whose facts JSON cannot hold keeps the exact code encoding the whole would give
      const odd = analyses.find((a) => a.facts.some((f) => f.entities.length))!;
      const at = odd.facts.findIndex((f) => f.entities.length);
      odd.facts[at] = { ...odd.facts[at]!, numbers: [{ raw: 'n', value: NaN, start: 0, kind: 'other' }] };
      // names written with their fields in another order are kept as they are, not rebuilt in the usual order
      const other = [...analyses].reverse().find((a) => a.facts.some((f) => f.entities.length))!;
      const named = other.facts.findIndex((f) => f.entities.length);
      other.facts[named] = { ...other.facts[named]!, entities: other.facts[named]!.entities.map(({ text, kind, key, start }) => ({ kind, text, key, start })) };
      const whole = assembleKnowledge(articles, analyses);
      const assembler = new KnowledgeAssembler();
      articles.forEach((a, i) => assembler.add(a, analyses[i]!));
      const streamed = assembler.finish(articles);
      expect(encodeValue(streamed.parts)).to.deep.equal(encodeValue(whole.parts));
      expect([...streamed.facts]).to.deep.equal([...whole.facts]);
      // each sentence's code is that of its facts with the group keys on its names, encoded whole
      const names = new NameIndex(streamed.groups);
      const expected = analyses.flatMap((a) => a.facts).map((f) => encodeFacts(f.entities.length ? { ...f, entities: names.withGroupKeys(f.entities) } : f));
      expect(expected.map((_, id) => streamed.facts.codes.get(id))).to.deep.equal(expected);
      expect(() => new KnowledgeAssembler().add(articles[1]!, analyses[1]!)).to.throw(/in order/);
    });
  });

  it('a value of typed arrays is written in pieces that, joined, are its encoded bytes', () => {
    // articles where a snapshot has them, so that each is written field by field
    const articles = [{ file: 'a “quoted”.txt', meta: { title: 'Nausėda\n"wins"', tags: [1, 2.5, -3] }, paragraphs: [{ index: 1, text: 'x\u2028y' }] }, { file: 'b.txt', meta: {}, paragraphs: [] }];
    const value = { a: new Int32Array([1, -2, 3]), b: 'x', c: [new Float64Array([0.5]), new Uint8Array(5)], d: new Uint8Array(0), articles };
    const pieces = [...encodeTypedChunks(value)!];
    expect(pieces.length).to.be.greaterThan(1);
    expect(Buffer.concat(pieces)).to.deep.equal(encodeValue(value));
    expect(encodeTypedChunks({ plain: [1, 2] })).to.equal(null);
    // fields left undefined are left out, as JSON leaves them
    const holed = { ...value, articles: [{ ...articles[0]!, author: undefined }, articles[1]!], note: undefined };
    expect(Buffer.concat([...encodeTypedChunks(holed, { dropUndefined: true })!])).to.deep.equal(encodeValue(value));
  });

  it('a segment added in pieces reads back as the one buffer', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cd-pieces-'));
    try {
      const big = Buffer.alloc(5 * 1024 * 1024, 7);
      const pieces = [Buffer.from('head'), big, Buffer.from('tail')];
      const writer = PackWriter.create(dir);
      writer.add('a.txt', 'h1', Buffer.from('first'));
      writer.addPieces('b.txt', 'h2', pieces);
      writer.add('c.txt', 'h3', Buffer.from('last'));
      writer.commit('fp');
      const opened = openPack(path.join(dir, 'index.pack'), 'fp');
      if (!opened.ok) throw new Error(opened.detail);
      const read = new Map<string, Buffer | null>();
      opened.pack.readEach([...opened.pack.entries.values()], (e, bytes) => read.set(e.file, bytes && Buffer.from(bytes)));
      opened.pack.close();
      expect(read.get('a.txt')?.toString()).to.equal('first');
      expect(read.get('b.txt')).to.deep.equal(Buffer.concat(pieces));
      expect(read.get('c.txt')?.toString()).to.equal('last');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('an analysis depends on its file alone', () => {
    it('an article analysed on a new thread is analysed the same after other coverage of the story', async () => {
      const read = (file: string) => ({ file, text: readFileSync(path.join(mineDir, file), 'utf8') });
      // wink kept every unknown word it met: after one outlet wrote "Brandt’s," another's "Brandt’s crews"
      // was one token instead of "Brandt" + "’s", and the sentences around it were cut elsewhere
      const tasks = [read('valley-courier.txt'), read('westmark-radio.txt')];
      const fresh: Uint8Array[] = [];
      const pool = await analyseOnWorkers(tasks, 1, (i, bytes) => (fresh[i] = bytes));
      expect(pool.started).to.equal(1);
      analyseFile('northern-ledger.txt', read('northern-ledger.txt').text);
      for (const i of [1, 0]) expect(Buffer.from(encodeRecord(analyseFile(tasks[i]!.file, tasks[i]!.text), { deflate: false })), tasks[i]!.file).to.deep.equal(Buffer.from(fresh[i]!));
    });
  });

  describe('analysis shortcuts that leave the analysis as it was', () => {
    it('folds plain ASCII by lower-casing and everything else through Unicode folding', () => {
      expect(fold('Hello World')).to.equal('hello world');
      expect(fold('`quoted`')).to.equal("'quoted'");
      expect(fold('Nausėda’s')).to.equal("nauseda's");
    });

    it('gives every token of a paragraph to exactly one sentence, in order, with stems of folded lemmas', () => {
      const text = 'Mr. Smith won the race. He said he was freed on Sept. 8 in Washington, D.C. The crowd cheered.';
      const sentences = analyseParagraph(text);
      expect(sentences.map((s) => s.text)).to.deep.equal(['Mr. Smith won the race.', 'He said he was freed on Sept. 8 in Washington, D.C.', 'The crowd cheered.']);
      const won = sentences[0]!.tokens.find((t) => t.text === 'won')!;
      expect(won.stem).to.equal('win');
      for (const s of sentences) for (const t of s.tokens) expect(s.text.slice(t.start, t.end)).to.equal(t.text);
    });
  });
});
