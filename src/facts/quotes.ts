/**
 * Quotations in a paragraph and who said them. Quotation marks are paired over the whole paragraph
 * because a quotation often runs over several sentences; the speaker is read from the usual news
 * frames around it: after the closing mark (`“…,” he posted on X`, `“…,” said Mr Smith`, `…”, it quoted
 * Mr Smith as saying`) or before the opening one (`X said: “…”`, `X said he was “…”`, `…, writing: “…”`,
 * `according to X`). Pronouns are left for the caller to resolve with what came before.
 */
import type { AnalysedSentence, Token } from '../text/analyse.js';
import {
  QUOTE_VERBS,
  afterApposition,
  invertedSubject,
  mainSubject,
  phraseAfter,
  speakerOf,
  subjectBefore,
  type Phrase,
  type Speaker,
} from './attributions.js';

/** A quotation located in the paragraph. Offsets are in the paragraph text rebuilt from its sentences. */
export interface QuoteSpan {
  /** The quoted words, without the marks. */
  start: number;
  end: number;
  /** Offset of the opening mark; -1 when the quotation goes on from the previous paragraph. */
  open: number;
  /** Offset of the closing mark; -1 when it goes on into the next paragraph. */
  close: number;
}

/** The part of a quotation that falls in one sentence. */
export interface QuotePiece {
  sentence: number;
  /** Verbatim words of that sentence, without marks or a trailing comma. */
  text: string;
}

/** A quotation with its speaker reading. */
export interface ParagraphQuote {
  span: QuoteSpan;
  pieces: QuotePiece[];
  /** As read from the frame; may be a pronoun. `sentence` is where the speaker is written. */
  speaker?: Speaker & { sentence: number };
  verb?: string;
  /** One or two words ("hostages"), or a title ("Face the Nation"): not a statement. */
  short: boolean;
  /** The quotation opens its sentence, so without a frame it continues the previous speaker. */
  opensSentence: boolean;
}

const OPEN_CONTEXT = /[\s([{—–\-/:]/;

/** Rebuilds the paragraph from its sentences (their offsets are into the original paragraph). */
export function paragraphText(sentences: AnalysedSentence[]): string {
  let out = '';
  for (const s of sentences) {
    out = out.padEnd(s.start, ' ') + s.text;
  }
  return out;
}

/**
 * Pairs quotation marks: curly and straight double marks over the whole paragraph, then single marks
 * (‘…’, '…') inside one sentence and outside double quotations, where an apostrophe cannot be taken for
 * a closing mark unless an opening one came first.
 */
export function findQuoteSpans(text: string, sentences: ReadonlyArray<{ start: number; end: number }>): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const prev = i > 0 ? text[i - 1]! : ' ';
    const next = text[i + 1] ?? ' ';
    if (ch === '“') open = i;
    else if (ch === '”') {
      if (open >= 0) spans.push({ open, close: i, start: open + 1, end: i });
      // a closing mark with nothing opened: the quotation began in the previous paragraph
      else if (spans.length === 0) spans.push({ open: -1, close: i, start: 0, end: i });
      open = -1;
    } else if (ch === '"') {
      if (open < 0 && OPEN_CONTEXT.test(prev) && /\S/.test(next)) open = i;
      else if (open >= 0 && /\S/.test(prev)) {
        spans.push({ open, close: i, start: open + 1, end: i });
        open = -1;
      }
    }
  }
  if (open >= 0) spans.push({ open, close: -1, start: open + 1, end: text.length });

  const inDouble = (i: number): boolean => spans.some((s) => i >= (s.open < 0 ? 0 : s.open) && i <= (s.close < 0 ? text.length : s.close));
  for (const { start, end } of sentences) {
    let from = start;
    for (;;) {
      let o = -1;
      for (let i = from; i < end; i++) {
        const ch = text[i]!;
        if ((ch === '‘' || ch === "'") && (i === start || OPEN_CONTEXT.test(text[i - 1]!)) && /[\p{L}\p{N}“]/u.test(text[i + 1] ?? '') && !inDouble(i)) {
          o = i;
          break;
        }
      }
      if (o < 0) break;
      let c = -1;
      for (let i = o + 2; i < end; i++) {
        const ch = text[i]!;
        if ((ch === '’' || ch === "'") && /\S/.test(text[i - 1]!) && (i + 1 >= end || /[\s,.;:!?)\]—–-]/.test(text[i + 1]!))) {
          c = i;
          break;
        }
      }
      if (c < 0 || inDouble(c)) break;
      spans.push({ open: o, close: c, start: o + 1, end: c });
      from = c + 1;
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

function wordsOf(s: string): string[] {
  return s.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
}

/** Title Case words that do not open a sentence: the name of a show, book or slogan. */
function looksLikeTitle(quoted: string, opensSentence: boolean): boolean {
  const words = wordsOf(quoted);
  if (opensSentence || words.length < 2 || words.length > 6) return false;
  return /^\p{Lu}/u.test(words[0]!) && words.every((w) => w.length <= 3 || /^[\p{Lu}\d]/u.test(w));
}

interface Frame {
  phrase?: Phrase;
  /** A speaker found some other way (the subject of a participle's clause). */
  speaker?: Speaker;
  verb?: string;
  /** "CNN reports", "according to": the outlet, less telling than a speech verb before the quotation. */
  weak?: boolean;
}

const SKIP_AFTER_CLOSE = /^[,”’"'\s]+$/;

/** Speaker written after the closing mark, within the sentence. */
function frameAfter(tokens: Token[], from: number): Frame | null {
  let i = tokens.findIndex((t) => t.start >= from);
  if (i < 0) return null;
  while (i < tokens.length && SKIP_AFTER_CLOSE.test(tokens[i]!.text)) i++;
  const t = tokens[i];
  if (!t || /^[“‘]/.test(t.text)) return null;
  if (t.norm === 'according' && tokens[i + 1]?.norm === 'to') {
    const phrase = phraseAfter(tokens, i + 2);
    return phrase ? { phrase, verb: 'according to', weak: true } : null;
  }
  if (t.pos === 'VERB' && QUOTE_VERBS.has(t.lemma)) {
    // "…,” calling the statement accurate" is a participle, not "…,” said X"
    const phrase = /ing$/.test(t.norm) ? null : invertedSubject(tokens, i);
    return phrase ? { phrase, verb: t.text.toLowerCase() } : null;
  }
  // "he posted", "Ms Okafor said", "the agency later quoted Mr Smith as saying"
  for (let v = i + 1; v < tokens.length && v - i <= 10; v++) {
    const u = tokens[v]!;
    if (u.pos === 'PUNCT' && !/^[-‐]$/.test(u.text)) return null;
    if (u.pos !== 'VERB') continue;
    if (!QUOTE_VERBS.has(u.lemma)) return null;
    if (u.lemma === 'quote') {
      const quoted = phraseAfter(tokens, v + 1);
      const as = quoted ? afterApposition(tokens, quoted.last + 1) : -1;
      if (quoted && tokens[as]?.norm === 'as' && /^say/.test(tokens[as + 1]?.norm ?? '')) {
        return { phrase: quoted, verb: u.text.toLowerCase() };
      }
    }
    const phrase = subjectBefore(tokens, v, i);
    return phrase ? { phrase, verb: u.text.toLowerCase(), weak: u.lemma === 'report' } : null;
  }
  return null;
}

const BE = new Set(['is', 'was', 'were', 'are', 'be', 'been', 'being']);

/** Speaker written before the opening mark: the last speech verb of the sentence before it. */
function frameBefore(tokens: Token[], before: number, inQuote: (k: number) => boolean, earlier?: Speaker): Frame | null {
  let k = -1;
  for (let j = tokens.length - 1; j >= 0; j--) if (tokens[j]!.end <= before) {
    k = j;
    break;
  }
  for (; k >= 0; k--) {
    if (inQuote(k)) continue;
    const t = tokens[k]!;
    if (t.norm === 'to' && tokens[k - 1]?.norm === 'according') {
      const phrase = phraseAfter(tokens, k + 1);
      return phrase ? { phrase, verb: 'according to' } : null;
    }
    if (t.pos !== 'VERB' || !QUOTE_VERBS.has(t.lemma)) continue;
    const verb = t.text.toLowerCase();
    if (/ing$/.test(t.norm)) {
      if (tokens[k - 1]?.norm === 'as') {
        // "quoted John Smith, a lawyer…, as saying"
        for (let q = k - 2; q >= 0 && k - q < 25; q--) {
          if (tokens[q]!.pos === 'VERB' && tokens[q]!.lemma === 'quote') {
            const phrase = phraseAfter(tokens, q + 1);
            return phrase ? { phrase, verb: tokens[q]!.text.toLowerCase() } : null;
          }
        }
        return null;
      }
      // "…, writing: “…”": the subject of the clause the participle hangs on
      if (earlier) return { speaker: earlier, verb };
      const phrase = mainSubject(tokens, inQuote);
      return phrase ? { phrase, verb } : null;
    }
    const prev = [...tokens.slice(0, k)].reverse().find((u) => u.pos !== 'ADV');
    if (prev && prev.pos === 'AUX' && BE.has(prev.norm)) {
      if (t.lemma === 'quote') {
        const phrase = subjectBefore(tokens, k);
        return phrase ? { phrase, verb } : null;
      }
      const phrase = tokens[k + 1]?.norm === 'by' ? phraseAfter(tokens, k + 2) : null;
      return phrase ? { phrase, verb } : null;
    }
    // "Mr Smith, who said “…”"
    if (tokens[k - 1]?.norm === 'who' && tokens[k - 2]?.text === ',') {
      const phrase = subjectBefore(tokens, k - 2);
      return phrase ? { phrase, verb } : null;
    }
    const phrase = subjectBefore(tokens, k);
    if (phrase) return { phrase, verb };
    if (tokens[k - 1]?.pos === 'CCONJ') {
      const main = mainSubject(tokens, inQuote);
      return main ? { phrase: main, verb } : null;
    }
    // "said he wanted to thank the mayor “…”": the infinitive has no subject; the verb before it does
  }
  return null;
}

/**
 * The quotations of one paragraph, split into their sentences, with the speaker and verb of their frame.
 * Speakers may be pronouns ("he"); resolving them needs the sentences before, which the caller has.
 */
export function readQuotes(sentences: AnalysedSentence[]): ParagraphQuote[] {
  const text = paragraphText(sentences);
  const bounds = sentences.map((s) => ({ start: s.start, end: s.start + s.text.length }));
  const spans = findQuoteSpans(text, bounds);
  const sentenceAt = (offset: number): number => {
    const i = bounds.findIndex((b) => offset >= b.start && offset < b.end);
    if (i >= 0) return i;
    const after = bounds.findIndex((b) => b.start > offset);
    return after < 0 ? bounds.length - 1 : Math.max(0, after - 1);
  };
  const inQuoteOf = (si: number) => (k: number): boolean => {
    const t = sentences[si]?.tokens[k];
    if (!t) return false;
    const at = bounds[si]!.start + t.start;
    return spans.some((s) => at >= (s.open < 0 ? 0 : s.open) && at <= (s.close < 0 ? text.length : s.close));
  };

  const out: ParagraphQuote[] = [];
  let lastInSentence: { sentence: number; speaker: Speaker } | undefined;
  for (const span of spans) {
    const pieces: QuotePiece[] = [];
    bounds.forEach((b, si) => {
      const a = Math.max(span.start, b.start);
      const z = Math.min(span.end, b.end);
      if (z <= a) return;
      const piece = text.slice(a, z).trim().replace(/[\s,]+$/, '');
      if (/[\p{L}\p{N}]/u.test(piece)) pieces.push({ sentence: si, text: piece });
    });
    if (pieces.length === 0) continue;
    const whole = text.slice(span.start, span.end);
    const openSentence = sentenceAt(span.open < 0 ? span.start : span.open);
    const opensSentence =
      span.open < 0 || text.slice(bounds[openSentence]!.start, span.open).trim().replace(/^[•\-–—*]\s*/, '') === '';
    const title = looksLikeTitle(whole, opensSentence);
    const quote: ParagraphQuote = { span, pieces, short: title || wordsOf(whole).length <= 2, opensSentence };

    if (!title) {
      let frame: Frame | null = null;
      let frameSentence = -1;
      if (span.close >= 0) {
        frameSentence = sentenceAt(span.close);
        frame = frameAfter(sentences[frameSentence]!.tokens, span.close + 1 - bounds[frameSentence]!.start);
        // the splitter may end the sentence at the closing mark: `…mine?"` / `Akin continued.`
        const next = sentences[frameSentence + 1];
        if (!frame && next && next.tokens.length <= 10 && text.slice(span.close + 1, bounds[frameSentence]!.end).trim() === '') {
          frame = frameAfter(next.tokens, 0);
          if (frame) frameSentence++;
        }
      }
      if ((!frame || frame.weak) && span.open >= 0) {
        const earlier = lastInSentence?.sentence === openSentence ? lastInSentence.speaker : undefined;
        const before = frameBefore(sentences[openSentence]!.tokens, span.open - bounds[openSentence]!.start, inQuoteOf(openSentence), earlier);
        if (before) {
          frame = before;
          frameSentence = openSentence;
        }
      }
      if (frame) {
        const s = sentences[frameSentence]!;
        const speaker = frame.speaker ?? (frame.phrase ? speakerOf(s.tokens, frame.phrase, s.text) : undefined);
        if (speaker) {
          quote.speaker = { ...speaker, sentence: frameSentence };
          lastInSentence = { sentence: frameSentence, speaker };
        }
        if (frame.verb) quote.verb = frame.verb;
      }
    }
    out.push(quote);
  }
  return out;
}
