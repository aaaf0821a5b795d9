/**
 * The Discord connection: a discord.js Client with only the Guilds intent, mentions disabled by default,
 * REST pointed at DISCORD_API_BASE when set (the gateway address then comes from that API's
 * /gateway/bot, as it does from Discord's), and every client, gateway and REST event that matters logged.
 */
import { Client, Events, GatewayIntentBits, Partials, RESTEvents } from 'discord.js';
import { Desk } from '../desk/desk.js';
import { fixedStory } from '../desk/fixed.js';
import { MemoryStore } from '../store/memory.js';
import { errorFields, type Logger } from '../log.js';
import { catalogueOf, UploadError, type Command, type CoverageEngine } from './command.js';
import { downloadAttachment } from '../ingest/download.js';
import { createDispatcher, NO_MENTIONS, type Downloader } from './interactions.js';
import { PageStore } from './pager.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rateLimit.js';

export interface BotOptions {
  token: string;
  /** REST base replacing https://discord.com/api; null for Discord's. */
  apiBase: string | null;
  /** The stories and the channel bindings; or give `engine` alone for one story with bindings in memory. */
  desk?: Desk<CoverageEngine>;
  engine?: CoverageEngine;
  /** EDITOR_ROLE_ID; members with Manage Channels are editors in any case. */
  editorRoleId?: string | null;
  /** How attachments are fetched (the tests' stand-in serves them on loopback). */
  download?: Downloader;
  commands: readonly Command[];
  logger: Logger;
  rateLimit?: RateLimitOptions;
  /** How many times a failed REST call (5xx, network) is retried before the command gives up. */
  restRetries?: number;
}

export interface RunningBot {
  client: Client;
  /** Resolves once the client is ready (servers received). */
  ready: Promise<void>;
  /** Disconnects cleanly; safe to call twice. */
  stop(): Promise<void>;
}

/** Discord serves attachments from these hosts; the bot fetches nothing else (and the API base's host, when set). */
const ATTACHMENT_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'];
const DOWNLOAD_TIMEOUT_MS = 20_000;

/** Fetches an attachment only from the address Discord gave for it, with the size cap. */
export function attachmentDownloader(apiBase: string | null): Downloader {
  const hosts = new Set([...ATTACHMENT_HOSTS, ...(apiBase ? [new URL(apiBase).host] : [])]);
  return async (url, maxBytes) => {
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      throw new UploadError('The attachment address is not a valid URL.');
    }
    if (!hosts.has(host)) throw new UploadError('The attachment is not served by Discord, so it was not fetched.');
    const got = await downloadAttachment(url, { maxBytes, timeoutMs: DOWNLOAD_TIMEOUT_MS });
    if (!got.ok) throw new UploadError(got.message);
    return got.bytes;
  };
}

/** Builds the client without connecting: the options are the bot's whole footprint on Discord. */
export function createClient(apiBase: string | null, restRetries?: number): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // an interaction's channel is then known even when not cached (a thread older than the connection), for its parent's story
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: { ...(apiBase ? { api: apiBase } : {}), ...(restRetries !== undefined ? { retries: restRetries } : {}) },
  });
}

/** Connects to Discord and answers interactions until stopped. Rejects when login fails. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const desk = options.desk ?? (options.engine ? new Desk(fixedStory(options.engine, { id: 'coverage', title: 'Coverage' }), new MemoryStore()) : null);
  if (!desk) throw new Error('startBot needs a desk or an engine');
  const client = createClient(options.apiBase, options.restRetries);
  const commands = new Map(options.commands.map((c) => [c.data.name, c]));
  const dispatch = createDispatcher({
    desk,
    catalogue: catalogueOf(options.commands),
    editorRoleId: options.editorRoleId ?? null,
    download: options.download ?? attachmentDownloader(options.apiBase),
    commands,
    logger,
    limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    pages: new PageStore(),
  });

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, async (c) => {
      // with one story, the ready line says what it serves, as before stories; with several, loading waits for questions
      const only = desk.stories.onlyStory;
      const stats = only ? await Promise.resolve(desk.stories.engine(only.id)?.then((e) => e.stats())).catch(() => null) : null;
      logger.info('ready', {
        user: c.user.tag,
        servers: c.guilds.cache.size,
        stories: desk.stories.list().length,
        bindings: desk.store.bindings().length,
        ...(stats ? { articles: stats.articles, facts: stats.facts } : {}),
      });
      resolve();
    });
  });

  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
  client.on(Events.Error, (error) => logger.error('client error', errorFields(error)));
  client.on(Events.Warn, (message) => logger.warn('client warning', { detail: message }));
  client.on(Events.Debug, (message) => logger.debug('discord.js', { detail: message }));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn('gateway closed for good', { shard, code: event.code }));
  let stopped = false;
  // destroy() closes the shards, which report it as a reconnect: only a reconnect while running is news
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopped) logger.warn('gateway reconnecting', { shard });
  });
  client.on(Events.ShardResume, (shard, replayed) => logger.info('gateway resumed', { shard, replayed }));
  client.on(Events.ShardError, (error, shard) => logger.error('gateway error', { shard, ...errorFields(error) }));
  client.on(Events.GuildCreate, (guild) => {
    if (client.isReady()) logger.info('added to a server', { server: guild.id, servers: client.guilds.cache.size });
  });
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn('discord rate limit', { route: info.route, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope }),
  );
  /*
   * Interaction routes are not throttled ahead of time, so a 429 there never raises RateLimited; the
   * raw responses show it (and 5xx, which are retried). `route` has ids and tokens masked.
   */
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status !== 429 && response.status < 500) return;
    logger.warn(response.status === 429 ? 'discord rate limit' : 'discord server error', {
      method: request.method.toUpperCase(),
      route: request.route,
      status: response.status,
      retries: request.retries,
      ...(response.status === 429 ? { retryAfter: response.headers.get('retry-after') } : {}),
    });
  });

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await client.destroy();
  };

  try {
    await client.login(options.token);
  } catch (error) {
    await stop();
    throw error;
  }
  return { client, ready, stop };
}
