/**
 * A list of 32-bit integers that grows by doubling, for arrays whose length is known only once a stream of
 * articles has been read (sentence and term counts of a corpus assembled as its analyses arrive).
 */
export class IntList {
  private data: Int32Array;
  private count = 0;

  constructor(expected = 1024) {
    this.data = new Int32Array(Math.max(16, expected));
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.count++] = value;
  }

  /** The i-th value pushed (undefined past the end). */
  at(i: number): number | undefined {
    return i < this.count ? this.data[i] : undefined;
  }

  /** The values pushed so far, in an array of their exact size. */
  toArray(): Int32Array {
    return this.data.slice(0, this.count);
  }

  /**
   * The values pushed so far as a view of the list's buffer, which it lets go of (the list is left empty):
   * not a copy, so that at the end of a large load the values are not held twice; the buffer's unused end,
   * fresh pages never written, takes address space but no memory.
   */
  take(): Int32Array {
    const out = this.data.subarray(0, this.count);
    this.data = new Int32Array(16);
    this.count = 0;
    return out;
  }
}
