/**
 * JSON.stringify's text of a large value made piece by piece, so that the JSON of a whole corpus's
 * articles is never one string — at 30,000 articles hundreds of megabytes, two bytes a letter as soon as
 * one letter is outside Latin-1 — nor one buffer, at the peak of a cold load.
 */

/** What the writer puts in place of a value (as a JSON.stringify replacer that ignores keys would). */
export type Replace = (value: unknown) => unknown;

/**
 * The text of `JSON.stringify(value, (_key, v) => replace(v))` in pieces, in order: objects and arrays
 * down to `depth` levels are written member by member, deeper ones whole. Only for what JSON keeps as
 * it is (plain objects and arrays, strings, finite numbers, booleans, null), and fields that are
 * undefined, which are left out as JSON leaves them.
 */
export function* jsonPieces(value: unknown, replace: Replace, depth: number): Generator<string> {
  const v = replace(value);
  if (depth <= 0 || typeof v !== 'object' || v === null) {
    yield JSON.stringify(v, (_key, x: unknown) => replace(x));
    return;
  }
  if (Array.isArray(v)) {
    yield '[';
    for (let i = 0; i < v.length; i++) {
      if (i) yield ',';
      yield* jsonPieces(v[i], replace, depth - 1);
    }
    yield ']';
    return;
  }
  let first = true;
  yield '{';
  for (const key of Object.keys(v)) {
    const field = (v as Record<string, unknown>)[key];
    if (field === undefined) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(field, replace, depth - 1);
  }
  yield '}';
}

/** Bytes of `pieces` in UTF-8. */
export function utf8Length(pieces: Iterable<string>): number {
  let n = 0;
  for (const p of pieces) n += Buffer.byteLength(p, 'utf8');
  return n;
}

/** `pieces` in UTF-8, in buffers of about `size` characters (a buffer per piece would cost more than the text). */
export function* utf8Buffers(pieces: Iterable<string>, size = 1 << 16): Generator<Buffer> {
  let batch = '';
  for (const p of pieces) {
    batch += p;
    if (batch.length >= size) {
      yield Buffer.from(batch, 'utf8');
      batch = '';
    }
  }
  if (batch) yield Buffer.from(batch, 'utf8');
}
