/**
 * The saved index on disk: one file, `index.pack`, holding one segment per article file and, at its end, a
 * table of contents; beside it, delta packs (`index.delta-<time>-<random>.pack`, same format) holding the
 * segments of files added since the pack was written, one per load that found new files.
 *
 *   "CDPACK\0\1"                      8 bytes: magic and format
 *   segment, segment, …               each the encoded record of one article file (see codec.ts), then
 *                                     the assembled index of the whole corpus (knowledgeSnapshot.ts) and the
 *                                     list of files it was made from (in `index.pack` only)
 *   table of contents                 JSON: { format, fingerprint, entries: [[file, hash, offset, length, crc32]] }
 *   trailer                           16 bytes: table length, table crc32, format (u32 LE each), "CDX\n"
 *
 * `hash` is the SHA-1 of the article file's bytes, `crc32` that of the segment: a segment is used only when
 * its file still has those bytes and the segment still has its checksum. The table of contents has its own
 * checksum and names the fingerprint of the code that wrote it. A pack is written whole to a temporary file
 * in the same folder and renamed into place, so a reader sees the old pack or the new one, never half
 * of one; a temporary file left by a process that died is removed by the next writer. Adding a file writes
 * only a delta pack, never the pack; a merge (see indexCache.ts) writes the pack again and removes the deltas.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { crc32 } from './codec.js';

export const PACK_FILE = 'index.pack';
export const PACK_FORMAT = 2;
const MAGIC = Buffer.from('CDPACK\u0000\u0001', 'latin1');
const TRAILER_MAGIC = Buffer.from('CDX\n', 'latin1');
const TRAILER = 16;
/** Reads of consecutive segments are grouped up to this many bytes. */
const READ_SPAN = 8 * 1024 * 1024;
/** Writes are buffered up to this many bytes. */
const WRITE_BUFFER = 4 * 1024 * 1024;

export interface PackEntry {
  /** Article file, relative to the corpus folder. */
  file: string;
  /** SHA-1 (hex) of the article file's bytes when the segment was made. */
  hash: string;
  offset: number;
  length: number;
  crc: number;
}

type TocEntry = [file: string, hash: string, offset: number, length: number, crc: number];
interface Toc {
  format: number;
  fingerprint: string;
  entries: TocEntry[];
}

export type OpenResult =
  | { ok: true; pack: PackReader }
  | { ok: false; reason: 'missing' | 'stale' | 'corrupt' | 'unreadable'; detail: string };

function readFully(fd: number, buf: Buffer, position: number): number {
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

function isTocEntry(e: unknown, dataEnd: number): e is TocEntry {
  if (!Array.isArray(e) || e.length !== 5) return false;
  const [file, hash, offset, length, crc] = e as unknown[];
  return (
    typeof file === 'string' &&
    typeof hash === 'string' &&
    Number.isSafeInteger(offset) &&
    Number.isSafeInteger(length) &&
    Number.isSafeInteger(crc) &&
    (offset as number) >= MAGIC.length &&
    (length as number) > 0 &&
    (offset as number) + (length as number) <= dataEnd
  );
}

/**
 * Opens a pack and reads its table of contents.
 * @returns the pack, or why it cannot be used: missing, written by other code (stale), damaged, unreadable
 */
export function openPack(file: string, fingerprint: string): OpenResult {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'missing', detail: 'no saved index yet' };
    return { ok: false, reason: 'unreadable', detail: `cannot open ${file} (${code ?? 'error'})` };
  }
  const fail = (reason: 'stale' | 'corrupt' | 'unreadable', detail: string): OpenResult => {
    closeSync(fd);
    return { ok: false, reason, detail };
  };
  try {
    const size = fstatSync(fd).size;
    if (size < MAGIC.length + TRAILER) return fail('corrupt', `${file} is truncated (${size} bytes)`);
    const head = Buffer.alloc(MAGIC.length);
    readFully(fd, head, 0);
    if (!head.equals(MAGIC)) return fail(head.subarray(0, 6).equals(MAGIC.subarray(0, 6)) ? 'stale' : 'corrupt', `${file} does not start like a saved index of this format`);
    const trailer = Buffer.alloc(TRAILER);
    if (readFully(fd, trailer, size - TRAILER) !== TRAILER) return fail('corrupt', `${file} is truncated`);
    if (!trailer.subarray(12).equals(TRAILER_MAGIC)) return fail('corrupt', `${file} is truncated or damaged (no end marker)`);
    if (trailer.readUInt32LE(8) !== PACK_FORMAT) return fail('stale', `${file} has format ${trailer.readUInt32LE(8)}, not ${PACK_FORMAT}`);
    const tocLength = trailer.readUInt32LE(0);
    const dataEnd = size - TRAILER - tocLength;
    if (dataEnd < MAGIC.length) return fail('corrupt', `${file} is damaged (table of contents out of bounds)`);
    const tocBytes = Buffer.allocUnsafe(tocLength);
    if (readFully(fd, tocBytes, dataEnd) !== tocLength) return fail('corrupt', `${file} is truncated`);
    if (crc32(tocBytes) !== trailer.readUInt32LE(4)) return fail('corrupt', `${file} is damaged (table of contents checksum)`);
    let toc: Toc;
    try {
      toc = JSON.parse(tocBytes.toString('utf8')) as Toc;
    } catch {
      return fail('corrupt', `${file} is damaged (table of contents unreadable)`);
    }
    if (typeof toc !== 'object' || toc === null || toc.format !== PACK_FORMAT || !Array.isArray(toc.entries)) return fail('corrupt', `${file} is damaged (table of contents)`);
    if (toc.fingerprint !== fingerprint) return fail('stale', 'saved by another version of the code or its dependencies');
    const entries = new Map<string, PackEntry>();
    for (const e of toc.entries) {
      if (!isTocEntry(e, dataEnd)) return fail('corrupt', `${file} is damaged (an entry of the table of contents)`);
      entries.set(e[0], { file: e[0], hash: e[1], offset: e[2], length: e[3], crc: e[4] });
    }
    return { ok: true, pack: new PackReader(file, fd, size, entries) };
  } catch (err) {
    return fail('unreadable', `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** An open pack; read its segments with {@link PackReader.readEach}, then close it. */
export class PackReader {
  private closed = false;

  constructor(
    readonly file: string,
    private readonly fd: number,
    /** Bytes on disk. */
    readonly size: number,
    /** Segments by article file. */
    readonly entries: ReadonlyMap<string, PackEntry>,
  ) {}

  /**
   * Reads segments in file order, a few megabytes at a time, checking each one's checksum; `fn` gets the
   * bytes of each, or null when they cannot be read or are damaged. The bytes are only valid during the call.
   */
  readEach(entries: readonly PackEntry[], fn: (entry: PackEntry, bytes: Buffer | null) => void): void {
    const sorted = [...entries].sort((a, b) => a.offset - b.offset);
    let i = 0;
    while (i < sorted.length) {
      const first = sorted[i]!;
      let j = i + 1;
      let end = first.offset + first.length;
      while (j < sorted.length && sorted[j]!.offset + sorted[j]!.length - first.offset <= READ_SPAN) {
        end = Math.max(end, sorted[j]!.offset + sorted[j]!.length);
        j++;
      }
      let buf: Buffer | null = Buffer.allocUnsafeSlow(end - first.offset);
      let got = 0;
      try {
        got = readFully(this.fd, buf, first.offset);
      } catch {
        buf = null;
      }
      for (let k = i; k < j; k++) {
        const e = sorted[k]!;
        const at = e.offset - first.offset;
        const bytes = buf && at + e.length <= got ? buf.subarray(at, at + e.length) : null;
        fn(e, bytes && crc32(bytes) === e.crc ? bytes : null);
      }
      i = j;
    }
  }

  /**
   * Reads one segment in two allocations of their own — its first `headLength(first bytes)` bytes, then
   * the rest — checking its checksum; null when it cannot be read, is damaged or `headLength` gives -1.
   */
  readSplit(entry: PackEntry, headLength: (first: Buffer) => number): { head: Buffer; body: Buffer } | null {
    try {
      const first = Buffer.alloc(Math.min(16, entry.length));
      if (readFully(this.fd, first, entry.offset) !== first.length) return null;
      const split = headLength(first);
      if (split < 0 || split > entry.length) return null;
      const head = Buffer.allocUnsafeSlow(split);
      const body = Buffer.allocUnsafeSlow(entry.length - split);
      if (readFully(this.fd, head, entry.offset) !== head.length || readFully(this.fd, body, entry.offset + split) !== body.length) return null;
      return crc32(body, crc32(head)) === entry.crc ? { head, body } : null;
    } catch {
      return null;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const TEMP = /^index\.(?:pack|delta-[0-9a-z]+-[0-9a-f]+\.pack)\.(\d+)\.[0-9a-f]+\.tmp$/;
/** A delta pack: the entries of files added since the pack's assembled index was saved (see indexCache.ts). */
const DELTA = /^index\.delta-[0-9a-z]+-[0-9a-f]+\.pack$/;

/** The delta packs of a folder, oldest first (none when it cannot be read). */
export function deltaPacks(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => DELTA.test(n)).sort();
  } catch {
    return [];
  }
}

/** A new delta pack's name: after every older one (the time, then randomness for two in one millisecond). */
export function newDeltaName(now: number): string {
  return `index.delta-${now.toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}.pack`;
}

/** Removes delta packs (merged into a new pack); one already gone is no error. */
export function removeDeltas(dir: string, names: readonly string[]): void {
  for (const name of names) {
    try {
      unlinkSync(path.join(dir, name));
    } catch {
      // gone already
    }
  }
}

/** Removes temporary packs left by processes that are gone. */
function sweepTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    const m = TEMP.exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) {
      try {
        unlinkSync(path.join(dir, name));
      } catch {
        // another process removed it first
      }
    }
  }
}

/** Writes a new pack (or delta pack) to a temporary file, then renames it into place. */
export class PackWriter {
  private readonly toc: TocEntry[] = [];
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private offset = 0;
  private done = false;

  private constructor(
    private readonly dir: string,
    private readonly temp: string,
    private readonly fd: number,
    private readonly name: string,
  ) {
    this.append(MAGIC);
  }

  /** @throws when the folder cannot be written */
  static create(dir: string, name: string = PACK_FILE): PackWriter {
    try {
      sweepTemporaries(dir);
    } catch {
      // not fatal: the folder may still be writable
    }
    const temp = path.join(dir, `${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    return new PackWriter(dir, temp, openSync(temp, 'wx'), name);
  }

  private append(bytes: Uint8Array): void {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset += bytes.byteLength;
    if (bytes.byteLength >= WRITE_BUFFER) {
      // large pieces (the arrays of a snapshot) go straight to the file rather than through a copy
      this.flush();
      this.write(view);
      return;
    }
    this.pending.push(view);
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= WRITE_BUFFER) this.flush();
  }

  private write(chunk: Buffer): void {
    let done = 0;
    while (done < chunk.length) done += writeSync(this.fd, chunk, done, chunk.length - done);
  }

  private flush(): void {
    if (!this.pendingBytes) return;
    const chunk = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending.length = 0;
    this.pendingBytes = 0;
    this.write(chunk);
  }

  /** Adds the segment of one article file (`bytes` must not change afterwards: they are written later). */
  add(file: string, hash: string, bytes: Uint8Array, crc = crc32(bytes)): void {
    this.toc.push([file, hash, this.offset, bytes.byteLength, crc]);
    this.append(bytes);
  }

  /**
   * Adds one segment made of `pieces`, in order, taking each once (none may change afterwards: they are
   * written later). Pieces made as they are taken are let go as soon as they are written.
   */
  addPieces(file: string, hash: string, pieces: Iterable<Uint8Array>): void {
    const offset = this.offset;
    let crc = 0;
    for (const p of pieces) {
      crc = crc32(p, crc);
      this.append(p);
    }
    this.toc.push([file, hash, offset, this.offset - offset, crc]);
  }

  /** Copies segments from an older pack, checking them again; returns the files whose segment could not be copied. */
  copy(from: PackReader, entries: readonly PackEntry[]): string[] {
    const lost: string[] = [];
    from.readEach(entries, (e, bytes) => {
      if (bytes) this.add(e.file, e.hash, bytes, e.crc);
      else lost.push(e.file);
    });
    return lost;
  }

  /** Writes the table of contents, closes and renames the pack into place; returns its size in bytes. */
  commit(fingerprint: string): number {
    const toc = Buffer.from(JSON.stringify({ format: PACK_FORMAT, fingerprint, entries: this.toc } satisfies Toc), 'utf8');
    const trailer = Buffer.alloc(TRAILER);
    trailer.writeUInt32LE(toc.length, 0);
    trailer.writeUInt32LE(crc32(toc), 4);
    trailer.writeUInt32LE(PACK_FORMAT, 8);
    TRAILER_MAGIC.copy(trailer, 12);
    this.append(toc);
    this.append(trailer);
    try {
      this.flush();
    } finally {
      this.done = true;
      closeSync(this.fd);
    }
    const target = path.join(this.dir, this.name);
    try {
      renameSync(this.temp, target);
    } catch (err) {
      this.removeTemp();
      throw err;
    }
    return statSync(target).size;
  }

  /** Drops the temporary file. */
  abort(): void {
    if (!this.done) {
      this.done = true;
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
    }
    this.removeTemp();
  }

  private removeTemp(): void {
    try {
      unlinkSync(this.temp);
    } catch {
      // gone already
    }
  }
}
