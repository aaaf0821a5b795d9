/**
 * Paging with buttons: long results are kept in memory for as long as Discord lets the bot edit the
 * reply, and the ◀ ▶ buttons carry the key and the page to show. Kept pages are bounded in number and
 * age, so a busy server cannot grow the bot's memory without limit.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '../render/embed.js';

/** Discord lets an interaction's reply be edited for 15 minutes; pages live a little less. */
export const PAGE_TTL_MS = 14 * 60_000;

export interface KeptPages {
  pages: Page[];
  /** Only the person who ran the command turns its pages. */
  ownerId: string;
  /** The kept answer the pages show, whose 👍 / 👎 row stays under every page; null for other results. */
  answerId: string | null;
  /** The answer's row has the Follow up button. */
  followUp: boolean;
}

export interface PageStoreOptions {
  ttlMs?: number;
  /** Results kept at once; the oldest go first. */
  max?: number;
  now?: () => number;
}

export class PageStore {
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;
  /** Insertion-ordered, so the first entry is the oldest. */
  readonly #kept = new Map<string, KeptPages & { expires: number }>();

  constructor(options: PageStoreOptions = {}) {
    this.#ttlMs = options.ttlMs ?? PAGE_TTL_MS;
    this.#max = options.max ?? 500;
    this.#now = options.now ?? Date.now;
  }

  /** Keeps `pages` and returns their key. */
  put(pages: Page[], ownerId: string, answerId: string | null = null, followUp = false): string {
    const now = this.#now();
    for (const [key, entry] of this.#kept) {
      if (entry.expires > now && this.#kept.size < this.#max) break;
      this.#kept.delete(key);
    }
    const key = randomBytes(6).toString('base64url');
    this.#kept.set(key, { pages, ownerId, answerId, followUp, expires: now + this.#ttlMs });
    return key;
  }

  get(key: string): KeptPages | null {
    const entry = this.#kept.get(key);
    if (!entry) return null;
    if (entry.expires <= this.#now()) {
      this.#kept.delete(key);
      return null;
    }
    return entry;
  }

  get size(): number {
    return this.#kept.size;
  }
}

const PREFIX = 'pg';

/** A message component row, as Discord's API takes it. */
export interface ButtonRow {
  type: 1;
  components: { type: 2; style: 2; custom_id: string; label: string; disabled: boolean }[];
}

/** ◀ Previous · i / n · Next ▶ for page `index` (0-based) of `total`. */
export function pageButtons(key: string, index: number, total: number): ButtonRow {
  return {
    type: 1,
    components: [
      { type: 2, style: 2, custom_id: `${PREFIX}:${key}:${index - 1}:prev`, label: '◀ Previous', disabled: index <= 0 },
      { type: 2, style: 2, custom_id: `${PREFIX}:${key}:${index}:at`, label: `${index + 1} / ${total}`, disabled: true },
      { type: 2, style: 2, custom_id: `${PREFIX}:${key}:${index + 1}:next`, label: 'Next ▶', disabled: index >= total - 1 },
    ],
  };
}

/** The key and page a paging button asks for, or null for a button that is not a pager's. */
export function parsePageButton(customId: string): { key: string; index: number } | null {
  const match = /^pg:([A-Za-z0-9_-]+):(-?\d+):(prev|at|next)$/.exec(customId);
  if (!match?.[1] || match[2] === undefined) return null;
  return { key: match[1], index: Number(match[2]) };
}
