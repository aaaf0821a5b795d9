/**
 * Recognising the names in one sentence: runs of name words, titles split off, and the kind of each name
 * from cues that hold in any news story (titles, organisation suffixes, the table of world places,
 * acronyms, and the words around the name: "news agency X", "X, a lawyer", "in X").
 */
import type { AnalysedSentence } from '../../text/analyse.js';
import type { EntityKind, EntityMention } from '../../types.js';
import { isDemonym, isPlaceName } from '../places.js';
import { isGivenName } from '../givenNames.js';
import { nounSorts } from '../../text/nounSorts.js';
import { MONTH_WORDS, WEEKDAY_WORDS } from '../../text/calendar.js';
import { skeletonOf } from '../nameKey.js';
import {
  LONE_ADJECTIVES, NAME_SUFFIXES, NEVER_NAMES, OF_HEADS, ORG_HEADS, ORG_NOUNS, ORG_SUFFIXES, PARTICLES, PERSON_NOUNS, PLACE_FIRST,
  PLACE_HEADS, PLACE_NOUNS, PLACE_SUFFIXES, SPEECH_VERBS, STATUS_WORDS, THING_SUFFIXES, TIME_WORDS, TITLES, TITLE_MODIFIERS,
} from './lexicon.js';
import { isAcronym, isInitial, isTitleCase, joinPlaces, readWords, type Word } from './words.js';
interface Ctx {
  words: Word[];
  text: string;
  titleCase: boolean;
}

/** Whether the word at i is the start of the sentence or of a quoted clause. */
function atClauseStart(ctx: Ctx, i: number): boolean {
  const w = ctx.words[i]!;
  const prevEnd = i > 0 ? ctx.words[i - 1]!.end : 0;
  const gap = ctx.text.slice(prevEnd, w.start);
  return i === 0 || /[:“"‘([—–•]\s*$/u.test(gap) || /[.!?]["”’]?\s*$/u.test(gap);
}

function isNameWord(ctx: Ctx, i: number, inRun: boolean): boolean {
  const w = ctx.words[i]!;
  if (w.place) return true;
  if (!w.cap) return false;
  if (ctx.titleCase) return isPlaceName(w.text) || (isAcronym(w) && w.pos === 'PROPN');
  if (NEVER_NAMES.has(w.low) && !(w.allCaps && w.low.length > 1)) return false;
  if (WEEKDAY_WORDS.has(w.low) || TIME_WORDS.has(w.low)) return false;
  if (MONTH_WORDS.has(w.low.replace(/\.$/, ''))) {
    // "Theresa May" continues a name; "May 5" and "in May" do not
    const next = ctx.text.slice(w.end).trimStart();
    if (!inRun || /^\d/.test(next)) return false;
  }
  if (w.low.length === 1 && !isInitial(w)) return false;
  if (isInitial(w)) return true;
  if (w.pos === 'PROPN') return true;
  if (w.allCaps) return true;
  if (['NOUN', 'ADJ', 'X', 'NUM'].includes(w.pos)) return !atClauseStart(ctx, i);
  // a capitalised word the tagger took for a verb is a name mid-sentence ("the Chicago Bears", "beat Manning")
  if (w.pos === 'VERB') return !atClauseStart(ctx, i);
  return false;
}

function gapIsSpace(ctx: Ctx, a: Word, b: Word): boolean {
  const gap = ctx.text.slice(a.end, b.start);
  return /^\s+$/.test(gap) || /^\s*&\s*$/.test(gap);
}

/** Runs of name words, with particles and "of" kept inside where they belong to the name. */
function findRuns(ctx: Ctx): number[][] {
  const { words } = ctx;
  const runs: number[][] = [];
  let i = 0;
  while (i < words.length) {
    if (!isNameWord(ctx, i, false)) {
      i++;
      continue;
    }
    const run = [i];
    let j = i;
    for (;;) {
      const cur = words[j]!;
      if (cur.possessive) break;
      const next = words[j + 1];
      if (!next || !gapIsSpace(ctx, cur, next)) break;
      if (isNameWord(ctx, j + 1, true)) {
        run.push(j + 1);
        j++;
        continue;
      }
      // a connector continues the name only when a name word follows it
      const conn = next.text;
      let k = j + 2;
      if (conn === 'of' && words[k]?.text === 'the' && gapIsSpace(ctx, next, words[k]!)) k++;
      // two particles in a row: "Maria de la Queillerie", "Rogier van der Weyden"
      else if (PARTICLES.has(conn) && conn !== 'of' && words[k] && PARTICLES.has(words[k]!.text) && gapIsSpace(ctx, next, words[k]!)) k++;
      const after = words[k];
      const allowed =
        (conn === 'of' && OF_HEADS.has(cur.low)) || (PARTICLES.has(conn) && conn !== 'of');
      if (allowed && after && gapIsSpace(ctx, words[k - 1]!, after) && isNameWord(ctx, k, true)) {
        for (let x = j + 1; x <= k; x++) run.push(x);
        j = k;
        continue;
      }
      break;
    }
    runs.push(run);
    i = j + 1;
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------------
// From a run to mentions.

interface Piece {
  idx: number[];
  /** A person title was removed in front of it. */
  titled: boolean;
}

function isTitleWord(w: Word): boolean {
  return TITLES.has(w.low.replace(/-elect$/, '')) && !w.allCaps;
}

function isTitlePart(w: Word): boolean {
  return (isTitleWord(w) || TITLE_MODIFIERS.has(w.low) || STATUS_WORDS.has(w.low)) && !w.place;
}

/** Splits "US President Donald Trump" into "US" and the titled name "Donald Trump". */
function splitTitles(ctx: Ctx, run: number[]): Piece[] {
  while (run.length > 1 && STATUS_WORDS.has(ctx.words[run[0]!]!.low)) run = run.slice(1);
  const ws = run.map((i) => ctx.words[i]!);
  const lastLow = ws[ws.length - 1]?.low ?? '';
  // "Justice Department", "General Assembly Hall": the title word belongs to a name that is not a person
  if (ORG_SUFFIXES.has(lastLow) || PLACE_SUFFIXES.has(lastLow) || THING_SUFFIXES.has(lastLow)) return [{ idx: run, titled: false }];
  for (let t = ws.length - 2; t >= 0; t--) {
    if (!isTitleWord(ws[t]!)) continue;
    // the name starts after the title and any words that complete it ("Secretary of State")
    let n = t + 1;
    while (n < ws.length - 1 && isTitlePart(ws[n]!)) n++;
    if (n >= ws.length || isTitlePart(ws[n]!)) continue;
    let c = t;
    while (c > 0 && isTitlePart(ws[c - 1]!)) c--;
    const pieces: Piece[] = [];
    if (c > 0) pieces.push(...splitTitles(ctx, run.slice(0, c)));
    pieces.push({ idx: run.slice(n), titled: true });
    return pieces;
  }
  return [{ idx: run, titled: false }];
}

/** The word right before a name, also across an appositive comma ("the national airline, X"). */
function wordBefore(ctx: Ctx, w: Word): Word | undefined {
  const i = ctx.words.indexOf(w);
  const prev = i > 0 ? ctx.words[i - 1] : undefined;
  return prev && /^,?\s+$/.test(ctx.text.slice(prev.end, w.start)) ? prev : undefined;
}

/**
 * A common noun that names people ("linebacker", "actors"): the hand list, then WordNet's sort of the noun.
 * wink tags some nouns after an adjective as verbs ("defensive tackle"), which a verb there cannot be.
 */
function isPersonNoun(ctx: Ctx, w: Word): boolean {
  if (PERSON_NOUNS.has(w.low)) return true;
  const noun = w.pos === 'NOUN' || (w.pos === 'VERB' && ctx.words[ctx.words.indexOf(w) - 1]?.pos === 'ADJ');
  return noun && nounSorts().sortOf(w.low) === 'person';
}

/**
 * The noun of an apposition after a name ("X, a bacteriologist who…", "X, the team's veteran receiver"): the
 * first noun among the few lower-case words after the article.
 */
function appositionNoun(ctx: Ctx, last: Word): Word | undefined {
  const i = ctx.words.indexOf(last);
  const article = ctx.words[i + 1];
  if (!article || !/^\s*,\s+$/.test(ctx.text.slice(last.end, article.start)) || !['a', 'an', 'the'].includes(article.low)) return undefined;
  for (let j = i + 2, prev = article; j < i + 6; j++) {
    const w = ctx.words[j];
    if (!w || w.cap || !/^\s+$/.test(ctx.text.slice(prev.end, w.start))) return undefined;
    if (w.pos === 'NOUN') return w;
    prev = w;
  }
  return undefined;
}

function kindOf(ctx: Ctx, piece: Piece, ws: Word[]): EntityKind {
  const first = ws[0]!;
  const last = ws[ws.length - 1]!;
  const text = ctx.text.slice(first.start, last.end);
  const lows = ws.map((w) => w.low);
  if (ORG_SUFFIXES.has(last.low) && ws.length > 1) return 'organisation';
  if (ws.length > 2 && lows[1] === 'of') {
    if (ORG_HEADS.has(first.low)) return 'organisation';
    if (PLACE_HEADS.has(first.low)) return 'place';
  }
  if (piece.titled) return 'person';
  if (isPlaceName(text) || (ws.length === 1 && first.place)) return 'place';
  if (ws.every((w) => isAcronym(w))) return 'organisation';
  if (ws.length > 1 && (PLACE_SUFFIXES.has(last.low) || PLACE_FIRST.has(first.low))) return 'place';
  if (ws.length > 1 && THING_SUFFIXES.has(last.low)) return 'other';

  // "Denver Broncos", "Missouri Republicans": a place and a plural are a team or a group
  const placeFirst = !!first.place || isPlaceName(first.text);
  if (placeFirst && ws.length > 1 && /[^s]s$/.test(last.low)) return 'organisation';
  const prev = wordBefore(ctx, first);
  if (prev && !prev.cap) {
    if (ORG_NOUNS.has(prev.low)) return 'organisation';
    if (isPersonNoun(ctx, prev) && !placeFirst) return 'person';
    if (PLACE_NOUNS.has(prev.low)) return 'place';
  }
  const after = ctx.text.slice(last.end);
  if (/^['’]?\s*,\s+who\b/.test(after)) return 'person';
  // "Cesar Sayoc, 56, of Aventura": news gives a person's age between commas after the name
  if (/^\s*,\s+\d{1,3}\s*,/.test(after) && !placeFirst) return 'person';
  const appos = appositionNoun(ctx, last);
  if (appos && isPersonNoun(ctx, appos)) return 'person';
  if (ORG_SUFFIXES.has(last.low) && !last.allCaps && ws.length === 1) return 'other';
  const core = ws.filter((w) => !isInitial(w) && !PARTICLES.has(w.text) && !NAME_SUFFIXES.has(w.low));
  if (ws.slice(0, -1).some(isInitial) && core.length >= 2 && !placeFirst) return 'person';
  if (core.length >= 2 && core.length <= 4 && isGivenName(core[0]!.low) && !ws.some((w) => w.allCaps)) return 'person';
  if (ws.length === 1 && first.pos === 'PROPN' && !first.allCaps && isGivenName(first.low)) return 'person';
  const next = /^\s+(\p{Ll}+)/u.exec(after)?.[1];
  if (core.length >= 2 && next && SPEECH_VERBS.has(next) && !placeFirst) return 'person';
  // "in Lviv" is a place; "in Luther's name" and "resulting in Manning reclaiming…" are not
  const verbAfter = ctx.words[ctx.words.indexOf(last) + 1]?.pos === 'VERB';
  if (ws.length === 1 && !last.possessive && !verbAfter && prev && ['in', 'into', 'near', 'across', 'throughout'].includes(prev.text)) return 'place';
  return 'other';
}

/**
 * The names in one sentence: runs of proper nouns with their titles removed (kept as a kind cue),
 * possessives cut, demonyms ("Norwegian"), months, weekdays and clause-initial common words left out.
 * `text` is verbatim from the sentence at `start`; `key` is the name's own skeleton until
 * {@link groupNames} assigns group keys.
 */
export function extractEntities(sentence: AnalysedSentence): EntityMention[] {
  const text = sentence.text;
  const base = readWords(sentence);
  const ctx: Ctx = { words: [], text, titleCase: isTitleCase(base) };
  ctx.words = joinPlaces(base, text);
  const out: EntityMention[] = [];
  for (const run of findRuns(ctx)) {
    for (const piece of splitTitles(ctx, run)) {
      const ws = piece.idx.map((i) => ctx.words[i]!);
      // title words left alone ("the President said") and demonyms ("Norwegian") are not names
      if (!ws.length) continue;
      if (ws.every((w) => isTitlePart(w) || PARTICLES.has(w.text))) continue;
      if (ws.every((w) => isDemonym(w.text) && !w.place)) continue;
      if (ws.length === 1 && LONE_ADJECTIVES.has(ws[0]!.low)) continue;
      if (ws.every((w) => isInitial(w) || NAME_SUFFIXES.has(w.low) || /^[IVXLCDM]+$/.test(w.text))) continue;
      // a capitalised "verb" that reached this far stands mid-sentence, where verbs are not capitalised
      const strong = ws.some((w) => w.pos === 'PROPN' || w.pos === 'VERB' || w.allCaps || !!w.place) || ORG_SUFFIXES.has(ws[ws.length - 1]!.low);
      if (!strong) continue;
      const first = ws[0]!;
      const last = ws[ws.length - 1]!;
      const mentionText = text.slice(first.start, last.end);
      // "President of the United States": the place stays, the title goes
      const kind = piece.titled && ws.length === 1 && first.place ? 'place' : kindOf(ctx, piece, ws);
      out.push({ text: mentionText, kind, key: provisionalKey(mentionText), start: first.start });
    }
  }
  return out;
}

/** The key of a name as recognised, before grouping gives it its group's (`text` as written). */
export function provisionalKey(text: string): string {
  return skeletonOf(text).join('-');
}
