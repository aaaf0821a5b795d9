import { Engine } from '../src/engine.js';
const e = await Engine.load(process.argv[2]!);
console.log(e.sources().map(s => [s.file, s.outlet, s.published]));
for (const q of process.argv.slice(3)) {
  const a = e.ask(q);
  console.log('\n####', q, '|', a.answered, a.confidence, a.kind, JSON.stringify(a.agreement));
  a.facts.forEach((f, i) => console.log(` F${i}`, f.text.slice(0, 160), f.sources.map(s => s.outlet + '¶' + s.paragraph).join(',')));
  for (const c of a.conflicts) { console.log(' CONFLICT', c.about); c.claims.forEach(cl => console.log('   -', cl.text.slice(0, 120), cl.sources.map(s => s.outlet).join(','))); }
}
