/** `/conflicts` — every place where outlets disagree, each version with its sources. */
import { SlashCommandBuilder } from 'discord.js';
import { storyOption, type Command } from '../src/bot/command.js';
import { renderConflicts } from '../src/render/embed.js';

export const data = new SlashCommandBuilder()
  .setName('conflicts')
  .setDescription('Where outlets disagree (numbers, dates, names), each version with its sources.')
  .addStringOption(storyOption);

export const command: Command = {
  data,
  defer: true,
  async respond(ctx) {
    return renderConflicts(await ctx.engine.conflicts());
  },
};
