/**
 * Everything `npm run start:web` runs, as one function so that the end-to-end tests start
 * exactly the same stack: the hub embedded on 127.0.0.1 (SQLite, dev mode, demo building),
 * a kiosk core enrolled against it, and the web host serving the renderer.
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { build as viteBuild } from 'vite';
import { createHub } from '../server/app';
import type { DemoInfo, Hub } from '../server/app';
import type { DevTerminal } from '../server/log';
import { createAppCore } from '../electron/core/create-core';
import { loadKioskConfig } from '../electron/core/platform/config';
import { createDevFileKeystore } from '../electron/core/platform/keystore/dev-file-keystore';
import { startWebHost } from './web-host/server';
import type { WebHost } from './web-host/server';
import type { AppCore, Clock } from '../electron/core/api';
import type { Logger } from '../shared/logger';
import { silentLogger } from '../shared/logger';
import type { DeviceMode } from '../shared/domain';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../server/seed';
import { localPhone } from '../shared/phone';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const rendererDir = path.join(repoRoot, 'dist', 'renderer');

export type DevStackOptions = {
  /** Where the hub's SQLite file and the kiosk's encrypted database live. */
  dataDir: string;
  /** Overrides the hub database (SQLite path or postgres:// URL). */
  hubDatabase?: string;
  hubPort?: number;
  webPort?: number;
  /** Extra kiosk settings, as environment variables (KIOT_IDLE_SECONDS …), validated like the real ones. */
  kioskEnv?: Record<string, string | undefined>;
  version?: string;
  logger?: Logger;
  /** Defaults to the built renderer in dist/renderer. */
  rendererDir?: string;
  /** Where the dev SMS and mail texts are printed; by default the terminal (stdout). */
  terminal?: DevTerminal;
  /** Test hook: the kiosk core's clock, so end-to-end tests drive the idle timers instead of waiting them out. */
  clock?: Clock;
  /** Test hook: the address the kiosk uses for the hub (e.g. a proxy the test can cut), given the hub's own. */
  kioskHubUrl?: (hubUrl: string) => string;
  /** `manager`: the core enrolls as a manager workstation and the browser shows the console (default `kiosk`). */
  mode?: DeviceMode;
  /** Manager mode: idle seconds before the console locks (default 10 minutes). */
  staffIdleSeconds?: number;
  /** Test hook: `false` leaves the core's background sync off, so a test's hub sees only what the test does. */
  sync?: false;
};

export type DevStack = DevHub & {
  core: AppCore;
  web: WebHost;
  close(): Promise<void>;
};

/** A port the dev stack wants, with the environment variable that chooses it. */
export type WantedPort = { port: number; variable: string };

/** Said in one line by `npm start` / `npm run start:web`, before anything is seeded. */
export class PortInUseError extends Error {
  constructor(readonly wanted: WantedPort) {
    super(
      `Port ${wanted.port} on 127.0.0.1 is already in use (another Kiot still running?). ` +
        `Stop that program, or choose another port: ${wanted.variable}=${wanted.port + 1}`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Fails with `PortInUseError` naming the first port that is taken and its variable. Checked
 * before the hub opens its database and seeds the demo, so a busy port costs nothing and says
 * what to change. (Port 0 means "any free port" and is not checked.)
 */
export async function assertPortsFree(wanted: readonly WantedPort[]): Promise<void> {
  for (const w of wanted) {
    if (w.port === 0) continue;
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' || err.code === 'EACCES' ? new PortInUseError(w) : err));
      probe.listen(w.port, '127.0.0.1', () => probe.close(() => resolve()));
    });
  }
}

export async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
}

export type DevHub = { hub: Hub; hubUrl: string; demo: DemoInfo; enrollmentCode(mode?: DeviceMode): Promise<string> };

/** The hub embedded on 127.0.0.1 in dev mode (SMS outbox on), with the demo building seeded. */
export async function startDevHub(opts: { database: string; port?: number; logger?: Logger; terminal?: DevTerminal }): Promise<DevHub> {
  const hub = await createHub({
    database: opts.database,
    devMode: true,
    jobs: 'scheduled',
    logger: (opts.logger ?? silentLogger).child('hub'),
    ...(opts.terminal ? { terminal: opts.terminal } : {}),
  });
  const demo = await hub.seedDemo();
  const hubUrl = await hub.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  return { hub, hubUrl, demo, enrollmentCode: (mode: DeviceMode = 'kiosk') => hub.createEnrollmentCode({ buildingId: demo.buildingId, mode }) };
}

/** The console's demo sign-in (dev mode only: the hub gives the demo staff a password only then). */
export function demoStaffBanner(): string[] {
  return [
    `  Staff:      ${DEMO_STAFF.map((s) => `${s.username} (${s.fullName}, ${s.role})`).join(', ')}`,
    `              password ${DEMO_STAFF_PASSWORD}; the code arrives in the SMS outbox below`,
  ];
}

/** What `npm start` and `npm run start:web` print: where things are and whom to log in as. */
export function demoBanner(dev: DevHub, extra: readonly string[] = []): string {
  const resident = dev.demo.residents[0];
  const lines = [
    '',
    `  Kiot is running (${dev.demo.buildingName}).`,
    `  Hub:        ${dev.hubUrl}`,
    ...extra,
    // Written as the resident types it on the keypad, which has no +.
    resident ? `  Try:        ${resident.fullName}, ${resident.unitLabel}, phone ${localPhone(resident.phone)}` : '',
    // The seed has a demo staff member view this resident's profile (server/seed.ts).
    dev.demo.residents[1] ? `  Audited:    ${dev.demo.residents[1].fullName}, phone ${localPhone(dev.demo.residents[1].phone)}, sees a staff view under "Ai đã truy cập dữ liệu của tôi"` : '',
    // The seed has this resident choose under policy version 1 (server/services/consents.ts).
    dev.demo.residents[4] ? `  Re-consent: ${dev.demo.residents[4].fullName}, phone ${localPhone(dev.demo.residents[4].phone)}, is asked to review a changed purpose after sign-in` : '',
    `  SMS codes:  printed below as they are sent, and at ${dev.hubUrl}/v1/dev/sms-outbox`,
    `  Mail:       printed below as it is sent, and at ${dev.hubUrl}/v1/dev/mail-outbox`,
    `  Payments:   post bank webhooks to ${dev.hubUrl}/v1/payments/webhooks/generic signed with the dev secret (docs/payments.md)`,
    '  Stop with Ctrl+C.',
    '',
  ];
  return lines.filter((l) => l !== '').join('\n') + '\n';
}

export async function startDevStack(opts: DevStackOptions): Promise<DevStack> {
  const log = opts.logger ?? silentLogger;
  await mkdir(opts.dataDir, { recursive: true });
  const dev = await startDevHub({
    database: opts.hubDatabase ?? path.join(opts.dataDir, 'hub.sqlite'),
    ...(opts.hubPort !== undefined ? { port: opts.hubPort } : {}),
    logger: log,
    ...(opts.terminal ? { terminal: opts.terminal } : {}),
  });
  const { hub, hubUrl } = dev;

  const mode = opts.mode ?? 'kiosk';
  // Its own directory per mode: a device keeps the mode it enrolled with.
  const kioskDir = path.join(opts.dataDir, mode === 'manager' ? 'manager' : 'kiosk');
  const config = loadKioskConfig(
    {
      ...opts.kioskEnv,
      KIOT_DATA_DIR: kioskDir,
      KIOT_KEYSTORE: 'dev-file',
      KIOT_HUB_URL: opts.kioskHubUrl?.(hubUrl) ?? hubUrl,
      // Used only if this kiosk has no identity yet; an unused code simply expires.
      KIOT_ENROLL_CODE: await dev.enrollmentCode(mode),
      KIOT_DEVICE_NAME: opts.kioskEnv?.['KIOT_DEVICE_NAME'] ?? (mode === 'manager' ? 'Dev console' : 'Dev kiosk'),
    },
    { dataDir: kioskDir, keystore: 'dev-file' },
  );
  const core = await createAppCore({
    config,
    keystore: createDevFileKeystore({ dataDir: config.dataDir, packaged: false }),
    version: opts.version ?? '0.0.0-dev',
    logger: log.child('kiosk'),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.staffIdleSeconds !== undefined ? { staffIdleSeconds: opts.staffIdleSeconds } : {}),
    ...(opts.sync === false ? { sync: false } : {}),
  });
  const web = await startWebHost({ core, rendererDir: opts.rendererDir ?? rendererDir, port: opts.webPort ?? 0, logger: log.child('web-host') });

  return {
    ...dev,
    core,
    web,
    close: async () => {
      await web.close();
      await core.close();
      await hub.close();
    },
  };
}
