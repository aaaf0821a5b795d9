/**
 * Writing a new article file into a story folder so that a load (or a watcher) sees either nothing or the
 * whole file, never a part of it, and never in place of an article already there.
 *
 * The bytes go to a temporary dot-file in the same folder (the loader skips names starting with a dot),
 * are flushed to disk, and the file is then hard-linked to its name: link() fails when the name exists, so
 * an existing article is never replaced, and `name-2`, `name-3`... are tried instead. Where the disk has
 * no hard links the name is claimed with an exclusive create (O_EXCL) and the temporary file renamed onto
 * that claim. The folder is flushed last so that the new name survives a crash.
 */
import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { numberedName } from './fileName.js';

export type WriteResult = { ok: true; path: string; name: string } | { ok: false; message: string };

/** Names tried before giving up ("name", "name-2", ... "name-1000"). */
const MAX_TRIES = 1000;

/** Codes of a disk or system that has no hard links. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

const codeOf = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? 'error';

/** The prefix of the temporary files (hidden from the loader and, by their dot, from a watcher that ignores dot-files). */
export const TEMP_PREFIX = '.ingest-';

async function syncFolder(dir: string): Promise<void> {
  // some systems cannot open or flush a folder (Windows, some network disks): the file itself is flushed
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** Claims `target` and moves `temp` onto it, for disks without hard links; false when the name is taken. */
async function claimAndRename(temp: string, target: string): Promise<boolean> {
  try {
    const claim = await open(target, 'wx');
    await claim.close();
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return false;
    throw err;
  }
  await rename(temp, target);
  return true;
}

/**
 * Writes `bytes` as a new file named `name` (or `name-2`, `name-3`... when taken) directly in `dir`,
 * atomically and without replacing any file. `name` must be a plain file name ({@link articleFileName}).
 * Returns the absolute path and the name used, or a message when the folder cannot be written.
 */
export async function writeArticleFile(dir: string, name: string, bytes: Uint8Array): Promise<WriteResult> {
  if (!name || name !== path.basename(name) || /[\\/\0]/.test(name) || name.startsWith('.')) {
    return { ok: false, message: `"${name}" is not a plain file name: name the file with articleFileName().` };
  }
  const folder = path.resolve(dir);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) return { ok: false, message: `The story folder ${folder} does not exist or is not a folder: create it first.` };

  const temp = path.join(folder, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}.tmp`);
  let exclusiveCreate = false;
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let n = 1; n <= MAX_TRIES; n++) {
      const candidate = numberedName(name, n);
      const target = path.join(folder, candidate);
      if (path.dirname(target) !== folder) return { ok: false, message: `"${candidate}" would leave the story folder.` };
      try {
        if (exclusiveCreate) {
          if (!(await claimAndRename(temp, target))) continue;
        } else {
          await link(temp, target);
        }
      } catch (err) {
        const code = codeOf(err);
        if (code === 'EEXIST') continue;
        if (!exclusiveCreate && NO_LINKS.has(code)) {
          // no hard links here: claim names with O_EXCL instead, from this candidate on
          exclusiveCreate = true;
          n--;
          continue;
        }
        throw err;
      }
      // the temporary name goes before the flush, so that a crash after it leaves only the article
      await unlink(temp).catch(() => undefined);
      await syncFolder(folder);
      return { ok: true, path: target, name: candidate };
    }
    return { ok: false, message: `${MAX_TRIES} files named like ${name} are already in ${folder}: rename the upload.` };
  } catch (err) {
    return { ok: false, message: `The article could not be written to ${folder} (${codeOf(err)}): check that the folder can be written and the disk is not full.` };
  } finally {
    // after a link the temporary name is a second name of the article; after a rename it is gone
    await unlink(temp).catch(() => undefined);
  }
}
