import { loadCorpus } from '../src/corpus/load.js';
import { analyseParagraph } from '../src/text/analyse.js';
import fs from 'node:fs';
const dirs = ['/work/main/seeds', ...fs.readdirSync('/work/shared/corpora').filter(d => !d.endsWith('.md')).map(d => '/work/shared/corpora/' + d)];
for (const d of dirs) {
  const r = await loadCorpus(d);
  for (const a of r.articles) for (const p of a.paragraphs) for (const s of analyseParagraph(p.text)) {
    if (/\b(Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen|Rev|St|Jan|Feb|Aug|Sept|Oct|Nov|Dec|[A-Z])\.$/.test(s.text) || /^[a-z]/.test(s.text) || s.text.length < 12) console.log(d.split('/').pop(), a.file, '|', s.text.slice(-80));
    if (/\b(U\.S|F\.B\.I|D\.C|C\.I\.A)\. [A-Z]/.test(s.text)) console.log('DOTTED-CAP', a.file, '|', s.text.match(/.{30}\b(U\.S|F\.B\.I|D\.C|C\.I\.A)\. [A-Z].{20}/)?.[0]);
  }
}
