/**
 * The listings of a corpus: facts about a name merged across articles, quotes with their speakers, the
 * timeline of dated events, and the articles loaded. Pure functions of the indexed corpus; the engine
 * calls them and keeps what is asked often (speakers) per load.
 */
import type { Knowledge } from '../search/knowledge.js';
import type { NameIndex } from '../facts/names/index.js';
import { SETTINGS } from '../settings.js';
import { statementOverlap } from './agreement.js';
import { citedFact, sourceOf } from './sources.js';
import type { CitedFact } from './types.js';

export interface QuoteEntry {
  /** The quoted words. */
  text: string;
  speaker: string | null;
  /** Every article that carried the quote (the same words, possibly in different sentences). */
  sources: CitedFact['sources'];
}

export interface TimelineEntry {
  /** `yyyy-MM-dd` (first day of the month or year for coarser precisions). */
  date: string;
  precision: 'day' | 'month' | 'year';
  /** How the date was read, e.g. "“on Thursday”: the Thursday before publication (2025-09-12)". */
  how: string;
  text: string;
  sources: CitedFact['sources'];
}

export interface SourceSummary {
  file: string;
  outlet: string | null;
  title: string | null;
  published: string | null;
  url: string | null;
  author: string | null;
  sentences: number;
  facts: number;
}

/**
 * Sentences merged across articles: a sentence that says what an earlier one already said becomes
 * one more source of it.
 */
export function mergeAcrossArticles(k: Knowledge, sentenceIds: readonly number[], limit: number): CitedFact[] {
  const groups: number[][] = [];
  for (const id of [...sentenceIds].sort((a, b) => a - b)) {
    const articleId = k.sentences[id]!.articleId;
    const same = groups.find((g) => !g.some((x) => k.sentences[x]!.articleId === articleId) && statementOverlap(k, g[0]!, id) >= SETTINGS.listings.sameFact);
    if (same) same.push(id);
    else groups.push([id]);
  }
  return groups
    .sort((a, b) => b.length - a.length || a[0]! - b[0]!)
    .slice(0, limit)
    .map((g) => citedFact(k, g[0]!, undefined, g.slice(1)));
}

/** Quotations (not one- or two-word scare quotes) with their speakers, optionally of one speaker. */
export function quoteEntries(k: Knowledge, names: NameIndex, speaker?: string): QuoteEntry[] {
  const wantKey = speaker?.trim() ? (names.keyOf(speaker) ?? null) : undefined;
  const entries: Array<QuoteEntry & { key: string }> = [];
  const byKey = new Map(names.groups.map((g) => [g.key, g]));
  // a speaker is looked up once per spelling, not once per quote (a name lookup may rank every group)
  const keyOfSpeaker = new Map<string, string | undefined>();
  const speakerKey = (name: string): string | undefined => {
    if (!keyOfSpeaker.has(name)) keyOfSpeaker.set(name, names.keyOf(name));
    return keyOfSpeaker.get(name);
  };
  for (const f of k.facts) {
    for (const q of f.quotes) {
      if (q.short) continue;
      const key = q.speaker ? speakerKey(q.speaker) : undefined;
      const who = q.speaker ? ((key !== undefined ? byKey.get(key)?.display : undefined) ?? q.speaker) : null;
      if (wantKey !== undefined) {
        const matches = wantKey ? key === wantKey : !!who && who.toLowerCase().includes(speaker!.trim().toLowerCase());
        if (!matches) continue;
      }
      const norm = q.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      const existing = entries.find((e) => e.key === norm || (norm.length > SETTINGS.listings.quoteContainment && (e.key.includes(norm) || norm.includes(e.key))));
      const src = sourceOf(k, f.sentenceId);
      if (existing) {
        if (!existing.sources.some((s) => s.file === src.file)) existing.sources.push(src);
        if (!existing.speaker && who) existing.speaker = who;
        continue;
      }
      entries.push({ key: norm, text: q.text, speaker: who, sources: [src] });
    }
  }
  return entries.map(({ key: _key, ...e }) => e);
}

/** How often each speaker is quoted (a quote carried by several articles counts once per article). */
export function speakerCounts(quotes: readonly QuoteEntry[]): Map<string, number> {
  const all = new Map<string, number>();
  for (const q of quotes) if (q.speaker) all.set(q.speaker, (all.get(q.speaker) ?? 0) + q.sources.length);
  return all;
}

/** Speakers matching a query (autocomplete), most quoted first. */
export function matchingSpeakers(counts: ReadonlyMap<string, number>, names: NameIndex, query: string, limit = 25): string[] {
  const wanted = query.trim().toLowerCase();
  return [...counts]
    .filter(([name]) => !wanted || name.toLowerCase().includes(wanted) || names.find(wanted, 5).some((g) => g.display === name))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([name]) => name);
}

/** Dated events in calendar order, each with how its date was read and every article reporting it. */
export function timelineEntries(k: Knowledge): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const firstOf = new Map<TimelineEntry, number>();
  for (const f of k.facts) {
    for (const d of f.dates) {
      const same = entries.find((e) => e.date === d.date && e.precision === d.precision && statementOverlap(k, firstOf.get(e)!, f.sentenceId) >= SETTINGS.listings.sameEvent);
      const src = sourceOf(k, f.sentenceId);
      if (same) {
        if (!same.sources.some((s) => s.file === src.file)) same.sources.push(src);
        continue;
      }
      const entry: TimelineEntry = { date: d.date, precision: d.precision, how: d.how, text: k.sentences[f.sentenceId]!.text, sources: [src] };
      firstOf.set(entry, f.sentenceId);
      entries.push(entry);
    }
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date) || b.sources.length - a.sources.length);
}

/** The articles loaded. */
export function sourceSummaries(k: Knowledge): SourceSummary[] {
  return k.articles.map((a) => {
    const [first, end] = k.articleSentences[a.id] ?? [0, 0];
    const ids = Array.from({ length: end - first }, (_, i) => first + i);
    const facts = ids.reduce((n, id) => n + k.facts.count(id), 0);
    return {
      file: a.file,
      outlet: a.meta.outlet ?? null,
      title: a.meta.title ?? null,
      published: a.meta.published ?? null,
      url: a.meta.url ?? null,
      author: a.meta.author ?? null,
      sentences: ids.length,
      facts,
    };
  });
}
