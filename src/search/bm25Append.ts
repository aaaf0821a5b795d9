/**
 * The parts of a {@link Bm25Index} with more units appended, from the parts of the index before: the new
 * units' postings are built on their own (as the index builds all of them) and put after each term's old
 * postings, which stay sorted because the new units come after the old ones. What it gives equals
 * building the whole index again, at the cost of one copy of the postings instead of two passes over
 * every unit's terms (at 30,000 articles, the question held up behind a live add waited for those passes).
 */
import { Bm25Index, type Bm25Params, type Bm25Parts } from './bm25.js';
import type { TermDictionary } from './terms.js';

/**
 * `old` (the index of the first `old.units` units) with the units `old.units ..` of `unitStarts` added:
 * unit u holds `termIds[unitStarts[u] .. unitStarts[u + 1])`; `dict` is the vocabulary after the append.
 */
export function appendedBm25Parts(params: Readonly<Bm25Params>, dict: TermDictionary, old: Bm25Parts, unitStarts: Int32Array, termIds: Int32Array): Bm25Parts {
  const units = unitStarts.length - 1;
  const first = old.units;
  const from = unitStarts[first]!;
  // the new units alone, numbered from 0, over the whole vocabulary
  const added = new Bm25Index(params, dict, unitStarts.subarray(first).map((s) => s - from), termIds.subarray(from)).parts();
  const terms = dict.size;
  const oldTerms = old.starts.length - 1;
  const starts = new Int32Array(terms + 1);
  for (let t = 0; t < terms; t++) starts[t + 1] = starts[t]! + (t < oldTerms ? old.starts[t + 1]! - old.starts[t]! : 0) + added.starts[t + 1]! - added.starts[t]!;
  const postings = starts[terms]!;
  const ids = new Int32Array(postings);
  const wider = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T, b: T): T => (a.BYTES_PER_ELEMENT >= b.BYTES_PER_ELEMENT ? a : b);
  const tfs = new (wider(old.tfs, added.tfs).constructor as new (n: number) => Uint8Array | Uint16Array | Uint32Array)(postings);
  const lens = new (wider(old.lens, added.lens).constructor as new (n: number) => Uint16Array | Uint32Array)(postings);
  for (let t = 0; t < terms; t++) {
    let at = starts[t]!;
    if (t < oldTerms) {
      const lo = old.starts[t]!;
      const hi = old.starts[t + 1]!;
      ids.set(old.ids.subarray(lo, hi), at);
      tfs.set(old.tfs.subarray(lo, hi), at);
      lens.set(old.lens.subarray(lo, hi), at);
      at += hi - lo;
    }
    const lo = added.starts[t]!;
    const hi = added.starts[t + 1]!;
    for (let i = lo; i < hi; i++) ids[at + i - lo] = added.ids[i]! + first;
    tfs.set(added.tfs.subarray(lo, hi), at);
    lens.set(added.lens.subarray(lo, hi), at);
  }
  // the length normalisation follows the new average length, as a build of the whole index would
  let maxLength = 0;
  for (let u = 0; u < units; u++) maxLength = Math.max(maxLength, unitStarts[u + 1]! - unitStarts[u]!);
  const avg = (unitStarts[units]! - unitStarts[0]!) / Math.max(1, units) || 1;
  const normOfLength = new Float64Array(maxLength + 1);
  for (let len = 0; len <= maxLength; len++) normOfLength[len] = params.k1 * (1 - params.b + (params.b * len) / avg);
  return { starts, ids, tfs, lens, normOfLength, units };
}
