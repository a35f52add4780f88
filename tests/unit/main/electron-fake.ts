/**
 * A small hand-written stand-in for the parts of Electron that electron/main's glue touches.
 * It records what the code under test registers and lets tests fire the events Electron
 * would. Cast to the real Electron types at the call site (`as unknown as WebContents`).
 */
import { EventEmitter } from 'node:events';

export type FakeEvent<P extends object = object> = P & { preventDefault: () => void; readonly defaultPrevented: boolean };

export function fakeEvent<P extends object>(params: P = {} as P): FakeEvent<P> {
  let prevented = false;
  const event = { ...params, preventDefault: () => void (prevented = true) };
  // A getter, not a copied value: the test reads it after the listeners have run.
  Object.defineProperty(event, 'defaultPrevented', { get: () => prevented, enumerable: true });
  return event as FakeEvent<P>;
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
type DevicePermissionHandler = (details: unknown) => boolean;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: DevicePermissionHandler | null = null;
  storageCleared = 0;
  cacheCleared = 0;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: DevicePermissionHandler | null): void {
    this.devicePermissionHandler = handler;
  }
  async clearStorageData(): Promise<void> {
    this.storageCleared += 1;
  }
  async clearCache(): Promise<void> {
    this.cacheCleared += 1;
  }

  /** Asks for a permission the way Chromium would; resolves with the decision. */
  requestPermission(permission: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (!this.permissionRequestHandler) return reject(new Error('no permission request handler'));
      this.permissionRequestHandler({}, permission, resolve, {});
    });
  }

  /** Asks synchronously whether a permission is held, the way Chromium checks before asking. */
  checkPermission(permission: string): boolean {
    if (!this.permissionCheckHandler) throw new Error('no permission check handler');
    return this.permissionCheckHandler({}, permission, 'kiot://app', {});
  }

  /** Asks whether a device (HID, serial, USB) may be used. */
  checkDevicePermission(deviceType: string): boolean {
    if (!this.devicePermissionHandler) throw new Error('no device permission handler');
    return this.devicePermissionHandler({ deviceType, origin: 'kiot://app', device: {} });
  }

  /** Fires 'will-download'; returns whether the download was cancelled. */
  download(): boolean {
    const event = fakeEvent();
    this.emit('will-download', event, {}, {});
    return event.defaultPrevented;
  }
}

export type FakeInput = { type: string; key: string; code: string; control: boolean; alt: boolean; meta: boolean; shift: boolean };

export type FakeFrame = { url: string; origin: string; parent: FakeFrame | null };

export function fakeFrame(url: string, parent: FakeFrame | null = null): FakeFrame {
  let origin = 'null';
  try {
    const u = new URL(url);
    origin = `${u.protocol}//${u.host}`;
  } catch {
    // keep 'null'
  }
  return { url, origin, parent };
}

// Kept on globalThis: a test that resets its modules loads this file more than once, and two
// webContents from different copies must still never share an id (the sender check compares ids).
const idCounter = globalThis as { kiotFakeWebContentsLastId?: number };
function nextWebContentsId(): number {
  idCounter.kiotFakeWebContentsLastId = (idCounter.kiotFakeWebContentsLastId ?? 0) + 1;
  return idCounter.kiotFakeWebContentsLastId;
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId();
  readonly session: FakeSession;
  windowOpenHandler: ((details: { url: string; frameName: string; features: string; disposition: string }) => { action: string }) | null = null;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly zoomLimits: Array<[number, number]> = [];
  readonly loaded: string[] = [];
  crashedByUs = 0;
  destroyed = false;
  mainFrame: FakeFrame;

  constructor(session: FakeSession = new FakeSession(), url = 'kiot://app/index.html') {
    super();
    this.session = session;
    this.mainFrame = fakeFrame(url);
  }

  setWindowOpenHandler(handler: NonNullable<FakeWebContents['windowOpenHandler']>): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  async setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.zoomLimits.push([min, max]);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  forcefullyCrashRenderer(): void {
    this.crashedByUs += 1;
  }

  /** Fires a navigation event as Electron 45 does (params object first, legacy url second); returns whether it was prevented. */
  navigate(kind: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const event = fakeEvent({ url, isSameDocument: false, isMainFrame: true, frame: null });
    if (kind === 'will-frame-navigate') this.emit(kind, event);
    else this.emit(kind, event, url, false, true);
    return event.defaultPrevented;
  }

  /** What `window.open(url)` would get back from the handler. */
  openWindow(url: string): { action: string } {
    if (!this.windowOpenHandler) return { action: 'allow' };
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' });
  }

  attachWebview(): boolean {
    const event = fakeEvent();
    this.emit('will-attach-webview', event, {}, { src: 'https://example.com' });
    return event.defaultPrevented;
  }

  /** Fires 'before-input-event' for a keyDown; returns whether it was blocked. */
  press(key: string, modifiers: Partial<Pick<FakeInput, 'control' | 'alt' | 'meta' | 'shift'>> = {}): boolean {
    const input: FakeInput = { type: 'keyDown', key, code: key, control: false, alt: false, meta: false, shift: false, ...modifiers };
    const event = fakeEvent();
    this.emit('before-input-event', event, input);
    return event.defaultPrevented;
  }
}

export class FakeApp extends EventEmitter {
  /** Creates a webContents and announces it like Electron does for every new one. */
  createWebContents(session?: FakeSession): FakeWebContents {
    const contents = new FakeWebContents(session);
    this.emit('web-contents-created', fakeEvent(), contents);
    return contents;
  }
}

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    // Electron throws on a second handler for the same channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, event: FakeInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  }
}

export type FakeInvokeEvent = { sender: FakeWebContents; senderFrame: FakeFrame | null; frameId: number; processId: number; type: 'frame' };

export function fakeInvokeEvent(sender: FakeWebContents, senderFrame: FakeFrame | null = sender.mainFrame): FakeInvokeEvent {
  return { sender, senderFrame, frameId: 1, processId: 1, type: 'frame' };
}

export class FakePowerMonitor extends EventEmitter {}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  destroyed = false;
  shown = false;

  /** `session` is the one its webContents uses: Electron gives every window the default session unless told otherwise. */
  constructor(
    readonly options: Record<string, unknown>,
    session?: FakeSession,
  ) {
    super();
    this.webContents = new FakeWebContents(session, 'about:blank');
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.mainFrame = fakeFrame(url);
    await this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
}
