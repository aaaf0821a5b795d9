/** The store kept in memory: for a run whose database could not be opened (and said so at start). */
import type { AddedArticle, Binding, DeskStore } from './types.js';

const key = (guildId: string, channelId: string): string => `${guildId}/${channelId}`;

export class MemoryStore implements DeskStore {
  readonly kind = 'memory' as const;
  readonly #bindings = new Map<string, Binding>();
  readonly #adds: AddedArticle[] = [];

  bindingOf(guildId: string, channelId: string): Binding | null {
    return this.#bindings.get(key(guildId, channelId)) ?? null;
  }

  bind(binding: Binding): void {
    this.#bindings.set(key(binding.guildId, binding.channelId), { ...binding });
  }

  bindings(): Binding[] {
    return [...this.#bindings.values()];
  }

  logAdd(entry: AddedArticle): void {
    this.#adds.push(entry);
  }

  adds(storyId: string): AddedArticle[] {
    return this.#adds.filter((a) => a.storyId === storyId).reverse();
  }

  close(): void {}
}
