/** Every slash command, in the order /help lists them. */
import type { Command } from '../src/bot/command.js';
import { command as add } from './add.js';
import { command as ask } from './ask.js';
import { command as brief } from './brief.js';
import { command as conflicts } from './conflicts.js';
import { command as facts } from './facts.js';
import { command as feedback } from './feedback.js';
import { command as help } from './help.js';
import { command as quotes } from './quotes.js';
import { command as sources } from './sources.js';
import { command as story } from './story.js';
import { command as timeline } from './timeline.js';
import { command as unanswered } from './unanswered.js';

export const commands: readonly Command[] = [ask, facts, quotes, timeline, conflicts, brief, sources, unanswered, story, add, feedback, help];
