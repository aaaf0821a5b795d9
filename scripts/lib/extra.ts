/**
 * Extra labelled questions for the trainers: the JSONL `npm run feedback -- --export` writes (format in
 * src/feedback/export.ts and the README). A line whose votes name the right passage has `answers`, as a
 * SQuAD question has, and is read as one; a line that only names a wrong passage cannot tell the ranker
 * which sentence to prefer, so it is counted and left out.
 */
import { readFileSync } from 'node:fs';
import type { EvalQuestion } from './eval.js';

export interface ExtraQuestions {
  /** Questions with a corpus (story id) and at least one answer string. */
  usable: EvalQuestion[];
  /** Lines with no right passage (only a wrong one), or without a question or story. */
  unusable: number;
}

export function readExtraQuestions(file: string): ExtraQuestions {
  const usable: EvalQuestion[] = [];
  let unusable = 0;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${i + 1} is not JSON`);
      }
      const q = parsed as Partial<EvalQuestion>;
      const answers = Array.isArray(q.answers) ? q.answers.filter((a): a is string => typeof a === 'string' && a.trim() !== '') : [];
      if (typeof q.q !== 'string' || typeof q.corpus !== 'string' || answers.length === 0) {
        unusable++;
        return;
      }
      usable.push({ ...(typeof q.id === 'string' ? { id: q.id } : {}), q: q.q, corpus: q.corpus, answers });
    });
  return { usable, unusable };
}
