/**
 * 👍 / 👎 on /ask answers. The buttons carry the id of the answer as kept in the store (not the answer:
 * a custom id holds 100 characters). A 👍 or a 👎 is saved on the click, so a plain vote is one click;
 * the 👎 also opens a short modal asking why (a reason to pick, a note to type), which refines that vote
 * when submitted. A person's second click replaces their first. Nothing here logs what was asked.
 */
import { randomBytes } from 'node:crypto';
import { MessageFlags, type ButtonInteraction, type InteractionReplyOptions, type ModalSubmitInteraction } from 'discord.js';
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import { notice } from '../render/embed.js';
import { REASON_LABELS } from '../render/feedback.js';
import { FEEDBACK_REASONS, type DeskStore, type FeedbackReason, type RateableAnswer } from '../store/types.js';

const BUTTON = 'fb';
const MODAL = 'fbm';
export const REASON_FIELD = 'reason';
export const NOTE_FIELD = 'note';
/** Long enough for "it's in paragraph 4 of the Metro story, the figure is 52"; short enough to read in a list. */
export const NOTE_MAX = 500;

const ID = /^[A-Za-z0-9_-]{1,32}$/;

/** A fresh id for an answer: 8 characters, random, so a button from before a database reset finds nothing. */
export function newAnswerId(): string {
  return randomBytes(6).toString('base64url');
}

/** Answers nobody voted on are dropped after this long; their buttons then say the answer is gone. */
export const UNRATED_KEEP_DAYS = 30;
const DAY_MS = 86_400_000;
/** Pruning runs with the first answer kept after this much time since the last. */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Keeps the answers sent with 👍 / 👎, and drops the unrated ones older than UNRATED_KEEP_DAYS, so the
 * questions asked are not kept for good just because an answer was given (a rated one stays with its votes).
 */
export class AnswerKeeper {
  #lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: DeskStore,
    private readonly keepDays: number = UNRATED_KEEP_DAYS,
  ) {}

  /** Stores the answer and returns its id; throws what the store throws. */
  keep(rateable: RateableAnswer, now: Date): string {
    const id = newAnswerId();
    this.store.recordAnswer({ ...rateable, id, answeredAt: now.toISOString() });
    if (now.getTime() - this.#lastPrune >= PRUNE_EVERY_MS) {
      this.#lastPrune = now.getTime();
      this.store.pruneAnswers(new Date(now.getTime() - this.keepDays * DAY_MS).toISOString());
    }
    return id;
  }
}

/** The 👍 / 👎 row of an answer, as Discord's API takes it, with whatever else acts on the answer (Follow up). */
export interface FeedbackRow {
  type: 1;
  components: { type: 2; style: 2; custom_id: string; emoji: { name: string }; label: string }[];
}

export function feedbackRow(answerId: string, also: FeedbackRow['components'] = []): FeedbackRow {
  return {
    type: 1,
    components: [
      { type: 2, style: 2, custom_id: `${BUTTON}:${answerId}:up`, emoji: { name: '👍' }, label: 'Good answer' },
      { type: 2, style: 2, custom_id: `${BUTTON}:${answerId}:down`, emoji: { name: '👎' }, label: 'Wrong or off' },
      ...also,
    ],
  };
}

export function parseFeedbackButton(customId: string): { answerId: string; vote: 'up' | 'down' } | null {
  const [prefix, answerId, vote, ...rest] = customId.split(':');
  if (prefix !== BUTTON || !answerId || !ID.test(answerId) || (vote !== 'up' && vote !== 'down') || rest.length > 0) return null;
  return { answerId, vote };
}

export function parseFeedbackModal(customId: string): { answerId: string } | null {
  const [prefix, answerId, ...rest] = customId.split(':');
  if (prefix !== MODAL || !answerId || !ID.test(answerId) || rest.length > 0) return null;
  return { answerId };
}

const REASON_HINTS: Record<FeedbackReason, string> = {
  'wrong-answer': 'The passage does not answer the question',
  'wrong-part': 'The passage is right; the short answer picked the wrong words',
  elsewhere: 'Another passage answers it (say where in the note)',
};

/** The modal a 👎 opens: both parts optional, prefilled with what the person said before. */
export function feedbackModal(answerId: string, previous: { reason: FeedbackReason | null; note: string | null } | null): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `${MODAL}:${answerId}`,
    title: 'Your 👎 is saved. What was wrong?',
    components: [
      {
        type: 18,
        label: 'What was wrong? (optional)',
        component: {
          type: 3,
          custom_id: REASON_FIELD,
          placeholder: 'Pick one, or leave it',
          required: false,
          options: FEEDBACK_REASONS.map((r) => ({ label: REASON_LABELS[r], value: r, description: REASON_HINTS[r], ...(previous?.reason === r ? { default: true } : {}) })),
        },
      },
      {
        type: 18,
        label: 'Anything to add? (optional)',
        description: 'Where the coverage has it, or what the right answer is',
        component: {
          type: 4,
          custom_id: NOTE_FIELD,
          style: 2,
          required: false,
          max_length: NOTE_MAX,
          placeholder: 'e.g. the figure is in paragraph 4 of the second article',
          ...(previous?.note ? { value: previous.note } : {}),
        },
      },
    ],
  };
}

function privately(text: string): InteractionReplyOptions {
  return { embeds: notice(text).embeds, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } };
}

export const UNKNOWN_ANSWER = `This answer is no longer on record (answers nobody rated are kept for ${UNRATED_KEEP_DAYS} days, and the desk’s records may have been reset since), so your vote was not saved. Ask again with /ask to rate the new answer.`;

export type FeedbackOutcome = 'voted-up' | 'voted-down' | 'noted' | 'unknown-answer';

/** A click on 👍 or 👎: saved at once; the 👎 then asks why in a modal. */
export async function onFeedbackButton(
  interaction: ButtonInteraction,
  target: { answerId: string; vote: 'up' | 'down' },
  store: DeskStore,
  now: Date,
): Promise<FeedbackOutcome> {
  const userId = interaction.user.id;
  const before = store.voteOf(target.answerId, userId);
  // a 👎 clicked again keeps the reason and note given with the first, unless the modal changes them
  const kept = target.vote === 'down' && before?.vote === 'down' ? { reason: before.reason, note: before.note } : { reason: null, note: null };
  const saved = store.vote({ answerId: target.answerId, userId, vote: target.vote, ...kept, at: now.toISOString() });
  if (!saved) {
    await interaction.reply(privately(UNKNOWN_ANSWER));
    return 'unknown-answer';
  }
  if (target.vote === 'down') {
    await interaction.showModal(feedbackModal(target.answerId, kept));
    return 'voted-down';
  }
  const changed = before?.vote === 'down' ? 'Your 👎 on this answer is now a 👍.' : 'Your 👍 is saved.';
  await interaction.reply(privately(`Thanks. ${changed} Clicking again changes your vote; it never counts twice.`));
  return 'voted-up';
}

function fieldValues(interaction: ModalSubmitInteraction): { reason: FeedbackReason | null; note: string | null } {
  const reasonField = interaction.fields.fields.get(REASON_FIELD);
  const picked = reasonField && 'values' in reasonField ? reasonField.values[0] : undefined;
  const reason = FEEDBACK_REASONS.find((r) => r === picked) ?? null;
  const noteField = interaction.fields.fields.get(NOTE_FIELD);
  const typed = noteField && 'value' in noteField && typeof noteField.value === 'string' ? noteField.value.trim() : '';
  return { reason, note: typed ? typed.slice(0, NOTE_MAX) : null };
}

/** The 👎 modal submitted: the reason and note saved with the person's 👎 (replacing what they said before). */
export async function onFeedbackModal(interaction: ModalSubmitInteraction, target: { answerId: string }, store: DeskStore, now: Date): Promise<FeedbackOutcome> {
  const { reason, note } = fieldValues(interaction);
  const saved = store.vote({ answerId: target.answerId, userId: interaction.user.id, vote: 'down', reason, note, at: now.toISOString() });
  if (!saved) {
    await interaction.reply(privately(UNKNOWN_ANSWER));
    return 'unknown-answer';
  }
  const why = reason ? `, with “${REASON_LABELS[reason]}”` : '';
  const withNote = note ? ' and your note' : '';
  await interaction.reply(privately(`Thanks. Your 👎 is saved${why}${withNote}. Editors see it in /feedback.`));
  return 'noted';
}
