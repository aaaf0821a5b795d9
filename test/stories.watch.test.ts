/**
 * Coverage that grows without a restart: a copy of a fixture story in a temporary folder, watched; files
 * added, changed and removed are answered from (or no longer cited) once the catalogue has rebuilt, and
 * questions during a rebuild are answered by the engine in service. Waits are polling loops with a
 * generous deadline, never timing assertions.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { discoverStories, singleStory, StoryCatalogue, type StoryFailure, type StoryUpdate, type StoryWatchNote } from '../src/stories/catalogue.js';
import { SerialTask, ignoredInStory } from '../src/stories/watch.js';
import type { Answer, Engine } from '../src/engine.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/stories');
const STORY = '2023-mine-rescue';
const ENGINE = { workers: 0 };

const article = (outlet: string, body: string): string => `---\ntitle: "Mine update"\noutlet: ${outlet}\npublished: 2023-03-15\n---\n\n${body}\n`;
const PUMPED = 'Crews pumped 9,300 gallons of water out of the flooded east tunnel on Friday, the county fire chief said.';
const PUMPED_Q = 'How many gallons of water were pumped out of the east tunnel?';
const PUMPED_AGAIN = 'Crews pumped 12,750 gallons of water out of the flooded east tunnel on Friday, the county fire chief said.';

/** Whether any fact of the answer is quoted from `file` (a base name). */
const cites = (a: Answer, file: string): boolean => a.facts.some((f) => f.sources.some((s) => path.basename(s.file) === file));
const quotes = (a: Answer, text: string): boolean => a.facts.some((f) => f.sources.some((s) => s.quote.includes(text)));

async function until(what: string, test: () => boolean | Promise<boolean>, deadlineMs = 90_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function copyStory(root: string, id = STORY): string {
  const dir = path.join(root, id);
  cpSync(path.join(FIXTURES, STORY), dir, { recursive: true });
  return dir;
}

/** A catalogue of one copied story, watched, with every event recorded. */
function watched(root: string, poll: boolean | number = false, extra: Parameters<StoryCatalogue['watch']>[0] = {}, rebuildOffThread = true) {
  const catalogue = new StoryCatalogue(discoverStories(root), ENGINE, { storiesDir: root, rebuildOffThread });
  const updated: StoryUpdate[] = [];
  const failed: StoryFailure[] = [];
  const notes: StoryWatchNote[] = [];
  let rebuilds = 0;
  catalogue.on('updated', (u) => updated.push(u));
  catalogue.on('failed', (f) => failed.push(f));
  catalogue.on('watch', (n) => notes.push(n));
  catalogue.on('rebuilding', () => rebuilds++);
  catalogue.watch({ poll, debounceMs: 200, ...extra });
  return { catalogue, updated, failed, notes, rebuilds: () => rebuilds };
}

describe('stories that grow without a restart', function () {
  this.timeout(240_000);
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'desk-watch-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  for (const offThread of [true, false]) {
    it(`answers from an added file, a changed file's new text, and stops citing a removed one; only the changed file is analysed (rebuilt ${offThread ? 'on a thread' : 'on the main thread'})`, async () => {
      const dir = copyStory(root);
      const { catalogue, updated, failed } = watched(root, false, {}, offThread);
      try {
        const first = await catalogue.engine(STORY)!;
        await catalogue.watchReady();
        expect(cites(first.ask(PUMPED_Q), 'county-wire.txt')).to.equal(false);
        expect(catalogue.articleCount(STORY)).to.equal(3);

        writeFileSync(path.join(dir, 'county-wire.txt'), article('County Wire', PUMPED));
        await until('the added file is cited', async () => cites((await catalogue.engine(STORY)!).ask(PUMPED_Q), 'county-wire.txt'));
        const added = updated.at(-1)!;
        expect(added).to.include({ id: STORY, analysed: 1, reused: 3, articles: 4 });
        // the file is appended to the saved assembled index; on a thread, the main thread's load only
        // restores that index and the added file's entry, which the thread saved in a delta pack
        const report = (await catalogue.engine(STORY)!).cacheReport;
        expect(report).to.include(offThread ? { analysed: 0, assembled: 'appended' } : { analysed: 1, assembled: 'appended' });
        // after the thread, the engine in service is extended in memory: no file is listed or read again
        if (offThread) expect(report.phases.files).to.equal(0);
        expect(catalogue.articleCount(STORY)).to.equal(4);

        writeFileSync(path.join(dir, 'county-wire.txt'), article('County Wire', PUMPED_AGAIN));
        await until('the changed text is quoted', async () => quotes((await catalogue.engine(STORY)!).ask(PUMPED_Q), '12,750'));
        const engine = await catalogue.engine(STORY)!;
        expect(quotes(engine.ask(PUMPED_Q), '9,300')).to.equal(false);
        expect(updated.at(-1)).to.include({ analysed: 1, reused: 3 });

        unlinkSync(path.join(dir, 'county-wire.txt'));
        await until('the removed file is no longer cited', async () => !cites((await catalogue.engine(STORY)!).ask(PUMPED_Q), 'county-wire.txt'));
        expect(updated.at(-1)).to.include({ analysed: 0, reused: 3, removed: 1, articles: 3 });
        expect(failed).to.deep.equal([]);
      } finally {
        await catalogue.close();
      }
    });
  }

  it('answers every question during a rebuild from the engine in service until the swap', async () => {
    const dir = copyStory(root);
    const { catalogue, updated } = watched(root);
    try {
      const old = await catalogue.engine(STORY)!;
      await catalogue.watchReady();
      const q = 'How many miners were brought out alive?';
      const seen: Array<{ engine: Engine; facts: number; afterSwap: boolean }> = [];
      writeFileSync(path.join(dir, 'county-wire.txt'), article('County Wire', PUMPED));
      let swapped = false;
      catalogue.once('updated', () => (swapped = true));
      while (!swapped || seen.filter((s) => s.afterSwap).length < 5) {
        const engine = await catalogue.engine(STORY)!;
        const a = engine.ask(q);
        seen.push({ engine, facts: a.facts.length, afterSwap: swapped });
        await new Promise((r) => setImmediate(r));
      }
      expect(updated).to.have.length(1);
      expect(seen.every((s) => s.facts > 0)).to.equal(true);
      expect(seen.filter((s) => !s.afterSwap).every((s) => s.engine === old)).to.equal(true);
      expect(seen.filter((s) => s.afterSwap).every((s) => s.engine !== old)).to.equal(true);
      expect(seen.filter((s) => !s.afterSwap).length).to.be.greaterThan(0);
    } finally {
      await catalogue.close();
    }
  });

  it('keeps the engine in service when a rebuild fails, and says why', async () => {
    const dir = copyStory(root);
    const { catalogue, failed } = watched(root);
    try {
      const old = await catalogue.engine(STORY)!;
      await catalogue.watchReady();
      // every article replaced by binary bytes: the folder holds no readable article any more
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt'))) writeFileSync(path.join(dir, f), Buffer.from([0, 1, 2, 0, 3]));
      await until('the failure is reported', () => failed.length > 0);
      expect(failed[0]).to.include({ id: STORY, code: 'empty' });
      expect(failed[0]!.reason).to.be.a('string').and.not.equal('');
      expect(await catalogue.engine(STORY)!).to.equal(old);
      expect(old.ask('How many miners were brought out alive?').facts.length).to.be.greaterThan(0);
      expect(catalogue.articleCount(STORY)).to.equal(3);
    } finally {
      await catalogue.close();
    }
  });

  it('rebuilds once or twice for a burst of files, not once per file', async () => {
    const dir = copyStory(root);
    const { catalogue, updated, rebuilds } = watched(root);
    try {
      await catalogue.engine(STORY)!;
      await catalogue.watchReady();
      mkdirSync(path.join(dir, 'wires'));
      for (let i = 0; i < 30; i++) writeFileSync(path.join(dir, 'wires', `wire-${i}.txt`), article(`Wire ${i}`, `Wire report ${i}: rescuers reached shaft ${i + 2} by noon, a spokesman for the mine said.`));
      // and what a watcher must not rebuild for: the saved index, dot-files, temporary and other files
      writeFileSync(path.join(dir, '.notes.txt'), 'hidden');
      await until('all 33 articles are in service', () => catalogue.articleCount(STORY) === 33 && !catalogue.rebuilding(STORY));
      expect(rebuilds()).to.be.within(1, 2);
      const before = updated.length;
      writeFileSync(path.join(dir, 'draft.txt~'), 'backup');
      writeFileSync(path.join(dir, 'photo.jpg'), 'not an article');
      writeFileSync(path.join(dir, '.coverage-cache', 'x.tmp'), '');
      await new Promise((r) => setTimeout(r, 1500));
      expect(updated.length).to.equal(before);
    } finally {
      await catalogue.close();
    }
  });

  it('picks up changes by polling, asked for or when native watching runs out of watches', async () => {
    copyStory(root, 'polled');
    copyStory(root, 'fallback');
    const polled = watched(root, 150);
    // native watching that fails as inotify does at its watch limit
    const failing = watched(root, false, {
      watchFn: (dir, options) => {
        const w = chokidarWatch(dir, options);
        if (!options.usePolling) w.once('ready', () => w.emit('error', Object.assign(new Error('watch limit reached'), { code: 'ENOSPC' })));
        return w;
      },
    });
    try {
      for (const [c, id] of [[polled.catalogue, 'polled'], [failing.catalogue, 'fallback']] as const) {
        await c.engine(id)!;
        await c.watchReady();
      }
      await until('the fallback to polling', () => failing.notes.some((n) => n.id === 'fallback' && n.event === 'polling'));
      expect(failing.notes.find((n) => n.event === 'polling')!.reason).to.match(/ENOSPC/);
      await failing.catalogue.watchReady();
      await until('the rescan after the fallback', () => !failing.catalogue.rebuilding('fallback'));
      for (const [c, id] of [[polled.catalogue, 'polled'], [failing.catalogue, 'fallback']] as const) {
        writeFileSync(path.join(root, id, 'county-wire.txt'), article('County Wire', PUMPED));
        await until(`${id}: the added file is cited`, async () => cites((await c.engine(id)!).ask(PUMPED_Q), 'county-wire.txt'));
      }
    } finally {
      await polled.catalogue.close();
      await failing.catalogue.close();
    }
  });

  it('picks up story folders added to and removed from the stories folder', async () => {
    copyStory(root);
    const { catalogue } = watched(root);
    const added: string[] = [];
    const removed: string[] = [];
    catalogue.on('added', (s) => added.push(s.id));
    catalogue.on('removed', (s) => removed.push(s.id));
    try {
      await catalogue.watchReady();
      const dir = copyStory(root, 'new-story');
      writeFileSync(path.join(dir, 'story.yml'), 'title: "A new story"\n');
      await until('the new story is listed', () => catalogue.get('new-story') !== null);
      expect(catalogue.get('new-story')!.title).to.equal('A new story');
      expect(catalogue.articleCount('new-story')).to.equal(3);
      expect(catalogue.list().map((s) => s.id)).to.deep.equal([STORY, 'new-story']);
      rmSync(path.join(root, STORY), { recursive: true });
      await until('the removed story is dropped', () => catalogue.get(STORY) === null);
      expect(catalogue.engine(STORY)).to.equal(null);
      expect({ added, removed }).to.deep.equal({ added: ['new-story'], removed: [STORY] });
    } finally {
      await catalogue.close();
    }
  });

  it('lets the process exit once closed', async () => {
    const dir = copyStory(root);
    const script = `
      import { StoryCatalogue, singleStory } from ${JSON.stringify(path.resolve(import.meta.dirname, '../src/stories/catalogue.ts'))};
      const c = new StoryCatalogue([singleStory(${JSON.stringify(dir)})], { workers: 0 });
      c.watch({ poll: process.argv[1] === 'poll' ? 100 : false });
      await c.engine(${JSON.stringify(STORY)});
      await c.watchReady();
      await c.close();
      console.log('closed');`;
    for (const mode of ['native', 'poll']) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.on('close', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      expect({ mode, code, out: out.trim() }).to.deep.equal({ mode, code: 0, out: 'closed' });
    }
  });
});

describe('watch helpers', () => {
  it('coalesces requests made during a run into exactly one more run', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const c = new SerialTask(async () => {
      runs++;
      await new Promise<void>((r) => (release = r));
      return runs;
    });
    const first = c.request();
    const later = [c.request(), c.request(), c.request()];
    expect(later[0]).to.equal(later[1]);
    release();
    expect(await first).to.equal(1);
    await new Promise((r) => setImmediate(r));
    release();
    expect(await Promise.all(later)).to.deep.equal([2, 2, 2]);
    expect(runs).to.equal(2);
    expect(c.busy).to.equal(false);
  });

  it('watches article files and story.yml, not hidden, temporary or other files', () => {
    const root = path.resolve('/stories/one');
    const ignored = ignoredInStory(root);
    const file = { isFile: () => true, isDirectory: () => false } as never;
    const folder = { isFile: () => false, isDirectory: () => true } as never;
    const at = (p: string) => path.join(root, p);
    expect(ignored(at('a.txt'), file)).to.equal(false);
    expect(ignored(at('sub/b.md'), file)).to.equal(false);
    expect(ignored(at('story.yml'), file)).to.equal(false);
    expect(ignored(at('sub'), folder)).to.equal(false);
    for (const p of ['.coverage-cache', '.coverage-cache/index.pack', '.a.txt', 'a.txt~', 'a.txt.tmp', 'a.txt.swp', '~$a.txt', 'photo.jpg', 'README.md', 'sub/story.yml', '.git/x.txt']) {
      expect(ignored(at(p), p.includes('.') && !p.endsWith('cache') ? file : folder), p).to.equal(true);
    }
    expect(singleStory(root).id).to.equal('one');
  });
});
