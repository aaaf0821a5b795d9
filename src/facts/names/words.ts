/**
 * The words of a sentence as name recognition reads them: wink splits "Nausėda" at the accented letter
 * and "al-Assad" at the hyphen, so name words are read from the text and wink's tags are looked up by
 * offset; multi-word places from the table are joined into one word.
 */
import type { AnalysedSentence, Token } from '../../text/analyse.js';
import { MAX_PLACE_WORDS, canonicalPlace, isDemonym, isPlaceName } from '../places.js';
import { foldName } from '../nameKey.js';
import { boundedMemo } from '../../text/memo.js';
import { DOTTED_ABBREVIATIONS, NAME_SUFFIXES } from './lexicon.js';
export interface Word {
  text: string;
  /** Folded, dots removed. */
  low: string;
  start: number;
  end: number;
  pos: string;
  cap: boolean;
  allCaps: boolean;
  /** Followed by 's or a bare apostrophe, which ends the name. */
  possessive: boolean;
  /** A multi-word place name matched from the table, e.g. "United States". */
  place?: string;
}

const WORD_RE = /[\p{L}\p{M}][\p{L}\p{M}'’.-]*/gu;

export function readWords(sentence: AnalysedSentence): Word[] {
  const text = sentence.text;
  const words: Word[] = [];
  const sorted = tokensSorted(sentence.tokens);
  for (const m of text.matchAll(WORD_RE)) {
    let raw = m[0];
    const start = m.index;
    const before = start > 0 ? text[start - 1] ?? '' : '';
    // handles, hashtags and URLs are not names
    if (/[@#/._\d]/.test(before)) continue;
    let possessive = false;
    const poss = /(?:['’]s|['’])$/u.exec(raw);
    if (poss && raw.length > poss[0].length) {
      raw = raw.slice(0, -poss[0].length);
      possessive = true;
    }
    raw = raw.replace(/[-'’]+$/u, '');
    // contractions ("I'm", "We'll") are not names
    if (/['’](?:m|re|ve|ll|d)$/iu.test(raw)) continue;
    if (raw.endsWith('.')) {
      const bare = raw.replace(/\.+$/, '');
      const keep =
        bare.length === 1 || bare.includes('.') || DOTTED_ABBREVIATIONS.has(bare.toLowerCase());
      if (!keep) raw = bare;
    }
    if (!raw) continue;
    for (const part of splitHyphenatedPlaces(raw, start)) {
      words.push(makeWord(part.text, part.start, sentence, sorted, possessive && part.last));
    }
  }
  return words;
}

/** "Iran-Iraq" names two places; "Jean-Claude" and "Guinea-Bissau" stay whole. */
function splitHyphenatedPlaces(raw: string, start: number): Array<{ text: string; start: number; last: boolean }> {
  const parts = raw.split('-');
  if (parts.length > 1 && !isPlaceName(raw) && parts.every((p) => p && (isPlaceName(p) || isDemonym(p)))) {
    let at = start;
    return parts.map((p, i) => {
      const r = { text: p, start: at, last: i === parts.length - 1 };
      at += p.length + 1;
      return r;
    });
  }
  return [{ text: raw, start, last: true }];
}

/** What a word's own letters say, whatever sentence it is in. */
interface WordShape {
  low: string;
  cap: boolean;
  allCaps: boolean;
}

/**
 * The shape of a word, remembered (a pure function of the word, see boundedMemo): a few Unicode regular
 * expressions per word, on every word of every sentence.
 */
const shapeOf = boundedMemo((text: string): WordShape => {
  const letters = text.replace(/[^\p{L}]/gu, '');
  const first = letters[0] ?? '';
  // "al-Assad", "bin-Laden": a lower-case particle glued to a capitalised name
  const glued = /^(?:al|el|ad|as|bin|ibn|d|l)['’-]\p{Lu}/u.test(text);
  return {
    low: foldName(text).replace(/\./g, ''),
    cap: glued || (first !== '' && first === first.toUpperCase() && first !== first.toLowerCase()),
    allCaps: letters.length >= 2 && letters === letters.toUpperCase(),
  };
}, 200_000);

/**
 * wink's part of speech for the word at `[start, end)`: PROPN when any token it overlaps is one, else the
 * first overlapping token's, else X. `sorted`: the tokens' starts and ends never decrease (as
 * analyseParagraph makes them), so the overlapping tokens are one run found by bisection.
 */
function posOver(tokens: readonly Token[], sorted: boolean, start: number, end: number): string {
  if (!sorted) {
    const covered = tokens.filter((t) => t.end > start && t.start < end);
    return covered.some((t) => t.pos === 'PROPN') ? 'PROPN' : covered[0]?.pos ?? 'X';
  }
  // first token ending after start
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end > start) hi = mid;
    else lo = mid + 1;
  }
  if (lo >= tokens.length || tokens[lo]!.start >= end) return 'X';
  for (let k = lo; k < tokens.length && tokens[k]!.start < end; k++) if (tokens[k]!.pos === 'PROPN') return 'PROPN';
  return tokens[lo]!.pos;
}

/** Whether the tokens' starts and ends never decrease. */
function tokensSorted(tokens: readonly Token[]): boolean {
  for (let k = 1; k < tokens.length; k++) if (tokens[k]!.start < tokens[k - 1]!.start || tokens[k]!.end < tokens[k - 1]!.end) return false;
  return true;
}

function makeWord(text: string, start: number, sentence: AnalysedSentence, sorted: boolean, possessive: boolean): Word {
  const end = start + text.length;
  const { low, cap, allCaps } = shapeOf(text);
  return { text, low, start, end, pos: posOver(sentence.tokens, sorted, start, end), cap, allCaps, possessive };
}

/** Joins consecutive words that spell a multi-word place from the table ("Bosnia and Herzegovina"). */
export function joinPlaces(words: Word[], text: string): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let joined: Word | undefined;
    // "the US" is the place "US"; only names like "The Hague" start with the article, and the table knows them without it
    if (w.cap && w.low !== 'the') {
      for (let j = Math.min(words.length - 1, i + MAX_PLACE_WORDS - 1); j > i; j--) {
        const last = words[j]!;
        if (!last.cap) continue;
        const span = text.slice(w.start, last.end);
        if (/[^\p{L}\p{M}\s.'’-]/u.test(span)) continue;
        const name = canonicalPlace(span);
        if (name && words.slice(i, j).every((x) => !x.possessive)) {
          joined = { ...w, text: span, low: foldName(span), end: last.end, possessive: last.possessive, place: name };
          i = j;
          break;
        }
      }
    }
    out.push(joined ?? w);
  }
  return out;
}

export function isInitial(w: Word): boolean {
  return /^\p{Lu}\.$/u.test(w.text);
}

export function isAcronym(w: Word): boolean {
  return (w.allCaps && w.low.length >= 2 && w.low.length <= 6 && !NAME_SUFFIXES.has(w.low)) || /^(?:\p{Lu}\.){2,}$/u.test(w.text);
}

/** Capitalised words of a line set in title case ("Senate Passes 12 Spending Bills") carry no case signal. */
export function isTitleCase(words: Word[]): boolean {
  const long = words.filter((w) => w.low.length >= 4);
  return long.length >= 3 && long.every((w) => w.cap);
}
