/**
 * Sentence boundary repair on top of wink-nlp's splitter. wink handles most of English; news text adds
 * titles and abbreviations (Mr., Sept., U.S., F.B.I.), initials (John F. Kennedy) and quotations whose
 * closing mark follows the full stop. A boundary is removed when the text before it ends in such an
 * abbreviation and the text after it does not start a new sentence.
 */
import { MONTH_ABBREVIATIONS } from './calendar.js';

/** Abbreviations that are almost never the end of a sentence. */
const NEVER_FINAL = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cmdr', 'sgt', 'adm', 'sen', 'rep', 'gov',
    'pres', 'rev', 'hon', 'st', 'ste', 'mt', 'ft', ...MONTH_ABBREVIATIONS, 'no', 'nos', 'vs', 'v', 'etc', 'e.g', 'i.e', 'approx', 'dept', 'est', 'fig', 'inc', 'corp',
    'ltd', 'co', 'jr', 'sr', 'ave', 'blvd', 'rd', 'gens', 'sens', 'reps', 'messrs', 'mme', 'mlle', 'op', 'vol', 'pp',
    'ca', 'cf', 'al',
  ],
);

/** Abbreviations that may end a sentence (U.S., a.m.) and so only join when lower case follows. */
const DOTTED = /(?:\b[A-Za-z]\.){2,}$/;

function lastWord(s: string): string {
  const m = /([A-Za-z][A-Za-z.]*)\.$/.exec(s.trimEnd());
  return m ? m[1]!.toLowerCase() : '';
}

/** Words that usually open a sentence; after "X." they mean the full stop ended one ("posted on X. He added"). */
const OPENERS = new Set(
  'he she it they we i you the a an this that these those there here but and so yet then in on at as after before when while his her their its our my your one some many most all both each no not if however meanwhile earlier later also still now nothing none everyone someone what why how who where'.split(' '),
);

function firstWord(s: string): string {
  return (/^[\s"“‘'([]*([A-Za-z]+)/.exec(s)?.[1] ?? '').toLowerCase();
}

/** Does the text leave a curly quotation open? */
function openQuote(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '“') depth++;
    else if (c === '”') depth = Math.max(0, depth - 1);
  }
  return depth > 0;
}

function startsNewSentence(next: string): boolean {
  const t = next.trimStart().replace(/^["“‘'([]+/, '');
  return /^[A-Z0-9]/.test(t);
}

/** Takes character spans proposed by the tokenizer and returns repaired spans covering the same text. */
export function fixSentenceBoundaries(text: string, spans: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const span of spans) {
    const prev = out[out.length - 1];
    if (prev) {
      const before = text.slice(prev[0], prev[1]).trimEnd();
      const after = text.slice(span[0], span[1]);
      const word = lastWord(before);
      const initial = /(?:^|\s)[A-Z]\.$/.test(before);
      const dotted = DOTTED.test(before);
      const join =
        (word && NEVER_FINAL.has(word) && before.endsWith('.')) ||
        // inside a quotation that closes in the next piece ("“No man left behind! 52 … fear,” he posted"):
        // the quote and its speaker stay one sentence
        (openQuote(before) && /^[^“]*”/.test(after)) ||
        (initial && startsNewSentence(after) && !OPENERS.has(firstWord(after))) ||
        // an abbreviation cut in two: "R-S." + "C., said"
        (/[A-Z]\.$/.test(before) && /^[A-Z]\.(?:[A-Z]\.)*(?:[,;:)\s]|$)/.test(after.trimStart()) && !/^[A-Z]\.\s+[A-Z][a-z]/.test(after.trimStart())) ||
        ((dotted || /\d\.$/.test(before)) && !startsNewSentence(after)) ||
        /^[a-z,;:)\]]/.test(after.trimStart()) ||
        // a lone closing quote or bracket split off the sentence it ends
        /^[”"’')\]]+$/.test(after.trim());
      if (join) {
        prev[1] = span[1];
        continue;
      }
    }
    out.push([span[0], span[1]]);
  }
  return out.flatMap(([a, b]) => splitAfterInitial(text, a, b));
}

/**
 * The tokenizer takes a lone capital and full stop for an initial; followed by a word that opens
 * sentences ("posted on X. He added"), it ended one.
 */
function splitAfterInitial(text: string, a: number, b: number): Array<[number, number]> {
  const piece = text.slice(a, b);
  // a lone initial ("X.") or a dotted abbreviation ("F.B.I.", "D.C.") before a sentence opener
  const re = /(?:\s[A-Z]|(?:\b[A-Z]\.){1,3}[A-Z])\.(\s+)(?=["“‘']?([A-Z][a-z]*)\b)/g;
  const cuts: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(piece))) if (OPENERS.has(m[2]!.toLowerCase())) cuts.push(m.index + m[0].length - m[1]!.length);
  if (!cuts.length) return [[a, b]];
  const out: Array<[number, number]> = [];
  let start = a;
  for (const c of cuts) {
    out.push([start, a + c]);
    start = a + c;
  }
  out.push([start, b]);
  return out;
}
