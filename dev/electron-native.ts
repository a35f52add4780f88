/**
 * Electron loads native modules built for its own ABI, while the tests run in plain Node;
 * so the kiosk's SQLCipher binding is rebuilt for Electron once, into
 * .kiot/electron-native/<version>/, and handed to the app through KIOT_SQLITE_NATIVE_BINDING.
 * node_modules stays built for Node. Used by `npm start` and the Electron end-to-end suite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers';

export function electronVersion(): string {
  const pkg = path.join(repoRoot, 'node_modules', 'electron', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** Path of the Electron-ABI `better_sqlite3.node`; builds it on first use (about a minute). */
export async function electronNativeBinding(onBuild?: (version: string) => void): Promise<string> {
  const fromEnv = process.env['KIOT_SQLITE_NATIVE_BINDING'];
  if (fromEnv) return fromEnv;
  const version = electronVersion();
  const buildPath = path.join(repoRoot, '.kiot', 'electron-native', version);
  const moduleDir = path.join(buildPath, 'node_modules', SQLITE_MODULE);
  const binding = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  onBuild?.(version);
  await mkdir(path.dirname(moduleDir), { recursive: true });
  await cp(path.join(repoRoot, 'node_modules', SQLITE_MODULE), moduleDir, { recursive: true });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath, electronVersion: version, onlyModules: [SQLITE_MODULE], force: true, mode: 'sequential' });
  return binding;
}
