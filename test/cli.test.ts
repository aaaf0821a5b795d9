import { expect } from 'chai';
import fs from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ask, type Run } from './support/askCli.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seedsDir = path.join(repoRoot, 'seeds');


const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();
const lines = (s: string): string[] => s.split('\n').filter((l) => l.trim());
const parse = (line: string): Record<string, unknown> => JSON.parse(line) as Record<string, unknown>;

const ANSWER_KEYS = ['question', 'answered', 'tier', 'answer', 'confidence', 'ms', 'facts', 'conflicts'];
const FACT_KEYS = ['text', 'sources'];
const SOURCE_KEYS = ['file', 'outlet', 'published', 'paragraph', 'quote'];

/** The fields of a source, exactly, with their types; the file relative to the corpus and the quote verbatim in it. */
function expectSource(s: unknown, corpus: string): void {
  expect(s).to.be.an('object');
  const src = s as Record<string, unknown>;
  expect(Object.keys(src)).to.deep.equal(SOURCE_KEYS);
  expect(src.file).to.be.a('string');
  const file = src.file as string;
  expect(path.isAbsolute(file), file).to.equal(false);
  expect(file.startsWith('..'), file).to.equal(false);
  expect(fs.existsSync(path.join(corpus, file)), `${file} in ${corpus}`).to.equal(true);
  expect(src.outlet === null || typeof src.outlet === 'string', 'outlet: string or null').to.equal(true);
  expect(src.published === null || (typeof src.published === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(src.published)), `published: ${String(src.published)}`).to.equal(true);
  expect(Number.isInteger(src.paragraph) && (src.paragraph as number) >= 1, `paragraph: ${String(src.paragraph)}`).to.equal(true);
  expect(src.quote).to.be.a('string').and.not.equal('');
  expect(fold(fs.readFileSync(path.join(corpus, file), 'utf8')).includes(fold(src.quote as string)), `quote not verbatim in ${file}`).to.equal(true);
}

function expectFact(f: unknown, corpus: string): void {
  expect(f).to.be.an('object');
  const fact = f as Record<string, unknown>;
  // the short answer, when there is one, comes last: { text, start, end, kind, value }, verbatim at its offsets
  expect(Object.keys(fact)).to.deep.equal('span' in fact ? [...FACT_KEYS, 'span'] : FACT_KEYS);
  expect(fact.text).to.be.a('string');
  if ('span' in fact) {
    const span = fact.span as Record<string, unknown>;
    expect(Object.keys(span)).to.deep.equal(['text', 'start', 'end', 'kind', 'value']);
    expect((fact.text as string).slice(span.start as number, span.end as number)).to.equal(span.text);
    expect(typeof span.value === 'number' || typeof span.value === 'string', 'span value: number or string').to.equal(true);
  }
  expect((fact.text as string).length).to.be.within(1, 600);
  expect(fact.sources).to.be.an('array').with.length.greaterThan(0);
  for (const s of fact.sources as unknown[]) expectSource(s, corpus);
}

/** One answer object of the JSON contract: exactly its keys, in order, with their types. */
function expectContract(o: Record<string, unknown>, corpus: string): void {
  expect(Object.keys(o)).to.deep.equal(ANSWER_KEYS);
  expect(o.question).to.be.a('string');
  expect(o.answered).to.be.a('boolean');
  expect(o.tier).to.be.oneOf(['answer', 'not-sure', 'not-covered']);
  // answered is true exactly for the tier "answer"
  expect(o.answered).to.equal(o.tier === 'answer');
  expect(o.answer).to.be.a('string').and.not.equal('');
  expect(o.confidence).to.be.a('number').within(0, 1);
  expect(o.ms).to.be.a('number').at.least(0);
  expect(o.facts).to.be.an('array');
  for (const f of o.facts as unknown[]) expectFact(f, corpus);
  expect(o.conflicts).to.be.an('array');
  for (const c of o.conflicts as unknown[]) {
    const conflict = c as Record<string, unknown>;
    expect(Object.keys(conflict)).to.deep.equal(['about', 'claims']);
    expect(conflict.about).to.be.a('string').and.not.equal('');
    expect(conflict.claims).to.be.an('array').with.length.greaterThan(1);
    for (const claim of conflict.claims as unknown[]) expectFact(claim, corpus);
  }
}

describe('cli: npm run ask', function () {
  // each run starts node with tsx and loads a corpus: about a second or two
  this.timeout(60_000);

  describe('the JSON contract', () => {
    let run: Run;
    let answer: Record<string, unknown>;

    before(async () => {
      run = await ask(['--json', 'How many Poles were released?']);
      answer = parse(lines(run.stdout)[0] ?? 'null');
    });

    it('prints exactly one JSON object on one line and exits 0', () => {
      expect(run.code, run.stderr).to.equal(0);
      expect(lines(run.stdout)).to.have.length(1);
      expect(run.stdout.endsWith('\n')).to.equal(true);
      expect(answer).to.be.an('object');
    });

    it('has exactly the documented keys and types, in order, for the answer, its facts, sources and conflicts', () => {
      expectContract(answer, seedsDir);
      expect(answer.question).to.equal('How many Poles were released?');
      expect(answer.answered).to.equal(true);
      const facts = answer.facts as Array<{ text: string; sources: Array<Record<string, unknown>> }>;
      expect(facts.length).to.be.at.least(1);
      expect(answer.answer).to.equal(facts[0]!.text);
      expect((answer.conflicts as unknown[]).length, 'two and three Poles').to.be.at.least(1);
    });

    it('gives facts[0].sources[0] its file (relative to the corpus), outlet, published, paragraph and quote', () => {
      const first = (answer.facts as Array<{ text: string; sources: Array<Record<string, unknown>> }>)[0]!;
      const src = first.sources[0]!;
      expect(Object.keys(src)).to.deep.equal(SOURCE_KEYS);
      expect(src.file).to.match(/^\d{3}_[0-9a-f]{16}\.txt$/);
      expect(fold(src.quote as string).includes(fold(first.text))).to.equal(true);
    });
  });

  it('--stdin: one JSON line per question, in order; an empty line gets answered:false with a message', async () => {
    const run = await ask(['--json', '--stdin'], 'How many Poles were released?\n\nWhat is the capital of France?\n');
    expect(run.code, run.stderr).to.equal(0);
    const out = lines(run.stdout).map(parse);
    expect(out.map((o) => o.question)).to.deep.equal(['How many Poles were released?', '', 'What is the capital of France?']);
    for (const o of out) expectContract(o, seedsDir);
    expect(out.map((o) => o.answered)).to.deep.equal([true, false, false]);
    expect(out[1]!.answer).to.match(/empty/i);
    expect(out[1]!.facts).to.deep.equal([]);
    // the coverage names France but not its capital: no answer, in either honest tier
    expect(out[2]!.tier).to.be.oneOf(['not-sure', 'not-covered']);
    expect(out[2]!.answer).to.match(/^(Not sure|The coverage doesn't say)/);
  });

  describe('unusable questions', () => {
    it('a 10,000-character question: a message giving the limit, exit 1', async () => {
      const question = 'why '.repeat(2499) + 'now?';
      expect(question).to.have.length(10_000);
      const run = await ask(['--json', question]);
      expect(run.code, run.stderr).to.equal(1);
      const o = parse(lines(run.stdout)[0]!);
      expectContract(o, seedsDir);
      expect(o.answered).to.equal(false);
      expect(o.answer).to.match(/10,000 characters long; ask it in at most 1,000/);
    });

    it('an empty or whitespace-only question: says what is wrong and how to ask, without a crash', async () => {
      for (const q of ['', '   ']) {
        const run = await ask([q]);
        expect(run.code, JSON.stringify(q)).to.be.oneOf([1, 2]);
        expect(run.stderr + run.stdout).to.match(/no question given|empty/i);
        expect(run.stderr + run.stdout).to.match(/usage: npm run ask|How many/);
        expect(run.stderr).to.not.match(/\n\s+at /);
      }
    });

    it('an empty or whitespace-only question exits 1, as documented', async () => {
      for (const q of ['', '   ']) expect((await ask([q])).code, JSON.stringify(q)).to.equal(1);
    });

    it('a question with no words in it is answered:false with a message, exit 1', async () => {
      const run = await ask(['--json', '?!']);
      expect(run.code).to.equal(1);
      const o = parse(lines(run.stdout)[0]!);
      expect(o.answered).to.equal(false);
      expect(o.answer).to.match(/no words/);
    });
  });

  describe('usage', () => {
    it('--help prints the usage and exits 0', async () => {
      const run = await ask(['--help']);
      expect(run.code).to.equal(0);
      expect(run.stdout + run.stderr).to.match(/usage: npm run ask -- \[--corpus DIR \| --story ID\] \[--json\] \[--stdin\] \[--report\]/);
      expect(run.stdout + run.stderr).to.include('--story ID');
      expect(run.stdout + run.stderr).to.include('--corpus DIR');
    });

    it('an unknown option is bad usage: exit 2 with the usage', async () => {
      const run = await ask(['--frobnicate', 'How many?']);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include('unknown option --frobnicate');
      expect(run.stderr).to.include('usage:');
    });
  });

  describe('corpus folders that cannot be used', () => {
    let tmp: string;

    before(async () => {
      tmp = await mkdtemp(path.join(tmpdir(), 'cli-corpus-'));
    });

    after(async () => {
      await rm(tmp, { recursive: true, force: true });
    });

    it('--corpus on a missing folder: exit 3 and a message saying what to do', async () => {
      const missing = path.join(tmp, 'no-such-folder');
      const run = await ask(['--corpus', missing, 'How many?']);
      expect(run.code).to.equal(3);
      expect(run.stderr).to.include(`No corpus folder at ${missing}`);
      expect(run.stderr).to.match(/pass --corpus DIR or set CORPUS_DIR/);
      expect(run.stdout).to.equal('');
      expect(run.stderr).to.not.match(/\n\s+at /);
    });

    it('an empty folder: exit 3 and a message saying what to put there', async () => {
      const empty = path.join(tmp, 'empty');
      await mkdir(empty);
      const run = await ask(['--corpus', empty, 'How many?']);
      expect(run.code).to.equal(3);
      expect(run.stderr).to.match(/No \.txt or \.md articles in .*empty: save each article/);
      expect(run.stdout).to.equal('');
    });
  });

  describe('a folder with one good article and bad files', () => {
    let dir: string;
    const bad = ['big.txt', 'binary.txt', 'empty.txt', 'latin1.txt'];

    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'cli-bad-'));
      await mkdir(path.join(dir, '2025'));
      await writeFile(path.join(dir, '2025', 'good.txt'), fs.readFileSync(path.join(seedsDir, '003_ba2a3b7a6fd762a4.txt')));
      await writeFile(path.join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10, 0x00, 0x41]));
      await writeFile(path.join(dir, 'empty.txt'), '');
      await writeFile(path.join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 au lait co\xfbte 5 \xa3 \xe0 Minsk.\n', 'latin1'));
      await writeFile(path.join(dir, 'big.txt'), Buffer.alloc(50 * 1024 * 1024, 'a '));
    });

    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('still answers from the good article (file relative to the corpus) and warns about each bad file', async () => {
      const run = await ask(['--corpus', dir, '--json', 'How many prisoners were released?']);
      expect(run.code, run.stderr).to.equal(0);
      const o = parse(lines(run.stdout)[0]!);
      expectContract(o, dir);
      expect(o.answered).to.equal(true);
      const facts = o.facts as Array<{ text: string; sources: Array<{ file: string }> }>;
      expect(facts[0]!.text).to.match(/\b52\b/);
      expect(facts[0]!.sources[0]!.file).to.equal('2025/good.txt');
      const warnings = lines(run.stderr);
      expect(warnings).to.have.length(bad.length);
      for (const [file, why] of [
        ['big.txt', /50 MB, over the 5 MB limit/],
        ['binary.txt', /binary file/],
        ['empty.txt', /the file is empty/],
        ['latin1.txt', /not valid UTF-8/],
      ] as const) {
        const line = warnings.find((w) => w.startsWith(`warning: ${file}: `));
        expect(line, `warning for ${file} in ${run.stderr}`).to.not.equal(undefined);
        expect(line).to.match(why);
      }
      expect(run.stderr).to.not.include('good.txt');
    });

    it('--report lists the good article and each bad file with why it was skipped', async () => {
      const run = await ask(['--corpus', dir, '--report']);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.include(`Corpus ${dir}: 1 articles loaded, 4 problems.`);
      expect(run.stdout).to.include('[0] 2025/good.txt');
      const problems = run.stdout.slice(run.stdout.indexOf('Problems:'));
      for (const file of bad) expect(problems).to.match(new RegExp(`- ${file.replace('.', '\\.')}: Skipped: `));
    });
  });

  it('--report prints what was inferred (with the line it came from) and what was stripped, for the seeds', async () => {
    const run = await ask(['--report']);
    expect(run.code, run.stderr).to.equal(0);
    const out = run.stdout;
    expect(out).to.include(`Corpus ${seedsDir}: 5 articles loaded, 0 problems.`);
    for (const file of fs.readdirSync(seedsDir)) expect(out).to.include(file);
    expect(out).to.include('  outlet: Euronews  ← "Euronews"');
    expect(out).to.include('  author: Rory Sullivan  ← "Rory Sullivan"');
    expect(out).to.include('  published: 2025-09-12  ← "September 12, 2025, 00:07 IST"');
    expect(out).to.include('  published: 2025-09-12  ← "Posted Sep 12, 2025 7:42 AM CDT"');
    expect(out).to.include('  outlet: (not stated)');
    expect(out).to.match(/ {2}stripped \(\d+\):/);
    expect(out).to.include('    - subscription prompt: "Get all your news in one place."');
    expect(out).to.include('    - read-more link: "Read More"');
    expect(out).to.include('    - photo caption: "Lithuania\'s President Gitanas Nauseda speaks at the presidential palace in Vilnius, Lithuania, Monday, Sept. 8, 2025.');
  });

  it('prints a text answer with its sources and where outlets differ', async () => {
    const run = await ask(['How many Poles were released?']);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/\(confidence: (high|medium|low) \d\.\d\d · reported by \d of 5 outlets/);
    expect(run.stdout).to.include('Sources:');
    expect(run.stdout).to.include('Outlets differ: How many Poles were released');
  });
});
