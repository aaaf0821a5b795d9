/**
 * Per-user sliding-window rate limit for commands. A newsroom channel shares one bot; one person
 * hammering it should get a polite "slow down", not starve everyone else.
 */

export interface RateLimitOptions {
  /** Commands allowed per window. */
  max: number;
  windowMs: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

/** Defaults: a few questions per 10 seconds. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 4, windowMs: 10_000 };

export class RateLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  /** Timestamps of recent accepted commands per user, oldest first. */
  readonly #hits = new Map<string, number[]>();
  #lastSweep = 0;

  constructor(options: RateLimitOptions = DEFAULT_RATE_LIMIT) {
    if (!(options.max >= 1) || !(options.windowMs > 0)) throw new RangeError('rate limit needs max >= 1 and windowMs > 0');
    this.#max = options.max;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  /** Records a command by `userId` if allowed; a refused command does not count against the user. */
  take(userId: string): RateDecision {
    const now = this.#now();
    this.#sweep(now);
    const since = now - this.#windowMs;
    const recent = (this.#hits.get(userId) ?? []).filter((t) => t > since);
    if (recent.length >= this.#max) {
      this.#hits.set(userId, recent);
      return { ok: false, retryAfterMs: Math.max(1, (recent[0] ?? now) + this.#windowMs - now) };
    }
    recent.push(now);
    this.#hits.set(userId, recent);
    return { ok: true };
  }

  /** Number of users currently tracked (memory stays bounded by active users). */
  get size(): number {
    return this.#hits.size;
  }

  /* Forget users idle for a whole window, at most once per window, so the map does not grow forever. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < this.#windowMs) return;
    this.#lastSweep = now;
    for (const [user, times] of this.#hits) {
      const last = times[times.length - 1];
      if (last === undefined || last <= now - this.#windowMs) this.#hits.delete(user);
    }
  }
}
