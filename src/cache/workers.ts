/**
 * Parallel analysis: article files are parsed and analysed on worker threads, a few files per message,
 * each thread kept busy with two batches in flight. Results come back in any order and are placed by
 * position, so what is built from them does not depend on which thread finished first. A thread that fails
 * (cannot start, crashes) hands its files back to the others; files left over when none is alive, and files
 * whose analysis threw, are returned for the caller to analyse in its own thread.
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

/** Threads to analyse `files` files with: `requested` when given, else one per core from MIN_FILES_FOR_WORKERS files; 0 means in this thread. */
export function threadsFor(files: number, requested?: number): number {
  const n = requested ?? (files >= MIN_FILES_FOR_WORKERS ? availableParallelism() : 0);
  const threads = Math.min(Math.max(0, Math.floor(n)), files);
  return threads >= 2 || (requested !== undefined && threads === 1) ? threads : 0;
}

/** A worker running analyseWorker.ts (through tsx's loader when the engine runs from TypeScript sources). */
function startWorker(): Worker {
  const ext = path.extname(fileURLToPath(import.meta.url));
  const script = new URL(`./analyseWorker${ext}`, import.meta.url);
  if (ext !== '.ts') return new Worker(script);
  // import.meta.resolve is missing when tsx has compiled this module to CommonJS (as under mocha)
  const api = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(boot, { eval: true });
}

export interface PoolOutcome {
  /** Threads that were started. */
  started: number;
  /** Positions the caller must analyse itself. */
  leftover: number[];
  /** Why a thread failed or a file could not be analysed on one, for the log. */
  failures: string[];
}

/** Analyses `tasks` on `threads` worker threads; `onResult` gets each file's encoded record as it arrives. */
export function analyseOnWorkers(tasks: ReadonlyArray<{ file: string; text: string }>, threads: number, onResult: (i: number, bytes: Uint8Array) => void): Promise<PoolOutcome> {
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
  });
}
