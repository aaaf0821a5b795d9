import { expect } from 'chai';
import { Bm25Index, SENTENCE_BM25 } from '../src/search/bm25.js';
import { appendedBm25Parts } from '../src/search/bm25Append.js';
import { TermDictionary } from '../src/search/terms.js';

/** Units of words as the index takes them: their term ids in one array, and where each unit starts. */
function units(dict: TermDictionary, texts: readonly string[]): { starts: Int32Array; ids: Int32Array } {
  const ids: number[] = [];
  const starts = [0];
  for (const t of texts) {
    for (const w of t.split(/\s+/).filter(Boolean)) ids.push(dict.id(w));
    starts.push(ids.length);
  }
  return { starts: Int32Array.from(starts), ids: Int32Array.from(ids) };
}

describe('appending units to a BM25 index', () => {
  it('gives the arrays a build of all the units gives, new terms, longer units and larger term counts included', () => {
    const before = ['prisoners freed on thursday', 'the prisoners crossed into lithuania', 'lukashenko said'];
    // a unit with a term repeated past 255 (wider term counts) and a new longest unit (a new length norm)
    const after = ['prisoners released', `${'freed '.repeat(300)}beekeepers`, 'belavia sanctions lifted'];
    const dict = new TermDictionary();
    const old = units(dict, before);
    const oldParts = new Bm25Index(SENTENCE_BM25, dict, old.starts, old.ids).parts();
    const all = units(dict, after);
    const starts = Int32Array.from([...old.starts, ...Array.from(all.starts.subarray(1), (s) => s + old.ids.length)]);
    const ids = Int32Array.from([...old.ids, ...all.ids]);
    const appended = appendedBm25Parts(SENTENCE_BM25, dict, oldParts, starts, ids);
    const built = new Bm25Index(SENTENCE_BM25, dict, starts, ids).parts();
    expect(appended.units).to.equal(6);
    expect(appended.tfs).to.be.instanceOf(Uint16Array);
    for (const field of ['starts', 'ids', 'tfs', 'lens', 'normOfLength'] as const) {
      expect(Array.from(appended[field]), field).to.deep.equal(Array.from(built[field]));
      expect(appended[field].constructor, field).to.equal(built[field].constructor);
    }
  });
});
