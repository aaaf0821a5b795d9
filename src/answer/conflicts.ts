/**
 * Where the outlets disagree across the whole corpus: the same thing counted (same counted noun, or
 * the same country's people, and the same verb when both say one) with different figures in different
 * outlets. Each version keeps every article that gives it.
 */
import { stemWord } from '../text/analyse.js';
import { placeFamily } from '../facts/places.js';
import type { Knowledge } from '../search/knowledge.js';
import type { NumberMention } from '../types.js';
import { citedFact, outletKey } from './sources.js';
import type { Conflict } from './types.js';

/** Counted nouns too vague to compare ("people", "others"): two figures of them are rarely the same thing. */
const VAGUE = new Set([
  'people', 'person', 'others', 'other', 'one', 'ones', 'time', 'times', 'thing', 'things', 'way', 'ways', 'percent', 'per',
  'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'decade', 'decades',
  'position', 'spot', 'place', 'step', 'steps', 'point', 'points',
]);

/** Heads that mean "people of": "three Danish nationals" counts Danes. */
const PEOPLE_OF = new Set(['nationals', 'national', 'citizens', 'citizen', 'people', 'residents', 'natives']);

interface Mention {
  sentenceId: number;
  articleId: number;
  outlet: string;
  n: NumberMention;
  thing: string;
}

/** A key for what is counted: the country family for demonyms, else the stem of the head noun. */
function thingKey(counts: string): string | null {
  const words = counts.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);
  const head = words[words.length - 1];
  // a people ("Danes", "Danish nationals") is counted by its country; "Russian officers" are officers
  const people = head && (placeFamily(head).length ? [head] : PEOPLE_OF.has(head) ? words.slice(0, -1) : []);
  for (const w of people || []) {
    const fam = placeFamily(w);
    if (fam.length) return `place:${[...fam].sort()[0]}`;
  }
  if (!head || VAGUE.has(head)) return null;
  const mods = words.slice(0, -1).map((w) => stemWord(w));
  return [...mods, stemWord(head)].join(' ');
}


/** Every set of different figures that different outlets give for the same counted thing. */
export function corpusConflicts(k: Knowledge): Conflict[] {
  const mentions: Mention[] = [];
  for (const f of k.facts) {
    for (const n of f.numbers) {
      if (n.kind !== 'count' || !n.counts) continue;
      // "the No. 2 position" is a rank, not a count
      if (/\bNo\.?\s*$/.test(k.sentences[f.sentenceId]!.text.slice(0, n.start))) continue;
      const thing = thingKey(n.counts);
      if (!thing) continue;
      const s = k.sentences[f.sentenceId]!;
      mentions.push({ sentenceId: f.sentenceId, articleId: s.articleId, outlet: outletKey(k.articles[s.articleId]!), n, thing });
    }
  }
  const byThing = new Map<string, Mention[]>();
  for (const m of mentions) byThing.set(m.thing, [...(byThing.get(m.thing) ?? []), m]);

  const conflicts: Conflict[] = [];
  for (const list of byThing.values()) {
    // split by verb: "1,000 prisoners remain" is not "52 prisoners released", and a figure with no verb
    // ("the total 1,300 prisoners whose release …") is compared only with others that have none
    const verbs = [...new Set(list.map((m) => m.n.verb ?? ''))];
    const groups = verbs.map((v) => list.filter((m) => (m.n.verb ?? '') === v));
    for (const group of groups) {
      const values = new Map<number, Mention[]>();
      for (const m of group) values.set(m.n.value, [...(values.get(m.n.value) ?? []), m]);
      if (values.size < 2) continue;
      const outletsPerValue = [...values.values()].map((ms) => new Set(ms.map((m) => m.outlet)));
      const allOutlets = new Set(group.map((m) => m.outlet));
      // a disagreement needs two outlets, and a figure that some outlet gives without the other
      if (allOutlets.size < 2 || outletsPerValue.every((o) => o.size === allOutlets.size)) continue;
      if (!outletsPerValue.some((o, i) => outletsPerValue.some((p, j) => i !== j && [...o].some((x) => !p.has(x))))) continue;
      const label = group[0]!.n.counts!;
      const verb = group.find((m) => m.n.verb)?.n.verb;
      const claims = [...values.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([, ms]) => {
          const firstPerArticle = [...new Map(ms.map((m) => [m.articleId, m.sentenceId])).values()];
          return citedFact(k, firstPerArticle[0]!, undefined, firstPerArticle.slice(1));
        });
      const about = `${label}${verb ? ` (${verb})` : ''}`;
      if (!conflicts.some((c) => c.about === about)) conflicts.push({ about, claims });
    }
  }
  return conflicts;
}
