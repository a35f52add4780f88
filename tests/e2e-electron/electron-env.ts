/**
 * What the Electron end-to-end suite needs from the machine, found without side effects:
 * the Electron binary, a display, and the SQLCipher binding built for Electron's ABI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const electronPackageDir = path.join(repoRoot, 'node_modules', 'electron');
const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers';

export function electronVersion(): string {
  return (JSON.parse(readFileSync(path.join(electronPackageDir, 'package.json'), 'utf8')) as { version: string }).version;
}

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

/**
 * The kiosk's native SQLCipher module built for Electron (node_modules keeps the Node build
 * the unit and integration tests use). Same cache as `npm start`: .kiot/electron-native/.
 */
export async function electronNativeBinding(): Promise<string> {
  const fromEnv = process.env['KIOT_SQLITE_NATIVE_BINDING'];
  if (fromEnv) return fromEnv;
  const version = electronVersion();
  const buildPath = path.join(repoRoot, '.kiot', 'electron-native', version);
  const moduleDir = path.join(buildPath, 'node_modules', SQLITE_MODULE);
  const binding = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  await mkdir(path.dirname(moduleDir), { recursive: true });
  await cp(path.join(repoRoot, 'node_modules', SQLITE_MODULE), moduleDir, { recursive: true });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath, electronVersion: version, onlyModules: [SQLITE_MODULE], force: true, mode: 'sequential' });
  return binding;
}

/** Chromium refuses to start as root with its OS sandbox on; the renderer sandbox flag itself stays on. */
export function rootSandboxArgs(): string[] {
  return typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
}
