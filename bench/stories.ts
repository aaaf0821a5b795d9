/**
 * `node --import tsx bench/stories.ts <articles folder> [--stories 10]`: memory of a desk with that many
 * stories loaded, each a copy of the folder (300 articles from `npm run bench`'s corpus, say). Each story
 * is loaded twice in turn, cold then from its saved index in a fresh catalogue, and the resident set size
 * is printed after each load and at the end, with the heap after a collection when --expose-gc is given.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverStories, StoryCatalogue } from '../src/stories/catalogue.js';

const args = process.argv.slice(2);
const source = args.find((a) => !a.startsWith('--'));
const count = Number(args[args.indexOf('--stories') + 1] ?? 10) || 10;
if (!source) {
  console.error('usage: node --import tsx bench/stories.ts <articles folder> [--stories 10]');
  process.exit(2);
}
const mb = (n: number): string => `${Math.round(n / 1024 / 1024).toLocaleString('en-US')} MB`;
const root = mkdtempSync(path.join(os.tmpdir(), 'bench-stories-'));
try {
  for (let i = 1; i <= count; i++) cpSync(source, path.join(root, `story-${String(i).padStart(2, '0')}`), { recursive: true, filter: (f) => !f.includes('.coverage-cache') });
  for (const pass of ['cold', 'from the saved index'] as const) {
    const catalogue = new StoryCatalogue(discoverStories(root), { workers: 0 }, { storiesDir: root });
    const started = performance.now();
    let articles = 0;
    for (const story of catalogue.list()) {
      const t = performance.now();
      const engine = await catalogue.engine(story.id)!;
      articles += engine.stats().articles;
      console.log(`${pass}: ${story.id} loaded in ${((performance.now() - t) / 1000).toFixed(1)} s, RSS ${mb(process.memoryUsage().rss)}`);
    }
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    console.log(`${pass}: ${count} stories, ${articles} articles in ${((performance.now() - started) / 1000).toFixed(1)} s; RSS ${mb(m.rss)}, heap used ${mb(m.heapUsed)}, external ${mb(m.external + m.arrayBuffers)}`);
    await catalogue.close();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
