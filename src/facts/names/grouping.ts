/**
 * Grouping every name mentioned in a corpus with its spelling variants, so that every spelling of one
 * name ("Zelenskyy", "Mr Zelensky", "Volodymyr Zelensky") shares a key.
 */
import type { EntityKind, EntityMention, NameGroup } from '../../types.js';
import { isGivenName } from '../givenNames.js';
import { sameSkeleton, skeletonOf } from '../nameKey.js';
import {
  UnionFind, analyseForm, compatible, dominantKind, forCandidatePairs, holds, initialsOf, isPlural, personLike, pushTo,
  sameFullName, sortedUnique, soundClass, type Form,
} from './forms.js';

/** How much more often the leading full name must be mentioned for a shared surname to go to it. */
const DOMINANT_RATIO = 3;
/** A surname mentioned alone more than this many times as often as its full name stays apart. */
const MAX_SURNAME_RATIO = 20;

/**
 * Groups every name mentioned in the corpus with its spelling variants: same skeleton (diacritics,
 * transliteration: Zelenskyy / Zelensky), full names whose surname and given name agree
 * (Mykhailo Fedorov / Mikhail Fedorov), surname-only and titled mentions joined to the one
 * full name they can belong to, acronyms to their one expansion (EU / European Union), and the names of
 * one country (UK / Britain). The display is the most frequent full form; the key is the kind plus the
 * skeleton of the display, so it is stable for one corpus.
 */
export function groupNames(mentions: Array<{ sentenceId: number; mention: EntityMention }>): NameGroup[] {
  const tally = new NameTally();
  for (const { sentenceId, mention } of mentions) tally.add(sentenceId, mention);
  return tally.groups();
}

/**
 * The mentions {@link groupNames} needs, counted per written form as they are read: a large corpus has
 * millions of mentions but far fewer forms, so a caller reading a corpus article by article need not
 * keep one object per mention until the end.
 */
export class NameTally {
  private readonly byText = new Map<string, Form>();

  add(sentenceId: number, mention: Pick<EntityMention, 'text' | 'kind' | 'start'>): void {
    const text = mention.text.replace(/(?:['’]s|['’])$/u, '').trim();
    if (!text) return;
    let f = this.byText.get(text);
    if (!f) {
      f = {
        ...analyseForm(text),
        count: 0,
        votes: { person: 0, place: 0, organisation: 0, other: 0 },
        sentences: [],
        initialOnly: true,
      };
      this.byText.set(text, f);
    }
    f.count++;
    if (mention.start > 2) f.initialOnly = false;
    f.votes[mention.kind]++;
    // sentences usually come in order, so a repeat is usually the last one seen (sorted out in groups())
    if (f.sentences[f.sentences.length - 1] !== sentenceId) f.sentences.push(sentenceId);
  }

  /** The groups of every name added (see {@link groupNames}); the tally is not to be used after. */
  groups(): NameGroup[] {
    for (const f of this.byText.values()) f.sentences = sortedUnique(f.sentences);
    return groupForms([...this.byText.values()]);
  }
}

function groupForms(unsorted: Form[]): NameGroup[] {
  const forms = unsorted.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const kinds = forms.map((f) => dominantKind(f.votes));
  const uf = new UnionFind(forms.length);

  // same skeleton, or the same known place under another name; a known place only meets other spellings
  // of itself, so "Albania" and "Albany" stay apart even though their skeletons agree
  const bySkel = new Map<string, number>();
  const byPlace = new Map<string, number>();
  forms.forEach((f, i) => {
    const k = f.place ? `place ${f.words.join(' ')}` : f.skel.join(' ');
    const j = bySkel.get(k);
    if (j === undefined) bySkel.set(k, i);
    else uf.union(i, j);
    if (f.place) {
      const p = byPlace.get(f.place);
      if (p === undefined) byPlace.set(f.place, i);
      else uf.union(i, p);
    }
  });

  const multi = forms
    .map((f, i) => i)
    .filter((i) => {
      const f = forms[i]!;
      return f.core.length >= 2 && personLike(f, kinds[i]!) && !f.acronymWord && !f.placeFirst;
    });
  const single = forms
    .map((f, i) => i)
    .filter((i) => {
      const f = forms[i]!;
      // a word only ever seen opening a sentence is too weak to join anything
      const weak = f.initialOnly && kinds[i] === 'other';
      return f.words.length === 1 && !f.acronym && !f.place && !f.orgSuffix && !f.acronymWord && !weak;
    });
  const lastSkel = (i: number) => forms[i]!.coreSkel[forms[i]!.coreSkel.length - 1]!;

  // full names spelled differently
  forCandidatePairs(multi, lastSkel, (a, b) => {
    if (compatible(kinds[a]!, kinds[b]!) && sameFullName(forms[a]!, forms[b]!, kinds[a] === 'person' && kinds[b] === 'person')) uf.union(a, b);
  });
  // one-word names: spelling variants of people's surnames, and plurals of anything ("Clinton", "Clintons")
  forCandidatePairs(single, (i) => forms[i]!.skel[0]!, (x, y) => {
    const a = forms[x]!;
    const b = forms[y]!;
    if (!compatible(kinds[x]!, kinds[y]!)) return;
    // two people's surnames may differ by a final s (Roger / Rogers); families and groups may not
    const people = kinds[x] === 'person' && kinds[y] === 'person';
    if (people ? sameSkeleton(a.words[0]!, a.skel[0]!, b.words[0]!, b.skel[0]!) : isPlural(a.words[0]!, b.words[0]!)) uf.union(x, y);
  });

  // a surname alone joins the full name it can belong to: the only one, or one mentioned far more often
  // than any other with that surname (Donald Trump, not Donald Trump Jr.)
  const lastOf = new Map<string, Array<{ m: number; w: string; s: string; person: boolean }>>();
  for (const m of multi) {
    const f = forms[m]!;
    const sk = lastSkel(m);
    pushTo(lastOf, soundClass(sk), { m, w: f.core[f.core.length - 1]!, s: sk, person: kinds[m] === 'person' });
  }
  const rootSize = new Map<number, number>();
  forms.forEach((f, i) => rootSize.set(uf.find(i), (rootSize.get(uf.find(i)) ?? 0) + f.count));
  const singleRoots = new Map<number, number[]>();
  for (const i of single) {
    const f = forms[i]!;
    if (!personLike(f, kinds[i]!) || f.text === f.text.toUpperCase()) continue;
    // a given name alone ("Michael") is more often someone else than the surname of a full name
    if (kinds[i] !== 'person' && isGivenName(f.words[0]!)) continue;
    pushTo(singleRoots, uf.find(i), i);
  }
  const joins: Array<[number, number]> = [];
  for (const [root, members] of singleRoots) {
    const exactTargets = new Set<number>();
    const fuzzyTargets = new Set<number>();
    for (const i of members) {
      const f = forms[i]!;
      const person = kinds[i] === 'person';
      for (const l of lastOf.get(soundClass(f.skel[0]!)) ?? []) {
        // one side must be known as a person, or "World" would join "Walt Disney World"; a spelling that
        // is only similar needs both sides known as people
        if (f.skel[0] === l.s) {
          if (person || l.person) exactTargets.add(uf.find(l.m));
        } else if (person && l.person && sameSkeleton(f.words[0]!, f.skel[0]!, l.w, l.s)) {
          fuzzyTargets.add(uf.find(l.m));
        }
      }
    }
    const targets = exactTargets.size ? exactTargets : fuzzyTargets;
    targets.delete(root);
    const size = (r: number | undefined) => (r === undefined ? 0 : rootSize.get(r) ?? 0);
    const ranked = [...targets].sort((a, b) => size(b) - size(a) || a - b);
    const top = ranked[0];
    if (top === undefined) continue;
    if (ranked.length > 1 && size(top) < DOMINANT_RATIO * size(ranked[1])) continue;
    // a word not known as a person and used far more often alone than the full name is a word of its own
    // ("Huguenots" is not the surname of "Norman Huguenots"); "Mr. Stone" may well outnumber "Roger Stone"
    const knownPerson = members.some((i) => kinds[i] === 'person');
    if (!knownPerson && size(root) > MAX_SURNAME_RATIO * size(top)) continue;
    joins.push([root, top]);
  }
  // joined after the search so that one join does not change which full names another surname sees
  for (const [a, b] of joins) uf.union(a, b);

  // an acronym joins its one expansion, when the expansion is clearly an organisation or place, or the two
  // appear close together (an expansion is usually spelled out next to its acronym)
  const expansions = new Map<string, number[]>();
  forms.forEach((g, j) => {
    if (g.words.length < 2 || kinds[j] === 'person' || g.acronymWord) return;
    pushTo(expansions, initialsOf(g.text), j);
  });
  forms.forEach((f, i) => {
    if (!f.acronym) return;
    const cands = expansions.get(f.words[0]!) ?? [];
    const roots = new Set(cands.map((j) => uf.find(j)));
    if (roots.size !== 1) return;
    const near = cands.some((j) => {
      const g = forms[j]!;
      if (g.orgSuffix || g.place) return true;
      for (const s of f.sentences) for (let d = -3; d <= 3; d++) if (holds(g.sentences, s + d)) return true;
      return false;
    });
    if (near) uf.union(i, [...roots][0]!);
  });

  const members = new Map<number, number[]>();
  forms.forEach((_, i) => {
    const r = uf.find(i);
    pushTo(members, r, i);
  });

  const groups: NameGroup[] = [];
  for (const idx of members.values()) {
    const fs = idx.map((i) => forms[i]!);
    const votes: Record<EntityKind, number> = { person: 0, place: 0, organisation: 0, other: 0 };
    for (const f of fs) for (const k of Object.keys(votes) as EntityKind[]) votes[k] += f.votes[k];
    const kind = dominantKind(votes);
    // a lone capitalised word seen only at the start of sentences is a common word ("Thousands", "Top")
    if (kind === 'other' && fs.every((f) => f.initialOnly && f.words.length === 1)) continue;
    const display = pickDisplay(fs);
    const sentences = new Set<number>();
    for (const f of fs) for (const s of f.sentences) sentences.add(s);
    groups.push({
      key: `${kind}:${skeletonOf(display).join('-')}`,
      display,
      kind,
      variants: [...fs].sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1)).map((f) => f.text),
      sentences: [...sentences].sort((a, b) => a - b),
    });
  }
  groups.sort((a, b) => b.sentences.length - a.sentences.length || (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  // equal skeletons of unrelated names would share a key; number the later ones
  const seen = new Map<string, number>();
  for (const g of groups) {
    const n = seen.get(g.key) ?? 0;
    seen.set(g.key, n + 1);
    if (n > 0) g.key = `${g.key}~${n + 1}`;
  }
  return groups;
}

/** The most frequent full form, preferring mixed case over a dateline's capitals. */
function pickDisplay(fs: Form[]): string {
  const shouting = (f: Form) => !f.acronym && f.text === f.text.toUpperCase();
  const pool0 = fs.filter((f) => !shouting(f));
  const pool1 = pool0.length ? pool0 : fs;
  const full = pool1.filter((f) => f.core.length >= 2);
  const pool = full.length ? full : pool1;
  const best = [...pool].sort(
    (a, b) => b.count - a.count || b.text.length - a.text.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
  )[0];
  return best?.text ?? fs[0]?.text ?? '';
}
