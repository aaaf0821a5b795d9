/**
 * Which values JSON keeps as they are: plain objects and arrays, strings, finite numbers, booleans and
 * null, with nothing JSON would drop, turn into something else or lose the prototype of. The saved index
 * (cache/codec.ts) writes such values as JSON and others another way; the fact store does the same for
 * a sentence's entities. Typed arrays can be found on the way, for a format that writes them beside the
 * JSON as raw bytes.
 */

export const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
export type TypedArrayName = keyof typeof TYPED_ARRAYS;
export type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;
const TYPED_NAME = new Map<unknown, TypedArrayName>(Object.entries(TYPED_ARRAYS).map(([name, ctor]) => [ctor.prototype, name as TypedArrayName]));

/** The name of a typed array's kind (`Uint32Array`…). */
export function typedArrayName(array: AnyTypedArray): TypedArrayName {
  return TYPED_NAME.get(Object.getPrototypeOf(array))!;
}

/** The keys leading from a value to one of its parts. */
export type Path = Array<string | number>;
/** A typed array found in a value: where, which kind. */
export interface Found {
  path: Path;
  array: AnyTypedArray;
}

/** `dropUndefined`: a field that holds undefined is allowed, since JSON leaves it out as the caller wants. */
export interface JsonOptions {
  dropUndefined?: boolean;
}
const NO_OPTIONS: JsonOptions = Object.freeze({});

/**
 * Whether JSON keeps `value` as it is, typed arrays apart: those are listed in `typed` (with a copy of
 * `path`, the keys leading to them) when it is given, else they make the value unsafe.
 */
function walk(value: unknown, path: Path, typed: Found[] | null, dropUndefined = false): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (Array.isArray(value)) {
        if (proto !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return false;
          path.push(i);
          const ok = walk(value[i], path, typed, dropUndefined);
          path.pop();
          if (!ok) return false;
        }
        return true;
      }
      if (proto !== Object.prototype) {
        if (!typed || !TYPED_NAME.has(proto)) return false;
        typed.push({ path: [...path], array: value as AnyTypedArray });
        return true;
      }
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (!Object.hasOwn(record, key)) return false;
        // JSON leaves such a field out, which is what the caller asked for
        if (dropUndefined && record[key] === undefined) continue;
        path.push(key);
        const ok = walk(record[key], path, typed, dropUndefined);
        path.pop();
        if (!ok) return false;
      }
      return Object.getOwnPropertySymbols(record).length === 0;
    }
    default:
      // undefined, bigint, functions, symbols
      return false;
  }
}

/** Whether JSON.parse(JSON.stringify(value)) gives back an equal value (same keys, same prototypes). */
export function jsonSafe(value: unknown, options: JsonOptions = NO_OPTIONS): boolean {
  return walk(value, [], null, options.dropUndefined);
}

/**
 * The typed arrays of a value that JSON keeps as it is once they are set apart, in the order JSON
 * meets them; null when something else in it is not JSON-safe.
 */
export function typedArraysIn(value: unknown, options: JsonOptions = NO_OPTIONS): Found[] | null {
  const typed: Found[] = [];
  return walk(value, [], typed, options.dropUndefined) ? typed : null;
}
