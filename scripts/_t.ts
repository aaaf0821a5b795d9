import { Engine } from '../src/engine.js';
const t = Date.now();
await Engine.load('../shared/eval/squad/corpus');
console.log('load ms', Date.now() - t);
