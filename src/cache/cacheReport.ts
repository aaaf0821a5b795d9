/** What a load through the saved index did: as data, as log fields, and as a few lines of text. */

/** What a load did with the saved index. */
export interface CacheReport {
  /** Folder of the saved index; null when working without one. */
  location: string | null;
  /**
   * The saved index found at start: `used`; `missing` (first load); `stale` (saved by other code or
   * dependencies); `corrupt`; `unreadable`; `unavailable` (no folder could be written); `disabled` (cache: false).
   */
  found: 'used' | 'missing' | 'stale' | 'corrupt' | 'unreadable' | 'unavailable' | 'disabled';
  /** Files restored from the saved index. */
  reused: number;
  /** Files whose bytes were read and hashed; the others' size and time were as when the saved index was made. */
  read: number;
  /**
   * Whether the assembled index was read whole from the saved index (nothing changed since it was saved),
   * read whole with the files added since appended to it, or assembled from each file's analysis.
   */
  assembled: 'restored' | 'appended' | 'built';
  /** Files parsed and analysed (new, changed, or with a damaged entry). */
  analysed: number;
  /** Of the analysed files, those whose saved entry was for other bytes. */
  changed: number;
  /** Saved entries of files that are gone. */
  removed: number;
  /** Saved entries found damaged (checksum or content), analysed again. */
  corrupt: number;
  /** Whether the saved index was written by this load. */
  saved: boolean;
  /** Size of the saved index on disk, bytes (0 when there is none). */
  bytes: number;
  /** Worker threads that analysed files beside this thread (0: this thread alone). */
  workers: number;
  /** Wall time of the load, ms, and of its parts. */
  ms: number;
  phases: {
    /** Listing, reading and hashing the files, opening the saved index. */
    files: number;
    /** Reading and decoding saved entries (or the saved assembled index). */
    restore: number;
    /** Parsing and analysing the other files. */
    analyse: number;
    /** Writing the saved index. */
    save: number;
    /** Corpus-wide ids, indexes and name groups (assembleKnowledge); 0 when restored whole. */
    assemble: number;
    /** The engine around the index (word vectors). */
    engine: number;
  };
  /** Warnings logged during the load. */
  warnings: string[];
}

const round = (ms: number): number => Math.round(ms);

/** Fields of a cache report for a log line. */
export function cacheLogFields(r: CacheReport): Record<string, unknown> {
  return { location: r.location ?? 'none', found: r.found, reused: r.reused, read: r.read, analysed: r.analysed, changed: r.changed, removed: r.removed, corrupt: r.corrupt, saved: r.saved, bytes: r.bytes, workers: r.workers, ms: round(r.ms) };
}

/** A few lines on the saved index, for `ask --report`. */
export function formatCacheReport(r: CacheReport): string {
  const mb = (b: number): string => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(b / 1024)} KB`);
  const found = { used: 'used', missing: 'none yet', stale: 'stale (other code or dependencies), rebuilt', corrupt: 'damaged, rebuilt', unreadable: 'unreadable, rebuilt', unavailable: 'none (no folder could be written)', disabled: 'not used (--no-cache)' }[r.found];
  const lines = [
    `Saved index: ${r.location ?? 'none'}${r.location ? ` (${mb(r.bytes)}${r.saved ? ', written by this load' : ''})` : ''}`,
    `  found: ${found}; ${r.reused} files reused, ${r.read} read and hashed, ${r.analysed} analysed (${r.changed} changed${r.workers ? `, on this thread and ${r.workers} more` : ''}), ${r.removed} removed, ${r.corrupt} damaged entries; assembled index ${r.assembled === 'restored' ? 'restored whole' : r.assembled === 'appended' ? 'restored, with the files added since appended' : 'built'}`,
    `  load: ${round(r.ms)} ms (files ${round(r.phases.files)}, restore ${round(r.phases.restore)}, analyse ${round(r.phases.analyse)}, save ${round(r.phases.save)}, assemble and names ${round(r.phases.assemble)}, vectors ${round(r.phases.engine)})`,
  ];
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}
