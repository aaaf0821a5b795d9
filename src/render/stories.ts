/** The desk's own pages: the stories on it, and which one a channel answers from. */
import { formatDistanceStrict } from 'date-fns';
import type { StoryListing, StoryVia } from '../desk/desk.js';
import { COLORS, escapeText, notice, type Page } from './embed.js';
import { paginate } from './paging.js';

function updated(at: Date | null, now: Date): string {
  return at ? `updated ${formatDistanceStrict(at, now, { addSuffix: true })}` : 'no articles yet';
}

function articles(n: number | null): string {
  return n === null ? '' : `${n} article${n === 1 ? '' : 's'}, `;
}

/** `/story list`: every story with its article count and last update; the channel's marked. */
export function renderStoryList(stories: readonly StoryListing[], current: string | null, now: Date): Page[] {
  if (stories.length === 0) return [notice('There are no stories on this desk yet: add a folder of articles to STORIES_DIR.', COLORS.differ)];
  return paginate({
    title: `Stories (${stories.length})`,
    color: COLORS.info,
    lead: ['Bind this channel to one with /story use story:<id>, or ask one once with the story: option of any command.'],
    sections: [
      {
        heading: 'On this desk',
        items: stories.map((s) => {
          const name = s.title === s.id ? `**${escapeText(s.id)}**` : `**${escapeText(s.title)}** (${escapeText(s.id)})`;
          return `${name}${s.id === current ? ' · this channel' : ''}\n${articles(s.articles)}${updated(s.lastUpdate, now)}`;
        }),
      },
    ],
  });
}

const VIA: Record<StoryVia, string> = {
  option: 'as asked with the story: option',
  channel: 'bound to this channel',
  'parent channel': "bound to this thread's channel",
  'only story': 'the only story on this desk',
};

/** `/story show`: the story this channel answers from, and how it was chosen. */
export function renderStoryShown(story: StoryListing, via: StoryVia, boundAt: Date | null, now: Date): Page[] {
  const by = boundAt && (via === 'channel' || via === 'parent channel') ? ` ${formatDistanceStrict(boundAt, now, { addSuffix: true })}` : '';
  return [
    notice(
      `This channel answers from **${escapeText(story.title)}** (${escapeText(story.id)}), ${VIA[via]}${by}.\n${articles(story.articles)}${updated(story.lastUpdate, now)}.`,
      COLORS.info,
    ),
  ];
}

/** `/story use`: the binding made. */
export function renderBound(story: StoryListing, previous: string | null, now: Date): Page[] {
  const was = previous && previous !== story.id ? ` (it answered from ${escapeText(previous)} before)` : '';
  return [
    notice(
      `This channel and its threads now answer from **${escapeText(story.title)}** (${escapeText(story.id)})${was}.\n${articles(story.articles)}${updated(story.lastUpdate, now)}.`,
      COLORS.answer,
    ),
  ];
}

/** `/add`: what was read and what it adds to the story. */
export function renderAdded(story: { id: string; title: string }, report: string, stripped: string): Page[] {
  const lines = [report, ...(stripped ? [`From the web page: ${stripped}.`] : [])];
  return paginate({
    title: `Added to ${story.title}`,
    color: COLORS.answer,
    lead: [],
    sections: [{ heading: 'What was read', items: lines.map((l) => escapeText(l)) }],
  });
}
