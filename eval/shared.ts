/**
 * The shared data folder the eval suite reads: SHARED_DIR (set by `npm run eval -- --shared DIR`), or
 * `../shared` beside the repository. scripts/eval.ts checks that it holds what the suite needs before
 * mocha starts, so a test here may assume it does.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = path.resolve(repoRoot, process.env.SHARED_DIR ?? '../shared');
/** A path inside the shared folder. */
export const shared = (...parts: string[]): string => path.join(sharedDir, ...parts);
/** One of the ten shared news stories (publishers' copyright: read here, never copied into the repository). */
export const sharedStory = (name: string): string => shared('corpora', name);
