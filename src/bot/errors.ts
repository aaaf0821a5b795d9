/**
 * Failures, told apart: a bug in a command (the user gets an apology with an id to report; the log gets
 * the same id and the stack) versus Discord refusing a call (rate limited, unavailable, the interaction
 * expired) — logged, and the bot carries on.
 */
import { randomBytes } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/** A short id to quote in the apology and find in the log, e.g. `e7k2qf`. */
export function newErrorId(): string {
  return randomBytes(4).toString('base64url').replace(/[-_]/g, 'x').slice(0, 6).toLowerCase();
}

/** Discord API error codes the bot meets in the ordinary course of things. */
export const DiscordCodes = {
  /** The interaction's 3-second or 15-minute window has passed. */
  UnknownInteraction: 10062,
  /** Another response already went out. */
  AlreadyAcknowledged: 40060,
  UnknownWebhook: 10015,
} as const;

/** What a failed Discord call was, for the log. */
export interface DiscordFailure {
  kind: 'api' | 'http' | 'rate-limit';
  status: number | null;
  code: number | string | null;
  message: string;
}

/** Describes `error` when it is Discord refusing or failing a call; null for anything else. */
export function discordFailure(error: unknown): DiscordFailure | null {
  if (error instanceof DiscordAPIError) {
    return { kind: 'api', status: error.status, code: error.code, message: error.message };
  }
  if (error instanceof HTTPError) return { kind: 'http', status: error.status, code: null, message: error.message };
  if (error instanceof RateLimitError) {
    return { kind: 'rate-limit', status: 429, code: null, message: `rate limited on ${error.route} for ${error.timeToReset} ms` };
  }
  return null;
}

/** True when the interaction can no longer be answered at all, so trying to apologise is pointless. */
export function interactionGone(failure: DiscordFailure | null): boolean {
  return failure?.kind === 'api' && (failure.code === DiscordCodes.UnknownInteraction || failure.code === DiscordCodes.UnknownWebhook);
}

/** The private message a person gets when their command failed. */
export function apology(errorId: string): string {
  return `Sorry — something went wrong while answering that. If it keeps happening, give this error id to whoever runs the bot: \`${errorId}\`.`;
}

/** The private message for someone over the rate limit. */
export function slowDown(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're asking faster than I can look things up — please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`;
}
