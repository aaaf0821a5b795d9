/** `/help` — what each command does. */
import { SlashCommandBuilder } from 'discord.js';
import type { DeskCommand } from '../src/bot/command.js';
import { renderHelp } from '../src/render/embed.js';

export const data = new SlashCommandBuilder().setName('help').setDescription('What each command does.');

export const command: DeskCommand = {
  data,
  scope: 'desk',
  defer: false,
  respond(ctx) {
    return renderHelp(ctx.catalogue);
  },
};
