/**
 * Fetching an uploaded file (a Discord attachment's URL) with a size cap and a time limit. The cap is
 * checked twice: against Content-Length before reading, and while reading, so a server that sends more
 * than it announced (or announces nothing) is cut off once the cap is passed.
 */
import { formatBytes } from '../corpus/load.js';

export interface DownloadOptions {
  /** Refuse files larger than this many bytes. */
  maxBytes: number;
  /** Give up when the whole download (headers and body) takes longer than this. */
  timeoutMs: number;
  /** The fetch to use (default: Node's global fetch); for tests and proxies. */
  fetchImpl?: typeof fetch;
}

export type DownloadResult =
  | { ok: true; bytes: Uint8Array; contentType: string | null }
  | { ok: false; code: 'bad-url' | 'too-large' | 'http' | 'timeout' | 'network'; message: string };

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * Downloads `url` (http or https only) into memory, at most `maxBytes`, within `timeoutMs`; never throws.
 */
export async function downloadAttachment(url: string, options: DownloadOptions): Promise<DownloadResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, code: 'bad-url', message: 'The attachment address is not a valid URL.' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, code: 'bad-url', message: `Only http and https addresses can be downloaded, not ${parsed.protocol.replace(/:$/, '')}.` };
  }
  const fetchImpl = options.fetchImpl ?? fetch;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const tooLarge = (size: string): DownloadResult => ({
    ok: false,
    code: 'too-large',
    message: `The file is ${size}, over the ${formatBytes(options.maxBytes)} limit for one article: upload one article per file.`,
  });
  try {
    const response = await fetchImpl(parsed.href, { signal: controller.signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const hint = response.status === 404 || response.status === 403 || response.status === 410 ? ' (the link may have expired: upload the file again)' : '';
      return { ok: false, code: 'http', message: `The download failed: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${hint}.` };
    }
    const announced = Number(response.headers.get('content-length'));
    if (Number.isFinite(announced) && announced > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return tooLarge(formatBytes(announced));
    }
    const contentType = response.headers.get('content-type');
    if (!response.body) return { ok: true, bytes: new Uint8Array(0), contentType };
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge(`more than ${formatBytes(options.maxBytes)}`);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return { ok: true, bytes, contentType };
  } catch (err) {
    if (timedOut) return { ok: false, code: 'timeout', message: `The download took longer than ${seconds(options.timeoutMs)} and was stopped: try again, or upload a smaller file.` };
    // undici puts the reason (ECONNREFUSED, ENOTFOUND, "bad port"...) in the cause of a bare "fetch failed"
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { ok: false, code: 'network', message: `The file could not be downloaded (${why}): try again in a moment.` };
  } finally {
    clearTimeout(timer);
  }
}
