/**
 * What a candidate sentence refers back to: the person a "he"/"she" stands for, the thing "the airline"
 * names, and the asked names a sentence carries by a shorter spelling ("Stone" for "Roger Stone").
 */
import type { AnalysedSentence } from '../text/analyse.js';
import type { Knowledge } from '../search/knowledge.js';
import type { SentenceFacts } from '../types.js';
import type { NameIndex } from '../facts/names/index.js';
import { SETTINGS } from '../settings.js';
import type { ParsedQuestion } from './question.js';

/** Whom an opening pronoun stands for: a person ("he", "her"), a thing ("it"), either ("they"). */
export function personalPronoun(sentence: AnalysedSentence): 'person' | 'thing' | 'either' {
  const first = sentence.tokens.find((t) => t.pos !== 'PUNCT' && t.pos !== 'SPACE')?.norm ?? '';
  return /^(he|she|his|her|him)$/.test(first) ? 'person' : /^(it|its)$/.test(first) ? 'thing' : 'either';
}

/**
 * The names a question asks about, as the group keys of the corpus's names with the question terms that
 * spell them ("Roger Stone" → its group, whose mentions include "Stone"). Runs of two or more name words.
 */
export function askedNames(names: NameIndex, q: ParsedQuestion): Array<{ key: string; terms: string[] }> {
  const out: Array<{ key: string; terms: string[] }> = [];
  let run: typeof q.terms = [];
  const flush = () => {
    if (run.length >= 2) {
      const key = names.spelledKeyOf(run.map((t) => t.word).join(' '));
      if (key) out.push({ key, terms: run.map((t) => t.term) });
    }
    run = [];
  };
  for (const t of q.terms) {
    if (t.name) run.push(t);
    else flush();
  }
  flush();
  return out;
}

const PERSON_PRONOUN = /^(he|she|him|his|her)$/;
const PRONOUN_REACH = SETTINGS.rank.pronounReach;

/** "He"/"she"/"his" in a sentence that names no person itself. */
export function clausePronoun(sentence: AnalysedSentence, facts: SentenceFacts | undefined): boolean {
  if (facts?.entities.some((e) => e.kind === 'person')) return false;
  return sentence.tokens.some((t) => PERSON_PRONOUN.test(t.norm));
}

/** The nearest sentence before `id` in its article that names a person, within PRONOUN_REACH; -1 if none. */
export function personNamedBefore(k: Knowledge, id: number): number {
  const article = k.sentences[id]!.articleId;
  for (let j = id - 1; j >= 0 && j >= id - PRONOUN_REACH && k.sentences[j]!.articleId === article; j--) {
    if (k.facts.get(j)?.entities.some((e) => e.kind === 'person')) return j;
  }
  return -1;
}

/** The kind of name (person, place, organisation) each word of a sentence's names belongs to, by stem. */
export function namedKinds(sentence: AnalysedSentence, facts: SentenceFacts | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of facts?.entities ?? []) {
    for (const t of sentence.tokens) if (t.start >= e.start && t.end <= e.start + e.text.length) out.set(t.stem, e.kind);
  }
  return out;
}

const REFERRING_PRONOUN = /^(he|she|it|they|his|her|its|their)$/;
const DEMONSTRATIVE = /^(the|this|that|these|those)$/;

/**
 * What the sentence opens with when it refers back to something already named: a pronoun ("He said…",
 * no words) or a definite description without a name ("The airline was…", "This group has…": its nouns,
 * the head last). Null when it opens otherwise.
 */
export function referringSubject(sentence: AnalysedSentence): string[] | null {
  const words = sentence.tokens.filter((t) => t.pos !== 'PUNCT' && t.pos !== 'SPACE' && t.pos !== 'SYM');
  const first = words[0];
  if (!first) return null;
  if (REFERRING_PRONOUN.test(first.norm)) return [];
  if (!DEMONSTRATIVE.test(first.norm)) return null;
  // "The [former] airline was…": common nouns only, then the verb
  let i = 1;
  while (i < words.length && i <= 3 && (words[i]!.pos === 'ADJ' || words[i]!.pos === 'NOUN')) i++;
  if (i === 1 || words[i - 1]!.pos !== 'NOUN' || (words[i]?.pos !== 'VERB' && words[i]?.pos !== 'AUX')) return null;
  return words.slice(1, i).filter((t) => t.pos === 'NOUN').map((t) => t.stem);
}
