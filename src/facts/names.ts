/**
 * Names of people, places and organisations: read from each sentence, then grouped across the corpus so
 * that every spelling of one name ("Zelenskyy", "Mr Zelensky", "Volodymyr Zelensky") shares a key.
 *
 * wink's lite model tags proper nouns but does not type them, so the kind of a name comes from cues that
 * hold in any news story: titles (Mr, President), organisation suffixes (Agency, Party), a table of world
 * places, acronyms, and the words around the name ("news agency X", "X, a lawyer", "in X").
 */
import Fuse from 'fuse.js';
import type { AnalysedSentence, Token } from '../text/analyse.js';
import type { EntityKind, EntityMention, NameGroup } from '../types.js';
import { MAX_PLACE_WORDS, canonicalPlace, isDemonym, isPlaceName } from './places.js';
import { isGivenName } from './givenNames.js';
import { nounSorts } from '../text/nounSorts.js';
import { MONTH_WORDS, WEEKDAY_WORDS } from '../text/calendar.js';
import {
  SURNAME_THRESHOLD, foldName, nameWords, sameGivenName, sameSkeleton, sameWord, skeletonOf, skeletonWord,
} from './nameKey.js';

// ---------------------------------------------------------------------------------------------------
// Word lists: general English and news conventions, no story-specific names.

function set(words: string): Set<string> {
  return new Set(words.trim().split(/\s+/));
}

/** Titles before a person's name; used as a kind cue and removed from the name. */
const TITLES = set(`
mr mrs ms miss mx messrs mme dr prof professor sir dame lord lady president vice-president premier chancellor
minister secretary senator sen rep representative congressman congresswoman governor gov mayor judge justice
general gen lt lieutenant col colonel maj captain capt sgt sergeant admiral adm commander cmdr officer detective
ambassador envoy speaker leader chairman chairwoman commissioner director sheriff attorney counsel prosecutor
king queen prince princess emperor empress pope rev reverend father bishop archbishop cardinal rabbi imam sheikh
ayatollah spokesman spokeswoman spokesperson secretary-general tsar czar sultan emir duke duchess earl countess
baron baroness marshal brigadier corporal coach dean administrator marquis marquess viscount
`);

/** Words that build a title together with one of {@link TITLES}: "Foreign Minister", "Secretary of State". */
const TITLE_MODIFIERS = set(`
foreign prime vice deputy defense defence interior finance justice health home chief attorney former acting
senior junior majority minority supreme press executive special first crown grand assistant associate
lieutenant brigadier major field rear state national security adviser advisor opposition general presidential
ex then late labour labor education trade economy economic energy environment transport culture agriculture
treasury commerce homeland intelligence armed services select judiciary parliamentary federal regional provincial
affairs of the and
`);

/** Last words that make a name an organisation. */
const ORG_SUFFIXES = set(`
agency ministry party union council committee court bank airlines airline airways inc corp corporation company
co ltd llc plc group times news post journal press network institute university college school department
bureau office commission association federation foundation organisation organization parliament congress
senate assembly church army navy force forces police service services administration authority board fund
trust league club society museum hospital campaign coalition alliance movement front watch broadcasting
television radio channel tribune herald telegraph gazette review magazine motors electric industries holdings
partners systems technologies media international guard corps cabinet government brigade regiment academy
centre center reserve exchange tribunal commission house agency library station studios records publishing
caucus division unit conference democrats republicans tories conservatives liberals socialists
`);

/** Words in front of a name or title that describe the person's status, not their name: "Former Trump aide". */
const STATUS_WORDS = set('former then late acting ex current incoming outgoing disgraced embattled veteran');

/** Last words that make a name a place: "James River", "Assembly Hall". */
const PLACE_SUFFIXES = set(`
street avenue road square bridge river mountains mountain island islands lake park airport hall castle palace
tower cathedral abbey valley bay coast county district province region forest desert canal harbour harbor beach
heights plaza stadium arena
`);

/** First words that make a name a place: "Fort Duquesne", "Mount Everest", "Port Charles". */
const PLACE_FIRST = set('fort mount mt lake port cape camp');

/** Last words of events, eras and works, which are never people even after a given name ("Roman Empire"). */
const THING_SUFFIXES = set(`
empire dynasty war wars revolution conquest treaty crisis affair scandal act bill prize award cup bowl games
olympics festival day era age period christmas sports adventures show series reform reformation doctrine
`);

/** First words that, followed by "of", make an organisation: "University of …", "Bank of …". */
const ORG_HEADS = set(`
university bank department ministry bureau institute museum college school church house court council commission
committee office board chamber academy center centre society association federation union league order congress
parliament assembly senate government
`);

/** First words that, followed by "of", make a place: "Republic of …", "Gulf of …". */
const PLACE_HEADS = set(`
republic kingdom duchy principality empire province state city county gulf bay isle isles sea cape lake mount
port strait island islands
`);

/** Words after which "of" continues a name (the heads above, titles, events). */
const OF_HEADS = new Set([
  ...ORG_HEADS, ...PLACE_HEADS, ...TITLES,
  ...set('battle siege treaty peace edict act war diet secretary minister bishop'),
]);

/** Lower-case particles inside names: "Leo van der Berg", "Rio de Janeiro", "bin Salman". */
const PARTICLES = set('de del della di da do dos das du van von der den ter la le bin ibn al el y upon');

/** Suffixes that belong to a person's name and distinguish father from son. */
const NAME_SUFFIXES = set('jr sr ii iii iv v');


/** Capitalised words that start sentences or clauses but are never names. */
const NEVER_NAMES = set(`
i the a an this that these those it he she we they you his her their our my its there here when while if as
after before but and or so yet among since until although though despite however meanwhile also still then now
earlier later last next some many most all no not why what who whom where how which one two three every each
such other another both either neither nor for from with without into onto upon over under about above below
between through during again further once today tonight tomorrow yesterday please thanks yes read sign more
image photo photograph picture video caption advertisement related
`);

/** Times of day and time zones: capitalised, often all-caps, never names. */
const TIME_WORDS = set('am pm a.m p.m gmt utc bst cet cest est edt cst cdt mst mdt pst pdt ist eet eest msk aest jst');

/** Adjectives of direction or era that are not names on their own ("Western nations"). */
const LONE_ADJECTIVES = set('western eastern northern southern central soviet medieval ancient modern early late');

/** Abbreviations whose final dot belongs to the word. */
const DOTTED_ABBREVIATIONS = set('mr mrs ms dr prof st jr sr gen sen rep gov lt col sgt capt maj adm cmdr rev inc corp co ltd mt ft messrs mme');

/** Lower-case nouns that, right before a name, say what it names. */
const PERSON_NOUNS = set(`
president minister secretary spokesman spokeswoman spokesperson leader senator lawyer attorney campaigner activist
dissident journalist envoy ambassador chairman chairwoman candidate adviser advisor aide director founder author
reporter correspondent editor professor husband wife son daughter father mother brother sister friend colleague
cousin player coach judge governor mayor general officer citizen resident opponent rival critic prisoner blogger
writer poet singer actor actress artist businessman businesswoman billionaire economist analyst historian
scientist researcher deputy representative congressman congresswoman lawmaker legislator politician commander chief
prosecutor counsel pastor priest bishop king queen prince princess emperor photographer student teacher doctor
nurse widow uncle aunt grandson granddaughter nephew niece boyfriend girlfriend partner assistant manager owner
executive chancellor premier dictator ruler strongman figure champion captain star striker goalkeeper presenter
host comedian director producer composer musician novelist architect engineer inventor explorer philosopher
theologian monk pope saint
`);
const ORG_NOUNS = set(`
agency company firm group party newspaper outlet broadcaster airline carrier bank network channel website
organisation organization union ministry daily weekly magazine tabloid station manufacturer maker retailer startup
charity nonprofit watchdog regulator movement coalition alliance club team university college school institute
platform app service brand publisher insurer lender operator giant conglomerate band label studio
`);
const PLACE_NOUNS = set('city town village capital region province county district country island port suburb neighbourhood neighborhood municipality');

const SPEECH_VERBS = set(`
said says told added wrote posted tweeted stated noted explained insisted warned announced asked replied responded
confirmed denied argued claimed continued recalled acknowledged admitted testified argues claims writes notes
suggests suggested believes believed explains insists warns recalls adds asks
`);

// ---------------------------------------------------------------------------------------------------
// Words of a sentence: wink splits "Nausėda" at the accented letter and "al-Assad" at the hyphen, so
// name words are read from the text and wink's tags are looked up by offset.

interface Word {
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

function readWords(sentence: AnalysedSentence): Word[] {
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

const wordShapes = new Map<string, WordShape>();
/** The shape of a word, remembered: a few Unicode regular expressions per word, on every word of every sentence. */
function shapeOf(text: string): WordShape {
  let shape = wordShapes.get(text);
  if (shape === undefined) {
    const letters = text.replace(/[^\p{L}]/gu, '');
    const first = letters[0] ?? '';
    // "al-Assad", "bin-Laden": a lower-case particle glued to a capitalised name
    const glued = /^(?:al|el|ad|as|bin|ibn|d|l)['’-]\p{Lu}/u.test(text);
    shape = {
      low: foldName(text).replace(/\./g, ''),
      cap: glued || (first !== '' && first === first.toUpperCase() && first !== first.toLowerCase()),
      allCaps: letters.length >= 2 && letters === letters.toUpperCase(),
    };
    if (wordShapes.size >= 200_000) wordShapes.clear();
    wordShapes.set(text, shape);
  }
  return shape;
}

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
function joinPlaces(words: Word[], text: string): Word[] {
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

function isInitial(w: Word): boolean {
  return /^\p{Lu}\.$/u.test(w.text);
}

function isAcronym(w: Word): boolean {
  return (w.allCaps && w.low.length >= 2 && w.low.length <= 6 && !NAME_SUFFIXES.has(w.low)) || /^(?:\p{Lu}\.){2,}$/u.test(w.text);
}

/** Capitalised words of a line set in title case ("Senate Passes 12 Spending Bills") carry no case signal. */
function isTitleCase(words: Word[]): boolean {
  const long = words.filter((w) => w.low.length >= 4);
  return long.length >= 3 && long.every((w) => w.cap);
}

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

function provisionalKey(text: string): string {
  return skeletonOf(text).join('-');
}

// ---------------------------------------------------------------------------------------------------
// Grouping across the corpus.

interface Form {
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

function analyseForm(text: string): Omit<Form, 'count' | 'votes' | 'sentences' | 'initialOnly'> {
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

function dominantKind(votes: Record<EntityKind, number>): EntityKind {
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

function compatible(a: EntityKind, b: EntityKind): boolean {
  return a === b || a === 'other' || b === 'other';
}

/**
 * First-letter class of a skeleton: the letters {@link firstLettersCompatible} lets swap share a class, so
 * pairwise comparisons only run inside a class.
 */
function soundClass(skel: string): string {
  const c = skel[0] ?? '';
  if ('ckt'.includes(c)) return 'k';
  if (c === 'h') return 'g';
  if (c === 'j') return 'i';
  return c;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Calls `visit` for every pair of items whose skeletons could pass {@link sameSkeleton}: same sound
 * class, lengths close enough. Items are sorted by skeleton length so the inner loop can stop early.
 */
function forCandidatePairs(items: number[], skelOf: (i: number) => string, visit: (a: number, b: number) => void): void {
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

/** How much more often the leading full name must be mentioned for a shared surname to go to it. */
const DOMINANT_RATIO = 3;
/** A surname mentioned alone more than this many times as often as its full name stays apart. */
const MAX_SURNAME_RATIO = 20;

class UnionFind {
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

function personLike(f: Form, kind: EntityKind): boolean {
  return (kind === 'person' || kind === 'other') && !f.place && !f.orgSuffix && !f.acronym;
}

/**
 * Full names that can be the same person: surnames and given names agree, middle names agree where
 * both have them, no conflicting Jr or initial.
 */
function sameFullName(a: Form, b: Form, people: boolean): boolean {
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
function isPlural(a: string, b: string): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 4 && (l === `${s}s` || l === `${s}es`);
}

/** Initials of the capitalised words of a name: "European Union" → "eu", "Federal Bureau of Investigation" → "fbi". */
function initialsOf(text: string): string {
  return text
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => foldName(w)[0] ?? '')
    .join('');
}

/**
 * Groups every name mentioned in the corpus with its spelling variants: same skeleton (diacritics,
 * transliteration: Zelenskyy / Zelensky), full names whose surname and given name agree
 * (Mykhailo Fedorov / Mikhail Fedorov), surname-only and titled mentions joined to the one
 * full name they can belong to, acronyms to their one expansion (EU / European Union), and the names of
 * one country (UK / Britain). The display is the most frequent full form; the key is the kind plus the
 * skeleton of the display, so it is stable for one corpus.
 */
export function groupNames(mentions: Array<{ sentenceId: number; mention: EntityMention }>): NameGroup[] {
  const tally = new NameTally();
  for (const { sentenceId, mention } of mentions) tally.add(sentenceId, mention);
  return tally.groups();
}

/**
 * The mentions {@link groupNames} needs, counted per written form as they are read: a large corpus has
 * millions of mentions but far fewer forms, so a caller reading a corpus article by article need not
 * keep one object per mention until the end.
 */
export class NameTally {
  private readonly byText = new Map<string, Form>();

  add(sentenceId: number, mention: Pick<EntityMention, 'text' | 'kind' | 'start'>): void {
    const text = mention.text.replace(/(?:['’]s|['’])$/u, '').trim();
    if (!text) return;
    let f = this.byText.get(text);
    if (!f) {
      f = {
        ...analyseForm(text),
        count: 0,
        votes: { person: 0, place: 0, organisation: 0, other: 0 },
        sentences: [],
        initialOnly: true,
      };
      this.byText.set(text, f);
    }
    f.count++;
    if (mention.start > 2) f.initialOnly = false;
    f.votes[mention.kind]++;
    // sentences usually come in order, so a repeat is usually the last one seen (sorted out in groups())
    if (f.sentences[f.sentences.length - 1] !== sentenceId) f.sentences.push(sentenceId);
  }

  /** The groups of every name added (see {@link groupNames}); the tally is not to be used after. */
  groups(): NameGroup[] {
    for (const f of this.byText.values()) f.sentences = sortedUnique(f.sentences);
    return groupForms([...this.byText.values()]);
  }
}

/** `ids` sorted, without repeats (in place when already so). */
function sortedUnique(ids: number[]): number[] {
  let ordered = true;
  for (let i = 1; i < ids.length && ordered; i++) ordered = ids[i - 1]! < ids[i]!;
  return ordered ? ids : [...new Set(ids)].sort((a, b) => a - b);
}

/** Whether sorted `ids` holds `id`. */
function holds(ids: readonly number[], id: number): boolean {
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

function groupForms(unsorted: Form[]): NameGroup[] {
  const forms = unsorted.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const kinds = forms.map((f) => dominantKind(f.votes));
  const uf = new UnionFind(forms.length);

  // same skeleton, or the same known place under another name; a known place only meets other spellings
  // of itself, so "Albania" and "Albany" stay apart even though their skeletons agree
  const bySkel = new Map<string, number>();
  const byPlace = new Map<string, number>();
  forms.forEach((f, i) => {
    const k = f.place ? `place ${f.words.join(' ')}` : f.skel.join(' ');
    const j = bySkel.get(k);
    if (j === undefined) bySkel.set(k, i);
    else uf.union(i, j);
    if (f.place) {
      const p = byPlace.get(f.place);
      if (p === undefined) byPlace.set(f.place, i);
      else uf.union(i, p);
    }
  });

  const multi = forms
    .map((f, i) => i)
    .filter((i) => {
      const f = forms[i]!;
      return f.core.length >= 2 && personLike(f, kinds[i]!) && !f.acronymWord && !f.placeFirst;
    });
  const single = forms
    .map((f, i) => i)
    .filter((i) => {
      const f = forms[i]!;
      // a word only ever seen opening a sentence is too weak to join anything
      const weak = f.initialOnly && kinds[i] === 'other';
      return f.words.length === 1 && !f.acronym && !f.place && !f.orgSuffix && !f.acronymWord && !weak;
    });
  const lastSkel = (i: number) => forms[i]!.coreSkel[forms[i]!.coreSkel.length - 1]!;

  // full names spelled differently
  forCandidatePairs(multi, lastSkel, (a, b) => {
    if (compatible(kinds[a]!, kinds[b]!) && sameFullName(forms[a]!, forms[b]!, kinds[a] === 'person' && kinds[b] === 'person')) uf.union(a, b);
  });
  // one-word names: spelling variants of people's surnames, and plurals of anything ("Clinton", "Clintons")
  forCandidatePairs(single, (i) => forms[i]!.skel[0]!, (x, y) => {
    const a = forms[x]!;
    const b = forms[y]!;
    if (!compatible(kinds[x]!, kinds[y]!)) return;
    // two people's surnames may differ by a final s (Roger / Rogers); families and groups may not
    const people = kinds[x] === 'person' && kinds[y] === 'person';
    if (people ? sameSkeleton(a.words[0]!, a.skel[0]!, b.words[0]!, b.skel[0]!) : isPlural(a.words[0]!, b.words[0]!)) uf.union(x, y);
  });

  // a surname alone joins the full name it can belong to: the only one, or one mentioned far more often
  // than any other with that surname (Donald Trump, not Donald Trump Jr.)
  const lastOf = new Map<string, Array<{ m: number; w: string; s: string; person: boolean }>>();
  for (const m of multi) {
    const f = forms[m]!;
    const sk = lastSkel(m);
    pushTo(lastOf, soundClass(sk), { m, w: f.core[f.core.length - 1]!, s: sk, person: kinds[m] === 'person' });
  }
  const rootSize = new Map<number, number>();
  forms.forEach((f, i) => rootSize.set(uf.find(i), (rootSize.get(uf.find(i)) ?? 0) + f.count));
  const singleRoots = new Map<number, number[]>();
  for (const i of single) {
    const f = forms[i]!;
    if (!personLike(f, kinds[i]!) || f.text === f.text.toUpperCase()) continue;
    // a given name alone ("Michael") is more often someone else than the surname of a full name
    if (kinds[i] !== 'person' && isGivenName(f.words[0]!)) continue;
    pushTo(singleRoots, uf.find(i), i);
  }
  const joins: Array<[number, number]> = [];
  for (const [root, members] of singleRoots) {
    const exactTargets = new Set<number>();
    const fuzzyTargets = new Set<number>();
    for (const i of members) {
      const f = forms[i]!;
      const person = kinds[i] === 'person';
      for (const l of lastOf.get(soundClass(f.skel[0]!)) ?? []) {
        // one side must be known as a person, or "World" would join "Walt Disney World"; a spelling that
        // is only similar needs both sides known as people
        if (f.skel[0] === l.s) {
          if (person || l.person) exactTargets.add(uf.find(l.m));
        } else if (person && l.person && sameSkeleton(f.words[0]!, f.skel[0]!, l.w, l.s)) {
          fuzzyTargets.add(uf.find(l.m));
        }
      }
    }
    const targets = exactTargets.size ? exactTargets : fuzzyTargets;
    targets.delete(root);
    const size = (r: number | undefined) => (r === undefined ? 0 : rootSize.get(r) ?? 0);
    const ranked = [...targets].sort((a, b) => size(b) - size(a) || a - b);
    const top = ranked[0];
    if (top === undefined) continue;
    if (ranked.length > 1 && size(top) < DOMINANT_RATIO * size(ranked[1])) continue;
    // a word not known as a person and used far more often alone than the full name is a word of its own
    // ("Huguenots" is not the surname of "Norman Huguenots"); "Mr. Stone" may well outnumber "Roger Stone"
    const knownPerson = members.some((i) => kinds[i] === 'person');
    if (!knownPerson && size(root) > MAX_SURNAME_RATIO * size(top)) continue;
    joins.push([root, top]);
  }
  // joined after the search so that one join does not change which full names another surname sees
  for (const [a, b] of joins) uf.union(a, b);

  // an acronym joins its one expansion, when the expansion is clearly an organisation or place, or the two
  // appear close together (an expansion is usually spelled out next to its acronym)
  const expansions = new Map<string, number[]>();
  forms.forEach((g, j) => {
    if (g.words.length < 2 || kinds[j] === 'person' || g.acronymWord) return;
    pushTo(expansions, initialsOf(g.text), j);
  });
  forms.forEach((f, i) => {
    if (!f.acronym) return;
    const cands = expansions.get(f.words[0]!) ?? [];
    const roots = new Set(cands.map((j) => uf.find(j)));
    if (roots.size !== 1) return;
    const near = cands.some((j) => {
      const g = forms[j]!;
      if (g.orgSuffix || g.place) return true;
      for (const s of f.sentences) for (let d = -3; d <= 3; d++) if (holds(g.sentences, s + d)) return true;
      return false;
    });
    if (near) uf.union(i, [...roots][0]!);
  });

  const members = new Map<number, number[]>();
  forms.forEach((_, i) => {
    const r = uf.find(i);
    pushTo(members, r, i);
  });

  const groups: NameGroup[] = [];
  for (const idx of members.values()) {
    const fs = idx.map((i) => forms[i]!);
    const votes: Record<EntityKind, number> = { person: 0, place: 0, organisation: 0, other: 0 };
    for (const f of fs) for (const k of Object.keys(votes) as EntityKind[]) votes[k] += f.votes[k];
    const kind = dominantKind(votes);
    // a lone capitalised word seen only at the start of sentences is a common word ("Thousands", "Top")
    if (kind === 'other' && fs.every((f) => f.initialOnly && f.words.length === 1)) continue;
    const display = pickDisplay(fs);
    const sentences = new Set<number>();
    for (const f of fs) for (const s of f.sentences) sentences.add(s);
    groups.push({
      key: `${kind}:${skeletonOf(display).join('-')}`,
      display,
      kind,
      variants: [...fs].sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1)).map((f) => f.text),
      sentences: [...sentences].sort((a, b) => a - b),
    });
  }
  groups.sort((a, b) => b.sentences.length - a.sentences.length || (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  // equal skeletons of unrelated names would share a key; number the later ones
  const seen = new Map<string, number>();
  for (const g of groups) {
    const n = seen.get(g.key) ?? 0;
    seen.set(g.key, n + 1);
    if (n > 0) g.key = `${g.key}~${n + 1}`;
  }
  return groups;
}

/** The most frequent full form, preferring mixed case over a dateline's capitals. */
function pickDisplay(fs: Form[]): string {
  const shouting = (f: Form) => !f.acronym && f.text === f.text.toUpperCase();
  const pool0 = fs.filter((f) => !shouting(f));
  const pool1 = pool0.length ? pool0 : fs;
  const full = pool1.filter((f) => f.core.length >= 2);
  const pool = full.length ? full : pool1;
  const best = [...pool].sort(
    (a, b) => b.count - a.count || b.text.length - a.text.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
  )[0];
  return best?.text ?? fs[0]?.text ?? '';
}

/**
 * Puts the group keys on mentions read by {@link extractEntities}, so that every spelling of one name
 * carries the same key. A mention whose own sentence gave no cue to its kind takes its group's ("Newton's
 * hands" is the person introduced as "quarterback Cam Newton").
 */
export function withGroupKeys(mentions: EntityMention[], groups: NameGroup[]): EntityMention[] {
  const index = variantIndex(groups);
  return mentions.map((m) => {
    // grouping has already decided where each mention belongs: a mention it dropped stays without a
    // group rather than being matched fuzzily again (which also made loading slow on large corpora)
    const text = m.text.replace(/(?:['’]s|['’])$/u, '').trim();
    const group = index.exact.get(text) ?? index.folded.get(queryWords(text).join(' '));
    if (!group) return m;
    return { ...m, key: group.key, kind: m.kind === 'other' ? group.kind : m.kind };
  });
}

// ---------------------------------------------------------------------------------------------------
// Looking names up.

interface VariantEntry {
  g: number;
  /** Folded words joined by spaces. */
  text: string;
  words: string[];
  skels: string[];
}

interface VariantIndex {
  exact: Map<string, NameGroup>;
  folded: Map<string, NameGroup>;
  /** What a typed name is looked up in; made on first use (see {@link variantIndex}). */
  fuzzy(): FuzzyIndex;
}

interface FuzzyIndex {
  skeleton: Map<string, NameGroup>;
  entries: VariantEntry[];
  fuse: Fuse<VariantEntry>;
}

// Lookups are repeated on the same group list (autocomplete, every question), so its index is kept
// for as long as the list lives; the list is treated as immutable.
const INDEXES = new WeakMap<NameGroup[], VariantIndex>();

/**
 * The lookups of a group list. Keying a corpus's names as it is loaded needs only the exact and folded
 * spellings: what a typed name is looked up in (skeletons, every variant's words, a fuse.js index) is
 * made when a name is first looked up, not at the end of a cold load, whose peak memory it added to.
 */
function variantIndex(groups: NameGroup[]): VariantIndex {
  const cached = INDEXES.get(groups);
  if (cached) return cached;
  const exact = new Map<string, NameGroup>();
  const folded = new Map<string, NameGroup>();
  groups.forEach((g) => {
    for (const v of g.variants) {
      if (!exact.has(v)) exact.set(v, g);
      const f = nameWords(v).join(' ');
      // groups are sorted by mentions, so a form shared by two groups resolves to the bigger one
      if (!folded.has(f)) folded.set(f, g);
    }
  });
  let fuzzy: FuzzyIndex | null = null;
  const index: VariantIndex = { exact, folded, fuzzy: () => (fuzzy ??= fuzzyIndex(groups)) };
  INDEXES.set(groups, index);
  return index;
}

function fuzzyIndex(groups: NameGroup[]): FuzzyIndex {
  const skeleton = new Map<string, NameGroup>();
  const entries: VariantEntry[] = [];
  groups.forEach((g, gi) => {
    for (const v of g.variants) {
      const words = nameWords(v);
      const skels = words.map(skeletonWord);
      const sk = skels.join(' ');
      if (!skeleton.has(sk)) skeleton.set(sk, g);
      entries.push({ g: gi, text: words.join(' '), words, skels });
    }
  });
  const fuse = new Fuse(entries, { keys: ['text'], includeScore: true, threshold: 0.3, ignoreLocation: true });
  return { skeleton, entries, fuse };
}

/** Folded words of a name typed by a user, without titles or a possessive: "Mr Zelenskyy's" → zelenskyy. */
function queryWords(query: string): string[] {
  const ws = nameWords(query.replace(/(?:['’]s|['’])(?=\s|$)/gu, ''));
  let i = 0;
  while (i < ws.length - 1 && (TITLES.has(ws[i]!) || TITLE_MODIFIERS.has(ws[i]!))) i++;
  return ws.slice(i);
}

/**
 * Names matching what a user typed, best first: an exact spelling (any case or accents), a spelling
 * with the same skeleton ("Zelenskiy"), names whose words start with the typed words ("zel"), then
 * fuzzy matches over every variant ("Zelensy"). Ties go to the name mentioned in more sentences.
 */
export function findNames(query: string, groups: NameGroup[], limit = 10): NameGroup[] {
  return rankNames(query, groups)
    .slice(0, limit)
    .map(([gi]) => groups[gi]!);
}

/** Scores of the groups matching a query, best first, as [group index, score]. */
function rankNames(query: string, groups: NameGroup[]): Array<[number, number]> {
  const qw = queryWords(query);
  if (!qw.length || !groups.length) return [];
  const q = qw.join(' ');
  const qs = qw.map(skeletonWord);
  const qsk = qs.join(' ');
  const index = variantIndex(groups);
  const score = new Map<number, number>();
  const bump = (gi: number, s: number) => score.set(gi, Math.max(score.get(gi) ?? 0, s));

  for (const e of index.fuzzy().entries) {
    if (e.text === q) bump(e.g, 1);
    else if (e.skels.join(' ') === qsk) bump(e.g, 0.95);
    else if (e.text.startsWith(q)) bump(e.g, 0.9);
    // every typed word starts, or spells, a word of the name: "don trump", "zelenskiy"
    else if (qw.every((w, i) => e.words.some((x, j) => x.startsWith(w) || (w.length >= 4 && sameSkeleton(w, qs[i]!, x, e.skels[j]!))))) {
      bump(e.g, 0.85);
    }
  }
  for (const r of index.fuzzy().fuse.search(q)) bump(r.item.g, 0.8 * (1 - (r.score ?? 1)));
  return [...score.entries()]
    .filter(([, s]) => s >= 0.3)
    .sort((a, b) => b[1] - a[1] || groups[b[0]]!.sentences.length - groups[a[0]]!.sentences.length || a[0] - b[0]);
}

/**
 * The key of the group whose spellings include `text` as written (case and accents aside), or undefined.
 * A lookup in a table: cheap enough for every question, unlike {@link nameKeyOf}'s fuzzy search.
 */
export function spelledNameKeyOf(text: string, groups: NameGroup[]): string | undefined {
  const qw = queryWords(text);
  return qw.length && groups.length ? variantIndex(groups).folded.get(qw.join(' '))?.key : undefined;
}

/**
 * The key of the group a name written in a question belongs to ("Zelenskiy", "walesa", "Mr Trump"),
 * or undefined when no group is a confident match: an exact or same-skeleton spelling, a surname carried
 * by one name only, every typed word spelling a word of one name, or a close fuzzy match.
 */
export function nameKeyOf(text: string, groups: NameGroup[]): string | undefined {
  const qw = queryWords(text);
  if (!qw.length || !groups.length) return undefined;
  const index = variantIndex(groups);
  const exact = index.folded.get(qw.join(' ')) ?? index.fuzzy().skeleton.get(qw.map(skeletonWord).join(' '));
  if (exact) return exact.key;
  if (qw.length === 1) {
    const hits = new Set<number>();
    for (const e of index.fuzzy().entries) {
      if (e.words.length > 1 && sameWord(qw[0]!, e.words[e.words.length - 1]!)) hits.add(e.g);
    }
    if (hits.size === 1) return groups[[...hits][0]!]!.key;
  }
  const ranked = rankNames(text, groups);
  const top = ranked[0];
  if (!top) return undefined;
  const group = groups[top[0]]!;
  const spelled = qw.every((w) => index.fuzzy().entries.some((e) => e.g === top[0] && e.words.some((x) => x === w || (w.length >= 4 && sameWord(w, x)))));
  if (spelled) return group.key;
  // a fuzzy match counts only when close and clearly ahead of the next name
  const next = ranked[1]?.[1] ?? 0;
  return top[1] >= 0.65 && top[1] - next >= 0.1 ? group.key : undefined;
}
