/**
 * What the ranker looks at for one candidate sentence: a small vector of features, each on a 0..1-ish
 * scale, combined linearly with the weights in rankModel.ts. Keeping them explicit makes the ranking
 * explainable and lets the weights be calibrated on question sets without touching the code.
 */
import type { AnalysedSentence } from '../text/analyse.js';
import type { WordVectors } from '../text/embeddings.js';
import { LIGHT_VERBS, type ParsedQuestion } from './question.js';
import { synonyms, wordClassOf, type WordClass } from '../text/synonyms.js';
import { SETTINGS, softCredit } from '../settings.js';

const SYNONYM_SIMILARITY = SETTINGS.rank.synonymSimilarity;
import type { SentenceFacts } from '../types.js';
import { fold } from '../text/analyse.js';
import { countedWords, sameThing } from './sameThing.js';
import { isMonthWord, WEEKDAY_NAMES } from '../text/calendar.js';

export { referringSubject } from './reference.js';

export const FEATURE_NAMES = [
  'bm25',
  'paragraph',
  'neighbour',
  'coverage',
  'soft',
  'typedNumber',
  'typedDate',
  'typedName',
  'bigram',
  'fresh',
  'length',
  'firstRank',
  'title',
  'focus',
  'lead',
  'missingNumber',
  'missingDate',
  'missingName',
  'paragraphCoverage',
  'windowCoverage',
  'proximity',
  'freshProper',
  'whatName',
  'whatNumber',
  'localCoverage',
  'localWindow',
  'countedFocus',
  'countedVerb',
  'dateFact',
  'personFact',
  'reasonCue',
  'speakerQuote',
  'quotedMatch',
  'sortFit',
  'sortMissing',
  'paragraphLocal',
  'answerNear',
  'countedOtherVerb',
  'paragraphSoft',
  'antecedent',
  'destination',
  'verbMatch',
  'headFresh',
  'headName',
  'numberMatch',
  'rareMatch',
  'apposition',
  'order',
  'figureMissing',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

const YEARISH = /^(1[0-9]{3}|20[0-9]{2})s?$/;
const DATE_WORD = new RegExp(`^(century|centuries|decade|decades|${WEEKDAY_NAMES.join('|')}|today|yesterday|ago|bc|ad|bce|ce|bc\\.|a\\.d\\.|b\\.c\\.)$`, 'i');

/** Inputs measured by the first stage (BM25), already normalised to the best candidate. */
export interface FirstStage {
  bm25: number;
  paragraph: number;
  neighbour: number;
  /** 0-based rank after the first stage. */
  rank: number;
  /** Share of the question's terms found in the article title. */
  title: number;
  /** Exact coverage: matched IDF mass / question IDF mass. */
  coverage: number;
  /** 0-based position of the sentence in its paragraph. */
  position: number;
  /** Coverage by the whole paragraph, and by the sentence with its neighbours. */
  paragraphCoverage: number;
  windowCoverage: number;
  /** Coverage with weights from the sentence's own article: words that run through the article count little. */
  localCoverage: number;
  localWindow: number;
  paragraphLocal: number;
  /** Coverage of the question by the whole paragraph, other words for the same thing included. */
  paragraphSoft: number;
}

/** Per-question data computed once and shared by all candidates. */
export interface QuestionContext {
  q: ParsedQuestion;
  /** Folded words of the question (to tell an answer from a restatement). */
  asked: Set<string>;
  /** Weighted content words of the question: word → IDF weight. */
  words: Array<{ word: string; term: string; idf: number; cls: WordClass | null; name: boolean }>;
  totalIdf: number;
  /** Adjacent pairs of question terms. */
  bigrams: Set<string>;
  focus: string[];
  /** What a how-many question counts. */
  counted: string[];
  /** Lemmas of the question's main verbs. */
  verbs: string[];
  /** Folded capitalised words of the question (names), for matching speakers. */
  names: string[];
  /** Folded quoted phrase of the question, if any. */
  quoted: string | null;
  /** Lemma of the noun naming the sort of thing a what/which question asks for ("what *venue*"). */
  head: string | null;
  /** Numbers written in the question ("caught 76 passes"), folded. */
  numbers: string[];
  /** The highest IDF among the question's words. */
  maxIdf: number;
}

export function questionContext(q: ParsedQuestion, idf: (term: string) => number): QuestionContext {
  const asked = new Set(q.tokens.map((t) => t.norm));
  const words = q.terms.map((t) => ({ word: t.lemma, term: t.term, idf: idf(t.term), cls: t.name ? null : wordClassOf(t.pos), name: t.name }));
  const totalIdf = words.reduce((s, w) => s + w.idf, 0) || 1;
  const bigrams = new Set<string>();
  for (let i = 1; i < q.terms.length; i++) bigrams.add(`${q.terms[i - 1]!.term} ${q.terms[i]!.term}`);
  const focus = q.terms.filter((t) => t.focus).map((t) => t.lemma);
  const counted = q.kind === 'how-many' || q.sort === 'count' ? countedWords(q) : [];
  const verbs = q.verbs.filter((v) => !LIGHT_VERBS.has(v));
  const names = q.tokens.filter((t, i) => i > 0 && t.pos === 'PROPN').map((t) => t.norm.replace(/'s$/, ''));
  const quoted = q.quoted ? fold(q.quoted).replace(/\s+/g, ' ').trim() : null;
  const head = q.head;
  const numbers = q.tokens.filter((t) => t.pos === 'NUM' && /\d/.test(t.text)).map((t) => t.norm);
  const maxIdf = words.reduce((m, w) => Math.max(m, w.idf), 0);
  return { q, asked, words, totalIdf, bigrams, focus, counted, verbs, names, quoted, head, numbers, maxIdf };
}

/** The feature vector of one candidate sentence. */
export function candidateFeatures(
  ctx: QuestionContext,
  sentence: AnalysedSentence,
  terms: readonly string[],
  first: FirstStage,
  vectors: WordVectors | null,
  facts?: SentenceFacts,
  /** Question name terms the sentence carries by referring back ("the airline" for the airline named before). */
  referred: readonly string[] = [],
): Features {
  const { q, asked } = ctx;
  const wantsNumber = q.kind === 'how-many';
  const wantsDate = q.kind === 'when';
  const wantsName = q.kind === 'who' || q.kind === 'where' || q.kind === 'which';
  const termSet = new Set(terms);
  const content = sentence.tokens.filter((t) => t.pos !== 'PUNCT' && t.pos !== 'SPACE');
  const fresh = content.filter((t) => !asked.has(t.norm));
  const freshNumber = fresh.some((t) => t.pos === 'NUM') || sentence.entities.some((e) => /CARDINAL|MONEY|PERCENT|QUANTITY/.test(e.type) && !asked.has(e.text.toLowerCase()));
  const freshDate =
    sentence.entities.some((e) => /DATE|TIME/.test(e.type) && !asked.has(e.text.toLowerCase())) ||
    fresh.some((t) => YEARISH.test(t.text) || isMonthWord(t.text) || DATE_WORD.test(t.text));
  const freshName = fresh.some((t) => t.pos === 'PROPN');

  let soft = 0;
  {
    const syn = synonyms();
    for (const w of ctx.words) {
      if (termSet.has(w.term)) continue;
      // syn.same(w.cls, w.word, x) is x === w.word or x among syn.of(w.cls, w.word): looked up once per word
      const alts = w.cls ? syn.of(w.cls, w.word) : null;
      let best = 0;
      for (const t of content) {
        let sim = vectors ? vectors.similarity(w.word, t.lemma) : 0;
        if (alts && sim < SYNONYM_SIMILARITY && wordClassOf(t.pos) === w.cls && (t.lemma === w.word || alts.includes(t.lemma))) sim = SYNONYM_SIMILARITY;
        if (sim > best) best = sim;
      }
      soft += w.idf * softCredit(best);
    }
  }
  let focus = 0;
  if (vectors && ctx.focus.length) {
    for (const f of ctx.focus) for (const t of content) focus = Math.max(focus, vectors.similarity(f, t.lemma));
  }

  // how tightly the matched question terms sit together in the sentence
  let firstAt = -1;
  let lastAt = -1;
  let hits = 0;
  const qTerms = new Set(ctx.words.map((w) => w.term));
  terms.forEach((t, i) => {
    if (!qTerms.has(t)) return;
    if (firstAt < 0) firstAt = i;
    lastAt = i;
    hits++;
  });
  const proximity = hits > 1 ? hits / (lastAt - firstAt + 1) : hits ? 0.5 : 0;
  const freshProper = Math.min(3, fresh.filter((t) => t.pos === 'PROPN').length) / 3;

  // what the extracted facts say: a figure counting the asked thing, a resolved date, a person, a quote
  let countedFocus = 0;
  let countedVerb = 0;
  let countedOtherVerb = 0;
  if (facts && ctx.counted.length) {
    for (const n of facts.numbers) {
      if (n.kind !== 'count' || !n.counts || asked.has(n.raw.toLowerCase())) continue;
      const words = n.counts.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);
      if (!words.some((w) => ctx.counted.some((c) => sameThing(c, w, vectors)))) continue;
      countedFocus = 1;
      if (!ctx.verbs.length || (n.verb && ctx.verbs.some((v) => sameThing(v, n.verb!, vectors)))) countedVerb = 1;
      else if (n.verb) countedOtherVerb = 1;
    }
  }
  const dateFact = facts && q.kind === 'when' && facts.dates.some((d) => !asked.has(fold(d.raw))) ? 1 : 0;
  const personFact = facts && q.kind === 'who' && facts.entities.some((e) => e.kind === 'person' && !fold(e.text).split(/\s+/).every((w) => asked.has(w))) ? 1 : 0;
  const reasonCue = q.kind === 'why' && REASON.test(sentence.text) ? 1 : 0;
  let speakerQuote = 0;
  if (facts && ctx.names.length) {
    for (const quote of facts.quotes) {
      if (quote.short || !quote.speaker) continue;
      const who = fold(quote.speaker).split(/\s+/);
      if (ctx.names.some((n) => who.includes(n))) speakerQuote = 1;
    }
  }
  const quotedMatch = ctx.quoted && fold(sentence.text).replace(/\s+/g, ' ').includes(ctx.quoted) ? 1 : 0;

  const sortFit = facts ? fitsSort(q, sentence, facts, asked) : null;

  // answers sit close to the words of the question they answer
  let answerNear = 0;
  const wantedAt: number[] = [];
  const matchedAt: number[] = [];
  content.forEach((t, i) => {
    if (asked.has(t.norm) || qTerms.has(t.stem)) matchedAt.push(i);
    else if ((wantsNumber && t.pos === 'NUM') || (wantsDate && (YEARISH.test(t.text) || isMonthWord(t.text))) || ((wantsName || q.kind === 'what') && t.pos === 'PROPN')) wantedAt.push(i);
  });
  if (wantedAt.length && matchedAt.length) {
    let best = Infinity;
    for (const a of wantedAt) for (const b of matchedAt) best = Math.min(best, Math.abs(a - b));
    answerNear = 1 / (1 + best / 3);
  }

  // the question's event as a verb here too ("was sanctioned"), not only its noun ("sanctions relief")
  let verbMatch = 0;
  if (ctx.verbs.length) {
    const syn = synonyms();
    const said = content.filter((t) => t.pos === 'VERB').map((t) => t.lemma);
    for (const v of ctx.verbs) if (said.some((l) => l === v || syn.same('verb', v, l))) verbMatch++;
    verbMatch /= ctx.verbs.length;
  }

  // a name standing right after a word of the question, as its apposition or title: "his wife, Huma
  // Abedin", "NFL Commissioner Roger Goodell" — the name the question asks for
  let apposition = 0;
  if (q.kind === 'who' || q.kind === 'which' || q.kind === 'what' || q.kind === 'other') {
    const toks = sentence.tokens;
    for (let i = 0; i < toks.length - 1 && !apposition; i++) {
      const t = toks[i]!;
      if (t.pos !== 'NOUN' || !qTerms.has(t.stem)) continue;
      const n = toks[toks[i + 1]!.text === ',' ? i + 2 : i + 1];
      if (n && n.pos === 'PROPN' && !asked.has(n.norm)) apposition = 1;
    }
  }

  // question words the sentence carries, by itself or by referring back: their weight, and the rarest
  let antecedent = 0;
  let rare = 0;
  for (const w of ctx.words) {
    const referredTo = referred.includes(w.term);
    if (referredTo) antecedent += w.idf;
    if (referredTo || termSet.has(w.term)) rare = Math.max(rare, w.idf);
  }

  // the sort of thing asked for, named fresh in the sentence ("what venue" → "stadium"), and a name
  // standing next to a word for it ("at Levi's Stadium", "networks CBS and NBC")
  let headFresh = 0;
  let headName = 0;
  if (ctx.head && vectors) {
    const head = ctx.head;
    // how close each noun is to the asked sort (the word itself: 1), once per token
    const closeness = content.map((t) => {
      if (t.pos !== 'NOUN' && t.pos !== 'PROPN') return -Infinity;
      const lemma = t.lemma.toLowerCase();
      return lemma === head ? 1 : vectors.similarity(head, lemma);
    });
    content.forEach((t, i) => {
      if (closeness[i] === -Infinity || asked.has(t.norm)) return;
      headFresh = Math.max(headFresh, closeness[i]!);
      if (headName || t.pos !== 'PROPN') return;
      for (let j = Math.max(0, i - 3); j <= Math.min(content.length - 1, i + 3); j++) if (j !== i && closeness[j]! >= 0.5) headName = 1;
    });
  }
  const numberMatch = ctx.numbers.length ? ctx.numbers.filter((n) => content.some((t) => t.norm === n)).length / ctx.numbers.length : 0;

  let bigram = 0;
  for (let i = 1; i < terms.length; i++) if (ctx.bigrams.has(`${terms[i - 1]} ${terms[i]}`)) bigram++;

  // the question's words in the question's order (a paraphrase keeps much of it, a chance match does not):
  // the IDF weight of their longest common subsequence with the sentence
  const order = orderedWeight(ctx, terms);

  return {
    bm25: first.bm25,
    paragraph: first.paragraph,
    neighbour: first.neighbour,
    coverage: first.coverage,
    soft: soft / ctx.totalIdf,
    typedNumber: wantsNumber && freshNumber ? 1 : 0,
    typedDate: wantsDate && freshDate ? 1 : 0,
    typedName: wantsName && freshName ? 1 : 0,
    bigram: Math.min(1, bigram / Math.max(1, ctx.bigrams.size)),
    fresh: content.length ? fresh.length / content.length : 0,
    length: Math.log1p(content.length) / 5,
    firstRank: 1 / (1 + first.rank),
    title: first.title,
    focus,
    lead: first.position === 0 ? 1 : 0,
    missingNumber: wantsNumber && !freshNumber ? 1 : 0,
    missingDate: wantsDate && !freshDate ? 1 : 0,
    missingName: wantsName && !freshName ? 1 : 0,
    paragraphCoverage: first.paragraphCoverage,
    windowCoverage: first.windowCoverage,
    proximity,
    freshProper,
    whatName: (q.kind === 'what' || q.kind === 'other') && freshName ? 1 : 0,
    whatNumber: (q.kind === 'what' || q.kind === 'other') && freshNumber ? 1 : 0,
    localCoverage: first.localCoverage,
    localWindow: first.localWindow,
    countedFocus,
    countedVerb,
    dateFact,
    personFact,
    reasonCue,
    speakerQuote: q.kind === 'what-said' ? speakerQuote : 0,
    quotedMatch,
    sortFit: sortFit === true ? 1 : 0,
    sortMissing: sortFit === false ? 1 : 0,
    // "how much did it cost", "how old": a sentence without a sum or an age cannot answer, however well it covers the question
    figureMissing: sortFit === false && STRICT_SORTS.has(q.sort ?? '') ? 1 : 0,
    paragraphLocal: first.paragraphLocal,
    answerNear,
    // the asked thing counted, but doing something else ("1,300 remaining" for "how many were released")
    countedOtherVerb: countedOtherVerb && !countedVerb ? 1 : 0,
    paragraphSoft: first.paragraphSoft,
    antecedent: antecedent / ctx.totalIdf,
    order: order / ctx.totalIdf,
    verbMatch,
    headFresh: Math.max(0, headFresh - 0.3) / 0.7,
    headName,
    numberMatch,
    rareMatch: ctx.maxIdf ? rare / ctx.maxIdf : 0,
    apposition,
    destination: q.kind === 'where' && ctx.verbs.some((v) => MOTION_VERBS.has(v)) && toPlace(sentence, facts, asked) ? 1 : 0,
  };
}

/** Verbs of going somewhere, whose "where" asks for a destination ("where did they go" → "crossed into X"). */
const MOTION_VERBS: ReadonlySet<string> = new Set([
  'go', 'move', 'travel', 'flee', 'head', 'return', 'cross', 'come', 'fly', 'sail', 'migrate', 'relocate', 'escape',
  'deport', 'send', 'take', 'transfer', 'bring', 'arrive', 'drive', 'walk', 'expel', 'exile', 'evacuate', 'leave',
]);
const TOWARDS = /^(to|into|towards|toward|for|across|in)$/;

/** A place not named in the question, right after a verb of going and a word of direction ("crossed into X"). */
function toPlace(sentence: AnalysedSentence, facts: SentenceFacts | undefined, asked: Set<string>): boolean {
  if (!facts) return false;
  const places = facts.entities.filter((e) => e.kind === 'place' && !fold(e.text).split(/\s+/).every((w) => asked.has(w)));
  for (const p of places) {
    const before = sentence.tokens.filter((t) => t.end <= p.start);
    const word = before[before.length - 1];
    if (!word || !TOWARDS.test(word.norm)) continue;
    // the direction belongs to a verb of going ("crossed into X"), not to "spoke to X"
    if (before.slice(-5, -1).some((t) => t.pos === 'VERB' && MOTION_VERBS.has(t.lemma))) return true;
  }
  return false;
}

/** Words that give a cause or a purpose ("after …", "because …", "for allowing …"), not "in exchange for". */
const REASON = /\b(because|due to|as a result|in response|in retaliation|in protest|so that|in order to|owing to|prompted|led to|caused|after|following|(?<!exchange )for \w+ing)\b/i;

/** Sorts of answer that only a figure of that sort gives. */
const STRICT_SORTS: ReadonlySet<string> = new Set(['money', 'age']);

const YEAR_RE = /^(1[5-9]\d\d|20\d\d)$/;

/**
 * Does the sentence hold, beyond the question's own words, the precise sort of answer asked for (money for
 * "how much did … pay", an age for "how old", a year, a person for "who", a place for "where")?
 * Null when the question does not say which sort it wants.
 */
export function fitsSort(q: ParsedQuestion, sentence: AnalysedSentence, facts: SentenceFacts, asked: Set<string>): boolean | null {
  const freshNumbers = facts.numbers.filter((n) => !asked.has(n.raw.toLowerCase()));
  switch (q.sort) {
    case 'money':
      return freshNumbers.some((n) => n.kind === 'money');
    case 'percent':
      return freshNumbers.some((n) => n.kind === 'percent');
    case 'age':
      return freshNumbers.some((n) => n.value > 0 && n.value < 120 && Number.isInteger(n.value) && (AGE_WORDS.test(sentence.text) || readsAsAge(sentence.text, n)));
    case 'year':
      return sentence.tokens.some((t) => YEAR_RE.test(t.text) && !asked.has(t.norm)) || facts.dates.some((d) => !asked.has(fold(d.raw)));
    case 'duration':
      return sentence.entities.some((e) => e.type === 'DURATION') || freshNumbers.some((n) => !!n.counts && /\b(year|month|week|day|hour|minute|decade|centur)/i.test(n.counts));
    case 'count':
      return freshNumbers.some((n) => n.kind === 'count' || n.kind === 'money' || n.kind === 'percent');
    case 'date':
      return facts.dates.some((d) => !asked.has(fold(d.raw))) || sentence.entities.some((e) => (e.type === 'DATE' || e.type === 'TIME') && !asked.has(fold(e.text)));
    case 'person':
      return facts.entities.some((e) => (e.kind === 'person' || e.kind === 'organisation') && !fold(e.text).split(/\s+/).every((w) => asked.has(w)));
    case 'place':
      return facts.entities.some((e) => e.kind === 'place' && !fold(e.text).split(/\s+/).every((w) => asked.has(w)));
    default:
      return null;
  }
}

const AGE_WORDS = /\b(ages?|aged|years? old)\b/i;

/**
 * A number written as a person's age: "52-year-old", or set off by commas after a name ("Mr. Blumenthal,
 * 64, said"). Other figures the extractor leaves uncounted (scores such as "7–0", fractions, times) are not.
 */
function readsAsAge(text: string, n: { raw: string; start: number }): boolean {
  if (/year-old/i.test(n.raw)) return true;
  const before = text.slice(Math.max(0, n.start - 40), n.start);
  const after = text.slice(n.start + n.raw.length, n.start + n.raw.length + 3);
  return /\p{Lu}[\p{L}.'’-]*,\s*$/u.test(before) && /^\s*[,.;)]/.test(after);
}

/** IDF weight of the longest common subsequence of the question's words and the sentence's terms. */
function orderedWeight(ctx: QuestionContext, terms: readonly string[]): number {
  const ws = ctx.words;
  if (!ws.length || !terms.length) return 0;
  // one row of the dynamic programme at a time: best[j] over the first j question words
  let prev = new Float64Array(ws.length + 1);
  let row = new Float64Array(ws.length + 1);
  for (const t of terms) {
    for (let j = 1; j <= ws.length; j++) {
      const w = ws[j - 1]!;
      row[j] = Math.max(prev[j]!, row[j - 1]!, w.term === t ? prev[j - 1]! + w.idf : 0);
    }
    [prev, row] = [row, prev];
  }
  return prev[ws.length]!;
}

/** Linear score of a feature vector. */
export function linearScore(f: Features, weights: Readonly<Record<FeatureName, number>>): number {
  let s = 0;
  for (const name of FEATURE_NAMES) s += f[name] * weights[name];
  return s;
}
