/**
 * The newsroom desk: which story a question is answered from. A channel is bound to a story by an
 * editor; a thread answers from its channel's story; a `story:` option asks another story once; a server
 * with one story needs no binding. Nothing here knows about Discord: the front end says where a question
 * was asked (a {@link Place}) and who asked it.
 */
import type { Binding, DeskStore } from '../store/types.js';
import type { AddOutcome, AddRequest } from './intake.js';
import { QuestionLog } from '../questions/log.js';
import { FollowUps } from './followUps.js';

/** Takes new articles into stories (`/add`); a desk over fixed engines has none. */
export interface Intake {
  /** Larger files are refused (MAX_ARTICLE_BYTES). */
  readonly maxBytes: number;
  add(request: AddRequest): Promise<AddOutcome>;
}

/** A story as the desk lists it. */
export interface StoryInfo {
  id: string;
  title: string;
}

/** Where the stories and their engines come from: the story catalogue, or one fixed engine. */
export interface StorySource<E> {
  list(): StoryInfo[];
  get(id: string): StoryInfo | null;
  /** The one story when there is only one, else null. */
  readonly onlyStory: StoryInfo | null;
  matching(query: string, limit?: number): StoryInfo[];
  /** The story's current engine (loaded on first use), or null for an unknown id. */
  engine(id: string): Promise<E> | null;
  lastUpdate(id: string): Date | null;
  /** Articles in the story: from the loaded engine, else the files on disk; null when unknown. */
  articleCount?(id: string): number | null;
  /** Analyses the story folder again (after an add) and swaps the new engine in. */
  reload?(id: string): Promise<unknown> | null;
}

/** Where a question was asked. A thread's `parentId` is its channel; a DM has no guild. */
export interface Place {
  guildId: string | null;
  channelId: string | null;
  parentId: string | null;
}

/** How the story of a question was chosen. */
export type StoryVia = 'option' | 'channel' | 'parent channel' | 'only story';

export type Resolution<E> =
  | { ok: true; story: StoryInfo; engine: Promise<E>; via: StoryVia }
  | { ok: false; reason: 'unbound' | 'unknown-story' | 'no-stories'; message: string };

export interface StoryListing extends StoryInfo {
  articles: number | null;
  lastUpdate: Date | null;
}

/** Most stories named in a message before "and N more". */
const NAMED_STORIES = 10;

function storyNames(stories: readonly StoryInfo[]): string {
  const named = stories.slice(0, NAMED_STORIES).map((s) => (s.title === s.id ? s.id : `${s.id} (${s.title})`));
  const more = stories.length - named.length;
  return named.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

export class Desk<E> {
  constructor(
    readonly stories: StorySource<E>,
    readonly store: DeskStore,
    readonly intake: Intake | null = null,
    /** The log of questions and their outcomes, in the same store (on, for 30 days, unless configured). */
    readonly questions: QuestionLog = new QuestionLog(store),
    /** Follow-up threads opened on answers and their earlier turns, in the same store. */
    readonly followUps: FollowUps = new FollowUps(store),
  ) {}

  /** The channel's own binding, or its parent channel's for a thread. */
  bindingAt(place: Place): { binding: Binding; via: 'channel' | 'parent channel' } | null {
    if (place.guildId === null) return null;
    const own = place.channelId ? this.store.bindingOf(place.guildId, place.channelId) : null;
    if (own) return { binding: own, via: 'channel' };
    const parent = place.parentId ? this.store.bindingOf(place.guildId, place.parentId) : null;
    return parent ? { binding: parent, via: 'parent channel' } : null;
  }

  /**
   * The story a question asked at `place` answers from: the `story:` option when given, else the
   * channel's (or its parent's) binding, else the only story. A binding to a story whose folder is gone
   * counts as no binding, so the channel is told to bind again rather than answered from nothing.
   */
  resolve(place: Place, option: string | null = null): Resolution<E> {
    const all = this.stories.list();
    if (all.length === 0) return { ok: false, reason: 'no-stories', message: 'There are no stories on this desk yet: add a story folder to STORIES_DIR.' };
    const chosen = option?.trim();
    if (chosen) {
      const story = this.stories.get(chosen);
      const engine = story ? this.stories.engine(story.id) : null;
      if (!story || !engine) return { ok: false, reason: 'unknown-story', message: `There is no story "${chosen}". Stories: ${storyNames(all)}.` };
      return { ok: true, story, engine, via: 'option' };
    }
    const bound = this.bindingAt(place);
    if (bound) {
      const story = this.stories.get(bound.binding.storyId);
      const engine = story ? this.stories.engine(story.id) : null;
      if (story && engine) return { ok: true, story, engine, via: bound.via };
    }
    const only = this.stories.onlyStory;
    const engine = only ? this.stories.engine(only.id) : null;
    if (only && engine) return { ok: true, story: only, engine, via: 'only story' };
    const why = bound ? `This channel was bound to "${bound.binding.storyId}", which is no longer on the desk.` : 'This channel is not bound to a story yet.';
    return {
      ok: false,
      reason: 'unbound',
      message: `${why} An editor can bind it with /story use story:<id>; anyone can ask another story once with the story: option. Stories: ${storyNames(all)}.`,
    };
  }

  /**
   * Binds a channel (and the threads in it) to a story; durable once it returns with the SQLite store.
   * Refuses a DM and an unknown story, with the message to show.
   */
  bind(place: Place, storyId: string, by: string, now: Date): { ok: true; binding: Binding; previous: Binding | null } | { ok: false; message: string } {
    if (place.guildId === null || place.channelId === null) return { ok: false, message: 'Stories are bound to server channels; in a direct message, use the story: option.' };
    const story = this.stories.get(storyId.trim());
    if (!story) return { ok: false, message: `There is no story "${storyId.trim()}". Stories: ${storyNames(this.stories.list())}.` };
    const previous = this.store.bindingOf(place.guildId, place.channelId);
    const binding: Binding = { guildId: place.guildId, channelId: place.channelId, storyId: story.id, boundBy: by, boundAt: now.toISOString() };
    this.store.bind(binding);
    return { ok: true, binding, previous };
  }

  /** Every story with its article count and last update, by id. */
  listing(): StoryListing[] {
    return this.stories.list().map((s) => this.#listed(s));
  }

  /** One story's listing (its folder alone is read), or null for an unknown id. */
  listingOf(id: string): StoryListing | null {
    const story = this.stories.get(id);
    return story ? this.#listed(story) : null;
  }

  #listed(s: StoryInfo): StoryListing {
    return { id: s.id, title: s.title, articles: this.stories.articleCount?.(s.id) ?? null, lastUpdate: this.stories.lastUpdate(s.id) };
  }
}
