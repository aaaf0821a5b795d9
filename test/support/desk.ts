/** Command contexts for calling command handlers directly, as the console would: one story, an editor. */
import { commands } from '../../commands/index.js';
import { catalogueOf, type CommandContext, type CoverageEngine, type OptionReader } from '../../src/bot/command.js';
import { CONSOLE_PLACE } from '../../src/bot/console.js';
import { Desk } from '../../src/desk/desk.js';
import { fixedStory } from '../../src/desk/fixed.js';
import { MemoryStore } from '../../src/store/memory.js';

export function oneStoryContext(engine: CoverageEngine, now = new Date()): CommandContext {
  const story = { id: 'coverage', title: 'Coverage' };
  return {
    desk: new Desk(fixedStory(engine, story), new MemoryStore()),
    place: { ...CONSOLE_PLACE },
    actor: { userId: 'console', editor: true },
    catalogue: catalogueOf(commands),
    now,
    engine,
    story,
    via: 'only story',
  };
}

/** Options with only strings set, as a handler reads them. */
export function stringOptions(values: Record<string, string>): OptionReader {
  return {
    getString: (name) => values[name] ?? null,
    getBoolean: () => null,
    getSubcommand: () => null,
    getAttachment: () => null,
  };
}
