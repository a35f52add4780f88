import { describe, expect, it } from 'vitest';
import { findChromium } from '../../../dev/find-chromium';
import type { ChromiumProbe } from '../../../dev/find-chromium';

/** A machine made of a list of executable files; directories are derived from their paths. */
function machine(opts: { platform?: NodeJS.Platform; env?: Record<string, string>; executables?: string[]; home?: string }): ChromiumProbe {
  const platform = opts.platform ?? 'linux';
  const sep = platform === 'win32' ? '\\' : '/';
  const executables = new Set(opts.executables ?? []);
  return {
    platform,
    env: opts.env ?? {},
    homeDir: opts.home ?? (platform === 'win32' ? 'C:\\Users\\dev' : '/home/dev'),
    isExecutable: (file) => executables.has(file),
    listDir(dir) {
      const prefix = dir.endsWith(sep) ? dir : `${dir}${sep}`;
      const names = [...executables].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split(sep)[0] ?? '');
      return [...new Set(names)];
    },
  };
}

const linuxPath = { PATH: '/usr/local/bin:/usr/bin:/snap/bin' };

describe('finding Chromium for the end-to-end tests', () => {
  it('uses KIOT_CHROMIUM first, even when other browsers exist', () => {
    const probe = machine({ env: { ...linuxPath, KIOT_CHROMIUM: '/opt/chromium/chrome' }, executables: ['/opt/chromium/chrome', '/usr/bin/chromium'] });
    expect(findChromium(probe)).toEqual({ found: true, path: '/opt/chromium/chrome', source: 'KIOT_CHROMIUM' });
  });

  it('refuses a KIOT_CHROMIUM that is not there rather than silently using another browser', () => {
    const probe = machine({ env: { ...linuxPath, KIOT_CHROMIUM: '/nowhere/chrome' }, executables: ['/usr/bin/chromium'] });
    const result = findChromium(probe);
    expect(result.found).toBe(false);
    if (!result.found) expect(result.message).toContain('KIOT_CHROMIUM=/nowhere/chrome is not an executable file');
  });

  it("prefers Playwright's own browser cache, newest revision first", () => {
    const probe = machine({
      env: linuxPath,
      executables: ['/home/dev/.cache/ms-playwright/chromium-1169/chrome-linux/chrome', '/home/dev/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome', '/usr/bin/chromium'],
    });
    expect(findChromium(probe)).toEqual({ found: true, path: '/home/dev/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome', source: "Playwright's browser cache" });
  });

  it('honours PLAYWRIGHT_BROWSERS_PATH and XDG_CACHE_HOME', () => {
    const custom = machine({ env: { ...linuxPath, PLAYWRIGHT_BROWSERS_PATH: '/srv/browsers' }, executables: ['/srv/browsers/chromium-1200/chrome-linux/chrome'] });
    expect(findChromium(custom)).toMatchObject({ found: true, path: '/srv/browsers/chromium-1200/chrome-linux/chrome' });
    const xdg = machine({ env: { ...linuxPath, XDG_CACHE_HOME: '/var/cache/dev' }, executables: ['/var/cache/dev/ms-playwright/chromium-1200/chrome-linux64/chrome'] });
    expect(findChromium(xdg)).toMatchObject({ found: true, path: '/var/cache/dev/ms-playwright/chromium-1200/chrome-linux64/chrome' });
  });

  it("ignores Playwright's headless shell and other browsers in the cache", () => {
    const probe = machine({ env: linuxPath, executables: ['/home/dev/.cache/ms-playwright/chromium_headless_shell-1200/chrome-linux/headless_shell', '/home/dev/.cache/ms-playwright/firefox-1490/firefox/firefox', '/usr/bin/chromium'] });
    expect(findChromium(probe)).toEqual({ found: true, path: '/usr/bin/chromium', source: '/usr/bin/chromium' });
  });

  it('finds chromium-browser, then Google Chrome, on PATH', () => {
    expect(findChromium(machine({ env: linuxPath, executables: ['/snap/bin/chromium-browser', '/usr/bin/google-chrome'] }))).toEqual({ found: true, path: '/snap/bin/chromium-browser', source: 'PATH' });
    expect(findChromium(machine({ env: linuxPath, executables: ['/usr/bin/google-chrome-stable'] }))).toEqual({ found: true, path: '/usr/bin/google-chrome-stable', source: 'PATH (Google Chrome)' });
  });

  it('finds the macOS Playwright cache and Google Chrome app', () => {
    const cached = machine({ platform: 'darwin', home: '/Users/dev', env: { PATH: '/usr/bin' }, executables: ['/Users/dev/Library/Caches/ms-playwright/chromium-1200/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'] });
    expect(findChromium(cached)).toMatchObject({ found: true, source: "Playwright's browser cache" });
    const app = machine({ platform: 'darwin', home: '/Users/dev', env: { PATH: '/usr/bin' }, executables: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'] });
    expect(findChromium(app)).toEqual({ found: true, path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', source: 'installed browser' });
  });

  it('finds Chrome on Windows', () => {
    const probe = machine({ platform: 'win32', env: { PATH: 'C:\\Windows', PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local' }, executables: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'] });
    expect(findChromium(probe)).toEqual({ found: true, path: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', source: 'installed browser' });
    const cached = machine({ platform: 'win32', env: { PATH: 'C:\\Windows', LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local' }, executables: ['C:\\Users\\dev\\AppData\\Local\\ms-playwright\\chromium-1200\\chrome-win64\\chrome.exe'] });
    expect(findChromium(cached)).toMatchObject({ found: true, source: "Playwright's browser cache" });
  });

  it('without any browser, says in one line where it looked and exactly how to get one', () => {
    const result = findChromium(machine({ env: linuxPath }));
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).not.toContain('\n');
    expect(result.message).toContain('/home/dev/.cache/ms-playwright');
    expect(result.message).toContain('sudo apt-get install chromium');
    expect(result.message).toContain('npx playwright install chromium');
    expect(result.message).toContain('KIOT_CHROMIUM=');
  });
});
