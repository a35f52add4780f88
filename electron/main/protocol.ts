/**
 * Serves the renderer bundle on `kiot://app/…` from the app's own files only. Kept free of
 * Electron imports: the handler is a plain fetch-style `(Request) => Response` so it can be
 * tested in Node.
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import { parseAppUrl } from './app-url';
import { contentTypeFor, resolveStaticPath } from '../core/platform/static-files';

/** Same policy as the renderer's meta tag; sent as a header so it also covers non-HTML loads. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export { contentTypeFor };

/**
 * Maps an app URL to a file under `rootDir`, or null when the URL is not on the app origin or
 * would leave `rootDir` by any route: `..` segments (also percent-encoded, and after
 * decoding `%2f`/`%5c`), NUL bytes, drive letters or alternate data streams (`:`).
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  const url = parseAppUrl(requestUrl);
  return url ? resolveStaticPath(rootDir, url.pathname) : null;
}

export type AppProtocolHandlerOptions = {
  rootDir: string;
  readFile?: (filePath: string) => Promise<Uint8Array>;
};

const baseHeaders = (): Record<string, string> => ({
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
});

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function createAppProtocolHandler(options: AppProtocolHandlerOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((filePath: string) => fsReadFile(filePath));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { ...baseHeaders(), Allow: 'GET, HEAD' } });
    }
    const filePath = resolveAppPath(options.rootDir, request.url);
    if (!filePath) return notFound();
    let body: Uint8Array;
    try {
      body = await readFile(filePath);
    } catch {
      // Missing files, directories and unreadable files all look the same from outside.
      return notFound();
    }
    const headers = { ...baseHeaders(), 'Content-Type': contentTypeFor(filePath) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
