/**
 * How one value is turned into bytes for the saved index, and back, without knowing its shape:
 *
 * - `J`: JSON, when the value survives a JSON round trip unchanged (bytes/jsonSafe.ts: plain objects and
 *   arrays, strings, finite numbers, booleans, null) — today's analyses, and the fastest to read back;
 * - `T`: JSON plus typed arrays (Uint32Array…) stored as raw bytes after it, each put back at its place on
 *   reading — compact token data, say, costs a copy rather than a parse;
 * - `V`: V8's structured serialisation for anything else (Maps, Sets, undefined, NaN, class instances lose
 *   their class but keep their fields), slower to read but complete.
 *
 * So a field added later, in any form, is saved and restored as it was. The first byte says which.
 */
import v8 from 'node:v8';
import zlib from 'node:zlib';
import { jsonSafe, TYPED_ARRAYS, typedArrayName, typedArraysIn, type AnyTypedArray, type Found, type Path, type TypedArrayName } from '../bytes/jsonSafe.js';
import { v8Bytes } from '../bytes/v8Bytes.js';
import { jsonPieces, utf8Buffers, utf8Length, type Replace } from './jsonPieces.js';

const JSON_CODEC = 0x4a; // 'J'
const TYPED_CODEC = 0x54; // 'T'
const V8_CODEC = 0x56; // 'V'

/** The bytes of a value: a codec byte, then JSON (UTF-8), JSON and typed arrays, or V8's serialisation. */
export function encodeValue(value: unknown): Buffer {
  if (jsonSafe(value)) {
    const json = JSON.stringify(value);
    const out = Buffer.allocUnsafeSlow(1 + Buffer.byteLength(json));
    out[0] = JSON_CODEC;
    out.write(json, 1, 'utf8');
    return out;
  }
  const typed = typedArraysIn(value);
  if (typed) return encodeTyped(value, typed);
  const body = v8Bytes(value);
  const out = Buffer.allocUnsafeSlow(1 + body.length);
  out[0] = V8_CODEC;
  body.copy(out, 1);
  return out;
}

/**
 * `T`: codec byte, u32 length of the JSON, the JSON — `{ value, typed: [[path, kind, offset, length]] }`
 * with null where each typed array was — then the arrays' bytes, each at an offset that is a multiple of 8.
 */
function encodeTyped(value: unknown, typed: Found[]): Buffer {
  const { head, replace } = typedHead(value, typed);
  const json = JSON.stringify(head, (_key, v: unknown) => replace(v));
  const length = Buffer.byteLength(json);
  return Buffer.concat([headStart(length), Buffer.from(json, 'utf8'), headPadding(length), ...arrayChunks(typed)]);
}

const PADDING = Buffer.alloc(8);
/** Levels of the head written member by member by {@link encodeTypedChunks}: a snapshot's articles one by one. */
const PIECE_DEPTH = 4;

/** The JSON part of a `T` value, and what replaces its typed arrays there (null). */
function typedHead(value: unknown, typed: Found[]): { head: unknown; replace: Replace } {
  const places = new Set<unknown>(typed.map((t) => t.array));
  let offset = 0;
  const table = typed.map((t) => {
    const entry: [Path, TypedArrayName, number, number] = [t.path, typedArrayName(t.array), offset, t.array.length];
    offset += Math.ceil(t.array.byteLength / 8) * 8;
    return entry;
  });
  return { head: { value, typed: table }, replace: (v) => (places.has(v) ? null : v) };
}

/** Codec byte and length of a `T` value's JSON of `length` bytes. */
function headStart(length: number): Buffer {
  const start = Buffer.alloc(5);
  start[0] = TYPED_CODEC;
  start.writeUInt32LE(length, 1);
  return start;
}

/** The zeros after JSON of `length` bytes up to where the arrays start. */
function headPadding(length: number): Buffer {
  const head = 5 + length;
  return PADDING.subarray(0, Math.ceil(head / 8) * 8 - head);
}

/** Each array's bytes (views of the arrays, not copies) and the zeros that align the next. */
function* arrayChunks(typed: Found[]): Generator<Buffer> {
  for (const t of typed) {
    if (t.array.byteLength) yield Buffer.from(t.array.buffer, t.array.byteOffset, t.array.byteLength);
    const pad = Math.ceil(t.array.byteLength / 8) * 8 - t.array.byteLength;
    if (pad) yield PADDING.subarray(0, pad);
  }
}

/**
 * {@link encodeValue}'s bytes for a value of typed arrays and JSON-safe data (the `T` form), as pieces to
 * be written in turn, so that a large value is never copied into one buffer, nor its JSON made one string:
 * the JSON is made twice, piece by piece, once to count its bytes (written before it) and once to write
 * it. Null when the value does not have that form. The pieces can be taken once.
 */
export function encodeTypedChunks(value: unknown, options: { dropUndefined?: boolean } = {}): Iterable<Buffer> | null {
  const drop = options.dropUndefined ?? false;
  if (jsonSafe(value, { dropUndefined: drop })) return null;
  const typed = typedArraysIn(value, { dropUndefined: drop });
  if (!typed) return null;
  const { head, replace } = typedHead(value, typed);
  const length = utf8Length(jsonPieces(head, replace, PIECE_DEPTH));
  return (function* pieces(): Generator<Buffer> {
    yield headStart(length);
    let written = 0;
    for (const b of utf8Buffers(jsonPieces(head, replace, PIECE_DEPTH))) {
      written += b.length;
      yield b;
    }
    // the value must not have changed between the two passes
    if (written !== length) throw new Error('the value changed while it was written');
    yield headPadding(length);
    yield* arrayChunks(typed);
  })();
}

/** Puts a typed array where its path says, under `root.value`. */
function placeAt(root: Record<string | number, unknown>, path: Path, array: AnyTypedArray): void {
  let parent = root;
  let key: string | number = 'value';
  for (const step of path) {
    parent = parent[key] as Record<string | number, unknown>;
    key = step;
  }
  parent[key] = array;
}

function decodeTyped(buf: Buffer): unknown {
  const length = buf.readUInt32LE(1);
  const { value, typed } = JSON.parse(buf.toString('utf8', 5, 5 + length)) as { value: unknown; typed: Array<[Path, TypedArrayName, number, number]> };
  const start = Math.ceil((5 + length) / 8) * 8;
  const root = { value } as Record<string | number, unknown>;
  for (const [path, name, offset, count] of typed) {
    const Ctor = TYPED_ARRAYS[name];
    const array = new Ctor(count);
    const from = buf.byteOffset + start + offset;
    if (start + offset + array.byteLength > buf.length) throw new Error('typed array out of bounds');
    // a copy: the array must not keep the (larger) buffer it was read into alive
    new Uint8Array(array.buffer).set(new Uint8Array(buf.buffer, from, array.byteLength));
    placeAt(root, path, array);
  }
  return root.value;
}

/**
 * Where the typed arrays of a `T` value start (the size of its head), from its first 5 bytes; -1 when the
 * bytes are not of that codec.
 */
export function typedBodyStart(first: Uint8Array): number {
  if (first.length < 5 || first[0] !== TYPED_CODEC) return -1;
  const length = Buffer.from(first.buffer, first.byteOffset, 5).readUInt32LE(1);
  return Math.ceil((5 + length) / 8) * 8;
}

/**
 * The value of a `T` value's bytes read in two parts — its head (`typedBodyStart` bytes) and the rest —
 * whose typed arrays are views of `body` rather than copies (so `body`, its own allocation, stays alive
 * with them, and nothing is copied). @throws on bytes of another codec or out of bounds
 */
export function decodeTypedShared(head: Uint8Array, body: Uint8Array): unknown {
  const start = typedBodyStart(head);
  if (start < 0 || head.length !== start) throw new Error('not the head of a typed value');
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const length = buf.readUInt32LE(1);
  const { value, typed } = JSON.parse(buf.toString('utf8', 5, 5 + length)) as { value: unknown; typed: Array<[Path, TypedArrayName, number, number]> };
  const root = { value } as Record<string | number, unknown>;
  for (const [path, name, offset, count] of typed) {
    const Ctor = TYPED_ARRAYS[name];
    const bytes = count * Ctor.BYTES_PER_ELEMENT;
    if (offset + bytes > body.length) throw new Error('typed array out of bounds');
    const from = body.byteOffset + offset;
    // offsets are multiples of 8 from the start of the body: a view when the body is aligned, else a copy
    const array = from % Ctor.BYTES_PER_ELEMENT === 0 ? new Ctor(body.buffer as ArrayBuffer, from, count) : new Ctor(count);
    if (array.buffer !== body.buffer) new Uint8Array(array.buffer).set(new Uint8Array(body.buffer, from, bytes));
    placeAt(root, path, array);
  }
  return root.value;
}

/** The value of {@link encodeValue}'s bytes. @throws on bytes it did not write */
export function decodeValue(bytes: Uint8Array): unknown {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (buf[0]) {
    case JSON_CODEC:
      return JSON.parse(buf.toString('utf8', 1));
    case TYPED_CODEC:
      return decodeTyped(buf);
    case V8_CODEC:
      return v8.deserialize(buf.subarray(1));
    default:
      throw new Error(`unknown codec byte ${buf[0] ?? 'none'}`);
  }
}

let table: Uint32Array | null = null;

/** CRC-32 (the zlib/PNG polynomial) in JavaScript, for Node versions without zlib.crc32. */
function crc32Js(bytes: Uint8Array, previous = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 of some bytes (zlib's, several GB/s, where Node has it); `previous`: the CRC of the bytes before them. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return nativeCrc32 ? nativeCrc32(bytes, previous) >>> 0 : crc32Js(bytes, previous);
}
