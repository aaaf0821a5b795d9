/** Running the `ask` and `feedback` commands as a user does, for the CLI and saved-index tests. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx src/cli/ask.ts …args` from the repo root (CORPUS_DIR unset), feeding `input` on stdin. */
export function ask(args: string[], input?: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  return runCli('ask', args, input, extraEnv);
}

/** Runs `src/cli/<script>.ts …args` from the repo root, without the developer's CORPUS_DIR, STORIES_DIR or DATA_DIR. */
export function runCli(script: 'ask' | 'feedback', args: string[], input?: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  const env = { ...process.env };
  delete env.CORPUS_DIR;
  delete env.STORIES_DIR;
  delete env.DATA_DIR;
  Object.assign(env, extraEnv);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
