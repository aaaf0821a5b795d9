/**
 * `npm run ask -- [--corpus DIR] [--json] [--stdin] [--report] [--no-cache] "question"`
 * Answers questions from a corpus folder (default: seeds/). With --stdin, one question per line, one
 * answer per line (JSON with --json), the corpus loaded once. --report prints what the loader inferred
 * and stripped for each article, and what the load did with the saved index. --no-cache neither reads
 * nor writes the saved index.
 * Exit codes: 0 answered (or abstained), 1 a question was unusable, 2 bad usage, 3 corpus unusable.
 */
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { Engine } from '../engine.js';
import { formatCacheReport } from '../cache/indexCache.js';
import { CorpusError, readMaxArticleBytes } from '../corpus/load.js';
import { formatReport } from '../corpus/report.js';
import { jsonLine } from '../render/json.js';
import { questionHeading, renderAnswerText } from '../render/text.js';
import { questionProblem } from '../answer/answer.js';
import { DEFAULT_CORPUS } from './defaults.js';

interface Options {
  corpus: string;
  json: boolean;
  stdin: boolean;
  report: boolean;
  cache: boolean;
  /** MAX_ARTICLE_BYTES, read with the rest of the options. */
  maxArticleBytes: number;
  question: string;
}

const USAGE = `usage: npm run ask -- [--corpus DIR] [--json] [--stdin] [--report] [--no-cache] "your question"
  --corpus DIR  folder of articles (.txt/.md, searched recursively); default: seeds/ (or CORPUS_DIR)
  --json        print one JSON object per answer
  --stdin       read one question per line from standard input
  --report      print what was inferred and stripped for each article, and what the load did with the saved index
  --no-cache    neither read nor write the saved index (<corpus>/.coverage-cache/)`;

function parseArgs(argv: string[]): Options | string {
  const articleBytes = readMaxArticleBytes(process.env.MAX_ARTICLE_BYTES);
  if ('problem' in articleBytes) return articleBytes.problem;
  const o: Options = {
    corpus: process.env.CORPUS_DIR || DEFAULT_CORPUS,
    json: false,
    stdin: false,
    report: false,
    cache: true,
    maxArticleBytes: articleBytes.bytes,
    question: '',
  };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') o.json = true;
    else if (a === '--stdin') o.stdin = true;
    else if (a === '--report') o.report = true;
    else if (a === '--no-cache') o.cache = false;
    else if (a === '--corpus') {
      const dir = argv[++i];
      if (!dir) return '--corpus needs a folder';
      o.corpus = dir;
    } else if (a === '--help' || a === '-h') return '';
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else words.push(a);
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
