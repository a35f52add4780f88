/**
 * `payments`: how long a kiosk waiting on `GET /v1/me/payments/{id}` (the long poll) takes to
 * learn "paid" after the bank's webhook reaches the hub, over loopback, on SQLite and
 * PostgreSQL: from sending the signed webhook to the long poll's answer. Baseline: a plain
 * `GET /v1/me/payments/{id}` (no wait) timed in the same rounds. Budget: p95 ≤ 2000 ms (issue
 * 11: "paid" visible at the kiosk within 2 s; in practice the in-process wake-up answers in
 * milliseconds).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DevSmsOutboxResponse, EnrollResponse, OtpRequestResponse, OtpVerifyResponse, PaymentResponse, PaymentStateResponse, DEVICE_HEADER } from '../../shared/hub-api';
import { silentLogger } from '../../shared/logger';
import { createHub } from '../../server/app';
import { genericSignature } from '../../server/adapters/payments/generic';
import { insertBills } from '../../server/db/bills';
import { openDatabase } from '../../server/db/connect';
import { DEV_WEBHOOK_SECRET } from '../../server/services/payments';
import { DEFAULT_PG_ADMIN_URL, ensureTestPostgres } from '../../dev/test-postgres';
import { makeMetric, percentile } from './report';
import type { BenchContext } from './report';

async function json(url: string, init: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text}`);
  return JSON.parse(text) as unknown;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> =>
  json(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function measure(ctx: BenchContext, database: string, label: string): Promise<void> {
  const hub = await createHub({ database, devMode: true, logger: silentLogger, terminal: { print: () => {} } });
  const db = openDatabase(database);
  try {
    const demo = await hub.seedDemo();
    const base = await hub.listen();
    const device = EnrollResponse.parse(await post(`${base}/v1/devices/enroll`, { code: await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }), name: 'Bench' }));
    const kiosk = { [DEVICE_HEADER]: `${device.deviceId}.${device.deviceSecret}` };
    const phone = demo.residents[2]!.phone;
    const { requestId } = OtpRequestResponse.parse(await post(`${base}/v1/auth/otp/request`, { phone }, kiosk));
    const outbox = DevSmsOutboxResponse.parse(await json(`${base}/v1/dev/sms-outbox`, {}));
    const code = /\b(\d{6})\b/.exec(outbox.messages.filter((m) => m.to === phone).at(-1)!.body)![1]!;
    const { token } = OtpVerifyResponse.parse(await post(`${base}/v1/auth/otp/verify`, { requestId, code }, kiosk));
    const resident = { ...kiosk, authorization: `Bearer ${token}` };
    const { unit_id: unitId } = await db.selectFrom('residents').select('unit_id').where('phone_e164', '=', phone).executeTakeFirstOrThrow();

    const rounds = ctx.quick ? 10 : 40;
    const paid: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < rounds + 3; round++) {
      const billId = `bench-pay-${label}-${round}`;
      await insertBills(db, [
        { id: billId, unit_id: unitId, service: 'parking', month: '2040-01', amount_vnd: 250_000 + round, due_date: '2040-01-15', status: 'unpaid', paid_at: null, meter_unit: null, previous_reading: null, current_reading: null, created_at: new Date().toISOString() },
      ]);
      const { payment } = PaymentResponse.parse(await post(`${base}/v1/me/payments`, { billIds: [billId] }, resident));
      const t0 = performance.now();
      await json(`${base}/v1/me/payments/${payment.id}`, { headers: resident });
      const plain = performance.now() - t0;
      const waiting = json(`${base}/v1/me/payments/${payment.id}?waitMs=20000&seen=open`, { headers: resident });
      // Let the long poll reach the hub and wait, as a kiosk's would long before the money arrives.
      await new Promise((resolve) => setTimeout(resolve, 30));
      const raw = JSON.stringify({ transactionId: `bench-${label}-${round}`, direction: 'in', amountVnd: payment.amountVnd, content: `${payment.code} chuyen tien`, accountNumber: payment.account.accountNumber, receivedAt: new Date().toISOString() });
      const sent = performance.now();
      await json(`${base}/v1/payments/webhooks/generic`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiot-signature': genericSignature(DEV_WEBHOOK_SECRET, Math.floor(Date.now() / 1000), raw) }, body: raw });
      const answer = PaymentStateResponse.parse(await waiting);
      const ms = performance.now() - sent;
      if (answer.payment.status !== 'paid') throw new Error(`round ${round}: the long poll answered ${answer.payment.status}`);
      // The first rounds warm up (JIT, prepared statements, the pool).
      if (round >= 3) {
        paid.push(ms);
        baseline.push(plain);
      }
    }
    ctx.log(`payments ${label}: ${paid.length} webhook → paid rounds`);
    ctx.emit(makeMetric({ metric: `payments.webhookToPaid.${label}.p50`, value: percentile(paid, 0.5), unit: 'ms', baseline: percentile(baseline, 0.5), budget: { atMost: 2000 } }));
    ctx.emit(makeMetric({ metric: `payments.webhookToPaid.${label}.p95`, value: percentile(paid, 0.95), unit: 'ms', baseline: percentile(baseline, 0.95), budget: { atMost: 2000 } }));
  } finally {
    await db.destroy();
    await hub.close();
  }
}

export async function benchPayments(ctx: BenchContext): Promise<void> {
  const dir = await mkdtemp(path.join(ctx.dir, 'payments-'));
  try {
    await measure(ctx, path.join(dir, 'hub.sqlite'), 'sqlite');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const server = await ensureTestPostgres({ adminUrl: process.env['KIOT_TEST_PG_ADMIN_URL'] || DEFAULT_PG_ADMIN_URL, say: ctx.log });
  const dbName = `kiot_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(server.adminUrl);
    url.pathname = `/${dbName}`;
    await measure(ctx, url.href, 'postgres');
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await server.stop();
  }
}
