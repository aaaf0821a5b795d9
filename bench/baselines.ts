/**
 * What a user would reach for instead of the engine, over the same corpus: every sentence (paragraphs
 * split by Intl.Segmenter, ICU's sentence rules) in fuse.js alone, or in MiniSearch (BM25 with fuzzy and
 * prefix matching). Both are used with their documented defaults plus the options named here.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import MiniSearch, { type Options as MiniSearchOptions } from 'minisearch';
import { readCorpusParagraphs, splitSentences } from './corpus.js';

export type BaselineName = 'minisearch' | 'fuse' | 'fuse-token';

export const BASELINE_OPTIONS = {
  minisearch: { fields: ['text'], searchOptions: { fuzzy: 0.2, prefix: true } } satisfies MiniSearchOptions,
  fuse: { keys: ['text'], ignoreLocation: true, includeScore: true } satisfies IFuseOptions<{ text: string }>,
  'fuse-token': { keys: ['text'], ignoreLocation: true, includeScore: true, useTokenSearch: true } satisfies IFuseOptions<{ text: string }>,
} as const;

export interface Baseline {
  sentences: string[];
  /** The best sentence for a question, or null. */
  top(question: string): string | null;
  /** Serialised index size in bytes (what saving it would write), computed on demand. */
  serialisedBytes(): number;
}

/** Reads the corpus folder, splits sentences and builds the baseline's index. */
export function buildBaseline(name: BaselineName, dir: string): Baseline {
  const sentences = readCorpusParagraphs(dir).flatMap(splitSentences);
  if (name === 'minisearch') {
    const ms = new MiniSearch<{ id: number; text: string }>(BASELINE_OPTIONS.minisearch);
    ms.addAll(sentences.map((text, id) => ({ id, text })));
    return {
      sentences,
      top: (q) => {
        const hit = ms.search(q)[0];
        return hit ? (sentences[hit.id as number] ?? null) : null;
      },
      serialisedBytes: () => Buffer.byteLength(JSON.stringify(ms)),
    };
  }
  const docs = sentences.map((text) => ({ text }));
  const fuse = new Fuse(docs, BASELINE_OPTIONS[name]);
  return {
    sentences,
    top: (q) => fuse.search(q, { limit: 1 })[0]?.item.text ?? null,
    serialisedBytes: () => Buffer.byteLength(JSON.stringify(Fuse.createIndex(['text'], docs).toJSON())),
  };
}
