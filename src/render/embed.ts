/**
 * Engine results → Discord embed objects (plain JSON), laid out in pages by render/paging, plus the text
 * form of those same pages for the local console. One rendering serves both front ends, so the console
 * shows exactly what Discord would.
 *
 * Everything shown is either verbatim coverage or the user's own words; both are escaped, because a
 * sentence with an asterisk must read as written and a question with "@everyone" must not become a ping.
 */
import { format, isValid, parseISO } from 'date-fns';
import { domainOf, publisherName } from '../answer/sources.js';
import type { Answer, CitedFact, Conflict, SourceRef } from '../answer/types.js';
import type { AboutResult, EngineStats, NameSummary, QuoteEntry, SourceSummary, TimelineEntry } from '../engine.js';
import { clip, LIMITS, paginate, type Doc, type Page, type Section } from './paging.js';
import { dateReading, shortValue } from './text.js';

export type { Embed, Page } from './paging.js';

/** Embed accent colours by kind of result. */
export const COLORS = {
  answer: 0x2f9e44,
  none: 0x868e96,
  differ: 0xe8590c,
  info: 0x1c7ed6,
} as const;

const ZWSP = '\u200b';

/**
 * Escapes Discord markdown and defuses mentions so text shows as written. Markdown that only matters at
 * the start of a line (quotes, headings, lists) is escaped only there.
 */
export function escapeText(text: string): string {
  return text
    .replace(/([\\*_~`|[\]])/g, '\\$1')
    .replace(/^(\s*)([>#-]|\d+\.)/gm, '$1\\$2')
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/g, `<${ZWSP}$1$2>`);
}

/** `2025-09-11` → `11 Sep 2025`; month or year precision shows only what is known. */
export function formatDate(iso: string | null | undefined, precision: 'day' | 'month' | 'year' = 'day'): string | null {
  if (!iso) return null;
  const date = parseISO(iso);
  if (!isValid(date)) return iso;
  return format(date, precision === 'year' ? 'yyyy' : precision === 'month' ? 'MMMM yyyy' : 'd MMM yyyy');
}

function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    /* Parentheses and spaces would end a markdown link early. */
    return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  } catch {
    return null;
  }
}

function outletName(ref: SourceRef): string {
  return escapeText(publisherName(ref));
}

/** `Outlet · 11 Sep 2025 · ¶3 · [link](…)` — where a sentence comes from. */
export function sourceLine(ref: SourceRef): string {
  const url = safeUrl(ref.url);
  const parts = [
    `**${outletName(ref)}**`,
    formatDate(ref.published),
    `¶${ref.paragraph}`,
    url ? `[link](${url})` : null,
  ];
  return parts.filter((p): p is string => p !== null).join(' · ');
}

/** Blockquotes a verbatim sentence, every line of it. */
export function quoteBlock(text: string): string {
  return escapeText(text.trim())
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** Numbers sources in the order they are first cited, one number per distinct place in the coverage. */
class Citations {
  readonly refs: SourceRef[] = [];
  readonly #index = new Map<string, number>();

  number(ref: SourceRef): number {
    const key = `${ref.file}#${ref.paragraph}#${ref.quote}`;
    let n = this.#index.get(key);
    if (n === undefined) {
      this.refs.push(ref);
      n = this.refs.length;
      this.#index.set(key, n);
    }
    return n;
  }

  /** `[1–4, 7]`: runs of consecutive sources collapse so a widely reported fact stays readable. */
  markers(fact: CitedFact): string {
    const numbers = [...new Set(fact.sources.map((s) => this.number(s)))].sort((a, b) => a - b);
    const runs: string[] = [];
    for (let i = 0; i < numbers.length; ) {
      let j = i;
      while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] ?? 0) + 1) j++;
      runs.push(j > i + 1 ? `${numbers[i]}–${numbers[j]}` : numbers.slice(i, j + 1).join(', '));
      i = j + 1;
    }
    return runs.length > 0 ? `[${runs.join(', ')}]` : '';
  }

  lines(): string[] {
    return this.refs.map((ref, i) => `**[${i + 1}]** ${sourceLine(ref)}`);
  }
}

function citedQuote(fact: CitedFact, citations: Citations): string {
  // each outlet under its own words: a source that says it otherwise gets its own quote, never this one
  const first = fact.sources[0]?.quote;
  const groups = new Map<string, SourceRef[]>();
  for (const s of fact.sources) {
    const key = s.quote === first ? '' : s.quote;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const block = (text: string, sources: SourceRef[]) => {
    const markers = citations.markers({ ...fact, sources });
    return markers ? `${quoteBlock(text)} ${markers}` : quoteBlock(text);
  };
  if (groups.size <= 1) return block(fact.text, fact.sources);
  return [...groups].map(([quote, sources]) => block(quote || fact.text, sources)).join('\n');
}

/** Claims with the same words and the same sources say nothing new; show each version once. */
function distinctClaims(claims: readonly CitedFact[]): CitedFact[] {
  const seen = new Set<string>();
  return claims.filter((claim) => {
    const key = `${claim.text}\u0000${claim.sources.map((s) => `${s.file}#${s.paragraph}`).join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function differSections(conflicts: readonly Conflict[], citations: Citations | null): Section[] {
  return conflicts.map((conflict) => ({
    heading: `Outlets differ: ${conflict.about}`,
    items: distinctClaims(conflict.claims).map((claim) =>
      citations
        ? citedQuote(claim, citations)
        : `${quoteBlock(claim.text)}\n${claim.sources.map((s) => `↳ ${sourceLine(s)}`).join('\n')}`,
    ),
  }));
}

/** Outlet names listed after "reported by"; the sources list has them all. */
const NAMES_SHOWN = 8;

/** The cited answer to a question, or the honest "not in the coverage" with the closest facts. */
/** A follow-up's reading is one line of subtext: longer is cut. */
const READ_AS_MAX = 300;

export function renderAnswer(answer: Answer): Page[] {
  const citations = new Citations();
  const title = clip(escapeText(answer.question.replace(/\s+/g, ' ').trim()), LIMITS.title);
  const { reporting, total, names } = answer.agreement;
  const [best, ...others] = answer.facts;
  // a follow-up says how it was read, first, so that a wrong reading is seen before the answer to it
  const readAs = answer.readAs?.trim() ? [`-# Read as: ${clip(escapeText(answer.readAs.replace(/\s+/g, ' ').trim()), READ_AS_MAX)}`] : [];

  if (!answer.answered || !best) {
    /* The engine's own message says why; the closest facts follow as a titled section. */
    const doc: Doc = {
      title,
      color: COLORS.none,
      lead: [...readAs, `**${escapeText(answer.answer.trim() || 'The coverage does not answer this.')}**`],
      sections: [],
      footer: answer.tier === 'not-sure'
        ? 'Not sure · the closest passages, verbatim, none given as the answer'
        : answer.facts.length > 0 ? 'Not in the coverage · closest facts, verbatim from the coverage' : 'Not answered',
    };
    if (answer.facts.length > 0) {
      doc.sections.push({ heading: answer.tier === 'not-sure' ? 'Closest passages (not an answer)' : 'Closest facts', items: answer.facts.map((f) => citedQuote(f, citations)) });
      doc.sections.push({ heading: 'Sources', items: citations.lines(), separator: '\n' });
    }
    return paginate(doc);
  }

  const lead = [citedQuote(best, citations)];
  if (best.span) {
    const reading = dateReading(best.span);
    lead.unshift(`**${escapeText(best.span.text)}**${shortValue(best.span)}${reading ? `\n-# ${escapeText(reading)}` : ''}`);
  }
  lead.unshift(...readAs);
  const shown = names.slice(0, NAMES_SHOWN).map(escapeText);
  const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : '';
  lead.push(`\nReported by **${reporting} of ${total}** outlet${total === 1 ? '' : 's'}` + (shown.length > 0 ? `: ${shown.join(', ')}${more}` : ''));
  const sections: Section[] = [];
  if (others.length > 0) sections.push({ heading: 'Also reported', items: others.map((f) => citedQuote(f, citations)) });
  sections.push(...differSections(answer.conflicts, citations));
  sections.push({ heading: 'Sources', items: citations.lines(), separator: '\n' });
  return paginate({
    title,
    color: answer.conflicts.length > 0 ? COLORS.differ : COLORS.answer,
    lead,
    sections,
    footer: `Verbatim from the coverage · confidence ${answer.confidenceLabel}`,
  });
}

function kindLabel(kind: NameSummary['kind']): string {
  return kind === 'other' ? 'name' : kind;
}

/** What the coverage says about a name; `suggestions` are offered when the name is not found. */
export function renderAbout(query: string, result: AboutResult | null, suggestions: readonly NameSummary[]): Page[] {
  if (!result) {
    const lead = [`The coverage does not mention **${escapeText(query.trim())}**.`];
    if (suggestions.length > 0) lead.push(`Names it does mention: ${suggestions.map((s) => escapeText(s.display)).join(', ')}.`);
    return paginate({ title: clip(`Not found: ${escapeText(query.trim())}`, LIMITS.title), color: COLORS.none, lead, sections: [] });
  }
  const { name, facts } = result;
  const citations = new Citations();
  const variants = name.variants.filter((v) => v !== name.display);
  const lead = [`${kindLabel(name.kind)} · mentioned in ${name.mentions} sentence${name.mentions === 1 ? '' : 's'}`];
  if (variants.length > 0) lead.push(`Also written: ${variants.map(escapeText).join(', ')}`);
  if (facts.length === 0) lead.push('No statements about this name were extracted.');
  const items = facts.map((f) => citedQuote(f, citations));
  return paginate({
    title: clip(escapeText(name.display), LIMITS.title),
    color: COLORS.info,
    lead,
    sections: [
      { heading: 'What the coverage says', items },
      { heading: 'Sources', items: citations.lines(), separator: '\n' },
    ],
    footer: 'Verbatim from the coverage',
  });
}

/** Quotes with their speaker and every outlet that carried them. */
export function renderQuotes(entries: readonly QuoteEntry[], speaker?: string | null): Page[] {
  const title = speaker ? clip(`Quotes: ${escapeText(speaker.trim())}`, LIMITS.title) : 'Quotes in the coverage';
  if (entries.length === 0) {
    return paginate({
      title,
      color: COLORS.none,
      lead: [speaker ? `No quotes attributed to **${escapeText(speaker.trim())}** were found.` : 'No quotes were found in the coverage.'],
      sections: [],
    });
  }
  const outlets = (sources: readonly SourceRef[]): number => new Set(sources.map((s) => s.outlet ?? s.file)).size;
  const items = entries.map((entry) => {
    const who = entry.speaker ? `— **${escapeText(entry.speaker)}**` : '— speaker not stated';
    const n = outlets(entry.sources);
    const carried = `carried by ${n} outlet${n === 1 ? '' : 's'}`;
    return [`${quoteBlock(`“${entry.text}”`)}`, `${who}, ${carried}`, ...entry.sources.map((s) => `↳ ${sourceLine(s)}`)].join('\n');
  });
  return paginate({
    title,
    color: COLORS.info,
    lead: [`${entries.length} quote${entries.length === 1 ? '' : 's'}, each with every outlet that carried it.`],
    sections: [{ heading: 'Quotes', items }],
    footer: 'Verbatim from the coverage',
  });
}

/** Dated events in order, each with how its date was read and where it is reported. */
export function renderTimeline(entries: readonly TimelineEntry[]): Page[] {
  if (entries.length === 0) {
    return paginate({ title: 'Timeline', color: COLORS.none, lead: ['No dated events were found in the coverage.'], sections: [] });
  }
  const sections: Section[] = [];
  for (const entry of entries) {
    // a date known only to the year is filed under the year, not under its first month
    const heading = (entry.precision === 'year' ? formatDate(entry.date, 'year') : formatDate(entry.date.slice(0, 7) + '-01', 'month')) ?? entry.date;
    let section = sections[sections.length - 1];
    if (!section || section.heading !== heading) {
      section = { heading, items: [] };
      sections.push(section);
    }
    const when = formatDate(entry.date, entry.precision) ?? entry.date;
    section.items.push(
      [
        `**${when}** — ${escapeText(entry.text.trim())}`,
        `*${escapeText(entry.how)}*`,
        ...entry.sources.map((s) => `↳ ${sourceLine(s)}`),
      ].join('\n'),
    );
  }
  return paginate({
    title: 'Timeline',
    color: COLORS.info,
    lead: [`${entries.length} dated event${entries.length === 1 ? '' : 's'}, earliest first. Relative dates are resolved against each article's publication date.`],
    sections,
    footer: 'Verbatim from the coverage',
  });
}

/** Every place where outlets disagree, each version with its sources. */
export function renderConflicts(conflicts: readonly Conflict[]): Page[] {
  if (conflicts.length === 0) {
    return paginate({ title: 'Where outlets differ', color: COLORS.answer, lead: ['The outlets do not contradict each other on anything the engine could compare.'], sections: [] });
  }
  return paginate({
    title: 'Where outlets differ',
    color: COLORS.differ,
    lead: [`${conflicts.length} point${conflicts.length === 1 ? '' : 's'} where the coverage gives different versions.`],
    sections: differSections(conflicts, null),
    footer: 'Verbatim from the coverage',
  });
}

/** The articles loaded, with what was extracted from each. */
export function renderSources(sources: readonly SourceSummary[], stats: EngineStats): Page[] {
  const items = sources.map((s) => {
    const url = safeUrl(s.url);
    const title = s.title ? escapeText(s.title) : escapeText(s.file);
    const head = `**${escapeText(s.outlet ?? domainOf(s.url) ?? 'Outlet unknown')}** — ${url ? `[${title}](${url})` : title}`;
    const meta = [formatDate(s.published) ?? 'date unknown', s.author ? `by ${escapeText(s.author)}` : null, `${s.facts} facts`, `${s.sentences} sentences`, `\`${s.file.replace(/`/g, "'")}\``];
    return `${head}\n${meta.filter(Boolean).join(' · ')}`;
  });
  return paginate({
    title: 'Coverage loaded',
    color: COLORS.info,
    lead: [
      `${stats.articles} article${stats.articles === 1 ? '' : 's'} from ${stats.outlets} outlet${stats.outlets === 1 ? '' : 's'} · ${stats.sentences} sentences · ${stats.facts} facts`,
    ],
    sections: [{ heading: 'Articles', items }],
  });
}

/** One command as /help lists it. */
export interface CommandHelp {
  name: string;
  /** Options as typed, e.g. `question:<text> [private:<true|false>]`. */
  usage: string;
  description: string;
}

/** What each command does. */
export function renderHelp(commands: readonly CommandHelp[]): Page[] {
  return paginate({
    title: 'Coverage Desk — commands',
    color: COLORS.info,
    lead: ['Answers come verbatim from the articles loaded, each sentence cited to its outlet, date and paragraph.'],
    sections: [
      {
        heading: 'Commands',
        items: commands.map((c) => `**/${c.name}**${c.usage ? ` ${escapeText(c.usage)}` : ''}\n${c.description}`),
      },
    ],
  });
}

/** A one-embed notice (rate limit, errors, expired pages). */
export function notice(text: string, color: number = COLORS.none): Page {
  return { embeds: [{ description: clip(text, LIMITS.description), color }] };
}

function plain(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, (_m, label: string, url: string) => (label === 'link' ? url : `${label} <${url}>`))
    .replace(/\*\*/g, '')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,])/gm, '$1$2')
    .replace(/\\([\\*_~`|[\]>#-]|\d+\.)/g, '$1')
    .replace(/\u200b/g, '');
}

/** The console's rendering of pages: the same content, as plain terminal text. */
export function pagesToText(pages: readonly Page[]): string {
  const out: string[] = [];
  for (const page of pages) {
    for (const embed of page.embeds) {
      if (embed.title) out.push(plain(embed.title), '='.repeat(Math.min(60, plain(embed.title).length)));
      if (embed.description) out.push(plain(embed.description));
      for (const field of embed.fields ?? []) out.push('', plain(field.name), plain(field.value));
      if (embed.footer) out.push('', `(${plain(embed.footer.text)})`);
      out.push('');
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
