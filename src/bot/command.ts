/**
 * The contract between the command files (commands/*.ts) and the two front ends that run them: the
 * Discord dispatcher and the local console. A command turns options into pages; how the pages reach
 * a person is the front end's business, which is what keeps the console's answers identical to Discord's.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody, SlashCommandStringOption } from 'discord.js';
import type { Answer, Conflict, EarlierTurn } from '../answer/types.js';
import type { AboutResult, Brief, EngineStats, NameSummary, QuoteEntry, SourceSummary, TimelineEntry } from '../engine.js';
import type { CommandHelp, Page } from '../render/embed.js';
import type { Desk, Place, StoryInfo, StoryVia } from '../desk/desk.js';

type Awaitable<T> = T | Promise<T>;

/** The part of the engine the commands use (the Engine class satisfies it). */
export interface CoverageEngine {
  stats(): Awaitable<EngineStats>;
  /** `earlier`: the thread's previous turns, for a follow-up (see Engine.ask). */
  ask(question: string, earlier?: readonly EarlierTurn[]): Awaitable<Answer>;
  about(name: string): Awaitable<AboutResult | null>;
  names(query: string, limit?: number): Awaitable<NameSummary[]>;
  quotes(speaker?: string): Awaitable<QuoteEntry[]>;
  speakers(query: string, limit?: number): Awaitable<string[]>;
  timeline(): Awaitable<TimelineEntry[]>;
  conflicts(): Awaitable<Conflict[]>;
  brief(): Awaitable<Brief>;
  sources(): Awaitable<SourceSummary[]>;
}

/** A file given to a command: a Discord attachment, or a path typed at the console. */
export interface Upload {
  name: string;
  /** Size as announced (Discord's attachment size, the file's size on disk). */
  size: number;
  contentType: string | null;
  /** The bytes, refusing more than `maxBytes` (a source may announce less than it sends). */
  read(maxBytes: number): Promise<Uint8Array>;
}

/** A file that cannot be read as given (missing, too large, refused by its host); the message is for the user. */
export class UploadError extends Error {}

/** Reads a command's options; the Discord dispatcher and the console's parser both provide it. */
export interface OptionReader {
  getString(name: string, required?: boolean): string | null;
  getBoolean(name: string, required?: boolean): boolean | null;
  /** The subcommand chosen (`use` in `/story use`), or null for a command without subcommands. */
  getSubcommand(required?: boolean): string | null;
  getAttachment(name: string, required?: boolean): Upload | null;
}

/** An autocomplete suggestion: `name` is shown, `value` is what the option receives. */
export interface Choice {
  name: string;
  value: string;
}

/** Who runs a command. Editors (Manage Channels, or the EDITOR_ROLE_ID role) bind channels and add articles. */
export interface Actor {
  userId: string;
  editor: boolean;
}

/** What every command can use: the desk, where and by whom it was run. */
export interface DeskContext {
  desk: Desk<CoverageEngine>;
  place: Place;
  actor: Actor;
  /** Every registered command, for /help. */
  catalogue: readonly CommandHelp[];
  now: Date;
}

/** A command that answers from a story gets the story it resolved to and its engine. */
export interface CommandContext extends DeskContext {
  engine: CoverageEngine;
  story: StoryInfo;
  via: StoryVia;
}

/** The registration side of a slash command: a SlashCommandBuilder satisfies it. */
export interface CommandData {
  readonly name: string;
  readonly description: string;
  toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
}

interface CommandBase {
  readonly data: CommandData;
  /** Acknowledge before working: the answer may take longer than Discord's 3-second window. */
  readonly defer: boolean;
  /** True when this use of the command is for editors only (refused privately to anyone else). */
  editorOnly?(options: OptionReader): boolean;
  /** Always answered so that only the person who ran it sees it (on Discord; the console has one reader). */
  readonly alwaysPrivate?: boolean;
}

/** A command answering from one story: the channel's, or the one its `story:` option names. */
export interface StoryCommand extends CommandBase {
  readonly scope?: 'story';
  /** Builds the answer, as pages that each fit one Discord message. */
  respond(ctx: CommandContext, options: OptionReader): Awaitable<Page[]>;
  /** Suggestions for the option being typed, best first. */
  autocomplete?(ctx: CommandContext, focused: { name: string; value: string }): Awaitable<Choice[]>;
}

/** A command about the desk itself (/story, /help): it needs no story. */
export interface DeskCommand extends CommandBase {
  readonly scope: 'desk';
  respond(ctx: DeskContext, options: OptionReader): Awaitable<Page[]>;
  autocomplete?(ctx: DeskContext, focused: { name: string; value: string }): Awaitable<Choice[]>;
}

/** One slash command. */
export type Command = StoryCommand | DeskCommand;

/** Name of the option that asks another story than the channel's, once. */
export const STORY_OPTION = 'story';

/** Name of the boolean option that makes an answer visible only to the asker. */
export const PRIVATE_OPTION = 'private';

type OptionJson = NonNullable<RESTPostAPIChatInputApplicationCommandsJSONBody['options']>[number];

function optionUsage(options: readonly OptionJson[]): string {
  return options
    .map((o) => {
      const shape = o.type === 5 ? '<true|false>' : o.type === 11 ? '<file>' : '<text>';
      const text = `${o.name}:${shape}`;
      return 'required' in o && o.required ? text : `[${text}]`;
    })
    .join(' ');
}

/** `question:<text> [private:<true|false>]`, from a command's registered options; subcommands joined by `|`. */
export function usageOf(data: CommandData): string {
  const options = data.toJSON().options ?? [];
  const subcommands = options.filter((o) => o.type === 1);
  if (subcommands.length > 0) return subcommands.map((o) => `${o.name} ${optionUsage('options' in o ? (o.options ?? []) : [])}`.trim()).join(' | ');
  return optionUsage(options);
}

/** The /help listing for a set of commands. */
export function catalogueOf(commands: readonly Command[]): CommandHelp[] {
  return commands.map((c) => ({ name: c.data.name, usage: usageOf(c.data), description: c.data.description }));
}

/** True when the command registers the `private` option. */
export function hasPrivateOption(data: CommandData): boolean {
  return (data.toJSON().options ?? []).some((o) => o.name === PRIVATE_OPTION);
}

/** True when the command registers the `story` option. */
export function hasStoryOption(data: CommandData): boolean {
  return (data.toJSON().options ?? []).some((o) => o.name === STORY_OPTION);
}

/** Configures the `story:` option every story command carries: another story than the channel's, once. */
export function storyOption(o: SlashCommandStringOption): SlashCommandStringOption {
  return o.setName(STORY_OPTION).setDescription("Ask another story than this channel's, this once (suggestions as you type)").setAutocomplete(true).setMaxLength(100);
}
