/**
 * Loaded by mocha before every test file (.mocharc.json): saved indexes of read-only corpus folders (the
 * shared corpora) go to a temporary folder for the run, not to the project's `.cache/`, unless
 * COVERAGE_CACHE_DIR is already set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const own = !process.env.COVERAGE_CACHE_DIR;
const dir = own ? mkdtempSync(path.join(tmpdir(), 'coverage-cache-tests-')) : process.env.COVERAGE_CACHE_DIR!;
process.env.COVERAGE_CACHE_DIR = dir;

export const mochaHooks = {
  afterAll(): void {
    if (own) rmSync(dir, { recursive: true, force: true });
  },
};
