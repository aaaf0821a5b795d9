/**
 * A plain-text account of a load, for `ask --report`: per article what metadata was found and where, how
 * many paragraphs were kept, and every removed line with its reason; then the files that were skipped.
 */
import type { Article, ArticleMeta, LoadResult } from '../types.js';

const FIELDS: Array<keyof ArticleMeta> = ['title', 'outlet', 'author', 'published', 'dateline', 'url'];

/** Longest stretch of a line shown in the report; the rest is elided. */
const SHOWN = 120;

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length > SHOWN ? `${t.slice(0, SHOWN - 1)}…` : t;
}

function describeField(article: Article, field: keyof ArticleMeta): string {
  const value = article.meta[field];
  if (!value) return `  ${field}: (not stated)`;
  const origin = article.metaOrigin[field];
  const from = origin?.source === 'front-matter' ? 'front matter' : origin?.evidence ? `"${clip(origin.evidence)}"` : 'inferred';
  return `  ${field}: ${value}  ← ${from}`;
}

/** Report on one article. */
export function formatArticleReport(article: Article): string {
  const lines = [`[${article.id}] ${article.file}`];
  for (const field of FIELDS) lines.push(describeField(article, field));
  lines.push(`  paragraphs kept: ${article.paragraphs.length}`);
  if (article.stripped.length) {
    lines.push(`  stripped (${article.stripped.length}):`);
    for (const s of article.stripped) lines.push(`    - ${s.reason}: "${clip(s.text)}"`);
  } else lines.push('  stripped: nothing');
  return lines.join('\n');
}

/** Report on a whole load: every article, then the problems. */
export function formatReport(result: LoadResult): string {
  const parts = [`Corpus ${result.root}: ${result.articles.length} articles loaded, ${result.problems.length} problems.`];
  for (const article of result.articles) parts.push(formatArticleReport(article));
  if (result.problems.length) {
    parts.push(['Problems:', ...result.problems.map((p) => `  - ${p.file}: ${p.message}`)].join('\n'));
  } else parts.push('Problems: none.');
  return parts.join('\n\n');
}
