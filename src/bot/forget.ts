/**
 * `npm run forget -- <user id>`: removes a user's entries from the desk's database under DATA_DIR (read
 * from the environment and .env like `npm start`), and prints how many rows went from each table.
 * Exit codes: 0 done (also when the user had no rows), 1 a bad id or an unusable database, 2 bad usage.
 */
import { forgetReport, forgetUser } from '../store/forget.js';
import { ConfigError, readConfig } from './config.js';
import { loadDotEnv } from './env.js';

const USAGE = 'usage: npm run forget -- <user id>\n  Removes what the desk keeps about one Discord user (the 17 to 20 digits of their id): their questions\n  are deleted; bindings they made and articles they added stay, with their id cleared.';

function main(argv: readonly string[]): number {
  if (argv.length !== 1 || argv[0] === '--help' || argv[0] === '-h') {
    process.stderr.write(`${USAGE}\n`);
    return argv.length === 1 ? 0 : 2;
  }
  loadDotEnv(process.cwd(), process.env);
  let dataDir: string;
  try {
    dataDir = readConfig(process.env, process.cwd()).dataDir;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example and README.md, "Configuration".\n`);
    return 1;
  }
  const result = forgetUser(dataDir, argv[0] ?? '');
  if (!result.ok) {
    process.stderr.write(`${result.problem}\n`);
    return 1;
  }
  process.stdout.write(`${forgetReport(argv[0] ?? '', result)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
