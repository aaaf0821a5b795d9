/**
 * Where a corpus's saved index goes: `<corpus>/.coverage-cache/` (the loader skips hidden folders); when
 * the corpus folder cannot be written, or its permissions grant no write access (so a read-only folder
 * stays untouched even for root), `$COVERAGE_CACHE_DIR/<folder name>-<hash of its path>/` (default:
 * `.cache/index/` in the project); when that cannot be written either, nowhere.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './fingerprint.js';
import { sha1 } from './sha1.js';

/** Name of the saved index's folder inside a corpus folder. */
export const CACHE_FOLDER = '.coverage-cache';
/** Environment variable naming where saved indexes of read-only corpus folders go. */
export const CACHE_DIR_ENV = 'COVERAGE_CACHE_DIR';

/** Whether `dir` exists (created if needed) and a file can be written in it. */
function writable(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** Whether the permissions of `dir` grant anyone write access (root could write anyway). */
function grantsWrite(dir: string): boolean {
  try {
    return (statSync(dir).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}

/** Where the saved index of corpus folder `root` goes when that folder cannot take it. */
export function fallbackLocation(root: string): string {
  const base = process.env[CACHE_DIR_ENV]?.trim() || path.join(PROJECT_ROOT, '.cache', 'index');
  const name = path.basename(root).replace(/[^\w.-]+/g, '_').slice(0, 40) || 'corpus';
  return path.join(path.resolve(base), `${name}-${sha1(root).slice(0, 12)}`);
}

/** The folder of the saved index of `root`, or null to work without one (with a warning saying why). */
export function cacheLocation(root: string, option: string | false | undefined, warn: (message: string) => void): string | null {
  if (option === false) return null;
  if (typeof option === 'string') {
    const dir = path.resolve(option);
    if (writable(dir)) return dir;
    warn(`The saved index folder ${dir} cannot be written: working without a saved index.`);
    return null;
  }
  const beside = path.join(root, CACHE_FOLDER);
  if (grantsWrite(root) && writable(beside)) return beside;
  const fallback = fallbackLocation(root);
  if (writable(fallback)) return fallback;
  warn(`Neither ${beside} nor ${fallback} can be written: working without a saved index (set ${CACHE_DIR_ENV} to a writable folder).`);
  return null;
}

