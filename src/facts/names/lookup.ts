/**
 * Looking names up in a corpus's groups: the group of a mention as written (keying the facts' entities),
 * of a name typed by a user (exact, same skeleton, prefix, fuzzy), and of a name written in a question.
 * A {@link NameIndex} belongs to one group list; the engine keeps one per corpus in its context.
 */
import Fuse from 'fuse.js';
import type { EntityMention, NameGroup } from '../../types.js';
import { nameWords, sameSkeleton, sameWord, skeletonWord } from '../nameKey.js';
import { TITLES, TITLE_MODIFIERS } from './lexicon.js';

interface VariantEntry {
  g: number;
  /** Folded words joined by spaces. */
  text: string;
  words: string[];
  skels: string[];
}

/** Every spelling of every group, as written and folded. */
interface Spellings {
  exact: Map<string, NameGroup>;
  folded: Map<string, NameGroup>;
}

/** What a typed name is looked up in. */
interface FuzzyIndex {
  skeleton: Map<string, NameGroup>;
  entries: VariantEntry[];
  fuse: Fuse<VariantEntry>;
}

function spellingsOf(groups: readonly NameGroup[]): Spellings {
  const exact = new Map<string, NameGroup>();
  const folded = new Map<string, NameGroup>();
  groups.forEach((g) => {
    for (const v of g.variants) {
      if (!exact.has(v)) exact.set(v, g);
      const f = nameWords(v).join(' ');
      // groups are sorted by mentions, so a form shared by two groups resolves to the bigger one
      if (!folded.has(f)) folded.set(f, g);
    }
  });
  return { exact, folded };
}

function fuzzyIndex(groups: readonly NameGroup[]): FuzzyIndex {
  const skeleton = new Map<string, NameGroup>();
  const entries: VariantEntry[] = [];
  groups.forEach((g, gi) => {
    for (const v of g.variants) {
      const words = nameWords(v);
      const skels = words.map(skeletonWord);
      const sk = skels.join(' ');
      if (!skeleton.has(sk)) skeleton.set(sk, g);
      entries.push({ g: gi, text: words.join(' '), words, skels });
    }
  });
  const fuse = new Fuse(entries, { keys: ['text'], includeScore: true, threshold: 0.3, ignoreLocation: true });
  return { skeleton, entries, fuse };
}

/** Folded words of a name typed by a user, without titles or a possessive: "Mr Zelenskyy's" → zelenskyy. */
function queryWords(query: string): string[] {
  const ws = nameWords(query.replace(/(?:['’]s|['’])(?=\s|$)/gu, ''));
  let i = 0;
  while (i < ws.length - 1 && (TITLES.has(ws[i]!) || TITLE_MODIFIERS.has(ws[i]!))) i++;
  return ws.slice(i);
}

/**
 * The lookups of one group list, which is treated as immutable. Lookups repeat on it (autocomplete,
 * every question), so what they read is made once: the exact and folded spellings on the first lookup,
 * and what a typed name is looked up in (skeletons, every variant's words, a fuse.js index) on the first
 * fuzzy one, not at the end of a cold load, whose peak memory it added to.
 */
export class NameIndex {
  private spellingsMemo: Spellings | null = null;
  private fuzzyMemo: FuzzyIndex | null = null;

  constructor(readonly groups: readonly NameGroup[]) {}

  private get spellings(): Spellings {
    return (this.spellingsMemo ??= spellingsOf(this.groups));
  }

  private get fuzzy(): FuzzyIndex {
    return (this.fuzzyMemo ??= fuzzyIndex(this.groups));
  }

  /**
   * Names matching what a user typed, best first: an exact spelling (any case or accents), a spelling
   * with the same skeleton ("Zelenskiy"), names whose words start with the typed words ("zel"), then
   * fuzzy matches over every variant ("Zelensy"). Ties go to the name mentioned in more sentences.
   */
  find(query: string, limit = 10): NameGroup[] {
    return this.rank(query)
      .slice(0, limit)
      .map(([gi]) => this.groups[gi]!);
  }

  /** Scores of the groups matching a query, best first, as [group index, score]. */
  private rank(query: string): Array<[number, number]> {
    const { groups } = this;
    const qw = queryWords(query);
    if (!qw.length || !groups.length) return [];
    const q = qw.join(' ');
    const qs = qw.map(skeletonWord);
    const qsk = qs.join(' ');
    const score = new Map<number, number>();
    const bump = (gi: number, s: number) => score.set(gi, Math.max(score.get(gi) ?? 0, s));

    for (const e of this.fuzzy.entries) {
      if (e.text === q) bump(e.g, 1);
      else if (e.skels.join(' ') === qsk) bump(e.g, 0.95);
      else if (e.text.startsWith(q)) bump(e.g, 0.9);
      // every typed word starts, or spells, a word of the name: "don trump", "zelenskiy"
      else if (qw.every((w, i) => e.words.some((x, j) => x.startsWith(w) || (w.length >= 4 && sameSkeleton(w, qs[i]!, x, e.skels[j]!))))) {
        bump(e.g, 0.85);
      }
    }
    for (const r of this.fuzzy.fuse.search(q)) bump(r.item.g, 0.8 * (1 - (r.score ?? 1)));
    return [...score.entries()]
      .filter(([, s]) => s >= 0.3)
      .sort((a, b) => b[1] - a[1] || groups[b[0]]!.sentences.length - groups[a[0]]!.sentences.length || a[0] - b[0]);
  }

  /**
   * The key of the group whose spellings include `text` as written (case and accents aside), or undefined.
   * A lookup in a table: cheap enough for every question, unlike {@link keyOf}'s fuzzy search.
   */
  spelledKeyOf(text: string): string | undefined {
    return this.spelledGroupOf(text)?.key;
  }

  /** The group whose spellings include `text` as written (case and accents aside), as {@link spelledKeyOf}. */
  spelledGroupOf(text: string): NameGroup | undefined {
    const qw = queryWords(text);
    return qw.length && this.groups.length ? this.spellings.folded.get(qw.join(' ')) : undefined;
  }

  /**
   * The key of the group a name written in a question belongs to ("Zelenskiy", "walesa", "Mr Trump"),
   * or undefined when no group is a confident match: an exact or same-skeleton spelling, a surname carried
   * by one name only, every typed word spelling a word of one name, or a close fuzzy match.
   */
  keyOf(text: string): string | undefined {
    const { groups } = this;
    const qw = queryWords(text);
    if (!qw.length || !groups.length) return undefined;
    const exact = this.spellings.folded.get(qw.join(' ')) ?? this.fuzzy.skeleton.get(qw.map(skeletonWord).join(' '));
    if (exact) return exact.key;
    if (qw.length === 1) {
      const hits = new Set<number>();
      for (const e of this.fuzzy.entries) {
        if (e.words.length > 1 && sameWord(qw[0]!, e.words[e.words.length - 1]!)) hits.add(e.g);
      }
      if (hits.size === 1) return groups[[...hits][0]!]!.key;
    }
    const ranked = this.rank(text);
    const top = ranked[0];
    if (!top) return undefined;
    const group = groups[top[0]]!;
    const spelled = qw.every((w) => this.fuzzy.entries.some((e) => e.g === top[0] && e.words.some((x) => x === w || (w.length >= 4 && sameWord(w, x)))));
    if (spelled) return group.key;
    // a fuzzy match counts only when close and clearly ahead of the next name
    const next = ranked[1]?.[1] ?? 0;
    return top[1] >= 0.65 && top[1] - next >= 0.1 ? group.key : undefined;
  }

  /**
   * Puts the group keys on mentions read by extractEntities, so that every spelling of one name carries
   * the same key. A mention whose own sentence gave no cue to its kind takes its group's ("Newton's
   * hands" is the person introduced as "quarterback Cam Newton").
   */
  withGroupKeys(mentions: EntityMention[]): EntityMention[] {
    const { exact, folded } = this.spellings;
    return mentions.map((m) => {
      // grouping has already decided where each mention belongs: a mention it dropped stays without a
      // group rather than being matched fuzzily again (which also made loading slow on large corpora)
      const text = m.text.replace(/(?:['’]s|['’])$/u, '').trim();
      const group = exact.get(text) ?? folded.get(queryWords(text).join(' '));
      if (!group) return m;
      if (m.kind !== 'other' || group.kind === 'other') return { ...m, key: group.key };
      return { ...m, key: group.key, kind: group.kind, ownKind: m.kind };
    });
  }
}
