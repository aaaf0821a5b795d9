/**
 * Discord message limits, and the packer that lays a rendered document out in embeds and pages within
 * them. Items (a quote with its citation, a source line) are atomic: a page break falls between items,
 * never inside one, so a citation is never separated from the sentence it backs.
 *
 * Plain JSON shaped like Discord's API embed objects; nothing here knows about discord.js.
 */
import type { RateableAnswer } from '../store/types.js';

/** Discord's documented limits for one message. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer and author name over all embeds. */
  total: 6000,
} as const;

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** The subset of Discord's embed object the bot sends. */
export interface Embed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
}

/** One message's worth of embeds. */
export interface Page {
  embeds: Embed[];
  /** Set on the pages of an /ask answer: what its 👍 / 👎 buttons rate (the console shows no buttons). */
  rateable?: RateableAnswer;
}

/** A titled run of atomic items, shown as embed fields. */
export interface Section {
  heading: string;
  items: string[];
  /** Put between items of one field; a blank line by default so quotes read apart. */
  separator?: string;
}

/** Something to show: a title, opening paragraphs, then sections. */
export interface Doc {
  title: string;
  url?: string;
  color?: number;
  /** Opening items, shown in the description. */
  lead: string[];
  sections: Section[];
  /** Shown under every page, before the page number. */
  footer?: string;
}

/** Characters an embed counts towards the 6,000 total. */
export function embedLength(embed: Embed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const field of embed.fields ?? []) n += field.name.length + field.value.length;
  return n;
}

/** Every limit a page breaks, as readable strings; empty when the page can be sent. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  if (page.embeds.length === 0) problems.push('no embeds');
  if (page.embeds.length > LIMITS.embeds) problems.push(`${page.embeds.length} embeds > ${LIMITS.embeds}`);
  let total = 0;
  page.embeds.forEach((embed, i) => {
    total += embedLength(embed);
    const check = (what: string, len: number | undefined, max: number): void => {
      if (len !== undefined && len > max) problems.push(`embed ${i} ${what} ${len} > ${max}`);
    };
    check('title', embed.title?.length, LIMITS.title);
    check('description', embed.description?.length, LIMITS.description);
    check('footer', embed.footer?.text.length, LIMITS.footer);
    check('fields', embed.fields?.length, LIMITS.fields);
    for (const field of embed.fields ?? []) {
      if (field.name.trim() === '' || field.value.trim() === '') problems.push(`embed ${i} has an empty field`);
      check('field name', field.name.length, LIMITS.fieldName);
      check('field value', field.value.length, LIMITS.fieldValue);
    }
    if (embedLength(embed) === 0) problems.push(`embed ${i} is empty`);
  });
  if (total > LIMITS.total) problems.push(`total ${total} > ${LIMITS.total}`);
  return problems;
}

/**
 * Shortens `text` to at most `max` characters at a word boundary, ending with "…". Only for text that has
 * no natural break (an over-long title); never used on a citation that fits its container.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const cut = room.lastIndexOf(' ');
  let head = cut > max * 0.6 ? room.slice(0, cut) : room;
  /* A trailing backslash would escape the ellipsis; a lone high surrogate would be invalid text. */
  head = head.replace(/\\+$/, '').replace(/[\uD800-\uDBFF]$/, '');
  return `${head.trimEnd()}…`;
}

interface OpenField {
  field: EmbedField;
  section: Section;
}

const PAGE_WORD = (i: number, n: number): string => `page ${i}/${n}`;

/**
 * Lays `doc` out in pages that each fit one Discord message. The title repeats on every page so a page
 * read alone still says what it is; the footer carries "page i/n" when there is more than one.
 */
export function paginate(doc: Doc): Page[] {
  const footerReserve = [doc.footer, PAGE_WORD(999, 999)].filter(Boolean).join(' · ').length;
  const budget = LIMITS.total - footerReserve;
  const title = clip(doc.title.trim() || 'Result', LIMITS.title);

  const pages: Page[] = [];
  let page: Page = { embeds: [] };
  let embed: Embed = {};
  let used = 0;
  /** The field still accepting items of the current section, if any. */
  let open = null as OpenField | null;
  /** Sections already started, to name a continuation field "(cont.)". */
  const started = new Set<Section>();

  const startPage = (): void => {
    if (page.embeds.length > 0) pages.push(page);
    embed = { title, ...(doc.url ? { url: doc.url } : {}), ...(doc.color !== undefined ? { color: doc.color } : {}) };
    page = { embeds: [embed] };
    used = title.length;
    open = null;
  };
  const startEmbed = (): void => {
    if (page.embeds.length >= LIMITS.embeds) return startPage();
    embed = doc.color !== undefined ? { color: doc.color } : {};
    page.embeds.push(embed);
    open = null;
  };
  const fits = (extra: number): boolean => used + extra <= budget;

  startPage();

  for (const raw of doc.lead) {
    const item = clip(raw, LIMITS.description);
    if (item.trim() === '') continue;
    if (embed.description !== undefined) {
      const extra = 1 + item.length;
      if (embed.description.length + extra <= LIMITS.description && fits(extra)) {
        embed.description += `\n${item}`;
        used += extra;
        continue;
      }
      if (fits(item.length)) startEmbed();
      else startPage();
    } else if (!fits(item.length)) {
      startPage();
    }
    embed.description = item;
    used += item.length;
  }

  for (const section of doc.sections) {
    const separator = section.separator ?? '\n\n';
    for (const raw of section.items) {
      if (raw.trim() === '') continue;
      const name = clip(started.has(section) ? `${section.heading} (cont.)` : section.heading, LIMITS.fieldName) || '\u200b';

      if (raw.length > LIMITS.fieldValue) {
        /* Too long for a field: give it an embed's description, headed like a field would be. */
        const text = clip(`**${name}**\n${raw}`, LIMITS.description);
        if (!fits(text.length)) startPage();
        if (embed.description !== undefined || (embed.fields?.length ?? 0) > 0) startEmbed();
        embed.description = text;
        used += text.length;
        open = null;
        started.add(section);
        continue;
      }

      const current = open;
      if (current && current.section === section) {
        const extra = separator.length + raw.length;
        if (current.field.value.length + extra <= LIMITS.fieldValue && fits(extra)) {
          current.field.value += separator + raw;
          used += extra;
          continue;
        }
      }
      if (!fits(name.length + raw.length)) startPage();
      else if ((embed.fields?.length ?? 0) >= LIMITS.fields) startEmbed();
      const field: EmbedField = { name, value: raw };
      (embed.fields ??= []).push(field);
      used += name.length + raw.length;
      open = { field, section };
      started.add(section);
    }
  }
  pages.push(page);

  const n = pages.length;
  pages.forEach((p, i) => {
    p.embeds = p.embeds.filter((e) => embedLength(e) > 0);
    const text = [doc.footer, n > 1 ? PAGE_WORD(i + 1, n) : null].filter(Boolean).join(' · ');
    const last = p.embeds[p.embeds.length - 1];
    if (text && last) last.footer = { text };
  });
  return pages;
}
