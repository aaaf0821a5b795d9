/**
 * Who a claim is attributed to: "according to X", "X said", "X reports", "X confirmed", "as reported by X",
 * "X told Y", "X quoted Y as saying". Also the noun-phrase reading that quotes use to find their speaker:
 * the subject before a speech verb, the phrase after an inverted one ("said Mr Smith"), and the name inside
 * a long description ("Veteran opposition leader Amina Okafor" → "Amina Okafor").
 */
import type { AnalysedSentence, Token } from '../text/analyse.js';
import type { AttributionMention } from '../types.js';
import { isDemonym, isPlaceName } from './places.js';
import { isGivenName } from './givenNames.js';
import { surnameGender } from './nameKey.js';
import { MONTH_ABBREVIATIONS, WEEKDAY_NAMES } from '../text/calendar.js';
import {
  BE_FORMS, DAY_WORD, GENDERED_NOUNS, HONORIFICS, ORG_WORDS, PERSONAL_PRONOUNS, PERSON_NOUNS, PHRASE_PREPOSITIONS, POSSESSIVE_DETERMINERS, SAY_VERBS, TIME_LEAD, TIME_WORD, TITLES,
} from './attributionWords.js';

export { QUOTE_VERBS, SAY_VERBS } from './attributionWords.js';

/** A run of tokens of one sentence, inclusive. */
export interface Phrase {
  first: number;
  last: number;
}

/** Who a phrase names, as far as the words tell. */
export interface Speaker {
  /** As written: "Mr Smith", "Maria Lopez", "the French president", or a pronoun. */
  text: string;
  pronoun: boolean;
  /** True: a person; false: an organisation or a place; undefined: the words do not say. */
  person?: boolean;
  gender?: 'm' | 'f';
  /** Character offset in the sentence, to order speakers for pronoun resolution. */
  start: number;
}

const isPossessive = (t: Token): boolean => t.pos === 'PART' && /^['’]s?$/.test(t.text);
const isCapital = (t: Token): boolean => /^\p{Lu}/u.test(t.text);
const isQuoteMark = (t: Token): boolean => /^[“”"‘’']+$/.test(t.text) && t.pos === 'PUNCT';
const isHyphenInside = (tokens: Token[], k: number): boolean =>
  /^[-‐]$/.test(tokens[k]!.text) && tokens[k - 1]?.end === tokens[k]!.start && tokens[k + 1]?.start === tokens[k]!.end;

function nounish(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  if (!t) return false;
  if (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'NUM') return true;
  if (isPossessive(t) || isHyphenInside(tokens, k)) return true;
  // wink tags some names and initials as X or SYM, and a surname that is also a verb ("Fudge") as a verb
  if ((t.pos === 'X' || t.pos === 'SYM') && isCapital(t)) return true;
  return t.pos === 'VERB' && isCapital(t) && k > 0 && tokens[k - 1]!.pos === 'PROPN' && isCapital(tokens[k - 1]!);
}

/**
 * The subject written before the verb at `verb`: "the US embassy in Paris said", "Ms Okafor
 * said", "John Smith, a lawyer who headed the delegation, said". Skips adverbs and auxiliaries ("also
 * later said", "has said") and a day ("Mr Smith on Monday said"). Null when there is none.
 */
export function subjectBefore(tokens: Token[], verb: number, floor = 0): Phrase | null {
  let j = verb - 1;
  for (let skipped = 0; j >= floor && skipped < 5; skipped++) {
    const t = tokens[j]!;
    if (t.pos === 'ADV' || (t.pos === 'AUX' && !isPossessive(t)) || (t.pos === 'PART' && !isPossessive(t))) j--;
    else if (TIME_WORD.test(t.norm)) {
      j--;
      while (j >= floor && TIME_LEAD.has(tokens[j]!.norm)) j--;
    } else break;
  }
  if (j < floor) return null;
  if (tokens[j]!.text === ',') return subjectAcrossCommas(tokens, j, floor);
  return collectBackward(tokens, j, floor);
}

/** A word starting with a month's short form ("Sept", "Sept.", "September"), or a weekday. */
const MONTH_OR_DAY = new RegExp(`^(${[...MONTH_ABBREVIATIONS, 'may'].join('|')})[a-z]*\\.?$|^(${WEEKDAY_NAMES.join('|')})$`);

/**
 * The subject when commas stand between it and the verb: appositions and relative clauses ("John Smith,
 * a lawyer who headed the delegation, said", "Sen. John Cornyn, R-TX, who heads the committee, said",
 * "Mr. Jackson’s lawyer, Reid H. Weingarten, said"). Reads the comma-separated segments backwards; a
 * segment that is a whole noun phrase is a candidate, a clause is skipped, an opening phrase ("At a news
 * conference on Friday,") ends the search. The earliest candidate that is a name wins, else the earliest.
 */
function subjectAcrossCommas(tokens: Token[], comma: number, floor: number): Phrase | null {
  const found: Phrase[] = [];
  let end = comma;
  for (let segments = 0; segments < 5 && end > floor; segments++) {
    let k = end - 1;
    while (k >= floor && end - k < 30 && tokens[k]!.text !== ',' && !isQuoteMark(tokens[k]!)) k--;
    const start = k + 1;
    if (start >= end) break;
    const p = collectBackward(tokens, end - 1, start);
    const words = p ? tokens.slice(p.first, p.last + 1) : [];
    const dated = words.some((t) => /^\d/.test(t.text) || MONTH_OR_DAY.test(t.norm));
    const place = p !== null && isPlaceName(words.map((t) => t.text).join(' '));
    if (p && p.first === start && !dated && !place) found.push(p);
    else if (!p || p.first !== start) {
      const first = tokens[start]!;
      // an opening phrase of the sentence is not an apposition
      if ((first.pos === 'ADP' || first.pos === 'SCONJ') && (k < floor || tokens[k]!.text !== ',')) break;
    }
    if (k < floor || tokens[k]!.text !== ',') break;
    end = k;
  }
  if (found.length === 0) return null;
  const named = [...found].reverse().find((p) => isCapital(tokens[p.last]!) && tokens[p.last]!.pos !== 'ADJ');
  return named ?? found[found.length - 1]!;
}

/** The noun phrase (or personal pronoun) that ends at token `j`, read backwards. */
function collectBackward(tokens: Token[], j: number, floor: number): Phrase | null {
  const last = j;
  const t = tokens[j];
  if (!t || j < floor) return null;
  if (t.pos === 'PRON' && PERSONAL_PRONOUNS.has(t.norm)) return { first: j, last: j };
  let first = -1;
  while (j >= floor && last - j < 12) {
    const u = tokens[j]!;
    if (nounish(tokens, j)) {
      first = j;
      j--;
    } else if (u.pos === 'DET' || POSSESSIVE_DETERMINERS.has(u.norm)) {
      first = j;
      break;
    } else if (u.pos === 'ADP' && PHRASE_PREPOSITIONS.has(u.norm) && first >= 0 && nounish(tokens, j - 1) && j - 1 >= floor) {
      j--;
    } else break;
  }
  if (first < 0) return null;
  const phrase = { first, last };
  return hasNoun(tokens, phrase) ? phrase : null;
}

function hasNoun(tokens: Token[], p: Phrase): boolean {
  for (let k = p.first; k <= p.last; k++) {
    const pos = tokens[k]!.pos;
    if (pos === 'NOUN' || pos === 'PROPN' || pos === 'PRON' || ((pos === 'X' || pos === 'SYM') && isCapital(tokens[k]!))) return true;
  }
  return false;
}

/** The noun phrase starting at `from`: "Mr Smith" in "said Mr Smith, who…", "Sky News" in "reported by Sky News". */
export function phraseAfter(tokens: Token[], from: number): Phrase | null {
  let k = from;
  const t = tokens[k];
  if (!t) return null;
  if (t.pos === 'PRON' && PERSONAL_PRONOUNS.has(t.norm)) return { first: k, last: k };
  if (t.pos === 'DET' || POSSESSIVE_DETERMINERS.has(t.norm)) k++;
  let last = -1;
  while (k < tokens.length && k - from < 12) {
    if (nounish(tokens, k)) {
      last = k;
      k++;
    } else if (tokens[k]!.pos === 'ADP' && PHRASE_PREPOSITIONS.has(tokens[k]!.norm) && last >= 0 && nounish(tokens, k + 1)) {
      k++;
    } else break;
  }
  if (last < 0) return null;
  const phrase = { first: from, last };
  return hasNoun(tokens, phrase) ? phrase : null;
}

/**
 * Reads who a phrase names. A phrase ending in a name gives the name, without the description or job
 * title before it but with a courtesy title ("French President Maria Lopez" → "Maria Lopez",
 * "Ms Okafor"); a phrase without a name is kept whole ("the French president").
 */
export function speakerOf(tokens: Token[], phrase: Phrase, text: string): Speaker {
  const { first, last } = phrase;
  const t0 = tokens[first]!;
  if (first === last && t0.pos === 'PRON') {
    return { text: t0.text, pronoun: true, start: t0.start, ...(t0.norm === 'he' ? { gender: 'm' as const } : t0.norm === 'she' ? { gender: 'f' as const } : {}) };
  }
  // the head is before any preposition: "the US embassy in Paris" is about an embassy
  let headEnd = last;
  for (let k = first + 1; k <= last; k++) {
    if (tokens[k]!.pos === 'ADP') {
      headEnd = k - 1;
      break;
    }
  }
  const whole = (): Speaker => {
    let headNoun: string | undefined;
    for (let k = headEnd; k >= first; k--) {
      if (tokens[k]!.pos === 'NOUN' || tokens[k]!.pos === 'PROPN') {
        headNoun = tokens[k]!.norm;
        break;
      }
    }
    const out: Speaker = { text: text.slice(t0.start, tokens[last]!.end), pronoun: false, start: t0.start };
    if (headNoun && PERSON_NOUNS.has(headNoun)) out.person = true;
    else if (headNoun && (ORG_WORDS.has(headNoun) || isPlaceName(headNoun))) out.person = false;
    const g = headNoun ? GENDERED_NOUNS[headNoun] : undefined;
    if (g) out.gender = g;
    return out;
  };
  // a full name at the end, after any description: "attorney for the District of Columbia Joseph diGenova"
  for (let k = first; k < last; k++) {
    if (!isGivenName(tokens[k]!.norm) || !isCapital(tokens[k]!)) continue;
    if (tokens.slice(k + 1, last + 1).every((t) => t.pos === 'PROPN' || isCapital(t))) {
      headEnd = last;
      break;
    }
  }
  const end = tokens[headEnd]!;
  if (!(isCapital(end) && end.pos !== 'ADJ') || isPossessive(end)) return whole();

  // the trailing run of capitalised words is the name; a title inside it is dropped with what precedes it
  let runStart = headEnd;
  while (runStart - 1 >= first) {
    const p = tokens[runStart - 1]!;
    if ((isCapital(p) && p.pos !== 'DET' && !isPossessive(p)) || isHyphenInside(tokens, runStart - 1)) runStart--;
    else break;
  }
  if (runStart === headEnd && runStart > first && ['DET', 'NUM'].includes(tokens[runStart - 1]!.pos)) return whole();
  let nameStart = runStart;
  let titled = false;
  for (let k = headEnd - 1; k >= runStart; k--) {
    if (TITLES.has(tokens[k]!.norm)) {
      nameStart = k + 1;
      titled = true;
      break;
    }
  }
  // a demonym, description or number in front of a name ("Canadian", "Six") is not part of it
  while (nameStart < headEnd && (tokens[nameStart]!.pos === 'NUM' || isDemonym(tokens[nameStart]!.text))) nameStart++;
  // people of a country ("Six Canadians", "Finns") are a group, not someone a pronoun points to
  if (nameStart === headEnd && isDemonym(end.text)) return whole();
  const prefix = tokens.slice(first, nameStart);
  const prefixHead = [...prefix].reverse().find((t) => t.pos === 'NOUN' || TITLES.has(t.norm));
  const honorific = tokens[nameStart]!.norm in HONORIFICS ? tokens[nameStart]! : undefined;
  const nameTokens = tokens.slice(honorific ? nameStart + 1 : nameStart, headEnd + 1);
  const out: Speaker = { text: text.slice(tokens[nameStart]!.start, end.end), pronoun: false, start: tokens[nameStart]!.start };
  const folded = nameTokens.map((t) => t.norm);
  const surname = folded[folded.length - 1] ?? '';
  const orgLike =
    folded.some((w) => ORG_WORDS.has(w)) ||
    // acronyms and brand spellings: "CNN", "WikiLeaks"
    nameTokens.some((t) => (t.text.match(/\p{Lu}/gu)?.length ?? 0) >= 2 && !/^\p{Lu}\.$/u.test(t.text));
  if (honorific) {
    out.person = true;
    const g = HONORIFICS[honorific.norm];
    if (g) out.gender = g;
  } else if (titled || (prefixHead && PERSON_NOUNS.has(prefixHead.norm))) out.person = true;
  else if (prefixHead && ORG_WORDS.has(prefixHead.norm)) out.person = false;
  else if (orgLike || isPlaceName(out.text)) out.person = false;
  else if (isGivenName(folded[0] ?? '') && nameTokens.length >= 2) out.person = true;
  if (out.person && !out.gender && surnameGender(surname) === 'f') out.gender = 'f';
  return out;
}

/**
 * Surnames (folded) of people named anywhere in a sentence with a title or a given name before them
 * ("Missouri Rep. Todd Akin", "Mr Smith", "Sarah Huckabee Sanders"), with the gender a courtesy title
 * marks. Lets a later "Akin said" or "he" be known as a person.
 */
export function titledSurnames(tokens: Token[]): Array<{ surname: string; gender?: 'm' | 'f' }> {
  const out: Array<{ surname: string; gender?: 'm' | 'f' }> = [];
  for (let k = 0; k < tokens.length - 1; k++) {
    const t = tokens[k]!;
    if (!isCapital(t)) continue;
    const honorific = t.norm in HONORIFICS;
    if (!honorific && !TITLES.has(t.norm) && !isGivenName(t.norm)) continue;
    let end = k;
    while (end + 1 < tokens.length && tokens[end + 1]!.pos === 'PROPN' && isCapital(tokens[end + 1]!)) end++;
    if (end === k) continue;
    const surname = tokens[end]!.norm;
    if (isPlaceName(tokens[end]!.text) || ORG_WORDS.has(surname)) continue;
    const gender = honorific ? HONORIFICS[t.norm] : undefined;
    out.push({ surname, ...(gender ? { gender } : {}) });
    k = end;
  }
  return out;
}

/** The subject of the sentence's main clause, after an opening phrase ("In a post on X, …") or quotation. */
export function mainSubject(tokens: Token[], skip: (k: number) => boolean): Phrase | null {
  let from = 0;
  while (from < tokens.length && skip(from)) from++;
  const opener = tokens[from];
  if (opener && (opener.pos === 'ADP' || opener.pos === 'SCONJ')) {
    const comma = tokens.findIndex((t, k) => k > from && k - from < 20 && t.text === ',');
    if (comma > 0) from = comma + 1;
  }
  for (let k = from; k < tokens.length; k++) {
    if (skip(k)) continue;
    const t = tokens[k]!;
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    // "the congressman who represents…", "Sen. John Cornyn, R-TX, who heads…": the clause's antecedent
    if (['who', 'which', 'that'].includes(tokens[k - 1]?.norm ?? '')) {
      const p = subjectBefore(tokens, k - 1, from);
      if (p) return p;
      continue;
    }
    const p = subjectBefore(tokens, k, from);
    if (p) return p;
    if (t.pos === 'VERB') return null;
  }
  return null;
}

/** An attribution with the speaker reading behind it, for pronoun resolution by the caller. */
export interface FoundAttribution extends AttributionMention {
  speaker: Speaker;
}

/**
 * The subject written after the verb ("said Mr Smith, who…", "said Romney in a statement", "reported
 * AP."): a phrase that ends the clause or is followed by a preposition, and is not a date.
 */
export function invertedSubject(tokens: Token[], verb: number): Phrase | null {
  const p = phraseAfter(tokens, verb + 1);
  if (!p) return null;
  const next = tokens[p.last + 1];
  if (next && next.pos !== 'PUNCT' && next.pos !== 'ADP' && next.norm !== 'who') return null;
  for (let k = p.first; k <= p.last; k++) if (DAY_WORD.test(tokens[k]!.norm) || /^\d/.test(tokens[k]!.text)) return null;
  return p;
}

/**
 * Whether token `k` is a speech verb, with its lemma. wink tags "reports" in "…, CNN reports." as a noun;
 * a plural-looking speech word right after a name and before punctuation is read as the verb.
 */
export function speechLemma(tokens: Token[], k: number, verbs: ReadonlySet<string> = SAY_VERBS): string | undefined {
  const t = tokens[k]!;
  if (t.pos === 'VERB') return verbs.has(t.lemma) ? t.lemma : undefined;
  if (t.pos !== 'NOUN' || !/s$/.test(t.norm)) return undefined;
  const lemma = t.norm.replace(/s$/, '');
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  if (!verbs.has(lemma) || !prev || prev.pos !== 'PROPN' || (next && next.pos !== 'PUNCT')) return undefined;
  return lemma;
}

/** After a phrase, skips an apposition set off by commas: "John Smith, a lawyer who headed the delegation, as saying". */
export function afterApposition(tokens: Token[], k: number): number {
  if (tokens[k]?.text !== ',') return k;
  for (let j = k + 1; j < tokens.length && j - k < 25; j++) {
    if (tokens[j]!.text === ',') return j + 1;
    if (isQuoteMark(tokens[j]!)) break;
  }
  return k;
}

function isPassive(tokens: Token[], verb: number): boolean {
  for (let k = verb - 1; k >= 0 && verb - k <= 3; k--) {
    const t = tokens[k]!;
    if (t.pos === 'ADV') continue;
    return t.pos === 'AUX' && BE_FORMS.has(t.norm);
  }
  return false;
}

/**
 * Attributions in one sentence: "according to X", "X said", "said X", "X reports", "as reported by X",
 * "X told Y", "X quoted Y as saying" (both X and Y). Words inside quotation marks are skipped (`inQuote`
 * tells which tokens are): a quoted "I told him" is not the article's attribution. Pronoun sources are
 * returned with `speaker.pronoun` set, for the caller to resolve or drop.
 */
export function findAttributions(sentence: AnalysedSentence, inQuote: (k: number) => boolean = () => false): FoundAttribution[] {
  const { tokens, text } = sentence;
  const out: FoundAttribution[] = [];
  const add = (phrase: Phrase | null, cue: string): void => {
    if (!phrase) return;
    const speaker = speakerOf(tokens, phrase, text);
    if (!out.some((a) => a.source === speaker.text && a.cue === cue)) out.push({ source: speaker.text, cue, speaker });
  };
  let subject: Phrase | null | undefined;
  const sentenceSubject = (): Phrase | null => (subject ??= mainSubject(tokens, inQuote));

  tokens.forEach((t, k) => {
    if (inQuote(k)) return;
    if (t.norm === 'according' && tokens[k + 1]?.norm === 'to') return add(phraseAfter(tokens, k + 2), 'according to');
    if (t.norm === 'citing') return add(phraseAfter(tokens, k + 1), 'citing');
    const lemma = speechLemma(tokens, k);
    if (!lemma || /ing$/.test(t.norm)) return;
    if (lemma === 'report' && tokens[k + 1]?.norm === 'by') {
      return add(phraseAfter(tokens, k + 2), tokens[k - 1]?.norm === 'as' ? 'as reported by' : 'reported by');
    }
    if (isPassive(tokens, k)) return;
    const cue = t.text.toLowerCase();
    const subj = subjectBefore(tokens, k);
    if (lemma === 'quote') {
      const quoted = phraseAfter(tokens, k + 1);
      const as = quoted ? afterApposition(tokens, quoted.last + 1) : -1;
      const asSaying = quoted && tokens[as]?.norm === 'as' && /^say/.test(tokens[as + 1]?.norm ?? '');
      if (subj) add(subj, cue);
      if (asSaying) add(quoted, `${cue} … as saying`);
      return;
    }
    const before = tokens[k - 1];
    // inverted order after a quotation or a comma: "…,” said Mr Smith", ", reported AP."
    const inverted = before?.pos === 'PUNCT' ? invertedSubject(tokens, k) : null;
    if (inverted) return add(inverted, cue);
    if (subj) return add(subj, cue);
    if (before && before.pos === 'CCONJ') return add(sentenceSubject(), cue);
  });
  return out;
}
