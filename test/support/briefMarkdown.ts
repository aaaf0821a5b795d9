/** Reading a Markdown brief back (ask --brief --format md): each line of coverage with the citation under it. */
import { expect } from 'chai';

/** Removes Markdown escapes, to compare with the article text. */
const unescapeMd = (s: string): string => s.replace(/\\(.)/g, '$1');

/** Each line of coverage in a Markdown brief with the file its citation line names first. */
export function markdownLines(md: string): Array<{ text: string; file: string; paragraph: number; citation: string }> {
  const lines = md.split('\n');
  const out: Array<{ text: string; file: string; paragraph: number; citation: string }> = [];
  lines.forEach((line, i) => {
    const item = /^(?:\d+\. |- )(.*)$/.exec(line);
    const citation = lines[i + 1];
    if (!item || !citation || !/^ {2,3}- /.test(citation)) return;
    const cited = /`([^`]+)` ¶(\d+)/.exec(citation);
    expect(cited, `citation without a file and paragraph: ${citation}`).to.not.equal(null);
    let text = item[1]!;
    text = text.replace(/^\*\*[^*]+\*\* — /, ''); // a development's date
    const quote = /^“(.*)” — \*\*.+\*\*$/.exec(text); // a quote and its speaker
    if (quote) text = quote[1]!;
    out.push({ text: unescapeMd(text), file: cited![1]!, paragraph: Number(cited![2]), citation });
  });
  return out;
}
