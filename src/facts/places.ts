/**
 * General world knowledge about places: every country with its adjective and the words for its people,
 * capitals and large cities, US states, continents and regions. Used to give names a kind ("Oslo" is a
 * place) and to let a question about "Swedes" meet a sentence about "Swedish nationals".
 * Nothing here is specific to one story.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold } from '../text/analyse.js';
import { boundedMemo } from '../text/memo.js';

/** General world knowledge lives in data/ as plain text; comment lines start with #. */
function readData(name: string): string {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', name);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}

/** A country with the words that refer to it, its people and its things. */
export interface Demonym {
  /** Canonical name, e.g. "Sweden". */
  place: string;
  /** Other names of the same place: "UK", "Britain". */
  aliases: string[];
  /** Adjectives: "Swedish". */
  adjectives: string[];
  /** Words for its people, plural: "Swedes". */
  plural: string[];
  /** Words for one of its people: "Swede". */
  singular: string[];
}

// names (canonical first, then aliases) | adjectives | people, plural | one person
// Where the adjective doubles as the word for the people ("Swiss", "Chinese") it is repeated.
const COUNTRIES = readData('countries.txt');

/** Capitals, large cities, US states and regions: places with no demonym row. */
const OTHER_PLACES = readData('places.txt');

function splitList(s: string | undefined): string[] {
  return (s ?? '').split('/').map((x) => x.trim()).filter(Boolean);
}

const DEMONYMS: Demonym[] = COUNTRIES.trim()
  .split('\n')
  .map((line) => {
    const [names, adjectives, plural, singular] = line.split('|');
    const all = splitList(names);
    return {
      place: all[0] ?? '',
      aliases: all.slice(1),
      adjectives: splitList(adjectives),
      plural: splitList(plural),
      singular: splitList(singular),
    };
  });

/** Folded place name without dots, "the" or punctuation, so "the U.S." meets "US". */
function placeKey(s: string): string {
  return placeKeys(s);
}

/**
 * Keys of the words and short spans looked up, remembered (a pure function of the text, see
 * boundedMemo): every capitalised word of every sentence is looked up.
 */
const placeKeys = boundedMemo(computePlaceKey, 100_000);

function computePlaceKey(s: string): string {
  return fold(s)
    .replace(/^the\s+/, '')
    .replace(/[.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const PLACE_BY_NAME = new Map<string, string>();
const COUNTRY_BY_WORD = new Map<string, Demonym>();
for (const d of DEMONYMS) {
  for (const n of [d.place, ...d.aliases]) PLACE_BY_NAME.set(placeKey(n), d.place);
  for (const w of [d.place, ...d.aliases, ...d.adjectives, ...d.plural, ...d.singular]) {
    const k = placeKey(w);
    // a word shared by two rows (Dominican, Congolese) stays with the first, better-known one
    if (!COUNTRY_BY_WORD.has(k)) COUNTRY_BY_WORD.set(k, d);
  }
}
const DEMONYM_WORDS = new Set<string>();
for (const d of DEMONYMS) for (const w of [...d.adjectives, ...d.plural, ...d.singular]) DEMONYM_WORDS.add(placeKey(w));
for (const d of DEMONYMS) for (const n of [d.place, ...d.aliases]) DEMONYM_WORDS.delete(placeKey(n));
for (const p of OTHER_PLACES.trim().split(/\s+/)) {
  const name = p.replace(/_/g, ' ');
  const k = placeKey(name);
  if (!PLACE_BY_NAME.has(k)) PLACE_BY_NAME.set(k, name);
}

/** Longest place name in words, so callers know how far to look ahead when matching multi-word places. */
export const MAX_PLACE_WORDS = Math.max(...[...PLACE_BY_NAME.keys()].map((k) => k.split(' ').length));

/**
 * The canonical name of a place written in any of its forms ("U.S." → "United States", "Britain" →
 * "United Kingdom", "Oslo" → "Oslo"), or undefined when the text is not a known place.
 */
export function canonicalPlace(text: string): string | undefined {
  return PLACE_BY_NAME.get(placeKey(text));
}

/** Whether the text names a known place (country, capital, large city, US state, region). */
export function isPlaceName(text: string): boolean {
  return PLACE_BY_NAME.has(placeKey(text));
}

/** Whether the word is an adjective or people word of a country ("Norwegian", "Swedes", "Briton"). */
export function isDemonym(text: string): boolean {
  return DEMONYM_WORDS.has(placeKey(text));
}

/**
 * The adjectives and people words of a place, from any of its names or demonyms: "Sweden", "Swedish",
 * "Swedes" and "Swede" all give the Sweden row. Undefined for places with no row (cities).
 */
export function demonymOf(text: string): Demonym | undefined {
  return COUNTRY_BY_WORD.get(placeKey(text));
}

/** The country a demonym refers to: "Swedes" → "Sweden", "Norwegians" → "Norway"; undefined otherwise. */
export function placeOfDemonym(word: string): string | undefined {
  const k = placeKey(word);
  if (!DEMONYM_WORDS.has(k)) return undefined;
  return COUNTRY_BY_WORD.get(k)?.place;
}

/**
 * Every word that points at the same country, lower-cased and folded: names, aliases, adjectives and
 * people words. Lets "How many Swedes" match "three Swedish nationals". Empty when the word is not one.
 */
export function placeFamily(word: string): string[] {
  const d = COUNTRY_BY_WORD.get(placeKey(word));
  if (!d) return [];
  return [...new Set([d.place, ...d.aliases, ...d.adjectives, ...d.plural, ...d.singular].map((w) => placeKey(w)))];
}
