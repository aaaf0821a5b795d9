/**
 * A story's rebuild off the main thread: brings the folder's saved index up to date (files only added go
 * to a delta pack; anything else is analysed, assembled and saved whole, which merges the deltas), so that
 * the main thread then only restores what was saved (appending the added files), and questions meanwhile
 * are not held up behind the analysis and assembly. Sends back what it did, or why it failed.
 */
import { parentPort } from 'node:worker_threads';
import { saveIndexedCorpus, type IndexOptions } from '../cache/indexCache.js';

export interface RebuildTask {
  dir: string;
  options: Omit<IndexOptions, 'logger'>;
}

export type RebuildReply =
  | {
      ok: true;
      reused: number;
      analysed: number;
      removed: number;
      saved: boolean;
      warnings: string[];
      /** How the saved index now stands: `appended` when the files added went to a delta pack. */
      assembled: 'restored' | 'appended' | 'built';
      /** Every listed file with its hash (see IndexedCorpus.files): what the main thread appends from. */
      files: ReadonlyArray<readonly [string, string]>;
    }
  | { ok: false; reason: string; code?: string };

/** A task as sent to the thread, numbered so that its reply finds it. */
export interface RebuildRequest {
  n: number;
  task: RebuildTask;
}

async function run(task: RebuildTask): Promise<RebuildReply> {
  try {
    const { report, files } = await saveIndexedCorpus(task.dir, task.options);
    return { ok: true, reused: report.reused, analysed: report.analysed, removed: report.removed, saved: report.saved, warnings: report.warnings, assembled: report.assembled, files };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { ok: false, reason: err instanceof Error ? err.message : String(err), ...(typeof code === 'string' ? { code } : {}) };
  }
}

// the thread stays up between rebuilds (starting one, with its modules and wink-nlp, takes about a
// second, most of a new article's wait at 3,000 articles); tasks come one at a time from the catalogue
parentPort!.on('message', (request: RebuildRequest) => {
  void run(request.task).then((reply) => parentPort!.postMessage({ n: request.n, reply }));
});
