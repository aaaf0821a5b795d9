import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../src/corpus/load.js';
import { Engine } from '../src/engine.js';
import {
  articleFileName,
  downloadAttachment,
  extractArticle,
  freeName,
  ingestReport,
  ingestUpload,
  renderIngestReport,
  TEMP_PREFIX,
  writeArticleFile,
  type IngestResult,
  type Upload,
} from '../src/ingest/index.js';
import { repoRoot, seedsDir } from './support/paths.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'ingest');
const fixture = (name: string): Promise<Buffer> => readFile(path.join(fixtures, name));
const MAX = 1024 * 1024;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const silent = { cache: false as const, logger: { info() {}, warn() {}, error() {}, debug() {} } as never };

const ARTICLE = [
  'The harbour board approved a new ferry timetable on Monday, the first change in nine years.',
  'Ferries will leave every 40 minutes instead of every hour, the board said in a statement.',
  'The chair of the board, Ines Varga, said the change would cost about $2 million a year.',
  '“Commuters have waited long enough,” Varga said.',
].join('\n\n');

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `ingest-${prefix}-`));
}

/** A copy of the seed story to add articles to. */
async function seedCopy(): Promise<string> {
  const dir = await tempDir('story');
  await cp(seedsDir, dir, { recursive: true });
  return dir;
}

function expectOk(r: IngestResult): Extract<IngestResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected the upload to be added: ${r.message}`);
  return r;
}

describe('ingest: a saved web page becomes an article file', () => {
  let html: Buffer;
  before(async () => {
    html = await fixture('saved-page.html');
  });

  it('keeps the article with its metadata and leaves the page furniture out', () => {
    const r = extractArticle({ name: 'saved-page.html', contentType: 'text/html; charset=utf-8', bytes: html }, { maxBytes: MAX });
    if (!r.ok) throw new Error(r.message);
    const out = new TextDecoder().decode(r.article.bytes);
    expect(r.article.ext).to.equal('.md');
    expect(r.article.meta).to.deep.equal({
      title: 'Freed prisoners reach Vilnius by minibus',
      outlet: 'The Harbour Gazette',
      author: 'Mira Castell',
      url: 'https://harbourgazette.example/world/2025/09/12/freed-prisoners-vilnius',
      published: '2025-09-12',
    });
    expect(out).to.match(/^---\ntitle: "Freed prisoners reach Vilnius by minibus"\n/);
    expect(out).to.include('The group was driven across the frontier in three white minibuses');
    expect(out).to.include('A doctor travelling with the group said');
    for (const furniture of ['Advertisement', 'Privacy policy', 'Related stories', 'Politics', 'dataLayer', 'Share', 'All rights reserved']) {
      expect(out, furniture).to.not.include(furniture);
    }
    expect(r.article.paragraphs).to.equal(7);
    expect(r.article.sentences).to.equal(9);
    const removed = Object.fromEntries(r.article.stripped.removed.map((x) => [x.what, x.count]));
    expect(removed).to.include({ scripts: 4, ads: 3, navigation: 1, footers: 1, forms: 1 });
    expect(removed.links).to.be.greaterThan(10);
    expect(r.article.stripped.keptChars).to.be.lessThan(r.article.stripped.pageChars);
    expect(r.article.stripped.summary).to.match(/^removed 4 scripts, .*3 ads.*; kept [\d,]+ of [\d,]+ characters of text$/);
  });

  it('is loaded by Engine.load and a fact only it gives is answered, quoted verbatim from the written file', async () => {
    const dir = await seedCopy();
    try {
      const added = expectOk(await ingestUpload({ name: 'Freed prisoners | Gazette.html', contentType: 'text/html', bytes: html }, { dir, maxBytes: MAX }));
      expect(added.file).to.equal('freed-prisoners-gazette.md');
      expect(added.path).to.equal(path.join(dir, added.file));
      expect(added.article).to.include({ kind: 'html', outlet: 'The Harbour Gazette', published: '2025-09-12' });
      const engine = await Engine.load(dir, silent);
      expect(engine.problems).to.deep.equal([]);
      const source = engine.sources().find((s) => s.file === added.file);
      expect(source).to.include({ title: 'Freed prisoners reach Vilnius by minibus', outlet: 'The Harbour Gazette', published: '2025-09-12' });
      const a = engine.ask('How many minibuses carried the freed prisoners across the frontier?');
      expect(a.tier).to.equal('answer');
      expect(a.facts[0]!.text).to.include('three white minibuses');
      expect(a.facts[0]!.sources.map((s) => s.file)).to.include(added.file);
      const written = await readFile(added.path, 'utf8');
      for (const s of a.facts[0]!.sources.filter((x) => x.file === added.file)) expect(written).to.include(s.quote);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps .txt and .md uploads byte for byte', async () => {
    const dir = await tempDir('plain');
    try {
      const bytes = text(`---\ntitle: Ferry timetable\noutlet: Harbour Radio\n---\n\n${ARTICLE}\n`);
      const added = expectOk(await ingestUpload({ name: 'ferry.md', contentType: 'text/markdown', bytes }, { dir, maxBytes: MAX }));
      expect(added.file).to.equal('ferry.md');
      expect(new Uint8Array(await readFile(added.path))).to.deep.equal(bytes);
      expect(added.article).to.include({ kind: 'md', title: 'Ferry timetable', outlet: 'Harbour Radio', paragraphs: 4 });
      expect(added.stripped.removed).to.deep.equal([]);
      const txt = expectOk(await ingestUpload({ name: 'ferry.txt', contentType: null, bytes: text(ARTICLE) }, { dir, maxBytes: MAX }));
      expect(txt.file).to.equal('ferry.txt');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('ingest: bad uploads are refused with a message and nothing is written', () => {
  let dir: string;
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  let cases: Array<{ what: string; upload: Upload; code: string; message: RegExp }>;

  before(async () => {
    dir = await tempDir('refused');
    cases = [
      { what: 'empty', upload: { name: 'a.txt', contentType: 'text/plain', bytes: new Uint8Array(0) }, code: 'empty', message: /file is empty/ },
      { what: 'blank', upload: { name: 'a.txt', contentType: 'text/plain', bytes: text(' \n\n\t ') }, code: 'empty', message: /only blank space/ },
      { what: 'over the cap', upload: { name: 'a.txt', contentType: 'text/plain', bytes: new Uint8Array(MAX + 1).fill(0x61) }, code: 'too-large', message: /over the 1 MB limit/ },
      { what: 'NUL bytes', upload: { name: 'a.txt', contentType: 'text/plain', bytes: text(`${ARTICLE}\u0000\u0000`) }, code: 'binary', message: /NUL bytes/ },
      {
        what: 'invalid UTF-8',
        upload: { name: 'a.txt', contentType: 'text/plain', bytes: Uint8Array.from([...text(ARTICLE), 0xc3, 0x28, 0xa0]) },
        code: 'not-utf8',
        message: /not valid UTF-8/,
      },
      { what: 'a PNG named .txt', upload: { name: 'a.txt', contentType: 'text/plain', bytes: png }, code: 'type-mismatch', message: /named \.txt but is a PNG image/ },
      { what: 'a PNG named .txt, sent without a type', upload: { name: 'a.txt', contentType: null, bytes: png }, code: 'type-mismatch', message: /PNG image/ },
      { what: 'a .txt sent as an image', upload: { name: 'a.txt', contentType: 'image/png', bytes: text(ARTICLE) }, code: 'type-mismatch', message: /sent as image\/png/ },
      { what: 'a .txt sent as HTML', upload: { name: 'a.txt', contentType: 'text/html', bytes: text(ARTICLE) }, code: 'type-mismatch', message: /sent as text\/html/ },
      { what: 'an .html sent as plain text', upload: { name: 'a.html', contentType: 'text/plain', bytes: text('<html></html>') }, code: 'type-mismatch', message: /sent as text\/plain/ },
      {
        what: 'a web page named .txt',
        upload: { name: 'a.txt', contentType: 'text/plain', bytes: text(`<!DOCTYPE html>\n<html><body><p>${ARTICLE}</p></body></html>`) },
        code: 'type-mismatch',
        message: /holds a web page/,
      },
      { what: 'a PDF', upload: { name: 'a.pdf', contentType: 'application/pdf', bytes: text('%PDF-1.7\n') }, code: 'unsupported-type', message: /Only \.txt, \.md and \.html.*a PDF document/ },
      { what: 'a Word file', upload: { name: 'story.docx', contentType: null, bytes: Uint8Array.from([0x50, 0x4b, 3, 4, 0]) }, code: 'unsupported-type', message: /Only \.txt/ },
      { what: 'no extension', upload: { name: 'story', contentType: 'text/plain', bytes: text(ARTICLE) }, code: 'unsupported-type', message: /has no extension/ },
      { what: 'a page with no article', upload: { name: 'front.html', contentType: 'text/html', bytes: await fixture('front-page.html') }, code: 'no-article', message: /No article text could be found/ },
      { what: 'too few sentences', upload: { name: 'short.txt', contentType: 'text/plain', bytes: await fixture('two-lines.txt') }, code: 'too-short', message: /only 1 full sentence.*at least 3/ },
    ];
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('refuses each with its code and message, writing nothing', async () => {
    for (const c of cases) {
      const r = await ingestUpload(c.upload, { dir, maxBytes: MAX });
      expect(r.ok, c.what).to.equal(false);
      if (r.ok) continue;
      expect(r.code, c.what).to.equal(c.code);
      expect(r.message, c.what).to.match(c.message);
      expect(await readdir(dir), c.what).to.deep.equal([]);
    }
  });

  it('says when the story folder is missing', async () => {
    const r = await ingestUpload({ name: 'a.txt', contentType: null, bytes: text(ARTICLE) }, { dir: path.join(dir, 'nope'), maxBytes: MAX });
    expect(r).to.include({ ok: false, code: 'write' });
    expect(r.ok ? '' : r.message).to.match(/does not exist or is not a folder/);
  });
});

describe('ingest: file names cannot leave the story folder', () => {
  const hostile = [
    '../../etc/passwd',
    '/etc/passwd',
    '..\\..\\windows\\system32\\drivers\\etc\\hosts',
    'C:\\Users\\me\\evil.txt',
    '..',
    '...',
    '.',
    '',
    '.bashrc',
    '..%2f..%2fescape.txt',
    '．．／．．／etc／passwd', // full-width dots and slashes
    '..∕..∕x.txt', // division slash
    'a\u0000b/../../c.txt',
    'evil\u202Etxt.exe', // right-to-left override
    'zero\u200Bwidth.md',
    'line\nbreak\r.txt',
    'con.txt',
    'NUL',
    'LPT1.md',
    'README.md',
    'License',
    '-rf .txt',
    'x'.repeat(300) + '.txt',
  ];

  it('gives one plain segment of letters, digits and dashes ending in .txt or .md', () => {
    for (const name of hostile) {
      for (const ext of ['.txt', '.md'] as const) {
        const out = articleFileName(name, ext);
        expect(out, JSON.stringify(name)).to.match(/^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.(?:txt|md)$/u);
        expect(out.endsWith(ext)).to.equal(true);
        expect(path.basename(out)).to.equal(out);
        expect(path.resolve('/story', out).startsWith('/story/')).to.equal(true);
        expect(out.length).to.be.at.most(90);
      }
    }
  });

  it('keeps a readable slug and steps round reserved names', () => {
    expect(articleFileName('../../etc/passwd', '.txt')).to.equal('passwd.txt');
    expect(articleFileName('C:\\Users\\me\\evil.txt', '.txt')).to.equal('evil.txt');
    expect(articleFileName('．．／．．／etc／passwd', '.md')).to.equal('passwd.md');
    expect(articleFileName('Minsk frees 52 — Report (final).HTML', '.md')).to.equal('minsk-frees-52-report-final.md');
    expect(articleFileName('Nausėda says.txt', '.txt')).to.equal('nausėda-says.txt');
    expect(articleFileName('...', '.txt')).to.equal('article.txt');
    expect(articleFileName('.bashrc', '.txt')).to.equal('bashrc.txt');
    expect(articleFileName('con.txt', '.txt')).to.equal('article-con.txt');
    expect(articleFileName('README.md', '.md')).to.equal('article-readme.md');
    expect(articleFileName('evil\u202Etxt.exe', '.txt')).to.equal('evil-txt.txt');
  });

  it('numbers a taken name (without regard to case)', () => {
    expect(freeName('a.md', [])).to.equal('a.md');
    expect(freeName('a.md', ['A.md', 'a-2.md', 'b.md'])).to.equal('a-3.md');
  });

  it('writes an upload named ../../x into the story folder itself', async () => {
    const root = await tempDir('escape');
    try {
      const dir = path.join(root, 'stories', 'one');
      await mkdir(dir, { recursive: true });
      const added = expectOk(await ingestUpload({ name: '../../escape.txt', contentType: 'text/plain', bytes: text(ARTICLE) }, { dir, maxBytes: MAX }));
      expect(added.path).to.equal(path.join(dir, 'escape.txt'));
      expect(await readdir(root)).to.deep.equal(['stories']);
      expect(await readdir(path.join(root, 'stories'))).to.deep.equal(['one']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('ingest: the write is atomic and never replaces an article', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('write');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('leaves the file and no temporary file', async () => {
    const r = await writeArticleFile(dir, 'story.txt', text(ARTICLE));
    expect(r).to.deep.equal({ ok: true, path: path.join(dir, 'story.txt'), name: 'story.txt' });
    expect(await readdir(dir)).to.deep.equal(['story.txt']);
    expect(await readFile(path.join(dir, 'story.txt'), 'utf8')).to.equal(ARTICLE);
  });

  it('writes beside an existing article instead of over it, also when many arrive at once', async () => {
    await writeFile(path.join(dir, 'story.txt'), 'the first article');
    const second = await writeArticleFile(dir, 'story.txt', text('second'));
    expect(second.ok && second.name).to.equal('story-2.txt');
    const many = await Promise.all(Array.from({ length: 6 }, (_, i) => writeArticleFile(dir, 'story.txt', text(`copy ${i}`))));
    const names = many.map((r) => (r.ok ? r.name : r.message));
    expect(new Set(names).size).to.equal(6);
    expect((await readdir(dir)).sort()).to.deep.equal(['story.txt', ...Array.from({ length: 7 }, (_, i) => `story-${i + 2}.txt`)].sort());
    expect(await readFile(path.join(dir, 'story.txt'), 'utf8')).to.equal('the first article');
    const contents = await Promise.all(many.map((r) => (r.ok ? readFile(r.path, 'utf8') : '')));
    expect(contents.sort()).to.deep.equal(Array.from({ length: 6 }, (_, i) => `copy ${i}`));
  });

  it('refuses a name that is not one plain segment', async () => {
    for (const bad of ['../x.txt', 'a/b.txt', '.hidden.txt', '']) {
      const r = await writeArticleFile(dir, bad, text('x'));
      expect(r.ok, bad).to.equal(false);
    }
    expect(await readdir(dir)).to.deep.equal([]);
  });

  it('names its temporary files so that the loader skips them', async () => {
    await writeFile(path.join(dir, 'story.txt'), ARTICLE);
    await writeFile(path.join(dir, `${TEMP_PREFIX}0123456789abcdef.tmp`), ARTICLE);
    await writeFile(path.join(dir, `${TEMP_PREFIX}half-written.txt`), ARTICLE.slice(0, 30));
    const load = await loadCorpus(dir);
    expect(load.articles.map((a) => a.file)).to.deep.equal(['story.txt']);
    expect(load.problems).to.deep.equal([]);
  });
});

describe('ingest: downloading an attachment', () => {
  let server: Server;
  let base: string;
  /** Bytes the lying server managed to send before the client hung up. */
  let liarSent = 0;

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/article.txt') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(ARTICLE);
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10 * 1024 * 1024) });
        res.write('x'.repeat(1024));
        // never finished: the client must not wait for the rest
      } else if (req.url === '/liar') {
        // says nothing of its length and sends without end
        liarSent = 0;
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk)) {
            liarSent += chunk.length;
            if (liarSent > 64 * 1024 * 1024) return void res.end();
          }
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      } else if (req.url === '/slow') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('The start of an article');
        // the rest never comes
      } else if (req.url === '/silent') {
        // no answer at all
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('no such file');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives the bytes and the content type', async () => {
    const r = await downloadAttachment(`${base}/article.txt`, { maxBytes: MAX, timeoutMs: 5000 });
    if (!r.ok) throw new Error(r.message);
    expect(new TextDecoder().decode(r.bytes)).to.equal(ARTICLE);
    expect(r.contentType).to.equal('text/plain; charset=utf-8');
  });

  it('refuses a Content-Length over the cap without reading the body', async () => {
    const r = await downloadAttachment(`${base}/big`, { maxBytes: MAX, timeoutMs: 5000 });
    expect(r).to.deep.include({ ok: false, code: 'too-large' });
    expect(r.ok ? '' : r.message).to.equal('The file is 10 MB, over the 1 MB limit for one article: upload one article per file.');
  });

  it('stops reading once over the cap when the server does not say the length', async () => {
    const r = await downloadAttachment(`${base}/liar`, { maxBytes: MAX, timeoutMs: 5000 });
    expect(r).to.deep.include({ ok: false, code: 'too-large' });
    expect(r.ok ? '' : r.message).to.match(/more than 1 MB/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(liarSent).to.be.lessThan(16 * 1024 * 1024);
  });

  it('gives up after the time limit, during the headers or the body', async () => {
    for (const url of [`${base}/silent`, `${base}/slow`]) {
      const started = Date.now();
      const r = await downloadAttachment(url, { maxBytes: MAX, timeoutMs: 300 });
      expect(r, url).to.deep.include({ ok: false, code: 'timeout' });
      expect(r.ok ? '' : r.message).to.match(/longer than 0\.3 s/);
      expect(Date.now() - started).to.be.lessThan(3000);
    }
  });

  it('says what an HTTP error or a refused connection was', async () => {
    const r = await downloadAttachment(`${base}/gone`, { maxBytes: MAX, timeoutMs: 5000 });
    expect(r).to.deep.include({ ok: false, code: 'http' });
    expect(r.ok ? '' : r.message).to.match(/answered 404 Not Found \(the link may have expired/);
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((resolve) => gone.close(resolve));
    const closed = await downloadAttachment(`http://127.0.0.1:${port}/x`, { maxBytes: MAX, timeoutMs: 5000 });
    expect(closed).to.deep.include({ ok: false, code: 'network' });
    expect(closed.ok ? '' : closed.message).to.match(/ECONNREFUSED/);
  });

  it('takes only http and https addresses', async () => {
    let called = false;
    const fetchImpl = (() => {
      called = true;
      throw new Error('not to be called');
    }) as unknown as typeof fetch;
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'data:text/plain,hello', 'not a url']) {
      const r = await downloadAttachment(url, { maxBytes: MAX, timeoutMs: 1000, fetchImpl });
      expect(r, url).to.deep.include({ ok: false, code: 'bad-url' });
    }
    expect(called).to.equal(false);
  });
});

describe('ingest: what a new article adds to the coverage', () => {
  let dir: string;
  let earlier: Engine;
  before(async () => {
    dir = await seedCopy();
    earlier = await Engine.load(dir, silent);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('lists its new figures and the conflict it starts, and renders them', async () => {
    const added = expectOk(await ingestUpload({ name: 'other-count.txt', contentType: 'text/plain', bytes: await fixture('other-count.txt') }, { dir, maxBytes: MAX }));
    const after = await Engine.load(dir, silent);
    const report = ingestReport(earlier, after, added.file);
    if (!report) throw new Error('the new article was not loaded');
    expect(report).to.include({ file: 'other-count.txt', outlet: 'Baltic Morning Star', published: '2025-09-11' });
    expect(report.before).to.deep.equal({ articles: 5, outlets: 5 });
    expect(report.after).to.deep.equal({ articles: 6, outlets: 6 });
    expect(report.sentences).to.equal(5);
    expect(report.facts).to.be.greaterThan(0);
    const figures = report.newFigures.map((f) => f.value);
    expect(figures).to.include(57);
    expect(figures).to.include(21);
    // figures the seeds already give are not new
    expect(figures).to.not.include(1000);
    const conflict = report.newConflicts.find((c) => c.claims.some((claim) => claim.text.includes('57 prisoners')));
    expect(conflict, JSON.stringify(report.newConflicts.map((c) => c.about))).to.not.equal(undefined);
    expect(conflict!.claims.some((claim) => claim.text.includes('52'))).to.equal(true);
    expect(earlier.conflicts().some((c) => c.about === conflict!.about && c.claims.some((claim) => claim.text.includes('57')))).to.equal(false);
    const lines = renderIngestReport(report);
    expect(lines).to.match(/^Added “Minsk lets 57 prisoners go as Washington steps up contacts” \(Baltic Morning Star, 2025-09-11\) as other-count\.txt\./);
    expect(lines).to.include('New figures no other article gives');
    expect(lines).to.include('New disagreements');
    expect(lines).to.match(/this article: “Belarus has released 57 prisoners/);
  });

  it('reports nothing new for a second copy of an article already there', async () => {
    const copy = expectOk(await ingestUpload({ name: 'other-count.txt', contentType: 'text/plain', bytes: await fixture('other-count.txt') }, { dir, maxBytes: MAX }));
    expect(copy.file).to.equal('other-count-2.txt');
    const prior = await Engine.load(dir, silent);
    const report = ingestReport(earlier, prior, copy.file)!;
    expect(report.newFigures).to.deep.equal([]);
  });

  it('is null for a file the engine did not load', () => {
    expect(ingestReport(null, earlier, 'missing.txt')).to.equal(null);
  });
});
