/**
 * `npm start`: the hub embedded on 127.0.0.1 (SQLite, dev mode, demo building) and the
 * kiosk window in Electron, enrolled against it. Run after `npm run build` (npm start does).
 *
 * Electron loads native modules built for its own ABI, while tests run in plain Node; so the
 * kiosk's SQLCipher binding is rebuilt for Electron once, into .kiot/electron-native/, and
 * handed to the app through KIOT_SQLITE_NATIVE_BINDING. node_modules stays built for Node.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createHub } from '../server/app';
import { repoRoot } from './dev-stack';
import { createLogger } from '../shared/logger';

const log = createLogger('kiot');
const require = createRequire(import.meta.url);
const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers';

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

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

async function electronNativeBinding(electronVersion: string): Promise<string> {
  const buildPath = path.join(repoRoot, '.kiot', 'electron-native', electronVersion);
  const moduleDir = path.join(buildPath, 'node_modules', SQLITE_MODULE);
  const binding = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (await exists(binding)) return binding;
  log.info(`building ${SQLITE_MODULE} for Electron ${electronVersion} (once; about a minute)…`);
  await mkdir(path.dirname(moduleDir), { recursive: true });
  await cp(path.join(repoRoot, 'node_modules', SQLITE_MODULE), moduleDir, { recursive: true });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath, electronVersion, onlyModules: [SQLITE_MODULE], force: true, mode: 'sequential' });
  return binding;
}

async function main(): Promise<void> {
  const electronPkg = JSON.parse(await readFile(path.join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  const electronPath = electronBinary();
  const nativeBinding = await electronNativeBinding(electronPkg.version);

  const dataDir = process.env['KIOT_DATA_DIR'] ?? path.join(repoRoot, '.kiot', 'electron');
  await mkdir(dataDir, { recursive: true });
  const hub = await createHub({ database: process.env['KIOT_DB'] ?? path.join(dataDir, 'hub.sqlite'), devMode: true, logger: log.child('hub') });
  const demo = await hub.seedDemo();
  const hubUrl = await hub.listen({ port: Number(process.env['PORT'] ?? 8787), host: '127.0.0.1' });
  const enrollCode = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
  const resident = demo.residents[0];
  process.stdout.write(
    [
      '',
      `  Kiot hub:   ${hubUrl} (${demo.buildingName})`,
      resident ? `  Try:        ${resident.fullName}, ${resident.unitLabel}, phone ${resident.phone}` : '',
      `  SMS codes:  printed below as they are sent, and at ${hubUrl}/v1/dev/sms-outbox`,
      '',
    ]
      .filter((l) => l !== '')
      .join('\n') + '\n',
  );

  const child = spawn(electronPath, [path.join(repoRoot, 'dist', 'main', 'index.cjs')], {
    stdio: 'inherit',
    env: {
      ...process.env,
      KIOT_HUB_URL: hubUrl,
      KIOT_ENROLL_CODE: enrollCode,
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
    void hub.close().finally(() => process.exit(code ?? 0));
  });
}

main().catch((err: unknown) => {
  log.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
