/** Reading one paragraph of an article file with YAML front matter, as the tests of extraction need it. */
import fs from 'node:fs';
import path from 'node:path';

/** The paragraph of `dir/rel` that contains `needle`, and the article's front-matter publication date. */
export function frontMatterParagraph(dir: string, rel: string, needle: string): { paragraph: string; published: string } {
  const raw = fs.readFileSync(path.join(dir, rel), 'utf8');
  const published = /^published:\s*(\S+)/m.exec(raw)?.[1];
  const paragraph = raw.split(/\n\s*\n/).find((p) => p.includes(needle));
  if (!published || !paragraph) throw new Error(`no ${needle} in ${rel}`);
  return { paragraph: paragraph.trim(), published };
}
