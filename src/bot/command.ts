/**
 * The contract between the command files (commands/*.ts) and the two front ends that run them: the
 * Discord dispatcher and the local console. A command turns options into pages; how the pages reach
 * a person is the front end's business, which is what keeps the console's answers identical to Discord's.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Answer, Conflict } from '../answer/types.js';
import type { AboutResult, EngineStats, NameSummary, QuoteEntry, SourceSummary, TimelineEntry } from '../engine.js';
import type { CommandHelp, Page } from '../render/embed.js';

type Awaitable<T> = T | Promise<T>;

/** The part of the engine the commands use (the Engine class satisfies it). */
export interface CoverageEngine {
  stats(): Awaitable<EngineStats>;
  ask(question: string): Awaitable<Answer>;
  about(name: string): Awaitable<AboutResult | null>;
  names(query: string, limit?: number): Awaitable<NameSummary[]>;
  quotes(speaker?: string): Awaitable<QuoteEntry[]>;
  speakers(query: string, limit?: number): Awaitable<string[]>;
  timeline(): Awaitable<TimelineEntry[]>;
  conflicts(): Awaitable<Conflict[]>;
  sources(): Awaitable<SourceSummary[]>;
}

/** Reads a command's options; discord.js's option resolver and the console's parser both provide it. */
export interface OptionReader {
  getString(name: string, required?: boolean): string | null;
  getBoolean(name: string, required?: boolean): boolean | null;
}

/** An autocomplete suggestion: `name` is shown, `value` is what the option receives. */
export interface Choice {
  name: string;
  value: string;
}

/** What every command can use. */
export interface CommandContext {
  engine: CoverageEngine;
  /** Every registered command, for /help. */
  catalogue: readonly CommandHelp[];
}

/** The registration side of a slash command: a SlashCommandBuilder satisfies it. */
export interface CommandData {
  readonly name: string;
  readonly description: string;
  toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
}

/** One slash command. */
export interface Command {
  readonly data: CommandData;
  /** Acknowledge before working: the answer may take longer than Discord's 3-second window. */
  readonly defer: boolean;
  /** Builds the answer, as pages that each fit one Discord message. */
  respond(ctx: CommandContext, options: OptionReader): Awaitable<Page[]>;
  /** Suggestions for the option being typed, best first. */
  autocomplete?(ctx: CommandContext, focused: { name: string; value: string }): Awaitable<Choice[]>;
}

/** Name of the boolean option that makes an answer visible only to the asker. */
export const PRIVATE_OPTION = 'private';

/** `question:<text> [private:<true|false>]`, from a command's registered options. */
export function usageOf(data: CommandData): string {
  const options = data.toJSON().options ?? [];
  return options
    .map((o) => {
      const shape = 'type' in o && o.type === 5 ? '<true|false>' : '<text>';
      const text = `${o.name}:${shape}`;
      return 'required' in o && o.required ? text : `[${text}]`;
    })
    .join(' ');
}

/** The /help listing for a set of commands. */
export function catalogueOf(commands: readonly Command[]): CommandHelp[] {
  return commands.map((c) => ({ name: c.data.name, usage: usageOf(c.data), description: c.data.description }));
}

/** True when the command registers the `private` option. */
export function hasPrivateOption(data: CommandData): boolean {
  return (data.toJSON().options ?? []).some((o) => o.name === PRIVATE_OPTION);
}
