/**
 * Reading a question: its kind (how many / who / when / where / why / what did X say …), its topic
 * terms, and the words that say what kind of answer is wanted ("how many *prisoners*", "which *airline*").
 */
import { analyseParagraph, fold, type Token } from '../text/analyse.js';
import { NUMBER_RANGE, QUESTION_FILLER, termOf } from '../search/terms.js';
import type { QuestionKind } from './types.js';
import { PARTICLES, synonyms } from '../text/synonyms.js';
import { nounSorts } from '../text/nounSorts.js';

export interface QuestionTerm {
  term: string;
  /** The word as typed, or as corrected when the corpus never uses the typed spelling. */
  word: string;
  /** Lower-case lemma ("freed" → "free"), for word vectors. */
  lemma: string;
  /** The spelling typed, when it was corrected. */
  typed?: string;
  pos: string;
  /** Part of a capitalised name in the question. */
  name: boolean;
  /** The noun right after how many / which / what: the thing asked about. */
  focus: boolean;
  /** The phrasal verb this verb makes with the particle after it ("showed up" → "show_up"). */
  phrasal?: string;
}

/** The precise sort of answer a question wants, when its wording says. */
export type AnswerSort = 'money' | 'age' | 'year' | 'percent' | 'duration' | 'count' | 'date' | 'person' | 'place' | null;

export interface ParsedQuestion {
  text: string;
  kind: QuestionKind;
  sort: AnswerSort;
  terms: QuestionTerm[];
  tokens: Token[];
  /** Lemma of the noun naming the sort of thing a what/which question asks for ("what *venue*"), if any. */
  head: string | null;
  /** Quoted words in the question ("who said 'no man left behind'"). */
  quoted: string | null;
  /** Folded lemmas of the verbs, for matching predicates ("remain", "release"). */
  verbs: string[];
}

/** Words that make "how …" ask for a figure. */
const HOW_FIGURE_WORDS = 'long|old|far|large|big|high|tall|often|fast|deep|wide|heavy|hot|cold|thick|quickly';
const HOW_FIGURE = new RegExp(`^(${HOW_FIGURE_WORDS})$`);

const KIND_PATTERNS: Array<[RegExp, QuestionKind]> = [
  // "how may yards": a slip for "how many" (a fact question never asks permission)
  [/\bhow (many|much|may)\b/, 'how-many'],
  [/\b(what|which) (number|percentage|proportion|amount|total)\b/, 'how-many'],
  [new RegExp(`\\bhow (${HOW_FIGURE_WORDS})\\b`), 'how-many'],
  [/\b(what did|what does|what has|what had|what do) .+ (say|said|says|post|posted|write|wrote|tell|told|call|called|claim|claimed|describe|described)\b/, 'what-said'],
  [/\bwho (said|says|posted|wrote|told|tweeted|declared|stated)\b/, 'who'],
  [/\b(when|what year|what date|what day|what month|what time|what century|what decade|which year|which month|which day|which century)\b/, 'when'],
  [/\b(where|what country|which country|what city|which city|what place|which place|what region|which region|what state|which state)\b/, 'where'],
  [/\b(who|whom|whose)\b/, 'who'],
  [/\bwhy\b|\bwhat (was|is) the reason\b|\bfor what reason\b/, 'why'],
  [/\bhow\b/, 'how'],
  [/\bwhich\b/, 'which'],
  [/\bwhat\b/, 'what'],
  [/^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b/, 'yes-no'],
];

/**
 * The kind of a question from its wording. The question word that comes first decides ("Who was
 * arrested when…" asks who); among patterns starting at the same place, the more specific wins.
 */
export function questionKind(question: string): QuestionKind {
  const q = fold(question).replace(/\s+/g, ' ').trim();
  let best: { at: number; order: number; kind: QuestionKind } | null = null;
  KIND_PATTERNS.forEach(([re, kind], order) => {
    const m = re.exec(q);
    if (!m) return;
    if (!best || m.index < best.at || (m.index === best.at && order < best.order)) best = { at: m.index, order, kind };
  });
  return (best as { kind: QuestionKind } | null)?.kind ?? 'other';
}

const SORT_PATTERNS: Array<[RegExp, AnswerSort]> = [
  [/\bhow old\b|\bwhat age\b|\bat what age\b|\bhow many years old\b/, 'age'],
  [/\bwhat percent(age)?\b|\bhow many percent\b|\bwhat share\b|\bwhat proportion\b/, 'percent'],
  [/\bhow much\b.*\b(money|cost|costs|price|pay|paid|pays|spend|spent|spends|raise|raised|raises|earn|earned|earns|worth|fund|funds|salary|fine|fined|bail|donate|donated|charity|tax|taxes|income|budget|owe|owed|sell|sold|buy|bought|dollars?)\b|\bhow much (money|did it cost|does it cost)\b|\bwhat (was|is) the (cost|price|fine|salary|budget)\b/, 'money'],
  [/\bhow (long|many years|many months|many days|many weeks)\b/, 'duration'],
  [/\bwhat (is|was|were|are) the (cost|price|value|budget|salary|fine|bail|worth)\b/, 'money'],
  [/\bwhat (is|was|were|are) the (rate|share|percentage|proportion)\b/, 'percent'],
  [/\bwhat (is|was|were|are) the (population|number|total|amount|size|count|tally|death toll|toll|score)\b/, 'count'],
  [/\b(what|which|since what|in what|in which) year\b/, 'year'],
  [/\bhow (many|much)\b/, 'count'],
  [/\b(when|what date|what day|what month|which day|which month)\b/, 'date'],
  [/\b(where|what country|which country|what city|which city|what town|which town|what state|which state|what place|which place)\b/, 'place'],
  [/\b(who|whom|whose)\b|\b(which|what) (person|man|woman|senator|official|lawyer|judge|doctor|leader|president|minister|candidate|reporter|spokesman|spokeswoman|spokesperson)\b/, 'person'],
];

/** The sort of answer the wording asks for ("how old" → an age, "how much … pay" → money). */
export function answerSort(question: string): AnswerSort {
  const q = fold(question).replace(/\s+/g, ' ').trim();
  // the question's opening words decide: "which town was he in *when* he spoke" asks for a place, the "when"
  // only says which visit; otherwise the earlier, more specific pattern ("lived there for how many years"
  // asks for a duration, though "where" comes first)
  let first: AnswerSort = null;
  for (const [re, sort] of SORT_PATTERNS) {
    const m = re.exec(q);
    if (m?.index === 0) return sort;
    if (m && first === null) first = sort;
  }
  return first;
}

/**
 * The sort a what/which question asks for by its head noun, when the dictionary files that noun under people
 * ("which *archeologist*", "what former *quarterback*"): the answer is a person's name.
 */
function headSort(head: string | null): AnswerSort {
  return head && nounSorts().sortOf(head) === 'person' ? 'person' : null;
}

/** Nouns that name a measure of something counted under another word ("a population of 9.5 million people"). */
const MEASURED: Readonly<Record<string, readonly string[]>> = Object.freeze({
  population: ['people', 'inhabitants', 'residents', 'citizens'],
  toll: ['dead', 'deaths', 'killed', 'people', 'victims'],
  turnout: ['voters', 'people', 'votes'],
  attendance: ['people', 'spectators', 'fans', 'visitors'],
  crowd: ['people', 'protesters', 'spectators', 'fans'],
  workforce: ['employees', 'workers', 'staff'],
  enrollment: ['students', 'pupils'],
  enrolment: ['students', 'pupils'],
});

/** What a measure noun is counted in ("population" → people, inhabitants…); empty for other words. */
export function measuredBy(word: string): readonly string[] {
  return MEASURED[word.toLowerCase()] ?? [];
}

/** Verbs that carry no event of their own ("what did X *say*", "how many *are* there"). */
export const LIGHT_VERBS: ReadonlySet<string> = new Set(['say', 'tell', 'do', 'have', 'be', 'get', 'make']);

const QUOTED = /["“”‘’']([^"“”‘’']{3,})["“”‘’']/;

/** Nouns that stand before the real head: "what *kind of* music", "the *name of* the stadium". */
const HEAD_OF = /^(kind|type|sort|form|name|names|part|piece|group|example|one|member|variety|style|category|term|word|title)$/;

/**
 * The noun naming what a what/which question asks for: the last noun of the words after the question
 * word ("which NFL *team*", "what *venue*"), or after "what is the" ("what was the *name* of the
 * *stadium*" → stadium). Null for other questions.
 */
export function questionHead(q: Pick<ParsedQuestion, 'kind' | 'tokens'>): string | null {
  if (q.kind !== 'what' && q.kind !== 'which' && q.kind !== 'other') return null;
  const tokens = q.tokens;
  const wh = tokens.findIndex((t) => t.norm === 'what' || t.norm === 'which');
  if (wh < 0) return null;
  let i = wh + 1;
  // "what is the …", "what are some …"
  if (tokens[i]?.pos === 'AUX' && /^(is|was|are|were)$/.test(tokens[i]!.norm)) {
    i++;
    while (tokens[i] && (tokens[i]!.pos === 'DET' || /^(some|one|two|three)$/.test(tokens[i]!.norm))) i++;
  }
  let head: string | null = null;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    // a hyphenated modifier ("well-known", "best-selling") is tagged word by word
    if (tokens[i + 1]?.text === '-' && tokens[i + 2]) {
      i += 2;
      continue;
    }
    if (t.pos === 'NOUN') head = t.lemma.toLowerCase();
    else if (t.pos === 'PROPN' || t.pos === 'ADJ' || t.pos === 'NUM') continue;
    else if (t.norm === 'of' && head && HEAD_OF.test(head)) {
      head = null;
      while (tokens[i + 1] && tokens[i + 1]!.pos === 'DET') i++;
    } else break;
  }
  return head && !HEAD_OF.test(head) ? head : null;
}

/** Parses a question into its kind and weighted topic terms. */
export function parseQuestion(question: string): ParsedQuestion {
  const text = question.replace(/\s+/g, ' ').trim();
  const kind = questionKind(text);
  const tokens = analyseParagraph(text).flatMap((s) => s.tokens);
  const terms: QuestionTerm[] = [];
  const verbs: string[] = [];
  let afterWh = false;
  let focusTaken = false;
  // "showed up", "stepped down": the verb means what the dictionary says the pair means ("arrive",
  // "resign"), and the particle is part of it, not a topic word
  const phrasalAt = new Map<number, string>();
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.pos !== 'VERB' || !next || !PARTICLES.has(next.norm)) return;
    const pair = `${t.lemma.toLowerCase()}_${next.norm}`;
    if (synonyms().of('verb', pair).length) phrasalAt.set(i, pair);
  });
  tokens.forEach((t, i) => {
    const lower = t.norm;
    if (phrasalAt.has(i - 1)) return;
    if (/^(how|which|what|whose)$/.test(lower)) {
      afterWh = true;
      return;
    }
    const phrasal = phrasalAt.get(i);
    if (t.pos === 'VERB') verbs.push(t.lemma);
    if (phrasal) verbs.push(phrasal);
    const term = termOf(t);
    const isName = /^[A-Z]/.test(t.text) && i > 0 && t.pos !== 'PUNCT';
    if (!term) {
      if (afterWh && !/^(many|much|long|old|far|kind|type|of)$/.test(lower)) afterWh = afterWh && t.pos !== 'VERB' && t.pos !== 'AUX';
      return;
    }
    const focus = afterWh && !focusTaken && (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ');
    if (focus && t.pos !== 'ADJ') focusTaken = true;
    if (t.pos === 'VERB' || t.pos === 'AUX') afterWh = false;
    if (QUESTION_FILLER.has(lower) && !isName) return;
    // "how old", "how long": the word asks for a figure and is rarely written beside it ("Stone, 66,")
    if (tokens[i - 1]?.norm === 'how' && HOW_FIGURE.test(lower)) return;
    // "on what day", "in which year": the word asks for a date, which is written without it
    if (kind === 'when' && /^(what|which)$/.test(tokens[i - 1]?.norm ?? '') && /^(day|year|month|date|time|century|decade)$/.test(lower)) return;
    terms.push({ term, word: t.text, lemma: t.lemma, pos: t.pos, name: isName, focus, ...(phrasal ? { phrasal } : {}) });
    // "a 15-1 record": coverage that writes "15–1" has two number tokens, one for each side
    if (NUMBER_RANGE.test(t.norm)) for (const n of term.split('-')) terms.push({ term: n, word: n, lemma: n, pos: 'NUM', name: false, focus: false });
  });
  // "How many prisoners did X release?": the tagger often reads the last word as a noun
  if (!verbs.some((v) => !LIGHT_VERBS.has(v))) {
    const aux = tokens.findIndex((t) => t.pos === 'AUX' && /^(do|does|did|will|would|can|could|should)$/.test(t.norm));
    const last = [...tokens].reverse().find((t) => t.pos !== 'PUNCT');
    if (aux >= 0 && last && tokens.indexOf(last) > aux + 1 && (last.pos === 'NOUN' || last.pos === 'VERB')) verbs.push(last.lemma);
  }
  const quoted = QUOTED.exec(text)?.[1] ?? null;
  const head = questionHead({ kind, tokens });
  return { text, kind, sort: answerSort(text) ?? headSort(head), head, terms, tokens, quoted, verbs };
}
