// Loads a corpus folder and builds its knowledge, for the development scripts.
import { loadCorpus } from '../src/corpus/load.js';
import { buildKnowledge, type Knowledge } from '../src/search/knowledge.js';

export async function loadKnowledge(dir: string): Promise<Knowledge> {
  const result = await loadCorpus(dir);
  return buildKnowledge(result.articles);
}
