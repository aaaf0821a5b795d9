/** Reading the facts of real article text, as the extraction tests need them. */
import fs from 'node:fs';
import path from 'node:path';
import { extractArticleFacts, extractParagraphFacts, type SentenceFactParts } from '../../src/facts/extract.js';
import { findNumbers } from '../../src/facts/numbers.js';
import { analyseParagraph, type AnalysedSentence } from '../../src/text/analyse.js';
import { scanDateExpressions } from '../../src/text/dates.js';
import type { NumberMention, QuoteMention } from '../../src/types.js';

/** Body paragraphs (blank-line separated) and the `published` date of an article with YAML front matter. */
export function storyArticle(dir: string, rel: string): { paragraphs: string[]; published: string } {
  const raw = fs.readFileSync(path.join(dir, rel), 'utf8');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(raw);
  const published = /published:\s*(\S+)/.exec(front?.[1] ?? '')?.[1] ?? '';
  const body = raw.slice(front ? front[0].length : 0);
  return { paragraphs: body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean), published };
}

export function paragraphWith(paragraphs: string[], needle: string): string {
  const p = paragraphs.find((x) => x.includes(needle));
  if (!p) throw new Error(`no paragraph with ${needle}`);
  return p;
}

export function sentenceWith(paragraph: string, needle: string): AnalysedSentence {
  const s = analyseParagraph(paragraph).find((x) => x.text.includes(needle));
  if (!s) throw new Error(`no sentence with ${needle}`);
  return s;
}

export function quotesOf(paragraph: string, published?: string): QuoteMention[] {
  return extractParagraphFacts(analyseParagraph(paragraph), { ...(published ? { published } : {}) }).flatMap((f) => f.quotes);
}

export function quoteStarting(quotes: QuoteMention[], start: string): QuoteMention {
  const q = quotes.find((x) => x.text.startsWith(start));
  if (!q) throw new Error(`no quote starting ${start}: ${JSON.stringify(quotes.map((x) => x.text))}`);
  return q;
}

/** Facts of a whole article read paragraph by paragraph, flattened with each sentence's text. */
export function articleFacts(paragraphs: string[], published?: string): Array<SentenceFactParts & { text: string }> {
  const analysed = paragraphs.map((p) => analyseParagraph(p));
  const facts = extractArticleFacts(analysed, { ...(published ? { published } : {}) });
  return facts.flatMap((pf, pi) => pf.map((f, si) => ({ ...f, text: analysed[pi]![si]!.text })));
}

export function numbersIn(paragraph: string, needle: string): NumberMention[] {
  const s = sentenceWith(paragraph, needle);
  return findNumbers(s, scanDateExpressions(s.text, s.tokens));
}

export function numberRaw(numbers: NumberMention[], raw: string, nth = 0): NumberMention {
  const n = numbers.filter((x) => x.raw === raw)[nth];
  if (!n) throw new Error(`no number ${raw}: ${JSON.stringify(numbers.map((x) => x.raw))}`);
  return n;
}
