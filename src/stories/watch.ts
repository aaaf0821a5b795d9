/**
 * Watching a folder of articles for changes that call for a new engine. Events are collected until the
 * folder has been quiet for a moment (a copy of 50 files is one batch, not 50) and handed over in one
 * batch; the caller rebuilds, through a {@link SerialTask}, so that changes made while a rebuild runs give
 * exactly one more rebuild after it.
 *
 * Native events (inotify and the like) by default; polling on request, for network drives where native
 * events do not arrive, and on its own when the system refuses more native watches (ENOSPC: inotify's
 * watch limit; EMFILE/ENFILE: open files). Only what the loader reads is watched: .txt and .md files not
 * hidden nor a folder's documentation, in folders not hidden (so never `.coverage-cache/`, which every
 * load rewrites), editors' and downloaders' temporary files left out.
 */
import path from 'node:path';
import type { Stats } from 'node:fs';
import { watch as chokidarWatch, type ChokidarOptions, type FSWatcher } from 'chokidar';
import { isArticleFileName } from '../corpus/load.js';

/** Polling interval when polling is asked for without one, ms: a stat of every file this often. */
export const DEFAULT_POLL_MS = 2000;
/** Quiet time that ends a batch, ms. */
export const DEFAULT_DEBOUNCE_MS = 300;
/** Longest a batch is held while events keep coming, ms, so that a folder never quiet is still rebuilt. */
export const DEFAULT_MAX_WAIT_MS = 5000;

/** Errors after which native watching cannot go on, and polling takes over. */
const OUT_OF_WATCHES = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

export interface FolderWatchOptions {
  /** false (default): native events, polling when they fail; true: polling every DEFAULT_POLL_MS; a number: polling every that many ms. */
  poll?: boolean | number;
  debounceMs?: number;
  maxWaitMs?: number;
  /** The file watcher (chokidar's `watch`); replaceable so that a test can make native watching fail. */
  watchFn?: (dir: string, options: ChokidarOptions) => FSWatcher;
}

export interface WatchChange {
  kind: 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir' | 'rescan';
  /** Path relative to the watched folder, forward slashes ('' for the folder itself). */
  file: string;
}

/** Something worth a log line: how the folder is watched, or an error the watcher met. */
export interface WatchNote {
  dir: string;
  mode: 'native' | 'polling';
  /** `polling`: native watching failed and polling took over; `error`: an error that did not stop watching. */
  event: 'polling' | 'error';
  reason: string;
}

/** Names of temporary files: editors' backups and swap files, partial downloads, office lock files. */
const TEMP_FILE = /(?:~|\.(?:tmp|temp|swp|swo|swx|bak|part|partial|crdownload|download)|^#.*#)$|^~\$/i;

/** Whether a name is that of an editor's or a download's temporary file. */
export function isTempFileName(name: string): boolean {
  return TEMP_FILE.test(name);
}

/**
 * The filter of a story folder's watcher: true for what is not watched. Hidden entries anywhere below the
 * folder (`.coverage-cache/`, `.git/`), temporary files, and files the loader would not read; `story.yml`
 * at the top is watched (it holds the title).
 */
export function ignoredInStory(root: string): (file: string, stats?: Stats) => boolean {
  return (file, stats) => {
    const rel = path.relative(root, file);
    if (rel === '' || rel.startsWith('..')) return false;
    const parts = rel.split(path.sep);
    const name = parts[parts.length - 1]!;
    if (parts.some((p) => p.startsWith('.')) || isTempFileName(name)) return true;
    if (stats?.isFile()) return !(isArticleFileName(name) || (parts.length === 1 && name === 'story.yml'));
    return false;
  };
}

/** The filter of a stories folder's watcher: its folders only (one per story), hidden ones left out. */
export function ignoredInStoriesRoot(root: string): (file: string, stats?: Stats) => boolean {
  return (file, stats) => {
    const rel = path.relative(root, file);
    if (rel === '' || rel.startsWith('..')) return false;
    return rel.split(path.sep).some((p) => p.startsWith('.')) || Boolean(stats && !stats.isDirectory());
  };
}

/**
 * Runs a task one at a time: a request while it runs is answered by exactly one more run after it, shared
 * by every request made meanwhile (each of them started before that run, so it sees them all).
 */
export class SerialTask<T> {
  #running: Promise<T> | null = null;
  #next: Promise<T> | null = null;

  constructor(private readonly task: () => Promise<T>) {}

  /** Whether a run is going on or waiting. */
  get busy(): boolean {
    return this.#running !== null || this.#next !== null;
  }

  request(): Promise<T> {
    if (this.#next) return this.#next;
    if (!this.#running) return this.#start();
    const after = this.#running.then(
      () => undefined,
      () => undefined,
    );
    this.#next = after.then(() => {
      this.#next = null;
      return this.#start();
    });
    return this.#next;
  }

  /** Settles when nothing runs or waits. */
  async idle(): Promise<void> {
    while (this.#running || this.#next) await (this.#next ?? this.#running)!.catch(() => undefined);
  }

  #start(): Promise<T> {
    const run = this.task().finally(() => {
      if (this.#running === run) this.#running = null;
    });
    this.#running = run;
    return run;
  }
}

/** A folder watched for article changes, handing over batches of changes after a quiet moment. */
export class FolderWatcher {
  readonly dir: string;
  #watcher: FSWatcher | null = null;
  #mode: 'native' | 'polling';
  #ready: Promise<void> = Promise.resolve();
  #pending: WatchChange[] = [];
  #quiet: NodeJS.Timeout | null = null;
  #deadline: NodeJS.Timeout | null = null;
  #resolveReady: () => void = () => {};
  #closed = false;
  readonly #debounceMs: number;
  readonly #maxWaitMs: number;
  readonly #pollMs: number;

  constructor(
    dir: string,
    private readonly ignored: (file: string, stats?: Stats) => boolean,
    private readonly onBatch: (changes: WatchChange[]) => void,
    private readonly options: FolderWatchOptions & { depth?: number } = {},
    private readonly onNote: (note: WatchNote) => void = () => {},
  ) {
    this.dir = path.resolve(dir);
    this.#debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.#maxWaitMs = Math.max(options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS, this.#debounceMs);
    this.#pollMs = typeof options.poll === 'number' && options.poll > 0 ? options.poll : DEFAULT_POLL_MS;
    this.#mode = options.poll ? 'polling' : 'native';
    this.#start();
  }

  get mode(): 'native' | 'polling' {
    return this.#mode;
  }

  /** Settles once the folder's first scan is done: changes from then on are seen. */
  ready(): Promise<void> {
    return this.#ready;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#clearTimers();
    this.#pending = [];
    this.#resolveReady();
    const w = this.#watcher;
    this.#watcher = null;
    await w?.close();
  }

  #start(): void {
    const polling = this.#mode === 'polling';
    const make = this.options.watchFn ?? chokidarWatch;
    const watcher = make(this.dir, {
      ignoreInitial: true,
      ignored: this.ignored,
      followSymlinks: false,
      usePolling: polling,
      interval: this.#pollMs,
      binaryInterval: this.#pollMs,
      ignorePermissionErrors: true,
      ...(this.options.depth !== undefined ? { depth: this.options.depth } : {}),
    });
    this.#watcher = watcher;
    this.#ready = new Promise((resolve) => {
      this.#resolveReady = resolve;
      watcher.once('ready', () => resolve());
    });
    watcher.on('all', (event, file) => {
      if (this.#closed || this.#watcher !== watcher) return;
      if (event === 'add' || event === 'change' || event === 'unlink' || event === 'addDir' || event === 'unlinkDir') this.#push({ kind: event, file: this.#relative(file) });
    });
    watcher.on('error', (err: unknown) => {
      if (this.#closed || this.#watcher !== watcher) return;
      const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
      const reason = err instanceof Error ? `${code ? `${code}: ` : ''}${err.message}` : String(err);
      if (!polling && OUT_OF_WATCHES.has(code)) this.#fallBackToPolling(watcher, reason);
      else this.onNote({ dir: this.dir, mode: this.#mode, event: 'error', reason });
    });
  }

  /** Native watching ran out of watches or files: polling instead, and one rescan for what was missed meanwhile. */
  #fallBackToPolling(failed: FSWatcher, reason: string): void {
    this.#mode = 'polling';
    this.#watcher = null;
    void failed.close().catch(() => undefined);
    this.onNote({ dir: this.dir, mode: 'polling', event: 'polling', reason });
    this.#start();
    void this.#ready.then(() => {
      if (!this.#closed) this.#push({ kind: 'rescan', file: '' });
    });
  }

  #relative(file: string): string {
    return path.relative(this.dir, path.resolve(this.dir, file)).split(path.sep).join('/');
  }

  #push(change: WatchChange): void {
    this.#pending.push(change);
    if (this.#quiet) clearTimeout(this.#quiet);
    this.#quiet = setTimeout(() => this.#flush(), this.#debounceMs);
    this.#deadline ??= setTimeout(() => this.#flush(), this.#maxWaitMs);
  }

  #clearTimers(): void {
    if (this.#quiet) clearTimeout(this.#quiet);
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#quiet = this.#deadline = null;
  }

  #flush(): void {
    this.#clearTimers();
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length && !this.#closed) this.onBatch(batch);
  }
}
