/**
 * The assembled index of a whole corpus, saved as one more segment of the pack: the articles, the load's
 * problems and every corpus-wide array (postings, sentence terms, vocabulary, packed sentence texts,
 * tokens and facts, name groups). A start where no file changed reads it — typed arrays that are views of
 * one read, a little JSON — instead of decoding every article's analysis and indexing again.
 *
 * It is only valid for the exact list of files and bytes it was made from: its pack entry's `hash` is
 * {@link snapshotKey} of that list, so any file added, removed, renamed or changed makes the load fall back
 * to the per-file entries (re-analysing only what changed) and save a new snapshot.
 */
import { createHash } from 'node:crypto';
import { FactStore } from '../search/factStore.js';
import { knowledgeFromParts, type Knowledge, type KnowledgeParts } from '../search/knowledge.js';
import { PackedStrings } from '../search/packedStrings.js';
import type { Article, LoadProblem, LoadResult } from '../types.js';
import { decodeTypedShared, encodeTypedChunks, encodeValue, typedBodyStart } from './codec.js';

/** Name of the snapshot's entry in the pack: no article file can have it (relative paths have no NUL). */
export const SNAPSHOT_ENTRY = '\u0000knowledge';
/** Name of the entry that lists the files (and hashes) the snapshot was made from, as JSON: files added since can be appended. */
export const FILES_ENTRY = '\u0000files';

/** The key of a list of article files and the SHA-1 of their bytes, in load order. */
export function snapshotKey(files: ReadonlyArray<readonly [file: string, hash: string]>): string {
  const h = createHash('sha1');
  for (const [file, hash] of files) h.update(`${file}\u0000${hash}\u0000`);
  return h.digest('hex');
}

type PlainStrings = { bytes: Uint8Array; offsets: Float64Array };
type PlainParts = Omit<KnowledgeParts, 'sentenceTexts' | 'sentenceTokens' | 'facts'> & {
  sentenceTexts: PlainStrings;
  sentenceTokens: PlainStrings;
  facts: { codes: PlainStrings; counts: Uint32Array };
};
interface Snapshot {
  articles: Article[];
  problems: LoadProblem[];
  parts: PlainParts;
}

const plain = (s: PackedStrings): PlainStrings => ({ bytes: s.bytes, offsets: s.offsets });
const packed = (s: PlainStrings): PackedStrings => new PackedStrings(s.bytes, s.offsets);

/** The bytes of the snapshot of a load and its knowledge (the codec's `T` form: JSON, then typed arrays). */
export function encodeSnapshot(load: LoadResult, k: Knowledge): Buffer {
  return encodeValue(snapshotOf(load, k));
}

/**
 * {@link encodeSnapshot}'s bytes as pieces to write one after another — the head, its JSON made article by
 * article, then views of the typed arrays — so that saving a large corpus copies neither its articles into
 * one string nor its whole index into one more buffer; null when the snapshot does not take the
 * JSON-and-typed-arrays form (it could not be read back). The pieces are made as they are taken, once.
 */
export function encodeSnapshotChunks(load: LoadResult, k: Knowledge): Iterable<Buffer> | null {
  // an article parsed in this thread has fields set to undefined, which restored ones lack: they are
  // left out, as JSON leaves them, instead of copying every article through JSON first (at 30,000
  // articles that copy alone was most of a gigabyte at the peak of a cold load)
  return encodeTypedChunks(snapshotOf(load, k), { dropUndefined: true });
}

function snapshotOf(load: LoadResult, k: Knowledge): Snapshot {
  const { parts } = k;
  const value: Snapshot = {
    articles: load.articles,
    problems: load.problems,
    parts: { ...parts, sentenceTexts: plain(parts.sentenceTexts), sentenceTokens: plain(parts.sentenceTokens), facts: { codes: plain(parts.facts.codes), counts: parts.facts.counts } },
  };
  return value;
}

/** Where the typed arrays of a snapshot start, from its first bytes (-1: not a snapshot). */
export const snapshotHeadLength = typedBodyStart;

/**
 * The load and knowledge of a snapshot read as head and body ({@link snapshotHeadLength}); null when the
 * bytes do not hold one that fits together.
 */
export function decodeSnapshot(head: Uint8Array, body: Uint8Array, root: string): { load: LoadResult; knowledge: Knowledge } | null {
  try {
    const s = decodeTypedShared(head, body) as Snapshot;
    if (typeof s !== 'object' || s === null || !Array.isArray(s.articles) || !Array.isArray(s.problems) || typeof s.parts !== 'object') return null;
    const p = s.parts;
    const parts: KnowledgeParts = { ...p, sentenceTexts: packed(p.sentenceTexts), sentenceTokens: packed(p.sentenceTokens), facts: new FactStore(packed(p.facts.codes), p.facts.counts) };
    s.articles.forEach((a, i) => {
      if (a.id !== i) throw new Error('article ids out of order');
    });
    const load: LoadResult = { root, articles: s.articles, problems: s.problems };
    return { load, knowledge: knowledgeFromParts(load.articles, parts) };
  } catch {
    return null;
  }
}
