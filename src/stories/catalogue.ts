/**
 * The stories a desk serves: STORIES_DIR holds one folder per story (the folder name is its id, an
 * optional story.yml gives a `title:`), or CORPUS_DIR is one story on its own. Each story's engine is
 * loaded lazily, on its first question, and kept: a newsroom keeps many stories but asks about a few on
 * a given day, and the saved index makes a first load quick. Concurrent first questions share one load.
 *
 * Coverage grows without a restart: {@link StoryCatalogue.watch} watches each loaded story's folder (and the
 * stories folder, for stories added or removed), and a change rebuilds that story's engine beside the one in
 * service, swapped in once complete. A thread brings the saved index up to date first (only new and changed
 * files are analysed); files only added are then appended to the engine in service (Engine.withAddedFiles),
 * anything else loads the folder again from what the thread saved. Questions meanwhile get the old engine;
 * a rebuild that fails leaves it in service and says why.
 */
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../cache/workers.js';
import { parseScalar } from '../corpus/frontMatter.js';
import { isArticleFileName } from '../corpus/load.js';
import { Engine, type EngineOptions } from '../engine.js';
import type { RebuildReply, RebuildRequest, RebuildTask } from './rebuildWorker.js';
import { SerialTask, FolderWatcher, ignoredInStoriesRoot, ignoredInStory, type FolderWatchOptions, type WatchChange, type WatchNote } from './watch.js';

/** A story id is its folder's name; one that needs no quoting in a slash-command option. */
const STORY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface Story {
  id: string;
  title: string;
  /** Absolute path of its folder. */
  dir: string;
}

/** The title in `story.yml` (`title: …`), or null when there is no such file or line. */
export function storyTitle(dir: string): string | null {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'story.yml'), 'utf8');
  } catch {
    return null;
  }
  const line = /^title\s*:\s*(.+)$/m.exec(text)?.[1];
  const title = line ? parseScalar(line.trim()).trim() : '';
  return title === '' ? null : title;
}

/** The story folders in `storiesDir`, by id; hidden folders and names unfit for an id are left out. */
export function discoverStories(storiesDir: string): Story[] {
  return readdirSync(storiesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && STORY_ID.test(e.name))
    .map((e) => {
      const dir = path.join(storiesDir, e.name);
      return { id: e.name, title: storyTitle(dir) ?? e.name, dir };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** CORPUS_DIR as the one story: its id is the folder's name. */
export function singleStory(corpusDir: string): Story {
  const dir = path.resolve(corpusDir);
  return { id: path.basename(dir), title: storyTitle(dir) ?? path.basename(dir), dir };
}

/** A story's engine was rebuilt and is now in service. */
export interface StoryUpdate {
  id: string;
  /** Files given back by the saved index, analysed (new or changed), and gone since the last save. */
  reused: number;
  analysed: number;
  removed: number;
  /** Articles in the new engine, and files that could not be loaded. */
  articles: number;
  problems: number;
  /** Wall time of the rebuild, ms. */
  ms: number;
}

/** A rebuild failed; the engine in service (if any) stays. */
export interface StoryFailure {
  id: string;
  reason: string;
  /** CorpusError's code (`missing`, `not-a-folder`, `empty`) when it was one. */
  code?: string;
}

/** What happened to a watcher, for a log line; `id` null for the stories folder's own. */
export type StoryWatchNote = WatchNote & { id: string | null };

export interface CatalogueEvents {
  /** A rebuild started (its story's engine stays in service meanwhile). */
  rebuilding: [{ id: string }];
  updated: [StoryUpdate];
  failed: [StoryFailure];
  /** A story folder appeared in, or left, the stories folder. */
  added: [Story];
  removed: [Story];
  watch: [StoryWatchNote];
}

export type ReloadOutcome = ({ ok: true } & StoryUpdate) | ({ ok: false } & StoryFailure);

export interface CatalogueOptions {
  /** The stories folder the stories came from, so that stories added to it or removed are picked up. */
  storiesDir?: string;
  /**
   * Whether a rebuild analyses and assembles on a thread of its own (default true), the main thread then
   * only restoring what it saved: questions are held up for that restore, not for the whole rebuild.
   * Without a saved index (cache: false, or no folder can be written) the main thread does it all.
   */
  rebuildOffThread?: boolean;
}

/** Article files below `dir` (as the loader lists them: hidden entries and linked folders skipped); none when it cannot be read. */
function articleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if ((e.isFile() || e.isSymbolicLink()) && isArticleFileName(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/**
 * The thread that brings stories' saved indexes up to date (rebuildWorker.ts), started on first use and
 * kept between rebuilds; one that fails or stops is replaced at the next rebuild. It does not keep the
 * process alive.
 */
class RebuildThread {
  #worker: Worker | null = null;
  #next = 0;
  readonly #waiting = new Map<number, (reply: RebuildReply) => void>();

  /** What the thread did for `dir`, or why it could not; never rejects. */
  run(dir: string, options: EngineOptions): Promise<RebuildReply> {
    const task: RebuildTask = { dir, options: { maxFileBytes: options.maxFileBytes, cache: options.cache, workers: options.workers, appendLimits: options.appendLimits } };
    return new Promise((resolve) => {
      let worker: Worker;
      try {
        worker = this.#worker ?? this.#start();
      } catch (err) {
        resolve({ ok: false, reason: `no rebuild thread: ${err instanceof Error ? err.message : String(err)}`, code: 'thread' });
        return;
      }
      const n = this.#next++;
      this.#waiting.set(n, resolve);
      worker.ref();
      worker.postMessage({ n, task } satisfies RebuildRequest);
    });
  }

  /** Stops the thread (a rebuild under way is answered as a thread failure). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  #start(): Worker {
    const worker = startModuleWorker(new URL(`./rebuildWorker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));
    this.#worker = worker;
    worker.on('message', ({ n, reply }: { n: number; reply: RebuildReply }) => {
      this.#waiting.get(n)?.(reply);
      this.#waiting.delete(n);
      if (!this.#waiting.size) worker.unref();
    });
    const lost = (reason: string): void => {
      if (this.#worker === worker) this.#worker = null;
      for (const settle of this.#waiting.values()) settle({ ok: false, reason, code: 'thread' });
      this.#waiting.clear();
    };
    worker.once('error', (err: Error) => lost(`the rebuild thread failed: ${err.message}`));
    worker.once('exit', (code) => lost(`the rebuild thread stopped (exit ${code})`));
    return worker;
  }
}

const errorCode = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** The stories and their engines, each loaded on first use, rebuilt when its folder changes (once watched). */
export class StoryCatalogue extends EventEmitter<CatalogueEvents> {
  readonly #stories: Map<string, Story>;
  /** What engine(id) hands out: the load under way, or the engine in service. */
  readonly #engines = new Map<string, Promise<Engine>>();
  /** The engine in service, once there is one. */
  readonly #loaded = new Map<string, Engine>();
  readonly #rebuilds = new Map<string, SerialTask<ReloadOutcome>>();
  readonly #watchers = new Map<string, FolderWatcher>();
  #root: FolderWatcher | null = null;
  #watching: FolderWatchOptions | null = null;
  #closed = false;
  readonly #storiesDir: string | null;
  readonly #offThread: boolean;
  readonly #thread = new RebuildThread();

  constructor(
    stories: readonly Story[],
    private readonly options: EngineOptions = {},
    catalogue: CatalogueOptions = {},
  ) {
    super();
    this.#stories = new Map(stories.map((s) => [s.id, s]));
    this.#storiesDir = catalogue.storiesDir ? path.resolve(catalogue.storiesDir) : null;
    this.#offThread = catalogue.rebuildOffThread ?? true;
  }

  list(): Story[] {
    return [...this.#stories.values()];
  }

  get(id: string): Story | null {
    return this.#stories.get(id) ?? null;
  }

  /** The one story when there is only one (the default for an unbound channel), else null. */
  get onlyStory(): Story | null {
    return this.#stories.size === 1 ? (this.list()[0] ?? null) : null;
  }

  /** Ids starting with or containing `query` (autocomplete), prefix matches first. */
  matching(query: string, limit = 25): Story[] {
    const q = query.trim().toLowerCase();
    const scored = this.list()
      .map((s) => ({ s, at: `${s.id} ${s.title}`.toLowerCase().indexOf(q) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => Number(a.at !== 0) - Number(b.at !== 0) || a.s.id.localeCompare(b.s.id));
    return scored.slice(0, limit).map((x) => x.s);
  }

  /**
   * The story's engine, loading it on first use; a failed load is forgotten so the next question retries.
   * While a rebuild runs this is still the engine in service, never the one being built.
   * @throws CorpusError from the load
   */
  engine(id: string): Promise<Engine> | null {
    const story = this.get(id);
    if (!story) return null;
    let loading = this.#engines.get(id);
    if (!loading) {
      loading = this.#load(id, story);
      if (this.#watching) this.#watchStory(story);
    }
    return loading;
  }

  /** Time of the newest article file in the story's folder (its last update), or null when empty. */
  lastUpdate(id: string): Date | null {
    const story = this.get(id);
    if (!story) return null;
    let newest = 0;
    for (const file of articleFiles(story.dir)) {
      try {
        newest = Math.max(newest, statSync(file).mtimeMs);
      } catch {
        // gone since it was listed
      }
    }
    return newest > 0 ? new Date(newest) : null;
  }

  /**
   * Articles of a story: those of its engine in service, or else the article files in its folder (files
   * that will turn out unreadable included). Null for an unknown story.
   */
  articleCount(id: string): number | null {
    const story = this.get(id);
    if (!story) return null;
    return this.#loaded.get(id)?.knowledge.articles.length ?? articleFiles(story.dir).length;
  }

  /** Whether a rebuild of the story is running or waiting. */
  rebuilding(id: string): boolean {
    return this.#rebuilds.get(id)?.busy ?? false;
  }

  /**
   * Builds the story's engine again beside the one in service and swaps it in when complete; on failure the
   * one in service stays (and `failed` is emitted). A reload asked while one runs is one more after it,
   * shared by every such request. Never rejects; null for an unknown story.
   */
  reload(id: string): Promise<ReloadOutcome> | null {
    if (!this.get(id)) return null;
    let rebuild = this.#rebuilds.get(id);
    if (!rebuild) {
      rebuild = new SerialTask(() => this.#rebuild(id));
      this.#rebuilds.set(id, rebuild);
    }
    return rebuild.request();
  }

  /**
   * Reads the stories folder again: new story folders are added (`added`), those gone are dropped with their
   * engines (`removed`), titles are read again. Nothing without a stories folder.
   */
  refreshStories(): { added: Story[]; removed: Story[] } {
    const added: Story[] = [];
    const removed: Story[] = [];
    if (!this.#storiesDir || this.#closed) return { added, removed };
    let found: Story[];
    try {
      found = discoverStories(this.#storiesDir);
    } catch (err) {
      // the stories folder itself is gone or unreadable: keep what is served rather than drop everything
      this.emit('watch', { id: null, dir: this.#storiesDir, mode: this.#root?.mode ?? 'native', event: 'error', reason: `cannot read the stories folder (${errorCode(err) ?? String(err)})` });
      return { added, removed };
    }
    const ids = new Set(found.map((s) => s.id));
    for (const old of this.list()) {
      if (ids.has(old.id)) continue;
      this.#stories.delete(old.id);
      this.#engines.delete(old.id);
      this.#loaded.delete(old.id);
      this.#rebuilds.delete(old.id);
      const w = this.#watchers.get(old.id);
      this.#watchers.delete(old.id);
      void w?.close();
      removed.push(old);
    }
    for (const s of found) {
      const old = this.#stories.get(s.id);
      if (!old) added.push(s);
      if (!old || old.title !== s.title) this.#stories.set(s.id, s);
    }
    if (added.length) {
      // kept sorted by id, as discovered
      const sorted = [...this.#stories.values()].sort((a, b) => a.id.localeCompare(b.id));
      this.#stories.clear();
      for (const s of sorted) this.#stories.set(s.id, s);
    }
    for (const s of removed) this.emit('removed', s);
    for (const s of added) this.emit('added', s);
    return { added, removed };
  }

  /**
   * Watches the folders of the stories loaded (and of each story when it loads), rebuilding a story when its
   * articles change; with a stories folder, also that folder for stories added or removed. `poll` for
   * network drives (see FolderWatchOptions). Once; close() stops it.
   */
  watch(options: FolderWatchOptions = {}): void {
    if (this.#closed) throw new Error('The story catalogue is closed.');
    if (this.#watching) return;
    this.#watching = options;
    if (this.#storiesDir) {
      const dir = this.#storiesDir;
      this.#root = new FolderWatcher(dir, ignoredInStoriesRoot(dir), () => this.refreshStories(), { ...options, depth: 0 }, (note) => this.emit('watch', { ...note, id: null }));
    }
    for (const id of this.#engines.keys()) {
      const story = this.get(id);
      if (story) this.#watchStory(story);
    }
  }

  /** Settles when every watcher has done its first scan (changes from then on are seen). */
  async watchReady(): Promise<void> {
    await Promise.all([this.#root?.ready(), ...[...this.#watchers.values()].map((w) => w.ready())]);
  }

  /** Stops watching and waits for rebuilds under way; the engines stay usable. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#watching = null;
    const watchers = [this.#root, ...this.#watchers.values()];
    this.#root = null;
    this.#watchers.clear();
    await Promise.all(watchers.map((w) => w?.close()));
    await Promise.all([...this.#rebuilds.values()].map((r) => r.idle()));
    await this.#thread.close();
  }

  /** A load handed out by engine(): once complete, the engine in service; a failed one is forgotten. */
  #load(id: string, story: Story): Promise<Engine> {
    const loading = Engine.load(story.dir, this.options);
    this.#engines.set(id, loading);
    loading.then(
      (engine) => {
        if (this.#engines.get(id) === loading) this.#loaded.set(id, engine);
      },
      () => {
        if (this.#engines.get(id) === loading) this.#engines.delete(id);
      },
    );
    return loading;
  }

  #watchStory(story: Story): void {
    if (this.#watchers.has(story.id) || !this.#watching) return;
    const watcher = new FolderWatcher(story.dir, ignoredInStory(story.dir), (changes) => this.#changed(story.id, changes), this.#watching, (note) => this.emit('watch', { ...note, id: story.id }));
    this.#watchers.set(story.id, watcher);
  }

  #changed(id: string, changes: WatchChange[]): void {
    if (this.#closed || !this.get(id)) return;
    const story = this.get(id)!;
    if (changes.some((c) => c.file === 'story.yml')) {
      const title = storyTitle(story.dir) ?? id;
      if (title !== story.title) this.#stories.set(id, { ...story, title });
    }
    if (changes.some((c) => c.file !== 'story.yml')) void this.reload(id);
  }

  async #rebuild(id: string): Promise<ReloadOutcome> {
    // a first load under way counts as a build: this one starts after it, and sees what it may have missed
    await this.#engines.get(id)?.catch(() => undefined);
    const story = this.get(id);
    if (!story) return { ok: false, id, reason: 'the story is no longer in the catalogue' };
    this.emit('rebuilding', { id });
    const started = performance.now();
    const inService = this.#engines.get(id);
    const fail = (reason: string, code?: string): ReloadOutcome => {
      const failure: StoryFailure = { id, reason, ...(code ? { code } : {}) };
      this.emit('failed', failure);
      return { ok: false, ...failure };
    };
    /** What the thread did, when it did the work and saved it. */
    let offThread: (RebuildReply & { ok: true }) | null = null;
    if (inService && this.#offThread && this.options.cache !== false) {
      const reply = await this.#thread.run(story.dir, this.options);
      if (!reply.ok && reply.code !== 'thread') return fail(reply.reason, reply.code);
      // a thread that failed, or an index that could not be saved: the main thread does it all
      if (reply.ok && reply.saved) offThread = reply;
      else if (!reply.ok) this.emit('watch', { id, dir: story.dir, mode: this.#watchers.get(id)?.mode ?? 'native', event: 'error', reason: `${reply.reason}; rebuilding on the main thread` });
    }
    // files only added, their entries just saved: appended to the engine in service, without reading the rest again
    const serving = inService ? this.#loaded.get(id) : undefined;
    const extended = offThread?.assembled === 'appended' && serving ? await serving.withAddedFilesBetweenQuestions(offThread.files, this.options) : null;
    // with no engine in service, questions wait for this build, as for a first load
    const building = extended ? Promise.resolve(extended) : inService ? Engine.load(story.dir, this.options) : this.#load(id, story);
    try {
      const engine = await building;
      const current = this.get(id);
      if (!current || current.dir !== story.dir) return { ok: false, id, reason: 'the story was removed while it was rebuilt' };
      this.#loaded.set(id, engine);
      this.#engines.set(id, Promise.resolve(engine));
      // the main thread's load restored what the thread saved: the thread's counts say what changed
      const r = offThread ?? engine.cacheReport;
      const update: StoryUpdate = { id, reused: r.reused, analysed: r.analysed, removed: r.removed, articles: engine.knowledge.articles.length, problems: engine.problems.length, ms: Math.round(performance.now() - started) };
      this.emit('updated', update);
      return { ok: true, ...update };
    } catch (err) {
      return fail(err instanceof Error ? err.message : String(err), errorCode(err));
    }
  }
}
