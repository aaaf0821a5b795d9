/**
 * The "Follow up" button of an /ask answer: it opens a thread on the answer message, bound to the answer's
 * story, whose /ask questions are read with the earlier ones (see src/desk/followUps.ts). The button
 * carries the id of the answer as kept in the store, like 👍 / 👎. A second click, or a click on an answer
 * that already has a thread, points to that thread. Nothing here logs what was asked.
 */
import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, Routes, type APIThreadChannel, type ButtonInteraction } from 'discord.js';
import type { Logger } from '../log.js';
import { clip } from '../render/paging.js';
import { notice } from '../render/embed.js';
import type { Desk } from '../desk/desk.js';
import type { CoverageEngine } from './command.js';
import { UNRATED_KEEP_DAYS } from './feedback.js';
import { THREAD_TURNS_KEPT } from '../store/types.js';

const BUTTON = 'fu';
const ID = /^[A-Za-z0-9_-]{1,32}$/;
/** Discord's limit on a thread's name. */
export const THREAD_NAME_MAX = 100;
/** A day without a message archives the thread; a new message (or /ask) in it brings it back. */
const AUTO_ARCHIVE_MINUTES = 1440;

export interface FollowUpButton {
  type: 2;
  style: 2;
  custom_id: string;
  emoji: { name: string };
  label: string;
}

export function followUpButton(answerId: string): FollowUpButton {
  return { type: 2, style: 2, custom_id: `${BUTTON}:${answerId}`, emoji: { name: '🧵' }, label: 'Follow up' };
}

export function parseFollowUpButton(customId: string): { answerId: string } | null {
  const [prefix, answerId, ...rest] = customId.split(':');
  if (prefix !== BUTTON || !answerId || !ID.test(answerId) || rest.length > 0) return null;
  return { answerId };
}

/** The thread's name: the question on one line, within Discord's 100 characters. */
export function threadName(question: string): string {
  return clip(question.replace(/\s+/g, ' ').trim(), THREAD_NAME_MAX) || 'Follow-up';
}

/** The first message in a new thread: how to use it. */
export function threadIntro(question: string): string {
  return [
    `Follow-ups on **${clip(question.replace(/\s+/g, ' ').trim(), 300).replace(/([*_~`|\\])/g, '\\$1')}**`,
    `Ask them here with /ask: each question is read with the ones before it in this thread (the last ${THREAD_TURNS_KEPT}), so “How many of them…?” or “And the others?” works. The answer says how it read the question.`,
  ].join('\n');
}

export type FollowUpOutcome = 'thread-opened' | 'thread-exists' | 'thread-refused' | 'unknown-answer' | 'not-here';

export const FOLLOW_UP_GONE = `This answer is no longer on record (answers are kept for ${UNRATED_KEEP_DAYS} days, and the desk’s records may have been reset since), so no thread can be opened on it. Ask again with /ask and follow up on the new answer.`;

/** What to tell the person when Discord refuses to open the thread, by Discord's error code. */
export function refusal(code: number | string): string {
  if (code === RESTJSONErrorCodes.MissingPermissions || code === RESTJSONErrorCodes.MissingAccess) {
    return 'I could not open a thread here: I need the Create Public Threads and Send Messages in Threads permissions in this channel. Ask a server admin to grant them, or ask your follow-up with /ask in the channel.';
  }
  if (code === RESTJSONErrorCodes.MaximumActiveThreads || code === RESTJSONErrorCodes.MaximumActiveAnnouncementThreads) {
    return 'I could not open a thread here: this channel has as many active threads as Discord allows. Archive some, or ask your follow-up with /ask in the channel.';
  }
  if (code === RESTJSONErrorCodes.ThreadLocked) return 'I could not open a thread: the thread on this answer is locked.';
  return 'Discord would not let me open a thread on this answer. Ask your follow-up with /ask in the channel, or try again later.';
}

function privately(text: string): { embeds: ReturnType<typeof notice>['embeds']; allowedMentions: { parse: never[] } } {
  return { embeds: notice(text).embeds, allowedMentions: { parse: [] } };
}

const pointTo = (threadId: string, created: boolean): string =>
  created
    ? `Opened a thread for follow-ups: <#${threadId}>. Ask there with /ask; each question is read with the ones before it.`
    : `This answer already has a follow-up thread: <#${threadId}>. Ask there with /ask.`;

/** A click on "Follow up": opens the thread (or points to the one there is), answered privately. */
export async function onFollowUpButton(interaction: ButtonInteraction, target: { answerId: string }, desk: Desk<CoverageEngine>, logger: Logger, now: Date): Promise<FollowUpOutcome> {
  const channel = interaction.channel;
  if (!interaction.inGuild() || channel?.isThread() === true || interaction.message.flags.has(MessageFlags.Ephemeral)) {
    await interaction.reply({ ...privately('Follow-up threads open on answers in a server channel; here, just ask your follow-up with /ask.'), flags: MessageFlags.Ephemeral });
    return 'not-here';
  }
  const existing = desk.followUps.threadOn(target.answerId);
  if (existing) {
    await interaction.reply({ ...privately(pointTo(existing.threadId, false)), flags: MessageFlags.Ephemeral });
    return 'thread-exists';
  }
  const given = desk.store.answerById(target.answerId);
  if (!given) {
    await interaction.reply({ ...privately(FOLLOW_UP_GONE), flags: MessageFlags.Ephemeral });
    return 'unknown-answer';
  }
  // opening a thread and writing in it are two calls to Discord: acknowledge first
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const rest = interaction.client.rest;
  let threadId: string;
  try {
    const thread = (await rest.post(Routes.threads(interaction.channelId, interaction.message.id), {
      body: { name: threadName(given.question), auto_archive_duration: AUTO_ARCHIVE_MINUTES },
    })) as APIThreadChannel;
    threadId = thread.id;
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    if (error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) {
      // someone opened one by hand (or a click raced this one): a thread on a message has the message's id
      threadId = interaction.message.id;
    } else {
      logger.warn('discord refused to open a follow-up thread', { server: interaction.guildId, status: error.status, code: error.code, reason: clip(error.message, 300) });
      await interaction.editReply(privately(refusal(error.code)));
      return 'thread-refused';
    }
  }
  const opened = desk.followUps.open(given, { guildId: interaction.guildId, threadId }, now);
  desk.bind({ guildId: interaction.guildId, channelId: opened.thread.threadId, parentId: interaction.channelId }, given.storyId, interaction.user.id, now);
  if (opened.created) {
    try {
      await rest.post(Routes.channelMessages(opened.thread.threadId), { body: { content: threadIntro(given.question), allowed_mentions: { parse: [] } } });
    } catch (error) {
      // the thread is open and bound: /ask works there without the introduction
      logger.warn('could not post the introduction in a follow-up thread', { server: interaction.guildId, code: error instanceof DiscordAPIError ? error.code : null, reason: clip(String(error instanceof Error ? error.message : error), 300) });
    }
  }
  await interaction.editReply(privately(pointTo(opened.thread.threadId, opened.created)));
  return opened.created ? 'thread-opened' : 'thread-exists';
}
