/** Where the tests' inputs live: everything a test reads is inside the repository. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The five seed articles (raw pasted pages of one story, five outlets). */
export const seedsDir = path.join(repoRoot, 'seeds');
/** Multi-outlet stories written for the tests (test/fixtures/stories/README.md). */
export const storiesDir = path.join(repoRoot, 'test', 'fixtures', 'stories');
/** Four SQuAD v1.1 Wikipedia articles, CC BY-SA 4.0 (test/fixtures/squad/README.md). */
export const squadFixtureDir = path.join(repoRoot, 'test', 'fixtures', 'squad');

/** The folder of one fixture story. */
export const story = (name: string): string => path.join(storiesDir, name);
