/**
 * `npm start`: the hub embedded on 127.0.0.1 (SQLite, dev mode, demo building) and the
 * kiosk window in Electron, enrolled against it. Run after `npm run build` (npm start does).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { assertPortsFree, demoBanner, repoRoot, startDevHub } from './dev-stack';
import { electronNativeBinding } from './electron-native';
import { createLogger } from '../shared/logger';

const log = createLogger('kiot');

/** Said in one line: what is missing and what to run instead. */
class ElectronMissingError extends Error {
  constructor() {
    super(
      'The Electron binary is not installed (node_modules/electron has no downloaded dist), so the kiosk window cannot open. ' +
        'Run the kiosk in a browser instead: npm run start:web (or, with network access, fetch Electron once: node node_modules/electron/install.js)',
    );
    this.name = 'ElectronMissingError';
  }
}

/**
 * Path of the installed Electron executable, read the way the electron package finds it, but
 * without its download on first use: offline that prints a stack trace and Electron's own
 * advice before anything useful.
 */
function installedElectron(): string {
  const packageDir = path.join(repoRoot, 'node_modules', 'electron');
  let executable: string | null;
  try {
    executable = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    executable = null;
  }
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const full = override ? path.join(override, executable || 'electron') : executable ? path.join(packageDir, 'dist', executable) : null;
  if (full === null || !existsSync(full)) throw new ElectronMissingError();
  return full;
}

async function main(): Promise<void> {
  const electronPath = installedElectron();
  const port = Number(process.env['PORT'] ?? 8787);
  // Before the hub opens its database and seeds the demo: a busy port is said at once, with its variable.
  await assertPortsFree([{ port, variable: 'PORT' }]);
  const nativeBinding = await electronNativeBinding((version) =>
    log.info(`building better-sqlite3-multiple-ciphers for Electron ${version} (once; about a minute)…`),
  );

  const dataDir = process.env['KIOT_DATA_DIR'] ?? path.join(repoRoot, '.kiot', 'electron');
  await mkdir(dataDir, { recursive: true });
  const dev = await startDevHub({
    database: process.env['KIOT_DB'] ?? path.join(dataDir, 'hub.sqlite'),
    port,
    logger: log,
  });
  process.stdout.write(demoBanner(dev));

  const child = spawn(electronPath, [path.join(repoRoot, 'dist', 'main', 'index.cjs')], {
    stdio: 'inherit',
    env: {
      ...process.env,
      KIOT_HUB_URL: dev.hubUrl,
      KIOT_ENROLL_CODE: await dev.enrollmentCode(),
      KIOT_KEYSTORE: process.env['KIOT_KEYSTORE'] ?? 'dev-file',
      KIOT_DATA_DIR: path.join(dataDir, 'kiosk'),
      KIOT_SQLITE_NATIVE_BINDING: nativeBinding,
    },
  });
  const stop = (): void => {
    child.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.on('exit', (code) => {
    void dev.hub.close().finally(() => process.exit(code ?? 0));
  });
}

main().catch((err: unknown) => {
  log.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
