/** `/unanswered`: the questions a story's coverage could not answer, grouped, most asked first. */
import { format, formatDistanceStrict, parseISO } from 'date-fns';
import type { QuestionGroup } from '../questions/group.js';
import type { QuestionLogSettings } from '../questions/log.js';
import { OUTCOME_LABELS } from '../questions/outcome.js';
import type { QuestionOutcome } from '../store/types.js';
import { COLORS, escapeText, notice, type Page } from './embed.js';
import { clip, paginate } from './paging.js';

/** Other wordings shown under a group before "and N more". */
const OTHER_WORDINGS = 3;
/** A logged question is at most 1,000 characters: shown whole up to this, then clipped. */
const WORDING_CHARS = 300;

const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** `7 Mar 2026, 09:00 UTC (3 days ago)`: the same on every server, whatever its time zone. */
export function askedWhen(iso: string, now: Date): string {
  const at = parseISO(iso);
  const utc = new Date(at.getTime() + at.getTimezoneOffset() * 60_000);
  return `${format(utc, 'd MMM yyyy, HH:mm')} UTC (${formatDistanceStrict(at, now, { addSuffix: true })})`;
}

function quoted(text: string): string {
  return `“${escapeText(clip(text.trim(), WORDING_CHARS))}”`;
}

function groupItem(g: QuestionGroup, rank: number, now: Date): string {
  const outcomes = (Object.entries(g.outcomes) as [QuestionOutcome, number][])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([o, n]) => `${OUTCOME_LABELS[o]} ×${n}`)
    .join(' · ');
  const others = g.wordings.slice(1);
  const shown = others.slice(0, OTHER_WORDINGS).map((w) => `${quoted(w.text)}${w.count > 1 ? ` ×${w.count}` : ''}`);
  const more = others.length - shown.length;
  return [
    `**${rank}.** ${quoted(g.question)}`,
    `asked ${times(g.count)}, last ${askedWhen(g.lastAsked, now)} · ${outcomes}`,
    ...(shown.length > 0 ? [`also asked as ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`] : []),
  ].join('\n');
}

/** The gaps in a story's coverage: its not-sure and doesn't-say questions, grouped (see questions/group.ts). */
export function renderUnanswered(story: { id: string; title: string }, groups: readonly QuestionGroup[], now: Date, log: QuestionLogSettings): Page[] {
  const name = story.title === story.id ? escapeText(story.id) : `${escapeText(story.title)} (${escapeText(story.id)})`;
  const off = log.enabled ? '' : ' The question log is off on this desk (QUESTION_LOG=off), so no new question is kept.';
  if (groups.length === 0) {
    return [notice(`No question asked about **${name}** in the last ${log.days} days got "not sure" or "doesn't say".${off}`, COLORS.answer)];
  }
  const asked = groups.reduce((n, g) => n + g.count, 0);
  return paginate({
    title: clip(`Unanswered: ${story.title}`, 256),
    color: COLORS.differ,
    lead: [
      `${groups.length} question${groups.length === 1 ? '' : 's'}, asked ${times(asked)} in all, that the coverage of **${name}** could not answer in the last ${log.days} days, most asked first. Questions asking the same thing in other words are counted together: these are the gaps in the coverage.${off}`,
    ],
    sections: [{ heading: 'Most asked', items: groups.map((g, i) => groupItem(g, i + 1, now)) }],
    footer: 'Only the questions are kept, never who asked',
  });
}
