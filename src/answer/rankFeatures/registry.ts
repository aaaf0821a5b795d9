/**
 * The ranker's features, one small named function each: what a reader checks in a candidate sentence,
 * on a 0..1-ish scale. The ranker adds them up in the order of {@link FEATURE_NAMES} with the trained
 * weights; the type makes a name without a function, or a function without a name, an error.
 */
import { fold } from '../../text/analyse.js';
import { isMonthWord } from '../../text/calendar.js';
import { synonyms, wordClassOf } from '../../text/synonyms.js';
import { SETTINGS, softCredit } from '../../settings.js';
import { YEARISH, type Candidate } from './candidate.js';
import type { FeatureName } from './names.js';
import type { QuestionContext } from './questionContext.js';
import { MOTION_VERBS, REASON, STRICT_SORTS, toPlace } from './sorts.js';

export type Feature = (c: Candidate) => number;

const SYNONYM_SIMILARITY = SETTINGS.rank.synonymSimilarity;

/** Question words matched by meaning (word vectors, or the dictionary's synonyms) rather than by term, IDF-weighted. */
function soft({ ctx, termSet, content, vectors }: Candidate): number {
  let sum = 0;
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
    sum += w.idf * softCredit(best);
  }
  return sum / ctx.totalIdf;
}

/** The closest word of the sentence to the question's focus words. */
function focus({ ctx, content, vectors }: Candidate): number {
  let best = 0;
  if (vectors && ctx.focus.length) {
    for (const f of ctx.focus) for (const t of content) best = Math.max(best, vectors.similarity(f, t.lemma));
  }
  return best;
}

/** How tightly the matched question terms sit together in the sentence. */
function proximity({ terms, qTerms }: Candidate): number {
  let firstAt = -1;
  let lastAt = -1;
  let hits = 0;
  terms.forEach((t, i) => {
    if (!qTerms.has(t)) return;
    if (firstAt < 0) firstAt = i;
    lastAt = i;
    hits++;
  });
  return hits > 1 ? hits / (lastAt - firstAt + 1) : hits ? 0.5 : 0;
}

/** Adjacent pairs of question terms found adjacent in the sentence. */
function bigram({ ctx, terms }: Candidate): number {
  let n = 0;
  for (let i = 1; i < terms.length; i++) if (ctx.bigrams.has(`${terms[i - 1]} ${terms[i]}`)) n++;
  return Math.min(1, n / Math.max(1, ctx.bigrams.size));
}

/**
 * The question's words in the question's order (a paraphrase keeps much of it, a chance match does
 * not): the IDF weight of their longest common subsequence with the sentence's terms.
 */
function order({ ctx, terms }: Candidate): number {
  return orderedWeight(ctx, terms) / ctx.totalIdf;
}

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

/** The weight of the question words the sentence carries by referring back to them. */
function antecedent({ ctx, referred }: Candidate): number {
  let sum = 0;
  for (const w of ctx.words) if (referred.includes(w.term)) sum += w.idf;
  return sum / ctx.totalIdf;
}

/** The rarest question word the sentence carries, by itself or by referring back, against the rarest of the question. */
function rareMatch({ ctx, referred, termSet }: Candidate): number {
  let rare = 0;
  for (const w of ctx.words) if (referred.includes(w.term) || termSet.has(w.term)) rare = Math.max(rare, w.idf);
  return ctx.maxIdf ? rare / ctx.maxIdf : 0;
}

/** The question's event as a verb here too ("was sanctioned"), not only its noun ("sanctions relief"). */
function verbMatch({ ctx, content }: Candidate): number {
  if (!ctx.verbs.length) return 0;
  const syn = synonyms();
  const said = content.filter((t) => t.pos === 'VERB').map((t) => t.lemma);
  let n = 0;
  for (const v of ctx.verbs) if (said.some((l) => l === v || syn.same('verb', v, l))) n++;
  return n / ctx.verbs.length;
}

/** Answers sit close to the words of the question they answer: how close the nearest wanted word is. */
function answerNear(c: Candidate): number {
  const { q, asked, qTerms, content, wantsNumber, wantsDate, wantsName } = c;
  const wantedAt: number[] = [];
  const matchedAt: number[] = [];
  content.forEach((t, i) => {
    if (asked.has(t.norm) || qTerms.has(t.stem)) matchedAt.push(i);
    else if ((wantsNumber && t.pos === 'NUM') || (wantsDate && (YEARISH.test(t.text) || isMonthWord(t.text))) || ((wantsName || q.kind === 'what') && t.pos === 'PROPN')) wantedAt.push(i);
  });
  if (!wantedAt.length || !matchedAt.length) return 0;
  let best = Infinity;
  for (const a of wantedAt) for (const b of matchedAt) best = Math.min(best, Math.abs(a - b));
  return 1 / (1 + best / 3);
}

/**
 * A name standing right after a word of the question, as its apposition or title: "his wife, Huma
 * Abedin", "NFL Commissioner Roger Goodell": the name the question asks for.
 */
function apposition({ q, sentence, qTerms, asked }: Candidate): number {
  if (!(q.kind === 'who' || q.kind === 'which' || q.kind === 'what' || q.kind === 'other')) return 0;
  const toks = sentence.tokens;
  for (let i = 0; i < toks.length - 1; i++) {
    const t = toks[i]!;
    if (t.pos !== 'NOUN' || !qTerms.has(t.stem)) continue;
    const n = toks[toks[i + 1]!.text === ',' ? i + 2 : i + 1];
    if (n && n.pos === 'PROPN' && !asked.has(n.norm)) return 1;
  }
  return 0;
}

/** A person named in the sentence's facts, not in the question, for a who question. */
function personFact({ q, facts, asked }: Candidate): number {
  return facts && q.kind === 'who' && facts.entities.some((e) => e.kind === 'person' && !fold(e.text).split(/\s+/).every((w) => asked.has(w))) ? 1 : 0;
}

/** A quote by a person the question names, for a what-said question. */
function speakerQuote({ q, ctx, facts }: Candidate): number {
  if (q.kind !== 'what-said' || !facts || !ctx.names.length) return 0;
  let found = 0;
  for (const quote of facts.quotes) {
    if (quote.short || !quote.speaker) continue;
    const who = fold(quote.speaker).split(/\s+/);
    if (ctx.names.some((n) => who.includes(n))) found = 1;
  }
  return found;
}

const bool = (b: unknown): number => (b ? 1 : 0);

export const FEATURES: { readonly [N in FeatureName]: Feature } = {
  // the first stage's measures (search/firstStage.ts, answer/coverage.ts)
  bm25: (c) => c.first.bm25,
  paragraph: (c) => c.first.paragraph,
  neighbour: (c) => c.first.neighbour,
  coverage: (c) => c.first.coverage,
  firstRank: (c) => 1 / (1 + c.first.rank),
  title: (c) => c.first.title,
  lead: (c) => bool(c.first.position === 0),
  paragraphCoverage: (c) => c.first.paragraphCoverage,
  windowCoverage: (c) => c.first.windowCoverage,
  localCoverage: (c) => c.first.localCoverage,
  localWindow: (c) => c.first.localWindow,
  paragraphLocal: (c) => c.first.paragraphLocal,
  paragraphSoft: (c) => c.first.paragraphSoft,

  // the question's words in the sentence
  soft,
  focus,
  proximity,
  bigram,
  order,
  antecedent,
  rareMatch,
  verbMatch,
  numberMatch: ({ ctx, content }) => (ctx.numbers.length ? ctx.numbers.filter((n) => content.some((t) => t.norm === n)).length / ctx.numbers.length : 0),
  quotedMatch: ({ ctx, sentence }) => bool(ctx.quoted && fold(sentence.text).replace(/\s+/g, ' ').includes(ctx.quoted)),

  // what is new in the sentence, and whether it is the kind of thing asked for
  fresh: ({ content, fresh }) => (content.length ? fresh.length / content.length : 0),
  length: ({ content }) => Math.log1p(content.length) / 5,
  freshProper: ({ fresh }) => Math.min(3, fresh.filter((t) => t.pos === 'PROPN').length) / 3,
  typedNumber: (c) => bool(c.wantsNumber && c.freshNumber),
  typedDate: (c) => bool(c.wantsDate && c.freshDate),
  typedName: (c) => bool(c.wantsName && c.freshName),
  missingNumber: (c) => bool(c.wantsNumber && !c.freshNumber),
  missingDate: (c) => bool(c.wantsDate && !c.freshDate),
  missingName: (c) => bool(c.wantsName && !c.freshName),
  whatName: (c) => bool(c.openKind && c.freshName),
  whatNumber: (c) => bool(c.openKind && c.freshNumber),
  answerNear,
  apposition,
  headFresh: (c) => Math.max(0, c.head.fresh - 0.3) / 0.7,
  headName: (c) => c.head.name,

  // what the extracted facts say: a figure counting the asked thing, a resolved date, a person, a quote
  countedFocus: (c) => c.counted.focus,
  countedVerb: (c) => c.counted.verb,
  // the asked thing counted, but doing something else ("1,300 remaining" for "how many were released")
  countedOtherVerb: (c) => bool(c.counted.otherVerb && !c.counted.verb),
  dateFact: ({ q, facts, asked }) => bool(facts && q.kind === 'when' && facts.dates.some((d) => !asked.has(fold(d.raw)))),
  personFact,
  reasonCue: ({ q, sentence }) => bool(q.kind === 'why' && REASON.test(sentence.text)),
  speakerQuote,
  sortFit: (c) => bool(c.sortFit === true),
  sortMissing: (c) => bool(c.sortFit === false),
  // "how much did it cost", "how old": a sentence without a sum or an age cannot answer, however well it covers the question
  figureMissing: (c) => bool(c.sortFit === false && STRICT_SORTS.has(c.q.sort ?? '')),
  destination: ({ q, ctx, sentence, facts, asked }) => bool(q.kind === 'where' && ctx.verbs.some((v) => MOTION_VERBS.has(v)) && toPlace(sentence, facts, asked)),
};
