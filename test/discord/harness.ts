/**
 * Test plumbing: a stand-in with a bot token and application, a logger whose lines the test can read,
 * and the real bot (src/bot/client.ts) connected to the stand-in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { commands as allCommands } from '../../commands/index.js';
import type { Command, CoverageEngine } from '../../src/bot/command.js';
import { startBot, type RunningBot } from '../../src/bot/client.js';
import { Desk } from '../../src/desk/desk.js';
import type { RateLimitOptions } from '../../src/bot/rateLimit.js';
import { createLogger, type Logger } from '../../src/log.js';
import { fakeToken, snowflake as snowflakeOf } from './fixtures.js';
import { DiscordStandIn } from './standin.js';

export const APPLICATION_ID = '1410000000000000001';

/** A stand-in on loopback with a fresh bot token. */
export async function startStandIn(options: { ackWindowMs?: number; roles?: { id: string; name: string }[] } = {}): Promise<{ standIn: DiscordStandIn; token: string }> {
  const token = fakeToken(APPLICATION_ID);
  const { roles, ...rest } = options;
  const guilds = roles ? [{ id: snowflakeOf(), name: 'Newsroom', roles }] : undefined;
  const standIn = await DiscordStandIn.start({ token, applicationId: APPLICATION_ID, ...rest, ...(guilds ? { guilds } : {}) });
  return { standIn, token };
}

/** A log line as the JSON format writes it. */
export type LogLine = Record<string, unknown> & { level: string; message: string };

/** A JSON logger writing into memory, and the raw text it wrote (to search for secrets). */
export function memoryLogger(secrets: string[] = []): { logger: Logger; lines: LogLine[]; raw: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ json: true, level: 'debug', secrets, stream });
  const raw = (): string => chunks.join('');
  return {
    logger,
    raw,
    get lines(): LogLine[] {
      return raw()
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as LogLine);
    },
  };
}

export interface TestBot {
  bot: RunningBot;
  logs: ReturnType<typeof memoryLogger>;
}

/** The real bot, logged in to the stand-in and ready. */
export async function startTestBot(
  standIn: DiscordStandIn,
  token: string,
  engine: CoverageEngine | Desk<CoverageEngine>,
  options: { rateLimit?: RateLimitOptions; commands?: readonly Command[]; editorRoleId?: string } = {},
): Promise<TestBot> {
  const logs = memoryLogger([token]);
  const bot = await startBot({
    token,
    apiBase: standIn.apiBase,
    ...(engine instanceof Desk ? { desk: engine } : { engine }),
    editorRoleId: options.editorRoleId ?? null,
    commands: options.commands ?? allCommands,
    logger: logs.logger,
    rateLimit: options.rateLimit ?? { max: 1000, windowMs: 10_000 },
    restRetries: 1,
  });
  await bot.ready;
  return { bot, logs };
}

/** Interaction log lines (one per interaction). */
export function interactionLines(lines: LogLine[]): LogLine[] {
  return lines.filter((l) => l.message === 'interaction');
}

/** Output of a script run as `npm start` / `npm run deploy-commands` would run it. */
export interface ScriptRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
/** tsx's loader, as `npm start` runs it. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Starts `src/bot/<script>` in a child process through tsx, in an empty working directory (so no
 * developer .env is read) and with only the given environment besides PATH and HOME.
 */
export function spawnScript(script: 'main.ts' | 'deploy.ts', env: Record<string, string>): ChildProcess {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'coverage-bot-'));
  return spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'src/bot', script)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Collects a child's output until it exits. */
export function finished(child: ChildProcess): Promise<ScriptRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Runs a script to completion with `input` on its stdin. */
export async function runScript(script: 'main.ts' | 'deploy.ts', env: Record<string, string>, input = ''): Promise<ScriptRun> {
  const child = spawnScript(script, env);
  const done = finished(child);
  child.stdin?.end(input);
  return done;
}

/** The bundled sample story. */
export const SEEDS = path.join(ROOT, 'seeds');
