/**
 * Tables derived from an installed dictionary (WordNet's synonyms, its noun sorts) are built once into a JSON
 * file beside the project and read from there after. A missing, truncated or foreign file is rebuilt; the
 * new file is written under a temporary name and renamed, so two processes building at once (analysis
 * threads, parallel tests) never read half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The record in `file` when `isValid` accepts it, else `build()`'s, written to `file` for next time. */
export function readOrBuildJson<T>(file: string, isValid: (value: unknown) => value is T, build: () => T): T {
  if (existsSync(file)) {
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (isValid(value)) return value;
    } catch {
      // a truncated cache: rebuilt below
    }
  }
  const record = build();
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record));
  renameSync(tmp, file);
  return record;
}
