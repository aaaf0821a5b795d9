/** `/story use|list|show` — which story this channel answers from; binding is for editors. */
import { SlashCommandBuilder } from 'discord.js';
import { STORY_OPTION, type DeskCommand } from '../src/bot/command.js';
import { notice } from '../src/render/embed.js';
import { renderBound, renderStoryList, renderStoryShown } from '../src/render/stories.js';

export const data = new SlashCommandBuilder()
  .setName('story')
  .setDescription('Which story this channel answers from; editors bind it.')
  .addSubcommand((s) =>
    s
      .setName('use')
      .setDescription('Bind this channel and its threads to a story (editors)')
      .addStringOption((o) => o.setName(STORY_OPTION).setDescription('The story (suggestions as you type)').setRequired(true).setMaxLength(100).setAutocomplete(true)),
  )
  .addSubcommand((s) => s.setName('list').setDescription('Every story, with its article count and last update'))
  .addSubcommand((s) => s.setName('show').setDescription("This channel's story"));

export const command: DeskCommand = {
  data,
  scope: 'desk',
  defer: false,
  editorOnly: (options) => options.getSubcommand() === 'use',
  respond(ctx, options) {
    const { desk, place, now } = ctx;
    switch (options.getSubcommand(true)) {
      case 'use': {
        const bound = desk.bind(place, options.getString(STORY_OPTION, true) ?? '', ctx.actor.userId, now);
        if (!bound.ok) return [notice(bound.message)];
        const story = desk.listingOf(bound.binding.storyId);
        return story ? renderBound(story, bound.previous?.storyId ?? null, now) : [notice(`Bound to ${bound.binding.storyId}.`)];
      }
      case 'list': {
        const here = desk.resolve(place);
        return renderStoryList(desk.listing(), here.ok ? here.story.id : null, now);
      }
      default: {
        const here = desk.resolve(place);
        if (!here.ok) return [notice(here.message)];
        const story = desk.listingOf(here.story.id);
        const boundAt = desk.bindingAt(place)?.binding.boundAt;
        return story ? renderStoryShown(story, here.via, boundAt ? new Date(boundAt) : null, now) : [notice(`This channel answers from ${here.story.id}.`)];
      }
    }
  },
};
