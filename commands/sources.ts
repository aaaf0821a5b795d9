/** `/sources` — the articles loaded, with what was extracted from each. */
import { SlashCommandBuilder } from 'discord.js';
import { storyOption, type Command } from '../src/bot/command.js';
import { renderSources } from '../src/render/embed.js';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The articles loaded: outlet, title, date, link and facts extracted.')
  .addStringOption(storyOption);

export const command: Command = {
  data,
  defer: false,
  async respond(ctx) {
    return renderSources(await ctx.engine.sources(), await ctx.engine.stats());
  },
};
