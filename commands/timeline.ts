/** `/timeline` — dated events in order, relative dates resolved, each cited. */
import { SlashCommandBuilder } from 'discord.js';
import { storyOption, type Command } from '../src/bot/command.js';
import { renderTimeline } from '../src/render/embed.js';

export const data = new SlashCommandBuilder()
  .setName('timeline')
  .setDescription('Dated events in order, with relative dates ("on Thursday") resolved and cited.')
  .addStringOption(storyOption);

export const command: Command = {
  data,
  defer: true,
  async respond(ctx) {
    return renderTimeline(await ctx.engine.timeline());
  },
};
