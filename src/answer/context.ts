/**
 * What answering needs besides the question, made once per engine (Engine.load) and passed down: the
 * indexed corpus and the lookups of its names, the word vectors (the one place the answer core gets them from), and the scratch space
 * reused from question to question. Nothing in the answer path keeps state in module variables.
 */
import type { Knowledge } from '../search/knowledge.js';
import { NameIndex } from '../facts/names/index.js';
import { FirstStageScratch } from '../search/firstStage.js';
import { wordVectors, type WordVectors } from '../text/embeddings.js';
import { TermMarks } from './coverage.js';
import { QueryScratch } from './query.js';
import { RememberedVectors } from './rememberedVectors.js';

/** Scratch space of one corpus: reused, never shared between engines, and never part of a result. */
export class AnswerScratch {
  readonly firstStage = new FirstStageScratch();
  readonly query = new QueryScratch();
  /** Word vectors that remember the similarities the ranker asked for. */
  readonly remembered: RememberedVectors | null;
  private termMarks: TermMarks | null = null;
  private termSlots: Int32Array | null = null;

  constructor(
    private readonly k: Knowledge,
    vectors: WordVectors | null,
  ) {
    this.remembered = vectors && new RememberedVectors(vectors);
  }

  /** A set of term ids over the vocabulary. */
  get marks(): TermMarks {
    return (this.termMarks ??= new TermMarks(this.k.vocabulary.size));
  }

  /** Scratch by term id, all 0 between uses (QueryPlan.countsIn). */
  get slots(): Int32Array {
    return (this.termSlots ??= new Int32Array(this.k.vocabulary.size));
  }
}

export interface AnswerContext {
  readonly knowledge: Knowledge;
  /** The lookups of the corpus's names (questions, autocomplete, listings by speaker). */
  readonly names: NameIndex;
  readonly vectors: WordVectors | null;
  readonly scratch: AnswerScratch;
}

/** The word vectors, or null where they cannot be loaded (the ranker then works on exact matches). */
export function vectorsOrNull(): WordVectors | null {
  try {
    return wordVectors();
  } catch {
    return null;
  }
}

/** A context for a corpus; without `vectors`, the shared word vectors when they load. */
export function answerContext(knowledge: Knowledge, vectors: WordVectors | null = vectorsOrNull()): AnswerContext {
  return { knowledge, names: new NameIndex(knowledge.groups), vectors, scratch: new AnswerScratch(knowledge, vectors) };
}
