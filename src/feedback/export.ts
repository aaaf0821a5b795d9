/**
 * Feedback as training data: one JSON line per rated answer whose votes say whether its passage was the
 * right one, in the shape of the development scripts' question sets (id, corpus, q, answers), so that
 * `scripts/train-ranker.ts --extra FILE` reads it as more labelled questions. Pure: the CLI reads the
 * store and writes the lines.
 *
 * The ranker learns which sentence answers a question, so a vote counts for the passage given:
 *   👍, and 👎 "right passage, wrong part"      → the passage is right  (the short answer may not be)
 *   👎 "wrong answer", "the coverage has it elsewhere" → the passage is wrong
 *   👎 with no reason                           → not counted (it may be either)
 * The side with more votes labels the line; a tie, or no counted vote, exports nothing.
 */
import type { CitedPlace, FeedbackEntry } from '../store/types.js';

export interface VoteCounts {
  up: number;
  wrongPart: number;
  wrongAnswer: number;
  elsewhere: number;
  /** 👎 without a reason. */
  unexplained: number;
}

/** One line of the export. `answers` (a right passage) or `wrong` (a wrong one) is set, never both. */
export interface FeedbackLine {
  /** `fb-` and the answer's id. */
  id: string;
  /** The story id: the story's folder name under STORIES_DIR (or CORPUS_DIR's folder name). */
  corpus: string;
  q: string;
  /** The verbatim passage the votes call right: a sentence holding it answers the question. */
  answers?: string[];
  /** The verbatim passage the votes call wrong. */
  wrong?: string[];
  label: 'right-passage' | 'wrong-passage';
  /** The short answer given, and how the engine stood (answer, not-sure, not-covered). */
  span: string | null;
  tier: string;
  sources: CitedPlace[];
  votes: VoteCounts;
  /** Notes people typed with a 👎 (free text, no user ids). */
  notes: string[];
  /** ISO time of the latest vote. */
  at: string;
}

export interface ExportResult {
  lines: FeedbackLine[];
  /** Rated answers left out: votes tied or unexplained, or no passage given. */
  skipped: number;
}

/** The labelled questions in a set of votes (any order); lines newest vote first. */
export function feedbackLines(entries: readonly FeedbackEntry[]): ExportResult {
  const byAnswer = new Map<string, FeedbackEntry[]>();
  for (const e of entries) byAnswer.set(e.answerId, [...(byAnswer.get(e.answerId) ?? []), e]);
  const lines: FeedbackLine[] = [];
  let skipped = 0;
  for (const votes of byAnswer.values()) {
    const { answer } = votes[0]!;
    const votesOf = (test: (e: FeedbackEntry) => boolean): number => votes.filter(test).length;
    const counts: VoteCounts = {
      up: votesOf((e) => e.vote === 'up'),
      wrongPart: votesOf((e) => e.vote === 'down' && e.reason === 'wrong-part'),
      wrongAnswer: votesOf((e) => e.vote === 'down' && e.reason === 'wrong-answer'),
      elsewhere: votesOf((e) => e.vote === 'down' && e.reason === 'elsewhere'),
      unexplained: votesOf((e) => e.vote === 'down' && e.reason === null),
    };
    const right = counts.up + counts.wrongPart;
    const wrong = counts.wrongAnswer + counts.elsewhere;
    if (!answer.passage || right === wrong) {
      skipped++;
      continue;
    }
    const label = right > wrong ? 'right-passage' : 'wrong-passage';
    lines.push({
      id: `fb-${answer.id}`,
      corpus: answer.storyId,
      q: answer.question,
      ...(label === 'right-passage' ? { answers: [answer.passage] } : { wrong: [answer.passage] }),
      label,
      span: answer.span,
      tier: answer.tier,
      sources: answer.sources,
      votes: counts,
      notes: votes.flatMap((v) => (v.note ? [v.note] : [])),
      at: votes.map((v) => v.at).reduce((a, b) => (a > b ? a : b)),
    });
  }
  lines.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { lines, skipped };
}

/** The lines as JSONL text (one object per line, ending in a newline when there is any). */
export function jsonl(lines: readonly FeedbackLine[]): string {
  return lines.map((l) => `${JSON.stringify(l)}\n`).join('');
}
