import { describe, expect, it } from 'vitest';
import { errorWindowOptions, kioskWindowOptions } from '../../../electron/main/window';

const preload = '/app/dist/preload/index.cjs';

describe('kioskWindowOptions', () => {
  it('kiosk mode is a frameless, full-screen kiosk window', () => {
    const options = kioskWindowOptions(preload, 'kiosk');
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, show: false, resizable: false, movable: false, minimizable: false });
  });

  it('manager mode is a normal framed window', () => {
    const options = kioskWindowOptions(preload, 'manager');
    expect(options.kiosk).toBe(false);
    expect(options.fullscreen).toBe(false);
    expect(options.frame).toBe(true);
    expect(options.width).toBeGreaterThanOrEqual(1024);
    expect(options.height).toBeGreaterThanOrEqual(700);
  });

  it.each(['kiosk', 'manager'] as const)('%s mode has hardened webPreferences', (mode) => {
    const prefs = kioskWindowOptions(preload, mode).webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload,
    });
  });

  it('devtools are off in kiosk mode only', () => {
    expect(kioskWindowOptions(preload, 'kiosk').webPreferences?.devTools).toBe(false);
    expect(kioskWindowOptions(preload, 'manager').webPreferences?.devTools).toBe(true);
  });
});

describe('errorWindowOptions', () => {
  it('has no preload, so the error page can reach nothing', () => {
    const prefs = errorWindowOptions().webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(prefs).not.toHaveProperty('preload');
  });
});
