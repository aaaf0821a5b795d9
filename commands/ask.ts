/** `/ask question:<text> [private:<bool>]` — the cited answer to a question about the coverage. */
import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/bot/command.js';
import { renderAnswer } from '../src/render/embed.js';

/** Discord's own cap on a string option is 6,000; a question is a sentence, and the title shows it. */
const MAX_QUESTION = 300;

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask about the story; the answer quotes the coverage verbatim, with citations.')
  .addStringOption((o) =>
    o
      .setName('question')
      .setDescription('What you want to know, e.g. "How many people were released?"')
      .setRequired(true)
      .setMinLength(2)
      .setMaxLength(MAX_QUESTION),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Show the answer only to you'));

export const command: Command = {
  data,
  defer: true,
  async respond(ctx, options) {
    const question = options.getString('question', true) ?? '';
    return renderAnswer(await ctx.engine.ask(question.slice(0, MAX_QUESTION)));
  },
};
