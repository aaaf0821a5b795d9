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
  /** `problems`: header lines that could not be read; their fields are left to be read from the text. */
  | { kind: 'ok'; meta: ArticleMeta; body: string; problems: HeaderProblem[] }
  /** An opening `---` with no closing one: the whole text is read as plain text. */
  | { kind: 'broken'; body: string; message: string };

/** A header line that could not be read, by its line number in the file (1-based). */
export interface HeaderProblem {
  line: number;
  message: string;
}

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

/** Why a header value is not YAML this reader can take, or null. */
function valueProblem(value: string): string | null {
  const v = value.trim();
  const quote = v[0];
  if (quote === '"' || quote === "'") {
    const closed = quote === '"' ? /^"(?:[^"\\]|\\.)*"\s*(?:#.*)?$/ : /^'(?:[^']|'')*'\s*(?:#.*)?$/;
    return closed.test(v) ? null : `the ${quote === '"' ? 'double' : 'single'} quote is not closed`;
  }
  if (v.startsWith('[') && !/\]\s*(?:#.*)?$/.test(v)) return 'the "[" list is not closed';
  // characters YAML reserves at the start of a bare value (": x" is what a doubled colon leaves)
  if (/^(?::(?:\s|$)|[@`%,\]}|>])/.test(v)) return `a bare value cannot start with "${v[0]}"`;
  return null;
}

/** Sets a field from a header value; returns why the value was not used, or null. */
function setField(meta: ArticleMeta, key: string, value: string): string | null {
  const field = FIELD[key.toLowerCase()];
  if (!field || !value) return null;
  if (field === 'published') {
    const date = normaliseDate(value);
    if (!date) return 'the date is not one this reader knows (write it as 2025-09-12)';
    meta.published = date;
    return null;
  }
  meta[field] = value;
  return null;
}

/**
 * Parses the lines between the `---` markers. A line that cannot be read is reported (with its number,
 * counting `firstLine` for the first of `lines`) and its field left out, to be read from the text.
 */
export function parseFrontMatterLines(lines: string[], firstLine = 2): { meta: ArticleMeta; problems: HeaderProblem[] } {
  const meta: ArticleMeta = {};
  const problems: HeaderProblem[] = [];
  const report = (index: number, key: string, why: string | null): void => {
    if (why) problems.push({ line: firstLine + index, message: `${key}: ${why}` });
  };
  let listKey: string | undefined;
  let listStart = 0;
  let listItems: string[] = [];
  const flush = (): void => {
    if (listKey && listItems.length) report(listStart, listKey, setField(meta, listKey, listItems.join(', ')));
    listKey = undefined;
    listItems = [];
  };
  lines.forEach((line, index) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      listItems.push(parseScalar(item[1] ?? ''));
      return;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) return;
    flush();
    const key = pair[1] ?? '';
    const value = pair[2] ?? '';
    if (!value.trim()) {
      listKey = key;
      listStart = index;
      return;
    }
    if (!FIELD[key.toLowerCase()]) return;
    const broken = valueProblem(value);
    if (broken) return report(index, key, broken);
    const inline = /^\[(.*)\]$/.exec(value.trim());
    if (inline) report(index, key, setField(meta, key, (inline[1] ?? '').split(',').map(parseScalar).filter(Boolean).join(', ')));
    else report(index, key, setField(meta, key, parseScalar(value)));
  });
  flush();
  return { meta, problems };
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
      const header = parseFrontMatterLines(lines.slice(open + 1, i), open + 2);
      return { kind: 'ok', meta: header.meta, problems: header.problems, body: lines.slice(i + 1).join('\n') };
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
