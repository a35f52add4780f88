/**
 * What the Electron end-to-end suite needs from the machine, found without side effects:
 * the Electron binary and a display. (The SQLCipher binding for Electron's ABI comes from
 * dev/electron-native.ts, shared with `npm start`.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const electronPackageDir = path.join(repoRoot, 'node_modules', 'electron');

/**
 * The path `require('electron')` would return — computed the same way (path.txt, or
 * ELECTRON_OVERRIDE_DIST_PATH) but without its side effect: when the binary is missing,
 * `require('electron')` starts a download, which would stall or fail test collection offline.
 */
export function findElectron(): { path: string } | { path: null; reason: string } {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = path.join(electronPackageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidate = override
    ? path.join(override, relative ?? 'electron')
    : relative
      ? path.join(electronPackageDir, 'dist', relative)
      : null;
  if (candidate && existsSync(candidate)) return { path: candidate };
  const where = candidate ? path.relative(repoRoot, candidate) : 'node_modules/electron/path.txt missing';
  return {
    path: null,
    reason:
      `Electron binary not installed (${where}); ` +
      'with network access run `node node_modules/electron/install.js` (or set ELECTRON_OVERRIDE_DIST_PATH) and re-run the e2e-electron project',
  };
}

/** Electron needs a display server on Linux; CI runs this project under `xvfb-run`. */
export function displayProblem(): string | null {
  if (process.platform !== 'linux') return null;
  if (process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']) return null;
  return 'no display (DISPLAY / WAYLAND_DISPLAY unset); run the e2e-electron project under xvfb-run';
}

/** Chromium refuses to start as root with its OS sandbox on; the renderer sandbox flag itself stays on. */
export function rootSandboxArgs(): string[] {
  return typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
}
