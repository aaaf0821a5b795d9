/**
 * Follow-up questions: a question asked in a thread is read with the thread's earlier questions and answers
 * as context, so that "How many of them were Polish?", "What did he say about it?" or "And the Germans?"
 * ask about what was asked before. Each reference is filled in with a phrase of an earlier turn, verbatim,
 * and the answer shows the question as read, so a wrong reading is seen rather than silently answered.
 *
 * Three kinds of reference, in order:
 * - an elided question, "And the Germans?", "What about last year?": the earlier question with the part of
 *   the same sort (the closest word by meaning, or a date for a date) replaced by the new one;
 * - a pronoun with nothing before it in the question to stand for: "he", "her", "them", "its";
 * - "this coalition", "these talks": the earlier phrase ending in that noun.
 * A question with none of these, or whose references find nothing earlier, is read as asked.
 */
import { SETTINGS } from '../settings.js';
import { analyseParagraph, type Token } from '../text/analyse.js';
import type { WordVectors } from '../text/embeddings.js';
import { nounSorts } from '../text/nounSorts.js';
import { synonyms } from '../text/synonyms.js';
import type { EntityKind } from '../types.js';
import type { Answer, EarlierTurn } from './types.js';

/** A question as read against the earlier turns: `text` is what the engine answers. */
export interface FollowUpReading {
  text: string;
  /** Set when `text` differs from the question asked. */
  readAs?: string;
}


/** What of an answer a later follow-up needs: the question as read, its kind, the short answer and passage. */
export function turnOf(answer: Answer): EarlierTurn {
  const best = answer.answered ? answer.facts[0] : undefined;
  return { question: answer.readAs ?? answer.question, kind: answer.kind, answer: best?.span?.text ?? null, passage: best ? best.text : null };
}

/** What the reading consults: word vectors for an elided question, the coverage's names for their kind. */
export interface FollowUpTools {
  vectors: WordVectors | null;
  /** The kind of a name as the coverage files it, or null when the coverage does not have that name. */
  kindOf(name: string): EntityKind | null;
}

const NO_TOOLS: FollowUpTools = { vectors: null, kindOf: () => null };

type Sort = 'person' | 'plural' | 'thing';

const PRONOUNS: ReadonlyMap<string, { sort: Sort; possessive: boolean }> = new Map([
  ['he', { sort: 'person', possessive: false }],
  ['him', { sort: 'person', possessive: false }],
  ['his', { sort: 'person', possessive: true }],
  ['she', { sort: 'person', possessive: false }],
  ['her', { sort: 'person', possessive: false }],
  ['they', { sort: 'plural', possessive: false }],
  ['them', { sort: 'plural', possessive: false }],
  ['their', { sort: 'plural', possessive: true }],
  ['it', { sort: 'thing', possessive: false }],
  ['its', { sort: 'thing', possessive: true }],
]);

// "that" is left out: after a noun it begins a clause ("the system that Sky+ HD uses")
const DEMONSTRATIVE = /^(this|these|those)$/;
const ELIDED = /^\s*(?:and|but|what about|how about|and what about|and how about)\b[\s,]*(.+?)[\s?.!]*$/i;
const CONTENT = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);
/** Nouns of a question's asking phrase that name a time, never what "it" stands for ("What year was it built?"). */
const TIME_NOUNS = /^(year|day|date|month|time|century|decade|week|season|hour)s?$/;
/** Verbs of "it" standing for the clause after it: "how much did it cost to build", "what is it called when". */
const EXTRAPOSING = /^(cost|take|mean|call|say|believe|assume|discover|suggest|think|know|estimate|report|expect|claim|prefer|seem|appear|happen|consider|require|need|make|possible|true)$/;

const SAYING = /^(say|tell|write|post|tweet|claim|announce|repeat|deny|confirm)$/;

const tokensOf = (text: string): Token[] => analyseParagraph(text).flatMap((s) => s.tokens);
const isCapitalised = (t: Token): boolean => /^\p{Lu}/u.test(t.text);

/** A run of words naming something: nouns, names, adjectives and figures, joined by "'s", "of" or a hyphen. */
interface Chunk {
  start: number;
  end: number;
  tokens: Token[];
  /** Verbatim text, from the source string. */
  text: string;
}

function chunksOf(text: string, tokens: readonly Token[]): Chunk[] {
  const chunks: Chunk[] = [];
  let run: Token[] = [];
  const flush = () => {
    while (run.length && !CONTENT.has(run[run.length - 1]!.pos)) run.pop();
    if (run.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM')) {
      chunks.push({ start: run[0]!.start, end: run[run.length - 1]!.end, tokens: run, text: text.slice(run[0]!.start, run[run.length - 1]!.end) });
    }
    run = [];
  };
  tokens.forEach((t, i) => {
    if (CONTENT.has(t.pos) && !/^(how|many|much|what|which)$/.test(t.norm)) run.push(t);
    // "Maxwell's job", "the Bank of England": one thing
    else if (run.length && (t.norm === "'s" || t.norm === '’s' || (t.norm === 'of' && isCapitalised(run[run.length - 1]!) && tokens[i + 1] && isCapitalised(tokens[i + 1]!)))) run.push(t);
    else flush();
  });
  flush();
  return chunks;
}

/** The chunk with a determiner before it kept ("the talks"), as the text wrote it. */
function withDeterminer(text: string, tokens: readonly Token[], c: Chunk): string {
  const before = tokens[tokens.indexOf(c.tokens[0]!) - 1];
  return before && before.pos === 'DET' && /^(the|a|an)$/.test(before.norm) ? text.slice(before.start, c.end) : c.text;
}

/** Runs of name words ("Gary Kubiak", "National Football League"): capitalised words after the first (the tagger reads some names as verbs). */
function nameRuns(tokens: readonly Token[]): string[] {
  const runs: string[] = [];
  let run: string[] = [];
  tokens.forEach((t, i) => {
    const nameWord = isCapitalised(t) && (i > 0 || t.pos === 'PROPN') && !/^(PRON|DET|AUX|ADP|CCONJ|SCONJ|PUNCT)$/.test(t.pos);
    if (nameWord) run.push(t.text);
    if (!nameWord || i === tokens.length - 1) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    }
  });
  return runs;
}

const isCommonNoun = (word: string): boolean => synonyms().of('noun', word.toLowerCase()).length > 0;

/**
 * Whether a phrase names a person: the coverage files it as one (not as a place or organisation), or, a
 * name the coverage has no kind for, two to five capitalised words not ending in a common noun ("Super
 * Bowl"), or a name given as the answer to "who".
 */
function isPersonName(phrase: string, tools: FollowUpTools, askedWho = false): boolean {
  const words = phrase.split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 5 || !words.every((w) => /^\p{Lu}/u.test(w) || /^(de|van|von|da|al|bin|la|le)$/.test(w))) return false;
  const kind = tools.kindOf(phrase);
  if (kind === 'person') return true;
  if (kind === 'place' || kind === 'organisation') return false;
  // a surname given for "who" is a person even when it is also a word ("Trump"); "Super Bowl" is not
  return words.length >= 2 ? !isCommonNoun(words[words.length - 1]!) : askedWho;
}

/** "the 52 prisoners freed" for a count answered earlier: the figure with what it counts and the verb. */
function countPhrase(turn: EarlierTurn): string | null {
  if (!turn.answer || !/\d|^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?)\b/i.test(turn.answer)) return null;
  const q = tokensOf(turn.question);
  const many = q.findIndex((t, i) => t.norm === 'many' && q[i - 1]?.norm === 'how');
  if (many < 0) return null;
  let counted = '';
  for (let i = many + 1; i < q.length && (q[i]!.pos === 'NOUN' || q[i]!.pos === 'ADJ' || q[i]!.pos === 'PROPN'); i++) counted += ` ${q[i]!.text}`;
  let answer = turn.answer;
  if (!counted && turn.passage) {
    // "How many were freed?" answered "52": what the figure counts is written after it in the passage
    const at = turn.passage.indexOf(turn.answer);
    const after = at >= 0 ? tokensOf(turn.passage.slice(at + turn.answer.length)) : [];
    const nouns: string[] = [];
    for (const t of after) {
      if (t.pos === 'NOUN' || (t.pos === 'ADJ' && !nouns.length)) nouns.push(t.text);
      else break;
      if (t.pos === 'NOUN' && nouns.length >= 2) break;
    }
    if (nouns.length) answer = `${turn.answer} ${nouns.join(' ')}`;
  }
  const verb = [...q].reverse().find((t) => t.pos === 'VERB' && /(ed|en|t)$/.test(t.norm));
  const counts = `${answer}${counted}`;
  return `the ${verb ? `${counts} ${verb.text}` : counts}`;
}

/** What a pronoun of a sort stands for in one earlier turn, or null. */
function antecedentIn(turn: EarlierTurn, sort: Sort, possessive: boolean, tools: FollowUpTools): string | null {
  const tokens = tokensOf(turn.question);
  const chunks = chunksOf(turn.question, tokens);
  if (sort === 'person') {
    if (turn.answer && isPersonName(turn.answer, tools, turn.kind === 'who')) return turn.answer;
    return nameRuns(tokens).find((n) => isPersonName(n, tools)) ?? null;
  }
  if (sort === 'plural') {
    const counted = turn.kind === 'how-many' && !possessive ? countPhrase(turn) : null;
    if (counted) return counted;
    const plural = chunks.find((c) => {
      const head = c.tokens[c.tokens.length - 1]!;
      return (head.pos === 'NOUN' || head.pos === 'PROPN') && /s$/i.test(head.text) && head.lemma.toLowerCase() !== head.norm && !TIME_NOUNS.test(head.norm);
    });
    return plural ? withDeterminer(turn.question, tokens, plural) : null;
  }
  // a thing: the earlier answer when it was a thing, else what the earlier question was about
  if (turn.answer && /^(what|which)$/.test(turn.kind) && !isPersonName(turn.answer, tools)) return turn.answer;
  const things = chunks.filter((c) => {
    const head = c.tokens[c.tokens.length - 1]!;
    return !TIME_NOUNS.test(head.norm) && !isPersonName(c.text, tools) && nounSorts().sortOf(head.lemma.toLowerCase()) !== 'person';
  });
  const topic = things.sort((a, b) => b.tokens.length - a.tokens.length)[0];
  return topic ? withDeterminer(turn.question, tokens, topic) : null;
}

const possessive = (phrase: string): string => (/s$/i.test(phrase) ? `${phrase}'` : `${phrase}'s`);

/** "How much did it cost to build…", "What is it called when…": an "it" that stands for a clause after it. */
function isExtraposed(tokens: readonly Token[], i: number): boolean {
  const after = tokens.slice(i + 1);
  const marker = after.findIndex((t, j) => /^(that|whether|when|if|for)$/.test(t.norm) || (t.norm === 'to' && after[j + 1]?.pos === 'VERB'));
  if (marker < 0) return false;
  const governing = after.slice(0, marker).find((t) => t.pos === 'VERB' || t.pos === 'ADJ' || t.pos === 'NOUN');
  // "was it declared that…": a clause of what was said or known is what "it" stands for
  if (governing?.pos === 'VERB' && /^(that|whether)$/.test(after[marker]!.norm)) return true;
  return !governing || governing.pos === 'ADJ' || EXTRAPOSING.test(governing.lemma.toLowerCase());
}

/**
 * A pronoun is free when nothing in the question can be what it stands for: for "he" or "she", no
 * "who" and no person's name or person noun ("Which kicker … him"); for "it" and "they", no noun before
 * it ("What company was in its last year"); for either, no name after a comma it comes before ("After its
 * re-opening, … the Tower Theatre").
 */
function isFree(tokens: readonly Token[], i: number, sort: Sort, tools: FollowUpTools): boolean {
  const before = tokens.slice(0, i);
  const comma = tokens.findIndex((t, j) => j > i && t.text === ',');
  if (comma > 0 && tokens.slice(comma).some((t) => t.pos === 'PROPN')) return false;
  // "Who … his generation", "Who announced she would…", "What Panther tore his ACL": the one asked about;
  // never an object of the same clause ("Who freed them?")
  const pronoun = PRONOUNS.get(tokens[i]!.norm);
  const bindable = !!pronoun && (pronoun.possessive || /^(he|she|they)$/.test(tokens[i]!.norm));
  if (sort !== 'thing' && bindable && tokens.some((t, j) => /^(who|whom|whose)$/.test(t.norm) || (/^(what|which)$/.test(t.norm) && j < i && tokens[j + 1]?.pos === 'PROPN'))) return false;
  if (sort === 'person') {
    // a one-word name the coverage does not file as a place or organisation may be a surname ("Manning")
    const runs = nameRuns(tokens);
    if (runs.some((n) => isPersonName(n, tools) || (!n.includes(' ') && !['place', 'organisation'].includes(tools.kindOf(n) ?? '')))) return false;
    // one person noun ("Which kicker … him"); "How many tackles did he make" has none
    return !before.some((t) => t.pos === 'NOUN' && t.lemma.toLowerCase() === t.norm && nounSorts().sortOf(t.lemma.toLowerCase()) === 'person');
  }
  if (sort === 'thing' && tokens[i]!.norm === 'it' && isExtraposed(tokens, i)) return false;
  // "When did he say it?": what was said, which no phrase of the earlier question names
  if (sort === 'thing' && SAYING.test(tokens[i - 1]?.lemma.toLowerCase() ?? '')) return false;
  return !before.some((t, j) => ((t.pos === 'NOUN' || t.pos === 'PROPN') && !TIME_NOUNS.test(t.norm)) || (j > 0 && isCapitalised(t)));
}

function firstAntecedent(earlier: readonly EarlierTurn[], find: (turn: EarlierTurn) => string | null): string | null {
  for (let i = earlier.length - 1; i >= Math.max(0, earlier.length - SETTINGS.followUp.turnsSearched); i--) {
    const found = find(earlier[i]!);
    if (found) return found;
  }
  return null;
}

/** The pronouns and "this X" of a question filled in from the earlier turns; null when none was. */
function resolveReferences(question: string, earlier: readonly EarlierTurn[], tools: FollowUpTools): string | null {
  const tokens = tokensOf(question);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  tokens.forEach((t, i) => {
    const pronoun = PRONOUNS.get(t.norm);
    if (pronoun && t.pos === 'PRON' && isFree(tokens, i, pronoun.sort, tools)) {
      // "her husband": a possessive "her" stands before what it owns
      const owns = pronoun.possessive || (t.norm === 'her' && !!tokens[i + 1] && CONTENT.has(tokens[i + 1]!.pos));
      const found = firstAntecedent(earlier, (turn) => antecedentIn(turn, pronoun.sort, owns, tools));
      if (!found) return;
      edits.push({ start: t.start, end: t.end, text: owns ? possessive(found) : found });
      return;
    }
    const noun = tokens[i + 1];
    // "this" and "that" take one thing, "these" and "those" several ("scientists were that temperatures…" is no demonstrative)
    const plural = !!noun && noun.lemma.toLowerCase() !== noun.norm;
    if (DEMONSTRATIVE.test(t.norm) && t.pos === 'DET' && noun && noun.pos === 'NOUN' && plural === /^(these|those)$/.test(t.norm)) {
      const found = firstAntecedent(earlier, (turn) => phraseEndingIn(turn, noun.lemma.toLowerCase()));
      if (found) edits.push({ start: t.start, end: noun.end, text: found });
    }
  });
  if (!edits.length) return null;
  let out = question;
  for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** "the Warsaw Pact coalition" for "this coalition": an earlier phrase (question, answer, passage) with that head. */
function phraseEndingIn(turn: EarlierTurn, lemma: string): string | null {
  for (const text of [turn.question, turn.answer, turn.passage]) {
    if (!text) continue;
    const tokens = tokensOf(text);
    for (const c of chunksOf(text, tokens)) {
      const head = c.tokens[c.tokens.length - 1]!;
      if (head.lemma.toLowerCase() === lemma && c.tokens.length > 1) return withDeterminer(text, tokens, c);
    }
  }
  return null;
}

/** "And the Germans?" after "How many Poles were freed?": the earlier question with the like part replaced. */
function resolveElided(question: string, earlier: readonly EarlierTurn[], { vectors }: FollowUpTools): string | null {
  const m = ELIDED.exec(question);
  const prev = earlier[earlier.length - 1];
  if (!m || !prev) return null;
  const fragment = m[1]!;
  const fragTokens = tokensOf(fragment);
  const words = fragTokens.filter((t) => t.pos !== 'PUNCT');
  if (!words.length || words.length > SETTINGS.followUp.elidedMaxWords || words.some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return null;
  const fragChunks = chunksOf(fragment, fragTokens);
  const frag = fragChunks[fragChunks.length - 1];
  if (!frag) return null;
  const fragHead = frag.tokens[frag.tokens.length - 1]!;
  const prevText = prev.question.replace(/[\s?.!]+$/, '');
  const prevTokens = tokensOf(prevText);
  const fragIsYear = /^\d{4}$/.test(fragHead.norm);
  let best: { chunk: Chunk; score: number } | null = null;
  for (const c of chunksOf(prevText, prevTokens)) {
    const head = c.tokens[c.tokens.length - 1]!;
    let score = 0;
    if (fragIsYear || /^\d{4}$/.test(head.norm)) score = fragIsYear && /^\d{4}$/.test(head.norm) ? 1 : 0;
    else if (head.lemma.toLowerCase() === fragHead.lemma.toLowerCase()) score = 1;
    else if (vectors) score = vectors.similarity(head.norm, fragHead.norm);
    if (!best || score > best.score) best = { chunk: c, score };
  }
  const fragmentText = fragment.replace(/[\s?.!]+$/, '');
  if (!best || best.score < SETTINGS.followUp.replaceSimilarity) return `${prevText} — ${fragmentText}?`;
  // the fragment's own determiner goes only where the earlier question had one ("how many the Germans" is not English)
  const replaced = withDeterminer(prevText, prevTokens, best.chunk) !== best.chunk.text ? stripDeterminer(fragmentText, true) : stripDeterminer(fragmentText, false);
  const start = withDeterminer(prevText, prevTokens, best.chunk) !== best.chunk.text ? prevTokens[prevTokens.indexOf(best.chunk.tokens[0]!) - 1]!.start : best.chunk.start;
  return `${prevText.slice(0, start)}${replaced}${prevText.slice(best.chunk.end)}?`;
}

function stripDeterminer(fragment: string, keepOrAdd: boolean): string {
  const bare = fragment.replace(/^(the|a|an)\s+/i, '');
  return keepOrAdd && bare === fragment ? `the ${bare}` : keepOrAdd ? fragment : bare;
}

/**
 * Reads a question against the earlier turns (oldest first); with no earlier turn, or nothing in the
 * question that refers back, it is read as asked.
 */
export function readFollowUp(question: string, earlier: readonly EarlierTurn[], tools: FollowUpTools = NO_TOOLS): FollowUpReading {
  if (earlier.length === 0 || !question.trim()) return { text: question };
  const read = resolveElided(question, earlier, tools) ?? resolveReferences(question, earlier, tools);
  return read && read !== question ? { text: read, readAs: read } : { text: question };
}
