/** `/brief [story:<id>]` — the story on one page: key facts, where outlets differ, latest developments, main quotes. */
import { SlashCommandBuilder } from 'discord.js';
import { storyOption, type Command } from '../src/bot/command.js';
import { renderBrief } from '../src/render/brief.js';

export const data = new SlashCommandBuilder()
  .setName('brief')
  .setDescription('The story on one page: key facts, where outlets differ, latest developments, main quotes; all cited.')
  .addStringOption(storyOption);

export const command: Command = {
  data,
  defer: true,
  async respond(ctx) {
    return renderBrief(await ctx.engine.brief(), ctx.story.title);
  },
};
