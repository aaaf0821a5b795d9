/** Citations: from a sentence to the article, outlet, date and paragraph it is quoted from. */
import type { Knowledge } from '../search/knowledge.js';
import type { Article } from '../types.js';
import type { CitedFact, SourceRef } from './types.js';

/**
 * Who published an article, as a key for counting outlets: the outlet's name when the article says it,
 * else the article itself (two unnamed articles are not assumed to share an outlet).
 */
export function outletKey(article: Article): string {
  return article.meta.outlet ? `outlet:${article.meta.outlet.toLowerCase().replace(/\s+/g, ' ').trim()}` : `file:${article.file}`;
}

/** What is known of an article's publisher, as a citation carries it. */
export interface PublisherFacts {
  outlet: string | null;
  title?: string | null;
  url?: string | null;
  file: string;
}

/** The host of an article's address without "www.", or null when it has no usable address. */
export function domainOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const host = new URL(url).hostname.replace(/^www\./i, '');
    return host || null;
  } catch {
    return null;
  }
}

/** Longest title shown in place of an outlet. */
const TITLE_AS_NAME = 60;

/**
 * A name to show for the publisher: the outlet; else the site its address is on; else its title, quoted;
 * else "unnamed outlet (file …)". A bare file name reads like an outlet nobody has heard of.
 */
export function publisherName(p: PublisherFacts): string {
  if (p.outlet) return p.outlet;
  const domain = domainOf(p.url);
  if (domain) return domain;
  const title = p.title?.replace(/\s+/g, ' ').trim();
  if (title) return `“${title.length > TITLE_AS_NAME ? `${title.slice(0, TITLE_AS_NAME - 1).trimEnd()}…` : title}”`;
  return `unnamed outlet (file ${p.file})`;
}

/** A name to show for an article's publisher ({@link publisherName}). */
export function outletLabel(article: Article): string {
  return publisherName({ outlet: article.meta.outlet ?? null, title: article.meta.title ?? null, url: article.meta.url ?? null, file: article.file });
}

const outletCounts = new WeakMap<Knowledge, number>();

/** Distinct outlets (or unnamed articles) in the corpus; counted once per corpus, not per answer. */
export function outletCount(k: Knowledge): number {
  let n = outletCounts.get(k);
  if (n === undefined) outletCounts.set(k, (n = new Set(k.articles.map(outletKey)).size));
  return n;
}

/** The citation of one sentence. */
export function sourceOf(k: Knowledge, sentenceId: number): SourceRef {
  const s = k.sentences[sentenceId]!;
  const a = k.articles[s.articleId]!;
  return {
    file: a.file,
    outlet: a.meta.outlet ?? null,
    published: a.meta.published ?? null,
    paragraph: s.paragraph,
    quote: s.text,
    title: a.meta.title ?? null,
    url: a.meta.url ?? null,
  };
}

/** A cited fact for a sentence, with the sentences of other articles that say the same. */
export function citedFact(k: Knowledge, sentenceId: number, text?: string, alsoIn: readonly number[] = []): CitedFact {
  const ids = [sentenceId, ...alsoIn.filter((id) => id !== sentenceId)];
  return { text: text ?? k.sentences[sentenceId]!.text, sources: ids.map((id) => sourceOf(k, id)) };
}

/** Longest text a fact may show (the JSON contract's limit). */
export const MAX_FACT_CHARS = 600;

/**
 * A verbatim part of a long sentence that fits the limit: the clause window with the most of the wanted
 * terms, cut at clause punctuation where possible so that it reads as written.
 */
export function excerpt(sentence: string, wanted: (word: string) => boolean, max = MAX_FACT_CHARS): string {
  if (sentence.length <= max) return sentence;
  const cuts = [0];
  const re = /[;,:–—]\s+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence))) cuts.push(m.index + m[0].length);
  let best = sentence.slice(0, max);
  let bestHits = -1;
  for (const start of cuts) {
    let piece = sentence.slice(start, start + max);
    if (start + max < sentence.length) {
      const lastCut = Math.max(piece.lastIndexOf(', '), piece.lastIndexOf('; '), piece.lastIndexOf(' '));
      if (lastCut > max / 2) piece = piece.slice(0, lastCut);
    }
    const hits = piece.split(/\W+/).filter((w) => w && wanted(w.toLowerCase())).length;
    if (hits > bestHits) {
      bestHits = hits;
      best = piece;
    }
  }
  return best.trim();
}
