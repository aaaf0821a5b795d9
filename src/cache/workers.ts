/**
 * Parallel analysis: article files are parsed and analysed on worker threads, a few files per message,
 * each thread kept busy with two batches in flight, and by the caller's own thread, one file at a time
 * between the threads' messages. Results come back in any order and are placed by position, so what is
 * built from them does not depend on which thread finished first (an article's analysis depends on its
 * file alone). A thread that fails (cannot start, crashes) hands its files back to the others; files left
 * over when none is alive, and files whose analysis threw, are returned for the caller to analyse itself.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerReply, WorkerTask } from './analyseWorker.js';

/** Below this many files to analyse, starting threads (about a second each, for wink's model) does not pay. */
export const MIN_FILES_FOR_WORKERS = 200;
const BATCH = 4;

/**
 * Worker threads to analyse `files` files with, beside the caller's thread: `requested` when given, else
 * one per core but the caller's from MIN_FILES_FOR_WORKERS files; 0 means in the caller's thread alone.
 * The caller's thread analyses too rather than only waiting: a third busy thread on two cores only
 * takes turns with the others, and costs a heap and a copy of wink's model more.
 */
export function threadsFor(files: number, requested?: number): number {
  const n = requested ?? (files >= MIN_FILES_FOR_WORKERS ? availableParallelism() - 1 : 0);
  return Math.min(Math.max(0, Math.floor(n)), files);
}

/** URL of tsx's ESM API, which registers its loader in the thread that imports it. */
function tsxEsmApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  // import.meta.resolve is missing when tsx has compiled this module to CommonJS (as under mocha), and
  // require.resolve gives the CommonJS build of the API, whose register() names a file that does not
  // exist (every thread then failed and its files went back to the main thread): the ESM build it exports
  const load = createRequire(import.meta.url);
  const manifest = load.resolve('tsx/package.json');
  const exported = (load(manifest) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  return pathToFileURL(path.join(path.dirname(manifest), exported)).href;
}

/** A worker running the module `script` (through tsx's loader when it is a TypeScript source). */
export function startModuleWorker(script: URL, workerData?: unknown): Worker {
  if (path.extname(fileURLToPath(script)) !== '.ts') return new Worker(script, { workerData });
  const api = tsxEsmApi();
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** A worker running analyseWorker.ts (through tsx's loader when the engine runs from TypeScript sources). */
function startWorker(): Worker {
  return startModuleWorker(new URL(`./analyseWorker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));
}

export interface PoolOutcome {
  /** Threads that were started. */
  started: number;
  /** Positions the caller must analyse itself. */
  leftover: number[];
  /** Why a thread failed or a file could not be analysed on one, for the log. */
  failures: string[];
}

/**
 * Analyses `tasks` on `threads` worker threads; `onResult` gets each file's encoded record as it arrives.
 * With `local`, the caller's thread takes files too, one at a time between messages, and hands each to
 * `local` to analyse (a throw puts the file among the leftovers).
 */
export function analyseOnWorkers(
  tasks: ReadonlyArray<{ file: string; text: string }>,
  threads: number,
  onResult: (i: number, bytes: Uint8Array) => void,
  local?: (i: number) => void,
): Promise<PoolOutcome> {
  return new Promise((resolve) => {
    const leftover: number[] = [];
    const failures: string[] = [];
    const requeued: number[] = [];
    let next = 0;
    let outstanding = tasks.length;
    let live = 0;
    let started = 0;
    let finished = false;
    const workers: Array<{ worker: Worker; inflight: Set<number>; dead: boolean }> = [];

    const take = (): number[] => {
      const batch: number[] = [];
      while (batch.length < BATCH && requeued.length) batch.push(requeued.pop()!);
      while (batch.length < BATCH && next < tasks.length) batch.push(next++);
      return batch;
    };
    const finish = (): void => {
      if (finished) return;
      finished = true;
      for (const w of workers) if (!w.dead) void w.worker.terminate();
      resolve({ started, leftover: leftover.sort((a, b) => a - b), failures });
    };
    const feed = (w: (typeof workers)[number]): void => {
      while (!w.dead && w.inflight.size < 2 * BATCH) {
        const batch = take();
        if (!batch.length) return;
        for (const i of batch) w.inflight.add(i);
        w.worker.postMessage(batch.map((i): WorkerTask => ({ i, file: tasks[i]!.file, text: tasks[i]!.text })));
      }
    };
    const lose = (w: (typeof workers)[number], why: string): void => {
      if (w.dead) return;
      w.dead = true;
      live--;
      failures.push(why);
      requeued.push(...w.inflight);
      w.inflight.clear();
      void w.worker.terminate();
      if (live === 0) {
        // nobody left: the caller analyses what remains
        leftover.push(...requeued.splice(0));
        while (next < tasks.length) leftover.push(next++);
        outstanding = 0;
        finish();
        return;
      }
      for (const other of workers) feed(other);
    };

    const step = (): void => {
      if (finished) return;
      const i = requeued.length ? requeued.pop()! : next < tasks.length ? next++ : -1;
      // nothing left to take: the threads finish what they hold
      if (i < 0) return;
      outstanding--;
      try {
        local!(i);
      } catch (err) {
        failures.push(`${tasks[i]!.file}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
        leftover.push(i);
      }
      if (outstanding === 0) finish();
      else setImmediate(step);
    };

    for (let t = 0; t < threads; t++) {
      let worker: Worker;
      try {
        worker = startWorker();
      } catch (err) {
        failures.push(`cannot start an analysis thread: ${err instanceof Error ? err.message : String(err)}`);
        continue;
      }
      started++;
      live++;
      const w = { worker, inflight: new Set<number>(), dead: false };
      workers.push(w);
      worker.on('message', (reply: WorkerReply) => {
        if (w.dead || !w.inflight.delete(reply.i)) return;
        outstanding--;
        let failure = 'error' in reply ? reply.error : null;
        if ('bytes' in reply) {
          try {
            onResult(reply.i, reply.bytes);
          } catch (err) {
            failure = err instanceof Error ? err.message : String(err);
          }
        }
        if (failure !== null) {
          failures.push(`${tasks[reply.i]!.file}: ${failure.split('\n')[0]}`);
          leftover.push(reply.i);
        }
        if (outstanding === 0) finish();
        else feed(w);
      });
      worker.on('error', (err) => lose(w, `analysis thread failed: ${err instanceof Error ? err.message : String(err)}`));
      worker.on('exit', (code) => {
        if (!finished) lose(w, `analysis thread stopped (exit code ${code})`);
      });
      feed(w);
    }
    if (live === 0) {
      for (let i = 0; i < tasks.length; i++) leftover.push(i);
      finish();
    } else if (tasks.length === 0) finish();
    // the threads are given their first batches before this thread takes any
    else if (local) setImmediate(step);
  });
}
