/**
 * Payloads shaped like Discord's: users, a guild with a text channel, and the interactions a user's
 * actions produce. Field names and values follow Discord's API reference (v10).
 */
import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A snowflake for "now", unique within the process. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** A bot token of Discord's shape: base64(application id).timestamp.hmac. */
export function fakeToken(applicationId: string): string {
  const part = (n: number): string => randomBytes(n).toString('base64url').slice(0, n);
  return `${Buffer.from(applicationId).toString('base64url')}.${part(6)}.${part(38)}`;
}

export interface UserSpec {
  id: string;
  username: string;
  /** The member's permissions in the channel (a bit set as a decimal string); default an ordinary member's. */
  permissions?: string;
  /** Ids of the member's roles. */
  roles?: string[];
}

export function userObject(user: UserSpec, bot = false): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: bot ? null : user.username,
    avatar: null,
    public_flags: 0,
    ...(bot ? { bot: true } : {}),
  };
}

export interface GuildSpec {
  id: string;
  name: string;
  channelId: string;
  /** Set for a thread: the channel it was started in. */
  parentId?: string;
  /** The server's roles besides @everyone. */
  roles?: { id: string; name: string }[];
}

/** Everything but the administrator bit and Manage Channels: the permissions an ordinary member has. */
export const MEMBER_PERMISSIONS = '2248473465835073';
/** Discord's MANAGE_CHANNELS bit (1 << 4). */
export const MANAGE_CHANNELS = 1n << 4n;
/** An ordinary member's permissions plus Manage Channels: an editor. */
export const EDITOR_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | MANAGE_CHANNELS).toString();

export function memberObject(user: UserSpec): Record<string, unknown> {
  return {
    user: userObject(user),
    roles: user.roles ?? [],
    nick: null,
    avatar: null,
    premium_since: null,
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    permissions: user.permissions ?? MEMBER_PERMISSIONS,
  };
}

export function channelObject(guild: GuildSpec): Record<string, unknown> {
  return {
    id: guild.channelId,
    type: guild.parentId ? 11 : 0,
    guild_id: guild.id,
    name: guild.parentId ? 'a thread' : 'newsroom',
    position: 0,
    permission_overwrites: [],
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: guild.parentId ?? null,
    flags: 0,
    ...(guild.parentId ? { owner_id: '310000000000000001', thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date(0).toISOString(), locked: false }, message_count: 0, member_count: 1 } : {}),
  };
}

/** The GUILD_CREATE payload for a guild the bot is in. */
export function guildCreate(guild: GuildSpec, bot: UserSpec): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: bot.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: 'en-US',
    application_id: null,
    features: [],
    roles: [
      { id: guild.id, name: '@everyone', permissions: MEMBER_PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null },
      ...(guild.roles ?? []).map((r, i) => ({ id: r.id, name: r.name, permissions: '0', position: i + 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null })),
    ],
    emojis: [],
    stickers: [],
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    max_members: 500000,
    voice_states: [],
    members: [{ ...memberObject(bot), user: userObject(bot, true) }],
    channels: [channelObject(guild)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** An attachment option: the id of an attachment the stand-in holds (see DiscordStandIn.attach). */
export interface AttachmentValue {
  attachment: string;
}

export type OptionValue = string | boolean | number | AttachmentValue;

/** Slash command options as Discord sends them; `focused` marks the one being typed (autocomplete). */
export function commandOptions(options: Record<string, OptionValue>, focused?: string): Record<string, unknown>[] {
  return Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'object' ? 11 : typeof value === 'boolean' ? 5 : typeof value === 'number' ? 10 : 3,
    value: typeof value === 'object' ? value.attachment : value,
    ...(name === focused ? { focused: true } : {}),
  }));
}

/** `story use` is the command `story` with the subcommand `use`, its options nested as Discord nests them. */
function commandData(name: string, options: Record<string, OptionValue>, focused?: string): { name: string; options: Record<string, unknown>[] } {
  const [command = name, subcommand] = name.split(' ');
  const list = commandOptions(options, focused);
  return { name: command, options: subcommand ? [{ name: subcommand, type: 1, options: list }] : list };
}

export interface InteractionBase {
  id: string;
  token: string;
  applicationId: string;
  guild: GuildSpec;
  user: UserSpec;
}

function common(base: InteractionBase, type: number): Record<string, unknown> {
  return {
    id: base.id,
    application_id: base.applicationId,
    type,
    token: base.token,
    version: 1,
    guild_id: base.guild.id,
    guild: { id: base.guild.id, locale: 'en-US', features: [] },
    channel_id: base.guild.channelId,
    channel: { ...channelObject(base.guild), permissions: base.user.permissions ?? MEMBER_PERMISSIONS },
    member: memberObject(base.user),
    app_permissions: MEMBER_PERMISSIONS,
    locale: 'en-GB',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': base.guild.id },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

/** APPLICATION_COMMAND (2) for a chat-input command. */
export function chatInputInteraction(base: InteractionBase, commandId: string, name: string, options: Record<string, OptionValue>, resolved?: Record<string, unknown>): Record<string, unknown> {
  return { ...common(base, 2), data: { id: commandId, ...commandData(name, options), type: 1, guild_id: base.guild.id, ...(resolved ? { resolved } : {}) } };
}

/** APPLICATION_COMMAND_AUTOCOMPLETE (4). */
export function autocompleteInteraction(base: InteractionBase, commandId: string, name: string, options: Record<string, OptionValue>, focused: string): Record<string, unknown> {
  return { ...common(base, 4), data: { id: commandId, ...commandData(name, options, focused), type: 1, guild_id: base.guild.id } };
}

/** MESSAGE_COMPONENT (3) for a button on `message`. */
export function buttonInteraction(base: InteractionBase, customId: string, message: Record<string, unknown>): Record<string, unknown> {
  return { ...common(base, 3), data: { custom_id: customId, component_type: 2 }, message };
}

/** MODAL_SUBMIT (5): what the user filled in, and the message when the modal was opened from one of its buttons. */
export function modalSubmitInteraction(base: InteractionBase, customId: string, components: unknown[], message: Record<string, unknown> | null): Record<string, unknown> {
  return { ...common(base, 5), data: { custom_id: customId, components }, ...(message ? { message } : {}) };
}

/** A fresh interaction token, as long and opaque as Discord's. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(60).toString('base64url')}`;
}
