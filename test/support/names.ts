/** Names in a folder of articles, read sentence by sentence as the name tests need them. */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { extractEntities } from '../../src/facts/names/index.js';
import { analyseParagraph, type AnalysedSentence } from '../../src/text/analyse.js';
import type { EntityMention, NameGroup } from '../../src/types.js';

export interface Corpus {
  sentences: AnalysedSentence[];
  mentions: Array<{ sentenceId: number; mention: EntityMention }>;
}

/** Reads every .txt file of a folder, drops YAML front matter, analyses each non-empty line as a paragraph. */
export function readCorpus(dir: string): Corpus {
  const sentences: AnalysedSentence[] = [];
  const mentions: Corpus['mentions'] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const body = fs.readFileSync(path.join(dir, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
    for (const paragraph of body.split('\n').map((l) => l.trim()).filter(Boolean)) {
      for (const s of analyseParagraph(paragraph)) {
        const id = sentences.length;
        sentences.push(s);
        for (const mention of extractEntities(s)) mentions.push({ sentenceId: id, mention });
      }
    }
  }
  return { sentences, mentions };
}

/** The group holding `variant`; fails the test when there is none. */
export function groupWith(groups: NameGroup[], variant: string): NameGroup {
  const g = groups.find((x) => x.variants.includes(variant));
  expect(g, `a group with "${variant}"`).to.not.equal(undefined);
  return g!;
}
