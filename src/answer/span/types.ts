/** Plain data of the short answer: what it is given (a sentence's analysis) and what it gives (a span). */
import type { Token, EntitySpan } from '../../text/analyse.js';
import type { DateMention, EntityMention, NumberMention, QuoteMention } from '../../types.js';

/** What the engine knows of one sentence: its wink analysis and its extracted facts, offsets into `text`. */
export interface SentenceView {
  text: string;
  tokens: Token[];
  /** wink's own entities (DATE, CARDINAL, MONEY…). */
  wink: EntitySpan[];
  entities: EntityMention[];
  numbers: NumberMention[];
  dates: DateMention[];
  quotes: QuoteMention[];
}

/** What a short answer is. */
export type SpanKind =
  | 'count' | 'money' | 'percent' | 'number' | 'date' | 'year' | 'time' | 'duration' | 'ordinal'
  | 'person' | 'place' | 'organisation' | 'name' | 'quote' | 'reason' | 'description' | 'phrase';

/** The part of a sentence that answers the question: `sentence.slice(start, end) === text`. */
export interface AnswerSpan {
  text: string;
  start: number;
  end: number;
  kind: SpanKind;
  /** Normalised value: a number for counts, sums and percentages, an ISO date for dates, else the text. */
  value: number | string;
  /** How a date was resolved ("Thursday before publication date 2025-09-12"), for dates. */
  how?: string;
}
