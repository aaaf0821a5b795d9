/**
 * A stand-in for Discord's API that the tests start on loopback: REST over HTTP (`/api/v10/...`) and the
 * gateway over WebSocket, following Discord's published protocol closely enough that an unmodified
 * discord.js Client logs in, receives interactions and answers them.
 *
 * Gateway: HELLO (op 10) → IDENTIFY (op 2) → READY + GUILD_CREATE, HEARTBEAT (op 1) → ACK (op 11),
 * RESUME (op 6) on the READY's resume_gateway_url → replay of missed dispatches + RESUMED, INVALID
 * SESSION (op 9) for an unknown session. REST: GET /gateway/bot, command overwrites, the interaction
 * callback (messages, deferrals, updates, autocomplete choices, modals), and the webhook routes for the
 * original response and follow-ups, a thread started from a message (with THREAD_CREATE on the gateway)
 * and messages posted in it. A modal shown can be submitted as its user would fill it in (a
 * MODAL_SUBMIT interaction); a command can be run inside a thread the bot opened. Discord's rules are enforced: the 3-second acknowledgement window, one
 * acknowledgement per interaction, message and modal limits (answered 400 Invalid Form Body, code
 * 50035), bot authorisation on authenticated routes.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  modalSubmitInteraction,
  guildCreate,
  interactionToken,
  snowflake,
  userObject,
  type GuildSpec,
  type InteractionBase,
  type AttachmentValue,
  type OptionValue,
  type UserSpec,
} from './fixtures.js';

/** A file a user attached, served on loopback as Discord's CDN serves attachments. */
interface HeldAttachment {
  id: string;
  filename: string;
  bytes: Uint8Array;
  contentType: string | null;
  /** The size Discord reports in the interaction (a test may make it differ from the bytes). */
  size: number;
}
import { choiceProblems, commandProblems, messageProblems, modalProblems } from './validate.js';

type Json = Record<string, unknown>;

export interface StandInOptions {
  token: string;
  applicationId: string;
  botName?: string;
  guilds?: { id: string; name: string; roles?: { id: string; name: string }[] }[];
  /** Heartbeat interval sent in HELLO; Discord's is about 41 s. */
  heartbeatInterval?: number;
  /** Discord drops an interaction not acknowledged within 3 seconds. */
  ackWindowMs?: number;
}

/** One REST request as the stand-in saw it. */
export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/1/tok/callback`. */
  route: string;
  query: string;
  /** The Authorization header was `Bot <token>`. */
  authorised: boolean;
  body: unknown;
  status: number;
}

/** A message the bot sent: interaction response, edit of it, or follow-up; `body` is as received. */
export interface SentMessage {
  interactionId: string;
  via: 'callback' | 'edit-original' | 'follow-up' | 'edit-follow-up';
  body: Json;
}

export interface StoredMessage extends Json {
  id: string;
  flags: number;
}

/** What the stand-in knows about one interaction it dispatched. */
export interface InteractionRecord {
  id: string;
  token: string;
  kind: 'command' | 'autocomplete' | 'button' | 'modal';
  name: string;
  user: UserSpec;
  dispatchedAt: number;
  /** Callback types received, in order (5 deferred, 4 message, 7 update, 8 autocomplete, 9 modal…). */
  callbacks: number[];
  expired: boolean;
  original: StoredMessage | null;
  followUps: StoredMessage[];
  choices: { name: string; value: unknown }[] | null;
  /** The modal the bot opened in answer (callback type 9), as received. */
  modal: Json | null;
  /** For a button or a modal submitted from one: the message the button is on. */
  message: StoredMessage | null;
  /** Where the interaction happened: the server and channel (a thread when parentId is set). */
  place: GuildSpec;
  /** Message bodies rejected with 400 and why. */
  rejected: { body: unknown; problems: string[] }[];
  deleted: boolean;
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, for replay on resume. */
  sent: { s: number; t: string; d: unknown }[];
  socket: WebSocket | null;
}

/** A connection as the gateway saw it. */
/** A thread started from a message, as the stand-in keeps it. */
export interface StandInThread {
  id: string;
  name: string;
  parentId: string;
  guildId: string;
  /** The message it was started from (a thread on a message has the message's id). */
  messageId: string;
  autoArchiveDuration: number;
  /** What the bot posted in it, as received. */
  messages: Json[];
  /** The place to pass to command() to run a command inside the thread. */
  place: GuildSpec;
}

export interface GatewayConnection {
  path: string;
  query: URLSearchParams;
  identify: Json | null;
  resume: Json | null;
  closeCode: number | null;
}

/** A canned answer for the next matching REST request(s), to play Discord failing. */
export interface Failure {
  method?: string;
  route: RegExp;
  status: number;
  body?: Json;
  headers?: Record<string, string>;
  /** How many matching requests fail; default 1. */
  times?: number;
}

export class DiscordStandIn extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  readonly sent: SentMessage[] = [];
  readonly connections: GatewayConnection[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  /** Registered commands by scope: `global` or the guild id. */
  readonly commands = new Map<string, Json[]>();
  readonly guilds: GuildSpec[];
  readonly bot: UserSpec;
  /** Threads started from messages, by id. */
  readonly threads = new Map<string, StandInThread>();
  heartbeats = 0;

  readonly #options: Required<Omit<StandInOptions, 'guilds' | 'botName'>>;
  readonly #server: http.Server;
  readonly #wss: WebSocketServer;
  readonly #sessions = new Map<string, Session>();
  readonly #failures: Failure[] = [];
  readonly #attachments = new Map<string, HeldAttachment>();
  /** Attachment downloads, by attachment id. */
  readonly downloads: string[] = [];
  #current: Session | null = null;
  #port = 0;

  private constructor(options: StandInOptions) {
    super();
    this.setMaxListeners(100);
    this.#options = { heartbeatInterval: 41_250, ackWindowMs: 3_000, ...options };
    this.bot = { id: options.applicationId, username: options.botName ?? 'Coverage Desk' };
    this.guilds = (options.guilds ?? [{ id: snowflake(), name: 'Newsroom' }]).map((g) => ({ ...g, channelId: snowflake() }));
    this.#server = http.createServer((req, res) => void this.#handleHttp(req, res));
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/' && url.pathname !== '/resume') {
        socket.destroy();
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws, url));
    });
  }

  /** Starts the stand-in on 127.0.0.1 and an ephemeral port. */
  static async start(options: StandInOptions): Promise<DiscordStandIn> {
    const standIn = new DiscordStandIn(options);
    await new Promise<void>((resolve) => standIn.#server.listen(0, '127.0.0.1', resolve));
    standIn.#port = (standIn.#server.address() as AddressInfo).port;
    return standIn;
  }

  /** What DISCORD_API_BASE is set to: the counterpart of https://discord.com/api. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  /** Makes the next matching REST request(s) fail as described. */
  failNext(failure: Failure): void {
    this.#failures.push({ times: 1, ...failure });
  }

  /** Every message the bot sent for one interaction. */
  messagesFor(interactionId: string): SentMessage[] {
    return this.sent.filter((m) => m.interactionId === interactionId);
  }

  // ——— waiting ———

  /** Resolves with the first truthy value of `probe`, re-checked whenever the stand-in's state changes. */
  waitFor<T>(probe: () => T | null | undefined | false, what: string, deadlineMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (!value) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`stand-in: gave up waiting for ${what}`));
      }, deadlineMs);
      /* Also look now and then: some awaited things (a log line) happen outside the stand-in. */
      const poll = setInterval(check, 25);
      const cleanup = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.off('change', check);
      };
      this.on('change', check);
      check();
    });
  }

  /** Resolves once the interaction has its final response: a message (not the "thinking" placeholder) or choices. */
  answered(record: InteractionRecord): Promise<InteractionRecord> {
    return this.waitFor(
      () =>
        (record.choices !== null ||
          (record.original !== null && (record.original.flags & LOADING) === 0) ||
          record.followUps.length > 0 ||
          record.modal !== null ||
          record.rejected.length > 0) &&
        record,
      `an answer to interaction ${record.name}`,
    );
  }

  // ——— acting as users ———

  #base(user: UserSpec, guild: GuildSpec | undefined): InteractionBase {
    const g = guild ?? this.guilds[0];
    if (!g) throw new Error('stand-in has no guild');
    return { id: snowflake(), token: interactionToken(), applicationId: this.#options.applicationId, guild: g, user };
  }

  #commandId(name: string, guildId: string): string {
    const registered = [...(this.commands.get(guildId) ?? []), ...(this.commands.get('global') ?? [])];
    const found = registered.find((c) => c.name === name.split(' ')[0]);
    return typeof found?.id === 'string' ? found.id : snowflake();
  }

  /** The place of a message: its thread, or its server's channel. */
  #placeOf(message: StoredMessage): GuildSpec | undefined {
    const channelId = String(message.channel_id);
    return this.threads.get(channelId)?.place ?? this.guilds.find((g) => g.channelId === channelId);
  }

  #dispatchInteraction(base: InteractionBase, kind: InteractionRecord['kind'], name: string, payload: Json, message: StoredMessage | null = null): InteractionRecord {
    const record: InteractionRecord = {
      id: base.id,
      token: base.token,
      kind,
      name,
      user: base.user,
      dispatchedAt: Date.now(),
      callbacks: [],
      expired: false,
      original: null,
      followUps: [],
      choices: null,
      modal: null,
      message,
      place: base.guild,
      rejected: [],
      deleted: false,
    };
    this.interactions.set(record.id, record);
    this.dispatch('INTERACTION_CREATE', payload);
    return record;
  }

  /** A user attaches a file to a command; pass the result as the attachment option's value. */
  attach(filename: string, bytes: Uint8Array | string, options: { contentType?: string | null; size?: number } = {}): AttachmentValue {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    const id = snowflake();
    this.#attachments.set(id, { id, filename, bytes: data, contentType: options.contentType === undefined ? 'text/plain; charset=utf-8' : options.contentType, size: options.size ?? data.length });
    return { attachment: id };
  }

  /** The `resolved.attachments` of an interaction, for the attachment options given. */
  #resolved(options: Record<string, OptionValue>): Json | undefined {
    const held = Object.values(options).flatMap((v) => (typeof v === 'object' ? [this.#attachments.get(v.attachment)] : [])).filter((a): a is HeldAttachment => a !== undefined);
    if (held.length === 0) return undefined;
    const origin = new URL(this.apiBase).origin;
    const attachments = Object.fromEntries(
      held.map((a) => {
        const url = `${origin}/attachments/${a.id}/${encodeURIComponent(a.filename)}`;
        return [a.id, { id: a.id, filename: a.filename, size: a.size, url, proxy_url: url, ...(a.contentType ? { content_type: a.contentType } : {}) }];
      }),
    );
    return { attachments };
  }

  /** A user runs a slash command; `story use` runs the subcommand `use` of `story`. */
  command(name: string, options: Record<string, OptionValue> = {}, user: UserSpec = DEFAULT_USER, guild?: GuildSpec): InteractionRecord {
    const base = this.#base(user, guild);
    return this.#dispatchInteraction(base, 'command', name, chatInputInteraction(base, this.#commandId(name, base.guild.id), name, options, this.#resolved(options)));
  }

  /** A user types in an autocomplete option. */
  autocomplete(name: string, options: Record<string, OptionValue>, focused: string, user: UserSpec = DEFAULT_USER, guild?: GuildSpec): InteractionRecord {
    const base = this.#base(user, guild);
    return this.#dispatchInteraction(base, 'autocomplete', name, autocompleteInteraction(base, this.#commandId(name, base.guild.id), name, options, focused));
  }

  /** A user clicks a button on a message the bot sent. */
  click(message: StoredMessage, customId: string, user: UserSpec = DEFAULT_USER): InteractionRecord {
    const buttons = ((message.components ?? []) as { components?: { custom_id?: string; disabled?: boolean }[] }[]).flatMap((row) => row.components ?? []);
    const button = buttons.find((b) => b.custom_id === customId);
    if (!button) throw new Error(`stand-in: the message has no button ${customId}`);
    if (button.disabled) throw new Error(`stand-in: the button ${customId} is disabled and cannot be clicked`);
    const base = this.#base(user, this.#placeOf(message));
    return this.#dispatchInteraction(base, 'button', customId, buttonInteraction(base, customId, message), message);
  }

  /**
   * The user the modal was shown to fills it in and submits it: `values` by custom id, a string for a
   * text input and the chosen option values for a select (a field left out is submitted empty). Refused,
   * as Discord's client would not let it through, when a required field is empty, a text is too long or
   * a value is not one of the select's options.
   */
  submit(shown: InteractionRecord, values: Record<string, string | string[]> = {}): InteractionRecord {
    const modal = shown.modal;
    if (!modal) throw new Error(`stand-in: interaction ${shown.name} opened no modal`);
    const components = (modal.components as Json[]).map((top) => {
      if (top.type !== 18) return { type: top.type, id: top.id };
      const field = top.component as Json;
      const id = String(field.custom_id);
      const given = values[id];
      if (field.type === 4) {
        const text = typeof given === 'string' ? given : '';
        if (given !== undefined && typeof given !== 'string') throw new Error(`stand-in: ${id} is a text input; give a string`);
        if (text === '' && field.required !== false) throw new Error(`stand-in: ${id} is required`);
        if (typeof field.max_length === 'number' && [...text].length > field.max_length) throw new Error(`stand-in: ${id} takes at most ${field.max_length} characters`);
        if (typeof field.min_length === 'number' && text !== '' && [...text].length < field.min_length) throw new Error(`stand-in: ${id} takes at least ${field.min_length} characters`);
        return { type: 18, id: top.id, component: { type: 4, id: field.id, custom_id: id, value: text } };
      }
      const chosen = given === undefined ? [] : Array.isArray(given) ? given : [given];
      const options = ((field.options ?? []) as Json[]).map((o) => String(o.value));
      for (const v of chosen) if (!options.includes(v)) throw new Error(`stand-in: ${v} is not an option of ${id}`);
      const min = field.required === false ? 0 : typeof field.min_values === 'number' ? field.min_values : 1;
      const max = typeof field.max_values === 'number' ? field.max_values : 1;
      if (chosen.length < min || chosen.length > max) throw new Error(`stand-in: ${id} takes ${min} to ${max} choices, not ${chosen.length}`);
      return { type: 18, id: top.id, component: { type: field.type, id: field.id, custom_id: id, values: chosen } };
    });
    const base = this.#base(shown.user, shown.place);
    const payload = modalSubmitInteraction(base, String(modal.custom_id), components, shown.message);
    return this.#dispatchInteraction(base, 'modal', String(modal.custom_id), payload, shown.message);
  }

  /** Lets an interaction's window pass: Discord answers 10062 Unknown interaction from then on. */
  expire(record: InteractionRecord): void {
    record.expired = true;
  }

  // ——— gateway ———

  /** Sends a dispatch on the current session; kept for replay if the bot is disconnected. */
  dispatch(t: string, d: unknown): void {
    const session = this.#current;
    if (!session) throw new Error('stand-in: no gateway session to dispatch on');
    const event = { s: ++session.seq, t, d };
    session.sent.push(event);
    session.socket?.send(JSON.stringify({ op: 0, ...event }));
  }

  /** Drops the gateway connection without a close frame, as a network failure would. */
  dropConnection(): void {
    const socket = this.#current?.socket;
    if (!socket) throw new Error('stand-in: no connection to drop');
    if (this.#current) this.#current.socket = null;
    socket.terminate();
  }

  /** Ids of the sessions started by IDENTIFY, oldest first. */
  get sessionIds(): string[] {
    return [...this.#sessions.keys()];
  }

  /** Number of live gateway connections. */
  get openConnections(): number {
    return this.#wss.clients.size;
  }

  #send(ws: WebSocket, payload: Json): void {
    ws.send(JSON.stringify(payload));
  }

  #onConnection(ws: WebSocket, url: URL): void {
    const connection: GatewayConnection = { path: url.pathname, query: url.searchParams, identify: null, resume: null, closeCode: null };
    this.connections.push(connection);
    let session: Session | null = null;
    ws.on('close', (code) => {
      connection.closeCode = code;
      if (session && session.socket === ws) session.socket = null;
      this.emit('change');
    });
    if (url.searchParams.get('v') !== '10') return ws.close(4012, 'Invalid API version');
    if (url.searchParams.get('encoding') !== 'json') return ws.close(4002, 'Decode error');
    this.#send(ws, { op: 10, d: { heartbeat_interval: this.#options.heartbeatInterval }, s: null, t: null });

    ws.on('message', (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(String(raw)) as Json;
      } catch {
        return ws.close(4002, 'Decode error');
      }
      const d = (payload.d ?? null) as Json | null;
      switch (payload.op) {
        case 1:
          this.heartbeats++;
          this.#send(ws, { op: 11, d: null, s: null, t: null });
          break;
        case 2: {
          if (session) return ws.close(4005, 'Already authenticated');
          if (!d || d.token !== this.#options.token) return ws.close(4004, 'Authentication failed');
          if (typeof d.intents !== 'number') return ws.close(4013, 'Invalid intent(s)');
          connection.identify = d;
          session = { id: snowflake(), seq: 0, sent: [], socket: ws };
          this.#sessions.set(session.id, session);
          this.#current = session;
          this.dispatch('READY', {
            v: 10,
            user: userObject(this.bot, true),
            guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
            session_id: session.id,
            session_type: 'normal',
            resume_gateway_url: `${this.gatewayUrl}/resume`,
            shard: [0, 1],
            application: { id: this.#options.applicationId, flags: 0 },
            user_settings: {},
            private_channels: [],
            presences: [],
            relationships: [],
            guild_join_requests: [],
            geo_ordered_rtc_regions: [],
            auth: {},
            _trace: ['["discord-stand-in",{}]'],
          });
          for (const guild of this.guilds) this.dispatch('GUILD_CREATE', guildCreate(guild, this.bot));
          break;
        }
        case 6: {
          const known = d && typeof d.session_id === 'string' ? this.#sessions.get(d.session_id) : undefined;
          connection.resume = d;
          if (!known || !d || d.token !== this.#options.token || typeof d.seq !== 'number') {
            this.#send(ws, { op: 9, d: false, s: null, t: null });
            break;
          }
          session = known;
          known.socket = ws;
          this.#current = known;
          const since = d.seq;
          for (const event of known.sent.filter((e) => e.s > since)) this.#send(ws, { op: 0, ...event });
          this.dispatch('RESUMED', {});
          break;
        }
        default:
          if (!session) return ws.close(4003, 'Not authenticated');
      }
      this.emit('change');
    });
    this.emit('change');
  }

  // ——— REST ———

  async #handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const prefix = '/api/v10';
    const path = decodeURIComponent(url.pathname);
    const route = path.startsWith(prefix) ? path.slice(prefix.length) : path;
    const authorised = req.headers.authorization === `Bot ${this.#options.token}`;
    let body: unknown = null;
    const raw = Buffer.concat(chunks).toString('utf8');
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const record: RecordedRequest = { method, route, query: url.search, authorised, body, status: 0 };
    this.requests.push(record);

    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const text = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
      res.end(text);
      this.emit('change');
    };

    const failure = this.#failures.find((f) => (f.method ?? method) === method && f.route.test(route));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) this.#failures.splice(this.#failures.indexOf(failure), 1);
      return reply(failure.status, failure.body ?? { message: http.STATUS_CODES[failure.status] ?? 'error', code: 0 }, failure.headers);
    }

    const file = /^\/attachments\/(\d+)\/[^/]+$/.exec(path);
    if (method === 'GET' && file) {
      const held = this.#attachments.get(file[1] ?? '');
      if (!held) return reply(404, { message: '404: Not Found', code: 0 });
      this.downloads.push(held.id);
      record.status = 200;
      res.writeHead(200, { 'content-type': held.contentType ?? 'application/octet-stream', 'content-length': String(held.bytes.length) });
      res.end(held.bytes);
      return;
    }
    if (!path.startsWith(prefix)) return reply(404, { message: '404: Not Found', code: 0 });
    const result = this.#route(method, route, url.searchParams, body, authorised);
    reply(result.status, result.body);
  }

  #route(method: string, route: string, query: URLSearchParams, body: unknown, authorised: boolean): { status: number; body?: unknown } {
    const unauthorised = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    let m: RegExpExecArray | null;

    if (method === 'GET' && route === '/gateway/bot') {
      if (!authorised) return unauthorised;
      return {
        status: 200,
        body: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } },
      };
    }
    if (method === 'GET' && route === '/gateway') return { status: 200, body: { url: this.gatewayUrl } };

    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(route))) {
      if (!authorised) return unauthorised;
      if (m[1] !== this.#options.applicationId) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
      const scope = m[2] ?? 'global';
      if (m[2] && !this.guilds.some((g) => g.id === m?.[2])) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
      if (method === 'GET') return { status: 200, body: this.commands.get(scope) ?? [] };
      if (method !== 'PUT') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
      const problems = commandProblems(body);
      if (problems.length > 0) return invalidForm(problems);
      const saved = (body as Json[]).map((c) => ({
        id: snowflake(),
        application_id: this.#options.applicationId,
        version: snowflake(),
        type: 1,
        default_member_permissions: null,
        ...(m?.[2] ? { guild_id: m[2] } : {}),
        ...c,
      }));
      this.commands.set(scope, saved);
      return { status: 200, body: saved };
    }

    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route)) && method === 'POST') {
      return this.#callback(m[1] ?? '', m[2] ?? '', query, body);
    }

    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(route)) && method === 'POST') {
      if (!authorised) return unauthorised;
      return this.#startThread(m[1] ?? '', m[2] ?? '', body);
    }

    if ((m = /^\/channels\/(\d+)\/messages$/.exec(route)) && method === 'POST') {
      if (!authorised) return unauthorised;
      return this.#postInThread(m[1] ?? '', body);
    }

    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(route))) {
      const record = [...this.interactions.values()].find((r) => r.token === m?.[2]);
      if (!record || m[1] !== this.#options.applicationId) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      if (record.callbacks.length === 0) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      return this.#webhook(method, record, m[3] ?? null, body);
    }

    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  /** Every message the bot sent through interactions, wherever it is. */
  #allMessages(): StoredMessage[] {
    return [...this.interactions.values()].flatMap((r) => [...(r.original && !r.deleted ? [r.original] : []), ...r.followUps]);
  }

  /** POST /channels/{channel.id}/messages/{message.id}/threads: Discord's "Start Thread from Message". */
  #startThread(channelId: string, messageId: string, body: unknown): { status: number; body?: unknown } {
    const guild = this.guilds.find((g) => g.channelId === channelId);
    if (!guild) {
      if (this.threads.has(channelId)) return { status: 400, body: { message: 'Cannot execute action on this channel type', code: 50024 } };
      return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    }
    const message = this.#allMessages().find((msg) => msg.id === messageId && msg.channel_id === channelId && (msg.flags & EPHEMERAL) === 0);
    if (!message) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    if ((message.flags & HAS_THREAD) !== 0 || this.threads.has(messageId)) return { status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } };
    const { name, auto_archive_duration: duration } = (typeof body === 'object' && body !== null ? body : {}) as Json;
    const problems: string[] = [];
    if (typeof name !== 'string' || [...name].length < 1 || [...name].length > 100) problems.push('name: must be 1 to 100 characters');
    if (duration !== undefined && ![60, 1440, 4320, 10080].includes(duration as number)) problems.push('auto_archive_duration: must be 60, 1440, 4320 or 10080');
    if (problems.length > 0) return invalidForm(problems);
    const place: GuildSpec = { ...guild, channelId: messageId, parentId: channelId };
    const thread: StandInThread = { id: messageId, name: String(name), parentId: channelId, guildId: guild.id, messageId, autoArchiveDuration: typeof duration === 'number' ? duration : 4320, messages: [], place };
    this.threads.set(thread.id, thread);
    message.flags |= HAS_THREAD;
    const channel = this.#threadChannel(thread);
    message.thread = channel;
    this.dispatch('THREAD_CREATE', { ...channel, newly_created: true });
    return { status: 201, body: channel };
  }

  #threadChannel(t: StandInThread): Json {
    return {
      id: t.id,
      type: 11,
      guild_id: t.guildId,
      parent_id: t.parentId,
      name: t.name,
      owner_id: this.bot.id,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
      message_count: t.messages.length,
      member_count: 1,
      total_message_sent: t.messages.length,
      thread_metadata: { archived: false, auto_archive_duration: t.autoArchiveDuration, archive_timestamp: new Date().toISOString(), locked: false, create_timestamp: new Date().toISOString() },
      member: { id: t.id, user_id: this.bot.id, join_timestamp: new Date().toISOString(), flags: 0 },
    };
  }

  /** POST /channels/{channel.id}/messages, in a thread the bot opened. */
  #postInThread(channelId: string, body: unknown): { status: number; body?: unknown } {
    const thread = this.threads.get(channelId);
    if (!thread) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    const problems = messageProblems(body, { partial: false });
    if (problems.length > 0) return invalidForm(problems);
    const data = body as Json;
    thread.messages.push(data);
    return {
      status: 200,
      body: {
        id: snowflake(),
        type: 0,
        channel_id: channelId,
        guild_id: thread.guildId,
        author: userObject(this.bot, true),
        content: typeof data.content === 'string' ? data.content : '',
        embeds: Array.isArray(data.embeds) ? data.embeds : [],
        components: [],
        attachments: [],
        mentions: [],
        mention_roles: [],
        mention_everyone: false,
        pinned: false,
        tts: false,
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        flags: 0,
      },
    };
  }

  #callback(id: string, token: string, query: URLSearchParams, body: unknown): { status: number; body?: unknown } {
    const record = this.interactions.get(id);
    const unknown = { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    if (!record || record.token !== token || record.expired) return unknown;
    if (record.callbacks.length === 0 && Date.now() - record.dispatchedAt > this.#options.ackWindowMs) {
      record.expired = true;
      return unknown;
    }
    if (record.callbacks.length > 0) return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
    if (typeof body !== 'object' || body === null) return invalidForm(['body is not an object']);
    const { type, data } = body as { type?: unknown; data?: unknown };
    const dataObject = (typeof data === 'object' && data !== null ? data : {}) as Json;
    const flags = typeof dataObject.flags === 'number' ? dataObject.flags : 0;

    switch (type) {
      case 4: // CHANNEL_MESSAGE_WITH_SOURCE
      case 7: {
        // UPDATE_MESSAGE
        if (record.kind === 'autocomplete' || (type === 7 && record.message === null)) return invalidForm([`callback type ${type} is not valid for this interaction`]);
        const problems = messageProblems(dataObject, { partial: type === 7 });
        if (problems.length > 0) {
          record.rejected.push({ body: dataObject, problems });
          this.emit('change');
          return invalidForm(problems);
        }
        record.callbacks.push(type);
        this.sent.push({ interactionId: id, via: 'callback', body: dataObject });
        record.original = this.#message(record, dataObject, flags & EPHEMERAL);
        break;
      }
      case 5: // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
        // a component may defer a new reply too (its "thinking…" is a new message), not only a command or a modal
        if (record.kind === 'autocomplete') return invalidForm(['callback type 5 is not valid for autocomplete']);
        record.callbacks.push(type);
        record.original = this.#message(record, { content: '' }, (flags & EPHEMERAL) | LOADING);
        break;
      case 6: // DEFERRED_UPDATE_MESSAGE
        if (record.message === null) return invalidForm(['callback type 6 is only for components']);
        record.callbacks.push(type);
        break;
      case 8: {
        // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        if (record.kind !== 'autocomplete') return invalidForm(['callback type 8 is only for autocomplete']);
        const problems = choiceProblems(dataObject);
        if (problems.length > 0) {
          record.rejected.push({ body: dataObject, problems });
          this.emit('change');
          return invalidForm(problems);
        }
        record.callbacks.push(type);
        record.choices = dataObject.choices as { name: string; value: unknown }[];
        break;
      }
      case 9: {
        // MODAL
        if (record.kind !== 'command' && record.kind !== 'button') return invalidForm(['callback type 9 is not available for this interaction']);
        const problems = modalProblems(dataObject);
        if (problems.length > 0) {
          record.rejected.push({ body: dataObject, problems });
          this.emit('change');
          return invalidForm(problems);
        }
        record.callbacks.push(type);
        record.modal = dataObject;
        break;
      }
      default:
        return invalidForm([`unknown callback type ${String(type)}`]);
    }
    if (query.get('with_response') === 'true') {
      return {
        status: 200,
        body: {
          interaction: {
            id,
            type: { command: 2, button: 3, autocomplete: 4, modal: 5 }[record.kind],
            response_message_id: record.original?.id,
            response_message_loading: type === 5,
            response_message_ephemeral: ((record.original?.flags ?? 0) & EPHEMERAL) !== 0,
          },
          resource: { type, ...(record.original ? { message: record.original } : {}) },
        },
      };
    }
    return { status: 204 };
  }

  #webhook(method: string, record: InteractionRecord, target: string | null, body: unknown): { status: number; body?: unknown } {
    const unknownMessage = { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    if (target === null) {
      if (method !== 'POST') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
      const problems = messageProblems(body, { partial: false });
      if (problems.length > 0) {
        record.rejected.push({ body, problems });
        this.emit('change');
        return invalidForm(problems);
      }
      const data = body as Json;
      this.sent.push({ interactionId: record.id, via: 'follow-up', body: data });
      const message = this.#message(record, data, (typeof data.flags === 'number' ? data.flags : 0) & EPHEMERAL);
      record.followUps.push(message);
      return { status: 200, body: message };
    }
    const existing = target === '@original' ? record.original : (record.followUps.find((f) => f.id === target) ?? null);
    if (!existing || (target === '@original' && record.deleted)) return unknownMessage;
    if (method === 'GET') return { status: 200, body: existing };
    if (method === 'DELETE') {
      if (target === '@original') record.deleted = true;
      else record.followUps = record.followUps.filter((f) => f !== existing);
      return { status: 204 };
    }
    if (method !== 'PATCH') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    const problems = messageProblems(body, { partial: true });
    if (problems.length > 0) {
      record.rejected.push({ body, problems });
      this.emit('change');
      return invalidForm(problems);
    }
    const data = body as Json;
    this.sent.push({ interactionId: record.id, via: target === '@original' ? 'edit-original' : 'edit-follow-up', body: data });
    for (const key of ['content', 'embeds', 'components', 'allowed_mentions'] as const) {
      if (data[key] !== undefined) existing[key] = data[key];
    }
    existing.flags &= ~LOADING;
    existing.edited_timestamp = new Date().toISOString();
    return { status: 200, body: existing };
  }

  #message(record: InteractionRecord, data: Json, flags: number): StoredMessage {
    return {
      id: snowflake(),
      type: record.kind === 'command' ? 20 : 0,
      channel_id: record.place.channelId,
      author: userObject(this.bot, true),
      content: typeof data.content === 'string' ? data.content : '',
      embeds: Array.isArray(data.embeds) ? data.embeds : [],
      components: Array.isArray(data.components) ? data.components : [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags,
      webhook_id: this.#options.applicationId,
      application_id: this.#options.applicationId,
      interaction_metadata: { id: record.id, type: record.kind === 'command' ? 2 : record.kind === 'modal' ? 5 : 3, user: userObject(record.user), authorizing_integration_owners: {} },
    };
  }

  /** Stops the servers and closes every connection. */
  async close(): Promise<void> {
    for (const ws of this.#wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Message flags. */
export const EPHEMERAL = 1 << 6;
export const LOADING = 1 << 7;
export const HAS_THREAD = 1 << 5;

/** The user the tests act as unless they say otherwise. */
export const DEFAULT_USER: UserSpec = { id: '310000000000000001', username: 'reporter' };

function invalidForm(problems: string[]): { status: number; body: Json } {
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { _errors: problems.map((message) => ({ code: 'BASE_TYPE_INVALID', message })) } } };
}
