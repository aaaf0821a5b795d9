/**
 * The meeting brief in three forms from one {@link Brief}: Discord pages (the console prints the same as
 * text), Markdown for the meeting notes, and JSON. Each line of coverage is shown with the source whose
 * words it is; the other articles that report the same thing are named after it "in their own words",
 * never as if they had written this sentence.
 */
import { publisherName } from '../answer/sources.js';
import type { SourceRef } from '../answer/types.js';
import type { Brief } from '../brief/brief.js';
import { COLORS, escapeText, formatDate, quoteBlock, sourceLine } from './embed.js';
import { clip, LIMITS, paginate, type Page, type Section } from './paging.js';

/** Other sources named after a line, at most; the rest are counted. */
const ALSO_SHOWN = 4;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function publishedSpan(brief: Brief): string | null {
  if (!brief.published) return null;
  const { first, last } = brief.published;
  return first === last ? `published ${formatDate(first)}` : `published ${formatDate(first)} – ${formatDate(last)}`;
}

/** "5 articles from 5 outlets, published 11 Sep 2025 – 12 Sep 2025". */
function scope(brief: Brief): string {
  return [`${plural(brief.articles, 'article')} from ${plural(brief.outlets, 'outlet')}`, publishedSpan(brief)].filter(Boolean).join(', ');
}

/** The other sources of a line, short, capped: `Outlet ¶2, Outlet ¶5 and 3 more`. */
function alsoList(others: readonly SourceRef[], name: (s: SourceRef) => string): string {
  const shown = others.slice(0, ALSO_SHOWN).map(name);
  const more = others.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

const EMPTY = {
  keyFacts: 'No statements with a figure, a date or a name were found.',
  conflicts: 'The outlets do not contradict each other on anything the engine could compare.',
  developments: 'No dated events were found.',
  quotes: 'No quotes with a named speaker were found.',
} as const;

/* ---------------------------------------------------------------- Discord (and the console) */

function discordAlso(others: readonly SourceRef[], how: string): string[] {
  return others.length ? [`↳ ${how}: ${alsoList(others, (s) => `${escapeText(publisherName(s))} ¶${s.paragraph}`)}`] : [];
}

/** The brief as pages within Discord's limits; a long one is paged, an item never cut. */
export function renderBrief(brief: Brief, title: string): Page[] {
  const sections: Section[] = [];
  sections.push({
    heading: 'Key facts',
    items: brief.keyFacts.length
      ? brief.keyFacts.map((f, i) => {
          const [first, ...others] = f.sources;
          return [
            `**${i + 1}.** reported by **${f.outlets} of ${brief.outlets}** outlet${brief.outlets === 1 ? '' : 's'}`,
            quoteBlock(f.text),
            `↳ ${sourceLine(first!)}`,
            ...discordAlso(others, 'also, in their own words'),
          ].join('\n');
        })
      : [EMPTY.keyFacts],
  });
  if (brief.conflicts.length === 0) sections.push({ heading: 'Where outlets differ', items: [EMPTY.conflicts] });
  for (const conflict of brief.conflicts) {
    sections.push({
      heading: clip(`Outlets differ: ${conflict.about}`, LIMITS.fieldName),
      items: conflict.claims.map((claim) => {
        const [first, ...others] = claim.sources;
        return [quoteBlock(claim.text), `↳ ${sourceLine(first!)}`, ...discordAlso(others, 'the same figure, in their own words')].join('\n');
      }),
    });
  }
  sections.push({
    heading: `Latest developments (${brief.developments.length} of ${plural(brief.totals.events, 'dated event')})`,
    items: brief.developments.length
      ? brief.developments.map((e) => {
          const [first, ...others] = e.sources;
          const when = formatDate(e.date, e.precision) ?? e.date;
          return [`**${when}** — ${escapeText(e.text.trim())}`, `*${escapeText(e.how)}*`, `↳ ${sourceLine(first!)}`, ...discordAlso(others, 'also, in their own words')].join('\n');
        })
      : [EMPTY.developments],
  });
  sections.push({
    heading: `Main quotes (${brief.quotes.length} of ${brief.totals.quotes})`,
    items: brief.quotes.length
      ? brief.quotes.map((q) => {
          const [first, ...others] = q.sources;
          return [quoteBlock(`“${q.text}”`), `— **${escapeText(q.speaker)}**, carried by ${plural(q.outlets, 'outlet')}`, `↳ ${sourceLine(first!)}`, ...discordAlso(others, 'also carried by')].join('\n');
        })
      : [EMPTY.quotes],
  });
  return paginate({
    title: clip(`Brief: ${escapeText(title)}`, LIMITS.title),
    color: brief.conflicts.length ? COLORS.differ : COLORS.info,
    lead: [`${scope(brief)}. Every line is verbatim from the coverage, with the outlet and paragraph it comes from.`],
    sections,
    footer: 'Verbatim from the coverage · /timeline, /conflicts and /quotes list everything',
  });
}

/* ---------------------------------------------------------------- Markdown */

/** Escapes Markdown so verbatim text reads as written (one line: a sentence never breaks the list). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\`*_[\]<>|~])/g, '\\$1');
}

/** The publisher as {@link publisherName} gives it, without the file name the Markdown citation shows anyway. */
function mdPublisher(s: SourceRef): string {
  const name = publisherName(s);
  return escapeMarkdown(name === publisherName({ ...s, outlet: null, title: null, url: null }) ? 'unnamed outlet' : name);
}

const mdFile = (s: SourceRef): string => `\`${s.file.replace(/`/g, "'")}\` ¶${s.paragraph}`;

/** `Outlet, 11 Sep 2025, `file.txt` ¶3`: the full citation of a line's own source. */
function mdCitation(s: SourceRef): string {
  return [mdPublisher(s), formatDate(s.published), mdFile(s)].filter(Boolean).join(', ');
}

function mdAlso(others: readonly SourceRef[], how: string): string {
  return others.length ? `; ${how}: ${alsoList(others, (s) => `${mdPublisher(s)} (${mdFile(s)})`)}` : '';
}

/** The brief as Markdown for the meeting notes: the same lines, sources and order as {@link renderBrief}. */
export function briefMarkdown(brief: Brief, title: string): string {
  const out: string[] = [`# Brief: ${escapeMarkdown(title)}`, '', `${scope(brief)}. Every line is verbatim from the coverage, cited to its outlet, file and paragraph.`, ''];
  out.push('## Key facts', '');
  if (!brief.keyFacts.length) out.push(EMPTY.keyFacts, '');
  brief.keyFacts.forEach((f, i) => {
    const [first, ...others] = f.sources;
    out.push(`${i + 1}. ${escapeMarkdown(f.text)}`, `   - ${mdCitation(first!)} · reported by ${f.outlets} of ${plural(brief.outlets, 'outlet')}${mdAlso(others, 'also, in their own words')}`);
  });
  out.push('', '## Where outlets differ', '');
  if (!brief.conflicts.length) out.push(EMPTY.conflicts, '');
  for (const conflict of brief.conflicts) {
    out.push(`### ${escapeMarkdown(conflict.about)}`, '');
    for (const claim of conflict.claims) {
      const [first, ...others] = claim.sources;
      out.push(`- ${escapeMarkdown(claim.text)}`, `  - ${mdCitation(first!)}${mdAlso(others, 'the same figure, in their own words')}`);
    }
    out.push('');
  }
  out.push(`## Latest developments (${brief.developments.length} of ${plural(brief.totals.events, 'dated event')})`, '');
  if (!brief.developments.length) out.push(EMPTY.developments, '');
  for (const e of brief.developments) {
    const [first, ...others] = e.sources;
    out.push(`- **${formatDate(e.date, e.precision) ?? e.date}** — ${escapeMarkdown(e.text)}`, `  - ${mdCitation(first!)} · date read: ${escapeMarkdown(e.how)}${mdAlso(others, 'also, in their own words')}`);
  }
  out.push('', `## Main quotes (${brief.quotes.length} of ${brief.totals.quotes})`, '');
  if (!brief.quotes.length) out.push(EMPTY.quotes, '');
  for (const q of brief.quotes) {
    const [first, ...others] = q.sources;
    out.push(`- “${escapeMarkdown(q.text)}” — **${escapeMarkdown(q.speaker)}**`, `  - ${mdCitation(first!)}${mdAlso(others, 'also carried by')}`);
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/* ---------------------------------------------------------------- JSON */

const jsonRef = (s: SourceRef) => ({ file: s.file, outlet: s.outlet, published: s.published, paragraph: s.paragraph, quote: s.quote });

/** The brief as one JSON object; sources have the fields of the `ask --json` contract's. */
export function briefJson(brief: Brief, title: string): Record<string, unknown> {
  return {
    title,
    articles: brief.articles,
    outlets: brief.outlets,
    published: brief.published,
    keyFacts: brief.keyFacts.map((f) => ({ text: f.text, outlets: f.outlets, sources: f.sources.map(jsonRef) })),
    conflicts: brief.conflicts.map((c) => ({ about: c.about, claims: c.claims.map((claim) => ({ text: claim.text, sources: claim.sources.map(jsonRef) })) })),
    developments: brief.developments.map((e) => ({ date: e.date, precision: e.precision, how: e.how, text: e.text, sources: e.sources.map(jsonRef) })),
    quotes: brief.quotes.map((q) => ({ text: q.text, speaker: q.speaker, outlets: q.outlets, sources: q.sources.map(jsonRef) })),
    totals: brief.totals,
  };
}
