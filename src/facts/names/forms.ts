/**
 * The written forms of names as grouping compares them (words, skeletons, initials, what the form says
 * of its kind), and the comparisons: same full name, plural, initials of an expansion, candidate pairs
 * by sound class.
 */
import type { EntityKind } from '../../types.js';
import { canonicalPlace, isPlaceName } from '../places.js';
import { isGivenName } from '../givenNames.js';
import { SURNAME_THRESHOLD, foldName, nameWords, sameGivenName, sameSkeleton, skeletonWord } from '../nameKey.js';
import { NAME_SUFFIXES, ORG_SUFFIXES, PARTICLES } from './lexicon.js';
export interface Form {
  text: string;
  words: string[];
  skel: string[];
  /** Words that carry the name: no initials, particles or Jr/III. */
  core: string[];
  coreSkel: string[];
  suffix: string;
  initials: string;
  count: number;
  votes: Record<EntityKind, number>;
  /** Sentence ids, sorted, without repeats (once the tally is done). */
  sentences: number[];
  acronym: boolean;
  place?: string;
  orgSuffix: boolean;
  /** One of its words is an acronym ("TVP World"), so it is not a person's full name. */
  acronymWord: boolean;
  /** It starts with a place ("New York Democrat"), so it is not a person's full name either. */
  placeFirst: boolean;
  /** Every mention opens its sentence or clause, where capitals say nothing. */
  initialOnly: boolean;
}

export function analyseForm(text: string): Omit<Form, 'count' | 'votes' | 'sentences' | 'initialOnly'> {
  const words = nameWords(text);
  const rawParts = text.split(/[\s\-‐–]+/u).filter(Boolean);
  const initials = rawParts.filter((p) => /^\p{Lu}\.$/u.test(p)).map((p) => foldName(p)[0]).join('');
  const core = words.filter((w, i) => !(PARTICLES.has(w) && i > 0 && i < words.length - 1) && !NAME_SUFFIXES.has(w) && w.length > 1);
  const suffix = words.filter((w) => NAME_SUFFIXES.has(w) && words.length > 1).join(' ');
  const letters = text.replace(/[^\p{L}]/gu, '');
  const acronym =
    words.length === 1 && letters.length >= 2 && letters.length <= 6 && letters === letters.toUpperCase();
  return {
    text,
    words,
    skel: words.map(skeletonWord),
    core: core.length ? core : words,
    coreSkel: (core.length ? core : words).map(skeletonWord),
    suffix,
    initials,
    acronym,
    place: canonicalPlace(text),
    orgSuffix: ORG_SUFFIXES.has(words[words.length - 1] ?? ''),
    acronymWord: rawParts.some((p) => /^\p{Lu}{2,}$/u.test(p)),
    placeFirst:
      !isGivenName(words[0] ?? '') &&
      [1, 2, 3].some((n) => words.length > n && isPlaceName(rawParts.slice(0, n).join(' '))),
  };
}

export function dominantKind(votes: Record<EntityKind, number>): EntityKind {
  let best: EntityKind = 'other';
  let n = 0;
  for (const k of ['person', 'organisation', 'place'] as const) {
    if (votes[k] > n) {
      best = k;
      n = votes[k];
    }
  }
  return best;
}

export function compatible(a: EntityKind, b: EntityKind): boolean {
  return a === b || a === 'other' || b === 'other';
}

/**
 * First-letter class of a skeleton: the letters {@link firstLettersCompatible} lets swap share a class, so
 * pairwise comparisons only run inside a class.
 */
export function soundClass(skel: string): string {
  const c = skel[0] ?? '';
  if ('ckt'.includes(c)) return 'k';
  if (c === 'h') return 'g';
  if (c === 'j') return 'i';
  return c;
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Calls `visit` for every pair of items whose skeletons could pass {@link sameSkeleton}: same sound
 * class, lengths close enough. Items are sorted by skeleton length so the inner loop can stop early.
 */
export function forCandidatePairs(items: number[], skelOf: (i: number) => string, visit: (a: number, b: number) => void): void {
  const buckets = new Map<string, number[]>();
  for (const i of items) pushTo(buckets, soundClass(skelOf(i)), i);
  for (const bucket of buckets.values()) {
    const sorted = bucket.map((i) => ({ i, n: skelOf(i).length })).sort((a, b) => a.n - b.n || a.i - b.i);
    for (let x = 0; x < sorted.length; x++) {
      const a = sorted[x]!;
      for (let y = x + 1; y < sorted.length; y++) {
        const b = sorted[y]!;
        if (0.5 * (b.n - a.n) > (1 - SURNAME_THRESHOLD) * b.n) break;
        visit(a.i, b.i);
      }
    }
  }
}

export class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // the smaller index stays root so the result does not depend on the order of unions
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

export function personLike(f: Form, kind: EntityKind): boolean {
  return (kind === 'person' || kind === 'other') && !f.place && !f.orgSuffix && !f.acronym;
}

/**
 * Full names that can be the same person: surnames and given names agree, middle names agree where
 * both have them, no conflicting Jr or initial.
 */
export function sameFullName(a: Form, b: Form, people: boolean): boolean {
  const na = a.core.length - 1;
  const nb = b.core.length - 1;
  if (!sameSkeleton(a.core[na]!, a.coreSkel[na]!, b.core[nb]!, b.coreSkel[nb]!)) return false;
  if (!sameGivenName(a.core[0]!, b.core[0]!)) return false;
  if (na === nb) {
    for (let i = 1; i < na; i++) if (!sameSkeleton(a.core[i]!, a.coreSkel[i]!, b.core[i]!, b.coreSkel[i]!)) return false;
  } else if (!people) {
    // a missing middle name is normal for people ("Hillary Clinton"), not for events ("First World War")
    return false;
  }
  if (a.suffix !== b.suffix && (/j|s/.test(a.suffix + b.suffix) || (a.suffix && b.suffix))) return false;
  if (a.initials && b.initials && a.initials !== b.initials) return false;
  return true;
}

/** Whether one word is the plural of the other ("Clinton" / "Clintons", "Viking" / "Vikings"). */
export function isPlural(a: string, b: string): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 4 && (l === `${s}s` || l === `${s}es`);
}

/** Initials of the capitalised words of a name: "European Union" → "eu", "Federal Bureau of Investigation" → "fbi". */
export function initialsOf(text: string): string {
  return text
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => foldName(w)[0] ?? '')
    .join('');
}
/** `ids` sorted, without repeats (in place when already so). */
export function sortedUnique(ids: number[]): number[] {
  let ordered = true;
  for (let i = 1; i < ids.length && ordered; i++) ordered = ids[i - 1]! < ids[i]!;
  return ordered ? ids : [...new Set(ids)].sort((a, b) => a - b);
}

/** Whether sorted `ids` holds `id`. */
export function holds(ids: readonly number[], id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
