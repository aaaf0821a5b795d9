/**
 * An analysis worker thread (see workers.ts): receives batches of article files, parses and analyses each
 * (wink-nlp's model is loaded once per thread, when this module is), and answers each file with its
 * record, encoded as the saved index stores it, or with the error that stopped it.
 */
import { parentPort } from 'node:worker_threads';
import { analyseFile, encodeRecord } from './record.js';

export interface WorkerTask {
  /** Position of the file in the caller's list. */
  i: number;
  file: string;
  text: string;
}

export type WorkerReply = { i: number; bytes: Uint8Array } | { i: number; error: string };

const port = parentPort;
if (port) {
  port.on('message', (batch: WorkerTask[]) => {
    for (const task of batch) {
      let bytes: Buffer;
      try {
        // the reply is decoded at once and never saved (the pack keeps the assembled index alone): not deflated
        bytes = encodeRecord(analyseFile(task.file, task.text), { deflate: false });
      } catch (err) {
        port.postMessage({ i: task.i, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerReply);
        continue;
      }
      // the bytes have their own buffer (record.ts), so it can be handed over rather than copied
      port.postMessage({ i: task.i, bytes } satisfies WorkerReply, [bytes.buffer as ArrayBuffer]);
    }
  });
}
