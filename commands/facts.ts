/** `/facts about:<name>` — what the coverage says about a person, place or organisation. */
import { SlashCommandBuilder } from 'discord.js';
import { storyOption, type Choice, type Command } from '../src/bot/command.js';
import type { NameSummary } from '../src/engine.js';
import { renderAbout } from '../src/render/embed.js';

export const data = new SlashCommandBuilder()
  .setName('facts')
  .setDescription('What the coverage says about a person, place or organisation.')
  .addStringOption((o) =>
    o.setName('about').setDescription('A name from the coverage (suggestions as you type)').setRequired(true).setMaxLength(100).setAutocomplete(true),
  )
  .addStringOption(storyOption);

/** `Name — person, 12 mentions (also: Variant, Variant)`: enough to pick the right one of similar names. */
function choiceOf(name: NameSummary): Choice {
  const others = name.variants.filter((v) => v !== name.display);
  const kind = name.kind === 'other' ? 'name' : name.kind;
  const also = others.length > 0 ? ` (also: ${others.join(', ')})` : '';
  return { name: `${name.display} — ${kind}, ${name.mentions} mention${name.mentions === 1 ? '' : 's'}${also}`, value: name.display };
}

export const command: Command = {
  data,
  defer: true,
  async respond(ctx, options) {
    const query = (options.getString('about', true) ?? '').trim();
    const result = await ctx.engine.about(query);
    if (result) return renderAbout(query, result, []);
    /* Not found: offer close spellings, else the names the coverage mentions most. */
    const close = await ctx.engine.names(query, 5);
    return renderAbout(query, null, close.length > 0 ? close : await ctx.engine.names('', 5));
  },
  async autocomplete(ctx, focused) {
    return (await ctx.engine.names(focused.value.trim(), 25)).map(choiceOf);
  },
};
