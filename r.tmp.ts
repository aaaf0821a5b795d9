import { Engine } from './src/engine.js';
import { pagesToText, renderAnswer } from './src/render/embed.js';
const e = await Engine.load(process.argv[3] ?? 'seeds');
const a = e.ask(process.argv[2] ?? 'How many prisoners were freed?');
console.log(pagesToText(renderAnswer(a)));
console.log(JSON.stringify(a.facts[0]!.sources.map(s=>[s.file,s.outlet])), a.tier, JSON.stringify(a.conflicts.map(c=>c.about)));
