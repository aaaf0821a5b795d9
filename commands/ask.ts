/** `/ask question:<text> [private:<bool>]` — the cited answer to a question about the coverage. */
import { SlashCommandBuilder } from 'discord.js';
import { ANSWER_SETTINGS } from '../src/answer/answer.js';
import { storyOption, type Command } from '../src/bot/command.js';
import { rateableAnswer, withRating } from '../src/feedback/given.js';
import { renderAnswer } from '../src/render/embed.js';

/*
 * One limit in every front end: Discord's box stops at the engine's, and a longer question typed at the
 * console is refused by the engine with the message the CLI gives, not cut short and answered.
 */
const MAX_QUESTION = ANSWER_SETTINGS.maxQuestionChars;

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
  .addBooleanOption((o) => o.setName('private').setDescription('Show the answer only to you'))
  .addStringOption(storyOption);

export const command: Command = {
  data,
  defer: true,
  async respond(ctx, options) {
    const question = options.getString('question', true) ?? '';
    // in a follow-up thread the question is read with the thread's earlier turns, and becomes one of them
    const thread = ctx.desk.followUps.at(ctx.place, ctx.story.id);
    const answer = await (thread ? ctx.engine.ask(question, thread.earlier) : ctx.engine.ask(question));
    if (thread) ctx.desk.followUps.record(thread.threadId, answer, ctx.now);
    ctx.desk.questions.record({ storyId: ctx.story.id, question, tier: answer.tier, place: ctx.place, userId: ctx.actor.userId, at: ctx.now });
    return withRating(renderAnswer(answer), rateableAnswer(answer, ctx.story.id));
  },
};
