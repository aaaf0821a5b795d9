/** `/quotes [speaker:<name>]` — quotes with their speaker and every outlet that carried them. */
import { SlashCommandBuilder } from 'discord.js';
import { storyOption, type Command } from '../src/bot/command.js';
import { renderQuotes } from '../src/render/embed.js';

export const data = new SlashCommandBuilder()
  .setName('quotes')
  .setDescription('Quotes in the coverage, with who said them and every outlet that carried them.')
  .addStringOption((o) => o.setName('speaker').setDescription('Only this speaker (suggestions as you type)').setMaxLength(100).setAutocomplete(true))
  .addStringOption(storyOption);

export const command: Command = {
  data,
  defer: true,
  async respond(ctx, options) {
    const speaker = options.getString('speaker')?.trim() || null;
    return renderQuotes(await ctx.engine.quotes(speaker ?? undefined), speaker);
  },
  async autocomplete(ctx, focused) {
    return (await ctx.engine.speakers(focused.value.trim(), 25)).map((s) => ({ name: s, value: s }));
  },
};
