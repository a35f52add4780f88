/**
 * The app's own origin. The renderer is served from a privileged custom scheme rather than
 * file:// so that it gets a real origin (CSP 'self', storage partitioning) and so that
 * every other origin — including the local filesystem — is foreign to it.
 */
import type { CustomScheme } from 'electron';

export const APP_SCHEME = 'kiot';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Must be registered before `app` is ready. `codeCache` lets V8 keep the compiled renderer
 * scripts on disk between starts (Chromium does so only for http(s) unless a custom scheme
 * asks): after a restart or a crash reload, the kiosk's attract screen does not wait for its
 * script to be compiled again. The cache holds the app's own code, nothing of a resident.
 * No `bypassCSP`, `corsEnabled` or `allowServiceWorkers`: the page's own policy applies.
 */
export const appSchemePrivileges: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
];

/** Parses `url` and returns it only if it is exactly on the app origin (no credentials, no port). */
export function parseAppUrl(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return null;
  if (parsed.hostname.toLowerCase() !== APP_HOST || parsed.port !== '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed;
}

export function isAppUrl(url: string): boolean {
  return parseAppUrl(url) !== null;
}
