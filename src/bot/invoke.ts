/**
 * What happens between a typed command and its answer, the same at the console and on Discord: the
 * editor check, the story the command answers from (its `story:` option, the channel's binding, or the
 * only story), and the autocomplete of that option. The front ends only say where and by whom.
 */
import type { Page } from '../render/embed.js';
import { hasStoryOption, STORY_OPTION, type Choice, type Command, type CommandContext, type CoverageEngine, type DeskContext, type OptionReader } from './command.js';

/** The polite private refusal for a member who is not an editor. */
export const EDITORS_ONLY =
  'Only editors can do that: members with the Manage Channels permission, or with the editor role this desk names. Ask an editor of this server to do it for you.';

export type Prepared =
  | { ok: true; /** The story's engine when the command answers from one (it may still be loading). */ engine: Promise<CoverageEngine> | null; run(): Promise<Page[]> }
  | { ok: false; outcome: 'not-editor' | 'no-story'; message: string };

/** Checks who may run the command and where it answers from; the answer is built by `run()`. */
export function prepare(command: Command, base: DeskContext, options: OptionReader): Prepared {
  if (command.editorOnly?.(options) && !base.actor.editor) return { ok: false, outcome: 'not-editor', message: EDITORS_ONLY };
  if (command.scope === 'desk') return { ok: true, engine: null, run: async () => command.respond(base, options) };
  const resolved = base.desk.resolve(base.place, hasStoryOption(command.data) ? options.getString(STORY_OPTION) : null);
  if (!resolved.ok) return { ok: false, outcome: 'no-story', message: resolved.message };
  return {
    ok: true,
    engine: resolved.engine,
    run: async () => {
      const ctx: CommandContext = { ...base, engine: await resolved.engine, story: resolved.story, via: resolved.via };
      return command.respond(ctx, options);
    },
  };
}

/** Stories matching what is typed in a `story:` option, title shown and id given. */
export function storyChoices(base: DeskContext, typed: string): Choice[] {
  return base.desk.stories.matching(typed, 25).map((s) => ({ name: s.title === s.id ? s.id : `${s.title} (${s.id})`, value: s.id }));
}

/** Suggestions for the focused option; [] when the command's story cannot be resolved. */
export async function suggest(command: Command | undefined, base: DeskContext, focused: { name: string; value: string }, options: OptionReader): Promise<Choice[]> {
  if (focused.name === STORY_OPTION) return storyChoices(base, focused.value);
  if (!command?.autocomplete) return [];
  if (command.scope === 'desk') return command.autocomplete(base, focused);
  const resolved = base.desk.resolve(base.place, hasStoryOption(command.data) ? options.getString(STORY_OPTION) : null);
  if (!resolved.ok) return [];
  return command.autocomplete({ ...base, engine: await resolved.engine, story: resolved.story, via: resolved.via }, focused);
}
