/**
 * Finds a Chromium (or Chrome) for the end-to-end tests, in the places a developer or a CI
 * image usually has one. Playwright is never asked to download a browser: many machines
 * that run the tests cannot reach its CDN.
 *
 * The machine is reached only through `ChromiumProbe`, so the search order is unit-tested
 * without touching the real filesystem or PATH.
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export type ChromiumProbe = {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** True for an existing regular file (after symlinks) that may be executed. */
  isExecutable(file: string): boolean;
  /** Entry names of a directory; empty when it does not exist. */
  listDir(dir: string): string[];
};

export type ChromiumSearch =
  | { found: true; path: string; source: string }
  | { found: false; message: string };

const GET_ONE =
  'Get one: on Debian/Ubuntu `sudo apt-get install chromium`; or `npx playwright install chromium` where downloads are allowed; or set KIOT_CHROMIUM=/path/to/chromium.';

/** Playwright's browser cache folder (same rules as Playwright: PLAYWRIGHT_BROWSERS_PATH, else the per-user cache). */
function playwrightCacheDir(probe: ChromiumProbe): string | null {
  const p = probe.platform === 'win32' ? path.win32 : path.posix;
  const configured = probe.env['PLAYWRIGHT_BROWSERS_PATH'];
  // "0" means "inside node_modules/playwright-core/.local-browsers"; rare enough to leave to KIOT_CHROMIUM.
  if (configured && configured !== '0') return configured;
  switch (probe.platform) {
    case 'darwin':
      return p.join(probe.homeDir, 'Library', 'Caches', 'ms-playwright');
    case 'win32': {
      const local = probe.env['LOCALAPPDATA'];
      return local ? p.join(local, 'ms-playwright') : null;
    }
    default:
      return p.join(probe.env['XDG_CACHE_HOME'] || p.join(probe.homeDir, '.cache'), 'ms-playwright');
  }
}

/** Executables inside one `chromium-<revision>` folder, for the layouts Playwright has used. */
function playwrightLayouts(platform: NodeJS.Platform): string[][] {
  switch (platform) {
    case 'darwin':
      return [
        ['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
        ['chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
        ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'],
      ];
    case 'win32':
      return [
        ['chrome-win64', 'chrome.exe'],
        ['chrome-win', 'chrome.exe'],
      ];
    default:
      return [
        ['chrome-linux64', 'chrome'],
        ['chrome-linux', 'chrome'],
      ];
  }
}

function fromPlaywrightCache(probe: ChromiumProbe): string[] {
  const dir = playwrightCacheDir(probe);
  if (dir === null) return [];
  const p = probe.platform === 'win32' ? path.win32 : path.posix;
  const revision = (name: string): number => Number(/^chromium-(\d+)$/.exec(name)?.[1] ?? -1);
  // Newest revision first: it is the one the installed Playwright most likely expects.
  const folders = probe
    .listDir(dir)
    .filter((name) => revision(name) >= 0)
    .sort((a, b) => revision(b) - revision(a));
  return folders.flatMap((folder) => playwrightLayouts(probe.platform).map((parts) => p.join(dir, folder, ...parts)));
}

function onPath(probe: ChromiumProbe, names: string[]): string[] {
  const p = probe.platform === 'win32' ? path.win32 : path.posix;
  const dirs = (probe.env['PATH'] ?? probe.env['Path'] ?? '').split(p.delimiter).filter((d) => d !== '');
  const suffix = probe.platform === 'win32' ? '.exe' : '';
  return names.flatMap((name) => dirs.map((dir) => p.join(dir, `${name}${suffix}`)));
}

function installedBrowsers(probe: ChromiumProbe): string[] {
  switch (probe.platform) {
    case 'darwin':
      return [
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        path.posix.join(probe.homeDir, 'Applications', 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome'),
      ];
    case 'win32':
      return [probe.env['PROGRAMFILES'], probe.env['PROGRAMFILES(X86)'], probe.env['LOCALAPPDATA']]
        .filter((base): base is string => base !== undefined && base !== '')
        .map((base) => path.win32.join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'));
    default:
      return [];
  }
}

/** Where to look, in order, each with the name shown when it is the one used. */
function candidates(probe: ChromiumProbe): Array<{ path: string; source: string }> {
  const unix = probe.platform !== 'win32';
  return [
    ...fromPlaywrightCache(probe).map((p) => ({ path: p, source: "Playwright's browser cache" })),
    ...(unix ? [{ path: '/usr/bin/chromium', source: '/usr/bin/chromium' }] : []),
    ...onPath(probe, ['chromium', 'chromium-browser']).map((p) => ({ path: p, source: 'PATH' })),
    ...onPath(probe, ['google-chrome', 'google-chrome-stable', 'chrome']).map((p) => ({ path: p, source: 'PATH (Google Chrome)' })),
    ...installedBrowsers(probe).map((p) => ({ path: p, source: 'installed browser' })),
  ];
}

export function findChromium(probe: ChromiumProbe): ChromiumSearch {
  const explicit = probe.env['KIOT_CHROMIUM'];
  if (explicit !== undefined && explicit !== '') {
    // A path someone set on purpose is never silently replaced by another browser.
    if (probe.isExecutable(explicit)) return { found: true, path: explicit, source: 'KIOT_CHROMIUM' };
    return { found: false, message: `KIOT_CHROMIUM=${explicit} is not an executable file. Point it at a Chromium or Chrome binary, or unset it to search the usual places. ${GET_ONE}` };
  }
  for (const candidate of candidates(probe)) {
    if (probe.isExecutable(candidate.path)) return { found: true, ...candidate };
  }
  const cache = playwrightCacheDir(probe);
  const places = [
    'KIOT_CHROMIUM',
    ...(cache === null ? [] : [`Playwright's cache (${cache})`]),
    ...(probe.platform === 'win32' ? [] : ['/usr/bin/chromium']),
    'chromium, chromium-browser, google-chrome, google-chrome-stable on PATH',
    ...(probe.platform === 'darwin' ? ['/Applications'] : []),
    ...(probe.platform === 'win32' ? ['Program Files'] : []),
  ];
  return { found: false, message: `No Chromium for the end-to-end tests (looked at ${places.join('; ')}). ${GET_ONE}` };
}

/** The probe for this machine. */
export function machineProbe(): ChromiumProbe {
  return {
    platform: process.platform,
    env: process.env,
    homeDir: homedir(),
    isExecutable(file) {
      try {
        accessSync(file, constants.X_OK);
        return statSync(file).isFile();
      } catch {
        return false;
      }
    },
    listDir(dir) {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
  };
}
