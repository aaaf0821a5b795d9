/**
 * The local console: the bot's commands typed at a terminal and answered with the same pages Discord
 * would show, rendered as text. It lets a newcomer see the product with `npm start` before creating a
 * Discord application, and it reads piped input to the end (`echo "/ask …" | npm start`).
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { errorFields, type Logger } from '../log.js';
import { pagesToText } from '../render/embed.js';
import { usageOf, type Command, type DeskContext, type OptionReader, type Upload, UploadError } from './command.js';
import { apology, newErrorId } from './errors.js';
import { prepare } from './invoke.js';

/** Where console commands run: one channel of its own, so `/story use` binds the console like a channel. */
export const CONSOLE_PLACE = { guildId: 'console', channelId: 'console', parentId: null } as const;

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  commands: readonly Command[];
  /** The desk context of every line; `now` is refreshed per line. */
  context: Omit<DeskContext, 'now'>;
  logger: Logger;
  /** Show a prompt and treat input as typed (a terminal); false for piped input. */
  interactive: boolean;
}

/** A typed line, understood. */
export type ParsedLine =
  | { kind: 'command'; command: Command; options: OptionReader }
  | { kind: 'problem'; message: string }
  | { kind: 'quit' }
  | { kind: 'blank' };

const TRUE = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off']);

/** A file named at the console, read from disk when the command asks for it. */
function fileUpload(typed: string, cwd: string): Upload {
  const file = path.resolve(cwd, typed);
  return {
    name: path.basename(file),
    size: 0,
    contentType: null,
    async read(maxBytes) {
      const info = await stat(file).catch(() => null);
      if (!info) throw new UploadError(`There is no file ${typed}.`);
      if (!info.isFile()) throw new UploadError(`${typed} is not a file.`);
      if (info.size > maxBytes) throw new UploadError(`${typed} is ${info.size} bytes, over the limit of ${maxBytes}.`);
      const handle = await open(file, 'r');
      try {
        const bytes = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
        const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
        if (bytesRead > maxBytes) throw new UploadError(`${typed} is over the limit of ${maxBytes} bytes.`);
        return new Uint8Array(bytes.subarray(0, bytesRead));
      } finally {
        await handle.close();
      }
    },
  };
}

/** Options given on the console, read the way discord.js reads an interaction's. */
class TypedOptions implements OptionReader {
  constructor(
    private readonly values: ReadonlyMap<string, string>,
    private readonly subcommand: string | null = null,
    private readonly cwd = process.cwd(),
  ) {}

  getSubcommand(required = false): string | null {
    if (required && this.subcommand === null) throw new Error('missing subcommand');
    return this.subcommand;
  }

  getAttachment(name: string, required = false): Upload | null {
    const value = this.values.get(name) ?? null;
    if (required && value === null) throw new Error(`missing option ${name}`);
    return value === null ? null : fileUpload(value, this.cwd);
  }

  getString(name: string, required = false): string | null {
    const value = this.values.get(name) ?? null;
    if (required && value === null) throw new Error(`missing option ${name}`);
    return value;
  }

  getBoolean(name: string, required = false): boolean | null {
    const value = this.values.get(name)?.toLowerCase();
    if (value === undefined) {
      if (required) throw new Error(`missing option ${name}`);
      return null;
    }
    return TRUE.has(value);
  }
}

/**
 * Reads `/name option:value …` like Discord's command bar. Text before the first `option:` goes to the
 * command's first text option, so `/ask how many were freed?` works; a line without a slash is a question.
 */
export function parseLine(line: string, commands: readonly Command[]): ParsedLine {
  const text = line.trim();
  if (text === '') return { kind: 'blank' };
  if (/^(\/?(exit|quit)|:q)$/i.test(text)) return { kind: 'quit' };
  const slashed = text.startsWith('/') ? text.slice(1) : `ask ${text}`;
  const name = (/^\S+/.exec(slashed)?.[0] ?? '').toLowerCase();
  const afterName = slashed.slice(name.length).trim();
  const command = commands.find((c) => c.data.name === name);
  if (!command) return { kind: 'problem', message: `There is no /${name} command. Commands: ${commands.map((c) => `/${c.data.name}`).join(', ')}.` };

  const usage = `Usage: /${name} ${usageOf(command.data)}`.trimEnd();
  const top = command.data.toJSON().options ?? [];
  let declared = top;
  let rest = afterName;
  let subcommand: string | null = null;
  if (top.some((o) => o.type === 1)) {
    subcommand = (/^\S+/.exec(rest)?.[0] ?? '').toLowerCase();
    const chosen = top.find((o) => o.type === 1 && o.name === subcommand);
    if (!chosen) return { kind: 'problem', message: usage };
    declared = 'options' in chosen ? (chosen.options ?? []) : [];
    rest = rest.slice(subcommand.length).trim();
  }
  const names = declared.map((o) => o.name);
  const values = new Map<string, string>();
  const marker = names.length > 0 ? new RegExp(`(?:^|\\s)(${names.join('|')}):`, 'g') : null;
  const marks = marker ? [...rest.matchAll(marker)] : [];
  const leading = (marks[0]?.index ?? rest.length) === 0 ? '' : rest.slice(0, marks[0]?.index ?? rest.length).trim();
  marks.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = marks[i + 1]?.index ?? rest.length;
    const key = m[1];
    if (key) values.set(key, rest.slice(start, end).trim());
  });
  const firstText = declared.find((o) => o.type === 3 || o.type === 11);
  if (leading && firstText && !values.has(firstText.name)) values.set(firstText.name, leading);
  else if (leading) return { kind: 'problem', message: usage };

  for (const option of declared) {
    const value = values.get(option.name);
    if ('required' in option && option.required && !value) return { kind: 'problem', message: usage };
    if (value !== undefined && option.type === 5 && !TRUE.has(value.toLowerCase()) && !FALSE.has(value.toLowerCase())) {
      return { kind: 'problem', message: `${option.name} takes true or false.` };
    }
  }
  return { kind: 'command', command, options: new TypedOptions(values, subcommand) };
}

/** Answers typed commands until end of input (Ctrl-D), `exit`, or Ctrl-C. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { output, commands, context, logger } = options;
  const rl = readline.createInterface({
    input: options.input,
    ...(options.interactive ? { output } : {}),
    terminal: options.interactive,
    prompt: 'coverage> ',
  });
  rl.on('SIGINT', () => rl.close());
  const write = (text: string): void => void output.write(text.endsWith('\n') ? text : `${text}\n`);
  if (options.interactive) rl.prompt();

  for await (const line of rl) {
    const parsed = parseLine(line, commands);
    if (parsed.kind === 'quit') break;
    if (parsed.kind === 'problem') write(parsed.message);
    if (parsed.kind === 'command') {
      try {
        const prepared = prepare(parsed.command, { ...context, now: new Date() }, parsed.options);
        write(prepared.ok ? pagesToText(await prepared.run()) : prepared.message);
      } catch (error) {
        const errorId = newErrorId();
        logger.error('command failed', { errorId, command: parsed.command.data.name, ...errorFields(error) });
        write(apology(errorId));
      }
    }
    if (options.interactive) rl.prompt();
  }
  rl.close();
}
