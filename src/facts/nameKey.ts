/**
 * Spelling-independent keys for names. Newsrooms transliterate the same person differently (from
 * Russian, Ukrainian, Arabic, Chinese…), so two spellings are compared through a phonetic skeleton
 * that erases the usual romanisation choices, then by edit distance with guards against near-miss
 * surnames ("Trump" / "Truman").
 */
import { fold } from '../text/analyse.js';
import { boundedMemo } from '../text/memo.js';

/** Letters NFKD does not decompose into a base letter plus a mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ð: 'd', þ: 'th', ў: 'u',
};

/** Lower-case, diacritics folded, special letters mapped, possessive removed: "Wałęsa's" → "walesa". */
export function foldName(text: string): string {
  return fold(text)
    .replace(/[łøđßæœıðþў]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/['’]s?$/u, '')
    .trim();
}

/** Words of a folded name, with hyphens and dots as separators ("al-Assad" → al, assad; "F.B.I." → fbi). */
export function nameWords(text: string): string[] {
  const f = foldName(text);
  // dotted acronyms are one word; elsewhere a dot ends an initial or an abbreviation
  const undotted = /^(?:[a-z]\.){2,}$/.test(f.replace(/\s+/g, '')) ? f.replace(/[.\s]/g, '') : f;
  return undotted
    .split(/[\s\-‐–.]+/u)
    .map((w) => w.replace(/[^a-z0-9']/g, '').replace(/'/g, ''))
    .filter(Boolean);
}

/**
 * Phonetic skeleton of one folded word. The rules erase transliteration choices rather than model a
 * language: kh/h, ts/tz/c, w/v, y/i, x/ks, ph/f, a short u (ў) written "u" after a vowel (ou → ov),
 * "ia" for Russian "e" before a consonant, -sky/-skiy/-ski, doubled letters, and the final vowel of a long
 * word (-a or -o endings of one surname in two languages). Short words, acronyms and Roman numerals are kept as they are: rules on
 * them would merge "BBC" with "BC", "Khan" with "Han", "XXII" with "XXI".
 */
export function skeletonWord(word: string): string {
  return skeletons(word);
}

/** Skeletons remembered (a pure function of the word, see boundedMemo): names repeat across a corpus, so this saves most of the grouping time. */
const skeletons = boundedMemo(computeSkeleton, 100_000);

function computeSkeleton(word: string): string {
  let s = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!s) return word;
  if (s.length <= 5 || /^[ivxlcdm]+$/.test(s)) return s;
  s = s
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    .replace(/kh/g, 'h')
    .replace(/sch/g, 'sh')
    .replace(/ck/g, 'k')
    .replace(/t[sz]/g, 'c')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/y/g, 'i')
    .replace(/([aeiou])u(?=[^aeiou]|$)/g, (_m, v: string) => (v === 'o' ? 'ov' : `${v}u`))
    .replace(/ia(?=[^aeiou])/g, 'e')
    .replace(/(sk)i[ij]$/, '$1i')
    .replace(/(.)\1+/g, '$1');
  if (s.length >= 7) s = s.replace(/[aoe]$/, '');
  return s;
}

/** Skeletons of every word of a name. */
export function skeletonOf(text: string): string[] {
  return nameWords(text).map(skeletonWord);
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** Cost of inserting or deleting a letter: vowels are what transliterations disagree on most. */
function indelCost(c: string | undefined): number {
  return c !== undefined && VOWELS.has(c) ? 0.5 : 1;
}

/**
 * Edit distance where edits of vowels cost half: "Aleksandr" / "Aleksander" are closer than
 * "Johnson" / "Johnston" or "Hollywood" / "Holyrood".
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = [0];
  for (let j = 1; j <= b.length; j++) prev.push((prev[j - 1] ?? 0) + indelCost(b[j - 1]));
  for (let i = 1; i <= a.length; i++) {
    const ca = a[i - 1];
    const cur = [(prev[0] ?? 0) + indelCost(ca)];
    for (let j = 1; j <= b.length; j++) {
      const cb = b[j - 1];
      const sub = ca === cb ? 0 : ca !== undefined && cb !== undefined && VOWELS.has(ca) && VOWELS.has(cb) ? 0.5 : 1;
      cur.push(Math.min((prev[j] ?? 0) + indelCost(ca), (cur[j - 1] ?? 0) + indelCost(cb), (prev[j - 1] ?? 0) + sub));
    }
    prev = cur;
  }
  return prev[b.length] ?? Math.max(a.length, b.length);
}

/** 1 − normalised (vowel-weighted) edit distance: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - editDistance(a, b) / n;
}

/**
 * Letter classes for the first letter of two skeletons: the sounds transliteration swaps at the start of
 * a word (Ts/T/C/K, G/H, I/J/Y, V/W, E/Ye).
 */
const FIRST_LETTER_CLASS: Record<string, string> = {
  c: 'k', k: 'k', t: 't', g: 'g', h: 'g', i: 'i', j: 'i', v: 'v', e: 'e',
};

/** Whether two skeletons may start with the same sound. */
export function firstLettersCompatible(a: string, b: string): boolean {
  const x = a[0];
  const y = b[0];
  if (!x || !y) return false;
  if (x === y) return true;
  const cx = FIRST_LETTER_CLASS[x] ?? x;
  const cy = FIRST_LETTER_CLASS[y] ?? y;
  if (cx === cy) return true;
  // Ts- written as T- in some transliterations: the skeleton turned "ts" into "c"
  return (x === 'c' && y === 't') || (x === 't' && y === 'c');
}

/**
 * Grammatical gender marked by a Slavic or Baltic surname ending. Husband and wife share the stem
 * (Navalny / Navalnaya, Tolstoy / Tolstaya) and must not be merged by the similarity rule.
 */
export function surnameGender(folded: string): 'f' | 'm' | undefined {
  if (/(?:aya|aja|skaia|ska|cka|ova|eva|yova|ina|yna|aite|yte|ute|iene|ene)$/.test(folded)) return 'f';
  if (/(?:sky|ski|skiy|skyi|ov|ev|in|yn|ovich|evich|as|is|us|ys)$/.test(folded)) return 'm';
  return undefined;
}

/** Minimum similarity of two surname skeletons for them to be spellings of one name. */
export const SURNAME_THRESHOLD = 0.9;
/** Looser bar for given names once the surnames agree (Mykhailo / Mikhail). */
export const GIVEN_NAME_THRESHOLD = 0.75;

/**
 * Whether two single words (surnames, one-word names) are spellings of one another: equal skeletons, or
 * skeletons at least {@link SURNAME_THRESHOLD} similar when both are long enough, start alike and do not
 * carry opposite gender endings.
 */
export function sameWord(a: string, b: string): boolean {
  return sameSkeleton(a, skeletonWord(a), b, skeletonWord(b));
}

/** {@link sameWord} on folded words whose skeletons are already known, for pairwise loops. */
export function sameSkeleton(a: string, sa: string, b: string, sb: string): boolean {
  if (sa === sb) return true;
  if (sa.length < 5 || sb.length < 5) return false;
  // a cheap bound first: too different in length to reach the threshold even with vowel edits
  if (0.5 * Math.abs(sa.length - sb.length) > (1 - SURNAME_THRESHOLD) * Math.max(sa.length, sb.length)) return false;
  if (!firstLettersCompatible(sa, sb)) return false;
  const ga = surnameGender(a);
  const gb = surnameGender(b);
  if (ga && gb && ga !== gb) return false;
  return similarity(sa, sb) >= SURNAME_THRESHOLD;
}

/** Whether two given names may be spellings of one another, once their surnames are known to agree. */
export function sameGivenName(a: string, b: string): boolean {
  const sa = skeletonWord(a);
  const sb = skeletonWord(b);
  if (sa === sb) return true;
  if (!firstLettersCompatible(sa, sb)) return false;
  return similarity(sa, sb) >= GIVEN_NAME_THRESHOLD;
}
