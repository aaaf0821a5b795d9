/**
 * Adding articles to a built {@link Knowledge} without assembling the whole corpus again: what a live
 * story needs when a reporter drops one more article into a folder of thousands. The new articles are
 * assembled on their own (as a load of just them would), then joined to the old parts: their sentences,
 * paragraphs and term ids continue the old numbering, their terms extend the vocabulary, each term's new
 * postings go after its old ones in both BM25 indexes (bm25Append.ts), and their names join the old groups.
 *
 * What differs from assembling everything again, and why it is acceptable until the next full load (the
 * "merge" of the saved index, see cache/indexCache.ts):
 * - the new articles take the ids after the old ones, whatever their file names (a full load numbers
 *   articles in file order): only ties between equal scores, broken by id, can come out otherwise;
 * - a new spelling joins the old group that already has that spelling (exactly or folded), or else forms
 *   a group of its own; it never merges two old groups, and an old group keeps its display and key;
 * - a term's written form (for word vectors) is the old one, or the new articles' most frequent for a new term.
 * The old knowledge is not changed: the engine in service keeps answering from it while the new one is made.
 */
import { NameIndex } from '../facts/names/index.js';
import type { Article, NameGroup } from '../types.js';
import { PARAGRAPH_BM25, SENTENCE_BM25 } from './bm25.js';
import { appendedBm25Parts } from './bm25Append.js';
import { decodeFacts, encodeFacts, FactStore } from './factStore.js';
import { runSteps } from './steps.js';
import { assembleKnowledge, knowledgeFromPartsInSteps, type ArticleAnalysis, type Knowledge, type KnowledgeParts } from './knowledge.js';
import { PackedStrings, PackedStringsBuilder } from './packedStrings.js';
import { TermDictionary } from './terms.js';

/**
 * The knowledge of `k`'s articles followed by `added` (with their analyses, `analyses[i]` of `added[i]`).
 * The added articles are renumbered `k.articles.length`, `+ 1`, …: their objects are copied, not changed.
 */
export function appendArticles(k: Knowledge, added: readonly Article[], analyses: readonly ArticleAnalysis[]): Knowledge {
  return runSteps(appendArticlesInSteps(k, added, analyses));
}


/**
 * {@link appendArticles} in steps: each `yield` is a point where the caller may answer questions from the
 * old knowledge before going on. In a story of thousands of articles the append takes a few hundred
 * milliseconds on the thread that answers; done at once, every question asked meanwhile waited for all of
 * it. Each step is one join of the corpus-wide arrays (tens of milliseconds at 3,000 articles).
 */
export function* appendArticlesInSteps(k: Knowledge, added: readonly Article[], analyses: readonly ArticleAnalysis[]): Generator<void, Knowledge, void> {
  if (added.length !== analyses.length) throw new Error('each added article needs its analysis');
  if (!added.length) return k;
  const base = k.articles.length;
  const own = added.map((a, i) => ({ ...a, id: i }));
  // the new articles as a corpus of their own: numbering from 0, their own vocabulary and name groups
  const d = assembleKnowledge(own, analyses);
  yield;
  const old = k.parts;
  const sentences0 = old.sentenceParagraphs.length;
  const paragraphs0 = old.paragraphArticles.length;

  const vocabulary = TermDictionary.of(old.vocabulary);
  const termMap = Int32Array.from(d.parts.vocabulary, (t) => vocabulary.id(t));
  const sentenceTerms = {
    starts: joinInt32(old.sentenceTerms.starts.subarray(0, sentences0), d.parts.sentenceTerms.starts, old.sentenceTerms.ids.length),
    ids: joinInt32(old.sentenceTerms.ids, d.parts.sentenceTerms.ids.map((t) => termMap[t]!)),
  };
  const sentenceParagraphs = joinInt32(old.sentenceParagraphs, d.parts.sentenceParagraphs, paragraphs0);
  const paragraphArticles = joinInt32(old.paragraphArticles, d.parts.paragraphArticles, base);
  const articleSentences = joinInt32(old.articleSentences, d.parts.articleSentences, sentences0);
  yield;
  const groups = joinGroups(k.groups, d.groups, sentences0);
  yield;
  const facts = joinFacts(old.facts, d.parts.facts, groups.keyOf);
  yield;

  const surface = [...old.surface];
  const known = new Set(k.surface.keys());
  for (const [term, form] of d.parts.surface) if (!known.has(term)) surface.push([term, form]);

  const paragraphStarts = paragraphStartsOf(sentenceParagraphs, sentenceTerms.starts, paragraphs0 + d.parts.paragraphArticles.length);
  const sentenceTexts = joinStrings(old.sentenceTexts, d.parts.sentenceTexts);
  yield;
  const sentenceTokens = joinStrings(old.sentenceTokens, d.parts.sentenceTokens);
  yield;
  const sentenceIndex = appendedBm25Parts(SENTENCE_BM25, vocabulary, old.sentenceIndex, sentenceTerms.starts, sentenceTerms.ids);
  yield;
  const paragraphIndex = appendedBm25Parts(PARAGRAPH_BM25, vocabulary, old.paragraphIndex, paragraphStarts, sentenceTerms.ids);
  yield;
  const parts: KnowledgeParts = {
    vocabulary: vocabulary.terms(),
    sentenceTerms,
    sentenceParagraphs,
    paragraphArticles,
    paragraphNumbers: joinInt32(old.paragraphNumbers, d.parts.paragraphNumbers),
    articleSentences,
    sentenceTexts,
    sentenceTokens,
    facts,
    sentenceIndex,
    paragraphIndex,
    surface,
    titleTerms: [...old.titleTerms, ...d.parts.titleTerms],
    groups: groups.list,
  };
  return yield* knowledgeFromPartsInSteps([...k.articles, ...added.map((a, i) => ({ ...a, id: base + i }))], parts);
}

/** `a` followed by `b` with `shift` added to each of b's values. */
function joinInt32(a: Int32Array, b: Int32Array, shift = 0): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  if (shift === 0) out.set(b, a.length);
  else for (let i = 0; i < b.length; i++) out[a.length + i] = b[i]! + shift;
  return out;
}

function joinStrings(a: PackedStrings, b: PackedStrings): PackedStrings {
  const end = a.offsets[a.offsets.length - 1]!;
  const bytes = new Uint8Array(end + b.bytes.length);
  bytes.set(a.bytes.subarray(0, end));
  bytes.set(b.bytes, end);
  const offsets = new Float64Array(a.offsets.length + b.offsets.length - 1);
  offsets.set(a.offsets);
  for (let i = 1; i < b.offsets.length; i++) offsets[a.offsets.length - 1 + i] = b.offsets[i]! + end;
  return new PackedStrings(bytes, offsets);
}

/** Where each paragraph's terms start in the sentence term ids (a paragraph's sentences are contiguous). */
function paragraphStartsOf(sentenceParagraphs: Int32Array, sentenceStarts: Int32Array, paragraphs: number): Int32Array {
  const starts = new Int32Array(paragraphs + 1).fill(-1);
  starts[paragraphs] = sentenceStarts[sentenceParagraphs.length]!;
  for (let s = sentenceParagraphs.length - 1; s >= 0; s--) starts[sentenceParagraphs[s]!] = sentenceStarts[s]!;
  // a paragraph without sentences (none is kept, but the arrays allow it) starts where the next one does
  for (let p = paragraphs - 1; p >= 0; p--) if (starts[p] === -1) starts[p] = starts[p + 1]!;
  return starts;
}

/**
 * The old groups with the new articles' groups joined in: a new group that shares a spelling with an old
 * one becomes part of it (the old key and display stay), the others are added under keys no old group has.
 * `keyOf` maps each new group's key to the key it has now.
 */
function joinGroups(old: readonly NameGroup[], added: readonly NameGroup[], sentenceShift: number): { list: NameGroup[]; keyOf: Map<string, string> } {
  const index = new NameIndex(old as NameGroup[]);
  const byKey = new Map(old.map((g, i) => [g.key, i]));
  const list = [...old];
  const keyOf = new Map<string, string>();
  const taken = new Set(old.map((g) => g.key));
  for (const g of added) {
    const sentences = g.sentences.map((s) => s + sentenceShift);
    const match = g.variants.map((v) => index.withGroupKeys([{ text: v, kind: g.kind, key: '', start: 0 }])[0]!.key).find((key) => key !== '');
    if (match !== undefined) {
      const i = byKey.get(match)!;
      const into = list[i]!;
      list[i] = { ...into, variants: [...new Set([...into.variants, ...g.variants])], sentences: [...into.sentences, ...sentences] };
      keyOf.set(g.key, into.key);
      continue;
    }
    let key = g.key;
    for (let n = 2; taken.has(key); n++) key = `${g.key.replace(/~\d+$/, '')}~${n}`;
    taken.add(key);
    keyOf.set(g.key, key);
    byKey.set(key, list.length);
    list.push({ ...g, key, sentences });
  }
  // most mentioned first, as grouping orders them (a name typed by a user resolves to the bigger group)
  const order = list.map((g, i) => ({ g, i })).sort((a, b) => b.g.sentences.length - a.g.sentences.length || a.i - b.i);
  return { list: order.map((x) => x.g), keyOf };
}

/** The old facts followed by the new ones, the new ones' names under their keys in the joined groups. */
function joinFacts(old: FactStore, added: FactStore, keyOf: ReadonlyMap<string, string>): FactStore {
  const codes = new PackedStringsBuilder(added.size, added.codes.bytes.length + 64);
  for (let id = 0; id < added.size; id++) {
    const code = added.codes.get(id);
    const f = code ? decodeFacts(id, code) : null;
    if (!f || !f.entities.some((e) => (keyOf.get(e.key) ?? e.key) !== e.key)) codes.push(code);
    else {
      const { sentenceId: _, ...local } = f;
      codes.push(encodeFacts({ ...local, entities: f.entities.map((e) => ({ ...e, key: keyOf.get(e.key) ?? e.key })) }));
    }
  }
  const joined = joinStrings(old.codes, codes.build());
  const counts = new Uint32Array(old.counts.length + added.counts.length);
  counts.set(old.counts);
  counts.set(added.counts, old.counts.length);
  return new FactStore(joined, counts);
}

