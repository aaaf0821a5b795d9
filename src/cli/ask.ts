/**
 * `npm run ask -- [--corpus DIR | --story ID [--stories DIR]] [--json] [--stdin] [--report] [--no-cache] "question"`
 * `npm run ask -- --brief [--format md|text|json] [--corpus DIR | --story ID]`
 * Answers questions from a corpus folder (default: seeds/); --brief prints the meeting brief instead
 * (text as the console shows /brief, Markdown for the meeting notes, or JSON). With --stdin, one question per line, one
 * answer per line (JSON with --json), the corpus loaded once. --report prints what the loader inferred
 * and stripped for each article, and what the load did with the saved index. --no-cache neither reads
 * nor writes the saved index.
 * Exit codes: 0 answered (or abstained), 1 a question was unusable, 2 bad usage, 3 corpus unusable.
 */
import { createInterface } from 'node:readline';
import path, { resolve } from 'node:path';
import { Engine } from '../engine.js';
import { formatCacheReport } from '../cache/indexCache.js';
import { CorpusError, readMaxArticleBytes } from '../corpus/load.js';
import { formatReport } from '../corpus/report.js';
import { briefJson, briefMarkdown, renderBrief } from '../render/brief.js';
import { pagesToText } from '../render/embed.js';
import { jsonLine } from '../render/json.js';
import { questionHeading, renderAnswerText } from '../render/text.js';
import { questionProblem } from '../answer/answer.js';
import { DEFAULT_CORPUS } from './defaults.js';
import { discoverStories, type Story } from '../stories/catalogue.js';

interface Options {
  corpus: string;
  /** --story: a story of --stories (or STORIES_DIR) instead of --corpus. */
  story: string | null;
  stories: string | null;
  json: boolean;
  stdin: boolean;
  report: boolean;
  cache: boolean;
  /** --brief: the meeting brief instead of an answer, in this format. */
  brief: BriefFormat | null;
  /** The brief's title: the story's, else the corpus folder's name. */
  title: string | null;
  /** MAX_ARTICLE_BYTES, read with the rest of the options. */
  maxArticleBytes: number;
  question: string;
}

const BRIEF_FORMATS = ['text', 'md', 'json'] as const;
type BriefFormat = (typeof BRIEF_FORMATS)[number];

const USAGE = `usage: npm run ask -- [--corpus DIR | --story ID] [--json] [--stdin] [--report] [--no-cache] "your question"
       npm run ask -- --brief [--format md|text|json] [--corpus DIR | --story ID]
  --corpus DIR  folder of articles (.txt/.md, searched recursively); default: seeds/ (or CORPUS_DIR)
  --story ID    the story ID of the stories folder (STORIES_DIR, or --stories DIR)
  --stories DIR folder holding one folder of articles per story; default: STORIES_DIR
  --json        print one JSON object per answer
  --stdin       read one question per line from standard input
  --report      print what was inferred and stripped for each article, and what the load did with the saved index
  --no-cache    neither read nor write the saved index (<corpus>/.coverage-cache/)
  --brief       the meeting brief: key facts, where outlets differ, latest developments, main quotes, every line cited
  --format F    the brief as text (default, as the console shows /brief), md (Markdown for the meeting notes) or json`;

function parseArgs(argv: string[]): Options | string {
  const articleBytes = readMaxArticleBytes(process.env.MAX_ARTICLE_BYTES);
  if ('problem' in articleBytes) return articleBytes.problem;
  const o: Options = {
    corpus: process.env.CORPUS_DIR || DEFAULT_CORPUS,
    story: null,
    stories: process.env.STORIES_DIR || null,
    json: false,
    stdin: false,
    report: false,
    cache: true,
    brief: null,
    title: null,
    maxArticleBytes: articleBytes.bytes,
    question: '',
  };
  const words: string[] = [];
  let format: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') o.json = true;
    else if (a === '--stdin') o.stdin = true;
    else if (a === '--report') o.report = true;
    else if (a === '--no-cache') o.cache = false;
    else if (a === '--brief') o.brief = 'text';
    else if (a === '--format') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) return `--format needs one of ${BRIEF_FORMATS.join(', ')}`;
      format = value;
    }
    else if (a === '--corpus') {
      const dir = argv[++i];
      if (!dir) return '--corpus needs a folder';
      o.corpus = dir;
    } else if (a === '--story' || a === '--stories') {
      const value = argv[++i];
      if (!value) return `${a} needs ${a === '--story' ? 'a story id' : 'a folder'}`;
      if (a === '--story') o.story = value;
      else o.stories = value;
    } else if (a === '--help' || a === '-h') return '';
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else words.push(a);
  }
  if (o.story !== null) {
    if (o.stories === null) return '--story needs a stories folder: set STORIES_DIR or give --stories DIR';
    let stories: Story[];
    try {
      stories = discoverStories(resolve(o.stories));
    } catch {
      return `the stories folder ${o.stories} cannot be read`;
    }
    const story = stories.find((s) => s.id === o.story);
    if (!story) return `there is no story "${o.story}" in ${o.stories}; stories: ${stories.map((s) => s.id).join(', ') || 'none'}`;
    o.corpus = story.dir;
    o.title = story.title;
  }
  if (format !== null) {
    if (o.brief === null) return '--format goes with --brief (answers take --json)';
    if (!(BRIEF_FORMATS as readonly string[]).includes(format)) return `--format ${format}: the brief is written as ${BRIEF_FORMATS.join(', ')}`;
    o.brief = format as BriefFormat;
  }
  if (o.brief !== null) {
    if (words.length) return '--brief takes no question: the brief covers the whole story';
    if (o.stdin || o.report) return `--brief does not go with ${o.stdin ? '--stdin' : '--report'}`;
    if (o.json) o.brief = format === null || format === 'json' ? 'json' : o.brief;
    if (o.json && o.brief !== 'json') return `--json and --format ${o.brief} ask for two formats`;
    o.title ??= path.basename(resolve(o.corpus));
    return o;
  }
  o.question = words.join(' ');
  // an empty question given as an argument is answered with its own message (exit 1), not a usage error
  if (!o.stdin && !o.report && !words.length) return 'no question given';
  return o;
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    if (parsed) console.error(`ask: ${parsed}`);
    console.error(USAGE);
    return parsed ? 2 : 0;
  }
  const dir = resolve(parsed.corpus);
  const engine = await Engine.load(dir, { maxFileBytes: parsed.maxArticleBytes, ...(parsed.cache ? {} : { cache: false }) });
  if (parsed.report) {
    console.log(formatReport({ root: engine.root, articles: engine.knowledge.articles, problems: engine.problems }));
    console.log(formatCacheReport(engine.cacheReport));
    return 0;
  }
  for (const p of engine.problems) console.error(`warning: ${p.file}: ${p.message}`);
  if (parsed.brief) {
    const brief = engine.brief();
    const title = parsed.title ?? '';
    if (parsed.brief === 'json') console.log(JSON.stringify(briefJson(brief, title)));
    else if (parsed.brief === 'md') process.stdout.write(briefMarkdown(brief, title));
    else process.stdout.write(pagesToText(renderBrief(brief, title)));
    return 0;
  }
  const print = (q: string) => {
    const a = engine.ask(q);
    if (parsed.json) console.log(jsonLine(a));
    // piped answers would run together: each starts with its question under a rule
    else if (parsed.stdin) console.log(`${questionHeading(a)}\n${renderAnswerText(a)}\n`);
    else console.log(renderAnswerText(a));
  };
  if (!parsed.stdin) {
    print(parsed.question);
    return questionProblem(parsed.question) ? 1 : 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) print(line);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CorpusError) {
      console.error(`ask: ${err.message}`);
      process.exitCode = 3;
      return;
    }
    console.error(`ask: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 4;
  },
);
