/** Engine results made up to test rendering at sizes the seed story does not reach, and an engine to give them. */
import type { Answer, EarlierTurn, SourceRef } from '../../src/answer/types.js';
import type { CoverageEngine } from '../../src/bot/command.js';
import type { Engine } from '../../src/engine.js';

/** One call of `ask` as the engine received it, with what it answered. */
export interface AskCall {
  question: string;
  /** A copy of the earlier turns given; undefined when none were passed. */
  earlier: EarlierTurn[] | undefined;
  answer: Answer;
}

/**
 * The engine, with `ask` replaceable so a test can make it fail or answer at a size the seeds never reach;
 * every call is recorded in `calls` with the earlier turns it was given.
 */
export function switchable(real: Engine): { engine: CoverageEngine; calls: AskCall[]; setAsk(fn: ((q: string, earlier?: readonly EarlierTurn[]) => Answer) | null): void } {
  let ask: ((q: string, earlier?: readonly EarlierTurn[]) => Answer) | null = null;
  const calls: AskCall[] = [];
  return {
    calls,
    setAsk(fn) {
      ask = fn;
    },
    engine: {
      stats: () => real.stats(),
      ask: (q, earlier) => {
        const answer = ask ? ask(q, earlier) : real.ask(q, earlier);
        calls.push({ question: q, earlier: earlier ? structuredClone([...earlier]) : undefined, answer });
        return answer;
      },
      about: (n) => real.about(n),
      names: (q, l) => real.names(q, l),
      quotes: (s) => real.quotes(s),
      speakers: (q, l) => real.speakers(q, l),
      timeline: () => real.timeline(),
      conflicts: () => real.conflicts(),
      brief: () => real.brief(),
      sources: () => real.sources(),
    },
  };
}

/** An answer reported by `n` articles, each with a long outlet name, a link and a long quote. */
export function widelyReported(n: number): Answer {
  const sources: SourceRef[] = Array.from({ length: n }, (_, i) => ({
    file: `outlet-${i}.txt`,
    outlet: `The Very Long Named Regional Evening Chronicle and Advertiser No. ${i}`,
    published: `2025-09-${String((i % 28) + 1).padStart(2, '0')}`,
    paragraph: (i % 9) + 1,
    quote: 'Fifty-two prisoners were released on Thursday.',
    url: `https://news.example/${i}/2025/09/11/a-very-long-article-slug-about-the-release-of-prisoners-at-the-border-crossing-${i}`,
    title: `Article ${i}`,
  }));
  const longText = `${'Officials said the group, which included people held for years, '.repeat(8)}crossed at noon.`;
  return {
    question: 'How many prisoners were released, and who @everyone confirmed it?',
    answered: true,
    tier: 'answer',
    answer: 'Fifty-two prisoners were released on Thursday.',
    confidence: 0.91,
    confidenceLabel: 'high',
    kind: 'how-many',
    facts: [
      { text: 'Fifty-two prisoners were released on Thursday.', sources },
      ...Array.from({ length: 12 }, (_, i) => ({ text: `${longText} (${i})`, sources: sources.slice(i, i + 3) })),
    ],
    conflicts: [
      {
        about: 'number of prisoners released',
        claims: [
          { text: 'Fifty-two prisoners were released.', sources: sources.slice(0, 2) },
          { text: 'Fifty prisoners were released.', sources: [{ ...sources[0]!, file: 'other.txt', outlet: 'Other Outlet' }] },
        ],
      },
    ],
    agreement: { reporting: n, total: n + 2, names: sources.map((s) => s.outlet ?? s.file) },
    ms: 3,
  };
}
