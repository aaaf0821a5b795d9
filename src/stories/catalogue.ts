/**
 * The stories a desk serves: STORIES_DIR holds one folder per story (the folder name is its id, an
 * optional story.yml gives a `title:`), or CORPUS_DIR is one story on its own. Each story's engine is
 * loaded lazily, on its first question, and kept: a newsroom keeps many stories but asks about a few on
 * a given day, and the saved index makes a first load quick. Concurrent first questions share one load.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseScalar } from '../corpus/frontMatter.js';
import { Engine, type EngineOptions } from '../engine.js';

/** A story id is its folder's name; one that needs no quoting in a slash-command option. */
const STORY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface Story {
  id: string;
  title: string;
  /** Absolute path of its folder. */
  dir: string;
}

/** The title in `story.yml` (`title: …`), or null when there is no such file or line. */
export function storyTitle(dir: string): string | null {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'story.yml'), 'utf8');
  } catch {
    return null;
  }
  const line = /^title\s*:\s*(.+)$/m.exec(text)?.[1];
  const title = line ? parseScalar(line.trim()).trim() : '';
  return title === '' ? null : title;
}

/** The story folders in `storiesDir`, by id; hidden folders and names unfit for an id are left out. */
export function discoverStories(storiesDir: string): Story[] {
  return readdirSync(storiesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && STORY_ID.test(e.name))
    .map((e) => {
      const dir = path.join(storiesDir, e.name);
      return { id: e.name, title: storyTitle(dir) ?? e.name, dir };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** CORPUS_DIR as the one story: its id is the folder's name. */
export function singleStory(corpusDir: string): Story {
  const dir = path.resolve(corpusDir);
  return { id: path.basename(dir), title: storyTitle(dir) ?? path.basename(dir), dir };
}

/** The stories and their engines, each loaded on first use. */
export class StoryCatalogue {
  readonly #stories: Map<string, Story>;
  readonly #engines = new Map<string, Promise<Engine>>();

  constructor(stories: readonly Story[], private readonly options: EngineOptions = {}) {
    this.#stories = new Map(stories.map((s) => [s.id, s]));
  }

  list(): Story[] {
    return [...this.#stories.values()];
  }

  get(id: string): Story | null {
    return this.#stories.get(id) ?? null;
  }

  /** The one story when there is only one (the default for an unbound channel), else null. */
  get onlyStory(): Story | null {
    return this.#stories.size === 1 ? (this.list()[0] ?? null) : null;
  }

  /** Ids starting with or containing `query` (autocomplete), prefix matches first. */
  matching(query: string, limit = 25): Story[] {
    const q = query.trim().toLowerCase();
    const scored = this.list()
      .map((s) => ({ s, at: `${s.id} ${s.title}`.toLowerCase().indexOf(q) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => Number(a.at !== 0) - Number(b.at !== 0) || a.s.id.localeCompare(b.s.id));
    return scored.slice(0, limit).map((x) => x.s);
  }

  /**
   * The story's engine, loading it on first use; a failed load is forgotten so the next question retries.
   * @throws CorpusError from the load
   */
  engine(id: string): Promise<Engine> | null {
    const story = this.get(id);
    if (!story) return null;
    let loading = this.#engines.get(id);
    if (!loading) {
      loading = Engine.load(story.dir, this.options);
      loading.catch(() => this.#engines.delete(id));
      this.#engines.set(id, loading);
    }
    return loading;
  }

  /** Time of the newest article file in the story's folder (its last update), or null when empty. */
  lastUpdate(id: string): Date | null {
    const story = this.get(id);
    if (!story) return null;
    let newest = 0;
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.name.startsWith('.')) continue;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(txt|md)$/i.test(e.name)) newest = Math.max(newest, statSync(full).mtimeMs);
      }
    };
    walk(story.dir);
    return newest > 0 ? new Date(newest) : null;
  }
}
