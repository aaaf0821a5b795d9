/**
 * Benchmark corpora: N articles of about 30 sentences each, built only from verbatim paragraphs of real
 * text (the shared news clusters, the SQuAD articles and the seed story), sampled with a seeded PRNG so
 * that a size always gives the same corpus. The SQuAD paragraphs that answer the fixed question list are
 * placed first in every size, so that accuracy can be measured at every size.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../src/corpus/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const WORK_DIR = path.join(here, '.work');

/** Bumped whenever the generator changes, so that cached corpora are rebuilt. */
const GENERATOR_VERSION = 2;

export const SOURCES = {
  news: path.join(SHARED, 'corpora'),
  squad: path.join(SHARED, 'eval', 'squad', 'corpus'),
  seeds: path.join(ROOT, 'seeds'),
  questions: path.join(SHARED, 'eval', 'squad', 'questions.jsonl'),
};

/** A small seeded PRNG (mulberry32): uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Case, Unicode form and white space folded, as ../shared/eval/score-answers.mjs does. */
export const fold = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences of a paragraph by ICU's sentence rules (Intl.Segmenter), trimmed, empty ones dropped. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(paragraph)) {
    const t = s.segment.trim();
    if (t) out.push(t);
  }
  return out;
}

export interface BenchQuestion {
  /** Position in the fixed list. */
  i: number;
  id: string;
  q: string;
  answers: string[];
  /** The SQuAD article and paragraph (0-based among its kept paragraphs) the question was located in, if found. */
  source: { article: string; paragraph: number } | null;
}

interface SourceArticle {
  kind: 'news' | 'squad' | 'seed';
  key: string;
  title: string;
  outlet: string;
  published: string | null;
  paragraphs: string[];
  sentences: number[];
}

function listTxt(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listTxt(p));
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out;
}

/** Every source article, read with the engine's own parser so that only paragraphs of reporting are kept. */
export function loadSources(): SourceArticle[] {
  const out: SourceArticle[] = [];
  const add = (kind: SourceArticle['kind'], dir: string, outletFallback: string) => {
    for (const file of listTxt(dir)) {
      const a = parseArticle(path.relative(dir, file), readFileSync(file, 'utf8'), out.length);
      const paragraphs = a.paragraphs.map((p) => p.text).filter((p) => !p.includes('\n'));
      if (!paragraphs.length) continue;
      out.push({
        kind,
        key: `${kind}:${path.relative(dir, file)}`,
        title: a.meta.title ?? path.basename(file, '.txt').replace(/_/g, ' '),
        outlet: a.meta.outlet ?? outletFallback,
        published: a.meta.published ?? null,
        paragraphs,
        sentences: paragraphs.map((p) => splitSentences(p).length),
      });
    }
  };
  add('news', SOURCES.news, 'Unknown outlet');
  add('squad', SOURCES.squad, 'Wikipedia');
  add('seed', SOURCES.seeds, 'Unknown outlet');
  return out;
}

const WORD = /[\p{L}\p{N}]+/gu;
const QUESTION_STOP = new Set('what which who whom whose when where why how the was were is are did does do of in on at to for from by with and or a an that this as its it be been has have had'.split(' '));
const contentWords = (s: string): Set<string> => new Set((fold(s).match(WORD) ?? []).filter((w) => w.length > 2 && !QUESTION_STOP.has(w)));

/**
 * The fixed question list: every ceil(n/limit)-th question of the SQuAD set (the selection
 * score-answers.mjs makes with --limit), each located in the SQuAD paragraph that contains a gold answer
 * and shares the most words with the question.
 */
export function loadQuestions(limit: number, sources: SourceArticle[]): BenchQuestion[] {
  let all = readFileSync(SOURCES.questions, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; q: string; answers: string[] });
  if (limit > 0) all = all.filter((_, i) => i % Math.ceil(all.length / limit) === 0);
  const squad = sources.filter((s) => s.kind === 'squad');
  const folded = squad.map((s) => s.paragraphs.map((p) => ({ text: fold(p), words: contentWords(p) })));
  return all.map((q, i) => {
    const gold = q.answers.map(fold).filter(Boolean);
    const words = contentWords(q.q);
    let best: BenchQuestion['source'] = null;
    let bestOverlap = -1;
    folded.forEach((paras, a) =>
      paras.forEach((p, pi) => {
        if (!gold.some((g) => p.text.includes(g))) return;
        let overlap = 0;
        for (const w of words) if (p.words.has(w)) overlap++;
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          best = { article: squad[a]!.key, paragraph: pi };
        }
      }),
    );
    return { i, id: q.id, q: q.q.replace(/\s+/g, ' ').trim(), answers: q.answers, source: best };
  });
}

interface GeneratedArticle {
  title: string;
  outlet: string;
  published: string;
  paragraphs: string[];
}

export interface CorpusManifest {
  version: number;
  size: number;
  seed: number;
  questions: number;
  dir: string;
  articles: number;
  paragraphs: number;
  /** Sentences by Intl.Segmenter (the engine's own count is reported by the engine run). */
  sentences: number;
  bytes: number;
  /** Articles holding the paragraphs the questions were located in (placed first). */
  requiredArticles: number;
  requiredParagraphs: number;
  /** Distinct paragraph texts: the source text is small, so large corpora repeat paragraphs. */
  distinctParagraphs: number;
  /** Questions located in a SQuAD paragraph (their accuracy is measured). */
  measurableQuestions: number;
  sourceParagraphs: number;
  sourceSentences: number;
  buildMs: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function frontMatter(a: GeneratedArticle): string {
  return `---\ntitle: ${JSON.stringify(a.title)}\noutlet: ${JSON.stringify(a.outlet)}\npublished: ${a.published}\n---\n\n`;
}

/** Builds (or reuses) the corpus of `size` articles for the question list; returns its manifest. */
export function buildCorpus(size: number, seed: number, questions: BenchQuestion[], sources: SourceArticle[], opts: { force?: boolean } = {}): CorpusManifest {
  const dir = path.join(WORK_DIR, `corpus-${size}-seed${seed}-q${questions.length}`);
  const manifestFile = path.join(dir, 'manifest.json');
  if (!opts.force && existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as CorpusManifest;
    // the folder where it is now (a corpus copied from another checkout names that checkout's folder)
    if (m.version === GENERATOR_VERSION) return { ...m, dir: path.join(dir, 'articles') };
  }
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'articles'), { recursive: true });
  const rng = mulberry32(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const target = () => 24 + int(13); // 24..36 sentences, 30 on average
  const dateOf = (s: SourceArticle) => s.published ?? `2016-${pad2(1 + int(12))}-${pad2(1 + int(28))}`;

  // 1. the paragraphs the questions were located in, by SQuAD article in source order
  const bySource = new Map<string, Set<number>>();
  for (const q of questions) if (q.source) (bySource.get(q.source.article) ?? bySource.set(q.source.article, new Set()).get(q.source.article)!).add(q.source.paragraph);
  const articles: GeneratedArticle[] = [];
  let requiredParagraphs = 0;
  for (const src of sources) {
    const wanted = bySource.get(src.key);
    if (!wanted) continue;
    const ids = [...wanted].sort((a, b) => a - b);
    requiredParagraphs += ids.length;
    let current: GeneratedArticle | null = null;
    let count = 0;
    let goal = target();
    for (const pi of ids) {
      if (!current || count >= goal) {
        current = { title: src.title, outlet: src.outlet, published: dateOf(src), paragraphs: [] };
        articles.push(current);
        count = 0;
        goal = target();
      }
      current.paragraphs.push(src.paragraphs[pi]!);
      count += src.sentences[pi]!;
    }
  }
  const requiredArticles = articles.length;
  if (requiredArticles > size) throw new Error(`${size} articles cannot hold the ${requiredArticles} articles the questions need; use a larger size or fewer questions`);

  // 2. fill: runs of consecutive paragraphs from a source paragraph drawn uniformly, until the article is long enough
  const pool: Array<[number, number]> = [];
  sources.forEach((s, si) => s.paragraphs.forEach((_, pi) => pool.push([si, pi])));
  while (articles.length < size) {
    const goal = target();
    const used = new Set<string>();
    let count = 0;
    let article: GeneratedArticle | null = null;
    for (let attempts = 0; count < goal && attempts < 50; attempts++) {
      const [si, start] = pool[int(pool.length)]!;
      const src = sources[si]!;
      article ??= { title: src.title, outlet: src.outlet, published: dateOf(src), paragraphs: [] };
      for (let pi = start; pi < src.paragraphs.length && count < goal; pi++) {
        const key = `${si}:${pi}`;
        const text = src.paragraphs[pi]!;
        // the loader drops a line said twice in an article, or one that repeats its title
        if (used.has(key) || text === article.title) break;
        used.add(key);
        article.paragraphs.push(text);
        count += src.sentences[pi]!;
      }
    }
    articles.push(article!);
  }

  let bytes = 0;
  let paragraphs = 0;
  let sentences = 0;
  const distinct = new Set<string>();
  const width = String(size - 1).length;
  articles.forEach((a, i) => {
    const text = frontMatter(a) + a.paragraphs.join('\n\n') + '\n';
    bytes += Buffer.byteLength(text);
    paragraphs += a.paragraphs.length;
    for (const p of a.paragraphs) distinct.add(p);
    for (const p of a.paragraphs) sentences += splitSentences(p).length;
    writeFileSync(path.join(dir, 'articles', `a${String(i).padStart(width, '0')}.txt`), text);
  });
  const manifest: CorpusManifest = {
    version: GENERATOR_VERSION,
    size,
    seed,
    questions: questions.length,
    dir: path.join(dir, 'articles'),
    articles: articles.length,
    paragraphs,
    sentences,
    bytes,
    requiredArticles,
    requiredParagraphs,
    distinctParagraphs: distinct.size,
    measurableQuestions: questions.filter((q) => q.source).length,
    sourceParagraphs: pool.length,
    sourceSentences: sources.reduce((n, s) => n + s.sentences.reduce((a, b) => a + b, 0), 0),
    buildMs: Math.round(performance.now() - started),
  };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Reads the paragraphs of a generated corpus back (front matter dropped), for the baselines. */
export function readCorpusParagraphs(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    const body = readFileSync(path.join(dir, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
    for (const p of body.split(/\n\s*\n/)) if (p.trim()) out.push(p.trim());
  }
  return out;
}
