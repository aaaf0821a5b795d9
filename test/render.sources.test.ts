import { expect } from 'chai';
import { Engine } from '../src/engine.js';
import { pagesToText, renderAnswer } from '../src/render/embed.js';
import { seedsDir, story } from './support/paths.js';

/** The quote blocks of a rendered page, each with the citation numbers after it. */
function quoteBlocks(text: string): Array<{ quote: string; numbers: number[] }> {
  const out: Array<{ quote: string; numbers: number[] }> = [];
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('> ')) {
      lines = [];
      continue;
    }
    const m = /^(.*?)\s*\[([\d–, ]+)\]$/.exec(line.slice(2));
    if (!m) {
      lines.push(line.slice(2));
      continue;
    }
    const numbers = m[2]!.split(',').flatMap((run) => {
      const [a, b] = run.trim().split('–').map(Number);
      return b ? Array.from({ length: b - a! + 1 }, (_, i) => a! + i) : [a!];
    });
    out.push({ quote: [...lines, m[1]!].join(' ').trim(), numbers });
    lines = [];
  }
  return out;
}

// A reporter who opens source [n] must find there the words shown before [n]: an answer supported by other
// outlets in other words shows each outlet's own sentence, never one outlet's sentence under all of them.
describe('rendered answers: each source under its own words', function () {
  this.timeout(60_000);
  const cases: Array<[string, string[]]> = [
    [seedsDir, ['How many prisoners were freed?', 'When were the prisoners released?', 'Who brokered the deal?']],
    [story('2023-mine-rescue'), ['How many miners were brought out?', 'When did the rescue end?']],
  ];
  for (const [dir, questions] of cases) {
    it(`holds on ${dir.split('/').pop()}`, async () => {
      const engine = await Engine.load(dir);
      let checked = 0;
      for (const q of questions) {
        const a = engine.ask(q);
        if (!a.answered) continue;
        const best = a.facts[0]!;
        const text = pagesToText(renderAnswer(a)).replace(/\\([*_~`>|])/g, '$1');
        const sourcesLines = text.split("\n").filter((l) => /^\[\d+\] /.test(l));
        const blocks = quoteBlocks(text);
        for (const s of best.sources) {
          const n = sourcesLines.findIndex((l) => l.includes(s.file) || (s.outlet !== null && l.includes(s.outlet))) + 1;
          const block = blocks.find((b) => b.numbers.includes(n));
          expect(block, `${q}: a quote cites [${n}]`).to.not.equal(undefined);
          // the words shown are that source's own (the shown text is its quote, or an excerpt of it)
          const shown = block!.quote.replace(/^…|…$/g, '').replace(/\s+/g, ' ');
          expect(s.quote.replace(/\s+/g, ' '), `${q}: [${n}] ${s.outlet}`).to.include(shown.slice(0, 40));
          checked++;
        }
      }
      expect(checked, 'some sources checked').to.be.greaterThan(2);
    });
  }
});
