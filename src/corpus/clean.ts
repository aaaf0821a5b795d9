/**
 * Recognises the lines of a pasted news page that are not reporting: page furniture (subscription and
 * app prompts, "Read More", related-story lists), agency disclaimers, photo captions and credits, and lines
 * repeated within the article. The rules describe news pages in general; none knows any particular story.
 */
import { continues, isBullet, lineKey, wordCount, type Line } from './paragraphs.js';

/** Why a line was removed, keyed by `Line.index`. */
export type Reasons = Map<number, string>;

/** Reasons that mark page furniture; a block made mostly of them is furniture throughout. */
const FURNITURE = new Set(['subscription prompt', 'related-story header', 'related-story list', 'read-more link']);

/** Phrases only page furniture uses: calls to sign in, subscribe, download, keep reading. */
const PROMPT = new RegExp(
  [
    String.raw`\bsign(?:ing)? ?(?:up|in)\b`,
    String.raw`\blog ?in\b`,
    String.raw`^subscribe\b`,
    String.raw`\bsubscribe (?:now|today|for|to (?:read|continue|our))\b`,
    String.raw`\bsubscribers? only\b`,
    String.raw`\bfree trial\b`,
    String.raw`\bdays? free\b`,
    String.raw`\bdownload (?:the|our) app\b`,
    String.raw`\bget the app\b`,
    String.raw`^start reading\b`,
    String.raw`^(?:continue|keep) reading\b`,
    String.raw`\bread the full (?:story|article)\b`,
    String.raw`\balready (?:a|have an?) (?:member|subscriber|account)\b`,
    String.raw`\bcreate (?:a |an )?(?:free )?account\b`,
    String.raw`\bregister (?:now|for free)\b`,
    String.raw`\bpremium (?:titles|content|access|articles)\b`,
    String.raw`\bcurated (?:specifically )?for you\b`,
    String.raw`\ball your news\b`,
    String.raw`\btrusted (?:global )?sources\b`,
    String.raw`\bunlock (?:this|unlimited|full)\b`,
    String.raw`\bsupport (?:our|independent) journalism\b`,
    String.raw`\benable javascript\b`,
    String.raw`^skip (?:to|ad)\b`,
    String.raw`^share (?:this|on|via)\b`,
    String.raw`^follow us\b`,
    String.raw`^click here\b`,
    String.raw`^listen to (?:this|the) (?:article|story)\b`,
    String.raw`^\d+ min(?:ute)?s? read$`,
    String.raw`^copy link$`,
    String.raw`^(?:\d+ )?comments?$`,
    String.raw`^story continues below\b`,
  ].join('|'),
  'i',
);

/**
 * Words a news sentence may also use ("the subscription costs $5"): furniture only when the line speaks to
 * the reader ("gives you access") or is a bare slogan of a few words ("One app. One membership.").
 */
const PROMPT_WORD = /\b(?:subscriptions?|memberships?|newsletters?|apps?|premium|unlimited access)\b/i;
const TO_READER = /\b(?:you|your)\b/i;

function isPrompt(text: string): boolean {
  if (PROMPT.test(text)) return true;
  return PROMPT_WORD.test(text) && (TO_READER.test(text) || wordCount(text) <= 4);
}

const RELATED_HEADER =
  /^(?:related(?: stories| articles| news| coverage| content| topics| reading| links)?|more (?:on this story|stories|news|from\b.*|on\b.*)|read also|also read|see also|our picks|editor'?s picks|top stories\b.*|recommended(?: for you| stories| reading)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|you (?:may|might) (?:also )?like|latest (?:news|stories)|what to read next|further reading)\s*:?$/i;

const READ_MORE = /^read more\s*:?\s*$/i;
const TIMESTAMP_LABEL = /^(?:last )?(?:updated|modified|published|posted)(?: on| at)?\s*:?$/i;
const LABEL = /^(?:breaking(?: news)?|exclusive|update|updated|live|opinion|analysis|watch|video|photos|explainer|advertisement)\s*:?$/i;
const SEPARATOR = /^[-*_=~•·#\s]{3,}$/;
const LINK_ONLY = /^(?:https?:\/\/|www\.)\S+$/i;
const MARKDOWN_IMAGE = /^!\[[^\]]*\]\([^)]*\)$/;
const CREDITS = /^\(?(?:(?:additional )?reporting|writing|editing|compiled|produced) by\b/i;

const DISCLAIMER = [
  /\bcontains only a portion of\b/i,
  /\ball rights reserved\b/i,
  /^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))/i,
  /\bmay not be (?:published|broadcast|rewritten|redistributed|reproduced)\b/i,
  /^this (?:article|story|content) (?:was|is|has been) (?:originally )?(?:published|produced|provided|syndicated|generated)\b/i,
  /\b(?:views|opinions) expressed (?:in|here)\b.*\b(?:not|do not|don't) (?:necessarily )?reflect\b/i,
];

/** A credit in parentheses at the end of a line: "(AP Photo/…)", "(Image: AP)", "(Jane Doe/Reuters)". */
const PAREN_CREDIT = /\([^()]*\b(?:photo|photograph|image|picture|pic|credit|illustration|getty|shutterstock)\b[^()]*\)\s*$/i;
/** "(Jane Doe/Agency)": a name and an agency joined by a slash, the way photo credits are written. */
const SLASH_CREDIT = /\([^()\s/]+(?: [^()\s/]+){0,3}\/\s*\p{Lu}[^()]*\)\s*$/u;
/** "Photograph: Name/Agency" as the Guardian and others print it after a caption. */
const LABEL_CREDIT = /(?:^|\s)(?:Photograph|Photo|Image|Picture|Illustration|Credit|Photo credit|Composite)s?:\s*\S+(?:\s+\S+){0,7}\s*$/;
const AGENCY_CREDIT = /\b(?:Getty Images|Shutterstock|AFP via Getty Images|Alamy)\s*$/;

/** Whether a line is a photo caption or credit rather than a sentence of the story. */
export function isCaption(text: string): boolean {
  if (PAREN_CREDIT.test(text) || SLASH_CREDIT.test(text) || AGENCY_CREDIT.test(text)) return true;
  if (LABEL_CREDIT.test(text) && wordCount(text) <= 60) return true;
  // some pages print the caption, then the same caption again as the image's alternative text
  const twice = /^(.+?)\s*\((.+)\)\s*$/.exec(text);
  return !!twice && lineKey(twice[1] ?? '') === lineKey(twice[2] ?? '');
}

/*
 * What an embedded post leaves when a page is saved as text: its picture link and its signature, "…
 * pic.twitter.com/AbC — Jane Doe (@jdoe) September 11, 2025", glued to the end of the post's words.
 */
const POST_LINK = String.raw`(?:pic\.twitter\.com|https?:\/\/t\.co)\/\w+`;
const POST_SIGNATURE = String.raw`[—–]\s*[^—–()\n]{1,60}?\s*\(@\w{1,15}\)(?:\s+\p{Lu}\p{Ll}+\.?\s+\d{1,2},\s+\d{4})?`;
const EMBED_TAIL = new RegExp(String.raw`(?:(?:^|\s*)${POST_LINK})*\s*${POST_SIGNATURE}\s*$|(?:(?:^|\s+)${POST_LINK})+\s*$`, 'u');

/**
 * Splits embedded-post residue off the end of each line into a line of its own, which {@link lineNoise}
 * then strips; the words before it stay verbatim. Lines are renumbered.
 */
export function splitEmbedResidue(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const m = EMBED_TAIL.exec(line.text);
    const head = m ? line.text.slice(0, m.index).trimEnd() : '';
    if (m && head && /\p{L}/u.test(head)) out.push({ ...line, text: head }, { ...line, text: m[0].trim() });
    else out.push(line);
  }
  return out.map((line, index) => ({ ...line, index }));
}

/** The reason a single line is not reporting, judged from the line alone; undefined for a line that may be. */
export function lineNoise(text: string): string | undefined {
  const words = wordCount(text);
  if (SEPARATOR.test(text)) return 'separator';
  if (EMBED_TAIL.exec(text)?.index === 0) return 'embedded-post residue';
  if (READ_MORE.test(text)) return 'read-more link';
  if (TIMESTAMP_LABEL.test(text)) return 'timestamp label';
  if (LABEL.test(text)) return 'section label';
  if (LINK_ONLY.test(text)) return 'bare link';
  if (MARKDOWN_IMAGE.test(text)) return 'image';
  if (words <= 8 && RELATED_HEADER.test(text)) return 'related-story header';
  if (words <= 60 && DISCLAIMER.some((re) => re.test(text))) return 'agency or website disclaimer';
  if (words <= 30 && CREDITS.test(text)) return 'reporting credits';
  if (isCaption(text)) return 'photo caption';
  if (words <= 15 && isPrompt(text)) return 'subscription prompt';
  return undefined;
}

/** Shaped like a headline in a list: short, not closed by a full stop or a comma. */
function headlineShaped(text: string): boolean {
  const words = wordCount(text);
  return words >= 1 && words <= 20 && !/[.;,]["”’']?$/.test(text);
}

/** Lines right after a "Related stories" header, up to a blank line or the next sentence, are the list it heads. */
export function markRelatedLists(lines: Line[], reasons: Reasons): void {
  let header: Line | undefined;
  for (const line of lines) {
    if (reasons.get(line.index) === 'related-story header') {
      header = line;
      continue;
    }
    if (!header || line.block !== header.block) {
      header = undefined;
      continue;
    }
    if (reasons.has(line.index)) continue;
    if (headlineShaped(line.text) || /^\[.*\]\(.*\)$/.test(line.text)) reasons.set(line.index, 'related-story list');
    else header = undefined;
  }
}

/**
 * A block mostly made of furniture (sign-in prompts, app offers, related headers) is furniture throughout:
 * its remaining short lines ("One app.", "Fourteen days free") are slogans of the same box, not news.
 */
export function sweepFurnitureBlocks(lines: Line[], reasons: Reasons): void {
  const blocks = new Map<number, Line[]>();
  for (const line of lines) blocks.set(line.block, [...(blocks.get(line.block) ?? []), line]);
  for (const group of blocks.values()) {
    const furniture = group.filter((l) => FURNITURE.has(reasons.get(l.index) ?? '')).length;
    const open = group.filter((l) => !reasons.has(l.index));
    if (furniture < 2 || furniture < open.length) continue;
    for (const line of open) {
      if (wordCount(line.text) <= 12 && !isBullet(line.text)) reasons.set(line.index, 'subscription prompt');
    }
  }
}

/**
 * Removes lines said twice. An exact repeat loses its later copy; a line whose words all reappear inside a
 * longer line (a teaser or pull quote that repeats a sentence of the body) loses the short copy, wherever it
 * stands, because the long one carries the sentence in its context. `seen` holds keys already used (the title).
 */
export function markRepeats(lines: Line[], reasons: Reasons, seen: Iterable<string> = []): void {
  const keys = new Map<string, number>();
  for (const key of seen) keys.set(key, -1);
  const open = lines.filter((l) => !reasons.has(l.index));
  // a piece of a broken line ("2O" between "Al" and "3, in bauxite") is not a line of its own
  const fragments = new Set<number>();
  open.forEach((line, i) => {
    const next = open[i + 1];
    if (next && next.index === line.index + 1 && continues(line, next)) {
      fragments.add(line.index);
      fragments.add(next.index);
    }
  });
  for (const line of open) {
    const key = lineKey(line.text);
    if (!key || fragments.has(line.index) || wordCount(key) < 2) continue;
    const first = keys.get(key);
    if (first !== undefined) reasons.set(line.index, first < 0 ? 'repeats the title' : 'repeated line');
    else keys.set(key, line.index);
  }
  const kept = open.filter((l) => !reasons.has(l.index) && !fragments.has(l.index)).map((l) => ({ line: l, key: lineKey(l.text) }));
  for (const short of kept) {
    if (wordCount(short.key) < 6) continue;
    const bare = short.key.replace(/[.!?…"']+$/, '');
    const longer = kept.find((o) => o !== short && o.key.length > short.key.length && containsWords(o.key, bare));
    if (longer) reasons.set(short.line.index, 'repeated in a longer paragraph');
  }
}

/** `needle` occurs in `hay` starting and ending at word boundaries. */
function containsWords(hay: string, needle: string): boolean {
  let at = hay.indexOf(needle);
  while (at >= 0) {
    const before = hay[at - 1];
    const after = hay[at + needle.length];
    if ((!before || !/\w/.test(before)) && (!after || !/\w/.test(after))) return true;
    at = hay.indexOf(needle, at + 1);
  }
  return false;
}

/**
 * A wire credit closing the story, either on its own line ("— Reuters", "(AP)") or after the last
 * sentence ("… the minister said. – Reuters"). Returns the paragraph without it and the credited agency.
 */
export function splitClosingCredit(paragraph: string): { text: string; credit?: string; agency?: string } {
  const own = /^(?:[–—-]\s*|\()(\p{Lu}[\p{L}&.]*(?:\s\p{Lu}[\p{L}&.]*){0,3})\)?$/u.exec(paragraph);
  if (own) return { text: '', credit: paragraph, agency: own[1] };
  const tail = /(?<=[.!?…]["”’)]?)\s+([–—-]\s?(\p{Lu}[\p{L}&.]*(?:\s\p{Lu}[\p{L}&.]*){0,2}))\s*$/u.exec(paragraph);
  if (!tail || tail.index === undefined) return { text: paragraph };
  return { text: paragraph.slice(0, tail.index).trimEnd(), credit: tail[1], agency: tail[2] };
}
