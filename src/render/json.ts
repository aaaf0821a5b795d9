/**
 * The JSON contract of `ask --json`: exactly the fields the question sets are scored on, in a stable order.
 * `{ question, answered, answer, confidence, ms, facts: [ { text, sources: [ { file, outlet, published,
 * paragraph, quote } ] } ], conflicts: [ { about, claims: [ { text, sources } ] } ] }`
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
}

export interface JsonAnswer {
  question: string;
  answered: boolean;
  answer: string;
  confidence: number;
  ms: number;
  facts: JsonFact[];
  conflicts: Array<{ about: string; claims: JsonFact[] }>;
}

const source = (s: SourceRef): JsonSource => ({ file: s.file, outlet: s.outlet, published: s.published, paragraph: s.paragraph, quote: s.quote });
const fact = (f: CitedFact): JsonFact => ({ text: f.text, sources: f.sources.map(source) });

/** The contract object for one answer. */
export function toJson(a: Answer): JsonAnswer {
  return {
    question: a.question,
    answered: a.answered,
    answer: a.answer,
    confidence: a.confidence,
    ms: a.ms,
    facts: a.facts.map(fact),
    conflicts: a.conflicts.map((c) => ({ about: c.about, claims: c.claims.map(fact) })),
  };
}

/** One line of JSON for one answer. */
export function jsonLine(a: Answer): string {
  return JSON.stringify(toJson(a));
}
