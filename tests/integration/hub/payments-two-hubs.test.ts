/**
 * Two hubs on one PostgreSQL database, as a building runs them behind a load balancer: the
 * same webhook delivered to both at the same moment records one payment; two different
 * transfers for one intent at once both count; a kiosk long-polling one hub learns of a
 * transfer the other hub recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevSmsOutboxResponse, OtpRequestResponse, OtpVerifyResponse, PaymentResponse, PaymentStateResponse, WebhookResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import type { PaymentIntent } from '../../../shared/payments';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { genericSignature } from '../../../server/adapters/payments/generic';
import { insertBills } from '../../../server/db/bills';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { paymentTables } from '../../../server/db/payments';
import { DEV_WEBHOOK_SECRET } from '../../../server/services/payments';
import { postgresBackend } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, latestCode, T0 } from './helpers';
import type { Reply } from './helpers';

describe('payments with two hubs on one PostgreSQL', () => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let first: Hub;
  let second: Hub;
  let bases: [string, string];
  let demo: DemoInfo;
  let db: HubDb;
  let resident: Record<string, string>;
  let unitId: string;
  let seq = 0;

  beforeAll(async () => {
    database = await postgresBackend.create();
    const options = { database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} } };
    first = await createHub(options);
    demo = await first.seedDemo();
    second = await createHub(options);
    await second.seedDemo();
    bases = [await first.listen(), await second.listen()];
    db = openDatabase(database.url);
    const kiosk = await enroll(bases[0], await first.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    const phone = demo.residents[1]!.phone;
    const requested = await call(bases[0], 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header });
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const outbox = DevSmsOutboxResponse.parse((await call(bases[0], 'GET', '/v1/dev/sms-outbox')).body);
    const verified = await call(bases[0], 'POST', '/v1/auth/otp/verify', { json: { requestId, code: latestCode(outbox, phone) }, headers: kiosk.header });
    resident = { ...kiosk.header, authorization: `Bearer ${OtpVerifyResponse.parse(verified.body).token}` };
    unitId = (await db.selectFrom('residents').select('unit_id').where('phone_e164', '=', phone).executeTakeFirstOrThrow()).unit_id;
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await db?.destroy();
    await database?.drop();
  });

  async function intentFor(amounts: number[]): Promise<PaymentIntent> {
    const ids = amounts.map(() => `bill-two-${++seq}`);
    await insertBills(
      db,
      amounts.map((amount_vnd, i) => ({
        id: ids[i]!,
        unit_id: unitId,
        service: 'parking' as const,
        month: `2031-${String((seq % 12) + 1).padStart(2, '0')}`,
        amount_vnd,
        due_date: '2027-02-01',
        status: 'unpaid' as const,
        paid_at: null,
        meter_unit: null,
        previous_reading: null,
        current_reading: null,
        created_at: T0.toISOString(),
      })),
    );
    const reply = await call(bases[0], 'POST', '/v1/me/payments', { json: { billIds: ids }, headers: resident });
    return PaymentResponse.parse(reply.body).payment;
  }

  function signed(base: string, raw: string): Promise<Reply> {
    const t = Math.floor(clock.now().getTime() / 1000);
    return call(base, 'POST', '/v1/payments/webhooks/generic', { raw, headers: { 'x-kiot-signature': genericSignature(DEV_WEBHOOK_SECRET, t, raw) } });
  }

  const body = (transactionId: string, amountVnd: number, content: string): string =>
    JSON.stringify({ transactionId, direction: 'in', amountVnd, content, accountNumber: '1023456789', receivedAt: clock.now().toISOString() });

  it('the same webhook delivered to both hubs at once records exactly one payment', async () => {
    for (let round = 0; round < 5; round++) {
      const intent = await intentFor([300_000, 200_000]);
      const raw = body(`same-${round}`, 500_000, intent.code);
      const replies = await Promise.all(bases.map((base) => signed(base, raw)));
      expect(replies.map((r) => WebhookResponse.parse(r.body).recorded).sort()).toEqual(['duplicate', 'matched']);
      const t = paymentTables(db);
      expect(await t.selectFrom('bank_transfers').select('id').where('intent_id', '=', intent.id).execute()).toHaveLength(1);
      const row = await t.selectFrom('payment_intents').select(['status', 'received_vnd']).where('id', '=', intent.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'paid', received_vnd: 500_000 });
      const paid = await t.selectFrom('bills').select(['paid_vnd', 'status']).where('id', 'in', intent.billIds).orderBy('amount_vnd', 'desc').execute();
      expect(paid).toEqual([
        { paid_vnd: 300_000, status: 'paid' },
        { paid_vnd: 200_000, status: 'paid' },
      ]);
      const allocations = await t.selectFrom('payment_allocations').select('amount_vnd').where('bill_id', 'in', intent.billIds).execute();
      expect(allocations.map((a) => a.amount_vnd).sort()).toEqual([200_000, 300_000]);
    }
  });

  it('two different transfers for one intent at once both count (the intent row is locked in turn)', async () => {
    const intent = await intentFor([1_000_000]);
    const replies = await Promise.all([signed(bases[0], body('half-a', 400_000, intent.code)), signed(bases[1], body('half-b', 600_000, intent.code))]);
    expect(replies.map((r) => WebhookResponse.parse(r.body).recorded).sort()).toEqual(['matched', 'partial']);
    const row = await paymentTables(db).selectFrom('payment_intents').select(['status', 'received_vnd']).where('id', '=', intent.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'paid', received_vnd: 1_000_000 });
  });

  it('a long poll on one hub answers when the other hub records the transfer', async () => {
    const intent = await intentFor([120_000]);
    const waiting = call(bases[1], 'GET', `/v1/me/payments/${intent.id}?waitMs=20000&seen=open`, { headers: resident });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(WebhookResponse.parse((await signed(bases[0], body('cross-1', 120_000, intent.code))).body).recorded).toBe('matched');
    const answer = PaymentStateResponse.parse((await waiting).body);
    expect(answer.payment.status).toBe('paid');
    expect(answer.bills.map((b) => b.status)).toEqual(['paid']);
  });
});
