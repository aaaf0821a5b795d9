/**
 * Registering the slash commands with Discord: one bulk overwrite, to the development server when one
 * is configured (changes show at once) or globally (every server the bot is in).
 */
import { REST, Routes } from 'discord.js';
import type { CommandData } from './command.js';

export interface RegisterOptions {
  token: string;
  clientId: string;
  guildId: string | null;
  apiBase: string | null;
  commands: readonly CommandData[];
}

export interface Registered {
  scope: 'guild' | 'global';
  /** The route the definitions were sent to. */
  route: string;
  names: string[];
}

/** Replaces the application's commands with `commands`; rejects with Discord's error when refused. */
export async function registerCommands(options: RegisterOptions): Promise<Registered> {
  const rest = new REST(options.apiBase ? { api: options.apiBase } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.clientId, options.guildId)
    : Routes.applicationCommands(options.clientId);
  const body = options.commands.map((c) => c.toJSON());
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return { scope: options.guildId ? 'guild' : 'global', route, names: saved.map((c) => c.name) };
}
