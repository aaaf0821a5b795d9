/**
 * What a newly added article brings to a story's coverage: its figures that no other article gives, and
 * the disagreements between outlets that it starts. Pure: it reads the engine loaded before the article
 * was added (or null for a first article) and the engine loaded after.
 */
import type { Conflict, Engine } from '../engine.js';
import { stemWord } from '../text/analyse.js';
import type { NumberMention } from '../types.js';

/** A figure of the new article that no other article of the story reports. */
export interface NewFigure {
  /** As written: "three", "1,300", "$4.5 million". */
  raw: string;
  value: number;
  kind: NumberMention['kind'];
  /** What it counts ("white minibuses"), when that can be read. */
  counts: string | null;
  /** The verbatim sentence it is in, and that sentence's 1-based paragraph. */
  sentence: string;
  paragraph: number;
}

export interface IngestReport {
  /** Path of the new article relative to the story folder (forward slashes). */
  file: string;
  title: string | null;
  outlet: string | null;
  /** Publication date `yyyy-MM-dd`, or null. */
  published: string | null;
  sentences: number;
  facts: number;
  /** Articles and outlets of the story before and after. */
  before: { articles: number; outlets: number };
  after: { articles: number; outlets: number };
  newFigures: NewFigure[];
  /** Disagreements the new article is part of that the coverage did not have before. */
  newConflicts: Conflict[];
}

/** Kinds of number that are quantities the coverage reports (not years, calendar dates or ranks). */
const QUANTITY_KINDS = new Set<NumberMention['kind']>(['count', 'money', 'percent', 'other']);

/** Counted heads that name nothing in particular: "52 people" may be the "52 prisoners" of another outlet. */
const GENERIC = new Set(['people', 'person', 'others', 'other', 'one', 'ones', 'of', 'them', 'those', 'individuals', 'total']);

function headOf(counts: string | undefined): string | null {
  const words = (counts ?? '').toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);
  const head = words[words.length - 1];
  return head && !GENERIC.has(head) ? stemWord(head) : null;
}

/** Two mentions can be the same figure: same kind and value, and no two different counted things. */
function sameFigure(a: NumberMention, b: NumberMention): boolean {
  if (a.kind !== b.kind || a.value !== b.value) return false;
  const ha = headOf(a.counts);
  const hb = headOf(b.counts);
  return ha === null || hb === null || ha === hb;
}

/** The sentence ids of the article at `file` in an engine, or null when it is not loaded. */
function articleOf(engine: Engine, file: string): { id: number; first: number; end: number } | null {
  const k = engine.knowledge;
  const article = k.articles.find((a) => a.file === file);
  if (!article) return null;
  const [first, end] = k.articleSentences[article.id] ?? [0, 0];
  return { id: article.id, first, end };
}

const involves = (c: Conflict, file: string): boolean => c.claims.some((claim) => claim.sources.some((s) => s.file === file));

/**
 * What the article at `file` (relative to the story folder, forward slashes) adds: figures no other
 * article gives, and conflicts it is in that `before` did not have (none existed; or the article gives a
 * version of the figure no other outlet gives). Null when `after` did not load the file.
 */
export function ingestReport(before: Engine | null, after: Engine, file: string): IngestReport | null {
  const mine = articleOf(after, file);
  if (!mine) return null;
  const k = after.knowledge;
  const article = k.articles[mine.id]!;
  const summary = after.sources().find((s) => s.file === file);

  const others: NumberMention[] = [];
  for (let id = 0; id < k.sentences.length; id++) {
    if (id >= mine.first && id < mine.end) continue;
    for (const n of k.facts.get(id)?.numbers ?? []) if (QUANTITY_KINDS.has(n.kind)) others.push(n);
  }
  const newFigures: NewFigure[] = [];
  const seen: NumberMention[] = [];
  for (let id = mine.first; id < mine.end; id++) {
    const sentence = k.sentences[id]!;
    for (const n of k.facts.get(id)?.numbers ?? []) {
      if (!QUANTITY_KINDS.has(n.kind)) continue;
      if (others.some((o) => sameFigure(n, o)) || seen.some((o) => sameFigure(n, o))) continue;
      seen.push(n);
      newFigures.push({ raw: n.raw, value: n.value, kind: n.kind, counts: n.counts ?? null, sentence: sentence.text, paragraph: sentence.paragraph });
    }
  }

  const earlier = new Map((before?.conflicts() ?? []).map((c) => [c.about, c]));
  const newConflicts = after.conflicts().filter((c) => {
    if (!involves(c, file)) return false;
    if (!earlier.has(c.about)) return true;
    // an existing disagreement is new news only when this article gives a version of its own
    return c.claims.some((claim) => claim.sources.every((s) => s.file === file));
  });

  const stats = (e: Engine | null): { articles: number; outlets: number } => {
    const s = e?.stats();
    return { articles: s?.articles ?? 0, outlets: s?.outlets ?? 0 };
  };
  return {
    file,
    title: article.meta.title ?? null,
    outlet: article.meta.outlet ?? null,
    published: article.meta.published ?? null,
    sentences: summary?.sentences ?? mine.end - mine.first,
    facts: summary?.facts ?? 0,
    before: stats(before),
    after: stats(after),
    newFigures,
    newConflicts,
  };
}

const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

/**
 * The report in a few short lines for the reporter who added the article (plain text; a front end may
 * put it in an embed instead).
 */
export function renderIngestReport(report: IngestReport, options: { maxItems?: number } = {}): string {
  const max = options.maxItems ?? 5;
  const lines: string[] = [];
  const by = [report.outlet, report.published].filter(Boolean).join(', ');
  lines.push(`Added ${report.title ? `“${report.title}”` : report.file}${by ? ` (${by})` : ''} as ${report.file}.`);
  lines.push(
    `${report.sentences} sentences, ${report.facts} facts. The story now has ${report.after.articles} article${report.after.articles === 1 ? '' : 's'} from ${report.after.outlets} outlet${report.after.outlets === 1 ? '' : 's'}.`,
  );
  if (report.newFigures.length) {
    lines.push(`New figures no other article gives (${report.newFigures.length}):`);
    for (const f of report.newFigures.slice(0, max)) lines.push(`• ${f.raw}${f.counts ? ` ${f.counts}` : ''} — “${clip(f.sentence, 160)}”`);
    if (report.newFigures.length > max) lines.push(`• … and ${report.newFigures.length - max} more`);
  } else lines.push('No new figures: every figure in it is already in the coverage.');
  if (report.newConflicts.length) {
    lines.push(`New disagreements (${report.newConflicts.length}):`);
    for (const c of report.newConflicts.slice(0, max)) {
      lines.push(`• ${c.about}:`);
      for (const claim of c.claims) {
        const who = [...new Set(claim.sources.map((s) => (s.file === report.file ? 'this article' : (s.outlet ?? s.file))))].join(', ');
        lines.push(`   ${who}: “${clip(claim.text, 140)}”`);
      }
    }
    if (report.newConflicts.length > max) lines.push(`• … and ${report.newConflicts.length - max} more`);
  }
  return lines.join('\n');
}
