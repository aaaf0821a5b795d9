import { Engine } from '../src/engine.js';
import { toJson } from '../src/render/json.js';
const e = await Engine.load('seeds');
console.log(e.stats(), e.sources().map(s => [s.file, s.outlet]));
for (const q of process.argv.slice(2)) {
  const a = e.ask(q);
  console.log('\n####', q, a.answered, a.confidence, a.kind, JSON.stringify(a.agreement));
  console.log(JSON.stringify(toJson(a), null, 1).slice(0, 5000));
}
