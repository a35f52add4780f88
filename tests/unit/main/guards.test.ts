import type { App, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import type { DeviceMode } from '../../../shared/domain';
import { createLogger, silentLogger } from '../../../shared/logger';
import type { LogEntry } from '../../../shared/logger';
import { MAX_PINCH_ZOOM, applySessionGuards, applyWebContentsGuards, installGuards, isBlockedShortcut, resetPinchZoom } from '../../../electron/main/guards';
import { FakeApp, FakeSession, FakeWebContents } from './electron-fake';

function guarded(mode: DeviceMode = 'kiosk'): FakeWebContents {
  const contents = new FakeWebContents();
  applyWebContentsGuards(contents as unknown as WebContents, { getMode: () => mode, logger: silentLogger });
  return contents;
}

describe('navigation guards', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)('%s stays on the app origin', (kind) => {
    const contents = guarded();
    expect(contents.navigate(kind, 'kiot://app/index.html')).toBe(false);
    expect(contents.navigate(kind, 'kiot://app/assets/x.js')).toBe(false);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'kiot://evil/index.html',
      'kiot://app.evil/',
      'kiot://user@app/',
      'kiot://app:8080/',
      'javascript:alert(1)',
      'data:text/html,hi',
      'about:blank',
      'not a url',
    ]) {
      expect(contents.navigate(kind, url), url).toBe(true);
    }
  });

  it('denies every window.open', () => {
    const contents = guarded();
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('kiot://app/index.html')).toEqual({ action: 'deny' });
  });

  it('prevents <webview> attachment', () => {
    expect(guarded().attachWebview()).toBe(true);
  });

  it('lets a resident pinch-zoom the kiosk up to 3× after each load (Electron disables it by default)', () => {
    const kiosk = guarded('kiosk');
    kiosk.emit('did-finish-load');
    expect(kiosk.zoomLimits).toEqual([[1, MAX_PINCH_ZOOM]]);
    expect(MAX_PINCH_ZOOM).toBe(3);
    const manager = guarded('manager');
    manager.emit('did-finish-load');
    expect(manager.zoomLimits).toEqual([]);
  });

  it('puts the pinch-zoom back to 1× and allows it again when reset', async () => {
    const kiosk = guarded('kiosk');
    await resetPinchZoom(kiosk as unknown as WebContents);
    expect(kiosk.zoomLimits).toEqual([
      [1, 1],
      [1, MAX_PINCH_ZOOM],
    ]);
  });
});

describe('session guards', () => {
  it('denies every permission request and check, and every download', async () => {
    const session = new FakeSession();
    applySessionGuards(session as unknown as Session, silentLogger);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'unknown']) {
      await expect(session.requestPermission(permission)).resolves.toBe(false);
      expect(session.permissionCheckHandler?.({}, permission, 'kiot://app', {})).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
    expect(session.download()).toBe(true);
  });

  it('is applied once per session however often it is called', () => {
    const session = new FakeSession();
    applySessionGuards(session as unknown as Session, silentLogger);
    applySessionGuards(session as unknown as Session, silentLogger);
    expect(session.listenerCount('will-download')).toBe(1);
  });
});

describe('installGuards', () => {
  it('guards every webContents created, and each session once', async () => {
    const app = new FakeApp();
    installGuards(app as unknown as App, { getMode: () => 'kiosk', logger: silentLogger });
    const shared = new FakeSession();
    const a = app.createWebContents(shared);
    const b = app.createWebContents(shared);
    const c = app.createWebContents();
    for (const contents of [a, b, c]) {
      expect(contents.navigate('will-navigate', 'https://example.com/')).toBe(true);
      expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
      expect(contents.attachWebview()).toBe(true);
      expect(contents.press('F12')).toBe(true);
      await expect(contents.session.requestPermission('media')).resolves.toBe(false);
    }
    expect(shared.listenerCount('will-download')).toBe(1);
  });

  it('reads the mode at event time (the core decides it after the guards are installed)', () => {
    const app = new FakeApp();
    let mode: DeviceMode = 'kiosk';
    installGuards(app as unknown as App, { getMode: () => mode, logger: silentLogger });
    const contents = app.createWebContents();
    expect(contents.press('r', { control: true })).toBe(true);
    mode = 'manager';
    expect(contents.press('r', { control: true })).toBe(false);
  });
});

describe('kiosk shortcut rule', () => {
  const blocked: Array<[string, { control?: boolean; alt?: boolean; meta?: boolean; shift?: boolean }]> = [
    ['r', { control: true }],
    ['r', { meta: true }],
    ['R', { control: true, shift: true }],
    ['F5', {}],
    ['F5', { control: true }],
    ['I', { control: true, shift: true }],
    ['J', { meta: true, alt: true }],
    ['F12', {}],
    ['F11', {}],
    ['F1', {}],
    ['F24', {}],
    ['w', { control: true }],
    ['q', { control: true }],
    ['q', { meta: true }],
    ['F4', { alt: true }],
    ['p', { control: true }],
    ['+', { control: true }],
    ['=', { control: true }],
    ['-', { control: true }],
    ['0', { control: true }],
    ['ArrowLeft', { alt: true }],
    ['ArrowRight', { alt: true }],
    ['Tab', { alt: true }],
    ['Tab', { control: true }],
    ['n', { control: true }],
    ['t', { control: true }],
    ['v', { control: true }],
    ['a', { alt: true }],
    ['BrowserBack', {}],
    ['BrowserForward', {}],
    ['BrowserRefresh', {}],
    ['ContextMenu', {}],
    ['Print', {}],
    ['ZoomIn', {}],
    ['Meta', { meta: true }],
  ];
  const allowed: Array<[string, { control?: boolean; alt?: boolean; meta?: boolean; shift?: boolean }]> = [
    ['0', {}],
    ['9', {}],
    ['a', {}],
    ['A', { shift: true }],
    ['ư', {}],
    ['Enter', {}],
    ['Backspace', {}],
    ['Delete', {}],
    ['Tab', {}],
    ['Tab', { shift: true }],
    ['Escape', {}],
    [' ', {}],
    ['ArrowLeft', {}],
    ['ArrowDown', {}],
    ['Shift', { shift: true }],
    ['+', { shift: true }],
    ['F', {}],
  ];
  const input = (key: string, m: { control?: boolean; alt?: boolean; meta?: boolean; shift?: boolean }) => ({
    key,
    control: m.control ?? false,
    alt: m.alt ?? false,
    meta: m.meta ?? false,
  });

  it.each(blocked)('kiosk blocks %s %o', (key, modifiers) => {
    expect(isBlockedShortcut('kiosk', input(key, modifiers))).toBe(true);
    expect(guarded('kiosk').press(key, modifiers)).toBe(true);
  });

  it.each(allowed)('kiosk lets %s %o through', (key, modifiers) => {
    expect(isBlockedShortcut('kiosk', input(key, modifiers))).toBe(false);
    expect(guarded('kiosk').press(key, modifiers)).toBe(false);
  });

  it.each(blocked)('manager mode does not filter %s %o', (key, modifiers) => {
    expect(isBlockedShortcut('manager', input(key, modifiers))).toBe(false);
  });
});

describe('kiosk blocklist, key by key', () => {
  // Every key the kiosk must swallow even with no modifier held: each asks the browser or
  // the OS to act. Pressed one at a time through the before-input-event handler. Written out
  // here on purpose rather than imported, so a key dropped from the guard's list fails.
  const blockedKeys = [
    'BrowserBack',
    'BrowserForward',
    'BrowserRefresh',
    'BrowserStop',
    'BrowserSearch',
    'BrowserFavorites',
    'BrowserHome',
    'ContextMenu',
    'Print',
    'Help',
    'ZoomIn',
    'ZoomOut',
    'ZoomToggle',
    'Close',
    'Open',
    'Save',
    'New',
    'LaunchApplication1',
    'LaunchApplication2',
    'LaunchMail',
    'LaunchWebBrowser',
    'AltGraph',
    'Meta',
    'OS',
    ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
  ];

  it.each(blockedKeys)('kiosk swallows %s pressed alone', (key) => {
    expect(guarded('kiosk').press(key)).toBe(true);
    expect(guarded('manager').press(key)).toBe(false);
  });

  // Neighbours of the function-key pattern that are ordinary keys: the pattern is anchored.
  it.each(['F0', 'F25', 'F99', 'F100', 'F1x', 'AF1', 'xF12', 'F', 'f5'])('kiosk lets %s through', (key) => {
    expect(guarded('kiosk').press(key)).toBe(false);
  });
});

describe('what the guards log', () => {
  const logged = (): { entries: LogEntry[]; logger: ReturnType<typeof createLogger> } => {
    const entries: LogEntry[] = [];
    return { entries, logger: createLogger('test', (entry) => entries.push(entry)) };
  };

  it('logs a denied navigation or window.open with the origin only, never the path or query', () => {
    const { entries, logger } = logged();
    const contents = new FakeWebContents();
    applyWebContentsGuards(contents as unknown as WebContents, { getMode: () => 'kiosk', logger });
    contents.navigate('will-navigate', 'https://evil.example:8443/pay/resident-42?phone=0912345678#frag');
    contents.openWindow('http://203.0.113.9/bill?id=abc');
    contents.navigate('will-redirect', 'not a url');
    expect(entries.map((e) => [e.msg, e.data])).toEqual([
      ['navigation denied', { url: 'https://evil.example:8443' }],
      ['window.open denied', { url: 'http://203.0.113.9' }],
      ['redirect denied', { url: '(unparseable)' }],
    ]);
  });

  it('logs a denied permission request with its name', async () => {
    const { entries, logger } = logged();
    const session = new FakeSession();
    applySessionGuards(session as unknown as Session, logger);
    await session.requestPermission('geolocation');
    expect(entries.map((e) => [e.msg, e.data])).toEqual([['permission request denied', { permission: 'geolocation' }]]);
  });
});
