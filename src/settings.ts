/**
 * Every tuning knob of the answer core, in one frozen object, each with what it trades. Hand-set values
 * live here; weights learned from question sets live in `data/` (see `src/answer/models.ts`). The module
 * imports nothing, so that every layer (search, answer, listings) can read it.
 */

/** BM25 parameters: `k1` how fast repeated terms saturate, `b` how much longer units are penalised. */
export interface Bm25Params {
  k1: number;
  b: number;
}

type DeepReadonly<T> = { readonly [K in keyof T]: T[K] extends object ? DeepReadonly<T[K]> : T[K] };

function deepFreeze<T extends object>(o: T): DeepReadonly<T> {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(o) as DeepReadonly<T>;
}

export const SETTINGS = deepFreeze({
  /** The first stage: BM25 over sentences and paragraphs, picking the candidates the ranker re-scores. */
  search: {
    /** Sentences are short, so length normalisation is kept mild: a higher `b` favours short sentences more. */
    sentenceBm25: { k1: 1.2, b: 0.5 } as Bm25Params,
    paragraphBm25: { k1: 1.2, b: 0.75 } as Bm25Params,
    /** Share of the paragraph's score added to each of its sentences: higher finds answers whose paragraph, not sentence, matches, at the cost of precise sentences. */
    paragraph: 0.35,
    /** Share of the better neighbouring sentence's score: context carried across a sentence break. */
    neighbour: 0.1,
    /**
     * Least share of the best score a sentence needs to be looked at in the first pass (below it every
     * sentence is looked at). Speed only: the result is the same, a higher share skips more sentences and
     * more often needs a second pass.
     */
    promise: 0.25,
    /** Sentences per block of the first stage, at least (128 KB of scores): memory against passes. */
    blockSentences: 16_384,
  },

  /** From the question's words to the weighted terms the index is asked for. */
  query: {
    /** Fuzzy vocabulary lookup (fuse.js) for words the corpus never uses: typos against false friends. */
    fuzzy: {
      /** fuse.js threshold: higher corrects more typos and mistakes more words for others. */
      threshold: 0.3,
      /** Weight of a fuzzy expansion relative to an exact term. */
      weight: 0.8,
      /** Shortest word looked up fuzzily: short words have too many near neighbours. */
      minLength: 4,
    },
    /** Weight of a WordNet synonym ("freed" for "released") relative to the word itself. */
    synonymWeight: 0.75,
    /** Weight of another word of the same country family ("Polish" or "Poland" for "Poles"). */
    familyWeight: 0.75,
    /** Expansion by meaning (word vectors): recall against drift. */
    meaning: {
      /** Least similarity for a corpus word to stand in for a question word. */
      minSimilarity: 0.6,
      /** At most this many stand-ins per question word. */
      expansions: 3,
      /** Weight of a stand-in, times its similarity. */
      weight: 0.4,
    },
  },

  /** The second stage: re-scoring candidates with the features (weights learned, in data/rank-model.json). */
  rank: {
    /**
     * How many first-stage candidates are re-scored with the full features and considered for agreement
     * across outlets: more finds answers the first stage ranks low, and costs time per question.
     */
    pool: 60,
    /**
     * Word-vector similarity from which a word counts as partly present ("soft" coverage): credit rises
     * linearly from 0 here to 1 at similarity 1. Lower lets looser relatives count.
     */
    softFrom: 0.4,
    /** How close a WordNet synonym counts, on the word-vector scale. */
    synonymSimilarity: 0.85,
    /** How many sentences back a "he"/"she" may find the person it stands for. */
    pronounReach: 4,
    /** Remembered word similarities per engine before the memo starts again: memory against time. */
    similarityMemo: 100_000,
  },

  /** Whether and how to answer. */
  answer: {
    /** Longest question accepted, in characters. */
    maxQuestionChars: 1000,
    /** How many closest facts are shown when abstaining. */
    closest: 3,
    /** Facts shown with an answer, at most (the answer's own included). */
    facts: 4,
    /** Other candidates are shown beside the answer from this share of its score: lower shows more, less related. */
    alsoShownFrom: 0.6,
  },

  /** The confidence (a logistic model learned in data/confidence-model.json) and what it is called. */
  confidence: {
    /** Below this the engine abstains and shows the closest facts: lower answers more, and more wrongly. */
    abstainBelow: 0.08,
    /**
     * Below the answer, from here the engine says "not sure" and shows the closest passages; lower still it
     * says the coverage doesn't say: higher calls more near misses "not covered".
     */
    notSureFrom: 0.03,
    /** From here a confidence is labelled high… */
    high: 0.7,
    /** …and from here medium (low below). */
    medium: 0.45,
  },

  /** Across outlets: the same statement, or a rival version of the same thing. */
  agreement: {
    /** IDF-weighted share of the lighter sentence's terms that two sentences must share to say the same thing. */
    sameStatement: 0.5,
    /** A rival version must come from a sentence that covers the question about as well as the answer… */
    rivalCoverage: 0.45,
    /** …and that is about the same event (shared weighted terms). */
    rivalOverlap: 0.2,
    /** Word-vector similarity at which two nouns or verbs are taken for the same thing. */
    sameMeaning: 0.75,
  },

  /** Listings (facts about a name, quotes, timeline). */
  listings: {
    /** Overlap at which a sentence about a name is one more source of an earlier one rather than a fact of its own. */
    sameFact: 0.6,
    /** Overlap at which two sentences with the same date are one event of the timeline. */
    sameEvent: 0.5,
    /** A quote longer than this (normalised characters) that contains another, or is contained in it, is the same quote. */
    quoteContainment: 30,
  },
  /** Reading a follow-up against a thread's earlier turns (answer/followUp.ts). */
  followUp: {
    /** An elided question ("And the Germans?") has at most this many words after "and" / "what about". */
    elidedMaxWords: 6,
    /** Least word-vector similarity for a word of the earlier question to be the one a fragment replaces. */
    replaceSimilarity: 0.3,
    /** Earlier turns searched for what a pronoun stands for, newest first. */
    turnsSearched: 3,
  },
});

/** Credit for a word present at `similarity` (0 below {@link SETTINGS.rank.softFrom}, 1 for the word itself). */
export function softCredit(similarity: number): number {
  const from = SETTINGS.rank.softFrom;
  return similarity > from ? (similarity - from) / (1 - from) : 0;
}
