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

  /** The values pushed so far, in an array of their exact size. */
  toArray(): Int32Array {
    return this.data.slice(0, this.count);
  }

  /**
   * {@link toArray}, letting go of the list's own buffer (up to twice the values' size): the list is left
   * empty, so that at the end of a large load the buffer is garbage while what is built from it still is not.
   */
  take(): Int32Array {
    const out = this.toArray();
    this.data = new Int32Array(16);
    this.count = 0;
    return out;
  }
}
