/**
 * The hub under load, in its own process so the load generator (in the parent) does not
 * share its event loop — the bare Fastify baseline gets the same treatment (bare-child.ts).
 *
 * Started by the harness with `fork`: argv[2] is the database (SQLite path or postgres:// URL),
 * argv[3] `lifted` or `default` (the OTP limits). It seeds the demo building, enrolls one
 * kiosk, signs the first demo resident in, and sends the parent one `ready` message. Every
 * SMS the dev adapter sends is forwarded to the parent, which reads codes from it the way a
 * resident reads their phone. The parent asks for more enrolled devices with `enroll`.
 */
import { randomUUID } from 'node:crypto';
import { createDevSmsAdapter, createHub } from '../../server/app';
import type { SmsAdapter } from '../../server/app';
import { openDatabase } from '../../server/db/connect';
import { insertResidents, insertUnits } from '../../server/db/residents';
import type { ResidentRow, UnitRow } from '../../server/db/schema';
import { silentLogger } from '../../shared/logger';

export type HubChildReady = {
  type: 'ready';
  url: string;
  /** Headers of an enrolled kiosk with the demo resident signed in. */
  headers: Record<string, string>;
  /** The demo residents' numbers, for sign-in load. */
  phones: string[];
  billCount: number;
  billsBodyBytes: number;
};
export type HubChildSms = { type: 'sms'; to: string; body: string };
export type HubChildDevice = { type: 'device'; headers: Record<string, string> };
export type HubChildMessage = HubChildReady | HubChildSms | HubChildDevice;
export type HubParentMessage = { type: 'enroll' };

/** Sign-in load needs more distinct numbers than the demo's handful (one per load worker, and past the per-kiosk cap). */
const EXTRA_RESIDENTS = 60;

async function addResidents(database: string, buildingId: string): Promise<string[]> {
  const db = openDatabase(database);
  try {
    const now = new Date().toISOString();
    const units: UnitRow[] = Array.from({ length: EXTRA_RESIDENTS }, (_, i) => ({
      id: randomUUID(), building_id: buildingId, label: `Z-${String(1001 + i)}`, tower: 'Z', floor: 10 + Math.floor(i / 20), area_m2: 70, motorbikes: 1, cars: 0, created_at: now, updated_at: now,
    }));
    const residents: ResidentRow[] = units.map((u, i) => ({
      id: randomUUID(), building_id: buildingId, unit_id: u.id, full_name: `Cư dân thử tải ${i + 1}`, phone_e164: `+8497${String(5_550_000 + i)}`, email: null, created_at: now, updated_at: now,
    }));
    await db.transaction().execute(async (trx) => {
      await insertUnits(trx, units);
      await insertResidents(trx, residents);
    });
    return residents.map((r) => r.phone_e164);
  } finally {
    await db.destroy();
  }
}

const send = (message: HubChildMessage): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const database = process.argv[2];
  const limits = process.argv[3];
  if (!database || (limits !== 'lifted' && limits !== 'default')) throw new Error('usage: hub-child <database> lifted|default');
  const devSms = createDevSmsAdapter({ clock: () => new Date(), logger: silentLogger });
  const sms: SmsAdapter & { messages: typeof devSms.messages } = {
    messages: () => devSms.messages(),
    send: async (to, body) => {
      await devSms.send(to, body);
      send({ type: 'sms', to, body });
    },
  };
  const lifted = { windowSeconds: 3600, max: 100_000_000 };
  const hub = await createHub({
    database,
    devMode: true,
    sms,
    logger: silentLogger,
    terminal: { print: () => undefined },
    // Every load-test kiosk enrolls from 127.0.0.1, which the guessing throttle would stop after ten.
    enrollmentLimits: { perAddress: lifted, overall: lifted },
    // `lifted`: sign-in throughput without the anti-abuse caps, which a benchmark from one kiosk would hit at once.
    ...(limits === 'lifted'
      ? { otpLimits: { resendAfterSeconds: 0, perNumber: [lifted], perDevice: lifted, perBuilding: lifted, global: lifted } }
      : {}),
  });
  const demo = await hub.seedDemo();
  const extraPhones = await addResidents(database, demo.buildingId);
  const url = await hub.listen({ host: '127.0.0.1', port: 0 });

  const enroll = async (): Promise<Record<string, string>> => {
    const code = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
    const res = await fetch(`${url}/v1/devices/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'Bench kiosk' }) });
    if (res.status !== 200) throw new Error(`enroll answered ${res.status}`);
    const enrolled = (await res.json()) as { deviceId: string; deviceSecret: string };
    return { 'x-kiot-device': `${enrolled.deviceId}.${enrolled.deviceSecret}`, 'content-type': 'application/json' };
  };

  const device = await enroll();
  const resident = demo.residents[0];
  if (!resident) throw new Error('the demo seed has no resident');
  const requested = await fetch(`${url}/v1/auth/otp/request`, { method: 'POST', headers: device, body: JSON.stringify({ phone: resident.phone }) });
  if (requested.status !== 200) throw new Error(`OTP request answered ${requested.status}`);
  const { requestId } = (await requested.json()) as { requestId: string };
  let code: string | undefined;
  for (let i = 0; i < 200 && !code; i++) {
    code = devSms.messages().filter((m) => m.to === resident.phone).at(-1)?.body.match(/\b(\d{6})\b/)?.[1];
    if (!code) await new Promise((r) => setTimeout(r, 5));
  }
  const verified = await fetch(`${url}/v1/auth/otp/verify`, { method: 'POST', headers: device, body: JSON.stringify({ requestId, code }) });
  if (verified.status !== 200) throw new Error(`OTP verify answered ${verified.status}`);
  const { token } = (await verified.json()) as { token: string };
  const headers = { 'x-kiot-device': device['x-kiot-device']!, authorization: `Bearer ${token}` };
  const bills = await fetch(`${url}/v1/me/bills`, { headers });
  const text = await bills.text();
  if (bills.status !== 200) throw new Error(`GET /v1/me/bills answered ${bills.status}`);
  const billCount = (JSON.parse(text) as { bills: unknown[] }).bills.length;

  process.on('message', (message: HubParentMessage) => {
    if (message.type === 'enroll') void enroll().then((h) => send({ type: 'device', headers: h }));
  });
  // The parent ends this process by closing the IPC channel (or killing it).
  process.on('disconnect', () => void hub.close().finally(() => process.exit(0)));
  send({ type: 'ready', url, headers, phones: [...demo.residents.map((r) => r.phone), ...extraPhones], billCount, billsBodyBytes: Buffer.byteLength(text) });
}

main().catch((err: unknown) => {
  process.stderr.write(`hub-child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
