// Loads a corpus folder through the engine, for the development scripts.
import { Engine } from '../src/engine.js';
import type { Knowledge } from '../src/search/knowledge.js';

export async function loadKnowledge(dir: string): Promise<Knowledge> {
  return (await Engine.load(dir)).knowledge;
}
