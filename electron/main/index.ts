/**
 * Composition root of the Electron main process — the only module that touches Electron at
 * import time. Everything with logic in it lives in the sibling modules and is unit-tested
 * against a fake Electron.
 */
import { BrowserWindow, Menu, app, ipcMain, powerMonitor, powerSaveBlocker, protocol, safeStorage, session } from 'electron';
import type { WebContents } from 'electron';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeviceMode } from '../../shared/domain';
import { createLogger } from '../../shared/logger';
import type { AppCore, KioskConfig, Keystore } from '../core/api';
import { ConfigError, defaultDataDir, loadKioskConfig } from '../core/platform/config';
import { createDevFileKeystore } from '../core/platform/keystore/dev-file-keystore';
import { KeystoreError } from '../core/platform/keystore/keystore-error';
import { createSafeStorageKeystore } from '../core/platform/keystore/safe-storage-keystore';
import { createAppCore } from '../core/create-core';
import { EnrollmentError, KeystoreBackendChangedError } from '../core/device/errors';
import { APP_ENTRY_URL, APP_SCHEME, appSchemePrivileges } from './app-url';
import { startupErrorUrl } from './error-page';
import type { StartupProblem } from './error-page';
import { applySessionGuards, installGuards, resetPinchZoom } from './guards';
import { createSenderCheck, forwardEvents, registerIpc } from './ipc';
import {
  clearRendererStorage,
  createCrashRecovery,
  createLockWatcher,
  parseRelaunchGeneration,
  relaunchArgs,
  wireLockTriggers,
} from './lifecycle';
import { openMainLog } from './log-file';
import { createAppProtocolHandler } from './protocol';
import { errorWindowOptions, kioskWindowOptions } from './window';

// The console, until the data directory (and with it the log file) is known.
const bootLogger = createLogger('kiot:main');

// The bundle is dist/main/index.cjs; the renderer and preload bundles sit beside it.
const distDir = path.resolve(__dirname, '..');
const rendererDir = path.join(distDir, 'renderer');
const preloadPath = path.join(distDir, 'preload', 'index.cjs');

const UNEXPECTED_RETRY_SECONDS = 30;

// --- Before ready ------------------------------------------------------------------------------

protocol.registerSchemesAsPrivileged(appSchemePrivileges);
app.enableSandbox();

let mode: DeviceMode = 'kiosk';
let mainWindow: BrowserWindow | null = null;
let core: AppCore | null = null;
let shuttingDown = false;

type ConfigOutcome = { ok: true; config: KioskConfig } | { ok: false; error: unknown };

function readConfig(): ConfigOutcome {
  try {
    const config = loadKioskConfig(process.env, {
      dataDir: defaultDataDir(process.platform, process.env, os.homedir()),
      keystore: app.isPackaged ? 'safe-storage' : 'dev-file',
    });
    return { ok: true, config };
  } catch (error) {
    return { ok: false, error };
  }
}

const configOutcome = readConfig();
if (configOutcome.ok) {
  // Keep Chromium's profile (and with it the single-instance lock) with the kiosk's data, so
  // that two data directories are two independent kiosks.
  // Created here, owner-only, before Chromium creates it with looser permissions. A failure
  // resurfaces when the core opens its files, and is shown on the error page then.
  try {
    mkdirSync(configOutcome.config.dataDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    bootLogger.warn('cannot create the data directory', { error: describe(err) });
  }
  app.setPath('userData', path.join(configOutcome.config.dataDir, 'chromium-profile'));
}

const logFile = openMainLog({
  dataDir: configOutcome.ok ? configOutcome.config.dataDir : null,
  packaged: app.isPackaged,
  interactive: process.stdout.isTTY === true,
  fallback: bootLogger,
});
const logger = logFile.logger.child('main');

installGuards(app, { getMode: () => mode, logger });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    shuttingDown = true;
  });
  app.on('will-quit', (event) => {
    if (!core) return;
    const closing = core;
    core = null;
    event.preventDefault();
    void closing
      .close()
      .catch((err: unknown) => logger.error('core close failed', { error: String(err) }))
      .finally(() => void logFile.close().finally(() => app.quit()));
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      logger.error('startup failed', { error: describe(err) });
      showStartupError(classify(err));
    });
}

// --- After ready -------------------------------------------------------------------------------

async function start(): Promise<void> {
  Menu.setApplicationMenu(null);
  applySessionGuards(session.defaultSession, logger);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: rendererDir }));

  if (!configOutcome.ok) {
    logger.error('configuration refused', { error: describe(configOutcome.error) });
    showStartupError(classify(configOutcome.error));
    return;
  }
  const config = configOutcome.config;

  // safeStorage only reports the real Linux backend after ready, which is why this is here.
  const keystore: Keystore =
    config.keystore === 'safe-storage'
      ? createSafeStorageKeystore({ safeStorage, dataDir: config.dataDir, platform: process.platform, logger })
      : createDevFileKeystore({ dataDir: config.dataDir, packaged: app.isPackaged });

  core = await createAppCore({ config, keystore, version: app.getVersion(), logger: logFile.logger });
  mode = core.mode;
  logger.info('core started', { mode, keystore: keystore.kind, backend: keystore.backend });

  const kioskCore = core;
  registerIpc(ipcMain, kioskCore.dispatch, createSenderCheck(isOurWebContents), { logger: logger.child('ipc') });
  forwardEvents((listener) => kioskCore.onEvent(listener), () => mainWindow?.webContents ?? null);
  const watchLocks = createLockWatcher(async () => {
    await clearRendererStorage(session.defaultSession);
    // A resident's pinch-zoom does not outlive their session.
    const contents = mainWindow?.webContents;
    if (mode === 'kiosk' && contents && !contents.isDestroyed()) await resetPinchZoom(contents);
  }, logger);
  kioskCore.onEvent((event, payload) => watchLocks(event, payload));
  wireLockTriggers(powerMonitor, (reason) => kioskCore.lock(reason), logger);

  if (mode === 'kiosk') {
    powerSaveBlocker.start('prevent-display-sleep');
  }

  openMainWindow(kioskCore);
}

function isOurWebContents(contents: WebContents): boolean {
  return mainWindow !== null && !mainWindow.isDestroyed() && contents.id === mainWindow.webContents.id;
}

function openMainWindow(kioskCore: AppCore): void {
  const win = new BrowserWindow(kioskWindowOptions(preloadPath, mode));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });

  const recovery = createCrashRecovery({
    lock: (reason) => kioskCore.lock(reason),
    reload: () => {
      if (!win.isDestroyed()) void win.loadURL(APP_ENTRY_URL).catch(() => {});
    },
    killRenderer: () => {
      if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer();
    },
    relaunch: (delayMs, generation) => {
      setTimeout(() => {
        shuttingDown = true;
        core = null;
        void kioskCore
          .close()
          .catch((err: unknown) => logger.error('core close before relaunch failed', { error: String(err) }))
          .then(() => logFile.close())
          .finally(() => {
            app.relaunch({ args: relaunchArgs(process.argv, generation, Date.now()) });
            app.exit(0);
          });
      }, delayMs);
    },
    now: () => Date.now(),
    isShuttingDown: () => shuttingDown || win.isDestroyed(),
    logger: logger.child('recovery'),
    generation: parseRelaunchGeneration(process.argv, Date.now()),
  });
  win.webContents.on('render-process-gone', (_event, details) => void recovery.onRenderProcessGone(details));
  win.on('unresponsive', () => void recovery.onUnresponsive());

  void win.loadURL(APP_ENTRY_URL).catch((err: unknown) => logger.error('loading the app failed', { error: describe(err) }));
}

function classify(err: unknown): StartupProblem {
  if (err instanceof ConfigError) return { kind: 'config', detail: err.message };
  if (err instanceof KeystoreError) return { kind: 'keystore', code: err.code, detail: err.message };
  if (err instanceof KeystoreBackendChangedError) return { kind: 'keystore-changed', recorded: err.recorded, current: err.current, detail: err.message };
  if (err instanceof EnrollmentError && err.code !== 'hub_unavailable') return { kind: 'enrollment', code: err.code, detail: err.message };
  // Anything else (the hub unreachable at first enrollment included) may heal by itself.
  const detail = err instanceof Error ? err.message : String(err);
  return { kind: 'unexpected', detail, retryInSeconds: UNEXPECTED_RETRY_SECONDS };
}

function showStartupError(problem: StartupProblem): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.destroy();
  const win = new BrowserWindow(errorWindowOptions());
  mainWindow = win;
  void win.loadURL(startupErrorUrl(problem)).catch(() => {});
  if (problem.kind === 'unexpected') {
    setTimeout(() => {
      app.relaunch();
      app.exit(0);
    }, problem.retryInSeconds * 1000);
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
