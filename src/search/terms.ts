/**
 * Index terms: what a sentence or a question is matched on. A term is the Porter2 stem of a folded
 * token, so "released", "releases" and "release" meet, and "José" meets "Jose". Numbers are
 * written without separators so "1,300" meets "1300".
 */
import type { Token } from '../text/analyse.js';

/** Function words and question words: they carry no topic. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet if then than that this these those there here of in on at to for from by with about ' +
    'as into onto over under after before between through during without within among against upon per via ' +
    'is am are was were be been being do does did done doing have has had having will would shall should can could may ' +
    'might must ought i me my mine we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'who whom whose which what when where why how whatever whichever whoever also not no any some such both each few more ' +
    'most other own same only just very too s t don didn doesn isn wasn weren aren won wouldn couldn shouldn hasn haven ' +
    'hadn quot amp one ones many much'
  ).split(/\s+/),
);

/** Words that shape a question but are not its topic ("name the…", "what kind of…"). */
export const QUESTION_FILLER: ReadonlySet<string> = new Set(
  'name kind type sort called call term refer referred known describe describes described happen happened happens example mean means'.split(' '),
);

const NUMBER_LIKE = /^[\d][\d,.]*$/;
/** Two numbers joined by a hyphen or a dash: a score, a record, a span of years. */
export const NUMBER_RANGE = /^\d[\d,.]*[-–—]\d[\d,.]*$/;
const ORDINAL = /^(\d+)(?:st|nd|rd|th)$/;
const DECADE = /^\d{3}0s$/;
/** Stems of the ordinal words, by number. */
const ORDINAL_WORDS: readonly string[] = [
  '', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth',
  'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
];

/** The index term of one token, or null for punctuation and stopwords. */
export function termOf(token: Pick<Token, 'norm' | 'stem' | 'pos'> & { text?: string }): string | null {
  const norm = token.norm;
  // "US", "U.S.", "UN": capitals make an abbreviation out of what would be a function word
  if (token.text && /^(?:[A-Z]\.?){2,}$/.test(token.text)) return norm.replace(/\./g, '');
  if (token.pos === 'PUNCT' || token.pos === 'SYM' || token.pos === 'SPACE') return null;
  if (NUMBER_LIKE.test(norm)) return norm.replace(/,/g, '').replace(/\.$/, '');
  // a score or a span written with a hyphen ("15-1", "2013-14"): as written, not through the stemmer ("1y-0")
  if (NUMBER_RANGE.test(norm)) return norm.replace(/[–—]/, '-').replace(/,/g, '');
  // "3rd" and "third", "the 2000s" and "the 2000's" are one term each (the stemmer makes "3rd" "yrd")
  const ordinal = ORDINAL.exec(norm);
  if (ordinal) return ORDINAL_WORDS[Number(ordinal[1])] ?? norm;
  if (DECADE.test(norm)) return norm.slice(0, -1);
  if (!/[a-z0-9]/.test(norm)) return null;
  if (STOPWORDS.has(norm)) return null;
  const stem = token.stem.replace(/'s$/, '').replace(/[^a-z0-9-]/g, '');
  if (!stem || STOPWORDS.has(stem)) return null;
  return stem;
}

/**
 * One string object per distinct term: a corpus has millions of term occurrences but a vocabulary of
 * thousands, so the sentences' term lists share their strings instead of holding a copy each. Safe to
 * share between corpora (an equal string is an equal term, whichever object it is) and bounded: past
 * two million terms, new ones are simply not shared.
 */
const interned = new Map<string, string>();
/** The one shared string object equal to `term` (see above). */
export function intern(term: string): string {
  const known = interned.get(term);
  if (known !== undefined) return known;
  if (interned.size < 2_000_000) interned.set(term, term);
  return term;
}

/** Index terms of a token list, in order, with repeats. */
export function termsOf(tokens: ReadonlyArray<Pick<Token, 'norm' | 'stem' | 'pos'> & { text?: string }>): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const term = termOf(t);
    if (term) out.push(intern(term));
  }
  return out;
}

/**
 * The index terms of a corpus, each with a small integer id, so that postings and sentences store ids
 * (4 bytes) rather than strings, and per-term data can live in typed arrays indexed by id.
 */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];

  get size(): number {
    return this.list.length;
  }

  /** A dictionary holding `terms`, term i with id i (the order of {@link TermDictionary.terms}). */
  static of(terms: readonly string[]): TermDictionary {
    const d = new TermDictionary();
    for (const t of terms) d.id(t);
    if (d.size !== terms.length) throw new Error('a term is listed twice');
    return d;
  }

  /** Every term, by id. */
  terms(): readonly string[] {
    return this.list;
  }

  /** The id of a term, adding it when new. */
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(term, id);
      this.list.push(term);
    }
    return id;
  }

  /** The id of a term, or -1 when the corpus never uses it. */
  lookup(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  term(id: number): string {
    return this.list[id]!;
  }
}
