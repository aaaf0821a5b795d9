/** Shapes of what the engine returns; the JSON contract (render/json) is a projection of these. */
import type { AnswerSpan } from './span/types.js';

export type { AnswerSpan } from './span/types.js';

/** The kind of question, read from its wording. */
export type QuestionKind = 'how-many' | 'who' | 'when' | 'where' | 'why' | 'what-said' | 'which' | 'what' | 'how' | 'yes-no' | 'other';

/** One place in the coverage that a fact is quoted from. */
export interface SourceRef {
  /** Path relative to the corpus folder. */
  file: string;
  /** Outlet name, or null when the article does not say it. */
  outlet: string | null;
  /** Publication date `yyyy-MM-dd`, or null. */
  published: string | null;
  /** 1-based paragraph of the article. */
  paragraph: number;
  /** The verbatim sentence from the file. */
  quote: string;
  title?: string | null;
  url?: string | null;
}

/** A verbatim statement with every place it is quoted from. */
export interface CitedFact {
  /** Verbatim sentence, or the verbatim part of it that answers; at most 600 characters. */
  text: string;
  sources: SourceRef[];
  /** The short answer: the part of `text` that answers (offsets into `text`); on the best fact of an answer. */
  span?: AnswerSpan;
}

/** Outlets giving different versions of the same thing. */
export interface Conflict {
  /** What the versions are about, e.g. "number of danes released". */
  about: string;
  claims: CitedFact[];
}

export interface Agreement {
  /** Outlets (or articles, where an outlet is unknown) that report the answer. */
  reporting: number;
  /** Outlets (or articles) in the corpus. */
  total: number;
  names: string[];
}

/**
 * How the engine stands on a question: it answers; it is not sure (the closest passages, not given as the
 * answer); or the coverage doesn't say.
 */
export type AnswerTier = 'answer' | 'not-sure' | 'not-covered';

export interface Answer {
  question: string;
  /** True only for the tier "answer". */
  answered: boolean;
  tier: AnswerTier;
  /** Short answer: the verbatim best sentence, or a plain "not found" message when abstaining. */
  answer: string;
  /** 0..1, calibrated on the question sets. */
  confidence: number;
  confidenceLabel: 'high' | 'medium' | 'low';
  kind: QuestionKind;
  /** facts[0] is the best answer; the others support it or are the closest facts when abstaining. */
  facts: CitedFact[];
  conflicts: Conflict[];
  agreement: Agreement;
  /** Time spent answering, in milliseconds (loading excluded). */
  ms: number;
  /**
   * A follow-up's question as the engine read it, with what it refers back to filled in from the earlier
   * turns ("how many of the 52 prisoners freed were Polish"); absent when the question was read as asked.
   */
  readAs?: string;
}

/** An earlier question of a conversation (a thread) and what was answered: the context of a follow-up. */
export interface EarlierTurn {
  /** The question as it was read (its `readAs` when it had one). */
  question: string;
  kind: QuestionKind;
  /** The short answer given (the best fact's span), or null. */
  answer: string | null;
  /** The verbatim sentence given first, or null when nothing was. */
  passage: string | null;
}
