/** The desk database's rows as better-sqlite3 returns them, and the store's objects made from them. */
import type { Binding, CitedPlace, FeedbackReason, FollowUpThread, GivenAnswer, LoggedQuestion, QuestionOutcome, ThreadTurn, Turn, Vote } from './types.js';

export interface BindingRow {
  guild_id: string;
  channel_id: string;
  story_id: string;
  bound_by: string;
  bound_at: string;
}

export interface AddRow {
  story_id: string;
  file: string;
  added_by: string;
  added_at: string;
  report: string;
}

export interface AnswerRow {
  id: string;
  story_id: string;
  question: string;
  tier: string;
  span: string | null;
  passage: string | null;
  sources: string;
  answered_at: string;
  turn: string | null;
}

export interface ThreadRow {
  thread_id: string;
  guild_id: string;
  story_id: string;
  answer_id: string;
  created_at: string;
  last_at: string;
}

export interface TurnRow {
  question: string;
  kind: string;
  answer: string | null;
  passage: string | null;
  asked_at: string;
}

export interface VoteRow {
  answer_id: string;
  user_id: string;
  vote: 'up' | 'down';
  reason: string | null;
  note: string | null;
  at: string;
}

export const given = (r: AnswerRow): GivenAnswer => ({
  id: r.id,
  storyId: r.story_id,
  question: r.question,
  tier: r.tier,
  span: r.span,
  passage: r.passage,
  sources: JSON.parse(r.sources) as CitedPlace[],
  answeredAt: r.answered_at,
  ...(r.turn ? { turn: JSON.parse(r.turn) as Turn } : {}),
});

export const thread = (r: ThreadRow): FollowUpThread => ({ threadId: r.thread_id, guildId: r.guild_id, storyId: r.story_id, answerId: r.answer_id, createdAt: r.created_at, lastAt: r.last_at });
export const threadTurn = (r: TurnRow): ThreadTurn => ({ question: r.question, kind: r.kind, answer: r.answer, passage: r.passage, askedAt: r.asked_at });

export const voteOf = (r: VoteRow): Vote => ({ answerId: r.answer_id, userId: r.user_id, vote: r.vote, reason: r.reason as FeedbackReason | null, note: r.note, at: r.at });

export interface QuestionRow {
  story_id: string;
  question: string;
  outcome: QuestionOutcome;
  guild_id: string | null;
  channel_id: string | null;
  user_id: string;
  asked_at: string;
}

export const logged = (r: QuestionRow): LoggedQuestion => ({
  storyId: r.story_id,
  question: r.question,
  outcome: r.outcome,
  guildId: r.guild_id,
  channelId: r.channel_id,
  userId: r.user_id,
  askedAt: r.asked_at,
});

export const binding = (r: BindingRow): Binding => ({ guildId: r.guild_id, channelId: r.channel_id, storyId: r.story_id, boundBy: r.bound_by, boundAt: r.bound_at });
