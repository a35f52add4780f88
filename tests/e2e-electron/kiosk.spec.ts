/**
 * The real Electron app, end to end: a hub in this process, the kiosk launched from the
 * built bundles (dist/main/index.cjs), a resident's whole visit on the touchscreen, and the
 * lockdown checked from both sides (main process and page).
 *
 * Where no Electron binary is installed (offline machines: Electron downloads it on first
 * use) or there is no display, the suite reports itself skipped and says why.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildMain } from '../../scripts/build-main';
import { buildRenderer, startDevHub } from '../../dev/dev-stack';
import { electronNativeBinding } from '../../dev/electron-native';
import type { DemoInfo, Hub } from '../../server/app';
import { latestCode, nationalDigits } from '../fixtures/dev-sms';
import type { KiotApi } from '../../shared/kiot-api';
import { displayProblem, findElectron, repoRoot, rootSandboxArgs } from './electron-env';

// The shortest timers the kiosk config accepts (KIOT_IDLE_SECONDS and KIOT_COUNTDOWN_SECONDS ≥ 5).
const IDLE_SECONDS = 5;
const COUNTDOWN_SECONDS = 5;

const found = findElectron();
const skipReason = found.path === null ? found.reason : displayProblem();
if (skipReason) console.log(`[e2e-electron] skipped: ${skipReason}`);
test.skip(skipReason !== null, skipReason ?? '');

test.describe.configure({ mode: 'serial' });

let workDir: string;
let hub: Hub;
let hubUrl: string;
let demo: DemoInfo;
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  if (skipReason !== null || found.path === null) return;
  test.setTimeout(5 * 60_000); // a first run may rebuild the SQLCipher binding for Electron

  if (process.env['KIOT_E2E_PREBUILT'] !== '1') {
    await buildMain();
    if (!existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'))) await buildRenderer();
  }

  workDir = await mkdtemp(path.join(tmpdir(), 'kiot-e2e-electron-'));
  ({ hub, hubUrl, demo } = await startDevHub({ database: path.join(workDir, 'hub.sqlite') }));
  const enrollCode = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });

  app = await electron.launch({
    executablePath: found.path,
    args: [...rootSandboxArgs(), path.join(repoRoot, 'dist', 'main', 'index.cjs')],
    cwd: repoRoot,
    timeout: 60_000,
    env: {
      ...(process.env as Record<string, string>),
      KIOT_HUB_URL: hubUrl,
      KIOT_ENROLL_CODE: enrollCode,
      KIOT_KEYSTORE: 'dev-file',
      KIOT_DATA_DIR: path.join(workDir, 'kiosk'),
      KIOT_IDLE_SECONDS: String(IDLE_SECONDS),
      KIOT_COUNTDOWN_SECONDS: String(COUNTDOWN_SECONDS),
      KIOT_SQLITE_NATIVE_BINDING: await electronNativeBinding(),
    },
  });
  page = await app.firstWindow();
  await page.waitForURL(/^(kiot:\/\/app\/|data:)/, { timeout: 30_000 });
  if (!page.url().startsWith('kiot://app/')) {
    throw new Error(`Kiot showed its startup error page instead of the app:\n${await page.locator('body').innerText()}`);
  }
});

test.afterAll(async () => {
  await app?.close().catch(() => undefined);
  await hub?.close().catch(() => undefined);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

type NavigationSeen = { url: string; prevented: boolean };

/**
 * Sends the page to `target` and waits for a positive sign that the navigation was refused —
 * never for a fixed time, which would pass whenever the navigation is merely slow. Either the
 * app's guard prevented it (a listener added after the guard sees `defaultPrevented` on the
 * same 'will-navigate' event), or Chromium itself refused it before asking the app (top-level
 * data: URLs and file: URLs from a non-file page), which it reports on the page's console.
 */
async function navigationRefusal(target: string): Promise<string> {
  await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    const g = globalThis as { kiotNavigationsSeen?: NavigationSeen[]; kiotNavigationProbe?: (event: Electron.Event<{ url: string }>) => void };
    if (g.kiotNavigationProbe) contents.off('will-navigate', g.kiotNavigationProbe);
    const seen: NavigationSeen[] = [];
    g.kiotNavigationsSeen = seen;
    g.kiotNavigationProbe = (event) => void seen.push({ url: event.url, prevented: event.defaultPrevented });
    contents.on('will-navigate', g.kiotNavigationProbe);
  });
  const byChromium = page
    .waitForEvent('console', { predicate: (message) => /Not allowed to (navigate|load)/i.test(message.text()), timeout: 15_000 })
    .then((message) => `chromium: ${message.text()}`);
  const byGuard = expect
    .poll(() => app.evaluate(() => (globalThis as { kiotNavigationsSeen?: NavigationSeen[] }).kiotNavigationsSeen ?? []), { timeout: 15_000 })
    .toContainEqual({ url: target, prevented: true })
    .then(() => 'guard: will-navigate prevented');
  await page.evaluate((url) => {
    window.location.href = url;
  }, target);
  return Promise.any([byGuard, byChromium]);
}

async function typeOnKeypad(digits: string): Promise<void> {
  for (const d of digits) await page.getByTestId(`keypad-${d}`).click();
}

test('the window is locked down: isolated, sandboxed, kiosk, no menu, no Node in the page', async () => {
  const info = await app.evaluate(({ app: electronApp, BrowserWindow, Menu }) => {
    const windows = BrowserWindow.getAllWindows();
    const win = windows[0]!;
    // Undocumented but long-lived; Electron's own code reads the effective preferences this way.
    const contents = win.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
    const prefs = typeof contents.getLastWebPreferences === 'function' ? contents.getLastWebPreferences() : null;
    const pid = win.webContents.getOSProcessId();
    // `sandboxed` is reported on Windows and macOS only.
    const metric = electronApp.getAppMetrics().find((m) => m.pid === pid);
    return {
      windows: windows.length,
      url: win.webContents.getURL(),
      kiosk: win.isKiosk(),
      menu: Menu.getApplicationMenu(),
      prefs: prefs && {
        contextIsolation: prefs['contextIsolation'],
        sandbox: prefs['sandbox'],
        nodeIntegration: prefs['nodeIntegration'],
        nodeIntegrationInWorker: prefs['nodeIntegrationInWorker'],
        webSecurity: prefs['webSecurity'],
        webviewTag: prefs['webviewTag'],
        devTools: prefs['devTools'],
      },
      rendererSandboxed: metric?.sandboxed ?? null,
      pid,
    };
  });
  expect(info).toMatchObject({ windows: 1, url: 'kiot://app/index.html', kiosk: true, menu: null });
  expect(info.pid).toBeGreaterThan(0);
  if (info.prefs) {
    expect(info.prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
  } else {
    test.info().annotations.push({ type: 'note', description: 'webContents.getLastWebPreferences() is unavailable in this Electron; checked from the page only' });
  }
  if (process.platform !== 'linux') {
    expect(info.rendererSandboxed).toBe(true);
  } else if (rootSandboxArgs().length === 0) {
    // getAppMetrics() reports `sandboxed` on Windows and macOS only. On Linux a sandboxed
    // renderer runs under a seccomp-bpf filter, which the kernel reports as mode 2.
    const seccomp = /^Seccomp:\s+(\d)/m.exec(readFileSync(`/proc/${info.pid}/status`, 'utf8'))?.[1];
    expect(seccomp).toBe('2');
  } else {
    // As root Chromium refuses to start with its OS sandbox, so rootSandboxArgs() passes
    // --no-sandbox; only the renderer's sandbox preference (asserted above) can be checked.
    test.info().annotations.push({ type: 'note', description: 'running as root: the OS sandbox of the renderer is off, not checked' });
  }

  const page_ = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown> & { kiot: Record<string, unknown> };
    return {
      require: typeof w['require'],
      process: typeof w['process'],
      module: typeof w['module'],
      kiot: Object.keys(w.kiot).sort(),
    };
  });
  expect(page_).toMatchObject({ require: 'undefined', process: 'undefined', module: 'undefined' });
  expect(page_.kiot).toEqual(['app', 'auth', 'bills', 'onSessionChanged', 'session']);

  const appInfo = await page.evaluate(() => (window as unknown as { kiot: KiotApi }).kiot.app.info({}));
  expect(appInfo).toMatchObject({ ok: true, value: { mode: 'kiosk' } });

  const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
});

test('window.open, navigation away and permissions are denied', async () => {
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(await page.evaluate(() => window.open('kiot://app/index.html') === null)).toBe(true);

  for (const target of ['https://example.com/', 'file:///etc/passwd', 'data:text/html,<h1>x</h1>']) {
    expect(await navigationRefusal(target), target).toMatch(/^(guard|chromium):/);
    expect(page.url(), target).toMatch(/^kiot:\/\/app\//);
  }

  const state = await app.evaluate(({ BrowserWindow }) => ({
    windows: BrowserWindow.getAllWindows().length,
    url: BrowserWindow.getAllWindows()[0]!.webContents.getURL(),
  }));
  expect(state).toEqual({ windows: 1, url: 'kiot://app/index.html' });

  const geolocation = await page.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state);
  expect(geolocation).toBe('denied');
  await expect(page.getByTestId('attract-start')).toBeVisible();
});

test('a resident signs in with an SMS code, sees their bills, walks away and is locked out with nothing left', async () => {
  const resident = demo.residents[0]!;

  await expect(page.getByTestId('attract-start')).toBeVisible();
  await page.getByTestId('attract-start').click();
  await typeOnKeypad(nationalDigits(resident.phone));
  await page.getByTestId('phone-submit').click();
  await expect(page.getByTestId('code-display')).toBeVisible();

  await typeOnKeypad(await latestCode(hubUrl, resident.phone));
  // Sign-in lands on home: what is owed, then the bills one tap away.
  await expect(page.getByTestId('home-sentence')).toBeVisible();
  await expect(page.getByTestId('resident-name')).toContainText(resident.fullName);
  await page.getByTestId('nav-bills').click();
  await expect(page.getByTestId('bills-list')).toBeVisible();

  // Hands off: the idle countdown appears, then the kiosk locks back to the attract screen.
  await expect(page.getByTestId('countdown-overlay')).toBeVisible({ timeout: (IDLE_SECONDS + 10) * 1000 });
  await expect(page.getByTestId('attract-start')).toBeVisible({ timeout: (COUNTDOWN_SECONDS + 10) * 1000 });

  await expect(page.getByTestId('resident-name')).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain(resident.fullName);
  expect(html).not.toContain(resident.phone.slice(-6));
  await expect
    .poll(() => page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length })))
    .toEqual({ local: 0, session: 0 });
});
