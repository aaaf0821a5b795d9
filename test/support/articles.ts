/** Reading one paragraph of an article file with YAML front matter, as the tests of extraction need it. */
import fs from 'node:fs';
import path from 'node:path';
import { analyseParagraph } from '../../src/text/analyse.js';
import { findDates } from '../../src/text/dates.js';
import type { DateMention } from '../../src/types.js';

/** The paragraph of `dir/rel` that contains `needle`, and the article's front-matter publication date. */
export function frontMatterParagraph(dir: string, rel: string, needle: string): { paragraph: string; published: string } {
  const raw = fs.readFileSync(path.join(dir, rel), 'utf8');
  const published = /^published:\s*(\S+)/m.exec(raw)?.[1];
  const paragraph = raw.split(/\n\s*\n/).find((p) => p.includes(needle));
  if (!published || !paragraph) throw new Error(`no ${needle} in ${rel}`);
  return { paragraph: paragraph.trim(), published };
}

/** Dates of the sentence of `paragraph` that contains `needle`. */
export function datesIn(paragraph: string, needle: string, published?: string): DateMention[] {
  const sentence = analyseParagraph(paragraph).find((s) => s.text.includes(needle));
  if (!sentence) throw new Error(`no sentence with ${needle}`);
  return findDates(sentence, published);
}

/** A date as [words, ISO date, precision], the shape the date tests compare. */
export const brief = (d: DateMention | null | undefined): [string, string, string] | null => (d ? [d.raw, d.date, d.precision] : null);
