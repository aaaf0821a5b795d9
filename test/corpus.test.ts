import { expect } from 'chai';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { splitFrontMatter } from '../src/corpus/frontMatter.js';
import { CorpusError, loadCorpus, parseArticle } from '../src/corpus/load.js';
import { normaliseDate } from '../src/corpus/metadata.js';
import { formatReport } from '../src/corpus/report.js';
import type { Article, LoadResult } from '../src/types.js';
import { buildParagraphs, splitLines } from '../src/corpus/paragraphs.js';

import { expectVerbatim, frontMatterChecks } from './support/corpusChecks.js';
import { seedsDir, squadFixtureDir, storiesDir } from './support/paths.js';

async function expectCorpusError(dir: string, code: string): Promise<CorpusError> {
  try {
    await loadCorpus(dir);
  } catch (err) {
    expect(err).to.be.instanceOf(CorpusError);
    expect((err as CorpusError).code).to.equal(code);
    return err as CorpusError;
  }
  throw new Error(`expected CorpusError ${code} for ${dir}`);
}

describe('corpus: the five seed articles (raw pasted pages)', () => {
  let seeds: LoadResult;
  const byPrefix = (prefix: string): Article => {
    const a = seeds.articles.find((x) => x.file.startsWith(prefix));
    if (!a) throw new Error(`no seed ${prefix}`);
    return a;
  };
  const texts = (a: Article): string[] => a.paragraphs.map((p) => p.text);
  const reasonOf = (a: Article, fragment: string): string | undefined => a.stripped.find((s) => s.text.includes(fragment))?.reason;

  before(async () => {
    seeds = await loadCorpus(seedsDir);
  });

  it('loads all five in file order with no problems', () => {
    expect(seeds.problems).to.deep.equal([]);
    expect(seeds.articles.map((a) => a.file)).to.deep.equal([...seeds.articles.map((a) => a.file)].sort());
    expect(seeds.articles.map((a) => a.id)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(seeds.root).to.equal(seedsDir);
  });

  it('reads the publication date where the page states one, and only there', () => {
    expect(byPrefix('000').meta.published).to.equal(undefined);
    expect(byPrefix('001').meta.published).to.equal('2025-09-12');
    expect(byPrefix('001').metaOrigin.published?.evidence).to.equal('September 12, 2025, 00:07 IST');
    expect(byPrefix('002').meta.published).to.equal('2025-09-12');
    expect(byPrefix('003').meta.published).to.equal('2025-09-11');
    expect(byPrefix('004').meta.published).to.equal(undefined);
  });

  it('takes the headline line as the title and leaves it out of the paragraphs', () => {
    const titles: Record<string, string> = {
      '000': 'Belarus frees 52 prisoners after Trump’s intervention, Lithuanian president says',
      '002': 'Belarus Frees 52 Prisoners as Leaders Praise Trump',
      '004': 'Belarus frees 52 prisoners after talks with Trump envoy',
    };
    for (const [prefix, title] of Object.entries(titles)) {
      const a = byPrefix(prefix);
      expect(a.meta.title, prefix).to.equal(title);
      expect(a.metaOrigin.title).to.deep.equal({ source: 'inferred', evidence: title });
      expect(texts(a), prefix).to.not.include(title);
    }
    // 001 and 003 print no headline: nothing is guessed
    expect(byPrefix('001').meta.title).to.equal(undefined);
    expect(byPrefix('003').meta.title).to.equal(undefined);
  });

  it('reads outlet, byline and dateline lines', () => {
    const a0 = byPrefix('000');
    expect(a0.meta.outlet).to.equal('Euronews');
    expect(a0.meta.author).to.equal('Rory Sullivan');
    expect(reasonOf(a0, 'Rory Sullivan')).to.equal('byline');
    expect(a0.stripped.filter((s) => s.text === 'Euronews')).to.have.length(2);

    const a4 = byPrefix('004');
    expect(a4.meta.outlet).to.equal('Anadolu Agency');
    expect(a4.metaOrigin.outlet?.evidence).to.match(/^Anadolu Agency website contains only a portion/);
    expect(a4.meta.dateline).to.equal('ISTANBUL');
    expect(texts(a4)).to.not.include('ISTANBUL');

    const a2 = byPrefix('002');
    expect(a2.meta.author).to.equal('Newser Editors and Wire Services');
    expect(a2.metaOrigin.published?.evidence).to.equal('Posted Sep 12, 2025 7:42 AM CDT');
    // outlets are never invented for pages that do not name one
    expect(byPrefix('001').meta.outlet).to.equal(undefined);
    expect(byPrefix('003').meta.outlet).to.equal(undefined);
  });

  it('strips prompts, Read More, captions and disclaimers, each with a reason', () => {
    const a0 = byPrefix('000');
    for (const prompt of ['Get all your news in one place.', 'Sign up to read this article', 'Already a member? Sign in here', 'Download the app', 'Fourteen days free', 'One app. One membership.']) {
      expect(reasonOf(a0, prompt), prompt).to.equal('subscription prompt');
    }
    expect(reasonOf(a0, 'Related Stories')).to.equal('related-story header');
    expect(reasonOf(a0, 'speaks during a presser')).to.equal('photo caption');

    const a1 = byPrefix('001');
    expect(reasonOf(a1, 'Read More')).to.equal('read-more link');
    expect(reasonOf(a1, 'Last Updated:')).to.equal('timestamp label');
    expect(reasonOf(a1, '(Image: AP)')).to.equal('photo caption');

    const a2 = byPrefix('002');
    expect(reasonOf(a2, '(AP Photo/Mindaugas Kulbis, File)')).to.equal('photo caption');
    expect(reasonOf(a2, 'World')).to.equal('section label');

    const a3 = byPrefix('003');
    expect(reasonOf(a3, 'Photograph: Alexander Zemlianichenko/AP')).to.equal('photo caption');
    expect(reasonOf(a3, 'date 2025-09-11')).to.equal('date line');
    expect(a3.paragraphs[0]?.text).to.equal('Belarus has released 52 prisoners of various nationalities after an appeal from US president Donald Trump.');

    expect(reasonOf(byPrefix('004'), 'contains only a portion')).to.equal('agency or website disclaimer');

    const furniture = /Sign in|Sign up|Read More|Photograph:|\(AP Photo|\(Image:|contains only a portion|Last Updated|Download the app|Related Stories/;
    for (const a of seeds.articles) {
      for (const t of texts(a)) expect(t, a.file).to.not.match(furniture);
    }
  });

  it('keeps the body copy of a repeated sentence and one copy of a repeated standfirst', () => {
    const a1 = byPrefix('001');
    const arrival = texts(a1).filter((t) => t.includes('confirmed the safe arrival of the freed prisoners'));
    expect(arrival).to.have.length(1);
    expect(arrival[0]).to.match(/he posted on X\.$/);
    expect(reasonOf(a1, 'Lithuanian President Gitanas Nauseda confirmed')).to.equal('repeated in a longer paragraph');

    const a4 = byPrefix('004');
    const standfirst = texts(a4).filter((t) => t.startsWith('14 foreign nationals, including Lithuanians'));
    expect(standfirst).to.have.length(1);
    expect(texts(a4)).to.include(
      'US eases some sanctions on Belarus airline as Lithuanian president says \'52 prisoners safely crossed the Lithuanian border from Belarus today, leaving behind barbed wire, barred windows and constant fear\'',
    );
  });

  it('keeps real reporting: sentences, bullets and embedded posts', () => {
    expect(texts(byPrefix('000'))).to.include(
      'Belarus, a country of roughly 9.5 million people, has been ruled by Lukashenka for more than three decades.',
    );
    expect(texts(byPrefix('001')).some((t) => t.includes('I am deeply grateful to the United States'))).to.equal(true);
    const bullets = texts(byPrefix('002')).filter((t) => /^(Belarus, a close ally|But for more than a year|Among those released Thursday|In a post on X|Shortly before|Coale said)/.test(t));
    expect(bullets).to.have.length(6);
    expect(texts(byPrefix('002'))).to.include('Political prisoners were released into Lithuania');
    expect(texts(byPrefix('004'))).to.include('The relief will allow Belavia to service and purchase components for its existing Boeing fleet.');
    expect(byPrefix('003').paragraphs).to.have.length(20);
    // the closing wire credit is not part of the last sentence
    expect(byPrefix('003').paragraphs.at(-1)?.text).to.match(/chose their own fate\.$/);
  });

  it('keeps every paragraph verbatim from its file, numbered from 1', async () => {
    await expectVerbatim(seeds);
    for (const a of seeds.articles) expect(a.paragraphs.map((p) => p.index)).to.deep.equal(a.paragraphs.map((_p, i) => i + 1));
  });

  it('parseArticle gives the same article as the loader, without I/O', async () => {
    const file = '000_65e4f0e3e527f919.txt';
    const text = await readFile(path.join(seedsDir, file), 'utf8');
    expect(parseArticle(file, text, 0)).to.deep.equal(byPrefix('000'));
  });

  it('formatReport lists inferred fields with their evidence, stripped lines and problems', () => {
    const report = formatReport(seeds);
    expect(report).to.include('5 articles loaded, 0 problems');
    expect(report).to.include('outlet: Euronews  ← "Euronews"');
    expect(report).to.include('published: 2025-09-11  ← "date 2025-09-11"');
    expect(report).to.include('- read-more link: "Read More"');
    expect(report).to.include('paragraphs kept: 20');
    expect(report).to.include('Problems: none.');
  });
});

describe('corpus: multi-outlet fixture stories (front matter)', () => {
  frontMatterChecks(storiesDir, {
    articles: 9,
    first: '2021-treasurer-pleads-guilty/capitol-wire.txt',
    outlets: ['Capitol Wire', 'Harbor News', 'Lakeside Tribune', 'Metro Daily', 'State Journal', 'The Evening Post', 'The Northern Ledger', 'Valley Courier', 'Westmark Radio'],
    minParagraphs: 2,
    datelines: { '2021-treasurer-pleads-guilty/capitol-wire.txt': 'WASHINGTON', '2023-mine-rescue/valley-courier.txt': 'DUNMORE', '2023-mine-rescue/northern-ledger.txt': undefined },
  });
});

describe('corpus: SQuAD articles (test/fixtures/squad)', () => {
  it('loads the four Wikipedia articles with no problems and no stripping', async () => {
    const result = await loadCorpus(squadFixtureDir);
    expect(result.problems).to.deep.equal([]);
    expect(result.articles.map((a) => a.meta.title)).to.deep.equal(['American Broadcasting Company', 'Doctor Who', 'Oxygen', 'Super Bowl 50']);
    for (const a of result.articles) expect(a.stripped, a.file).to.deep.equal([]);
    await expectVerbatim(result);
  });

  it('rejoins lines that the export broke at chemical subscripts', async () => {
    const result = await loadCorpus(squadFixtureDir);
    const oxygen = result.articles.find((a) => a.file === 'Oxygen.txt');
    const joined = oxygen?.paragraphs.find((p) => p.text.includes('aluminium (aluminium oxide Al 2O 3, in bauxite and corundum)'));
    expect(joined?.text).to.match(/^Oxygen is present in the atmosphere/);
    // "… partial pressure of O" + "2 in the breathing gas": the subscript of a symbol, not a new sentence
    expect(oxygen?.paragraphs.filter((p) => /^2 \p{Ll}/u.test(p.text)).map((p) => p.text)).to.deep.equal([]);
    expect(oxygen?.paragraphs.some((p) => p.text.includes('Increased O 2 concentration in the lungs'))).to.equal(true);
  });

  it('still starts a new paragraph at a line that opens with a number after a headline', () => {
    const lines = splitLines('Prisoners Freed At The Border\n14 nationals were released on Thursday.');
    expect(buildParagraphs(lines)).to.have.length(2);
  });
});

describe('corpus: bad files and bad folders', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'corpus-test-'));
  });
  afterEach(async () => {
    await chmod(path.join(dir, 'locked.txt'), 0o644).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  const good = 'Storm closes port\n\nA storm closed the port on Monday, stranding 40 ships, the harbour master said.\n';

  it('skips each bad file with a message and still loads the good ones', async () => {
    await writeFile(path.join(dir, 'good.txt'), good);
    await writeFile(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0x00]));
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'blank.md'), '  \n\n\t\n');
    await writeFile(path.join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 owners said prices rose by 20 percent this year, the survey found.', 'latin1'));
    await writeFile(path.join(dir, 'huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'a'));
    await writeFile(path.join(dir, 'broken.md'), '---\ntitle: "Half a header"\n\nThe council met on Tuesday and voted to close two libraries, officials said.\n');
    await writeFile(path.join(dir, 'notes.pdf'), 'not an article');
    await writeFile(path.join(dir, '.hidden.txt'), good);

    const result = await loadCorpus(dir);
    const message = (file: string): string => result.problems.find((p) => p.file === file)?.message ?? '';
    expect(result.articles.map((a) => a.file)).to.deep.equal(['broken.md', 'good.txt']);
    expect(result.articles.map((a) => a.id)).to.deep.equal([0, 1]);
    expect(result.problems.map((p) => p.file).sort()).to.deep.equal(['binary.txt', 'blank.md', 'broken.md', 'empty.txt', 'huge.txt', 'latin1.txt']);
    expect(message('binary.txt')).to.match(/binary/);
    expect(message('empty.txt')).to.match(/empty/);
    expect(message('blank.md')).to.match(/whitespace/);
    expect(message('latin1.txt')).to.match(/UTF-8/);
    expect(message('huge.txt')).to.include('50 MB').and.to.include('5 MB limit');
    expect(message('broken.md')).to.match(/no closing "---"/);

    const broken = result.articles[0];
    expect(broken?.meta).to.deep.equal({});
    expect(broken?.paragraphs.some((p) => p.text.includes('voted to close two libraries'))).to.equal(true);
    const ok = result.articles[1];
    expect(ok?.meta.title).to.equal('Storm closes port');
    expect(ok?.paragraphs.map((p) => p.text)).to.deep.equal(['A storm closed the port on Monday, stranding 40 ships, the harbour master said.']);
    expect(formatReport(result)).to.match(/huge\.txt: Skipped: the file is 50 MB/);
  });

  it('honours maxFileBytes and reads UTF-16 files with a byte order mark', async () => {
    await writeFile(path.join(dir, 'a.txt'), good);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good.replace('Storm', 'Gale'), 'utf16le')]);
    await writeFile(path.join(dir, 'b.txt'), utf16);
    const all = await loadCorpus(dir);
    expect(all.articles.map((a) => a.meta.title)).to.deep.equal(['Storm closes port', 'Gale closes port']);
    const small = await loadCorpus(dir, { maxFileBytes: 100 });
    expect(small.articles.map((a) => a.file)).to.deep.equal(['a.txt']);
    expect(small.problems[0]?.message).to.match(/is 1\d\d bytes, over the 100 bytes limit/);
  });

  it('reports an unreadable file', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads anything
    await writeFile(path.join(dir, 'good.txt'), good);
    await writeFile(path.join(dir, 'locked.txt'), good);
    await chmod(path.join(dir, 'locked.txt'), 0o000);
    const result = await loadCorpus(dir);
    expect(result.problems[0]?.message).to.match(/could not be read \(EACCES\)/);
  });

  it('walks sub-folders and names files by forward-slash relative paths', async () => {
    await mkdir(path.join(dir, 'b', 'deep'), { recursive: true });
    await writeFile(path.join(dir, 'b', 'deep', 'one.md'), good);
    await writeFile(path.join(dir, 'a.txt'), good);
    await writeFile(path.join(dir, 'b', 'two.txt'), good);
    const result = await loadCorpus(dir);
    expect(result.articles.map((a) => a.file)).to.deep.equal(['a.txt', 'b/deep/one.md', 'b/two.txt']);
    expect((await readdir(dir)).length).to.equal(2);
  });

  it('throws CorpusError for a missing folder, a file, an empty folder and a folder of bad files', async () => {
    const missing = await expectCorpusError(path.join(dir, 'nope'), 'missing');
    expect(missing.message).to.include('--corpus DIR').and.to.include('CORPUS_DIR');
    await writeFile(path.join(dir, 'file.txt'), good);
    await expectCorpusError(path.join(dir, 'file.txt'), 'not-a-folder');
    await mkdir(path.join(dir, 'empty'));
    await writeFile(path.join(dir, 'empty', 'image.png'), 'x');
    const empty = await expectCorpusError(path.join(dir, 'empty'), 'empty');
    expect(empty.message).to.match(/No \.txt or \.md articles/);
    await mkdir(path.join(dir, 'bad'));
    await writeFile(path.join(dir, 'bad', 'x.txt'), '');
    const bad = await expectCorpusError(path.join(dir, 'bad'), 'empty');
    expect(bad.problems.map((p) => p.file)).to.deep.equal(['x.txt']);
  });
});

describe('corpus: front matter, dates and plain-text layouts', () => {
  it('parses quoted and bare values, normalises datetimes and ignores unknown keys', () => {
    const text = [
      '---',
      'title: \'It\'\'s "done"\'',
      'outlet: The Daily Example',
      'author: "Jane \\"JJ\\" Doe"',
      'url: https://example.com/a?b=1#c',
      'published: 2024-03-05T23:10:00-05:00',
      'tags: [a, b]',
      'wordcount: 900',
      '---',
      '',
      'The first paragraph of the story says what happened on Monday in the town.',
    ].join('\r\n');
    const front = splitFrontMatter(text);
    expect(front.kind).to.equal('ok');
    const a = parseArticle('x.md', text, 7);
    expect(a.meta).to.deep.equal({
      title: 'It\'s "done"',
      outlet: 'The Daily Example',
      author: 'Jane "JJ" Doe',
      url: 'https://example.com/a?b=1#c',
      published: '2024-03-05',
    });
    expect(a.id).to.equal(7);
    expect(a.paragraphs.map((p) => p.text)).to.deep.equal(['The first paragraph of the story says what happened on Monday in the town.']);
  });

  it('does not take a later rule for the end of an unclosed header', () => {
    const text = '---\ntitle: Lost\n\nA paragraph of the story about the council meeting on Monday evening.\n\n---\n\nMore text.\n';
    expect(splitFrontMatter(text).kind).to.equal('broken');
  });

  it('normalises the date forms news pages print', () => {
    const cases: Record<string, string | undefined> = {
      '2025-09-12': '2025-09-12',
      '2017-12-04T10:00:00Z': '2017-12-04',
      'Sep 12, 2025 7:42 AM CDT': '2025-09-12',
      'September 12, 2025, 00:07 IST': '2025-09-12',
      'Sept. 8, 2025': '2025-09-08',
      'Fri 12 Sep 2025 06.25 EDT': '2025-09-12',
      'Friday, 12th September 2025': '2025-09-12',
      '12.09.2025': '2025-09-12',
      'September 31, 2025': undefined,
      '2025-09-12 Belgrade': undefined,
      'September 12, 2025 the court ruled': undefined,
      'last Thursday': undefined,
    };
    for (const [input, expected] of Object.entries(cases)) expect(normaliseDate(input), input).to.equal(expected);
  });

  it('joins a hard-wrapped paragraph into one and reads a "By" line and a labelled date', () => {
    const text = [
      'Council approves new budget',
      '',
      'By Jane Smith',
      'Published: 3 March 2024',
      '',
      'The city council voted on Tuesday to approve a budget of',
      '$4.2 million for the coming year, the mayor\'s office said.',
      'Critics said the plan cut library funding.',
      '',
      '"We had no choice," the mayor said.',
    ].join('\n');
    const a = parseArticle('plain.txt', text, 0);
    expect(a.meta).to.deep.equal({ title: 'Council approves new budget', author: 'Jane Smith', published: '2024-03-03' });
    expect(a.metaOrigin.author?.evidence).to.equal('By Jane Smith');
    expect(a.paragraphs.map((p) => p.text)).to.deep.equal([
      'The city council voted on Tuesday to approve a budget of $4.2 million for the coming year, the mayor\'s office said. Critics said the plan cut library funding.',
      '"We had no choice," the mayor said.',
    ]);
  });

  it('rejoins a long line broken in mid-sentence but keeps one-sentence lines apart', () => {
    const text = [
      'Officials said on Friday that the bridge, which carries 40,000 vehicles a day across the river, would close for repairs for at least',
      'six weeks starting in March.',
      'Drivers were told to use the ring road, which the city widened last year at a cost of 12 million dollars to the taxpayer.',
      'The closure was announced after an inspection found cracks in two of the supporting piers beneath the main span of the bridge.',
    ].join('\n');
    const a = parseArticle('bridge.txt', text, 0);
    expect(a.paragraphs.map((p) => p.text)).to.have.length(3);
    expect(a.paragraphs[0]?.text).to.match(/for at least six weeks starting in March\.$/);
  });

  it('does not take the first line of wrapped prose for a headline', () => {
    const text = 'The city council voted on Tuesday to approve a budget of\n$4.2 million for the coming year, the mayor\'s office said, after\na long debate about library funding and road repairs.\n';
    const a = parseArticle('wrapped.txt', text, 0);
    expect(a.meta.title).to.equal(undefined);
    expect(a.paragraphs).to.have.length(1);
  });

  it('sweeps a block of sign-in furniture and reads a copyright notice and an agency dateline', () => {
    const text = [
      'Man arrested after bank robbery',
      'NEW YORK (AP) — Police arrested a man on Monday after a bank robbery in Brooklyn, officials said.',
      'The suspect, 34, was taken into custody without incident.',
      'Copyright 2024 The Associated Press. All rights reserved.',
      '',
      'Subscribe now',
      'Sign in',
      'Unlimited stories for $1',
    ].join('\n');
    const a = parseArticle('ap.txt', text, 0);
    expect(a.meta).to.deep.equal({
      title: 'Man arrested after bank robbery',
      outlet: 'The Associated Press',
      dateline: 'NEW YORK (AP)',
    });
    expect(a.paragraphs.map((p) => p.text)).to.deep.equal([
      'NEW YORK (AP) — Police arrested a man on Monday after a bank robbery in Brooklyn, officials said.',
      'The suspect, 34, was taken into custody without incident.',
    ]);
    expect(a.stripped.find((s) => s.text === 'Unlimited stories for $1')?.reason).to.equal('subscription prompt');
  });

  it('does not read a timeline date or a sub-heading inside the story as page metadata', () => {
    const text = [
      'Flood defences fail',
      '',
      'The river broke through the flood wall early on Sunday, forcing 3,000 residents from their homes, police said.',
      '',
      'THE WARNINGS',
      'Engineers had warned in a report two years ago that the wall was at risk of failing in a major storm.',
      '',
      'March 3, 2021',
      'The first report was sent to the council, which said it had no money to repair the wall that year.',
    ].join('\n');
    const a = parseArticle('flood.txt', text, 0);
    expect(a.meta).to.deep.equal({ title: 'Flood defences fail' });
    expect(a.paragraphs.map((p) => p.text)).to.include('March 3, 2021').and.to.include('THE WARNINGS');
  });

  it('keeps a news sentence that merely mentions a subscription', () => {
    const text = 'Prices rise\n\nThe subscription now costs $5.\n\nThe newspaper said 20,000 readers had signed up since May, when the paywall began.\n';
    const a = parseArticle('s.txt', text, 0);
    expect(a.paragraphs.map((p) => p.text)).to.include('The subscription now costs $5.');
  });

  it('takes a markdown heading as the title and drops later headings', () => {
    const text = '# Storm hits coast\n\nA storm hit the coast on Friday, cutting power to 20,000 homes, officials said.\n\n## What happened\n\nWinds reached 120 km/h overnight, according to the weather service.\n';
    const a = parseArticle('storm.md', text, 0);
    expect(a.meta.title).to.equal('Storm hits coast');
    expect(a.paragraphs).to.have.length(2);
    expect(a.stripped.map((s) => s.reason)).to.deep.equal(['title', 'section heading']);
  });
});
