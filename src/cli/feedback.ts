/**
 * `npm run feedback -- --export [--out FILE] [--data DIR]`: the votes people left on answers, as JSONL that
 * `scripts/train-ranker.ts --extra FILE` reads as labelled questions (format: src/feedback/export.ts and
 * the README). Reads the desk's database under DATA_DIR (.env is read as `npm start` reads it) and never
 * creates one. Exit codes: 0 written, 1 no database or it cannot be read, 2 bad usage.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATA_DIR } from '../bot/config.js';
import { loadDotEnv } from '../bot/env.js';
import { feedbackLines, jsonl } from '../feedback/export.js';
import { DATABASE_FILE, SqliteStore } from '../store/sqlite.js';

const USAGE = `usage: npm run feedback -- --export [--out FILE] [--data DIR]
  --export    write every rated answer whose votes say if its passage was right, one JSON object a line
  --out FILE  write to FILE instead of standard output
  --data DIR  the desk's data folder; default: DATA_DIR, else ${DEFAULT_DATA_DIR}/`;

interface Options {
  out: string | null;
  data: string;
}

function parseArgs(argv: readonly string[]): Options | string {
  let exporting = false;
  const o: Options = { out: null, data: process.env.DATA_DIR || DEFAULT_DATA_DIR };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--export') exporting = true;
    else if (a === '--out' || a === '--data') {
      const value = argv[++i];
      if (!value) return `${a} needs ${a === '--out' ? 'a file' : 'a folder'}`;
      if (a === '--out') o.out = value;
      else o.data = value;
    } else if (a === '--help' || a === '-h') return '';
    else return `unknown argument ${a}`;
  }
  return exporting ? o : 'nothing to do: give --export';
}

function main(): number {
  loadDotEnv(process.cwd(), process.env);
  const parsed = parseArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed ? `${parsed}\n` : ''}${USAGE}\n`);
    return parsed ? 2 : 0;
  }
  const file = path.resolve(parsed.data, DATABASE_FILE);
  if (!existsSync(file)) {
    process.stderr.write(`There is no desk database at ${file}: set DATA_DIR (or --data) to the folder the bot keeps it in. Nothing was written.\n`);
    return 1;
  }
  let store: SqliteStore;
  try {
    store = new SqliteStore(file);
  } catch (error) {
    process.stderr.write(`Could not read ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. Nothing was written.\n`);
    return 1;
  }
  const votes = store.feedback({});
  store.close();
  const { lines, skipped } = feedbackLines(votes);
  const text = jsonl(lines);
  if (parsed.out) writeFileSync(parsed.out, text);
  else process.stdout.write(text);
  const right = lines.filter((l) => l.label === 'right-passage').length;
  process.stderr.write(
    `${lines.length} labelled question${lines.length === 1 ? '' : 's'} (${right} right passage, ${lines.length - right} wrong) from ${votes.length} vote${votes.length === 1 ? '' : 's'}` +
      `${skipped > 0 ? `; ${skipped} rated answer${skipped === 1 ? '' : 's'} left out (votes tied or without a reason)` : ''}${parsed.out ? `; written to ${parsed.out}` : ''}.\n`,
  );
  return 0;
}

process.exitCode = main();
