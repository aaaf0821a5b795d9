/** `/feedback`: the answers people gave a 👎, with the question, the answer given and what they said. */
import { formatDistanceStrict } from 'date-fns';
import type { FeedbackEntry, FeedbackReason, GivenAnswer } from '../store/types.js';
import { COLORS, escapeText, notice, type Page } from './embed.js';
import { clip, paginate } from './paging.js';

/** How each reason reads, in the modal and in the list. */
export const REASON_LABELS: Record<FeedbackReason, string> = {
  'wrong-answer': 'Wrong answer',
  'wrong-part': 'Right passage, wrong part',
  elsewhere: 'The coverage has it elsewhere',
};

const TIER_LABELS: Record<string, string> = { answer: 'answered', 'not-sure': 'not sure', 'not-covered': "doesn't say" };

/* Room for one entry: a field holds 1,024 characters, and a page shows several entries. */
const QUESTION_CHARS = 200;
const PASSAGE_CHARS = 300;
const NOTE_CHARS = 160;
const NOTES_SHOWN = 3;

function given(answer: GivenAnswer): string[] {
  const lines: string[] = [];
  const tier = TIER_LABELS[answer.tier] ?? answer.tier;
  if (answer.span) lines.push(`Answer given (${tier}): **${escapeText(clip(answer.span, PASSAGE_CHARS))}**`);
  else lines.push(`Answer given: ${tier}${answer.passage ? ', closest passage:' : ''}`);
  if (answer.passage) lines.push(`> ${escapeText(clip(answer.passage.replace(/\s+/g, ' ').trim(), PASSAGE_CHARS))}`);
  if (answer.sources.length > 0) {
    const shown = answer.sources.slice(0, 3).map((s) => `${s.outlet ? `${escapeText(s.outlet)}, ` : ''}${escapeText(s.file)} ¶${s.paragraph}`);
    const more = answer.sources.length > shown.length ? ` and ${answer.sources.length - shown.length} more` : '';
    lines.push(`↳ ${shown.join('; ')}${more}`);
  }
  return lines;
}

function said(votes: readonly FeedbackEntry[]): string {
  const parts = votes.slice(0, NOTES_SHOWN).map((v) => {
    const reason = v.reason ? REASON_LABELS[v.reason] : 'no reason given';
    return v.note ? `${reason}: “${escapeText(clip(v.note.replace(/\s+/g, ' ').trim(), NOTE_CHARS))}”` : reason;
  });
  const more = votes.length > NOTES_SHOWN ? ` (and ${votes.length - NOTES_SHOWN} more)` : '';
  return `👎 ×${votes.length}: ${parts.join(' · ')}${more}`;
}

/**
 * Recent 👎 (newest first, as the store gives them), one item per answer with every 👎 on it, so that an
 * answer several people flagged reads once. No user is named: the list is about answers, not people.
 */
export function renderFeedback(downs: readonly FeedbackEntry[], now: Date, storyId: string | null): Page[] {
  const where = storyId ? ` on ${escapeText(storyId)}` : '';
  if (downs.length === 0) return [notice(`No 👎 on answers${where} yet. Every /ask answer carries 👍 / 👎 buttons; what people flag shows here.`, COLORS.info)];
  const byAnswer = new Map<string, FeedbackEntry[]>();
  for (const d of downs) byAnswer.set(d.answerId, [...(byAnswer.get(d.answerId) ?? []), d]);
  const items = [...byAnswer.values()].map((votes) => {
    const { answer } = votes[0]!;
    const when = formatDistanceStrict(new Date(votes[0]!.at), now, { addSuffix: true });
    return [`**${escapeText(clip(answer.question.replace(/\s+/g, ' ').trim(), QUESTION_CHARS))}**`, `${escapeText(answer.storyId)} · ${when}`, ...given(answer), said(votes)].join('\n');
  });
  return paginate({
    title: `Feedback: recent 👎${where}`,
    color: COLORS.differ,
    lead: [`${byAnswer.size} answer${byAnswer.size === 1 ? '' : 's'} flagged, newest first.`],
    sections: [{ heading: 'Flagged answers', items }],
    footer: 'Votes are kept by Discord user id; npm run feedback -- --export writes them for training',
  });
}
