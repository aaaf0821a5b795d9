/**
 * The JSON contract of `ask --json`: exactly the fields the question sets are scored on, in a stable order.
 * `{ question, answered, tier, answer, confidence, ms, facts: [ { text, span?, sources: [ { file, outlet, published,
 * paragraph, quote } ] } ], conflicts: [ { about, claims: [ { text, sources } ] } ], readAs? }`; facts[0] of an answer
 * carries `span = { text, start, end, kind, value, how? }`, the part of its text that answers (`how`: how a
 * worked-out date was read, e.g. a weekday before publication). `tier` is "answer",
 * "not-sure" (facts are the closest passages, not an answer) or "not-covered"; `answered` is true only for "answer".
 * `readAs`, only on a follow-up read with earlier questions, is the question as the engine read it.
 */
import type { Answer, CitedFact, SourceRef } from '../answer/types.js';

export interface JsonSource {
  file: string;
  outlet: string | null;
  published: string | null;
  paragraph: number;
  quote: string;
}

export interface JsonFact {
  text: string;
  sources: JsonSource[];
  /** The short answer, `text.slice(start, end) === text`; value a number, an ISO date or the text. */
  span?: { text: string; start: number; end: number; kind: string; value: number | string; how?: string };
}

export interface JsonAnswer {
  question: string;
  answered: boolean;
  tier: Answer['tier'];
  answer: string;
  confidence: number;
  ms: number;
  facts: JsonFact[];
  conflicts: Array<{ about: string; claims: JsonFact[] }>;
  /** A follow-up's question as read with the earlier ones; absent when it was read as asked. */
  readAs?: string;
}

const source = (s: SourceRef): JsonSource => ({ file: s.file, outlet: s.outlet, published: s.published, paragraph: s.paragraph, quote: s.quote });
const fact = (f: CitedFact): JsonFact => ({
  text: f.text,
  sources: f.sources.map(source),
  ...(f.span ? { span: { text: f.span.text, start: f.span.start, end: f.span.end, kind: f.span.kind, value: f.span.value, ...(f.span.how ? { how: f.span.how } : {}) } } : {}),
});

/** The contract object for one answer. */
export function toJson(a: Answer): JsonAnswer {
  return {
    question: a.question,
    answered: a.answered,
    tier: a.tier,
    answer: a.answer,
    confidence: a.confidence,
    ms: a.ms,
    facts: a.facts.map(fact),
    conflicts: a.conflicts.map((c) => ({ about: c.about, claims: c.claims.map(fact) })),
    ...(a.readAs ? { readAs: a.readAs } : {}),
  };
}

/** One line of JSON for one answer. */
export function jsonLine(a: Answer): string {
  return JSON.stringify(toJson(a));
}
