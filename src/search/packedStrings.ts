/**
 * Many strings kept as one block of UTF-8 bytes with their offsets, read back one at a time.
 *
 * A corpus of 30,000 articles has about 900,000 sentences, each with a text, a compact wink analysis and
 * a record of facts: as JavaScript strings and objects those cost hundreds of bytes of heap apiece and
 * seconds to rebuild at every start. Packed, they cost their bytes, are saved and restored as two typed
 * arrays (no parsing), and a string is made only when something asks for it.
 */

/** Strings by position; `get(i)` decodes the i-th. Immutable once built. */
export class PackedStrings {
  constructor(
    /** UTF-8 bytes of every string, one after the other. */
    readonly bytes: Uint8Array,
    /** String i is `bytes[offsets[i] .. offsets[i + 1])`; length = count + 1. */
    readonly offsets: Float64Array,
  ) {
    if (offsets.length < 1 || offsets[offsets.length - 1]! > bytes.length) throw new Error('packed strings: offsets out of bounds');
  }

  /** Number of strings. */
  get size(): number {
    return this.offsets.length - 1;
  }

  /** The i-th string ('' past the end). */
  get(i: number): string {
    const from = this.offsets[i];
    const to = this.offsets[i + 1];
    if (from === undefined || to === undefined || to <= from) return '';
    return DECODER.decode(this.bytes.subarray(from, to));
  }

  /** Bytes of the i-th string (0 for an empty one). */
  byteLength(i: number): number {
    return (this.offsets[i + 1] ?? 0) - (this.offsets[i] ?? 0);
  }
}

const DECODER = new TextDecoder('utf-8');

/** Builds {@link PackedStrings} by appending, in a buffer that doubles as it fills. */
export class PackedStringsBuilder {
  private bytes: Buffer;
  private length = 0;
  private offsets: Float64Array;
  private count = 0;

  constructor(expectedStrings = 1024, expectedBytes = 64 * 1024) {
    this.bytes = Buffer.allocUnsafe(Math.max(16, expectedBytes));
    this.offsets = new Float64Array(Math.max(2, expectedStrings + 1));
  }

  /** Appends a string (its position is the number of strings appended before it). */
  push(s: string): void {
    if (this.count + 2 > this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    if (s.length) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit
      const room = s.length * 3;
      if (this.length + room > this.bytes.length) {
        const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + room));
        this.bytes.copy(grown, 0, 0, this.length);
        this.bytes = grown;
      }
      this.length += this.bytes.write(s, this.length, 'utf8');
    }
    this.offsets[++this.count] = this.length;
  }

  /**
   * The strings appended so far, as views of the builder's buffers, which it lets go of: it is not to be
   * used after. Views rather than copies of their exact size: at 30,000 articles each copy was one more
   * sentence text, token or fact store (a hundred megabytes and more) at the peak of a cold load, while
   * the buffers' unused ends (fresh pages never written) take address space but no memory.
   */
  build(): PackedStrings {
    // a plain Uint8Array (a Buffer's subarray is a Buffer, which the snapshot's codec does not take)
    const bytes = new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.length);
    const built = new PackedStrings(bytes, this.offsets.subarray(0, this.count + 1));
    this.bytes = Buffer.alloc(0);
    this.offsets = new Float64Array(2);
    this.length = 0;
    this.count = 0;
    return built;
  }
}
