/**
 * The names of every sentence of a corpus being assembled, kept until their group keys are known (once
 * the whole corpus has been read). At 30,000 articles there are millions of mentions: as objects, each
 * with its own copy of its text, they were hundreds of megabytes at the end of a cold load, where its
 * peak memory is; here a mention is three integers and its strings are shared.
 */
import type { EntityKind, EntityMention } from '../types.js';
import { IntList } from './intList.js';

const KINDS: readonly EntityKind[] = ['person', 'place', 'organisation', 'other'];
const KIND_CODE = new Map<unknown, number>(KINDS.map((k, i) => [k, i]));
/** The fields of a mention as extractEntities writes them, in its order (the order JSON keeps). */
const FIELDS = ['text', 'kind', 'key', 'start'] as const;

/**
 * Whether `m` is rebuilt exactly from its strings, kind and start: those fields alone, in that order
 * (an encoded sentence keeps its fields' order), a known kind and a start that fits 32 bits.
 */
function compact(m: EntityMention): boolean {
  if (Object.getPrototypeOf(m) !== Object.prototype) return false;
  let i = 0;
  for (const field in m) if (field !== FIELDS[i++]) return false;
  return i === FIELDS.length && typeof m.text === 'string' && typeof m.key === 'string' && KIND_CODE.has(m.kind) && (m.start | 0) === m.start;
}

export class MentionList {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private readonly texts = new IntList(1 << 16);
  /** 4 × the id of the key, plus the kind's code. */
  private readonly keyKinds = new IntList(1 << 16);
  private readonly starts = new IntList(1 << 16);

  /** Mentions kept so far (the position of the next one). */
  get length(): number {
    return this.texts.length;
  }

  /** Keeps one sentence's mentions, when all can be rebuilt exactly; false (nothing kept) when not. */
  push(mentions: readonly EntityMention[]): boolean {
    if (!mentions.every(compact)) return false;
    for (const m of mentions) {
      this.texts.push(this.id(m.text));
      this.keyKinds.push(4 * this.id(m.key) + KIND_CODE.get(m.kind)!);
      this.starts.push(m.start);
    }
    return true;
  }

  /** Mentions `from .. to` as they were pushed (equal objects, fields in the same order). */
  slice(from: number, to: number): EntityMention[] {
    const out: EntityMention[] = [];
    for (let i = from; i < to; i++) {
      const kk = this.keyKinds.at(i)!;
      out.push({ text: this.strings[this.texts.at(i)!]!, kind: KINDS[kk & 3]!, key: this.strings[kk >>> 2]!, start: this.starts.at(i)! });
    }
    return out;
  }

  private id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }
}
