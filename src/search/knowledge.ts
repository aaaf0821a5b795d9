/**
 * The searchable form of a corpus: every kept paragraph split into verbatim sentences, each with its
 * index terms and the facts it carries, and two BM25 indexes — one over sentences (what answers) and
 * one over paragraphs (what the surrounding passage is about).
 *
 * Indexing runs in two steps so that the costly one can be saved and reused per file:
 * {@link analyseArticle} (articleAnalysis.ts) reads one article on its own (sentences, terms, facts) and gives plain data;
 * {@link assembleKnowledge} numbers the sentences corpus-wide, groups the names and builds the indexes.
 * What it builds is typed arrays and packed strings ({@link KnowledgeParts}), saved whole with the index
 * and taken back by {@link knowledgeFromParts} when no file changed; sentence texts and facts stay packed
 * and are decoded when a question reads them.
 */
import { NameIndex, NameTally } from '../facts/names/index.js';
import { Bm25Index, PARAGRAPH_BM25, SENTENCE_BM25, type Bm25Parts } from './bm25.js';
import { encodeFacts, FactStore, withEntities, type LocalFacts } from './factStore.js';
import { IntList } from './intList.js';
import { MentionList } from './mentionList.js';
import { jsonSafe } from '../bytes/jsonSafe.js';
import { PackedStrings, PackedStringsBuilder } from './packedStrings.js';
import { TermDictionary } from './terms.js';
import { analyseArticle, noFacts, type ArticleAnalysis, type ArticleFactExtractor } from './articleAnalysis.js';
import type { Article, EntityMention, NameGroup, Sentence } from '../types.js';
import { runSteps } from './steps.js';

export interface SentenceRecord extends Sentence {
  /** Global paragraph id (index into Knowledge.paragraphs). */
  paragraphId: number;
  /**
   * Index terms, in order, with repeats. Built from the packed term ids on every read: code that runs
   * per question reads {@link Knowledge.sentenceTerms} instead.
   */
  readonly terms: string[];
}

export interface ParagraphRecord {
  id: number;
  articleId: number;
  /** 1-based paragraph index within the article. */
  index: number;
  sentenceIds: number[];
}

/** The index terms of every sentence as term ids, packed: sentence s holds `ids[starts[s] .. starts[s + 1])`. */
export interface PackedTerms {
  starts: Int32Array;
  ids: Int32Array;
}

export interface Knowledge {
  articles: Article[];
  sentences: SentenceRecord[];
  paragraphs: ParagraphRecord[];
  /** Facts of each sentence, by sentence id, decoded when asked for. */
  facts: FactStore;
  /** Every index term with its id (shared by both indexes, by sentenceTerms and by the ranker). */
  vocabulary: TermDictionary;
  /** Index terms of each sentence as ids, in order, with repeats. */
  sentenceTerms: PackedTerms;
  /** Paragraph id of each sentence (as SentenceRecord.paragraphId, in a typed array for the first stage). */
  sentenceParagraphs: Int32Array;
  /** Each sentence's wink analysis in compact form (see tokens.ts); '' where it must be analysed again. */
  sentenceTokens: PackedStrings;
  sentenceIndex: Bm25Index;
  paragraphIndex: Bm25Index;
  /** First sentence id of each article and one past its last (sentences of an article are contiguous). */
  articleSentences: Array<[number, number]>;
  /** For each index term, its most frequent written form (lower case), to look the word up in word vectors. */
  surface: Map<string, string>;
  /** Article titles as terms, by article id (a question naming the topic of an article). */
  titleTerms: string[][];
  /** Spelling variants of each name across the corpus, most mentioned first (the keys of the facts' entities). */
  groups: NameGroup[];
  /** What all this was made from, to be saved (see {@link knowledgeFromParts}). */
  parts: KnowledgeParts;
}

export type { LocalFacts };
export { analyseArticle, type ArticleAnalysis, type ArticleFactExtractor } from './articleAnalysis.js';

/**
 * The arrays a {@link Knowledge} is made from — everything the corpus-wide indexing computes, in typed
 * arrays and plain data — so that a start from the saved index reads them instead of indexing again
 * (see cache/knowledgeSnapshot.ts). Sentence and paragraph records are made from them.
 */
export interface KnowledgeParts {
  vocabulary: readonly string[];
  sentenceTerms: PackedTerms;
  sentenceParagraphs: Int32Array;
  /** Article id and 1-based index within the article of each paragraph. */
  paragraphArticles: Int32Array;
  paragraphNumbers: Int32Array;
  /** `[first, end)` sentence ids of article a at `2a`, `2a + 1`. */
  articleSentences: Int32Array;
  sentenceTexts: PackedStrings;
  sentenceTokens: PackedStrings;
  facts: FactStore;
  sentenceIndex: Bm25Parts;
  paragraphIndex: Bm25Parts;
  surface: Array<[string, string]>;
  titleTerms: string[][];
  groups: NameGroup[];
}

/** Sentence records reading their text and terms from the packed arrays of one corpus (no strings kept per sentence). */
function sentenceRecordClass(vocabulary: TermDictionary, packed: PackedTerms, texts: PackedStrings) {
  return class implements SentenceRecord {
    constructor(
      public id: number,
      public articleId: number,
      public paragraph: number,
      public position: number,
      public paragraphId: number,
    ) {}

    get text(): string {
      return texts.get(this.id);
    }

    get terms(): string[] {
      const out: string[] = [];
      for (let i = packed.starts[this.id]!, end = packed.starts[this.id + 1]!; i < end; i++) out.push(vocabulary.term(packed.ids[i]!));
      return out;
    }
  };
}

/** The knowledge of `articles` (ids as given) from parts computed before. @throws when the parts do not fit together */
export function knowledgeFromParts(articles: Article[], parts: KnowledgeParts): Knowledge {
  return runSteps(knowledgeFromPartsInSteps(articles, parts));
}

/** Sentence records made between two steps of {@link knowledgeFromPartsInSteps}. */
const RECORDS_PER_STEP = 20_000;

/**
 * {@link knowledgeFromParts} in steps of {@link RECORDS_PER_STEP} sentence records: an engine in service
 * extended with a new article (appendKnowledge.ts) makes the records of the whole corpus again, which at
 * 3,000 articles held the questions asked meanwhile for a tenth of a second.
 */
export function* knowledgeFromPartsInSteps(articles: Article[], parts: KnowledgeParts): Generator<void, Knowledge, void> {
  const vocabulary = TermDictionary.of(parts.vocabulary);
  const { sentenceTerms, sentenceParagraphs, paragraphArticles, paragraphNumbers } = parts;
  const sentenceCount = sentenceParagraphs.length;
  const paragraphCount = paragraphArticles.length;
  if (
    sentenceTerms.starts.length !== sentenceCount + 1 ||
    parts.sentenceTexts.size !== sentenceCount ||
    parts.sentenceTokens.size !== sentenceCount ||
    parts.facts.size !== sentenceCount ||
    paragraphNumbers.length !== paragraphCount ||
    parts.articleSentences.length !== 2 * articles.length ||
    parts.sentenceIndex.units !== sentenceCount ||
    parts.paragraphIndex.units !== paragraphCount
  )
    throw new Error('the parts of the index do not fit together');
  const SentenceRow = sentenceRecordClass(vocabulary, sentenceTerms, parts.sentenceTexts);
  const paragraphs: ParagraphRecord[] = new Array(paragraphCount);
  for (let p = 0; p < paragraphCount; p++) paragraphs[p] = { id: p, articleId: paragraphArticles[p]!, index: paragraphNumbers[p]!, sentenceIds: [] };
  const sentences: SentenceRecord[] = new Array(sentenceCount);
  for (let id = 0; id < sentenceCount; id++) {
    if (id % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
    const p = paragraphs[sentenceParagraphs[id]!];
    if (!p) throw new Error('a sentence of the index is in no paragraph');
    sentences[id] = new SentenceRow(id, p.articleId, p.index, p.sentenceIds.length, p.id);
    p.sentenceIds.push(id);
  }
  const articleSentences: Array<[number, number]> = [];
  for (const a of articles) articleSentences[a.id] = [parts.articleSentences[2 * a.id]!, parts.articleSentences[2 * a.id + 1]!];
  return {
    articles,
    sentences,
    paragraphs,
    facts: parts.facts,
    vocabulary,
    sentenceTerms,
    sentenceParagraphs,
    sentenceTokens: parts.sentenceTokens,
    sentenceIndex: new Bm25Index(SENTENCE_BM25, vocabulary, parts.sentenceIndex),
    paragraphIndex: new Bm25Index(PARAGRAPH_BM25, vocabulary, parts.paragraphIndex),
    titleTerms: parts.titleTerms,
    articleSentences,
    surface: new Map(parts.surface),
    groups: parts.groups,
    parts,
  };
}

/**
 * Numbers the sentences and paragraphs of analysed articles corpus-wide, groups the names and builds
 * the indexes, taking the articles one at a time, in id order: an article's analysis is not needed once
 * it has been added, so a caller can decode analyses one by one instead of holding a whole corpus of
 * them (at 30,000 articles, gigabytes of small objects). What it builds does not depend on how the
 * articles were handed over ({@link assembleKnowledge} gives them all at once).
 */
export class KnowledgeAssembler {
  private readonly vocabulary = new TermDictionary();
  private readonly sentenceStarts = new IntList(1 << 16);
  private readonly termIds = new IntList(1 << 20);
  private readonly sentenceParagraphs = new IntList(1 << 16);
  private readonly paragraphArticles = new IntList(1 << 12);
  private readonly paragraphNumbers = new IntList(1 << 12);
  // a paragraph's terms are its sentences', contiguous in the packed array: paragraph p holds
  // termIds[paragraphStarts[p] .. paragraphStarts[p + 1])
  private readonly paragraphStarts = new IntList(1 << 12);
  private readonly articleSentences: number[] = [];
  private readonly texts = new PackedStringsBuilder(1 << 16, 160 << 16);
  private readonly tokens = new PackedStringsBuilder(1 << 16, 120 << 16);
  /** Each sentence's facts encoded without their names, which get their keys once all are known. */
  private readonly factsWithoutNames = new PackedStringsBuilder(1 << 16, 64 << 16);
  private readonly factCounts = new IntList(1 << 16);
  /** Sentence s's names are mentions.slice(mentionStarts[s], mentionStarts[s + 1]), or looseNames.get(s). */
  private readonly mentionStarts = new IntList(1 << 16);
  private mentions = new MentionList();
  /** Names of sentences that MentionList cannot rebuild exactly (none that extractEntities writes). */
  private looseNames = new Map<number, EntityMention[]>();
  /** Every mention counted by written form, to group the names once all are read. */
  private names = new NameTally();
  private unusualFacts = new Map<number, LocalFacts>();
  private readonly titleTerms: string[][] = [];
  private readonly forms = new Map<string, Map<string, number>>();
  private sentenceId = 0;
  private paragraphId = 0;

  /** Articles added so far (the id the next one must have). */
  get added(): number {
    return this.titleTerms.length;
  }

  /** Adds the next article (ids 0, 1, 2… in turn) with its analysis. @throws on an article out of turn */
  add(article: Article, analysis: ArticleAnalysis): void {
    if (article.id !== this.titleTerms.length) throw new Error('article ids must be 0 .. articles - 1, added in order');
    const firstOfArticle = this.sentenceId;
    this.titleTerms.push(analysis.titleTerms);
    for (const [term, form, n] of analysis.forms) {
      let f = this.forms.get(term);
      if (!f) this.forms.set(term, (f = new Map()));
      f.set(form, (f.get(form) ?? 0) + n);
    }
    for (const para of analysis.paragraphs) {
      this.paragraphArticles.push(article.id);
      this.paragraphNumbers.push(para.index);
      this.paragraphStarts.push(this.termIds.length);
      for (const s of para.sentences) {
        const local = this.sentenceId - firstOfArticle;
        this.sentenceStarts.push(this.termIds.length);
        for (const t of s.terms) this.termIds.push(this.vocabulary.id(t));
        this.sentenceParagraphs.push(this.paragraphId);
        this.texts.push(s.text);
        this.tokens.push(analysis.tokens?.[local] ?? '');
        const f = analysis.facts[local] ?? NO_FACTS;
        const code = encodeFacts(f.entities.length ? { ...f, entities: [] } : f);
        this.factsWithoutNames.push(code);
        // facts JSON cannot hold (rare) are encoded whole at the end, from the objects, as they always were
        if (f.entities.length && (code[0] === 'V' || !jsonSafe(f.entities))) this.unusualFacts.set(this.sentenceId, f);
        this.factCounts.push(f.numbers.length + f.quotes.length + f.attributions.length + f.dates.length);
        this.mentionStarts.push(this.mentions.length);
        if (f.entities.length) {
          for (const mention of f.entities) this.names.add(this.sentenceId, mention);
          if (!this.mentions.push(f.entities)) this.looseNames.set(this.sentenceId, f.entities);
        }
        this.sentenceId++;
      }
      this.paragraphId++;
    }
    this.articleSentences.push(firstOfArticle, this.sentenceId);
  }

  /** The knowledge of `articles` (the articles added, in any order); the assembler is not to be used after. */
  finish(articles: Article[]): Knowledge {
    if (articles.length !== this.titleTerms.length) throw new Error('the articles are not those added');
    const sentenceCount = this.sentenceId;
    this.sentenceStarts.push(this.termIds.length);
    this.paragraphStarts.push(this.termIds.length);
    this.mentionStarts.push(this.mentions.length);
    const sentenceTerms: PackedTerms = { starts: this.sentenceStarts.take(), ids: this.termIds.take() };
    const paragraphStarts = this.paragraphStarts.take();
    // every spelling of one name gets the key of its group, across the corpus
    const groups = this.names.groups();
    const nameIndex = new NameIndex(groups);
    this.names = new NameTally();
    const withoutNames = this.factsWithoutNames.build();
    const mentionStarts = this.mentionStarts.take();
    const codes = new PackedStringsBuilder(sentenceCount, withoutNames.bytes.length + 64 * this.mentions.length);
    for (let id = 0; id < sentenceCount; id++) {
      const from = mentionStarts[id]!;
      const to = mentionStarts[id + 1]!;
      const code = withoutNames.get(id);
      const loose = this.looseNames.get(id);
      if (from === to && !loose) codes.push(code);
      else {
        const names = loose ?? this.mentions.slice(from, to);
        const keyed = nameIndex.withGroupKeys(names);
        const unusual = this.unusualFacts.get(id);
        codes.push(unusual ? encodeFacts({ ...unusual, entities: keyed }) : withEntities(code, keyed));
      }
    }
    // the assembler may outlive this call (its caller saves the index next): what only it needed goes
    this.mentions = new MentionList();
    this.looseNames = new Map();
    this.unusualFacts = new Map();
    const facts = new FactStore(codes.build(), Uint32Array.from(this.factCounts.take()));
    const surface: Array<[string, string]> = [];
    for (const [term, f] of this.forms) surface.push([term, [...f].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]]);
    this.forms.clear();
    const sentenceIndex = new Bm25Index(SENTENCE_BM25, this.vocabulary, sentenceTerms.starts, sentenceTerms.ids);
    const paragraphIndex = new Bm25Index(PARAGRAPH_BM25, this.vocabulary, paragraphStarts, sentenceTerms.ids);
    return knowledgeFromParts(articles, {
      vocabulary: this.vocabulary.terms(),
      sentenceTerms,
      sentenceParagraphs: this.sentenceParagraphs.take(),
      paragraphArticles: this.paragraphArticles.take(),
      paragraphNumbers: this.paragraphNumbers.take(),
      articleSentences: Int32Array.from(this.articleSentences),
      sentenceTexts: this.texts.build(),
      sentenceTokens: this.tokens.build(),
      facts,
      sentenceIndex: sentenceIndex.parts(),
      paragraphIndex: paragraphIndex.parts(),
      surface,
      titleTerms: this.titleTerms,
      groups,
    });
  }
}

/**
 * Numbers the sentences and paragraphs of analysed articles corpus-wide, groups the names and builds
 * the indexes. `analyses[i]` must be the analysis of `articles[i]`; articles keep the ids they were given.
 */
export function assembleKnowledge(articles: Article[], analyses: readonly ArticleAnalysis[]): Knowledge {
  articles.forEach((article) => {
    if (article.id < 0 || article.id >= articles.length) throw new Error('article ids must be 0 .. articles - 1');
  });
  // the assembler takes articles in id order
  const order = articles.map((_, i) => i).sort((a, b) => articles[a]!.id - articles[b]!.id);
  const assembler = new KnowledgeAssembler();
  for (const i of order) assembler.add(articles[i]!, analyses[i]!);
  return assembler.finish(articles);
}

const NO_FACTS: LocalFacts = Object.freeze({ numbers: [], quotes: [], attributions: [], dates: [], entities: [] });

/** Builds sentences, facts and indexes for a list of articles. */
export function buildKnowledge(articles: Article[], extract: ArticleFactExtractor = noFacts): Knowledge {
  return assembleKnowledge(
    articles,
    articles.map((a) => analyseArticle(a, extract)),
  );
}
