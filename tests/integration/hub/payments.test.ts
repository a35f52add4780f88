/**
 * Paying bills by VietQR at the hub, over loopback HTTP, on SQLite and PostgreSQL: a resident
 * opens a payment intent; signed webhooks (generic HMAC and SePay's format) bring transfers
 * that pay it exactly, partly or too much, or match nothing; stale, badly signed, repeated,
 * outgoing and wrong-account deliveries change nothing; the long poll answers when the money
 * arrives; the receipt goes by SMS; the nightly sweep expires forgotten intents; a hub that is
 * not in dev mode and has no secret refuses webhooks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BillsResponse, DevMailOutboxResponse, DevSmsOutboxResponse, OtpRequestResponse, OtpVerifyResponse, PaymentResponse, PaymentStateResponse, WebhookResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { PAYMENT_CODE_ALPHABET } from '../../../shared/payments';
import type { PaymentIntent } from '../../../shared/payments';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { genericSignature } from '../../../server/adapters/payments/generic';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { insertBills } from '../../../server/db/bills';
import { paymentTables } from '../../../server/db/payments';
import type { AuditTables } from '../../../server/db/audit';
import { DEV_WEBHOOK_SECRET } from '../../../server/services/payments';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, latestCode, T0 } from './helpers';
import type { Device, Reply } from './helpers';

const ACCOUNT = '1023456789';

describe.each(backends)('payments over HTTP on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  let resident: Record<string, string>;
  let unitId: string;
  let residentPhone: string;
  let billSeq = 0;
  let txSeq = 0;

  beforeAll(async () => {
    database = await backend.create();
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} } });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    residentPhone = demo.residents[0]!.phone;
    const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: residentPhone }, headers: kiosk.header });
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const outbox = DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: latestCode(outbox, residentPhone) }, headers: kiosk.header });
    resident = { ...kiosk.header, authorization: `Bearer ${OtpVerifyResponse.parse(verified.body).token}` };
    const row = await db.selectFrom('residents').select('unit_id').where('phone_e164', '=', residentPhone).executeTakeFirstOrThrow();
    unitId = row.unit_id;
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  const ok = (reply: Reply): unknown => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };

  /** Fresh unpaid bills of the resident's unit, due in the order given. */
  async function newBills(amounts: number[], unit = unitId): Promise<string[]> {
    const ids = amounts.map(() => `bill-pay-${++billSeq}`);
    await insertBills(
      db,
      amounts.map((amount_vnd, i) => ({
        id: ids[i]!,
        unit_id: unit,
        service: 'management' as const,
        month: `20${30 + Math.floor(billSeq / 12)}-${String((billSeq % 12) + 1).padStart(2, '0')}`,
        amount_vnd,
        due_date: `2027-01-${String(10 + i).padStart(2, '0')}`,
        status: 'unpaid' as const,
        paid_at: null,
        meter_unit: null,
        previous_reading: null,
        current_reading: null,
        created_at: T0.toISOString(),
      })),
    );
    return ids;
  }

  async function pay(billIds: string[]): Promise<PaymentIntent> {
    return PaymentResponse.parse(ok(await call(base, 'POST', '/v1/me/payments', { json: { billIds }, headers: resident }))).payment;
  }

  async function state(id: string, query = ''): Promise<PaymentStateResponse> {
    return PaymentStateResponse.parse(ok(await call(base, 'GET', `/v1/me/payments/${id}${query}`, { headers: resident })));
  }

  type Transfer = { transactionId?: string; direction?: 'in' | 'out'; amountVnd: number; content: string; accountNumber?: string };

  function genericBody(t: Transfer): string {
    return JSON.stringify({
      transactionId: t.transactionId ?? `tx-${++txSeq}`,
      direction: t.direction ?? 'in',
      amountVnd: t.amountVnd,
      content: t.content,
      accountNumber: t.accountNumber ?? ACCOUNT,
      receivedAt: clock.now().toISOString(),
    });
  }

  async function webhook(raw: string, opts: { secret?: string; t?: number; header?: string } = {}): Promise<Reply> {
    const t = opts.t ?? Math.floor(clock.now().getTime() / 1000);
    const header = opts.header ?? genericSignature(opts.secret ?? DEV_WEBHOOK_SECRET, t, raw);
    return call(base, 'POST', '/v1/payments/webhooks/generic', { raw, headers: { 'x-kiot-signature': header } });
  }

  async function recorded(t: Transfer): Promise<string> {
    return WebhookResponse.parse(ok(await webhook(genericBody(t)))).recorded;
  }

  const transferCount = async (): Promise<number> => (await paymentTables(db).selectFrom('bank_transfers').select('id').execute()).length;

  it('opens one intent per set of bills: a KT code, the exact amount, the building account and a VietQR payload', async () => {
    const bills = await newBills([1_250_000, 430_000]);
    const intent = await pay(bills);
    expect(intent).toMatchObject({ status: 'open', amountVnd: 1_680_000, receivedVnd: 0, paidAt: null, billIds: [...bills].sort() });
    expect(intent.code).toMatch(new RegExp(`^KT[${PAYMENT_CODE_ALPHABET}]{8}$`));
    expect(intent.account).toEqual({ bankBin: '970436', bankName: 'Vietcombank', accountNumber: ACCOUNT, accountName: 'BAN QUAN TRI CHUNG CU SONG HONG' });
    expect(intent.qrPayload).toContain(`0010A000000727`);
    expect(intent.qrPayload).toContain(`${intent.code.length.toString().padStart(2, '0')}${intent.code}`);
    expect(new Date(intent.expiresAt).getTime() - new Date(intent.createdAt).getTime()).toBe(24 * 3600 * 1000);
    // The same bills again (in any order): the same intent, not a second code.
    expect((await pay([...bills].reverse())).id).toBe(intent.id);
    // A different set is another intent.
    expect((await pay([bills[0]!])).id).not.toBe(intent.id);
  });

  it("refuses another unit's bill (404) and a paid bill (409)", async () => {
    const other = await db.selectFrom('units').select('id').where('building_id', '=', demo.buildingId).where('id', '!=', unitId).executeTakeFirstOrThrow();
    const [foreign] = await newBills([100_000], other.id);
    const reply = await call(base, 'POST', '/v1/me/payments', { json: { billIds: [foreign] }, headers: resident });
    expect(reply.status).toBe(404);
    expect(errorOf(reply).code).toBe('not_found');
    const [bill] = await newBills([200_000]);
    const intent = await pay([bill!]);
    expect(await recorded({ amountVnd: 200_000, content: intent.code })).toBe('matched');
    const again = await call(base, 'POST', '/v1/me/payments', { json: { billIds: [bill] }, headers: resident });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('wrong_state');
  });

  it('a signed webhook with the exact amount pays the intent and its bills, and the resident gets a receipt by SMS', async () => {
    const bills = await newBills([1_250_000, 430_000]);
    const intent = await pay(bills);
    const smsBefore = DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body).messages.length;
    // As a banking app writes it: lower case, spaces and dashes inside the code, words around it.
    const spaced = `chuyen tien ${intent.code.slice(0, 4).toLowerCase()} - ${intent.code.slice(4)} can ho`;
    expect(await recorded({ amountVnd: 1_680_000, content: spaced })).toBe('matched');
    const after = await state(intent.id);
    expect(after.payment).toMatchObject({ status: 'paid', receivedVnd: 1_680_000, paidAt: clock.now().toISOString() });
    expect(after.bills.map((b) => [b.status, b.paidVnd])).toEqual([
      ['paid', 1_250_000],
      ['paid', 430_000],
    ]);
    // The bills list shows them paid too.
    const list = BillsResponse.parse(ok(await call(base, 'GET', '/v1/me/bills', { headers: resident }))).bills;
    expect(list.filter((b) => bills.includes(b.id)).every((b) => b.status === 'paid')).toBe(true);
    const messages = DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body).messages.slice(smsBefore);
    expect(messages.filter((m) => m.to === residentPhone).map((m) => m.body)).toEqual([expect.stringContaining('Đã nhận 1.680.000 ₫')]);
    // One audit event by the system for the webhook's payment, naming the transfer and intent only.
    const transfer = await paymentTables(db).selectFrom('bank_transfers').select('id').where('intent_id', '=', intent.id).executeTakeFirstOrThrow();
    const events = await db
      .withTables<AuditTables>()
      .selectFrom('audit_events')
      .select(['actor_kind', 'actor_id', 'resident_id', 'detail'])
      .where('action', '=', 'payment.reconciled')
      .where('detail', 'like', `%${transfer.id}%`)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_kind: 'system', actor_id: 'payments-webhook-generic', resident_id: null });
    expect(JSON.parse(events[0]!.detail!)).toEqual({ transferId: transfer.id, match: 'matched', intentId: intent.id });
  });

  it('sends the receipt by email to a resident who chose email for receipts, and tells what is still due', async () => {
    const me = await db.selectFrom('residents').select(['id', 'email']).where('phone_e164', '=', residentPhone).executeTakeFirstOrThrow();
    const email = me.email ?? 'payments.receipt@example.vn';
    if (me.email === null) await db.updateTable('residents').set({ email }).where('id', '=', me.id).execute();
    await db.transaction().execute((trx) => hub.consents.setReceiptChannel(trx, me.id, 'email'));
    try {
      const [bill] = await newBills([1_000_000]);
      const intent = await pay([bill!]);
      const smsBefore = DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body).messages.filter((m) => m.to === residentPhone).length;
      const mailBefore = DevMailOutboxResponse.parse((await call(base, 'GET', '/v1/dev/mail-outbox')).body).messages.length;
      expect(await recorded({ amountVnd: 400_000, content: intent.code })).toBe('partial');
      const mails = DevMailOutboxResponse.parse((await call(base, 'GET', '/v1/dev/mail-outbox')).body).messages.slice(mailBefore);
      expect(mails.map((m) => [m.to, m.subject])).toEqual([[email, 'Biên nhận thanh toán / Payment receipt']]);
      expect(mails[0]!.text).toContain('Đã nhận 400.000 ₫');
      expect(mails[0]!.text).toContain('Còn phải trả 600.000 ₫');
      expect(mails[0]!.text).toContain('Still due: 600,000 ₫');
      // Not by SMS as well.
      expect(DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body).messages.filter((m) => m.to === residentPhone)).toHaveLength(smsBefore);
    } finally {
      await db.transaction().execute((trx) => hub.consents.setReceiptChannel(trx, me.id, 'sms'));
    }
  });

  it('records a repeated delivery once (duplicate), and counts nothing twice', async () => {
    const [bill] = await newBills([300_000]);
    const intent = await pay([bill!]);
    const raw = genericBody({ transactionId: 'tx-dup', amountVnd: 100_000, content: intent.code });
    expect(WebhookResponse.parse(ok(await webhook(raw))).recorded).toBe('partial');
    const count = await transferCount();
    expect(WebhookResponse.parse(ok(await webhook(raw))).recorded).toBe('duplicate');
    expect(await transferCount()).toBe(count);
    expect((await state(intent.id)).payment).toMatchObject({ status: 'partially_paid', receivedVnd: 100_000 });
  });

  it('refuses stale, badly signed, tampered and unsigned webhooks with 401, recording nothing', async () => {
    const [bill] = await newBills([500_000]);
    const intent = await pay([bill!]);
    const count = await transferCount();
    const raw = genericBody({ amountVnd: 500_000, content: intent.code });
    const now = Math.floor(clock.now().getTime() / 1000);
    const refusals = [
      await webhook(raw, { t: now - 301 }),
      await webhook(raw, { t: now + 301 }),
      await webhook(raw, { secret: 'someone-elses-secret-0123456789' }),
      await webhook(raw.replace('500000', '5000000'), { header: genericSignature(DEV_WEBHOOK_SECRET, now, raw) }),
      await call(base, 'POST', '/v1/payments/webhooks/generic', { raw }),
      await webhook(raw, { header: `t=${now},v1=${'0'.repeat(64)}` }),
    ];
    expect(refusals.map((r) => [r.status, errorOf(r).code])).toEqual(refusals.map(() => [401, 'unauthorized']));
    expect(errorOf(refusals[0]!).message).toMatch(/too old/);
    expect(await transferCount()).toBe(count);
    expect((await state(intent.id)).payment.status).toBe('open');
    // Just inside the 5 minutes it counts.
    expect(WebhookResponse.parse(ok(await webhook(raw, { t: now - 299 }))).recorded).toBe('matched');
  });

  it('ignores outgoing transfers and transfers to another account', async () => {
    const [bill] = await newBills([700_000]);
    const intent = await pay([bill!]);
    const count = await transferCount();
    expect(await recorded({ amountVnd: 700_000, content: intent.code, direction: 'out' })).toBe('ignored');
    expect(await recorded({ amountVnd: 700_000, content: intent.code, accountNumber: '9999999999' })).toBe('ignored');
    expect(await transferCount()).toBe(count);
    expect((await state(intent.id)).payment.status).toBe('open');
  });

  it('a smaller amount pays part (oldest bill first), the rest stays due; the rest then completes it', async () => {
    const bills = await newBills([400_000, 600_000]);
    const intent = await pay(bills);
    expect(await recorded({ amountVnd: 550_000, content: `TT ${intent.code}` })).toBe('partial');
    let now = await state(intent.id);
    expect(now.payment).toMatchObject({ status: 'partially_paid', receivedVnd: 550_000, paidAt: null });
    expect(now.bills.map((b) => [b.id, b.status === 'paid', b.paidVnd])).toEqual([
      [bills[0], true, 400_000],
      [bills[1], false, 150_000],
    ]);
    // The QR now asks for what is still due.
    expect(now.payment.qrPayload).toContain('5406450000');
    expect(await recorded({ amountVnd: 450_000, content: intent.code })).toBe('matched');
    now = await state(intent.id);
    expect(now.payment).toMatchObject({ status: 'paid', receivedVnd: 1_000_000 });
    expect(now.bills.every((b) => b.status === 'paid' && b.paidVnd === b.amountVnd)).toBe(true);
  });

  it('more than due, or a second payment, is an overpayment for managers; the bills are paid', async () => {
    const [bill] = await newBills([800_000]);
    const intent = await pay([bill!]);
    expect(await recorded({ amountVnd: 900_000, content: intent.code })).toBe('overpaid');
    const now = await state(intent.id);
    expect(now.payment).toMatchObject({ status: 'overpaid', receivedVnd: 900_000 });
    expect(now.bills[0]).toMatchObject({ status: 'paid', paidVnd: 800_000 });

    const [second] = await newBills([250_000]);
    const paid = await pay([second!]);
    expect(await recorded({ amountVnd: 250_000, content: paid.code })).toBe('matched');
    expect(await recorded({ amountVnd: 250_000, content: paid.code })).toBe('overpaid');
    expect((await state(paid.id)).payment).toMatchObject({ status: 'overpaid', receivedVnd: 500_000 });
    const rows = await paymentTables(db).selectFrom('bank_transfers').select(['match', 'intent_id']).where('intent_id', '=', paid.id).orderBy('recorded_at').orderBy('id').execute();
    expect(rows.map((r) => r.match).sort()).toEqual(['matched', 'overpaid']);
  });

  it('a transfer without a known code is recorded unmatched', async () => {
    expect(await recorded({ amountVnd: 1_000_000, content: 'NGUYEN VAN A chuyen khoan phi quan ly' })).toBe('unmatched');
    // A code-shaped text that is no intent's code is unmatched too.
    expect(await recorded({ amountVnd: 1_000_000, content: 'KT23456789' })).toBe('unmatched');
    const row = await paymentTables(db).selectFrom('bank_transfers').selectAll().where('content', '=', 'KT23456789').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ match: 'unmatched', intent_id: null, payment_code: null, source: 'webhook', provider: 'generic' });
  });

  it("accepts SePay's documented format with its API key, Vietnam time converted to UTC", async () => {
    const [bill] = await newBills([2_277_000]);
    const intent = await pay([bill!]);
    const body = {
      id: 92704,
      gateway: 'Vietcombank',
      transactionDate: '2026-11-25 09:40:12',
      accountNumber: ACCOUNT,
      code: null,
      content: `${intent.code} thanh toan`,
      transferType: 'in',
      transferAmount: 2_277_000,
      accumulated: 19_077_000,
      subAccount: null,
      referenceCode: 'MBVCB.3278907687',
      description: '',
    };
    const post = (authorization: string): Promise<Reply> => call(base, 'POST', '/v1/payments/webhooks/sepay', { json: body, headers: { authorization } });
    const bad = await post('Apikey not-the-key-at-all-000');
    expect([bad.status, errorOf(bad).code]).toEqual([401, 'unauthorized']);
    expect(WebhookResponse.parse(ok(await post(`Apikey ${DEV_WEBHOOK_SECRET}`))).recorded).toBe('matched');
    expect(WebhookResponse.parse(ok(await post(`Apikey ${DEV_WEBHOOK_SECRET}`))).recorded).toBe('duplicate');
    const row = await paymentTables(db).selectFrom('bank_transfers').selectAll().where('provider', '=', 'sepay').where('provider_tx_id', '=', '92704').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ received_at: '2026-11-25T02:40:12.000Z', amount_vnd: 2_277_000, intent_id: intent.id, match: 'matched' });
    expect((await state(intent.id)).payment.status).toBe('paid');
  });

  it('the long poll answers at once when the status differs, and wakes when the money arrives', async () => {
    const [bill] = await newBills([150_000]);
    const intent = await pay([bill!]);
    // Already different from what the caller saw: at once.
    expect((await state(intent.id, '?waitMs=25000&seen=paid')).payment.status).toBe('open');
    const waiting = call(base, 'GET', `/v1/me/payments/${intent.id}?waitMs=25000&seen=open`, { headers: resident });
    // Let the poll reach the hub and start waiting before the money arrives.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await recorded({ amountVnd: 150_000, content: intent.code })).toBe('matched');
    const answer = PaymentStateResponse.parse(ok(await waiting));
    expect(answer.payment.status).toBe('paid');
    expect(answer.bills[0]).toMatchObject({ id: bill, status: 'paid', paidVnd: 150_000 });
  });

  it("cancels an open intent; another resident's intent is not found", async () => {
    const [bill] = await newBills([90_000]);
    const intent = await pay([bill!]);
    const cancelled = PaymentResponse.parse(ok(await call(base, 'POST', `/v1/me/payments/${intent.id}/cancel`, { headers: resident }))).payment;
    expect(cancelled.status).toBe('cancelled');
    const again = await call(base, 'POST', `/v1/me/payments/${intent.id}/cancel`, { headers: resident });
    expect([again.status, errorOf(again).code]).toEqual([409, 'wrong_state']);
    // The bill can be paid with a new intent.
    expect((await pay([bill!])).id).not.toBe(intent.id);
    const missing = await call(base, 'GET', '/v1/me/payments/no-such-intent', { headers: resident });
    expect(missing.status).toBe(404);
  });

  it('the nightly sweep expires and flags intents open for more than 24 hours with no money', async () => {
    const [forgotten, partly] = await newBills([60_000, 70_000]);
    const idle = await pay([forgotten!]);
    const part = await pay([partly!]);
    expect(await recorded({ amountVnd: 10_000, content: part.code })).toBe('partial');
    clock.advance(24 * 3600 + 60);
    const report = await hub.runJobsOnce();
    expect(report['payment-sweep']?.done).toBeGreaterThanOrEqual(1);
    // (The resident's session has ended by now: the rows are read directly.)
    const intents = paymentTables(db).selectFrom('payment_intents').select(['status', 'flagged_at', 'closed_reason']);
    expect(await intents.where('id', '=', idle.id).executeTakeFirstOrThrow()).toEqual({ status: 'expired', flagged_at: clock.now().toISOString(), closed_reason: 'expired' });
    // Money arrived on this one: not swept.
    expect(await intents.where('id', '=', part.id).executeTakeFirstOrThrow()).toEqual({ status: 'partially_paid', flagged_at: null, closed_reason: null });
    // Money that arrives later still matches by its code.
    expect(await recorded({ amountVnd: 60_000, content: idle.code })).toBe('matched');
  });
});

describe.each(backends)('webhooks on a production hub without a secret on $name', (backend) => {
  it('refuses them with a clear error until a secret is configured, then accepts signed ones', async () => {
    const database = await backend.create();
    const hub = await createHub({ database: database.url, devMode: false, clock: () => T0, logger: silentLogger });
    try {
      const demo = await hub.seedDemo();
      const base = await hub.listen();
      const raw = JSON.stringify({ transactionId: 'p-1', direction: 'in', amountVnd: 1000, content: 'x', accountNumber: ACCOUNT, receivedAt: T0.toISOString() });
      const t = Math.floor(T0.getTime() / 1000);
      // Not even the dev secret: a production hub has none by default.
      const refused = await call(base, 'POST', '/v1/payments/webhooks/generic', { raw, headers: { 'x-kiot-signature': genericSignature(DEV_WEBHOOK_SECRET, t, raw) } });
      expect(refused.status).toBe(503);
      expect(errorOf(refused)).toMatchObject({ code: 'hub_unavailable', message: expect.stringMatching(/No webhook secret is configured for provider "generic"/) });
      const secret = 'a-production-secret-of-the-building';
      await hub.payments.setWebhookSecret(demo.buildingId, 'generic', secret);
      const dev = await call(base, 'POST', '/v1/payments/webhooks/generic', { raw, headers: { 'x-kiot-signature': genericSignature(DEV_WEBHOOK_SECRET, t, raw) } });
      expect(dev.status).toBe(401);
      const accepted = await call(base, 'POST', '/v1/payments/webhooks/generic', { raw, headers: { 'x-kiot-signature': genericSignature(secret, t, raw) } });
      expect(WebhookResponse.parse(accepted.body).recorded).toBe('unmatched');
    } finally {
      await hub.close();
      await database.drop();
    }
  });
});
