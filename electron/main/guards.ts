/**
 * Lockdown applied to every webContents and session the app creates: the renderer may only
 * ever show the app origin, open nothing, be granted nothing, and (in kiosk mode) receive no
 * browser or window-manager shortcuts.
 */
import type { App, Input, Session, WebContents } from 'electron';
import type { DeviceMode } from '../../shared/domain';
import type { Logger } from '../../shared/logger';
import { isAppUrl } from './app-url';

export type ShortcutInput = Pick<Input, 'key' | 'control' | 'meta' | 'alt'>;

const functionKey = /^F([1-9]|1\d|2[0-4])$/;

/** Keys that ask the browser or the OS to do something, rather than type. */
const browserKeys = new Set([
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
]);

/**
 * The kiosk shortcut rule, stated once:
 * - blocked: any key pressed with Ctrl, Alt or Meta (Cmd / Windows key) — this covers reload,
 *   devtools, close, quit, print, zoom, history navigation and Alt+F4; the function keys
 *   F1–F24 (F5 reload, F11 fullscreen, F12 devtools…); and the browser/launch/zoom keys;
 * - allowed: everything else, with or without Shift — characters, digits, Enter, Backspace,
 *   Delete, Tab, Escape, Space, arrows — so an attached keyboard or barcode reader still types.
 * Manager mode is a normal desktop window (no application menu, so no accelerators) and is
 * not filtered.
 */
export function isBlockedShortcut(mode: DeviceMode, input: ShortcutInput): boolean {
  if (mode !== 'kiosk') return false;
  if (input.control || input.alt || input.meta) return true;
  if (functionKey.test(input.key)) return true;
  return browserKeys.has(input.key);
}

export type GuardOptions = {
  /** Read at event time: the mode is known only once the core has started. */
  getMode: () => DeviceMode;
  logger: Logger;
};

type NavigationEvent = { preventDefault: () => void; url?: string };

/** Applies the navigation, window-open, webview and keyboard lockdown to one webContents. */
export function applyWebContentsGuards(contents: WebContents, options: GuardOptions): void {
  const { logger } = options;
  const denyForeign = (kind: string) => (event: NavigationEvent, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (isAppUrl(url)) return;
    event.preventDefault();
    logger.warn(`${kind} denied`, { url: redact(url) });
  };
  contents.on('will-navigate', denyForeign('navigation'));
  contents.on('will-frame-navigate', denyForeign('frame navigation'));
  contents.on('will-redirect', denyForeign('redirect'));
  contents.setWindowOpenHandler((details) => {
    logger.warn('window.open denied', { url: redact(details.url) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview denied');
  });
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(options.getMode(), input)) event.preventDefault();
  });
  // Electron turns pinch-zoom off by default; a resident with poor sight may pinch to enlarge
  // the kiosk (up to 3×). resetPinchZoom puts it back to 1× at every lock.
  contents.on('did-finish-load', () => {
    if (options.getMode() === 'kiosk') void contents.setVisualZoomLevelLimits(1, MAX_PINCH_ZOOM).catch(() => {});
  });
}

/** How far a resident may pinch-zoom the kiosk. */
export const MAX_PINCH_ZOOM = 3;

/**
 * Leaves no zoom behind for the next resident: narrowing the limits to 1× clamps the current
 * pinch scale back to 1×, then pinching is allowed again.
 */
export async function resetPinchZoom(contents: Pick<WebContents, 'setVisualZoomLevelLimits'>): Promise<void> {
  await contents.setVisualZoomLevelLimits(1, 1);
  await contents.setVisualZoomLevelLimits(1, MAX_PINCH_ZOOM);
}

const guardedSessions = new WeakSet<Session>();

/**
 * Every permission request is denied and every permission check fails; nothing is downloaded.
 * Idempotent: sessions are shared between webContents.
 */
export function applySessionGuards(session: Session, logger: Logger): void {
  if (guardedSessions.has(session)) return;
  guardedSessions.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('permission request denied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => {
    event.preventDefault();
    logger.warn('download denied');
  });
}

/**
 * Guards every webContents the app ever creates (windows, and anything that slips past the
 * window-open handler), and each session they use.
 */
export function installGuards(app: Pick<App, 'on'>, options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => {
    applyWebContentsGuards(contents, options);
    applySessionGuards(contents.session, options.logger);
  });
}

/** Logs the origin only: URLs can carry a resident's data in their query. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparseable)';
  }
}
