/**
 * One candidate sentence as the feature functions read it: the inputs, and the parts that several
 * features share (the sentence's content words, what is fresh in it, the question's terms), worked out
 * once per candidate; the costlier shared parts on first use.
 */
import type { AnalysedSentence, Token } from '../../text/analyse.js';
import { isMonthWord, WEEKDAY_NAMES } from '../../text/calendar.js';
import type { WordVectors } from '../../text/embeddings.js';
import type { SentenceFacts } from '../../types.js';
import type { ParsedQuestion } from '../question.js';
import { sameThing } from '../sameThing.js';
import type { FirstStage, QuestionContext } from './questionContext.js';
import { fitsSort } from './sorts.js';

export const YEARISH = /^(1[0-9]{3}|20[0-9]{2})s?$/;
const DATE_WORD = new RegExp(`^(century|centuries|decade|decades|${WEEKDAY_NAMES.join('|')}|today|yesterday|ago|bc|ad|bce|ce|bc\\.|a\\.d\\.|b\\.c\\.)$`, 'i');

/** What the extracted figures say of the thing a how-many question counts. */
export interface Counted {
  /** A figure counts the asked thing. */
  focus: number;
  /** … doing what the question asks about (or the question names no verb). */
  verb: number;
  /** … doing something else. */
  otherVerb: number;
}

export class Candidate {
  readonly q: ParsedQuestion;
  /** Folded words of the question. */
  readonly asked: Set<string>;
  readonly wantsNumber: boolean;
  readonly wantsDate: boolean;
  readonly wantsName: boolean;
  readonly termSet: Set<string>;
  /** The sentence's tokens but punctuation and spaces. */
  readonly content: Token[];
  /** Content tokens that are not words of the question. */
  readonly fresh: Token[];
  readonly freshNumber: boolean;
  readonly freshDate: boolean;
  readonly freshName: boolean;
  /** The question's index terms. */
  readonly qTerms: Set<string>;
  private countedMemo: Counted | null = null;
  private sortFitMemo: boolean | null | undefined;
  private headMemo: { fresh: number; name: number } | null = null;

  constructor(
    readonly ctx: QuestionContext,
    readonly sentence: AnalysedSentence,
    readonly terms: readonly string[],
    readonly first: FirstStage,
    readonly vectors: WordVectors | null,
    readonly facts: SentenceFacts | undefined,
    /** Question name terms the sentence carries by referring back ("the airline" for the airline named before). */
    readonly referred: readonly string[],
  ) {
    const { q, asked } = ctx;
    this.q = q;
    this.asked = asked;
    this.wantsNumber = q.kind === 'how-many';
    this.wantsDate = q.kind === 'when';
    this.wantsName = q.kind === 'who' || q.kind === 'where' || q.kind === 'which';
    this.termSet = new Set(terms);
    this.content = sentence.tokens.filter((t) => t.pos !== 'PUNCT' && t.pos !== 'SPACE');
    this.fresh = this.content.filter((t) => !asked.has(t.norm));
    this.freshNumber = this.fresh.some((t) => t.pos === 'NUM') || sentence.entities.some((e) => /CARDINAL|MONEY|PERCENT|QUANTITY/.test(e.type) && !asked.has(e.text.toLowerCase()));
    this.freshDate =
      sentence.entities.some((e) => /DATE|TIME/.test(e.type) && !asked.has(e.text.toLowerCase())) ||
      this.fresh.some((t) => YEARISH.test(t.text) || isMonthWord(t.text) || DATE_WORD.test(t.text));
    this.freshName = this.fresh.some((t) => t.pos === 'PROPN');
    this.qTerms = new Set(ctx.words.map((w) => w.term));
  }

  /** A what or other question, which names no sort of answer. */
  get openKind(): boolean {
    return this.q.kind === 'what' || this.q.kind === 'other';
  }

  /** Figures counting the asked thing (how-many questions). */
  get counted(): Counted {
    if (this.countedMemo) return this.countedMemo;
    const { ctx, facts, asked, vectors } = this;
    const c: Counted = { focus: 0, verb: 0, otherVerb: 0 };
    if (facts && ctx.counted.length) {
      for (const n of facts.numbers) {
        if (n.kind !== 'count' || !n.counts || asked.has(n.raw.toLowerCase())) continue;
        const words = n.counts.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);
        if (!words.some((w) => ctx.counted.some((x) => sameThing(x, w, vectors)))) continue;
        c.focus = 1;
        if (!ctx.verbs.length || (n.verb && ctx.verbs.some((v) => sameThing(v, n.verb!, vectors)))) c.verb = 1;
        else if (n.verb) c.otherVerb = 1;
      }
    }
    return (this.countedMemo = c);
  }

  /** Whether the sentence holds the sort of answer asked for; null when the question names none, or there are no facts. */
  get sortFit(): boolean | null {
    if (this.sortFitMemo === undefined) this.sortFitMemo = this.facts ? fitsSort(this.q, this.sentence, this.facts, this.asked) : null;
    return this.sortFitMemo;
  }

  /**
   * The sort of thing asked for named fresh in the sentence ("what venue" → "stadium"): how close the
   * closest noun is; and whether a name stands next to a word for it ("at Levi's Stadium", "networks CBS and NBC").
   */
  get head(): { fresh: number; name: number } {
    if (this.headMemo) return this.headMemo;
    const { ctx, vectors, content, asked } = this;
    let fresh = 0;
    let name = 0;
    if (ctx.head && vectors) {
      const head = ctx.head;
      // how close each noun is to the asked sort (the word itself: 1), once per token
      const closeness = content.map((t) => {
        if (t.pos !== 'NOUN' && t.pos !== 'PROPN') return -Infinity;
        const lemma = t.lemma.toLowerCase();
        return lemma === head ? 1 : vectors.similarity(head, lemma);
      });
      content.forEach((t, i) => {
        if (closeness[i] === -Infinity || asked.has(t.norm)) return;
        fresh = Math.max(fresh, closeness[i]!);
        if (name || t.pos !== 'PROPN') return;
        for (let j = Math.max(0, i - 3); j <= Math.min(content.length - 1, i + 3); j++) if (j !== i && closeness[j]! >= 0.5) name = 1;
      });
    }
    return (this.headMemo = { fresh, name });
  }
}
