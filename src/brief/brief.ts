/**
 * The meeting brief: the story on one page, every line a verbatim sentence (or quote) of the coverage
 * with the article and paragraph it comes from. Four sections, each drawn from what the engine already
 * lists, so that the brief and the listings never disagree:
 *
 * - key facts: sentences merged across articles (listings' mergeAcrossArticles, then by the figure they
 *   report), ranked by
 *   `reach + centrality`: the share of the outlets that report the fact, plus the best centroid cosine
 *   of its sentences (centrality.ts) over the best of the corpus, both in 0..1;
 * - where outlets differ: the corpus's conflicts, those involving the most outlets first;
 * - latest developments: the timeline's dated events, newest first;
 * - main quotes: quotes with a named speaker, ranked by the same `reach + centrality` (of the sentence
 *   carrying the quote), one per speaker before any speaker gets a second.
 *
 * A sentence mostly in quotation marks is a quote, not a key fact; a line given as a key fact is not
 * given again as a development or a quote.
 *
 * A pure function of the indexed corpus and its listings; ties are broken by position in the corpus, so
 * the same corpus always gives the same brief.
 */
import { statementOverlap } from '../answer/agreement.js';
import { mergeAcrossArticles, type QuoteEntry, type TimelineEntry } from '../answer/listings.js';
import { citedFact, excerpt, MAX_FACT_CHARS, outletCount, outletKey } from '../answer/sources.js';
import type { CitedFact, Conflict, SourceRef } from '../answer/types.js';
import type { Knowledge } from '../search/knowledge.js';
import { stemWord } from '../text/analyse.js';
import { sentenceCentrality, type Centrality } from './centrality.js';

/** What a brief shows, at most, and which sentences may be key facts. */
export const BRIEF_SETTINGS = Object.freeze({
  keyFacts: 8,
  conflicts: 5,
  developments: 5,
  quotes: 5,
  /**
   * Most central sentences considered as key facts and merged across articles. Sentences that say the
   * same as a central one share its weighty terms, so they are central too: a pool a dozen times the
   * facts shown finds their other sources without comparing every pair of sentences in the corpus.
   */
  pool: 120,
  /** A key fact has at least this many distinct index terms: shorter lines are headings, captions, fragments. */
  minTerms: 5,
  /** Overlap with a fact already chosen at which a sentence of the same article says nothing new. */
  redundant: 0.5,
  /** A main quote has at least this many words: shorter ones are phrases, not statements. */
  quoteWords: 5,
  /** Share of a sentence in quotation marks above which it is a quote (listed under quotes), not a key fact. */
  quotedShare: 0.5,
});

export type BriefLimits = Partial<Pick<typeof BRIEF_SETTINGS, 'keyFacts' | 'conflicts' | 'developments' | 'quotes'>>;

/** A key fact: a verbatim sentence (sources[0]'s), the sentences of other articles that say the same, and how many outlets. */
export interface BriefFact extends CitedFact {
  /** Distinct outlets (or unnamed articles) among the sources. */
  outlets: number;
}

/** A quote with its speaker. */
export interface BriefQuote extends QuoteEntry {
  speaker: string;
  outlets: number;
}

export interface Brief {
  articles: number;
  outlets: number;
  /** Earliest and latest publication dates among the articles (`yyyy-MM-dd`), null when none says one. */
  published: { first: string; last: string } | null;
  keyFacts: BriefFact[];
  conflicts: Conflict[];
  /** Newest first. */
  developments: TimelineEntry[];
  quotes: BriefQuote[];
  /** How many of each the full listings hold (the brief shows the first few). */
  totals: { conflicts: number; events: number; quotes: number };
}

/** The listings a brief is drawn from (the engine keeps them per load). */
export interface BriefListings {
  conflicts: readonly Conflict[];
  timeline: readonly TimelineEntry[];
  quotes: readonly QuoteEntry[];
}

/** The key of a cited outlet, as outletKey gives it for the article. */
function refOutlet(s: SourceRef): string {
  return s.outlet ? `outlet:${s.outlet.toLowerCase().replace(/\s+/g, ' ').trim()}` : `file:${s.file}`;
}

const outletsOf = (sources: readonly SourceRef[]): number => new Set(sources.map(refOutlet)).size;

/** Sentences that may be key facts: statements of some length that carry a figure, date, quote or name. */
function eligible(k: Knowledge, named: Uint8Array, c: Centrality, termCount: (s: number) => number): number[] {
  const out: number[] = [];
  for (let s = 0; s < k.sentences.length; s++) {
    if (!(c.bySentence[s]! > 0) || !(named[s] || k.facts.count(s) > 0)) continue;
    if (termCount(s) < BRIEF_SETTINGS.minTerms) continue;
    if (/\?\s*["”’']?\s*$/.test(k.sentences[s]!.text)) continue;
    out.push(s);
  }
  return out;
}

/** How much of a sentence is someone's quoted words (0..1). */
function quotedShare(k: Knowledge, s: number): number {
  const quoted = (k.facts.get(s)?.quotes ?? []).reduce((n, q) => n + q.text.length, 0);
  return quoted / Math.max(1, k.sentences[s]!.text.length);
}

function distinctTermCount(k: Knowledge): (s: number) => number {
  const { starts, ids } = k.sentenceTerms;
  return (s) => new Set(ids.subarray(starts[s]!, starts[s + 1]!)).size;
}

/** A verbatim part of a sentence short enough to show, keeping the words the centroid weighs most. */
function shownText(k: Knowledge, c: Centrality, text: string): string {
  if (text.length <= MAX_FACT_CHARS) return text;
  const weights = [...c.byTerm].sort((a, b) => b - a);
  const heavy = weights[Math.min(weights.length - 1, 200)] ?? 0;
  return excerpt(text, (w) => {
    const id = k.vocabulary.lookup(stemWord(w));
    return id >= 0 && c.byTerm[id]! >= heavy;
  });
}

/** The figures a sentence reports: `value|counted head|verb` of each count ("52 prisoners released"). */
function figuresOf(k: Knowledge, s: number): string[] {
  return (k.facts.get(s)?.numbers ?? [])
    .filter((n) => n.kind === 'count' && n.counts)
    .map((n) => `${n.value}|${stemWord(n.counts!.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean).pop() ?? '')}|${n.verb ?? ''}`);
}

/**
 * Sentences merged across articles as the listings merge them, then groups that report the same figure
 * (the same count of the same thing with the same verb) joined: outlets that tell the same event in
 * different words ("the crews freed 41 miners", "41 miners were freed") report one fact.
 */
function factGroups(k: Knowledge, pool: readonly number[]): number[][] {
  const idOf = new Map(pool.map((s) => [`${k.articles[k.sentences[s]!.articleId]!.file}\u0000${k.sentences[s]!.paragraph}\u0000${k.sentences[s]!.text}`, s]));
  const groups: number[][] = [];
  const byFigure = new Map<string, number[]>();
  for (const fact of mergeAcrossArticles(k, pool, pool.length)) {
    const ids = fact.sources.map((src) => idOf.get(`${src.file}\u0000${src.paragraph}\u0000${src.quote}`)!);
    const figures = ids.flatMap((s) => figuresOf(k, s));
    const same = figures.map((f) => byFigure.get(f)).find((g) => g !== undefined);
    const group = same ?? [];
    if (!same) groups.push(group);
    group.push(...ids);
    for (const f of figures) if (!byFigure.has(f)) byFigure.set(f, group);
  }
  return groups;
}

/** The key facts: merged across articles, ranked by reach and centrality, one per thing said. */
function keyFacts(k: Knowledge, c: Centrality, top: number, limit: number): Array<BriefFact & { ids: number[] }> {
  const named = new Uint8Array(k.sentences.length);
  for (const g of k.groups) for (const s of g.sentences) named[s] = 1;
  const pool: number[] = [];
  for (const s of eligible(k, named, c, distinctTermCount(k)).sort((a, b) => c.bySentence[b]! - c.bySentence[a]! || a - b)) {
    if (pool.length >= BRIEF_SETTINGS.pool) break;
    if (quotedShare(k, s) <= BRIEF_SETTINGS.quotedShare) pool.push(s);
  }
  const total = outletCount(k);
  const articleOf = (s: number): number => k.sentences[s]!.articleId;
  const ranked = factGroups(k, pool).map((members) => {
    // the figure most articles of the group report, if several do; the most central sentence giving it
    const articlesOfFigure = new Map<string, Set<number>>();
    for (const s of members) for (const f of figuresOf(k, s)) articlesOfFigure.set(f, (articlesOfFigure.get(f) ?? new Set()).add(articleOf(s)));
    const [shared] = [...articlesOfFigure].filter(([, a]) => a.size > 1).sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))[0] ?? [];
    const candidates = shared ? members.filter((s) => figuresOf(k, s).includes(shared)) : members;
    const best = candidates.reduce((a, b) => (c.bySentence[b]! > c.bySentence[a]! || (c.bySentence[b] === c.bySentence[a] && b < a) ? b : a));
    // the best sentence, then one of each other article: its first giving the shared figure, else its first
    const byArticle = new Map<number, number>();
    for (const s of [...candidates, ...members].filter((m) => articleOf(m) !== articleOf(best))) if (!byArticle.has(articleOf(s))) byArticle.set(articleOf(s), s);
    const ids = [best, ...[...byArticle.values()].sort((a, b) => a - b)];
    const outlets = new Set(ids.map((s) => outletKey(k.articles[articleOf(s)]!))).size;
    return { best, ids, members, outlets, score: outlets / total + c.bySentence[best]! / top };
  });
  ranked.sort((a, b) => b.score - a.score || a.best - b.best);

  const chosen: Array<BriefFact & { ids: number[] }> = [];
  for (const g of ranked) {
    if (chosen.length >= limit) break;
    if (chosen.some((f) => f.ids.some((s) => statementOverlap(k, s, g.best) >= BRIEF_SETTINGS.redundant))) continue;
    const fact = citedFact(k, g.best, shownText(k, c, k.sentences[g.best]!.text), g.ids);
    chosen.push({ ...fact, outlets: g.outlets, ids: g.members });
  }
  return chosen;
}

/** The sentence a citation quotes, or -1 (a citation always names one of the corpus's sentences). */
function sentenceOf(k: Knowledge, articleByFile: ReadonlyMap<string, number>, ref: SourceRef): number {
  const article = articleByFile.get(ref.file);
  if (article === undefined) return -1;
  const [first, end] = k.articleSentences[article] ?? [0, 0];
  for (let s = first; s < end; s++) if (k.sentences[s]!.paragraph === ref.paragraph && k.sentences[s]!.text === ref.quote) return s;
  return -1;
}

/** Quotes with a named speaker, ranked by reach and centrality, one per speaker before a second. */
function mainQuotes(k: Knowledge, c: Centrality, top: number, quotes: readonly QuoteEntry[], shown: ReadonlySet<string>, limit: number): BriefQuote[] {
  const total = outletCount(k);
  const articleByFile = new Map(k.articles.map((a) => [a.file, a.id]));
  const ranked = quotes
    .map((q, order) => ({ q, order }))
    .filter(({ q }) => q.speaker && q.sources.length > 0 && !shown.has(q.sources[0]!.quote) && q.text.split(/\s+/).filter(Boolean).length >= BRIEF_SETTINGS.quoteWords)
    .map(({ q, order }) => {
      const s = sentenceOf(k, articleByFile, q.sources[0]!);
      const outlets = outletsOf(q.sources);
      return { quote: { ...q, speaker: q.speaker!, outlets }, order, score: outlets / total + (s >= 0 ? c.bySentence[s]! / top : 0) };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const firstOfSpeaker = ranked.filter((r, i) => ranked.findIndex((o) => o.quote.speaker === r.quote.speaker) === i);
  const rest = ranked.filter((r) => !firstOfSpeaker.includes(r));
  return [...firstOfSpeaker, ...rest].slice(0, limit).map((r) => r.quote);
}

/** The newest dated events, each sentence once and none already given as a key fact. */
function latestDevelopments(k: Knowledge, c: Centrality, timeline: readonly TimelineEntry[], shown: ReadonlySet<string>, limit: number): TimelineEntry[] {
  const seen = new Set(shown);
  const out: TimelineEntry[] = [];
  const newest = timeline.map((e, order) => ({ e, order })).sort((a, b) => b.e.date.localeCompare(a.e.date) || b.e.sources.length - a.e.sources.length || a.order - b.order);
  for (const { e } of newest) {
    if (out.length >= limit) break;
    const sentence = e.sources[0]?.quote ?? e.text;
    if (seen.has(sentence)) continue;
    seen.add(sentence);
    out.push({ ...e, text: shownText(k, c, e.text) });
  }
  return out;
}

/** The conflicts involving the most outlets first (the engine's order among equals). */
function widestConflicts(conflicts: readonly Conflict[], limit: number): Conflict[] {
  return conflicts
    .map((conflict, order) => ({ conflict, order, outlets: outletsOf(conflict.claims.flatMap((claim) => claim.sources)) }))
    .sort((a, b) => b.outlets - a.outlets || a.order - b.order)
    .slice(0, limit)
    .map((r) => r.conflict);
}

/** The brief of a corpus (see the module comment). */
export function buildBrief(k: Knowledge, listings: BriefListings, limits: BriefLimits = {}): Brief {
  const settings = { ...BRIEF_SETTINGS, ...limits };
  const c = sentenceCentrality(k);
  let top = 0;
  for (const v of c.bySentence) if (v > top) top = v;
  top ||= 1;
  const facts = keyFacts(k, c, top, settings.keyFacts);
  const factSentences = new Set(facts.flatMap((f) => f.ids.map((s) => k.sentences[s]!.text)));
  const dates = k.articles.map((a) => a.meta.published).filter((d): d is string => !!d).sort();
  return {
    articles: k.articles.length,
    outlets: outletCount(k),
    published: dates.length ? { first: dates[0]!, last: dates[dates.length - 1]! } : null,
    keyFacts: facts.map(({ ids: _ids, ...f }) => f),
    conflicts: widestConflicts(listings.conflicts, settings.conflicts),
    developments: latestDevelopments(k, c, listings.timeline, factSentences, settings.developments),
    quotes: mainQuotes(k, c, top, listings.quotes, new Set(facts.map((f) => f.sources[0]!.quote)), settings.quotes),
    totals: { conflicts: listings.conflicts.length, events: listings.timeline.length, quotes: listings.quotes.length },
  };
}
