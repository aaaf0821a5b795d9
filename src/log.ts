/**
 * The one logger factory for the bot and the CLI. Logs go to stderr by default so that stdout stays free
 * for answers (the CLI's JSON, the local console), and secrets are scrubbed from the final line so that
 * no code path — a thrown error, a library debug message — can leak the bot token.
 */
import winston from 'winston';
import type { Writable } from 'node:stream';

/** Levels accepted by LOG_LEVEL, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Logger = winston.Logger;

export interface LoggerOptions {
  level?: LogLevel;
  /** One JSON object per line (for log collectors) instead of the readable terminal format. */
  json?: boolean;
  /** Values that must never appear in a log line, e.g. the bot token. Empty strings are ignored. */
  secrets?: readonly (string | null | undefined)[];
  /** Where lines go; defaults to stderr. */
  stream?: Writable;
  /** Colour the level in the readable format; defaults to whether the stream is a terminal. */
  colors?: boolean;
}

/** What replaces a secret in the log. */
export const REDACTED = '[redacted]';

/*
 * Discord bot tokens have a recognisable shape (id.timestamp.hmac); scrubbing the shape as well as the
 * configured value also covers a token pasted into the wrong variable.
 */
const TOKEN_SHAPE = /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g;

const MESSAGE = Symbol.for('message');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/*
 * A dotted secret is also scrubbed when shown in part: discord.js's debug line prints a token's id and
 * timestamp with only the last part starred, and those two parts are half of what a leak needs.
 */
function forms(secret: string): string[] {
  const parts = secret.split('.');
  return parts.length >= 3 ? [secret, parts.slice(0, 2).join('.'), ...parts.slice(1).filter((p) => p.length >= 6)] : [secret];
}

/** Replaces every secret value (and a dotted secret's revealing parts), and anything shaped like a bot token, in a finished log line. */
export function redact(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) for (const form of forms(secret)) out = out.replace(new RegExp(escapeRegExp(form), 'g'), REDACTED);
  return out.replace(TOKEN_SHAPE, REDACTED);
}

function redactLine(secrets: readonly string[]): winston.Logform.Format {
  return winston.format((info) => {
    const record = info as unknown as Record<symbol, unknown>;
    const line = record[MESSAGE];
    if (typeof line === 'string') record[MESSAGE] = redact(line, secrets);
    return info;
  })();
}

const RESERVED = new Set(['level', 'message', 'timestamp', 'stack']);

function renderValue(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) || value === '' ? JSON.stringify(value) : value;
  if (value instanceof Error) return JSON.stringify(value.message);
  return JSON.stringify(value) ?? String(value);
}

/** `12:03:04 info  ready servers=2 articles=5` — one line, fields as key=value, stack underneath. */
const readableLine = winston.format.printf((info) => {
  const fields = Object.entries(info)
    .filter(([key, value]) => !RESERVED.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${renderValue(value)}`);
  const time = typeof info.timestamp === 'string' ? info.timestamp : '';
  const head = [time, info.level, String(info.message), ...fields].filter((part) => part !== '').join(' ');
  return typeof info.stack === 'string' ? `${head}\n${info.stack}` : head;
});

/**
 * Creates a logger. Readable lines for a terminal, or JSON lines when `json` is set (the bot sets it when
 * NODE_ENV=production). Every line is scrubbed of `secrets`.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const stream = opts.stream ?? process.stderr;
  const secrets = (opts.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const colors = opts.colors ?? ((stream as { isTTY?: boolean }).isTTY === true && !opts.json);
  const shape = opts.json
    ? winston.format.combine(winston.format.timestamp(), winston.format.json())
    : winston.format.combine(
        winston.format.timestamp({ format: 'HH:mm:ss' }),
        ...(colors ? [winston.format.colorize({ level: true })] : []),
        readableLine,
      );
  return winston.createLogger({
    level: opts.level ?? 'info',
    levels: winston.config.npm.levels,
    format: winston.format.combine(shape, redactLine(secrets)),
    transports: [new winston.transports.Stream({ stream })],
  });
}

/** Fields describing a caught value for a log line: its message and, for errors, its stack. */
export function errorFields(error: unknown): { error: string; stack?: string } {
  if (error instanceof Error) return { error: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { error: String(error) };
}
