/**
 * `npm run start:web`: the embedded hub + the kiosk core + the web host, for developing and
 * testing the product in a browser. Prints the URL to open and a demo resident to try.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { assertPortsFree, buildRenderer, demoBanner, demoStaffBanner, PortInUseError, repoRoot, startDevStack } from './dev-stack';
import { ConfigError } from '../electron/core/platform/config';
import { createLogger } from '../shared/logger';

const log = createLogger('kiot');

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ConfigError([`${name}="${raw}": expected a TCP port number between 0 and 65535 (e.g. ${name}=${fallback})`]);
  }
  return n;
}

async function main(): Promise<void> {
  const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const hubPort = intFromEnv('PORT', 8787);
  const webPort = intFromEnv('KIOT_WEB_PORT', 5180);
  // Before the build and before the hub seeds anything: a busy port is said at once, with its variable.
  await assertPortsFree([
    { port: hubPort, variable: 'PORT' },
    { port: webPort, variable: 'KIOT_WEB_PORT' },
  ]);
  if (!process.argv.includes('--no-build')) {
    log.info('building the renderer…');
    await buildRenderer();
  }
  const dataDir = process.env['KIOT_DATA_DIR'] ?? path.join(repoRoot, '.kiot', 'dev');
  // `npm run start:web -- --manager` (or KIOT_MODE=manager): the browser shows the manager console.
  const manager = process.argv.includes('--manager') || process.env['KIOT_MODE'] === 'manager';
  const stack = await startDevStack({
    dataDir,
    ...(process.env['KIOT_DB'] ? { hubDatabase: process.env['KIOT_DB'] } : {}),
    hubPort,
    webPort,
    kioskEnv: process.env,
    version: pkg.version,
    logger: log,
    mode: manager ? 'manager' : 'kiosk',
    ...(process.env['KIOT_STAFF_IDLE_SECONDS'] ? { staffIdleSeconds: intFromEnv('KIOT_STAFF_IDLE_SECONDS', 600) } : {}),
  });
  process.stdout.write(demoBanner(stack, manager ? [`  Console:    open ${stack.web.url}`, ...demoStaffBanner()] : [`  Kiosk:      open ${stack.web.url}`]));

  const stop = (): void => {
    void stack.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof PortInUseError) {
    log.error(err.message);
  } else {
    log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
  process.exit(1);
});
