/**
 * `npm run bench`: prints measurements, asserts nothing. Compare ratios within one run;
 * the machines are noisy.
 *
 *   1. Kiosk database open: raw 32-byte key (what Kiot does) vs. a passphrase (PBKDF2).
 *   2. Hub on loopback HTTP, SQLite and PostgreSQL: demo seed, OTP request + verify, bills list.
 *   3. Sync (issue 6), SQLite hub: outbox flush of 1,000 writes, snapshot pull of a
 *      2,000-unit building, incremental pull of 100 changes; each beside a baseline and its budget.
 *
 * `npm run bench -- sync` (or `kiosk`, `hub`) runs only those sections.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { createHub } from '../../server/app';
import type { DevSmsAdapter } from '../../server/app';
import { createDevSmsAdapter } from '../../server/app';
import { openKioskDatabase } from '../../electron/core/db/open';
import { silentLogger } from '../../shared/logger';
import { DEFAULT_PG_ADMIN_URL, ensureTestPostgres } from '../../dev/test-postgres';
import { median, stats, time } from './measure';
import { benchSync } from './sync';


async function benchKioskOpen(dir: string): Promise<void> {
  const rawFile = path.join(dir, 'raw.db');
  const key = randomBytes(32);
  openKioskDatabase(rawFile, key).close();
  const raw: number[] = [];
  for (let i = 0; i < 20; i++) raw.push((await time(() => openKioskDatabase(rawFile, key).close()))[1]);

  const passFile = path.join(dir, 'pass.db');
  const openWithPassphrase = (): void => {
    const db = new Database(passFile);
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key='correct horse battery staple'`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.close();
  };
  openWithPassphrase();
  const pass: number[] = [];
  for (let i = 0; i < 5; i++) pass.push((await time(openWithPassphrase))[1]);

  process.stdout.write(`kiosk db open, raw key:    ${stats(raw)}\n`);
  process.stdout.write(`kiosk db open, passphrase: ${stats(pass)}\n`);
  process.stdout.write(`  passphrase / raw key (median): ${(median(pass) / median(raw)).toFixed(0)}x\n`);
}

async function benchHub(label: string, database: string): Promise<void> {
  const sms: DevSmsAdapter = createDevSmsAdapter({ clock: () => new Date(), logger: silentLogger });
  const hub = await createHub({
    database,
    devMode: true,
    sms,
    logger: silentLogger,
    // The benchmark signs in many residents from one device; the production caps would stop it.
    otpLimits: { perDevice: { windowSeconds: 3600, max: 1_000_000 }, global: { windowSeconds: 3600, max: 1_000_000 } },
  });
  try {
    const [demo, seedMs] = await time(() => hub.seedDemo());
    const base = await hub.listen();
    const code = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
    const enrolled = (await (
      await fetch(`${base}/v1/devices/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'bench' }) })
    ).json()) as { deviceId: string; deviceSecret: string };
    const device = { 'x-kiot-device': `${enrolled.deviceId}.${enrolled.deviceSecret}`, 'content-type': 'application/json' };

    const logins: number[] = [];
    const bills: number[] = [];
    const residents = demo.residents.slice(0, 60);
    for (const r of residents) {
      const [token, ms] = await time(async () => {
        const req = (await (await fetch(`${base}/v1/auth/otp/request`, { method: 'POST', headers: device, body: JSON.stringify({ phone: r.phone }) })).json()) as { requestId: string };
        let body: string | undefined;
        for (let i = 0; i < 100 && !body; i++) {
          body = sms.messages().filter((m) => m.to === r.phone).at(-1)?.body;
          if (!body) await new Promise((res) => setTimeout(res, 1));
        }
        const otp = body?.match(/\b(\d{6})\b/)?.[1];
        const verified = (await (
          await fetch(`${base}/v1/auth/otp/verify`, { method: 'POST', headers: device, body: JSON.stringify({ requestId: req.requestId, code: otp }) })
        ).json()) as { token: string };
        return verified.token;
      });
      logins.push(ms);
      for (let i = 0; i < 20; i++) {
        bills.push((await time(() => fetch(`${base}/v1/me/bills`, { headers: { ...device, authorization: `Bearer ${token}` } }).then((r) => r.json())))[1]);
      }
    }
    process.stdout.write(`hub ${label}: demo seed ${seedMs.toFixed(0)}ms\n`);
    process.stdout.write(`hub ${label}: OTP request + verify ${stats(logins)}\n`);
    process.stdout.write(`hub ${label}: GET /v1/me/bills (24 months) ${stats(bills)}\n`);
  } finally {
    await hub.close();
  }
}

const SECTIONS = ['kiosk', 'hub', 'sync'] as const;
type Section = (typeof SECTIONS)[number];

/** `npm run bench -- sync hub` runs only the named sections; no name runs them all. */
function chosenSections(args: readonly string[]): ReadonlySet<Section> {
  const unknown = args.filter((a) => !(SECTIONS as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown bench section ${unknown.join(', ')} (known: ${SECTIONS.join(', ')})`);
  return new Set(args.length === 0 ? SECTIONS : (args as Section[]));
}

async function main(): Promise<void> {
  const sections = chosenSections(process.argv.slice(2));
  const dir = await mkdtemp(path.join(tmpdir(), 'kiot-bench-'));
  try {
    if (sections.has('kiosk')) await benchKioskOpen(dir);
    if (sections.has('hub')) await benchHubBothBackends(dir);
    if (sections.has('sync')) await benchSync(dir, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchHubBothBackends(dir: string): Promise<void> {
  await benchHub('sqlite', path.join(dir, 'hub.sqlite'));

  // The configured server, or an embedded one when it does not answer (one line says so).
  const server = await ensureTestPostgres({
    adminUrl: process.env['KIOT_TEST_PG_ADMIN_URL'] || DEFAULT_PG_ADMIN_URL,
    say: (line) => process.stdout.write(`${line}\n`),
  });
  const dbName = `kiot_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(server.adminUrl);
    url.pathname = `/${dbName}`;
    await benchHub('postgres', url.href);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await server.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
