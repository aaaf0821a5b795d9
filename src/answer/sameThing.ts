/**
 * Whether two words name the same thing, and what a how-many question counts: shared by the ranker's
 * features and by agreement across outlets (kept apart from both so that neither imports the other).
 */
import { stemWord } from '../text/analyse.js';
import { placeFamily } from '../facts/places.js';
import { synonyms } from '../text/synonyms.js';
import type { WordVectors } from '../text/embeddings.js';
import { SETTINGS } from '../settings.js';
import { measuredBy, type ParsedQuestion } from './question.js';

/** Words that stand for a noun said before rather than naming a thing. */
const ANAPHORIC_COUNTS: ReadonlySet<string> = new Set(['other', 'others', 'more', 'ones', 'those', 'these', 'some', 'many', 'few']);

/** Do two words name the same kind of thing (same stem, same country family, or close in meaning)? */
export function sameThing(a: string, b: string, vectors: WordVectors | null): boolean {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (stemWord(la) === stemWord(lb)) return true;
  // "13 others", "200 more" count whatever was named before; word vectors put "others" next to "people"
  if (ANAPHORIC_COUNTS.has(la) || ANAPHORIC_COUNTS.has(lb)) return false;
  const fa = placeFamily(la);
  const fb = placeFamily(lb);
  // peoples and places are the same thing only by name: "Danes" is close to "Swedes" in meaning, not the same
  if (fa.length || fb.length) return fa.some((x) => fb.includes(x));
  const syn = synonyms();
  if (syn.same('verb', la, lb) || syn.same('noun', la, lb)) return true;
  return !!vectors && vectors.similarity(la, lb) >= SETTINGS.agreement.sameMeaning;
}

/** The words of a how-many question that say what is counted ("how many *political prisoners* remain"). */
export function countedWords(q: ParsedQuestion): string[] {
  const focus = q.terms.filter((t) => t.focus).map((t) => t.word);
  const words = focus.length ? focus : q.terms.filter((t) => t.pos === 'NOUN' || t.pos === 'PROPN').map((t) => t.word).slice(0, 1);
  // "how many of the prisoners were Polish": a people named after the verb is what is counted (the focus
  // is the group they are counted among)
  const lastVerb = q.tokens.reduce((at, t, i) => (t.pos === 'VERB' || t.pos === 'AUX' ? i : at), -1);
  const copula = q.tokens[lastVerb]?.lemma.toLowerCase() === 'be';
  // a people or its adjective, not the country ("how many remain in Belarus" counts prisoners)
  const isPeople = (w: string): boolean => {
    const family = placeFamily(w);
    return family.length > 0 && family[0] !== family.find((f) => f === w.toLowerCase());
  };
  const peoples = copula ? q.tokens.slice(lastVerb + 1).filter((t) => isPeople(t.text)).map((t) => t.text) : [];
  return (peoples.length ? peoples : words).flatMap((w) => [w, ...measuredBy(w)]);
}
