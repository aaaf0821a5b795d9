/**
 * `.env` support without a dependency: values from the file fill in what the environment does not set,
 * so an exported variable (CI, a container, a test) always wins over the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/** Reads `<dir>/.env` into `env` for keys not already set; returns the keys it set. */
export function loadDotEnv(dir: string, env: NodeJS.ProcessEnv): string[] {
  const file = path.join(dir, '.env');
  if (!existsSync(file)) return [];
  const parsed = parseEnv(readFileSync(file, 'utf8'));
  const set: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (env[key] === undefined && value !== undefined) {
      env[key] = value;
      set.push(key);
    }
  }
  return set;
}
