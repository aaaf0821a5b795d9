/**
 * YAML front matter between `---` lines at the top of an article. Only flat `key: value` pairs (and simple
 * `- item` lists) are read: that is all an article header needs, and it keeps the loader free of a YAML
 * dependency. Unknown keys are ignored.
 */
import type { ArticleMeta } from '../types.js';
import { normaliseDate } from './metadata.js';

/** Outcome of looking for a front matter block. */
export type FrontMatter =
  | { kind: 'none'; body: string }
  | { kind: 'ok'; meta: ArticleMeta; body: string }
  /** An opening `---` with no closing one: the whole text is read as plain text. */
  | { kind: 'broken'; body: string; message: string };

/** Keys of the header mapped to metadata fields; a few common spellings are accepted. */
const FIELD: Record<string, keyof ArticleMeta> = {
  title: 'title',
  headline: 'title',
  outlet: 'outlet',
  source: 'outlet',
  publisher: 'outlet',
  publication: 'outlet',
  site: 'outlet',
  author: 'author',
  authors: 'author',
  byline: 'author',
  url: 'url',
  link: 'url',
  published: 'published',
  date: 'published',
  published_at: 'published',
  publishedat: 'published',
  dateline: 'dateline',
};

/** Lines of a header longer than this are not a header: a stray `---` rule further down is not a closing line. */
const MAX_HEADER_LINES = 60;

/** A line that can sit inside a header: blank, comment, `key: value`, list item or indented continuation. */
const YAML_LINE = /^(?:\s*$|\s*#|[A-Za-z_][\w-]*\s*:|\s*-\s|\s+\S)/;

/** Reads a scalar as YAML writes it: bare, 'single' ('' escapes a quote) or "double" (backslash escapes). */
export function parseScalar(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    return v.slice(1, -1).replace(/\\(["\\/nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  // a bare value may carry a trailing comment
  return v.replace(/\s+#.*$/, '').trim();
}

function setField(meta: ArticleMeta, key: string, value: string): void {
  const field = FIELD[key.toLowerCase()];
  if (!field || !value) return;
  if (field === 'published') {
    const date = normaliseDate(value);
    if (date) meta.published = date;
    return;
  }
  meta[field] = value;
}

/** Parses the lines between the `---` markers. */
export function parseFrontMatterLines(lines: string[]): ArticleMeta {
  const meta: ArticleMeta = {};
  let listKey: string | undefined;
  let listItems: string[] = [];
  const flush = (): void => {
    if (listKey && listItems.length) setField(meta, listKey, listItems.join(', '));
    listKey = undefined;
    listItems = [];
  };
  for (const line of lines) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      listItems.push(parseScalar(item[1] ?? ''));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    flush();
    const key = pair[1] ?? '';
    const value = pair[2] ?? '';
    if (!value.trim()) {
      listKey = key;
      continue;
    }
    const inline = /^\[(.*)\]$/.exec(value.trim());
    if (inline) setField(meta, key, (inline[1] ?? '').split(',').map(parseScalar).filter(Boolean).join(', '));
    else setField(meta, key, parseScalar(value));
  }
  flush();
  return meta;
}

/** Separates a front matter block from the body. A BOM or blank lines before the opening `---` are allowed. */
export function splitFrontMatter(text: string): FrontMatter {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let open = 0;
  while (open < lines.length && !lines[open]?.trim()) open++;
  if (lines[open]?.trim() !== '---') return { kind: 'none', body: text };
  for (let i = open + 1; i < lines.length && i <= open + MAX_HEADER_LINES; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '---' || line.trim() === '...') {
      return { kind: 'ok', meta: parseFrontMatterLines(lines.slice(open + 1, i)), body: lines.slice(i + 1).join('\n') };
    }
    // prose before any closing line: the header was never closed, a later `---` is a rule in the text
    if (!YAML_LINE.test(line)) break;
  }
  return {
    kind: 'broken',
    body: text,
    message: 'front matter starts with "---" but has no closing "---" line; read as plain text with no metadata (add the closing line)',
  };
}
