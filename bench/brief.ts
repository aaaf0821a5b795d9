/**
 * `node --import tsx bench/brief.ts <articles folder>`: how long a meeting brief takes on a corpus (the
 * 3,000-article folder of `npm run bench`, say), loaded from its saved index. Times each listing the brief
 * is drawn from (computed once per load and kept), the brief's own ranking, and a second brief (kept).
 */
import { buildBrief } from '../src/brief/brief.js';
import { Engine } from '../src/engine.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node --import tsx bench/brief.ts <articles folder>');
  process.exit(2);
}
const engine = await Engine.load(dir, { workers: 0 });
const stats = engine.stats();
console.log(`${stats.articles} articles, ${stats.sentences} sentences; loaded in ${(engine.cacheReport.ms / 1000).toFixed(1)} s`);
const timed = <T>(label: string, run: () => T): T => {
  const started = performance.now();
  const result = run();
  console.log(`${label.padEnd(34)} ${(performance.now() - started).toFixed(0).padStart(7)} ms`);
  return result;
};
const quotes = timed('quotes listing', () => engine.quotes());
const conflicts = timed('conflicts listing', () => engine.conflicts());
const timeline = timed('timeline listing', () => engine.timeline());
timed('brief ranking (listings given)', () => buildBrief(engine.knowledge, { quotes, conflicts, timeline }));
timed('Engine.brief() first', () => engine.brief());
timed('Engine.brief() again (kept)', () => engine.brief());
