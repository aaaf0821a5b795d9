/**
 * The saved index a load writes: the assembled index and the list of its files (the pack), or the
 * records of files added since (a delta pack), then committed. When the folder cannot be written the
 * load goes on unsaved, with a warning; the time spent here is the load's "save" phase.
 */
import type { Knowledge } from '../search/knowledge.js';
import type { LoadResult } from '../types.js';
import { encodeSnapshotChunks, SNAPSHOT_ENTRY } from './knowledgeSnapshot.js';
import { PACK_FILE, PackWriter } from './pack.js';

const unwritable = (location: string, err: unknown): string =>
  `The saved index cannot be written in ${location} (${(err as NodeJS.ErrnoException).code ?? String(err)}): this load is not saved.`;

export class NewSavedIndex {
  private writer: PackWriter | null = null;
  /** Whether it was committed. */
  saved = false;
  /** Its size on disk once committed, bytes. */
  bytes = 0;
  /** Time spent writing it, ms. */
  ms = 0;

  constructor(
    private readonly location: string,
    private readonly fingerprint: string,
    private readonly warn: (message: string) => void,
    /** The pack's file name: the folder's pack, or a delta pack (see pack.ts). */
    private readonly name: string = PACK_FILE,
  ) {}

  /** Whether it is still being written (not committed, given up or failed). */
  get open(): boolean {
    return this.writer !== null;
  }

  /** Starts it, empty. */
  start(): void {
    const t = performance.now();
    try {
      this.writer = PackWriter.create(this.location, this.name);
    } catch (err) {
      this.warn(unwritable(this.location, err));
    }
    this.ms += performance.now() - t;
  }

  /** Adds one file's record. */
  add(file: string, hash: string, bytes: Uint8Array): void {
    this.write((w) => w.add(file, hash, bytes));
  }

  /** Writes with the writer, if still open; a failure gives the index up (with a warning). */
  private write(action: (writer: PackWriter) => void): void {
    if (!this.writer) return;
    const t = performance.now();
    try {
      action(this.writer);
    } catch (err) {
      this.writer.abort();
      this.writer = null;
      this.warn(unwritable(this.location, err));
    }
    this.ms += performance.now() - t;
  }

  /** Adds the assembled index, under the key of the files it was made from, for the next load to read whole. */
  addSnapshot(key: string, load: LoadResult, knowledge: Knowledge): void {
    if (!this.writer) return;
    const t = performance.now();
    try {
      // a snapshot that could not take the JSON-and-typed-arrays form could not be read back either
      const pieces = encodeSnapshotChunks(load, knowledge);
      if (pieces) this.writer.addPieces(SNAPSHOT_ENTRY, key, pieces);
    } catch (err) {
      this.warn(`The assembled index cannot be saved (${err instanceof Error ? err.message : String(err)}): the next start assembles it again.`);
    }
    this.ms += performance.now() - t;
  }

  commit(): void {
    if (!this.writer) return;
    const t = performance.now();
    try {
      this.bytes = this.writer.commit(this.fingerprint);
      this.saved = true;
    } catch (err) {
      this.writer.abort();
      this.warn(unwritable(this.location, err));
    }
    this.writer = null;
    this.ms += performance.now() - t;
  }

  /** Gives it up, when the load stops before committing. */
  abort(): void {
    this.writer?.abort();
    this.writer = null;
  }
}
