import { loadCorpus } from '../src/corpus/load.js';
import { analyseParagraph } from '../src/text/analyse.js';
import fs from 'node:fs';
import path from 'node:path';
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const dirs = ['/work/main/seeds', ...fs.readdirSync('/work/shared/corpora').filter(d => !d.endsWith('.md')).map(d => '/work/shared/corpora/' + d), '/work/shared/eval/squad/corpus'];
const t0 = Date.now();
let n = 0, bad = 0, gaps = 0, long = 0;
for (const d of dirs) {
  const r = await loadCorpus(d);
  for (const a of r.articles) {
    const file = fold(fs.readFileSync(path.join(r.root, a.file), 'utf8'));
    for (const p of a.paragraphs) {
      const ss = analyseParagraph(p.text);
      let cursor = 0;
      for (const s of ss) {
        n++;
        if (!file.includes(fold(s.text))) { bad++; console.log('NOT VERBATIM', a.file, s.text.slice(0, 80)); }
        const at = p.text.indexOf(s.text, cursor);
        if (at < 0) { console.log('order', a.file, s.text.slice(0,60)); continue; }
        if (p.text.slice(cursor, at).trim()) { gaps++; console.log('GAP', JSON.stringify(p.text.slice(cursor, at))); }
        if (p.text.slice(at, at + s.text.length) !== s.text) console.log('mismatch');
        if (s.start !== at) console.log('start mismatch', s.start, at);
        cursor = at + s.text.length;
      }
      if (p.text.slice(cursor).trim()) { gaps++; console.log('TAIL', JSON.stringify(p.text.slice(cursor))); }
    }
  }
}
console.log({ n, bad, gaps, ms: Date.now() - t0 });
