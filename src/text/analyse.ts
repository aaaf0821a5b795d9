/**
 * One linguistic pass over a paragraph with wink-nlp: sentences, tokens (part of speech, lemma, stem)
 * and wink's own entities (dates, cardinals, durations…), all with character offsets into the verbatim
 * text so that every later stage can quote exactly what the article says.
 */
import model from 'wink-eng-lite-web-model';
import { boundedMemo } from './memo.js';
import { fixSentenceBoundaries } from './sentences.js';
import { nlp, readDoc } from './wink.js';

// wink's typings declare the `its` helpers with signatures that its own `out()` rejects under strict mode
const its = nlp.its as unknown as Record<'pos' | 'lemma' | 'stem' | 'span' | 'type', never>;
type Item = { out: (f: never) => unknown };

/** wink's Porter2 stemmer (what `its.stem` applies to a token's value), a pure function of the word. */
const porterStem = (model as unknown as { addons: { stem: (word: string) => string } }).addons.stem;
/**
 * What `its.stem` gives for a token of value `value`, remembered per word (a pure function of the word,
 * see boundedMemo): the stemmer runs a dozen regular expressions per call, and a corpus repeats a
 * vocabulary of some ten thousand words.
 */
const tokenStem = boundedMemo(porterStem, 200_000);

/** Porter2 stem of one word, through wink. */
export function stemWord(word: string): string {
  return wordStems(word);
}

/** Stems of single words, remembered (a pure function of the word, see boundedMemo): the vocabulary is small. */
const wordStems = boundedMemo((word: string): string => (readDoc(word).tokens().out(its.stem) as string[])[0] ?? word, 200_000);

const PLAIN_WORD = /^[a-z]+$/;
/** The dictionary's words of plain letters that wink reads as two tokens, as contractions ("ca" "nt"). */
const SPLIT_BY_WINK: ReadonlySet<string> = new Set(['cant', 'wont']);
/**
 * Porter2 stem of a word of the synonym dictionary, as {@link stemWord} gives it: wink reads the
 * dictionary's words of plain letters as one token of themselves but for a few (the tests check every
 * one), so their stem is the stemmer's, had without reading the word through wink (which takes ~0.1 ms,
 * and a question brings a few new synonyms); any other word goes through wink.
 */
export function stemOfDictionaryWord(word: string): string {
  return PLAIN_WORD.test(word) && !SPLIT_BY_WINK.has(word) ? tokenStem(word) : stemWord(word);
}

export interface Token {
  /** Verbatim token text. */
  text: string;
  /** Offset in the sentence text. */
  start: number;
  end: number;
  /** Universal part of speech from wink (NOUN, PROPN, VERB, NUM, …). */
  pos: string;
  lemma: string;
  /** Porter2 stem of the lower-cased token. */
  stem: string;
  /** Lower-case, diacritics folded. */
  norm: string;
}

export interface EntitySpan {
  text: string;
  /** wink entity type: DATE, TIME, CARDINAL, ORDINAL, MONEY, PERCENT, DURATION, … */
  type: string;
  start: number;
  end: number;
}

export interface AnalysedSentence {
  /** Verbatim sentence text (trimmed). */
  text: string;
  /** Offset of the sentence in the paragraph. */
  start: number;
  tokens: Token[];
  entities: EntitySpan[];
}

/** Lower-cases and removes diacritics (Zelenskyy/Zelenskýj, Müller → muller) so spelling variants meet. */
export function fold(s: string): string {
  // plain ASCII without a backtick is only lower-cased (NFKD and the replacements leave it as it is):
  // most words of English text, and fold runs on every token
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || c === 96) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.toLowerCase();
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/**
 * The paragraph with accented Latin letters replaced by their base letter, one UTF-16 unit for one, so
 * that offsets stay valid: wink's tokenizer splits words at letters such as "ė" ("Nausėda" → "Naus ė da").
 */
export function tokenizerShadow(text: string): string {
  return text.replace(/[\u00C0-\u024F\u1E00-\u1EFF]/g, (c) => {
    const base = c.normalize('NFD')[0] ?? c;
    return /[A-Za-z]/.test(base) ? base : c === 'ß' ? 's' : c === 'ø' ? 'o' : c === 'Ø' ? 'O' : c === 'ł' ? 'l' : c === 'Ł' ? 'L' : c === 'đ' ? 'd' : c === 'Đ' ? 'D' : c === 'æ' ? 'a' : c === 'Æ' ? 'A' : c === 'œ' ? 'o' : c === 'Œ' ? 'O' : c;
  });
}

interface RawToken {
  text: string;
  start: number;
  end: number;
  pos: string;
  lemma: string;
  stem: string;
}

/**
 * Splits a paragraph into verbatim sentences and analyses each.
 * Offsets are recovered by locating each wink token in the original string, because wink
 * reports token values but not positions.
 */
export function analyseParagraph(paragraph: string): AnalysedSentence[] {
  const shadow = tokenizerShadow(paragraph);
  const doc = readDoc(shadow);
  const values = doc.tokens().out();
  const pos = doc.tokens().out(its.pos) as string[];
  const lemmas = doc.tokens().out(its.lemma) as string[];
  // sentence spans as token index ranges
  const spans: Array<[number, number]> = [];
  doc.sentences().each((s: Item) => {
    const [first, last] = s.out(its.span) as unknown as [number, number];
    spans.push([first, last]);
  });
  const entities: Array<{ type: string; first: number; last: number }> = [];
  doc.entities().each((e: Item) => {
    const [first, last] = e.out(its.span) as unknown as [number, number];
    entities.push({ type: String(e.out(its.type)), first, last });
  });
  // everything is read from the doc before stemWord reads another text: that resets wink's lexicon, which
  // the doc's unknown words point into
  const stems = values.map(tokenStem);
  // stem of the lemma, so irregular forms meet their base (won → win, freed → free)
  const lemmaStems = lemmas.map((l, i) => (l && l !== values[i] ? stemWord(l.toLowerCase()) : stems[i] ?? l));
  const tokens: RawToken[] = [];
  let cursor = 0;
  values.forEach((value, i) => {
    let at = shadow.indexOf(value, cursor);
    // wink may normalise a token (e.g. quotes); keep going from the cursor when it cannot be found
    if (at < 0 || at - cursor > 40) at = cursor;
    const end = Math.min(paragraph.length, at + value.length);
    tokens.push({ text: paragraph.slice(at, end), start: at, end, pos: pos[i] ?? 'X', lemma: lemmas[i] ?? value, stem: lemmaStems[i] ?? value });
    cursor = end;
  });

  const charSpans = fixSentenceBoundaries(
    paragraph,
    spans
      .map(([a, b]) => [tokens[a]?.start ?? 0, tokens[b]?.end ?? paragraph.length] as [number, number])
      .filter(([a, b]) => b > a),
  );

  const out: AnalysedSentence[] = [];
  // tokens' starts and ends never decrease, so the tokens within a sentence are one run: `first` is where
  // the search for the next sentence's run starts
  let first = 0;
  for (const [s0, s1] of charSpans) {
    const raw = paragraph.slice(s0, s1);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (!text) continue;
    const start = s0 + lead;
    const end = start + text.length;
    while (first < tokens.length && tokens[first]!.start < start) first++;
    const sentTokens: Token[] = [];
    for (let k = first; k < tokens.length && tokens[k]!.end <= end; k++) {
      const t = tokens[k]!;
      sentTokens.push({ text: t.text, start: t.start - start, end: t.end - start, pos: t.pos, lemma: t.lemma.toLowerCase(), stem: fold(t.stem), norm: fold(t.text) });
    }
    const sentEntities = entities
      .map((e) => ({ type: e.type, s: tokens[e.first]?.start ?? -1, e: tokens[e.last]?.end ?? -1 }))
      .filter((e) => e.s >= start && e.e <= end && e.s >= 0)
      .map((e) => ({ type: e.type, text: paragraph.slice(e.s, e.e), start: e.s - start, end: e.e - start }));
    out.push({ text, start, tokens: sentTokens, entities: sentEntities });
  }
  return out;
}
