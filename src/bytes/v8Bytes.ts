/**
 * V8's serialisation of a value, made from the value alone. v8.serialize writes what the engine holds,
 * not only what the value is: an array made by `map` in optimised code is "holey" and written as a
 * sparse array, a number in a field that once held a fraction is written as a double, an ASCII string cut
 * from text with a "ė" in it is written two bytes a letter. So the same facts gave other bytes after other
 * work had run in the process (a test passed alone and failed after others). The value is copied into a
 * form whose serialisation depends on nothing else before it is written; it reads back equal.
 */
import v8 from 'node:v8';

/** Integers in this range are V8 small integers on every build (31 bits with pointer compression). */
const SMALL = 2 ** 30;

function latin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/** A copy of `value` that V8 serialises the same way whatever made it (see above). */
function canonical(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      // a new Latin-1 string is one byte a letter; a string with a wider letter is two bytes a letter anyway
      return latin1(value) ? Buffer.from(value, 'latin1').toString('latin1') : value;
    case 'number':
      return Number.isInteger(value) && value > -SMALL && value < SMALL && !Object.is(value, -0) ? value | 0 : value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        // pushed one by one: packed, and written densely, unless the array really has holes
        let holes = false;
        for (let i = 0; i < value.length && !holes; i++) holes = !(i in value);
        if (holes) {
          const out: unknown[] = new Array(value.length);
          for (let i = 0; i < value.length; i++) if (i in value) out[i] = canonical(value[i]);
          return out;
        }
        const out: unknown[] = [];
        for (const item of value) out.push(canonical(item));
        return out;
      }
      if (value instanceof Map) return new Map([...value].map(([k, v]) => [canonical(k), canonical(v)]));
      if (value instanceof Set) return new Set([...value].map(canonical));
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date || value instanceof RegExp || value instanceof Error) return value;
      // an object without a prototype is a dictionary: its fields hold numbers as they are, not as doubles
      const out = Object.create(null) as Record<string, unknown>;
      for (const key of Object.keys(value)) out[key] = canonical((value as Record<string, unknown>)[key]);
      return out;
    }
    default:
      return value;
  }
}

/** v8.serialize of `value`, the same bytes for equal values. */
export function v8Bytes(value: unknown): Buffer {
  return v8.serialize(canonical(value));
}
