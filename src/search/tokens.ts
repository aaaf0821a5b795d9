/**
 * A sentence's wink analysis (tokens with part of speech, lemma and stem; wink's entities) kept in a
 * compact string, written once at indexing so that the ranker does not run wink again on every
 * candidate of every question. About four characters per token; plain text, so it can be saved with
 * the rest of an article's analysis.
 *
 * What is not stored is derived from the sentence text on reading: token and entity text are slices of
 * it, a token's `norm` is `fold(text)`. Reading gives what `analyseParagraph(sentence)[0]` gives for the
 * sentence on its own (wink analyses sentence by sentence; checked on every sentence of the shared
 * corpora); a sentence that cannot be encoded is stored as null and re-analysed when needed.
 *
 * Layout: a version letter, then per token `SPAN POS LEMMA STEM`, then `|`, then per entity
 * `TYPE start len`. Numbers below 64 are one character ('0' + n), larger ones `{base36}`. SPAN is one
 * character for a token of fewer than 38 characters after at most one space (`'0' + 38 · gap + len`),
 * else `~`, the gap and the length. POS and TYPE are one letter from a fixed list, or `!` and a
 * length-prefixed literal. LEMMA is `.` when equal to the token's norm, else written relative to the
 * norm, and STEM relative to the lemma: one character (`'0' + k`) when it is the base's first k
 * characters, else `~`, k, the length of the rest, and the rest.
 */
import { fold, type AnalysedSentence, type EntitySpan, type Token } from '../text/analyse.js';
import { boundedMemo } from '../text/memo.js';

const VERSION = 'b';
const POS_TAGS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X', 'SPACE'];
const ENTITY_TYPES = ['DATE', 'TIME', 'CARDINAL', 'ORDINAL', 'MONEY', 'PERCENT', 'DURATION', 'EMAIL', 'URL', 'HASHTAG', 'MENTION', 'EMOJI', 'EMOTICON'];
const ZERO = 48; // '0'
const SMALL = 64;

function num(n: number): string {
  return n < SMALL ? String.fromCharCode(ZERO + n) : `{${n.toString(36)}}`;
}

function label(value: string, list: readonly string[]): string {
  const i = list.indexOf(value);
  return i >= 0 ? String.fromCharCode(65 + i) : `!${num(value.length)}${value}`;
}

const ESCAPE = '~';
/** Token span in one character: gap 0 or 1, length below this. */
const SHORT = 38;

/** `value` written relative to `base`: the length of the prefix they share, then the rest. */
function relative(value: string, base: string): string {
  let k = 0;
  const max = Math.min(value.length, base.length);
  while (k < max && value.charCodeAt(k) === base.charCodeAt(k)) k++;
  if (k === value.length && k < SMALL) return num(k);
  return ESCAPE + num(k) + num(value.length - k) + value.slice(k);
}

function span(gap: number, length: number): string {
  return gap <= 1 && length < SHORT ? String.fromCharCode(ZERO + gap * SHORT + length) : ESCAPE + num(gap) + num(length);
}

/** The compact form of an analysed sentence, or null when its tokens are not slices of its text. */
export function encodeSentence(s: AnalysedSentence): string | null {
  const text = s.text;
  // pieces joined once at the end: a flat string (repeated += would keep a rope of small strings)
  const out: string[] = [VERSION];
  let prev = 0;
  for (const t of s.tokens) {
    // a token's norm is fold(text) (analyse.ts), so it is not stored: reading folds the text again
    if (t.start < prev || t.end < t.start || t.end > text.length || text.slice(t.start, t.end) !== t.text) return null;
    out.push(span(t.start - prev, t.end - t.start), label(t.pos, POS_TAGS), t.lemma === t.norm ? '.' : relative(t.lemma, t.norm), relative(t.stem, t.lemma));
    prev = t.end;
  }
  out.push('|');
  for (const e of s.entities) {
    if (e.start < 0 || e.end < e.start || text.slice(e.start, e.end) !== e.text) return null;
    out.push(label(e.type, ENTITY_TYPES), num(e.start), num(e.end - e.start));
  }
  return out.join('');
}

/** fold, remembered (a pure function of the text, see boundedMemo): decoding folds every token's text again. */
const foldCached = boundedMemo(fold, 100_000);

/** A reading position in one code being decoded, with the readers of its pieces. */
class CodeReader {
  at = 1;
  constructor(readonly code: string) {}

  num(): number {
    const { code } = this;
    const c = code.charCodeAt(this.at++);
    if (c !== 123) return c - ZERO;
    const end = code.indexOf('}', this.at);
    const n = parseInt(code.slice(this.at, end), 36);
    this.at = end + 1;
    return n;
  }

  label(list: readonly string[]): string {
    const c = this.code.charCodeAt(this.at++);
    if (c !== 33) return list[c - 65]!;
    const len = this.num();
    this.at += len;
    return this.code.slice(this.at - len, this.at);
  }

  relative(base: string): string {
    if (this.code.charCodeAt(this.at) !== 126) {
      const k = this.num();
      return k === base.length ? base : base.slice(0, k);
    }
    this.at++;
    const k = this.num();
    const len = this.num();
    const head = k === base.length ? base : base.slice(0, k);
    if (!len) return head;
    this.at += len;
    return head + this.code.slice(this.at - len, this.at);
  }
}

/** Reads back an encoded sentence; null when the code is not of this version. */
export function decodeSentence(text: string, code: string): AnalysedSentence | null {
  if (code[0] !== VERSION) return null;
  const r = new CodeReader(code);
  const tokens: Token[] = [];
  let prev = 0;
  const n = code.length;
  while (r.at < n && code.charCodeAt(r.at) !== 124) {
    let start: number;
    let end: number;
    const c = code.charCodeAt(r.at);
    if (c !== 126) {
      r.at++;
      const gap = c - ZERO >= SHORT ? 1 : 0;
      start = prev + gap;
      end = start + c - ZERO - gap * SHORT;
    } else {
      r.at++;
      start = prev + r.num();
      end = start + r.num();
    }
    const pos = r.label(POS_TAGS);
    const tokenText = text.slice(start, end);
    const norm = foldCached(tokenText);
    let lemma = norm;
    if (code.charCodeAt(r.at) === 46) r.at++;
    else lemma = r.relative(norm);
    const stem = r.relative(lemma);
    tokens.push({ text: tokenText, start, end, pos, lemma, stem, norm });
    prev = end;
  }
  r.at++;
  const entities: EntitySpan[] = [];
  while (r.at < n) {
    const type = r.label(ENTITY_TYPES);
    const start = r.num();
    const end = start + r.num();
    entities.push({ type, text: text.slice(start, end), start, end });
  }
  return { text, start: 0, tokens, entities };
}
