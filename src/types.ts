/**
 * Plain data shared by every stage of the pipeline:
 * corpus (articles) → text (sentences) → facts → search → answer → render.
 * Everything here is serialisable so that an index can be saved and reloaded.
 */

/** How a metadata field was obtained, shown by `ask --report`. */
export type MetaSource = 'front-matter' | 'inferred';

/** Metadata of one article. A field stays undefined rather than being guessed. */
export interface ArticleMeta {
  title?: string;
  outlet?: string;
  author?: string;
  url?: string;
  /** Publication date as an ISO calendar date, `yyyy-MM-dd`. */
  published?: string;
  /** Place line such as "ISTANBUL" or "WASHINGTON (AP) —". */
  dateline?: string;
}

/** A line or block removed from an article because it is not reporting. */
export interface StrippedLine {
  text: string;
  /** Short reason, e.g. "subscription prompt", "photo caption", "repeated line". */
  reason: string;
}

/** One paragraph of kept reporting text, verbatim from the file. */
export interface Paragraph {
  /** 1-based position among the kept paragraphs of the article. */
  index: number;
  text: string;
}

/** One article after loading and cleaning. */
export interface Article {
  /** Position in the corpus, stable for one load. */
  id: number;
  /** Path relative to the corpus folder, with forward slashes. */
  file: string;
  meta: ArticleMeta;
  /** Where each present metadata field came from, and for inferred ones the text it was read from. */
  metaOrigin: Partial<Record<keyof ArticleMeta, { source: MetaSource; evidence?: string }>>;
  paragraphs: Paragraph[];
  stripped: StrippedLine[];
}

/** A problem met while loading a corpus; the rest still loads. */
export interface LoadProblem {
  file: string;
  /** A sentence a newsroom user can act on. */
  message: string;
}

export interface LoadResult {
  /** Absolute path of the corpus folder. */
  root: string;
  articles: Article[];
  problems: LoadProblem[];
}

/** A sentence, the unit every answer quotes. `text` is verbatim from the article file. */
export interface Sentence {
  /** Index into the corpus-wide sentence list. */
  id: number;
  articleId: number;
  /** 1-based paragraph index within the article. */
  paragraph: number;
  /** 0-based position of the sentence within its paragraph. */
  position: number;
  text: string;
}

/** A number mentioned in a sentence, with what it counts when that can be read. */
export interface NumberMention {
  /** The words as written: "52", "six", "1,300", "9.5 million". */
  raw: string;
  value: number;
  /** Head noun phrase the number counts ("prisoners", "political prisoners"), when there is one. */
  counts?: string;
  /** Qualifier written before it: "more than", "nearly", "about", "at least"… */
  qualifier?: string;
  /** Character offset of `raw` in the sentence. */
  start: number;
  /** The number is a year, a date part, an age, a percentage or money rather than a count. */
  kind: 'count' | 'year' | 'date' | 'percent' | 'money' | 'ordinal' | 'other';
  /** Written as a person's age ("52-year-old", "aged 52", "Smith, 52,"): only such a figure answers "how old". */
  age?: true;
  /**
   * Lemma of the verb that says what happened to what is counted: a participle inside the phrase
   * ("1,300 remaining prisoners" → "remain"), else the verb after it ("1,000 prisoners still remain"),
   * else the verb before it ("released 52 prisoners" → "release").
   */
  verb?: string;
}

/** Words attributed to a speaker. */
export interface QuoteMention {
  /** The quoted words, verbatim, without the quotation marks. */
  text: string;
  /** Speaker as written ("Mueller", "Mr Smith", "the official"), when it can be read. */
  speaker?: string;
  /** The verb that introduced it: said, posted, wrote, told… */
  verb?: string;
  /** A scare quote of one or two words ("hostages") or a title ("Face the Nation"), not a statement. */
  short?: boolean;
}

/** "according to X", "X said": who a claim is attributed to. */
export interface AttributionMention {
  source: string;
  cue: string;
}

/** A date expression resolved to the calendar. */
export interface DateMention {
  /** The words as written: "on Thursday", "last month", "September 8, 2025". */
  raw: string;
  /** Resolved start, `yyyy-MM-dd`. */
  date: string;
  /** Granularity of the resolution. */
  precision: 'day' | 'month' | 'year';
  /** How it was resolved, e.g. "Thursday before publication date 2025-09-12". */
  how: string;
  start: number;
  /** Last day, `yyyy-MM-dd`, when the expression names a span of days ("last week", "over the weekend"). */
  end?: string;
}

export type EntityKind = 'person' | 'place' | 'organisation' | 'other';

/** A name mentioned in a sentence. */
export interface EntityMention {
  /** As written: "José Müller", "Smith" (a title such as "Mr" is not part of it). */
  text: string;
  kind: EntityKind;
  /** Key of the group of spelling variants this name belongs to (see facts/names). */
  key: string;
  start: number;
  /**
   * The kind its own sentence gave, when grouping put another in `kind` (an 'other' taking its group's):
   * what an article's analysis is taken back to when its corpus is assembled again.
   */
  ownKind?: EntityKind;
}

/** What one sentence carries, beyond its words. */
export interface SentenceFacts {
  sentenceId: number;
  numbers: NumberMention[];
  quotes: QuoteMention[];
  attributions: AttributionMention[];
  dates: DateMention[];
  entities: EntityMention[];
}

/** A group of spelling variants of one name across the corpus. */
export interface NameGroup {
  key: string;
  /** The most frequent spelling, used for display. */
  display: string;
  kind: EntityKind;
  variants: string[];
  /** Sentence ids that mention any variant. */
  sentences: number[];
}
