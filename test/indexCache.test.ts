import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { ask } from './support/askCli.js';
import { seedsDir, story } from './support/paths.js';
import { jsonSafe } from '../src/bytes/jsonSafe.js';
import { decodeValue, encodeValue } from '../src/cache/codec.js';
import { codeFingerprint } from '../src/cache/fingerprint.js';
import { CACHE_DIR_ENV, CACHE_FOLDER, fallbackLocation, saveIndexedCorpus } from '../src/cache/indexCache.js';
import { FILES_ENTRY, SNAPSHOT_ENTRY } from '../src/cache/knowledgeSnapshot.js';
import { openPack, PACK_FILE, PackWriter } from '../src/cache/pack.js';
import { articleFacts } from '../src/cache/record.js';
import { loadCorpus } from '../src/corpus/load.js';
import { Engine, type EngineOptions } from '../src/engine.js';
import { createLogger, type Logger } from '../src/log.js';
import { buildKnowledge } from '../src/search/knowledge.js';

const pleaDir = story('2021-treasurer-pleads-guilty');

const QUESTIONS = [
  'How many prisoners were released?',
  'Who is Mikola Statkevich?',
  'When were the prisoners freed?',
  'What did Lukashenko say?',
  'How many beekeepers were released?',
  'What did Marsh admit?',
  'Why was Belavia sanctioned?',
];

/** Everything a user can get out of an engine, as JSON (answer times zeroed). */
function snapshot(engine: Engine): string {
  return JSON.stringify({
    answers: QUESTIONS.map((q) => ({ ...engine.ask(q), ms: 0 })),
    names: engine.names(''),
    about: engine.about('Lukashenko'),
    quotes: engine.quotes(),
    timeline: engine.timeline(),
    conflicts: engine.conflicts(),
    sources: engine.sources(),
    stats: engine.stats(),
    problems: engine.problems,
  });
}

/** A logger writing into `lines`. */
function capture(lines: string[]): Logger {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return createLogger({ stream, level: 'debug', colors: false });
}

const packOf = (dir: string): string => path.join(dir, CACHE_FOLDER, PACK_FILE);
/** The delta packs beside the pack, oldest first. */
const deltasOf = async (dir: string): Promise<string[]> => (await readdir(path.join(dir, CACHE_FOLDER))).filter((f) => /^index\.delta-.*\.pack$/.test(f)).sort();

describe('saved index', function () {
  this.timeout(60_000);
  let work: string;
  let dir: string;
  let lines: string[];
  let logger: Logger;
  const load = (options: EngineOptions = {}): Promise<Engine> => Engine.load(dir, { logger, ...options });
  /** The same corpus loaded without any saved index: the reference every cached load must equal. */
  const cold = (): Promise<Engine> => Engine.load(dir, { cache: false, logger });

  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'coverage-index-'));
    dir = path.join(work, 'corpus');
    await cp(seedsDir, dir, { recursive: true, filter: (src) => !src.includes(CACHE_FOLDER) });
    lines = [];
    logger = capture(lines);
  });
  afterEach(async () => {
    await chmod(dir, 0o755).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  });

  describe('reuse', () => {
    it('the first load analyses every file and saves the index next to the corpus; the second reuses every file', async () => {
      const first = await load();
      expect(first.cacheReport).to.include({ location: path.join(dir, CACHE_FOLDER), found: 'missing', reused: 0, analysed: 5, removed: 0, corrupt: 0, saved: true, assembled: 'built' });
      expect(first.cacheReport.bytes).to.equal((await stat(packOf(dir))).size);

      const second = await load();
      expect(second.cacheReport).to.include({ found: 'used', reused: 5, analysed: 0, changed: 0, removed: 0, corrupt: 0, saved: false, assembled: 'restored' });
      expect(second.cacheReport.bytes).to.equal(first.cacheReport.bytes);
      expect(second.cacheReport.warnings).to.deep.equal([]);
    });

    it('trusts a file whose size and modification time are as when the index was saved, and reads any other', async () => {
      const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
      const hourAgo = new Date(Date.now() - 3_600_000);
      for (const f of files) await utimes(path.join(dir, f), hourAgo, hourAgo);
      expect((await load()).cacheReport).to.include({ read: 5, analysed: 5 });
      // nothing changed: no article file is read at all
      const again = await load();
      expect(again.cacheReport).to.include({ read: 0, reused: 5, analysed: 0, assembled: 'restored' });
      expect(snapshot(again)).to.equal(snapshot(await cold()));
      // the same size, another time: read, hashed and analysed again
      const file = path.join(dir, files[1]!);
      const text = await readFile(file, 'utf8');
      const edited = text.replace(/\b(\d)(\d)\b/, '$2$1');
      expect(edited).to.not.equal(text);
      expect(Buffer.byteLength(edited)).to.equal(Buffer.byteLength(text));
      await writeFile(file, edited);
      const changed = await load();
      expect(changed.cacheReport).to.include({ read: 1, analysed: 1, changed: 1 });
      expect(snapshot(changed)).to.equal(snapshot(await cold()));
      // a file written within the last two seconds is read again at every load until its time has settled
      expect((await load()).cacheReport).to.include({ read: 1, analysed: 0 });
    });

    it('answers, names, quotes, timeline, conflicts and sources from the saved index are those of a cold load', async () => {
      await load();
      const warm = await load();
      expect(warm.cacheReport.reused).to.equal(5);
      expect(snapshot(warm)).to.equal(snapshot(await cold()));
    });

    it('restores the same articles, sentences (with the same ids), facts and indexes as indexing without the cache', async () => {
      await load();
      const warm = await load();
      const reference = buildKnowledge((await loadCorpus(dir)).articles, articleFacts);
      const k = warm.knowledge;
      expect(k.articles).to.deep.equal(reference.articles);
      expect(k.sentences).to.deep.equal(reference.sentences);
      expect(k.paragraphs).to.deep.equal(reference.paragraphs);
      expect(k.articleSentences).to.deep.equal(reference.articleSentences);
      expect(k.titleTerms).to.deep.equal(reference.titleTerms);
      expect([...k.surface]).to.deep.equal([...reference.surface]);
      expect(k.sentenceIndex).to.deep.equal(reference.sentenceIndex);
      expect(k.paragraphIndex).to.deep.equal(reference.paragraphIndex);
      // the engine adds name-group keys to the entities; everything else of the facts is as extracted
      const strip = (facts: typeof k.facts) => [...facts].map((f) => ({ ...f, entities: f.entities.map(({ key: _key, ...e }) => e) }));
      expect(strip(k.facts)).to.deep.equal(strip(reference.facts));
    });


    it('keeps the problems of files that could not be used, in order, on every load', async () => {
      await writeFile(path.join(dir, '005_empty.txt'), '');
      await writeFile(path.join(dir, '006_furniture.txt'), 'Subscribe to our newsletter\nRead More\n');
      const first = await load();
      const second = await load();
      expect(first.problems.map((p) => p.file)).to.deep.equal(['005_empty.txt', '006_furniture.txt']);
      expect(second.problems).to.deep.equal(first.problems);
      // the empty file's problem is kept with the assembled index as well: nothing is read again but its bytes
      expect(second.cacheReport).to.include({ reused: 7, analysed: 0 });
    });

    it('logs what the load did once, at info', async () => {
      await load();
      lines.length = 0;
      await load();
      const loaded = lines.filter((l) => l.includes('corpus loaded'));
      expect(loaded).to.have.length(1);
      expect(loaded[0]).to.match(/\binfo\b/).and.match(/reused=5/).and.match(/analysed=0/);
    });

    it('is not read as an article of the corpus', async () => {
      await load();
      const warm = await load();
      expect(warm.sources().map((s) => s.file)).to.deep.equal((await readdir(dir)).filter((f) => f.endsWith('.txt')).sort());
    });
  });

  describe('invalidation', () => {
    const edited = '004_e548dcb3fcc919df.txt';
    const before = 'Earlier this year, Belarus also released dissident Sergey Tikhanovsky following another rare US official visit.';
    const after = 'Earlier this year, Belarus also released 417 beekeepers following another rare US official visit.';

    it('an edited file is the only one analysed again, and answers read its new text', async () => {
      await load();
      const file = path.join(dir, edited);
      const text = await readFile(file, 'utf8');
      expect(text).to.include(before);
      await writeFile(file, text.replace(before, after));
      const engine = await load();
      expect(engine.cacheReport).to.include({ found: 'used', reused: 4, analysed: 1, changed: 1, removed: 0, corrupt: 0, saved: true, assembled: 'built' });
      expect(engine.ask('How many beekeepers were released?').facts[0]?.text).to.include('417 beekeepers');
      expect(snapshot(engine)).to.equal(snapshot(await cold()));
      // and the new text is what is saved
      const again = await load();
      expect(again.cacheReport).to.include({ reused: 5, analysed: 0, saved: false, assembled: 'restored' });
      expect(snapshot(again)).to.equal(snapshot(engine));
      expect(again.ask('How many beekeepers were released?').facts[0]?.text).to.include('417 beekeepers');
    });

    it('an added file is analysed, the others reused; only its entry is written, in a delta pack', async () => {
      await load();
      const pack = await stat(packOf(dir));
      await cp(path.join(pleaDir, 'capitol-wire.txt'), path.join(dir, 'sub', 'capitol-wire.txt'), { recursive: true });
      const engine = await load();
      expect(engine.cacheReport).to.include({ reused: 5, analysed: 1, changed: 0, removed: 0, saved: true, assembled: 'appended' });
      expect(engine.sources().map((s) => s.file)).to.include('sub/capitol-wire.txt');
      // the file sorts last, so appending it numbers everything as a cold load does
      expect(snapshot(engine)).to.equal(snapshot(await cold()));
      // the pack is as it was; the new entry is a small file beside it
      const after = await stat(packOf(dir));
      expect([after.size, after.mtimeMs]).to.deep.equal([pack.size, pack.mtimeMs]);
      const deltas = await deltasOf(dir);
      expect(deltas).to.have.length(1);
      expect(engine.cacheReport.bytes).to.equal(pack.size + (await stat(path.join(dir, CACHE_FOLDER, deltas[0]!))).size);
      const again = await load();
      expect(again.cacheReport).to.include({ reused: 6, analysed: 0, saved: false, assembled: 'appended' });
      expect(snapshot(again)).to.equal(snapshot(engine));
    });

    it('a removed file is dropped from the saved index', async () => {
      await load();
      await rm(path.join(dir, edited));
      const engine = await load();
      expect(engine.cacheReport).to.include({ reused: 4, analysed: 0, removed: 1, saved: true, assembled: 'built' });
      expect(engine.sources().map((s) => s.file)).to.not.include(edited);
      expect(snapshot(engine)).to.equal(snapshot(await cold()));
      const again = await load();
      expect(again.cacheReport).to.include({ reused: 4, analysed: 0, removed: 0, saved: false, assembled: 'restored' });
      expect(snapshot(again)).to.equal(snapshot(engine));
    });

    it('an index saved by other code (another fingerprint) is stale: rebuilt, not reused', async () => {
      await load();
      // the same entries, saved under the fingerprint of some other version of the code
      const opened = openPack(packOf(dir), codeFingerprint());
      if (!opened.ok) throw new Error(opened.detail);
      const writer = PackWriter.create(path.join(dir, CACHE_FOLDER));
      writer.copy(opened.pack, [...opened.pack.entries.values()]);
      opened.pack.close();
      writer.commit('another version of the code');
      const engine = await load();
      expect(engine.cacheReport).to.include({ found: 'stale', reused: 0, analysed: 5, saved: true });
      expect(lines.some((l) => /info.*saved by another version/.test(l))).to.equal(true);
      expect((await load()).cacheReport).to.include({ found: 'used', reused: 5 });
    });

    it('the fingerprint changes with the code, the data and the installed dependencies', async () => {
      const project = path.join(work, 'project');
      await mkdir(path.join(project, 'src', 'text'), { recursive: true });
      await mkdir(path.join(project, 'data'), { recursive: true });
      await mkdir(path.join(project, 'node_modules', 'wink-nlp'), { recursive: true });
      await writeFile(path.join(project, 'package.json'), JSON.stringify({ dependencies: { 'wink-nlp': '^2.4.0' } }));
      await writeFile(path.join(project, 'node_modules', 'wink-nlp', 'package.json'), JSON.stringify({ version: '2.4.0' }));
      await writeFile(path.join(project, 'src', 'text', 'analyse.ts'), 'export const a = 1;\n');
      await writeFile(path.join(project, 'data', 'places.txt'), 'Minsk\n');
      const base = codeFingerprint(project);
      expect(codeFingerprint(project)).to.equal(base);
      await writeFile(path.join(project, 'src', 'text', 'analyse.ts'), 'export const a = 2;\n');
      const code = codeFingerprint(project);
      expect(code).to.not.equal(base);
      await writeFile(path.join(project, 'data', 'places.txt'), 'Minsk\nVilnius\n');
      const data = codeFingerprint(project);
      expect(data).to.not.equal(code);
      await writeFile(path.join(project, 'node_modules', 'wink-nlp', 'package.json'), JSON.stringify({ version: '2.5.0' }));
      expect(codeFingerprint(project)).to.not.equal(data);
    });
  });

  describe('files added: appended to the saved assembled index, merged past a limit', () => {
    const added = (name: string): Promise<void> => cp(path.join(pleaDir, 'capitol-wire.txt'), path.join(dir, name));
    const citedIn = (engine: Engine, file: string): boolean => engine.ask('What did Marsh admit?').facts.some((f) => f.sources.some((s) => s.file === file));

    it('a file that sorts first is appended after the others, answered from, and numbered in file order once merged', async () => {
      await load();
      await added('0-capitol-wire.txt');
      const engine = await load();
      expect(engine.cacheReport).to.include({ analysed: 1, assembled: 'appended', saved: true });
      expect(citedIn(engine, '0-capitol-wire.txt')).to.equal(true);
      // appended, it comes last; a cold load puts it first
      expect(engine.sources().at(-1)?.file).to.equal('0-capitol-wire.txt');
      expect((await cold()).sources()[0]?.file).to.equal('0-capitol-wire.txt');
      // with no room for appending, the next load merges: one pack again, as a cold load, no delta left
      const merged = await load({ appendLimits: { files: 0, share: 0 } });
      expect(merged.cacheReport).to.include({ reused: 6, analysed: 0, assembled: 'built', saved: true });
      expect(await deltasOf(dir)).to.deep.equal([]);
      expect(snapshot(merged)).to.equal(snapshot(await cold()));
      expect((await load()).cacheReport).to.include({ reused: 6, analysed: 0, assembled: 'restored', saved: false });
    });

    it('each load that finds new files writes one more delta; past the limit they are merged, and answers stay those of a cold load', async () => {
      await load();
      await added('x1.txt');
      expect((await load()).cacheReport).to.include({ analysed: 1, assembled: 'appended' });
      await added('x2.txt');
      expect((await load()).cacheReport).to.include({ reused: 6, analysed: 1, assembled: 'appended' });
      expect(await deltasOf(dir)).to.have.length(2);
      await added('x3.txt');
      const merged = await load({ appendLimits: { files: 2, share: 0 } });
      expect(merged.cacheReport).to.include({ reused: 7, analysed: 1, assembled: 'built', saved: true });
      expect(await deltasOf(dir)).to.deep.equal([]);
      expect(snapshot(merged)).to.equal(snapshot(await cold()));
    });

    it('a file of the assembled index changed or removed after an append: everything is assembled again, the deltas merged', async () => {
      await load();
      await added('x1.txt');
      await load();
      const first = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort()[0]!;
      await rm(path.join(dir, first));
      const engine = await load();
      expect(engine.cacheReport).to.include({ reused: 5, analysed: 0, removed: 1, assembled: 'built', saved: true });
      expect(await deltasOf(dir)).to.deep.equal([]);
      expect(snapshot(engine)).to.equal(snapshot(await cold()));
    });

    it('an added file removed again: the assembled index is restored whole and its delta dropped', async () => {
      await load();
      await added('x1.txt');
      await load();
      await rm(path.join(dir, 'x1.txt'));
      const engine = await load();
      expect(engine.cacheReport).to.include({ reused: 5, analysed: 0, removed: 1, assembled: 'restored', saved: false });
      expect(await deltasOf(dir)).to.deep.equal([]);
      expect(citedIn(engine, 'x1.txt')).to.equal(false);
    });

    it('an engine takes the files a save of its folder found added, in memory, and refuses when anything else changed', async () => {
      const engine = await load();
      await added('x1.txt');
      const saved = await saveIndexedCorpus(dir, {});
      expect(saved.report).to.include({ analysed: 1, assembled: 'appended', saved: true });
      const extended = engine.withAddedFiles(saved.files)!;
      expect(extended.cacheReport).to.include({ assembled: 'appended', analysed: 0 });
      expect(citedIn(extended, 'x1.txt')).to.equal(true);
      expect(citedIn(engine, 'x1.txt')).to.equal(false);
      expect(snapshot(extended)).to.equal(snapshot(await load()));
      // nothing added since: nothing to append
      expect(extended.withAddedFiles(saved.files)).to.equal(null);
      // a file the engine was loaded from edited: it must be loaded again
      const first = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort()[0]!;
      await writeFile(path.join(dir, first), `${await readFile(path.join(dir, first), 'utf8')}\nOne more line.\n`);
      await added('x2.txt');
      expect(engine.withAddedFiles((await saveIndexedCorpus(dir, {})).files)).to.equal(null);
    });

    it('extending the engine in service lets questions to it be answered between the steps of the append, and gives what the append at once gives', async () => {
      const engine = await load();
      await added('x1.txt');
      const saved = await saveIndexedCorpus(dir, {});
      let answered = 0;
      let extending = true;
      // a question asked on every turn of the event loop while the engine is extended
      const askMeanwhile = (): void => {
        if (!extending) return;
        expect(engine.ask('How many prisoners were released?').answered).to.equal(true);
        answered++;
        setImmediate(askMeanwhile);
      };
      setImmediate(askMeanwhile);
      const extended = (await engine.withAddedFilesBetweenQuestions(saved.files))!;
      extending = false;
      expect(answered, 'questions answered while the engine was extended').to.be.greaterThan(5);
      expect(citedIn(extended, 'x1.txt')).to.equal(true);
      expect(snapshot(extended)).to.equal(snapshot(engine.withAddedFiles(saved.files)!));
    });

    it('a damaged delta pack: its file is analysed again, with a warning, and still answered from', async () => {
      await load();
      await added('x1.txt');
      await load();
      const [delta] = await deltasOf(dir);
      const file = path.join(dir, CACHE_FOLDER, delta!);
      const bytes = await readFile(file);
      const at = Math.floor(bytes.length / 3);
      bytes[at] = bytes[at]! ^ 0x01;
      await writeFile(file, bytes);
      lines.length = 0;
      const engine = await load();
      expect(engine.cacheReport).to.include({ analysed: 1, assembled: 'appended' });
      expect(engine.cacheReport.warnings.join(' ')).to.match(/damaged/);
      expect(citedIn(engine, 'x1.txt')).to.equal(true);
    });
  });

  describe('corruption', () => {
    /** Damages the saved index with `damage`, then expects a load that notices, rebuilds and answers as a cold load. */
    async function expectRebuilt(damage: (pack: string) => Promise<unknown>, expected: Record<string, unknown>, files = 5): Promise<void> {
      await load();
      await damage(packOf(dir));
      lines.length = 0;
      const engine = await load();
      expect(engine.cacheReport).to.include({ saved: true, ...expected });
      expect(engine.cacheReport.warnings).to.have.length.greaterThan(0);
      expect(lines.some((l) => /\bwarn\b/.test(l))).to.equal(true);
      expect(snapshot(engine)).to.equal(snapshot(await cold()));
      const again = await load();
      expect(again.cacheReport).to.include({ found: 'used', reused: files, analysed: 0, corrupt: 0, saved: false, assembled: 'restored' });
      expect(snapshot(again)).to.equal(snapshot(engine));
    }

    it('a truncated index', async () => {
      await expectRebuilt(async (pack) => truncate(pack, Math.floor((await stat(pack)).size / 2)), { found: 'corrupt', reused: 0, analysed: 5 });
    });

    it('an empty index', async () => {
      await expectRebuilt((pack) => truncate(pack, 0), { found: 'corrupt', reused: 0, analysed: 5 });
    });

    it('garbage in place of the index', async () => {
      await expectRebuilt((pack) => writeFile(pack, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251))), { found: 'corrupt', reused: 0, analysed: 5 });
    });

    it('a flipped byte in the table of contents', async () => {
      await expectRebuilt(
        async (pack) => {
          const bytes = await readFile(pack);
          const at = bytes.lastIndexOf(Buffer.from('"fingerprint"')) + 3;
          bytes[at] = bytes[at]! ^ 0x20;
          await writeFile(pack, bytes);
        },
        { found: 'corrupt', reused: 0, analysed: 5 },
      );
    });

    /** Flips a byte in the middle of the pack entry `pick` chooses; returns the entry's name. */
    async function flipByteOf(pack: string, pick: (files: string[]) => string): Promise<string> {
      const opened = openPack(pack, codeFingerprint());
      if (!opened.ok) throw new Error(opened.detail);
      const entry = opened.pack.entries.get(pick([...opened.pack.entries.keys()]))!;
      opened.pack.close();
      const bytes = await readFile(pack);
      const at = entry.offset + Math.floor(entry.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      await writeFile(pack, bytes);
      return entry.file;
    }

    it('the pack holds the assembled index and the list of its files alone: no second copy of any file', async () => {
      await load();
      const opened = openPack(packOf(dir), codeFingerprint());
      if (!opened.ok) throw new Error(opened.detail);
      expect([...opened.pack.entries.keys()].sort()).to.deep.equal([FILES_ENTRY, SNAPSHOT_ENTRY].sort());
      opened.pack.close();
    });

    it('a flipped byte in the saved assembled index, met when a file was removed: the other files are analysed again', async () => {
      await expectRebuilt(
        async (pack) => {
          await flipByteOf(pack, () => SNAPSHOT_ENTRY);
          await rm(path.join(dir, (await readdir(dir)).filter((f) => f.endsWith('.txt'))[1]!));
        },
        { found: 'used', reused: 0, analysed: 4, removed: 1, corrupt: 4, assembled: 'built' },
        4,
      );
      expect(lines.some((l) => /warn.*assembled index is damaged/.test(l))).to.equal(true);
    });

    it('a flipped byte in the saved assembled index: every file analysed again', async () => {
      await expectRebuilt((pack) => flipByteOf(pack, () => SNAPSHOT_ENTRY), { found: 'used', reused: 0, analysed: 5, corrupt: 5, assembled: 'built' });
      expect(lines.some((l) => /warn.*assembled index is damaged/.test(l))).to.equal(true);
    });

    it('a flipped byte in the list of files while nothing changed: every file is read and hashed, the assembled index still used', async () => {
      await load();
      await flipByteOf(packOf(dir), () => FILES_ENTRY);
      const engine = await load();
      expect(engine.cacheReport).to.include({ found: 'used', read: 5, analysed: 0, corrupt: 0, assembled: 'restored', saved: false });
      expect(snapshot(engine)).to.equal(snapshot(await cold()));
    });

    it('an index that cannot be read (a folder in its place) does not stop the load', async () => {
      await load();
      await rm(packOf(dir));
      await mkdir(path.join(packOf(dir), 'x'), { recursive: true });
      const engine = await load();
      expect(engine.cacheReport).to.include({ found: 'unreadable', reused: 0, analysed: 5, saved: false });
      expect(engine.cacheReport.warnings.join(' ')).to.match(/cannot be written/);
      expect(snapshot(engine)).to.equal(snapshot(await cold()));
    });

    it('temporary files of a writer that died are removed by the next save', async () => {
      await mkdir(path.join(dir, CACHE_FOLDER), { recursive: true });
      const orphan = path.join(dir, CACHE_FOLDER, `${PACK_FILE}.999999999.0123456789ab.tmp`);
      await writeFile(orphan, 'half a pack');
      await load();
      expect(existsSync(orphan)).to.equal(false);
      expect((await readdir(path.join(dir, CACHE_FOLDER))).sort()).to.deep.equal([PACK_FILE]);
    });
  });

  describe('where it is saved', () => {
    let saved: string | undefined;
    beforeEach(() => {
      saved = process.env[CACHE_DIR_ENV];
    });
    afterEach(() => {
      if (saved === undefined) delete process.env[CACHE_DIR_ENV];
      else process.env[CACHE_DIR_ENV] = saved;
    });

    it('a read-only corpus folder is left untouched: the index goes to COVERAGE_CACHE_DIR, keyed by the folder', async () => {
      process.env[CACHE_DIR_ENV] = path.join(work, 'elsewhere');
      await chmod(dir, 0o555);
      const first = await load();
      expect(first.cacheReport).to.include({ location: fallbackLocation(dir), saved: true, analysed: 5 });
      expect(first.cacheReport.location!.startsWith(path.join(work, 'elsewhere'))).to.equal(true);
      expect(existsSync(path.join(dir, CACHE_FOLDER))).to.equal(false);
      const second = await load();
      expect(second.cacheReport).to.include({ location: fallbackLocation(dir), found: 'used', reused: 5 });
      expect(snapshot(second)).to.equal(snapshot(await cold()));
    });

    it('without any writable place it still answers, unsaved, with a warning', async () => {
      const blocker = path.join(work, 'a-file');
      await writeFile(blocker, 'not a folder');
      process.env[CACHE_DIR_ENV] = path.join(blocker, 'cache');
      await chmod(dir, 0o555);
      const engine = await load();
      expect(engine.cacheReport).to.include({ location: null, found: 'unavailable', saved: false, analysed: 5 });
      expect(lines.some((l) => /warn.*working without a saved index/.test(l))).to.equal(true);
      expect(snapshot(engine)).to.equal(snapshot(await cold()));
    });

    it('a cache folder given as an option is used as it is; one that cannot be written is skipped with a warning', async () => {
      const own = path.join(work, 'my-index');
      expect((await load({ cache: own })).cacheReport).to.include({ location: own, saved: true });
      expect((await load({ cache: own })).cacheReport).to.include({ location: own, reused: 5 });
      expect(existsSync(path.join(dir, CACHE_FOLDER))).to.equal(false);
      await writeFile(path.join(work, 'a-file'), 'x');
      const engine = await load({ cache: path.join(work, 'a-file', 'index') });
      expect(engine.cacheReport).to.include({ location: null, found: 'unavailable', analysed: 5 });
      expect(engine.cacheReport.warnings).to.have.length(1);
    });

    it('cache: false neither reads nor writes anything', async () => {
      const engine = await load({ cache: false });
      expect(engine.cacheReport).to.include({ location: null, found: 'disabled', saved: false, analysed: 5 });
      expect(existsSync(path.join(dir, CACHE_FOLDER))).to.equal(false);
    });
  });

  describe('analysis threads', () => {
    it('give the same index, with the same sentence ids, as one thread', async () => {
      await rm(dir, { recursive: true });
      await cp(seedsDir, path.join(dir, 'seeds'), { recursive: true, filter: (src) => !src.includes(CACHE_FOLDER) });
      await cp(pleaDir, path.join(dir, 'plea'), { recursive: true });
      const threaded = await load({ workers: 2 });
      expect(threaded.cacheReport, threaded.cacheReport.warnings.join(' ')).to.include({ workers: 2, analysed: 8 });
      // the threads did the analysing: none failed and handed its files back to this thread
      expect(threaded.cacheReport.warnings).to.deep.equal([]);
      const single = await load({ cache: false, workers: 0 });
      expect(single.cacheReport.workers).to.equal(0);
      expect(threaded.knowledge.sentences).to.deep.equal(single.knowledge.sentences);
      expect(threaded.knowledge.facts).to.deep.equal(single.knowledge.facts);
      expect(snapshot(threaded)).to.equal(snapshot(single));
      // what the threads saved is what one thread would have made
      const warm = await load();
      expect(warm.cacheReport).to.include({ reused: 8, analysed: 0 });
      expect(snapshot(warm)).to.equal(snapshot(single));
    });
  });

  describe('npm run ask', () => {

    it('--no-cache answers without saving an index; --report says what the load did with it', async () => {
      const plain = await ask(['--corpus', dir, '--no-cache', '--json', 'How many prisoners were released?']);
      expect(plain.code).to.equal(0);
      expect(existsSync(path.join(dir, CACHE_FOLDER))).to.equal(false);
      await load();
      const report = await ask(['--corpus', dir, '--report']);
      expect(report.code).to.equal(0);
      expect(report.stdout).to.include(`Saved index: ${path.join(dir, CACHE_FOLDER)}`);
      expect(report.stdout).to.match(/found: used; 5 files reused, \d+ read and hashed, 0 analysed/);
      const cached = await ask(['--corpus', dir, '--json', 'How many prisoners were released?']);
      const strip = (s: string) => ({ ...(JSON.parse(s) as Record<string, unknown>), ms: 0 });
      expect(strip(cached.stdout)).to.deep.equal(strip(plain.stdout));
    });
  });
});

describe('saved index: values of any shape', () => {
  it('plain data goes as JSON and comes back equal', () => {
    const value = { a: [1, 2.5, 'x', null, true], b: { c: [] as unknown[], d: 'é' } };
    expect(jsonSafe(value)).to.equal(true);
    const bytes = encodeValue(value);
    expect(String.fromCharCode(bytes[0]!)).to.equal('J');
    expect(decodeValue(bytes)).to.deep.equal(value);
  });

  it('typed arrays (compact data someone adds later) go as raw bytes beside the JSON and come back in place', () => {
    const value = {
      paragraphs: [{ tokens: new Uint32Array([7, 8, 4_000_000_000]), text: 'a' }, { tokens: new Uint32Array(0), text: 'b' }],
      weights: new Float64Array([0.5, -1.25]),
      odd: new Uint8Array([1, 2, 3]),
      signed: new Int16Array([-5, 5]),
    };
    expect(jsonSafe(value)).to.equal(false);
    const bytes = encodeValue(value);
    expect(String.fromCharCode(bytes[0]!)).to.equal('T');
    const back = decodeValue(bytes) as typeof value;
    expect(back.paragraphs[0]!.tokens).to.be.instanceOf(Uint32Array);
    expect([...back.paragraphs[0]!.tokens]).to.deep.equal([7, 8, 4_000_000_000]);
    expect(back.paragraphs[1]!.tokens).to.be.instanceOf(Uint32Array).with.length(0);
    expect(back.paragraphs.map((p) => p.text)).to.deep.equal(['a', 'b']);
    expect(back.weights).to.be.instanceOf(Float64Array);
    expect([...back.weights]).to.deep.equal([0.5, -1.25]);
    expect([...back.odd]).to.deep.equal([1, 2, 3]);
    expect([...back.signed]).to.deep.equal([-5, 5]);
    expect(decodeValue(encodeValue(new Uint16Array([1, 2])))).to.deep.equal(new Uint16Array([1, 2]));
  });

  it('maps, sets, undefined and NaN come back as they were', () => {
    const value = { tokens: new Uint32Array([1, 2, 3]), byTerm: new Map([['a', 1]]), seen: new Set(['x']), gone: undefined, nan: NaN, list: [1, undefined] };
    expect(jsonSafe(value)).to.equal(false);
    const back = decodeValue(encodeValue(value)) as typeof value;
    expect(back.tokens).to.be.instanceOf(Uint32Array);
    expect([...back.tokens]).to.deep.equal([1, 2, 3]);
    expect(back.byTerm.get('a')).to.equal(1);
    expect(back.seen.has('x')).to.equal(true);
    expect('gone' in back).to.equal(true);
    expect(Number.isNaN(back.nan)).to.equal(true);
    expect(back.list).to.deep.equal([1, undefined]);
  });

  it('bytes it did not write are refused', () => {
    expect(() => decodeValue(Buffer.from('?{}'))).to.throw(/codec/);
  });
});
