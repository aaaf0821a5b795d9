/** `/add file:<attachment>` — an article (.txt, .md or a saved web page) into the channel's story (editors). */
import { SlashCommandBuilder } from 'discord.js';
import { storyOption, UploadError, type Command } from '../src/bot/command.js';
import { COLORS, notice } from '../src/render/embed.js';
import { renderAdded } from '../src/render/stories.js';

export const data = new SlashCommandBuilder()
  .setName('add')
  .setDescription("Add an article to this channel's story: a .txt, .md or saved web page (.html) (editors)")
  .addAttachmentOption((o) => o.setName('file').setDescription('The article file').setRequired(true))
  .addStringOption(storyOption);

const kb = (n: number): string => `${Math.ceil(n / 1024).toLocaleString('en-US')} KB`;

export const command: Command = {
  data,
  defer: true,
  editorOnly: () => true,
  async respond(ctx, options) {
    const upload = options.getAttachment('file', true);
    const intake = ctx.desk.intake;
    if (!upload) return [notice('Attach the article file to add.')];
    if (!intake) return [notice('This desk serves a fixed set of articles; adding articles is not available here.')];
    if (upload.size > intake.maxBytes) return [notice(`${upload.name} is ${kb(upload.size)}, over the limit of ${kb(intake.maxBytes)} (MAX_ARTICLE_BYTES); nothing was added.`, COLORS.differ)];
    let bytes: Uint8Array;
    try {
      bytes = await upload.read(intake.maxBytes);
    } catch (error) {
      if (error instanceof UploadError) return [notice(`${error.message} Nothing was added.`, COLORS.differ)];
      throw error;
    }
    const added = await intake.add({ storyId: ctx.story.id, name: upload.name, contentType: upload.contentType, bytes, addedBy: ctx.actor.userId, now: ctx.now });
    return added.ok ? renderAdded(ctx.story, added.text, added.stripped) : [notice(added.message, COLORS.differ)];
  },
};
