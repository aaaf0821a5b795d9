/**
 * Adding an article to a story's coverage (`/add` in Discord and in the console): an uploaded file is
 * checked and turned into an article file ({@link extractArticle}), given a safe name in the story folder
 * ({@link articleFileName}) and written there atomically without replacing anything ({@link writeArticleFile}).
 * Reloading the story and reporting what the article adds ({@link ingestReport}) is left to the caller,
 * which owns the engines. Nothing here knows about Discord.
 *
 * @example
 * const got = await downloadAttachment(attachment.url, { maxBytes, timeoutMs: 15_000 });
 * if (!got.ok) return reply(got.message);
 * const added = await ingestUpload({ name: attachment.name, contentType: got.contentType ?? attachment.contentType, bytes: got.bytes }, { dir, maxBytes });
 * if (!added.ok) return reply(added.message);
 * const after = await Engine.load(dir);
 * reply(renderIngestReport(ingestReport(before, after, added.file)!));
 */
import { extractArticle, type RefusalCode, type StrippedSummary, type Upload, type UploadKind } from './extract.js';
import { articleFileName } from './fileName.js';
import { writeArticleFile } from './write.js';

export { extractArticle, extensionOf } from './extract.js';
export type { ExtractedArticle, ExtractLimits, ExtractResult, Refusal, RefusalCode, StrippedSummary, Upload, UploadKind } from './extract.js';
export { articleFileName, freeName, numberedName, slugOf, type ArticleExt } from './fileName.js';
export { writeArticleFile, TEMP_PREFIX, type WriteResult } from './write.js';
export { downloadAttachment, type DownloadOptions, type DownloadResult } from './download.js';
export { ingestReport, renderIngestReport, type IngestReport, type NewFigure } from './report.js';

export interface IngestOptions {
  /** The story folder the article goes into (written directly in it, not in a sub-folder). */
  dir: string;
  /** Uploads larger than this many bytes are refused (MAX_ARTICLE_BYTES). */
  maxBytes: number;
  /** Fewer full sentences than this and the upload is not taken as an article (default 3). */
  minSentences?: number;
}

/** What the loader will read from the new file. */
export interface IngestedArticle {
  kind: UploadKind;
  title: string | null;
  outlet: string | null;
  author: string | null;
  url: string | null;
  /** `yyyy-MM-dd`, or null when neither the page nor the text says. */
  published: string | null;
  paragraphs: number;
  sentences: number;
}

export type IngestResult =
  | {
      ok: true;
      /** Absolute path of the new file. */
      path: string;
      /** Its name in the story folder (what {@link ingestReport} takes as `file`). */
      file: string;
      article: IngestedArticle;
      /** What was left out of a web page (nothing for .txt and .md). */
      stripped: StrippedSummary;
    }
  | { ok: false; code: RefusalCode | 'write'; message: string };

/**
 * Checks an upload, makes it an article file and writes it into `options.dir` under a safe, unused name.
 * Never throws: a refused upload or a folder that cannot be written gives `{ ok: false, message }`, and
 * nothing is left in the folder.
 */
export async function ingestUpload(upload: Upload, options: IngestOptions): Promise<IngestResult> {
  const extracted = extractArticle(upload, { maxBytes: options.maxBytes, minSentences: options.minSentences });
  if (!extracted.ok) return extracted;
  const a = extracted.article;
  const written = await writeArticleFile(options.dir, articleFileName(upload.name, a.ext), a.bytes);
  if (!written.ok) return { ok: false, code: 'write', message: written.message };
  return {
    ok: true,
    path: written.path,
    file: written.name,
    article: {
      kind: a.kind,
      title: a.meta.title ?? null,
      outlet: a.meta.outlet ?? null,
      author: a.meta.author ?? null,
      url: a.meta.url ?? null,
      published: a.meta.published ?? null,
      paragraphs: a.paragraphs,
      sentences: a.sentences,
    },
    stripped: a.stripped,
  };
}
