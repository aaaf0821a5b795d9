import { expect } from 'chai';
import { decodeTypedShared, encodeValue, typedBodyStart } from '../src/cache/codec.js';
import { decodeFacts, encodeFacts, FactStore, type LocalFacts } from '../src/search/factStore.js';
import { PackedStringsBuilder } from '../src/search/packedStrings.js';

describe('packed strings and facts', () => {
  it('gives back every string appended, empty and non-ASCII ones included, across buffer growth', () => {
    const strings = ['', 'Nausėda', '“quoted” — dash', '', 'x'.repeat(5000), '日本語', 'a'];
    const b = new PackedStringsBuilder(1, 16);
    for (const s of strings) b.push(s);
    const packed = b.build();
    expect(packed.size).to.equal(strings.length);
    expect(strings.map((_, i) => packed.get(i))).to.deep.equal(strings);
    expect(packed.get(strings.length)).to.equal('');
    expect(packed.byteLength(1)).to.equal(Buffer.byteLength('Nausėda'));
  });

  it('encodes facts compactly and decodes them as they were; no facts is an empty code', () => {
    const facts: LocalFacts = {
      numbers: [{ raw: '52', value: 52, counts: 'prisoners', start: 9, kind: 'count', verb: 'release' }],
      quotes: [],
      attributions: [{ source: 'officials', cue: 'said' }],
      dates: [],
      entities: [{ text: 'Lukashenko', kind: 'person', key: 'person:lukashenko', start: 0 }],
    };
    expect(decodeFacts(7, encodeFacts(facts))).to.deep.equal({ sentenceId: 7, ...facts });
    expect(encodeFacts({ numbers: [], quotes: [], attributions: [], dates: [], entities: [] })).to.equal('');
    expect(decodeFacts(3, '')).to.deep.equal({ sentenceId: 3, numbers: [], quotes: [], attributions: [], dates: [], entities: [] });
  });

  it('keeps values JSON would change (NaN, undefined) through V8 serialisation', () => {
    const facts: LocalFacts = { numbers: [{ raw: 'n', value: NaN, start: 0, kind: 'other', counts: undefined }], quotes: [], attributions: [], dates: [], entities: [] };
    const back = decodeFacts(0, encodeFacts(facts));
    expect(Number.isNaN(back.numbers[0]!.value)).to.equal(true);
    expect(back.numbers[0]).to.have.property('counts', undefined);
  });

  it('a store gives each sentence its facts by id, counts them without decoding and iterates in order', () => {
    const none: LocalFacts = { numbers: [], quotes: [], attributions: [], dates: [], entities: [] };
    const list: LocalFacts[] = [none, { ...none, quotes: [{ text: 'No man left behind', speaker: 'Nauseda' }], dates: [{ raw: 'on Thursday', date: '2025-09-11', precision: 'day', how: 'x', start: 3 }] }, none];
    const store = FactStore.from(list);
    expect(store.size).to.equal(3);
    expect(store.get(1)).to.deep.equal({ sentenceId: 1, ...list[1] });
    expect(store.get(1)).to.equal(store.get(1));
    expect(store.get(3)).to.equal(undefined);
    expect([0, 1, 2].map((i) => store.count(i))).to.deep.equal([0, 2, 0]);
    expect([...store].map((f) => f.sentenceId)).to.deep.equal([0, 1, 2]);
  });

  it('reads typed arrays of a saved value as views of the body it was read into, not copies', () => {
    const value = { name: 'x', ids: Int32Array.from([1, -2, 3]), lens: Uint16Array.from([7, 8]), norms: Float64Array.from([0.5]) };
    const bytes = encodeValue(value);
    const start = typedBodyStart(bytes);
    expect(start).to.be.greaterThan(0);
    const head = Uint8Array.from(bytes.subarray(0, start));
    const body = new Uint8Array(bytes.length - start);
    body.set(bytes.subarray(start));
    const back = decodeTypedShared(head, body) as typeof value;
    expect(back).to.deep.equal(value);
    expect(back.ids.buffer).to.equal(body.buffer);
    expect(typedBodyStart(encodeValue({ plain: true }))).to.equal(-1);
  });
});
