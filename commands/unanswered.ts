/**
 * `/unanswered [story:<id>] [private:<bool>]` — the questions the story's coverage could not answer
 * ("not sure", "doesn't say"), grouped when they ask the same thing, most asked first. Open to everyone:
 * it shows questions, never who asked them, and the reporters are the ones who fill the gaps.
 */
import { SlashCommandBuilder } from 'discord.js';
import { storyOption, type Command } from '../src/bot/command.js';
import { groupQuestions } from '../src/questions/group.js';
import { renderUnanswered } from '../src/render/questions.js';

export const data = new SlashCommandBuilder()
  .setName('unanswered')
  .setDescription("Questions this story's coverage could not answer, grouped, most asked first: the gaps to fill.")
  .addBooleanOption((o) => o.setName('private').setDescription('Show the list only to you'))
  .addStringOption(storyOption);

export const command: Command = {
  data,
  // reading a few hundred questions may take longer than Discord's three seconds on a busy machine
  defer: true,
  respond(ctx) {
    const log = ctx.desk.questions;
    return renderUnanswered(ctx.story, groupQuestions(log.unanswered(ctx.story.id)), ctx.now, log.settings);
  },
};
