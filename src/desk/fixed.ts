/** One story over an engine already in hand: the tests' fake engines, and embedding the bot elsewhere. */
import type { StoryInfo, StorySource } from './desk.js';

export function fixedStory<E>(engine: E, story: StoryInfo, articles: number | null = null): StorySource<E> {
  const loaded = Promise.resolve(engine);
  const own = (id: string): boolean => id === story.id;
  return {
    list: () => [story],
    get: (id) => (own(id) ? story : null),
    onlyStory: story,
    matching: (query) => (`${story.id} ${story.title}`.toLowerCase().includes(query.trim().toLowerCase()) ? [story] : []),
    engine: (id) => (own(id) ? loaded : null),
    lastUpdate: () => null,
    articleCount: (id) => (own(id) ? articles : null),
  };
}
