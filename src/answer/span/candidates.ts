/**
 * Candidate short answers in one sentence: every span some part of the engine's analysis proposes (names,
 * numbers, dates, wink's entities, quotations, noun chunks, reason and manner clauses) and the short runs
 * of words within a clause. Each candidate carries the tags of everything that proposed it; the model
 * (features.ts, model.ts) decides among them.
 */
import type { SentenceView } from './types.js';

export interface SpanCandidate {
  /** Character offsets in the sentence. */
  start: number;
  end: number;
  /** Token indices, inclusive. */
  first: number;
  last: number;
  /** What proposed it: "ent:person", "num:count", "date:day", "wink:DATE", "np", "ngram", "clause", "quote"… */
  tags: string[];
  /** A number's value or a date's ISO form, when something typed proposed it. */
  value?: number | string;
  how?: string;
}

/** Longest plain run of words proposed, in tokens. */
const MAX_NGRAM = 6;
/** Longest clause proposed for why/how questions, in tokens. */
const MAX_CLAUSE = 30;
/** Punctuation a plain run of words does not cross. */
const CLAUSE_BREAK = /^[,;:()[\]"“”‘’!?.—–-]$|^--$/;
const LEADING_PREPOSITION = /^(on|in|at|by|since|from|during|until|till|before|after|around|about|of|for)$/i;
/** Words that open a clause giving a reason, purpose or manner. */
const CLAUSE_OPENERS = /^(because|since|as|so|to|by|through|via|with|using|due|after|when|while|if|in|for|from|that|which|who)$/;

/** A sign written before a sum, part of it ("$40 million"). */
const CURRENCY = /^[$€£¥₹]$/;

const isWordToken = (pos: string): boolean => pos !== 'PUNCT' && pos !== 'SPACE' && pos !== 'SYM';

/** Every candidate span of a sentence, one per distinct (start, end), tags merged. */
export function spanCandidates(view: SentenceView, clauses: boolean): SpanCandidate[] {
  const tokens = view.tokens;
  const n = tokens.length;
  const byRange = new Map<number, SpanCandidate>();
  const add = (first: number, last: number, tag: string, extra?: { value?: number | string; how?: string }): void => {
    if (first < 0 || last >= n || first > last) return;
    const key = first * 4096 + last;
    let c = byRange.get(key);
    if (!c) {
      c = { start: tokens[first]!.start, end: tokens[last]!.end, first, last, tags: [] };
      byRange.set(key, c);
    }
    if (!c.tags.includes(tag)) c.tags.push(tag);
    if (extra?.value !== undefined && c.value === undefined) {
      c.value = extra.value;
      if (extra.how) c.how = extra.how;
    }
  };
  // token index of a character range: the first token ending after `start`, the last starting before `end`
  const addChars = (start: number, end: number, tag: string, extra?: { value?: number | string; how?: string }): void => {
    let first = -1;
    let last = -1;
    for (let i = 0; i < n; i++) {
      const t = tokens[i]!;
      if (first < 0 && t.end > start) first = i;
      if (t.start < end) last = i;
    }
    if (first < 0 || last < first) return;
    // trim punctuation the mention's own text may carry at its edges
    while (first < last && !isWordToken(tokens[first]!.pos) && !CURRENCY.test(tokens[first]!.text)) first++;
    while (last > first && !isWordToken(tokens[last]!.pos) && tokens[last]!.text !== '%' && tokens[last]!.text !== ')') last--;
    add(first, last, tag, extra);
  };

  for (const e of view.entities) addChars(e.start, e.start + e.text.length, `ent:${e.kind}`);
  for (const m of view.numbers) {
    addChars(m.start, m.start + m.raw.length, `num:${m.kind}`, { value: m.value });
    if (m.qualifier) {
      const q = view.text.lastIndexOf(m.qualifier, m.start);
      if (q >= 0 && m.start - q - m.qualifier.length <= 1) addChars(q, m.start + m.raw.length, `qnum:${m.kind}`, { value: m.value });
    }
    if (m.counts) {
      const at = view.text.indexOf(m.counts, m.start + m.raw.length);
      if (at >= 0 && at - m.start - m.raw.length <= 2) addChars(m.start, at + m.counts.length, `numnoun:${m.kind}`, { value: m.value });
    }
  }
  for (const d of view.dates) {
    const end = d.start + d.raw.length;
    addChars(d.start, end, `date:${d.precision}`, { value: d.date, how: d.how });
    const firstWord = /^\S+/.exec(d.raw)?.[0] ?? '';
    if (LEADING_PREPOSITION.test(firstWord)) addChars(d.start + firstWord.length + 1, end, `date:${d.precision}`, { value: d.date, how: d.how });
  }
  for (const w of view.wink) addChars(w.start, w.end, `wink:${w.type}`);
  for (const q of view.quotes) {
    const at = view.text.indexOf(q.text);
    if (at >= 0 && !q.short) addChars(at, at + q.text.length, 'quote');
  }

  // noun chunks: determiners, adjectives, numbers and nouns ending in a noun, optionally joined by "of" / "'s"
  const inChunk = (pos: string): boolean => pos === 'DET' || pos === 'ADJ' || pos === 'NOUN' || pos === 'PROPN' || pos === 'NUM';
  const chunks: Array<[number, number]> = [];
  for (let i = 0; i < n; ) {
    if (!inChunk(tokens[i]!.pos)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && (inChunk(tokens[j + 1]!.pos) || (tokens[j + 1]!.pos === 'PART' && /^['’]s$/.test(tokens[j + 1]!.text)) || (tokens[j + 1]!.text === '-' && j + 2 < n))) j++;
    let last = j;
    while (last >= i && !/^(NOUN|PROPN|NUM)$/.test(tokens[last]!.pos)) last--;
    if (last >= i) chunks.push([i, last]);
    i = j + 1;
  }
  for (const [a, b] of chunks) {
    add(a, b, 'np');
    let a2 = a;
    while (a2 < b && (tokens[a2]!.pos === 'DET' || tokens[a2]!.pos === 'ADJ')) {
      a2++;
      add(a2, b, 'np-core');
    }
  }
  for (let c = 0; c + 1 < chunks.length; c++) {
    const [a, b] = chunks[c]!;
    const [a2, b2] = chunks[c + 1]!;
    if (a2 === b + 2 && /^(of|for|in|'s|’s)$/i.test(tokens[b + 1]!.text)) add(a, b2, 'np-of');
    // "Beyoncé and Bruno Mars"
    if (a2 === b + 2 && /^(and|or)$/i.test(tokens[b + 1]!.text)) add(a, b2, 'np-and');
  }

  // short runs of words that do not cross a clause break
  for (let i = 0; i < n; i++) {
    if (!isWordToken(tokens[i]!.pos)) continue;
    for (let j = i; j < n && j < i + MAX_NGRAM; j++) {
      const t = tokens[j]!;
      if (j > i && CLAUSE_BREAK.test(t.text) && t.text !== '-' && t.text !== '–') break;
      if (isWordToken(t.pos)) add(i, j, 'ngram');
    }
  }

  // reason and manner clauses: from an opening word (or the word after it) to the next clause break
  if (clauses) {
    for (let i = 0; i < n; i++) {
      if (!CLAUSE_OPENERS.test(tokens[i]!.norm)) continue;
      let j = i + 1;
      while (j < n && j - i < MAX_CLAUSE && !/^[;:()"“”.!?]$/.test(tokens[j]!.text) && !(tokens[j]!.text === ',' && j - i > 3)) j++;
      const last = j - 1;
      if (last > i + 1) {
        add(i, last, 'clause');
        add(i + 1, last, 'clause-body');
      }
    }
  }
  return [...byRange.values()];
}
