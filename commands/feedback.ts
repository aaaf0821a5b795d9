/** `/feedback [story:<id>]` — recent 👎 on answers, with the question and the answer given (editors). */
import { SlashCommandBuilder } from 'discord.js';
import { STORY_OPTION, type DeskCommand } from '../src/bot/command.js';
import { renderFeedback } from '../src/render/feedback.js';

/** 👎 read back at most; the list is paged, and older ones are in the export. */
const RECENT = 200;

export const data = new SlashCommandBuilder()
  .setName('feedback')
  .setDescription('Recent 👎 on answers, with the question and the answer given (editors)')
  .addStringOption((o) => o.setName(STORY_OPTION).setDescription('Only this story (suggestions as you type)').setMaxLength(100).setAutocomplete(true));

export const command: DeskCommand = {
  data,
  scope: 'desk',
  defer: false,
  alwaysPrivate: true,
  editorOnly: () => true,
  respond(ctx, options) {
    const storyId = options.getString(STORY_OPTION)?.trim() || null;
    const downs = ctx.desk.store.feedback({ vote: 'down', limit: RECENT, ...(storyId ? { storyId } : {}) });
    return renderFeedback(downs, ctx.now, storyId);
  },
};
