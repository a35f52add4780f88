/**
 * `npm start`: the hub embedded on 127.0.0.1 (SQLite, dev mode, demo building) and the
 * kiosk window in Electron, enrolled against it. Run after `npm run build` (npm start does).
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { demoBanner, repoRoot, startDevHub } from './dev-stack';
import { electronNativeBinding } from './electron-native';
import { createLogger } from '../shared/logger';

const log = createLogger('kiot');
const require = createRequire(import.meta.url);

/** Path of the Electron executable; on a machine with network access electron fetches it on first use. */
function electronBinary(): string {
  try {
    return require('electron') as string;
  } catch (err) {
    throw new Error(
      `The Electron binary is not installed and could not be downloaded (${err instanceof Error ? err.message : String(err)}).\n` +
        'On a machine without network access, run the kiosk in a browser instead: npm run start:web',
      { cause: err },
    );
  }
}

async function main(): Promise<void> {
  const electronPath = electronBinary();
  const nativeBinding = await electronNativeBinding((version) =>
    log.info(`building better-sqlite3-multiple-ciphers for Electron ${version} (once; about a minute)…`),
  );

  const dataDir = process.env['KIOT_DATA_DIR'] ?? path.join(repoRoot, '.kiot', 'electron');
  await mkdir(dataDir, { recursive: true });
  const dev = await startDevHub({
    database: process.env['KIOT_DB'] ?? path.join(dataDir, 'hub.sqlite'),
    port: Number(process.env['PORT'] ?? 8787),
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
