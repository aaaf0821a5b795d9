/**
 * An article's analysis taken back out of assembled knowledge: what {@link analyseArticle} gave for it,
 * rebuilt from the corpus-wide arrays (its sentences' texts, terms, facts and compact wink analyses)
 * instead of running wink-nlp again. The saved index keeps only the assembled knowledge (and the articles
 * added since, in delta packs), not a second copy of every article's analysis: when a file is edited or
 * removed, the corpus is assembled again from this.
 *
 * Assembling put corpus-wide group keys (and, for a name its sentence could not type, its group's kind) on
 * the names; those are taken back to the name as recognised. The written forms of the terms are counted
 * again from the compact analyses, as analyseArticle counted them from wink's; a sentence without one
 * (wink gave what the compact form cannot hold) is analysed again on its own.
 */
import { provisionalKey } from '../facts/names/index.js';
import { analyseParagraph, type Token } from '../text/analyse.js';
import type { EntityMention } from '../types.js';
import { countForm, formTally, type ArticleAnalysis } from './articleAnalysis.js';
import { decodeFacts, type LocalFacts } from './factStore.js';
import type { Knowledge } from './knowledge.js';
import { termOf } from './terms.js';
import { decodeSentence } from './tokens.js';

/** The analysis of article `articleId` of `k`, as analyseArticle gave it when the corpus was assembled. */
export function analysisOf(k: Knowledge, articleId: number): ArticleAnalysis {
  const [first, end] = k.articleSentences[articleId]!;
  const paragraphs: ArticleAnalysis['paragraphs'] = [];
  const facts: LocalFacts[] = [];
  const tokens: Array<string | null> = [];
  const forms = new Map<string, number>();
  const { parts } = k;
  let paragraph = -1;
  for (let id = first; id < end; id++) {
    const text = parts.sentenceTexts.get(id);
    const p = parts.sentenceParagraphs[id]!;
    if (p !== paragraph) {
      paragraph = p;
      paragraphs.push({ index: parts.paragraphNumbers[p]!, sentences: [] });
    }
    const terms: string[] = [];
    const { starts, ids } = parts.sentenceTerms;
    for (let i = starts[id]!, stop = starts[id + 1]!; i < stop; i++) terms.push(parts.vocabulary[ids[i]!]!);
    paragraphs.at(-1)!.sentences.push({ text, terms });
    const { sentenceId: _, ...local } = decodeFacts(id, parts.facts.codes.get(id));
    facts.push(local.entities.length ? { ...local, entities: local.entities.map(asRecognised) } : local);
    const code = parts.sentenceTokens.get(id);
    tokens.push(code || null);
    countForms((code && decodeSentence(text, code)?.tokens) || analyseParagraph(text).flatMap((s) => s.tokens), forms);
  }
  return {
    titleTerms: parts.titleTerms[articleId] ?? [],
    paragraphs,
    facts,
    forms: formTally(forms),
    tokens,
  };
}

/** A name as extractEntities gave it: its own key and kind, before its corpus-wide group's. */
function asRecognised(m: EntityMention): EntityMention {
  return { text: m.text, kind: m.ownKind ?? m.kind, key: provisionalKey(m.text), start: m.start };
}

/** Adds the written forms of the tokens' index terms to `forms`, as analyseArticle counts them. */
function countForms(tokens: readonly Token[], forms: Map<string, number>): void {
  for (const t of tokens) {
    const term = termOf(t);
    if (term) countForm(forms, term, t.norm);
  }
}
