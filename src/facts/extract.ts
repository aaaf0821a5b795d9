/**
 * The facts each sentence of a paragraph carries: numbers, quotations with their speakers, attributions
 * and dates. Works per paragraph because a quotation can span sentences and a pronoun ("he posted on X")
 * points back to someone named earlier; {@link extractArticleFacts} carries that memory from one
 * paragraph to the next ("She noted…" after a paragraph naming the press secretary).
 */
import type { AnalysedSentence, Token } from '../text/analyse.js';
import { fold } from '../text/analyse.js';
import { resolveDateExpressions, scanDateExpressions } from '../text/dates.js';
import type { AttributionMention, DateMention, NumberMention, QuoteMention } from '../types.js';
import { findAttributions, mainSubject, speakerOf, titledSurnames, type FoundAttribution, type Speaker } from './attributions.js';
import { findNumbers } from './numbers.js';
import { readQuotes, type ParagraphQuote } from './quotes.js';

/** What one sentence carries besides names. */
export interface SentenceFactParts {
  numbers: NumberMention[];
  quotes: QuoteMention[];
  attributions: AttributionMention[];
  dates: DateMention[];
}

/** A person a later pronoun may point to. */
interface PersonRef {
  name: string;
  gender?: 'm' | 'f';
}

/** What the paragraphs read so far in an article tell about the next one. */
export interface ArticleMemory {
  /** Folded last words of names known to be people, with the gender a courtesy title gave them. */
  people: ReadonlyMap<string, 'm' | 'f' | undefined>;
  /** Folded names known not to be people (agencies, outlets, places). */
  notPeople: ReadonlySet<string>;
  /** People named as speakers or subjects, most recent last. */
  recent: readonly PersonRef[];
  /** The quotation left open at the end of the previous paragraph, with its speaker. */
  openQuote?: { speaker?: string; verb?: string };
}

/** Memory of an article before its first paragraph. */
export const EMPTY_MEMORY: ArticleMemory = { people: new Map(), notPeople: new Set(), recent: [] };

const RESOLVABLE = new Set(['he', 'she']);

const lastWord = (name: string): string => fold(name).split(/\s+/).pop()?.replace(/['’]s$/, '') ?? '';

/** A speaker or subject seen in the paragraph, at a paragraph offset. */
interface Candidate extends PersonRef {
  at: number;
  person?: boolean;
  /** Named as the speaker of a quotation or attribution, not only as a subject. */
  speaker: boolean;
}

function isCapitalisedName(name: string): boolean {
  return /\p{Lu}/u.test(name.split(/\s+/).pop() ?? '');
}

/**
 * Reads one paragraph with what the article said before it; returns the facts of each sentence and the
 * memory for the next paragraph.
 */
export function readParagraph(
  analysed: AnalysedSentence[],
  ctx: { published?: string },
  memory: ArticleMemory = EMPTY_MEMORY,
): { facts: SentenceFactParts[]; memory: ArticleMemory } {
  const sentences = analysed.map((s) => ({ ...s, tokens: mergeGluedWords(s.tokens) }));
  const quotes = readQuotes(sentences);
  const quoted = sentences.map((s, si) =>
    s.tokens.map((t) => quotes.some((q) => q.pieces.some((p) => p.sentence === si) && withinQuote(q, sentences, si, t.start))),
  );
  const inQuote = (si: number) => (k: number): boolean => quoted[si]![k] === true;

  const facts: SentenceFactParts[] = sentences.map((s) => {
    const exprs = scanDateExpressions(s.text, s.tokens);
    return {
      numbers: findNumbers(s, exprs),
      quotes: [],
      attributions: [],
      dates: resolveDateExpressions(exprs, ctx.published),
    };
  });
  const found: FoundAttribution[][] = sentences.map((s, si) => findAttributions(s, inQuote(si)));

  // people and non-people named in this paragraph, learned before resolving its pronouns
  const people = new Map(memory.people);
  const notPeople = new Set(memory.notPeople);
  const candidates: Candidate[] = [];
  const learn = (sp: Speaker, at: number, speaker: boolean): void => {
    if (sp.pronoun) return;
    const key = lastWord(sp.text);
    if (sp.person === true && isCapitalisedName(sp.text)) {
      if (!people.has(key) || (sp.gender && !people.get(key))) people.set(key, sp.gender);
    } else if (sp.person === false) notPeople.add(fold(sp.text));
    candidates.push({ name: sp.text, at, speaker, ...(sp.person !== undefined ? { person: sp.person } : {}), ...(sp.gender ? { gender: sp.gender } : {}) });
  };
  sentences.forEach((s, si) => {
    for (const { surname, gender } of titledSurnames(s.tokens)) {
      if (!notPeople.has(surname) && (!people.has(surname) || (gender && !people.get(surname)))) people.set(surname, gender);
    }
    for (const a of found[si]!) learn(a.speaker, s.start + a.speaker.start, true);
    const subject = mainSubject(s.tokens, inQuote(si));
    if (subject) {
      const sp = speakerOf(s.tokens, subject, s.text);
      if (sp.person || (sp.person === undefined && isCapitalisedName(sp.text))) learn(sp, s.start + sp.start, false);
    }
  });
  for (const q of quotes) if (q.speaker) learn(q.speaker, sentences[q.speaker.sentence]!.start + q.speaker.start, true);
  candidates.sort((a, b) => a.at - b.at);

  const isPerson = (c: Candidate): boolean => {
    if (c.person !== undefined) return c.person;
    if (notPeople.has(fold(c.name))) return false;
    return people.has(lastWord(c.name)) || c.speaker;
  };
  const genderOf = (c: PersonRef): 'm' | 'f' | undefined => c.gender ?? people.get(lastWord(c.name));
  const resolve = (pronoun: Speaker, at: number): string | undefined => {
    const word = pronoun.text.toLowerCase();
    if (!RESOLVABLE.has(word)) return undefined;
    const fits = (c: PersonRef): boolean => {
      const g = genderOf(c);
      return !g || !pronoun.gender || g === pronoun.gender;
    };
    for (let i = candidates.length - 1; i >= 0; i--) {
      const c = candidates[i]!;
      if (c.at < at && isPerson(c) && fits(c)) return c.name;
    }
    for (let i = memory.recent.length - 1; i >= 0; i--) {
      const c = memory.recent[i]!;
      if (fits(c)) return c.name;
    }
    return undefined;
  };

  // attributions: pronouns resolved or dropped
  sentences.forEach((s, si) => {
    for (const a of found[si]!) {
      const source = a.speaker.pronoun ? resolve(a.speaker, s.start + a.speaker.start) : a.source;
      if (source && !facts[si]!.attributions.some((x) => x.source === source && x.cue === a.cue)) {
        facts[si]!.attributions.push({ source, cue: a.cue });
      }
    }
  });

  // quotations: pronouns resolved, unattributed ones that open a sentence continue the previous speaker
  let previous: { speaker?: string; verb?: string } | undefined = memory.openQuote;
  const attributed: Array<{ speaker?: string; verb?: string }> = [];
  for (const q of quotes) {
    let speaker: string | undefined;
    let verb = q.verb;
    if (q.speaker) {
      const at = sentences[q.speaker.sentence]!.start + q.speaker.start;
      speaker = q.speaker.pronoun ? (resolve(q.speaker, at) ?? (RESOLVABLE.has(q.speaker.text.toLowerCase()) ? q.speaker.text : undefined)) : q.speaker.text;
    } else if (!q.short && q.opensSentence && previous?.speaker) {
      speaker = previous.speaker;
      verb = previous.verb;
    }
    const entry = { ...(speaker ? { speaker } : {}), ...(verb ? { verb } : {}) };
    attributed.push(entry);
    if (speaker && !q.short) previous = entry;
    for (const p of q.pieces) {
      const m: QuoteMention = { text: p.text, ...entry };
      if (q.short) m.short = true;
      facts[p.sentence]!.quotes.push(m);
    }
  }

  const recent = [...memory.recent];
  for (const c of candidates) {
    if (!isPerson(c)) continue;
    const ref: PersonRef = { name: c.name, ...(genderOf(c) ? { gender: genderOf(c)! } : {}) };
    recent.push(ref);
  }
  const lastQuote = quotes[quotes.length - 1];
  const next: ArticleMemory = { people, notPeople, recent: recent.slice(-8) };
  // a quotation left open runs on over paragraphs without marks until one closes it
  if (lastQuote && lastQuote.span.close < 0) next.openQuote = attributed[attributed.length - 1]!;
  else if (quotes.length === 0 && memory.openQuote) next.openQuote = memory.openQuote;
  return { facts, memory: next };
}

/**
 * Joins letter tokens written without a space between them: wink splits some words at letters outside
 * ASCII ("Nausėda" → "Naus", "ė", "da"), which would cut names in two.
 */
export function mergeGluedWords(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev && prev.end === t.start && /^\p{L}+$/u.test(prev.text) && /^\p{L}+$/u.test(t.text)) {
      const text = prev.text + t.text;
      out[out.length - 1] = {
        ...prev,
        text,
        end: t.end,
        pos: prev.pos === 'PROPN' || t.pos === 'PROPN' ? 'PROPN' : prev.pos,
        lemma: text.toLowerCase(),
        norm: fold(text),
      };
    } else out.push(t);
  }
  return out;
}

function withinQuote(q: ParagraphQuote, sentences: AnalysedSentence[], si: number, tokenStart: number): boolean {
  const at = sentences[si]!.start + tokenStart;
  const open = q.span.open < 0 ? 0 : q.span.open;
  const close = q.span.close < 0 ? Number.POSITIVE_INFINITY : q.span.close;
  return at >= open && at <= close;
}

/**
 * Facts of each sentence of one paragraph, in order: numbers, quotations with their speakers,
 * attributions and resolved dates (`published` is the article's publication date, `yyyy-MM-dd`).
 * Pronouns are resolved within the paragraph only; use {@link extractArticleFacts} to resolve them
 * across paragraphs.
 */
export function extractParagraphFacts(sentences: AnalysedSentence[], ctx: { published?: string }): SentenceFactParts[] {
  return readParagraph(sentences, ctx).facts;
}

/** Facts of every sentence of an article, paragraph by paragraph, with speakers carried between paragraphs. */
export function extractArticleFacts(paragraphs: AnalysedSentence[][], ctx: { published?: string }): SentenceFactParts[][] {
  let memory = EMPTY_MEMORY;
  return paragraphs.map((sentences) => {
    const r = readParagraph(sentences, ctx, memory);
    memory = r.memory;
    return r.facts;
  });
}
