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
