/** BrowserWindow options for the two device modes, and for the startup error window. */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { DeviceMode } from '../../shared/domain';

export function secureWebPreferences(mode: DeviceMode, preload: string | undefined): WebPreferences {
  const prefs: WebPreferences = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    plugins: false,
    devTools: mode !== 'kiosk',
    spellcheck: false,
  };
  if (preload !== undefined) prefs.preload = preload;
  return prefs;
}

export function kioskWindowOptions(preloadPath: string, mode: DeviceMode): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    title: 'Kiot',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(mode, preloadPath),
  };
  if (mode === 'kiosk') {
    return {
      ...common,
      kiosk: true,
      fullscreen: true,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: true,
      skipTaskbar: true,
    };
  }
  return { ...common, width: 1280, height: 800, minWidth: 1024, minHeight: 700, frame: true, kiosk: false, fullscreen: false };
}

/** A plain, closable window for IT: no preload, nothing exposed. */
export function errorWindowOptions(): BrowserWindowConstructorOptions {
  return {
    title: 'Kiot',
    show: true,
    width: 900,
    height: 700,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences('kiosk', undefined),
  };
}
