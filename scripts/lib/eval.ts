/**
 * What the development scripts share: where the question sets are (arguments or the environment, never
 * a machine's absolute path), reading them, loading a corpus, telling whether a sentence answers a
 * question, and the split by article that keeps a part of SQuAD unseen while training.
 *
 *   --shared DIR or $SHARED_DIR   the shared data folder (default ../shared beside the project)
 *   --squad-corpus DIR, --squad-questions FILE   override the SQuAD half inside it
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Engine } from '../../src/engine.js';
import type { Knowledge } from '../../src/search/knowledge.js';
import { option } from './args.js';

/** A question of any of the sets: SQuAD (gold answer strings), the seeds and the news set (a regex and sources). */
export interface EvalQuestion {
  id?: string;
  q: string;
  answers?: string[];
  expect?: string;
  sources?: string[];
  abstain?: boolean;
  corpus?: string;
}

export interface EvalPaths {
  shared: string;
  squadCorpus: string;
  squadQuestions: string;
  /** The shared seed questions (never trained on). */
  seedQuestions: string;
  seeds: string;
  /** The news stories of the development set, one folder each. */
  corpora: string;
  /** The development set written from the news stories (in the repository). */
  devQuestions: string;
  /** The second one, in a reporter's words (in the repository). */
  newsQuestions: string;
  /** SQuAD 2.0's questions on the same articles that they do not answer. */
  squadUnanswerable: string;
}

export function evalPaths(args: readonly string[] = process.argv.slice(2)): EvalPaths {
  const shared = resolve(option(args, '--shared') ?? process.env.SHARED_DIR ?? '../shared');
  return {
    shared,
    squadCorpus: resolve(option(args, '--squad-corpus') ?? join(shared, 'eval/squad/corpus')),
    squadQuestions: resolve(option(args, '--squad-questions') ?? join(shared, 'eval/squad/questions.jsonl')),
    seedQuestions: join(shared, 'eval/questions.jsonl'),
    seeds: resolve('seeds'),
    corpora: join(shared, 'corpora'),
    devQuestions: resolve('test/fixtures/corpora-questions.jsonl'),
    newsQuestions: resolve('test/fixtures/newsroom-questions.jsonl'),
    squadUnanswerable: join(shared, 'eval/squad/unanswerable.jsonl'),
  };
}

export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EvalQuestion);
}

/** Every ceil(n/limit)-th question (the selection of score-answers.mjs --limit), or all for 0. */
export function sample<T>(qs: readonly T[], limit: number): T[] {
  return limit ? qs.filter((_, i) => i % Math.ceil(qs.length / limit) === 0) : [...qs];
}

/** SQuAD v1.1's official answer normalisation (as ../shared/eval/score-answers.mjs): lower case, no punctuation or articles. */
export const squadNorm = (s: string): string[] => s.toLowerCase().replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '').replace(/\b(a|an|the)\b/g, ' ').split(/\s+/).filter(Boolean);

/** SQuAD's token F1 of a predicted answer against one gold answer. */
export function f1Of(pred: string, gold: string): number {
  const p = squadNorm(pred);
  const g = squadNorm(gold);
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) if ((counts.get(t) ?? 0) > 0) { same++; counts.set(t, counts.get(t)! - 1); }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

/** SQuAD's exact match (1 or 0) of a predicted answer against any gold answer. */
export const spanEM = (pred: string, golds: readonly string[]): number => (golds.some((g) => squadNorm(g).join(' ') === squadNorm(pred).join(' ')) ? 1 : 0);
/** SQuAD's F1, best over the gold answers. */
export const spanF1 = (pred: string, golds: readonly string[]): number => Math.max(...golds.map((g) => f1Of(pred, g)));

/** Case, Unicode form and white space folded, as ../shared/eval/score-answers.mjs does. */
export const fold = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

export async function loadCorpus(dir: string): Promise<Knowledge> {
  return (await Engine.load(dir)).knowledge;
}

/** The article's file name without folder and extension ("000", "Super_Bowl_50"). */
export function articleName(k: Knowledge, articleId: number): string {
  return basename(k.articles[articleId]!.file).replace(/\.[^.]*$/, '');
}

/** Does the sentence answer the question: a gold string in it, or the regex matching in one of the expected sources. */
export function answers(k: Knowledge, sentenceId: number, q: EvalQuestion): boolean {
  const s = k.sentences[sentenceId]!;
  if (q.answers) return q.answers.some((g) => fold(s.text).includes(fold(g)));
  if (!q.expect) return false;
  const file = articleName(k, s.articleId);
  return new RegExp(q.expect, 'i').test(s.text) && (!q.sources || q.sources.some((w) => file === w || file.startsWith(`${w}_`)));
}

/**
 * The article a SQuAD question was written on: of the articles holding a gold answer, the one whose
 * answering sentence comes first in `order` (the candidates of the question, best first), else the first
 * holding one; null when none does.
 */
export function questionArticle(k: Knowledge, q: EvalQuestion, order: readonly number[]): number | null {
  for (const id of order) if (answers(k, id, q)) return k.sentences[id]!.articleId;
  for (let id = 0; id < k.sentences.length; id++) if (answers(k, id, q)) return k.sentences[id]!.articleId;
  return null;
}

/**
 * The articles held out for validation: a fixed quarter of them, the first by a hash of the file name
 * (not by position or by size, so that the split says nothing about the articles' content).
 */
export function heldOutNames(names: readonly string[], share = 0.25): Set<string> {
  const hash = (n: string) => createHash('sha1').update(n).digest('hex');
  const byHash = [...names].sort((a, b) => (hash(a) < hash(b) ? -1 : hash(a) > hash(b) ? 1 : 0));
  return new Set(byHash.slice(0, Math.round(names.length * share)));
}
