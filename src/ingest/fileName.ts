/**
 * A file name inside a story folder from the name an upload came with. Only a single path segment made of
 * letters, digits and dashes can come out, so no upload name (`../../etc/passwd`, `C:\x`, `／etc`, a name
 * of dots, control or bidirectional characters) can leave the folder, hide the file from the loader or
 * take a name the loader skips.
 */

export type ArticleExt = '.txt' | '.md';

/** Longest slug kept, in characters (the suffix and extension come on top). */
const MAX_SLUG = 80;

/** Names Windows reserves for devices, whatever the extension. */
const DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** Names the loader takes for the folder's own documentation and skips (see corpus/load.ts). */
const DOCUMENTATION = /^(?:readme|license|licence|changelog|contributing)$/i;

/**
 * The slug of an upload's name: its last path segment (after `/` or `\`, also in their full-width forms),
 * without its extension, in lower case, every run of characters other than letters and digits made one
 * dash; `article` when nothing is left; `article-<slug>` for a name the system or the loader reserves.
 */
export function slugOf(uploadName: string): string {
  // NFKC first: full-width and other compatibility forms of "/", "\" and "." become the plain ones
  const normal = uploadName.normalize('NFKC');
  const base = normal.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  let slug = stem
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG) slug = slug.slice(0, MAX_SLUG).replace(/-+$/, '');
  if (!slug) return 'article';
  if (DEVICE.test(slug) || DOCUMENTATION.test(slug)) return `article-${slug}`;
  return slug;
}

/** The file name for an upload: its slug and `ext` ("Report (final).HTML", ".md" → "report-final.md"). */
export function articleFileName(uploadName: string, ext: ArticleExt): string {
  return `${slugOf(uploadName)}${ext}`;
}

/** The n-th candidate for a name: the name itself for 1, then "name-2.md", "name-3.md"... */
export function numberedName(name: string, n: number): string {
  if (n <= 1) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-${n}${name.slice(dot)}` : `${name}-${n}`;
}

/**
 * The first of `name`, `name-2`, `name-3`... that `taken` says is free (compared without case: a folder on
 * a case-insensitive disk holds one of "A.md" and "a.md").
 */
export function freeName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = numberedName(name, n);
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
