/**
 * A story's rebuild off the main thread: loads the folder through its saved index (analysing new and
 * changed files, assembling, saving the index with the assembled whole), so that the main thread then only
 * restores the saved whole, and questions meanwhile are not held up behind the assembly. Sends back what
 * the load did, or why it failed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadIndexedCorpus, type IndexOptions } from '../cache/indexCache.js';

export interface RebuildTask {
  dir: string;
  options: Omit<IndexOptions, 'logger'>;
}

export type RebuildReply = { ok: true; reused: number; analysed: number; removed: number; saved: boolean; warnings: string[] } | { ok: false; reason: string; code?: string };

const task = workerData as RebuildTask;
let reply: RebuildReply;
try {
  const { report } = await loadIndexedCorpus(task.dir, task.options);
  reply = { ok: true, reused: report.reused, analysed: report.analysed, removed: report.removed, saved: report.saved, warnings: report.warnings };
} catch (err) {
  const code = (err as { code?: unknown }).code;
  reply = { ok: false, reason: err instanceof Error ? err.message : String(err), ...(typeof code === 'string' ? { code } : {}) };
}
parentPort!.postMessage(reply);
