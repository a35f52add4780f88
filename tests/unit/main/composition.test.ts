/**
 * The composition root (electron/main/index.ts) run against a fake Electron and a fake core:
 * the order of startup, what gets wired to what, and the error screens.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../shared/channels';
import type { EventName } from '../../../shared/channels';
import type { LockReason, SessionView } from '../../../shared/contract';
import type { AppCoreOptions, EventListener } from '../../../electron/core/api';
import { FakeBrowserWindow, FakeIpcMain, FakePowerMonitor, FakeSession, fakeInvokeEvent } from './electron-fake';

type Call = { what: string; args: unknown[] };

const h = vi.hoisted(() => ({
  // Replaced in beforeEach; the mocks below read them at call time.
  state: null as null | {
    calls: Call[];
    windows: FakeBrowserWindow[];
    ready: { resolve: () => void; promise: Promise<void> };
    app: EventEmitter & Record<string, unknown>;
    ipcMain: unknown;
    powerMonitor: unknown;
    session: unknown;
    safeStorage: unknown;
    protocolHandler: ((request: Request) => Promise<Response>) | null;
    core: null | {
      mode: 'kiosk' | 'manager';
      listeners: Set<EventListener>;
      locks: LockReason[];
      dispatched: Array<[string, unknown]>;
      options: AppCoreOptions | null;
      fail: unknown;
      /** What the default session did when the core was being created, before any window existed. */
      sessionAtStart: null | { windows: number; permission: boolean | string; downloadCancelled: boolean };
    };
  },
}));

vi.mock('electron', async () => {
  const { FakeBrowserWindow: Window, fakeEvent } = await import('./electron-fake');
  const s = () => h.state!;
  // Recorded on the shared state: this factory runs again after every vi.resetModules().
  // Like Electron: a window's contents use the default session, and every new webContents is
  // announced on the app ('web-contents-created') — which is where the root hangs its guards.
  class BrowserWindow extends Window {
    constructor(options: Record<string, unknown>) {
      super(options, s().session as FakeSession);
      s().windows.push(this);
      s().app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
  }
  const record = (what: string) => (...args: unknown[]) => void s().calls.push({ what, args });
  return {
    app: new Proxy({}, { get: (_t, key: string) => s().app[key] }),
    BrowserWindow,
    Menu: { setApplicationMenu: record('Menu.setApplicationMenu') },
    ipcMain: new Proxy({}, { get: (_t, key: string) => (s().ipcMain as Record<string, unknown>)[key] && ((...a: unknown[]) => (s().ipcMain as Record<string, (...x: unknown[]) => unknown>)[key]!(...a)) }),
    powerMonitor: new Proxy({}, { get: (_t, key: string) => (...a: unknown[]) => (s().powerMonitor as Record<string, (...x: unknown[]) => unknown>)[key]!.apply(s().powerMonitor, a) }),
    powerSaveBlocker: { start: (type: string) => (record('powerSaveBlocker.start')(type), 1) },
    protocol: {
      registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        record('protocol.handle')(scheme);
        s().protocolHandler = handler;
      },
    },
    safeStorage: new Proxy({}, { get: (_t, key: string) => (s().safeStorage as Record<string, unknown>)[key] }),
    session: { get defaultSession() { return s().session; } },
  };
});

vi.mock('../../../electron/core/create-core', async () => {
  return {
    createAppCore: async (options: AppCoreOptions) => {
      const core = h.state!.core!;
      core.options = options;
      const session = h.state!.session as FakeSession;
      core.sessionAtStart = {
        windows: h.state!.windows.length,
        permission: await session.requestPermission('media').catch(() => 'no handler'),
        downloadCancelled: session.download(),
      };
      // Like the real core: the key is fetched first, so keystore refusals surface here.
      await options.keystore.getOrCreateDbKey();
      if (core.fail) throw core.fail;
      return {
        mode: core.mode,
        handlers: {},
        dispatch: async (channel: string, request: unknown) => {
          core.dispatched.push([channel, request]);
          return { ok: true, value: {} };
        },
        onEvent: (listener: EventListener) => {
          core.listeners.add(listener);
          return () => core.listeners.delete(listener);
        },
        lock: async (reason: LockReason) => void core.locks.push(reason),
        close: async () => {},
      };
    },
  };
});

let dataDir: string;

function makeApp() {
  const app = new EventEmitter() as EventEmitter & Record<string, unknown>;
  const calls = () => h.state!.calls;
  Object.assign(app, {
    isPackaged: false,
    whenReady: () => h.state!.ready.promise,
    requestSingleInstanceLock: () => (calls().push({ what: 'app.requestSingleInstanceLock', args: [] }), true),
    enableSandbox: () => void calls().push({ what: 'app.enableSandbox', args: [] }),
    setPath: (name: string, value: string) => void calls().push({ what: 'app.setPath', args: [name, value] }),
    getVersion: () => '9.9.9',
    quit: () => void calls().push({ what: 'app.quit', args: [] }),
    relaunch: () => void calls().push({ what: 'app.relaunch', args: [] }),
    exit: () => void calls().push({ what: 'app.exit', args: [] }),
  });
  return app;
}

beforeEach(() => {
  vi.resetModules();
  // index.ts logs through the console sink; the assertions here are on behaviour.
  for (const method of ['log', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation(() => {});
  dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-main-'));
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  h.state = {
    calls: [],
    windows: [],
    ready: { resolve, promise },
    app: makeApp(),
    ipcMain: new FakeIpcMain(),
    powerMonitor: new FakePowerMonitor(),
    session: new FakeSession(),
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (s: string) => Buffer.from(s),
      decryptStringAsync: async (b: Buffer) => ({ shouldReEncrypt: false, result: b.toString() }),
      getSelectedStorageBackend: () => 'basic_text',
    },
    protocolHandler: null,
    core: { mode: 'kiosk', listeners: new Set(), locks: [], dispatched: [], options: null, fail: null, sessionAtStart: null },
  };
  vi.stubEnv('KIOT_HUB_URL', 'http://127.0.0.1:9');
  vi.stubEnv('KIOT_DATA_DIR', dataDir);
  vi.stubEnv('KIOT_KEYSTORE', 'dev-file');
  vi.stubEnv('KIOT_ENROLL_CODE', '');
  vi.stubEnv('KIOT_IDLE_SECONDS', '');
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

async function boot(): Promise<void> {
  await import('../../../electron/main/index');
  h.state!.ready.resolve();
  // start() does real file I/O (the dev keystore); it ends by opening a window either way.
  await vi.waitFor(() => expect(h.state!.windows.length).toBeGreaterThan(0));
}

const did = (what: string) => h.state!.calls.filter((c) => c.what === what);

describe('main composition', () => {
  it('registers the privileged scheme and the sandbox before ready, and keeps Chromium data with the kiosk data', async () => {
    await import('../../../electron/main/index');
    const before = h.state!.calls.map((c) => c.what);
    expect(before).toContain('protocol.registerSchemesAsPrivileged');
    expect(before).toContain('app.enableSandbox');
    expect(before.indexOf('app.setPath')).toBeLessThan(before.indexOf('app.requestSingleInstanceLock'));
    expect(did('app.setPath')[0]!.args).toEqual(['userData', path.join(dataDir, 'chromium-profile')]);
    expect(did('protocol.registerSchemesAsPrivileged')[0]!.args[0]).toEqual([
      { scheme: 'kiot', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(did('protocol.handle')).toHaveLength(0);
    expect(h.state!.windows).toHaveLength(0);
  });

  it('after ready: no menu, app protocol, every channel, kiosk window on kiot://app, display kept awake', async () => {
    await boot();
    const s = h.state!;
    expect(did('Menu.setApplicationMenu')[0]!.args).toEqual([null]);
    expect(did('protocol.handle')[0]!.args).toEqual(['kiot']);
    expect([...(s.ipcMain as FakeIpcMain).handlers.keys()].sort()).toEqual([...channelNames].sort());
    expect(did('powerSaveBlocker.start')[0]!.args).toEqual(['prevent-display-sleep']);
    expect(s.core!.options).toMatchObject({ version: '9.9.9', config: { dataDir, keystore: 'dev-file', hubUrl: 'http://127.0.0.1:9' } });

    expect(h.state!.windows).toHaveLength(1);
    const win = h.state!.windows[0]!;
    expect(win.options).toMatchObject({ kiosk: true, frame: false, webPreferences: { contextIsolation: true, sandbox: true, devTools: false } });
    expect(String((win.options.webPreferences as Record<string, unknown>).preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.webContents.loaded).toEqual(['kiot://app/index.html']);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);

    const res = await s.protocolHandler!(new Request('kiot://app/..%2f..%2fpackage.json'));
    expect(res.status).toBe(404);
  });

  it('the kiosk window it opens is locked down: no navigation away, no window.open, no webview, no shortcuts', async () => {
    await boot();
    const contents = h.state!.windows[0]!.webContents;
    for (const kind of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
      expect(contents.navigate(kind, 'https://example.com/'), kind).toBe(true);
      expect(contents.navigate(kind, 'file:///etc/passwd'), kind).toBe(true);
      // The app itself still loads: the guard denies only what is foreign.
      expect(contents.navigate(kind, 'kiot://app/index.html'), kind).toBe(false);
    }
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('kiot://app/index.html')).toEqual({ action: 'deny' });
    expect(contents.attachWebview()).toBe(true);
    expect(contents.press('F12')).toBe(true);
    expect(contents.press('r', { control: true })).toBe(true);
    expect(contents.press('5')).toBe(false);
  });

  it('the session of its window grants no permission, no device and no download', async () => {
    await boot();
    const session = h.state!.windows[0]!.webContents.session;
    for (const permission of ['geolocation', 'media', 'notifications', 'clipboard-read']) {
      await expect(session.requestPermission(permission), permission).resolves.toBe(false);
      expect(session.checkPermission(permission), permission).toBe(false);
    }
    expect(session.checkDevicePermission('usb')).toBe(false);
    expect(session.download()).toBe(true);
  });

  it('locks the default session down before the core starts, when no window exists yet', async () => {
    await boot();
    expect(h.state!.core!.sessionAtStart).toEqual({ windows: 0, permission: false, downloadCancelled: true });
  });

  it('writes its log to a file in the data directory and gives the core the same logger', async () => {
    await boot();
    const file = path.join(dataDir, 'logs', 'kiot.log');
    await vi.waitFor(() => expect(existsSync(file) && readFileSync(file, 'utf8')).toContain('core started'));
    h.state!.core!.options!.logger!.error('from the core');
    await vi.waitFor(() => expect(readFileSync(file, 'utf8')).toContain('from the core'));
  });

  it('IPC from our window is dispatched; from anything else it is forbidden', async () => {
    await boot();
    const ipc = h.state!.ipcMain as FakeIpcMain;
    const win = h.state!.windows[0]!;
    await expect(ipc.invoke('bills:list', fakeInvokeEvent(win.webContents), {})).resolves.toEqual({ ok: true, value: {} });
    expect(h.state!.core!.dispatched).toEqual([['bills:list', {}]]);
    const stranger = new FakeBrowserWindow({});
    await stranger.loadURL('kiot://app/index.html');
    await expect(ipc.invoke('bills:list', fakeInvokeEvent(stranger.webContents), {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.state!.core!.dispatched).toHaveLength(1);
  });

  it('locks on suspend and lock-screen, and on a renderer crash (then reloads)', async () => {
    await boot();
    const power = h.state!.powerMonitor as FakePowerMonitor;
    power.emit('suspend');
    power.emit('lock-screen');
    const win = h.state!.windows[0]!;
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(h.state!.core!.locks).toEqual(['suspend', 'suspend', 'crash']);
    expect(win.webContents.loaded).toEqual(['kiot://app/index.html', 'kiot://app/index.html']);
  });

  it('forwards session events to the window and wipes renderer storage on each new lock', async () => {
    await boot();
    const win = h.state!.windows[0]!;
    const view: SessionView = { state: 'attract', countdown: null, maskedPhone: null, resident: null, lastLock: { reason: 'idle', at: '2025-01-01T00:00:00.000Z' } };
    for (const listener of h.state!.core!.listeners) listener('session:changed' as EventName, view);
    await new Promise((r) => setImmediate(r));
    expect(win.webContents.sent).toEqual([{ channel: 'session:changed', args: [view] }]);
    const session = h.state!.session as FakeSession;
    expect([session.storageCleared, session.cacheCleared]).toEqual([1, 1]);
  });

  it('manager mode: a normal window with devtools, and the display is allowed to sleep', async () => {
    h.state!.core!.mode = 'manager';
    await boot();
    expect(h.state!.windows[0]!.options).toMatchObject({ kiosk: false, frame: true, webPreferences: { devTools: true } });
    expect(did('powerSaveBlocker.start')).toHaveLength(0);
  });

  it('a configuration error shows the IT page instead of the app', async () => {
    vi.stubEnv('KIOT_HUB_URL', 'ftp://nope');
    await boot();
    expect(h.state!.windows).toHaveLength(1);
    const [url] = h.state!.windows[0]!.webContents.loaded;
    expect(url).toMatch(/^data:text\/html/);
    const html = decodeURIComponent(url!.slice(url!.indexOf(',') + 1));
    expect(html).toContain('KIOT_HUB_URL');
    expect(html).toContain('Cấu hình máy kiosk không hợp lệ');
    expect(h.state!.windows[0]!.options.webPreferences).not.toHaveProperty('preload');
    expect((h.state!.ipcMain as FakeIpcMain).handlers.size).toBe(0);
  });

  it('a basic_text keyring on Linux shows the keyring page (safe-storage keystore)', async () => {
    // The root hands process.platform to the keystore; claim Linux so this runs on every OS.
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...platform, value: 'linux' });
    try {
      vi.stubEnv('KIOT_KEYSTORE', 'safe-storage');
      await boot();
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    const [url] = h.state!.windows.at(-1)!.webContents.loaded;
    const html = decodeURIComponent(url!.slice(url!.indexOf(',') + 1));
    expect(html).toContain('Máy chưa có kho khóa an toàn');
    expect(html).toContain('[keystore:insecure_backend]');
    expect(did('app.relaunch')).toHaveLength(0);
  });

  it('a packaged build refuses the plain-file dev keystore: IT page, no key written, no IPC, no retry', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      h.state!.app.isPackaged = true;
      vi.stubEnv('KIOT_KEYSTORE', 'dev-file');
      await boot();
      expect(h.state!.windows).toHaveLength(1);
      const [url] = h.state!.windows[0]!.webContents.loaded;
      const html = decodeURIComponent(url!.slice(url!.indexOf(',') + 1));
      expect(html).toContain('Kho khóa dành cho phát triển không được phép');
      expect(html).toContain('[keystore:dev_keystore_in_packaged_build]');
      expect(h.state!.windows[0]!.options.webPreferences).not.toHaveProperty('preload');
      expect((h.state!.ipcMain as FakeIpcMain).handlers.size).toBe(0);
      expect(readdirSync(dataDir).filter((f) => /key/i.test(f))).toEqual([]);
      vi.advanceTimersByTime(10 * 60_000);
      expect(did('app.relaunch')).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a keystore backend other than the one recorded at enrollment stops the kiosk on the IT page, without retrying', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      // Imported after vi.resetModules(), so it is the class main/index.ts sees.
      const { KeystoreBackendChangedError } = await import('../../../electron/core/device/errors');
      h.state!.core!.fail = new KeystoreBackendChangedError('gnome_libsecret', 'kwallet5');
      await boot();
      expect(h.state!.windows).toHaveLength(1);
      const [url] = h.state!.windows[0]!.webContents.loaded;
      const html = decodeURIComponent(url!.slice(url!.indexOf(',') + 1));
      expect(html).toContain('Kho khóa của máy khác với lúc đăng ký thiết bị');
      expect(html).toContain('The keystore differs from the one this device was enrolled with');
      expect(html).toContain('[keystore-changed]');
      expect(html).toContain('gnome_libsecret');
      expect(html).toContain('kwallet5');
      expect(h.state!.windows[0]!.options.webPreferences).not.toHaveProperty('preload');
      expect((h.state!.ipcMain as FakeIpcMain).handlers.size).toBe(0);
      vi.advanceTimersByTime(10 * 60_000);
      expect(did('app.relaunch')).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an unexpected startup failure shows a retry page and relaunches later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      h.state!.core!.fail = new Error('disk on fire');
      await boot();
      const [url] = h.state!.windows.at(-1)!.webContents.loaded;
      expect(decodeURIComponent(url!)).toContain('disk on fire');
      expect(did('app.relaunch')).toHaveLength(0);
      vi.advanceTimersByTime(30_000);
      expect(did('app.relaunch')).toHaveLength(1);
      expect(did('app.exit')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
