/**
 * Sentence boundary repair on top of wink-nlp's splitter. wink handles most of English; news text adds
 * titles and abbreviations (Mr., Sept., U.S., F.B.I.), initials (John F. Kennedy) and quotations whose
 * closing mark follows the full stop. A boundary is removed when the text before it ends in such an
 * abbreviation and the text after it does not start a new sentence.
 */

/** Abbreviations that are almost never the end of a sentence. */
const NEVER_FINAL = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cmdr', 'sgt', 'adm', 'sen', 'rep', 'gov',
    'pres', 'rev', 'hon', 'st', 'ste', 'mt', 'ft', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
    'oct', 'nov', 'dec', 'no', 'nos', 'vs', 'v', 'etc', 'e.g', 'i.e', 'approx', 'dept', 'est', 'fig', 'inc', 'corp',
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
        (initial && startsNewSentence(after)) ||
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
  return out;
}
