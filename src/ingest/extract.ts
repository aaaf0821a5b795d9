/**
 * From an uploaded file to the text of an article file the corpus loader reads. Plain text and Markdown
 * are kept byte for byte once they pass the checks; a saved web page is read with Mozilla's Readability
 * (on linkedom's DOM) and written as front matter and paragraphs. Every refusal is a typed result with a
 * sentence the uploader can act on, never an exception. Pure: bytes in, text out.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeText, formatBytes, parseArticleWithProblems } from '../corpus/load.js';
import { normaliseDate } from '../corpus/metadata.js';
import { analyseParagraph } from '../text/analyse.js';
import type { ArticleMeta } from '../types.js';

/** A file as it was uploaded: its name, the type the sender gave (null when unknown) and its bytes. */
export interface Upload {
  name: string;
  contentType: string | null;
  bytes: Uint8Array;
}

export interface ExtractLimits {
  /** Uploads larger than this many bytes are refused (MAX_ARTICLE_BYTES in the front ends). */
  maxBytes: number;
  /** Fewer sentences of reporting than this and the file is not taken as an article (default 3). */
  minSentences?: number;
}

/** The kinds of file taken. */
export type UploadKind = 'txt' | 'md' | 'html';

/** Why an upload was refused. */
export type RefusalCode = 'empty' | 'too-large' | 'binary' | 'not-utf8' | 'unsupported-type' | 'type-mismatch' | 'no-article' | 'too-short';

/** A refusal: nothing is written. */
export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** One or two sentences for the uploader: what is wrong and what to do. */
  message: string;
}

/** What was left out of a web page, counted (nothing for plain text and Markdown, which are kept whole). */
export interface StrippedSummary {
  /** Elements of the page not kept, by kind ("scripts", "links", "ads", ...), only kinds with a count. */
  removed: Array<{ what: string; count: number }>;
  /** Characters of visible text on the page, and how many of them the article kept. */
  pageChars: number;
  keptChars: number;
  /** The same in one short line: "removed 3 scripts, 1 navigation, 14 links; kept 1,310 of 2,804 characters". */
  summary: string;
}

/** The article file made from an upload, ready to be named and written. */
export interface ExtractedArticle {
  kind: UploadKind;
  /** Extension of the file to write: `.txt` or `.md` (web pages become `.md`). */
  ext: '.txt' | '.md';
  /** The bytes to write (UTF-8 text for a web page; the upload unchanged for text and Markdown). */
  bytes: Uint8Array;
  /** What the loader reads from it. */
  meta: ArticleMeta;
  paragraphs: number;
  sentences: number;
  /** Lines the loader will skip as page furniture when it reads the file (bylines, prompts, captions...). */
  skippedLines: number;
  stripped: StrippedSummary;
}

export type ExtractResult = { ok: true; article: ExtractedArticle } | Refusal;

const refuse = (code: RefusalCode, message: string): Refusal => ({ ok: false, code, message });

const DEFAULT_MIN_SENTENCES = 3;

/** The end of a sentence: a full stop, question or exclamation mark, possibly inside closing quotes or brackets. */
const FULL_STOP = /[.!?…]["”’')\]]*$/u;

/** Media types each kind may be sent with (text/plain for Markdown too: most clients send that). */
const TYPES: Record<UploadKind, readonly string[]> = {
  txt: ['text/plain'],
  md: ['text/markdown', 'text/x-markdown', 'text/plain'],
  html: ['text/html', 'application/xhtml+xml'],
};

const EXTENSIONS: Record<string, UploadKind> = { txt: 'txt', text: 'txt', md: 'md', markdown: 'md', html: 'html', htm: 'html', xhtml: 'html' };

/** Signatures of common binary files, to name what a misnamed upload really is. */
const SIGNATURES: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (or a Word or OpenDocument file)' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Word or Excel document' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'an RTF document' },
];

function sniffBinary(bytes: Uint8Array): string | null {
  for (const s of SIGNATURES) if (s.bytes.every((b, i) => bytes[i] === b)) return s.what;
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46 && bytes[8] === 0x57 && bytes[9] === 0x45) return 'a WebP image';
  return null;
}

/** The extension of an upload's name, lower case, without the dot ('' when it has none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** "text/html; charset=UTF-8" → "text/html". */
function mediaType(contentType: string | null): string | null {
  const t = contentType?.split(';')[0]?.trim().toLowerCase();
  return t ? t : null;
}

/** Decodes as the loader does (its decodeText), with an uploader's wording of what is wrong. */
function decodeUpload(bytes: Uint8Array): { text: string } | Refusal {
  const decoded = decodeText(bytes);
  if ('text' in decoded) return decoded;
  return decoded.code === 'binary'
    ? refuse('binary', 'This file is binary (it contains NUL bytes), not text: save the article as plain text (.txt), Markdown (.md) or a web page (.html).')
    : refuse('not-utf8', 'This file is not valid UTF-8 text: save it again with UTF-8 encoding and upload it again.');
}

/** The page looks like HTML from its first characters (a doctype or an <html>/<head>/<body> tag). */
function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(text.slice(0, 4096));
}

/**
 * Checks an upload and turns it into the text of an article file, or says why it cannot be one: empty,
 * over `limits.maxBytes`, binary or not UTF-8, a kind other than .txt/.md/.html, a content type that does
 * not match the name, a web page with no article Readability can find, or too few sentences.
 */
export function extractArticle(upload: Upload, limits: ExtractLimits): ExtractResult {
  const { bytes } = upload;
  const minSentences = limits.minSentences ?? DEFAULT_MIN_SENTENCES;
  if (bytes.length === 0) return refuse('empty', 'The file is empty: attach the file that holds the article.');
  if (bytes.length > limits.maxBytes) {
    return refuse('too-large', `The file is ${formatBytes(bytes.length)}, over the ${formatBytes(limits.maxBytes)} limit for one article: upload one article per file.`);
  }
  const ext = extensionOf(upload.name);
  const kind = EXTENSIONS[ext];
  const type = mediaType(upload.contentType);
  const binary = sniffBinary(bytes);
  if (!kind) {
    const what = binary ? ` (it is ${binary})` : ext ? ` (.${ext})` : ' (the name has no extension)';
    return refuse('unsupported-type', `Only .txt, .md and .html files can be added${what}: save the article as plain text, Markdown or a web page.`);
  }
  if (binary) return refuse('type-mismatch', `The file is named .${ext} but is ${binary}, not text: upload the article itself as .txt, .md or .html.`);
  if (type !== null && !TYPES[kind].includes(type)) {
    return refuse('type-mismatch', `The file is named .${ext} but was sent as ${type}: the name and the content must agree (save the article as .txt, .md or .html).`);
  }
  const decoded = decodeUpload(bytes);
  if ('ok' in decoded) return decoded;
  const text = decoded.text;
  if (!text.trim()) return refuse('empty', 'The file holds only blank space: attach the file that holds the article.');
  if (kind === 'html') return fromHtml(text, minSentences);
  if (looksLikeHtml(text)) {
    return refuse('type-mismatch', `The file is named .${ext} but holds a web page (HTML): save it with the .html extension so that the article is read out of the page.`);
  }
  const summary = summarise(text, minSentences);
  if ('ok' in summary) return refuse(summary.code, summary.message);
  const stripped: StrippedSummary = { removed: [], pageChars: text.length, keptChars: text.length, summary: 'nothing removed: the file is kept as uploaded' };
  return { ok: true, article: { kind, ext: kind === 'md' ? '.md' : '.txt', bytes, ...summary, stripped } };
}

/** What the loader will read from an article text, or a refusal when it holds no article. */
function summarise(text: string, minSentences: number): Pick<ExtractedArticle, 'meta' | 'paragraphs' | 'sentences' | 'skippedLines'> | (Refusal & { full?: number }) {
  const { article } = parseArticleWithProblems('upload', text, 0);
  if (!article.paragraphs.length) {
    return refuse('no-article', `No paragraphs of reporting are left once page furniture is removed (${article.stripped.length} lines skipped): check that the file holds an article.`);
  }
  const sentences = article.paragraphs.flatMap((p) => analyseParagraph(p.text));
  // a menu item, a headline or a caption is a "sentence" to the splitter; reporting has words and a full stop
  const full = sentences.filter((s) => FULL_STOP.test(s.text) && s.tokens.filter((t) => /\p{L}/u.test(t.text)).length >= 4).length;
  if (full < minSentences) {
    const message = `The file has ${full === 0 ? 'no' : `only ${full}`} full sentence${full === 1 ? '' : 's'} of reporting, too few for an article (at least ${minSentences}): upload the whole article.`;
    return { full, ...refuse('too-short', message) };
  }
  return { meta: article.meta, paragraphs: article.paragraphs.length, sentences: sentences.length, skippedLines: article.stripped.length };
}

// ---------------------------------------------------------------------------------------------------
// Web pages

type Doc = ReturnType<typeof parseHTML>['document'];
type El = ReturnType<Doc['querySelectorAll']>[number];

/** Kinds of page furniture counted in the report, each with its selector. */
const COUNTED: Array<{ what: string; one: string; many?: string; selector: string }> = [
  { what: 'scripts', one: 'script', selector: 'script' },
  { what: 'styles', one: 'style', selector: 'style, link[rel~="stylesheet"]' },
  { what: 'navigation', one: 'navigation menu', many: 'navigation menus', selector: 'nav, [role="navigation"]' },
  { what: 'headers', one: 'header', selector: 'header' },
  { what: 'footers', one: 'footer', selector: 'footer' },
  { what: 'asides', one: 'aside', selector: 'aside' },
  { what: 'forms', one: 'form', selector: 'form' },
  { what: 'embeds', one: 'embed', selector: 'iframe, embed, object, video, audio' },
  { what: 'images', one: 'image', selector: 'img, picture, svg' },
  { what: 'links', one: 'link', selector: 'a[href]' },
];

/** Class or id words of advertising slots ("ad", "ad-slot", "advert", "sponsored"...). */
const AD_WORD = /^(?:ads?|advert\w*|ad[-_]\w+|\w+[-_]ads?|dfp\w*|gpt[-_]ad\w*|sponsor\w*|promo(?:ted|tion)?)$/i;

function isAd(el: El): boolean {
  const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/).filter(Boolean);
  if (words.some((w) => AD_WORD.test(w))) return true;
  // a slot that only says "Advertisement"
  return /^\s*(?:advertisement|advertising|sponsored(?: content)?|ad)\s*$/i.test(el.textContent ?? '') && el.children.length <= 1;
}

/** Elements whose text belongs to the reading of a page: paragraphs, headings, list items, quotes. */
const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'DD', 'DT']);

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The paragraphs of Readability's article HTML, one per block, headings as `## ` lines, items as `- `. */
function blockTexts(root: El): string[] {
  const out: string[] = [];
  const walk = (el: El): void => {
    for (const child of Array.from(el.children)) {
      const tag = child.tagName.toUpperCase();
      if (tag === 'FIGCAPTION' || tag === 'FIGURE') continue;
      if (BLOCKS.has(tag) && !Array.from(child.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, blockquote, pre')).length) {
        const text = squash(child.textContent ?? '');
        if (!text) continue;
        out.push(/^H[1-6]$/.test(tag) ? `## ${text}` : tag === 'LI' ? `- ${text}` : text);
      } else walk(child);
    }
  };
  walk(root);
  return out;
}

/** The publication date of the page: Readability's, else a <time datetime>, else a date meta tag. */
function pageDate(doc: Doc, fromReadability: string | null | undefined): string | undefined {
  const candidates = [
    fromReadability,
    ...['article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'date', 'dc.date', 'DC.date.issued', 'sailthru.date'].map(
      (name) => doc.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`)?.getAttribute('content'),
    ),
    doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime'),
    doc.querySelector('time[datetime]')?.getAttribute('datetime'),
  ];
  for (const c of candidates) {
    const date = c ? normaliseDate(c.trim()) : undefined;
    if (date) return date;
  }
  return undefined;
}

/** The page's own address: the canonical link or og:url, when it is http(s). */
function pageUrl(doc: Doc): string | undefined {
  const raw = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  if (!raw) return undefined;
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A YAML double-quoted scalar that the loader's front matter reader reads back as `value`. */
function yamlString(value: string): string {
  return `"${squash(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const noArticle = refuse(
  'no-article',
  'No article text could be found in this web page: save the article page itself (not a front page or a list of links), or paste its text into a .txt file.',
);

function fromHtml(html: string, minSentences: number): ExtractResult {
  const { document } = parseHTML(html);
  const count = (root: Doc | El, selector: string): number => root.querySelectorAll(selector).length;
  const before = COUNTED.map((c) => count(document, c.selector));
  // scripts and styles are no text of the page; ad slots would reach the article as paragraphs
  for (const el of Array.from(document.querySelectorAll('script, style, noscript, template'))) el.remove();
  const ads = Array.from(document.querySelectorAll('div, section, aside, span, p, ins, figure')).filter(isAd);
  for (const el of ads) el.remove();
  const pageChars = squash(document.body?.textContent ?? '').length;
  const url = pageUrl(document);
  const dateDoc = parseHTML(html).document;

  // Readability changes the document it reads: the counts and the date are taken before
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const content = parsed?.content ? parseHTML(`<!DOCTYPE html><html><body>${parsed.content}</body></html>`).document : null;
  const blocks = content?.body ? blockTexts(content.body as unknown as El) : [];
  if (!parsed || !blocks.some((b) => !b.startsWith('## '))) return noArticle;
  const title = parsed.title ? squash(parsed.title) : '';
  const meta: ArticleMeta = {};
  if (title) meta.title = title;
  const outlet = parsed.siteName ? squash(parsed.siteName) : '';
  if (outlet) meta.outlet = outlet;
  const author = parsed.byline ? squash(parsed.byline).replace(/^by\s+/i, '') : '';
  if (author && author !== outlet) meta.author = author;
  if (url) meta.url = url;
  const published = pageDate(dateDoc, parsed.publishedTime);
  if (published) meta.published = published;

  const header = ['---'];
  if (meta.title) header.push(`title: ${yamlString(meta.title)}`);
  if (meta.outlet) header.push(`outlet: ${yamlString(meta.outlet)}`);
  if (meta.author) header.push(`author: ${yamlString(meta.author)}`);
  if (meta.url) header.push(`url: ${yamlString(meta.url)}`);
  if (meta.published) header.push(`published: ${meta.published}`);
  header.push('---');
  // the headline is in the front matter; a copy of it at the top of the text would be one more paragraph
  const body = blocks.filter((b, i) => !(i === 0 && title && squash(b.replace(/^## /, '')) === title));
  const text = `${header.join('\n')}\n\n${body.join('\n\n')}\n`;

  const summary = summarise(text, minSentences);
  // a page whose "article" is a list of headlines or links has no article at all
  if ('ok' in summary) return summary.full === 0 ? noArticle : refuse(summary.code, summary.message);

  const kept = content?.body ? content.body : null;
  const removed = COUNTED.map((c, i) => ({ c, n: (before[i] ?? 0) - (kept ? count(kept as unknown as El, c.selector) : 0) })).filter((x) => x.n > 0);
  const list = removed.map(({ c, n }) => ({ what: c.what, count: n }));
  if (ads.length) list.splice(Math.min(list.length, 7), 0, { what: 'ads', count: ads.length });
  const keptChars = body.reduce((n, b) => n + b.replace(/^(?:## |- )/, '').length, 0);
  const words = list.map((x) => {
    const c = COUNTED.find((k) => k.what === x.what);
    return c ? plural(x.count, c.one, c.many ?? c.what) : plural(x.count, 'ad', 'ads');
  });
  const line = `${words.length ? `removed ${words.join(', ')}; ` : ''}kept ${keptChars.toLocaleString('en-US')} of ${pageChars.toLocaleString('en-US')} characters of text`;
  return {
    ok: true,
    article: {
      kind: 'html',
      ext: '.md',
      bytes: new TextEncoder().encode(text),
      ...summary,
      stripped: { removed: list, pageChars, keptChars, summary: line },
    },
  };
}
