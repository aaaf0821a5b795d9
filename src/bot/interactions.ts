/**
 * The single entry point for everything Discord sends the bot: slash commands, autocomplete, the
 * paging buttons, the 👍 / 👎 buttons of answers with their modal, and their Follow up button. It owns the cross-cutting
 * behaviour so the command files stay thin: the rate limit, deferring, sending pages within limits with
 * mentions disabled, the one error handler, and one log line per interaction.
 */
import { performance } from 'node:perf_hooks';
import {
  MessageFlags,
  PermissionFlagsBits,
  type Attachment,
  type CommandInteractionOptionResolver,
  type GuildMember,
  type APIInteractionGuildMember,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
} from 'discord.js';
import { errorFields, type Logger } from '../log.js';
import { clip } from '../render/paging.js';
import { notice, type Page } from '../render/embed.js';
import { hasPrivateOption, PRIVATE_OPTION, type Command, type CoverageEngine, type DeskContext, type OptionReader, type Upload } from './command.js';
import type { CommandHelp } from '../render/embed.js';
import type { Desk } from '../desk/desk.js';
import { prepare, suggest } from './invoke.js';
import { apology, discordFailure, interactionGone, newErrorId, slowDown } from './errors.js';
import { pageButtons, parsePageButton, type PageStore } from './pager.js';
import { followUpButton, onFollowUpButton, parseFollowUpButton, type FollowUpOutcome } from './followUp.js';
import { AnswerKeeper, feedbackRow, onFeedbackButton, onFeedbackModal, parseFeedbackButton, parseFeedbackModal, type FeedbackOutcome } from './feedback.js';
import type { RateLimiter } from './rateLimit.js';

/** Nobody is ever pinged by what the bot sends, whatever the text contains. */
export const NO_MENTIONS = { parse: [] as never[] };

/** Autocomplete may offer at most this many choices. */
export const MAX_CHOICES = 25;
/** Discord's limit on a choice's name and value. */
const CHOICE_TEXT = 100;

/** Fetches an attachment from the URL Discord gave for it, refusing more than `maxBytes`. */
export type Downloader = (url: string, maxBytes: number) => Promise<Uint8Array>;

export interface DispatcherDeps {
  desk: Desk<CoverageEngine>;
  catalogue: readonly CommandHelp[];
  /** EDITOR_ROLE_ID: members with this role are editors besides those with Manage Channels. */
  editorRoleId: string | null;
  download: Downloader;
  commands: ReadonlyMap<string, Command>;
  logger: Logger;
  limiter: RateLimiter;
  pages: PageStore;
}

type Outcome =
  | 'ok'
  | 'deferred-ok'
  | 'rate-limited'
  | 'error'
  | 'discord-error'
  | 'unknown-command'
  | 'expired-pages'
  | 'not-owner'
  | 'not-editor'
  | 'no-story'
  | FeedbackOutcome
  | FollowUpOutcome
  | 'ignored';

interface Report {
  outcome: Outcome;
  errorId?: string;
  pages?: number;
}

/** The kept answer a reply shows, and whether a follow-up thread can be opened on its message. */
interface Rated {
  answerId: string;
  followUp: boolean;
}

/** Message options for one page: the paging row when there is more than one, then the 👍 / 👎 (and Follow up) row of an answer. */
function pagePayload(pages: readonly Page[], index: number, key: string | null, rated: Rated | null): InteractionEditReplyOptions {
  const page = pages[index] ?? notice('Nothing to show.');
  const rating = rated ? [feedbackRow(rated.answerId, rated.followUp ? [followUpButton(rated.answerId)] : [])] : [];
  return {
    content: '',
    embeds: page.embeds,
    components: [...(key && pages.length > 1 ? [pageButtons(key, index, pages.length)] : []), ...rating],
    allowedMentions: NO_MENTIONS,
  };
}

/*
 * A thread opens on a message in a server channel: not in a DM, not on a private (ephemeral) reply, and
 * not from inside a thread, where the follow-up context simply continues.
 */
function canOpenThread(interaction: ChatInputCommandInteraction, ephemeral: boolean): boolean {
  return interaction.inGuild() && !ephemeral && interaction.channel?.isThread() !== true;
}

function privateReply(text: string): InteractionReplyOptions {
  return { embeds: notice(text).embeds, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
}

type AnyMember = GuildMember | APIInteractionGuildMember | null;

function roleIds(member: AnyMember): readonly string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}

/** discord.js's option resolver, read through the commands' OptionReader; attachments fetched on demand. */
type Resolver = Pick<CommandInteractionOptionResolver, 'getString' | 'getBoolean' | 'getSubcommand'> & Partial<Pick<CommandInteractionOptionResolver, 'getAttachment'>>;

function optionReader(options: Resolver, download: Downloader): OptionReader {
  const upload = (a: Attachment): Upload => ({ name: a.name, size: a.size, contentType: a.contentType, read: (maxBytes) => download(a.url, maxBytes) });
  return {
    getString: (name, required = false) => options.getString(name, required),
    getBoolean: (name, required = false) => options.getBoolean(name, required),
    getSubcommand: (required = false) => options.getSubcommand(required),
    getAttachment: (name, required = false) => {
      const a = options.getAttachment?.(name, required) ?? null;
      return a ? upload(a) : null;
    },
  };
}

/** Creates the handler for the client's `interactionCreate` event; it never throws. */
export function createDispatcher(deps: DispatcherDeps): (interaction: Interaction) => Promise<void> {
  const { logger } = deps;
  /* engines known to be loaded: a command answering from one still loading is deferred whatever it declares */
  const loaded = new WeakSet<Promise<CoverageEngine>>();
  const answers = new AnswerKeeper(deps.desk.store);

  function deskContext(interaction: ChatInputCommandInteraction | AutocompleteInteraction): DeskContext {
    const channel = interaction.channel;
    const member = interaction.member as AnyMember;
    const editor =
      interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) === true ||
      (deps.editorRoleId !== null && roleIds(member).includes(deps.editorRoleId));
    return {
      desk: deps.desk,
      place: { guildId: interaction.guildId, channelId: interaction.channelId, parentId: channel?.isThread() ? channel.parentId : null },
      actor: { userId: interaction.user.id, editor },
      catalogue: deps.catalogue,
      now: new Date(),
    };
  }

  async function runCommand(interaction: ChatInputCommandInteraction): Promise<Report> {
    const command = deps.commands.get(interaction.commandName);
    if (!command) {
      await interaction.reply(privateReply('That command is not available any more; try /help.'));
      return { outcome: 'unknown-command' };
    }
    const decision = deps.limiter.take(interaction.user.id);
    if (!decision.ok) {
      await interaction.reply(privateReply(slowDown(decision.retryAfterMs)));
      return { outcome: 'rate-limited' };
    }
    const options = optionReader(interaction.options, deps.download);
    const prepared = prepare(command, deskContext(interaction), options);
    if (!prepared.ok) {
      await interaction.reply(privateReply(prepared.message));
      return { outcome: prepared.outcome };
    }
    const ephemeral = command.alwaysPrivate === true || (hasPrivateOption(command.data) && interaction.options.getBoolean(PRIVATE_OPTION) === true);
    const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
    const engine = prepared.engine;
    if (command.defer || (engine !== null && !loaded.has(engine))) await interaction.deferReply({ flags });
    if (engine) void engine.then(() => loaded.add(engine), () => undefined);

    const pages = await prepared.run();
    const answerId = rateablePages(pages);
    const rated = answerId ? { answerId, followUp: canOpenThread(interaction, ephemeral) } : null;
    const key = pages.length > 1 ? deps.pages.put(pages, interaction.user.id, answerId, rated?.followUp ?? false) : null;
    const payload = pagePayload(pages, 0, key, rated);
    if (interaction.deferred) await interaction.editReply(payload);
    else await interaction.reply({ ...(payload as InteractionReplyOptions), flags });
    return { outcome: interaction.deferred ? 'deferred-ok' : 'ok', pages: pages.length };
  }

  /* An answer people may rate is kept for its buttons; if it cannot be, it is still given, without them. */
  function rateablePages(pages: readonly Page[]): string | null {
    const rateable = pages[0]?.rateable;
    if (!rateable) return null;
    try {
      return answers.keep(rateable, new Date());
    } catch (error) {
      logger.warn('could not keep the answer for feedback; it is sent without the 👍 / 👎 buttons', { reason: clip(errorFields(error).error, 300) });
      return null;
    }
  }

  async function runAutocomplete(interaction: AutocompleteInteraction): Promise<Report> {
    const command = deps.commands.get(interaction.commandName);
    const focused = interaction.options.getFocused(true);
    const choices = await suggest(command, deskContext(interaction), { name: focused.name, value: String(focused.value) }, optionReader(interaction.options, deps.download));
    const seen = new Set<string>();
    const valid = choices
      .filter((c) => c.value.length >= 1 && c.value.length <= CHOICE_TEXT && !seen.has(c.value) && seen.add(c.value))
      .slice(0, MAX_CHOICES)
      .map((c) => ({ name: clip(c.name.trim() || c.value, CHOICE_TEXT), value: c.value }));
    await interaction.respond(valid);
    return { outcome: 'ok' };
  }

  async function runButton(interaction: ButtonInteraction): Promise<Report> {
    const vote = parseFeedbackButton(interaction.customId);
    if (vote) return { outcome: await onFeedbackButton(interaction, vote, deps.desk.store, new Date()) };
    const followUp = parseFollowUpButton(interaction.customId);
    if (followUp) return { outcome: await onFollowUpButton(interaction, followUp, deps.desk, logger, new Date()) };
    const target = parsePageButton(interaction.customId);
    if (!target) return { outcome: 'ignored' };
    const kept = deps.pages.get(target.key);
    if (!kept) {
      await interaction.reply(privateReply('These pages have expired; run the command again to see them.'));
      return { outcome: 'expired-pages' };
    }
    if (kept.ownerId !== interaction.user.id) {
      await interaction.reply(privateReply('Only the person who ran this command can turn its pages; run it yourself to browse.'));
      return { outcome: 'not-owner' };
    }
    const index = Math.min(Math.max(0, target.index), kept.pages.length - 1);
    await interaction.update(pagePayload(kept.pages, index, target.key, kept.answerId ? { answerId: kept.answerId, followUp: kept.followUp } : null));
    return { outcome: 'ok' };
  }

  async function runModal(interaction: ModalSubmitInteraction): Promise<Report> {
    const target = parseFeedbackModal(interaction.customId);
    if (!target) return { outcome: 'ignored' };
    return { outcome: await onFeedbackModal(interaction, target, deps.desk.store, new Date()) };
  }

  /* The private apology; after a public "thinking…" it follows up privately and removes the placeholder. */
  async function apologise(interaction: Interaction, errorId: string): Promise<void> {
    if (!interaction.isRepliable()) return;
    const reply = privateReply(apology(errorId));
    if (interaction.deferred || interaction.replied) {
      await interaction.followUp(reply);
      if (interaction.deferred && !interaction.ephemeral) await interaction.deleteReply().catch(() => undefined);
    } else {
      await interaction.reply(reply);
    }
  }

  function describe(interaction: Interaction): string {
    if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
      return `${interaction.isAutocomplete() ? 'autocomplete ' : ''}/${interaction.commandName}`;
    }
    if (interaction.isButton()) return `button ${interaction.customId.split(':')[0] ?? ''}`.trim();
    if (interaction.isModalSubmit()) return `modal ${interaction.customId.split(':')[0] ?? ''}`.trim();
    return `interaction type ${interaction.type}`;
  }

  return async function dispatch(interaction: Interaction): Promise<void> {
    const started = performance.now();
    let report: Report = { outcome: 'ignored' };
    try {
      if (interaction.isChatInputCommand()) report = await runCommand(interaction);
      else if (interaction.isAutocomplete()) report = await runAutocomplete(interaction);
      else if (interaction.isButton()) report = await runButton(interaction);
      else if (interaction.isModalSubmit()) report = await runModal(interaction);
    } catch (error) {
      report = await handleFailure(interaction, error);
    } finally {
      logger.info('interaction', {
        command: describe(interaction),
        server: interaction.guildId ?? 'DM',
        user: interaction.user.id,
        latencyMs: Math.round(performance.now() - started),
        outcome: report.outcome,
        ...(report.pages && report.pages > 1 ? { pages: report.pages } : {}),
        ...(report.errorId ? { errorId: report.errorId } : {}),
      });
    }
  };

  async function handleFailure(interaction: Interaction, error: unknown): Promise<Report> {
    const errorId = newErrorId();
    const failure = discordFailure(error);
    if (failure) {
      logger.warn('discord refused a call', { errorId, status: failure.status, code: failure.code, reason: clip(failure.message, 300) });
    } else {
      logger.error('command failed', { errorId, ...errorFields(error) });
    }
    if (interaction.isAutocomplete()) {
      if (!interaction.responded && !interactionGone(failure)) await interaction.respond([]).catch(() => undefined);
    } else if (!interactionGone(failure)) {
      try {
        await apologise(interaction, errorId);
      } catch (second) {
        const again = discordFailure(second);
        logger.warn('could not deliver the apology', { errorId, status: again?.status ?? null, code: again?.code ?? null, reason: clip(errorFields(second).error, 300) });
      }
    }
    return { outcome: failure ? 'discord-error' : 'error', errorId };
  }
}
