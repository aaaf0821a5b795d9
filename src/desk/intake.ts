/**
 * `/add`: an article file into a story's folder, the story analysed again (only the new file; the rest
 * comes from the saved index) and swapped in, and what the article adds compared with the coverage
 * already there. A refused file leaves the folder and the loaded story untouched.
 */
import { ingestReport, ingestUpload, renderIngestReport, type IngestReport } from '../ingest/index.js';
import type { Engine } from '../engine.js';
import type { StoryCatalogue } from '../stories/catalogue.js';
import type { DeskStore } from '../store/types.js';

export interface AddRequest {
  storyId: string;
  name: string;
  contentType: string | null;
  bytes: Uint8Array;
  addedBy: string;
  now: Date;
}

export type AddOutcome =
  | { ok: true; file: string; report: IngestReport | null; text: string; stripped: string }
  | { ok: false; message: string };

/** Adds articles to the stories of one catalogue, logging each add in the store. */
export class ArticleIntake {
  constructor(
    private readonly stories: StoryCatalogue,
    private readonly store: DeskStore,
    readonly maxBytes: number,
  ) {}

  async add(request: AddRequest): Promise<AddOutcome> {
    const story = this.stories.get(request.storyId);
    const loading = this.stories.engine(request.storyId);
    if (!story || !loading) return { ok: false, message: `There is no story "${request.storyId}".` };
    const before: Engine | null = await loading.catch(() => null);
    const added = await ingestUpload({ name: request.name, contentType: request.contentType, bytes: request.bytes }, { dir: story.dir, maxBytes: this.maxBytes });
    if (!added.ok) return { ok: false, message: added.message };

    const reloaded = await this.stories.reload(story.id);
    if (!reloaded?.ok) {
      const why = reloaded ? reloaded.reason : 'the story is gone';
      return { ok: false, message: `${added.file} was saved in ${story.id}, but the story could not be analysed again (${why}); questions are answered from the coverage as it was.` };
    }
    const after = await this.stories.engine(story.id);
    const problem = after?.problems.find((p) => p.file === added.file || p.file.endsWith(`/${added.file}`));
    const report = after ? ingestReport(before, after, added.file) : null;
    const stripped = added.stripped.removed.length > 0 ? added.stripped.summary : '';
    this.store.logAdd({
      storyId: story.id,
      file: added.file,
      addedBy: request.addedBy,
      addedAt: request.now.toISOString(),
      report: {
        title: added.article.title,
        outlet: added.article.outlet,
        published: added.article.published,
        sentences: added.article.sentences,
        facts: report?.facts ?? null,
        newFigures: report?.newFigures.map((f) => f.raw) ?? [],
        newConflicts: report?.newConflicts.map((c) => c.about) ?? [],
        stripped,
      },
    });
    if (problem) return { ok: false, message: `${added.file} was saved, but the loader skipped it: ${problem.message}` };
    const text = report ? renderIngestReport(report) : `Added ${added.file}.`;
    return { ok: true, file: added.file, report, text, stripped };
  }
}
