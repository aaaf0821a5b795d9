/**
 * Bot configuration: read once from the environment at start-up, validated, and typed. Every problem is
 * reported together, each with what to set and where to get it, so a newcomer fixes the .env in one go.
 * Values are never echoed back: a malformed token must not end up in a terminal scroll-back or a log.
 */
import path from 'node:path';
import { readMaxArticleBytes } from '../corpus/load.js';
import { LOG_LEVELS, type LogLevel } from '../log.js';
import { DEFAULT_QUESTION_LOG, type QuestionLogSettings } from '../questions/settings.js';

export interface BotConfig {
  /** Bot token; null runs the local console instead of connecting. */
  token: string | null;
  /** Application id, needed to register commands. */
  clientId: string | null;
  /** Development server to register commands to (instant); null registers globally. */
  guildId: string | null;
  /** Absolute path of the coverage folder. */
  corpusDir: string;
  /** STORIES_DIR: absolute path of a folder with one folder per story; null serves CORPUS_DIR as the one story. */
  storiesDir: string | null;
  /** EDITOR_ROLE_ID: members with this role may bind channels and add articles (besides Manage Channels). */
  editorRoleId: string | null;
  /** DATA_DIR: absolute path of the folder holding the desk's database (channel bindings, the add log). */
  dataDir: string;
  /** WATCH_POLL: false watches story folders natively; true or a number of ms polls them (network drives). */
  watchPoll: boolean | number;
  /** MAX_ARTICLE_BYTES: a larger article file is skipped with a message. */
  maxArticleBytes: number;
  /** QUESTION_LOG (on|off) and QUESTION_LOG_DAYS: whether questions are logged with their outcome, and for how long. */
  questionLog: QuestionLogSettings;
  logLevel: LogLevel;
  /** REST base replacing `https://discord.com/api` (a proxy, or the tests' stand-in); null for Discord's. */
  apiBase: string | null;
  /** NODE_ENV=production: JSON log lines. */
  production: boolean;
}

/** Raised with every problem found; `problems` are sentences to show as they are. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The default coverage folder, relative to the working directory: the bundled sample story. */
export const DEFAULT_CORPUS_DIR = 'seeds';
/** QUESTION_LOG_DAYS may be from 1 day to a year: a log of who asked what is kept no longer than it is useful. */
export const QUESTION_LOG_DAYS_RANGE = { min: 1, max: 365 } as const;

/** The default DATA_DIR, relative to the working directory (git-ignored). */
export const DEFAULT_DATA_DIR = '.data';

const PORTAL = 'https://discord.com/developers/applications';
const SNOWFLAKE = /^\d{17,20}$/;
/* id.timestamp.hmac, each part base64url; the lengths vary across token generations, so keep it loose. */
const TOKEN = /^[A-Za-z0-9_-]{18,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/;

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined) return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

function checkToken(token: string): string | null {
  if (/^bot\s/i.test(token)) return 'DISCORD_TOKEN starts with "Bot ": set only the token itself, without the prefix.';
  if (/^["']|["']$/.test(token)) return 'DISCORD_TOKEN is wrapped in quotes: remove them.';
  if (!TOKEN.test(token)) {
    return `DISCORD_TOKEN does not look like a bot token (three parts separated by dots). Copy it from ${PORTAL} → your application → Bot → Reset Token.`;
  }
  return null;
}

function checkApiBase(base: string): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { problem: 'DISCORD_API_BASE is not a URL: set it to the REST base, e.g. https://proxy.example/api, or leave it unset for Discord\'s own API.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { problem: 'DISCORD_API_BASE must start with http:// or https://.' };
  }
  const trimmed = url.href.replace(/\/+$/, '');
  if (/\/v\d+$/.test(trimmed)) {
    return { problem: 'DISCORD_API_BASE ends with an API version: leave it off (https://proxy.example/api, not …/api/v10); the version is added per request.' };
  }
  return { url: trimmed };
}

/**
 * Reads and validates the configuration from `env`. `cwd` anchors a relative CORPUS_DIR.
 * Throws ConfigError listing every problem.
 */
export function readConfig(env: Env, cwd: string): BotConfig {
  const problems: string[] = [];

  const token = value(env, 'DISCORD_TOKEN');
  if (token !== null) {
    const problem = checkToken(token);
    if (problem) problems.push(problem);
  }

  const clientId = value(env, 'DISCORD_CLIENT_ID');
  if (clientId !== null && !SNOWFLAKE.test(clientId)) {
    problems.push(`DISCORD_CLIENT_ID must be the numeric Application ID from ${PORTAL} → your application → General Information.`);
  }

  const guildId = value(env, 'DISCORD_GUILD_ID');
  if (guildId !== null && !SNOWFLAKE.test(guildId)) {
    problems.push('DISCORD_GUILD_ID must be a numeric server id: in Discord, turn on Settings → Advanced → Developer Mode, then right-click the server → Copy Server ID. Leave it unset to register commands globally.');
  }

  const level = value(env, 'LOG_LEVEL') ?? 'info';
  const logLevel = (LOG_LEVELS as readonly string[]).includes(level.toLowerCase()) ? (level.toLowerCase() as LogLevel) : null;
  if (logLevel === null) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (default info).`);

  let apiBase: string | null = null;
  const base = value(env, 'DISCORD_API_BASE');
  if (base !== null) {
    const checked = checkApiBase(base);
    if ('problem' in checked) problems.push(checked.problem);
    else apiBase = checked.url;
  }

  const editorRoleId = value(env, 'EDITOR_ROLE_ID');
  if (editorRoleId !== null && !SNOWFLAKE.test(editorRoleId)) {
    problems.push('EDITOR_ROLE_ID must be a numeric role id: with Developer Mode on, Server Settings → Roles → right-click the role → Copy Role ID. Leave it unset to let only members with Manage Channels edit.');
  }

  const pollText = value(env, 'WATCH_POLL')?.toLowerCase() ?? null;
  let watchPoll: boolean | number = false;
  if (pollText === null || ['0', 'false', 'no', 'off'].includes(pollText)) watchPoll = false;
  else if (['1', 'true', 'yes', 'on'].includes(pollText)) watchPoll = true;
  else if (/^\d+$/.test(pollText) && Number(pollText) >= 100 && Number(pollText) <= 600_000) watchPoll = Number(pollText);
  else problems.push('WATCH_POLL must be true (poll the story folders every 2 s, for network drives), false (watch them natively, the default) or an interval in milliseconds from 100 to 600000.');

  const articleBytes = readMaxArticleBytes(env.MAX_ARTICLE_BYTES);
  if ('problem' in articleBytes) problems.push(articleBytes.problem);

  const logText = value(env, 'QUESTION_LOG')?.toLowerCase() ?? null;
  let logEnabled = DEFAULT_QUESTION_LOG.enabled;
  if (logText === null) logEnabled = DEFAULT_QUESTION_LOG.enabled;
  else if (['on', 'true', 'yes', '1'].includes(logText)) logEnabled = true;
  else if (['off', 'false', 'no', '0'].includes(logText)) logEnabled = false;
  else problems.push('QUESTION_LOG must be on (log every question with its outcome, for /unanswered; the default) or off (log nothing).');

  const daysText = value(env, 'QUESTION_LOG_DAYS');
  let logDays = DEFAULT_QUESTION_LOG.days;
  if (daysText !== null) {
    const { min, max } = QUESTION_LOG_DAYS_RANGE;
    if (/^\d+$/.test(daysText) && Number(daysText) >= min && Number(daysText) <= max) logDays = Number(daysText);
    else problems.push(`QUESTION_LOG_DAYS must be a whole number of days from ${min} to ${max} (default ${DEFAULT_QUESTION_LOG.days}): questions older than that are deleted. To keep none, set QUESTION_LOG=off.`);
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    token,
    clientId,
    guildId,
    corpusDir: path.resolve(cwd, value(env, 'CORPUS_DIR') ?? DEFAULT_CORPUS_DIR),
    storiesDir: value(env, 'STORIES_DIR') === null ? null : path.resolve(cwd, value(env, 'STORIES_DIR') ?? ''),
    editorRoleId,
    dataDir: path.resolve(cwd, value(env, 'DATA_DIR') ?? DEFAULT_DATA_DIR),
    watchPoll,
    maxArticleBytes: 'bytes' in articleBytes ? articleBytes.bytes : 0,
    questionLog: { enabled: logEnabled, days: logDays },
    logLevel: logLevel ?? 'info',
    apiBase,
    production: value(env, 'NODE_ENV') === 'production',
  };
}

/** What registering commands needs beyond the base configuration. */
export interface DeployConfig extends BotConfig {
  token: string;
  clientId: string;
}

/** Narrows a configuration to one that can register commands, or throws ConfigError saying what is missing. */
export function requireDeploy(config: BotConfig): DeployConfig {
  const problems: string[] = [];
  if (config.token === null) problems.push(`DISCORD_TOKEN is not set: copy the bot token from ${PORTAL} → your application → Bot → Reset Token into .env.`);
  if (config.clientId === null) problems.push(`DISCORD_CLIENT_ID is not set: copy the Application ID from ${PORTAL} → your application → General Information into .env.`);
  if (problems.length > 0) throw new ConfigError(problems);
  return config as DeployConfig;
}
