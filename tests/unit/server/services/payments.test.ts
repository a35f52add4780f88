/**
 * The payment service on a real (in-memory) SQLite hub database, without HTTP: who may see a
 * payment, how a payment code is drawn again when taken, the webhook secret's minimum length,
 * the bank reference's normal form, receipts and their failures, the long poll's wake-ups.
 * The matching over HTTP and on both databases is in tests/integration/hub/payments*.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoticeMessage } from '../../../../server/services/notifications';
import { insertBills } from '../../../../server/db/bills';
import { paymentTables } from '../../../../server/db/payments';
import { createAuditService } from '../../../../server/services/audit';
import { createBillService } from '../../../../server/services/bills';
import { createPayments, MIN_WEBHOOK_SECRET_LENGTH, normalizeBankReference } from '../../../../server/services/payments';
import type { Payer, TransferInput } from '../../../../server/services/payments';
import type { RandomBytes } from '../../../../server/ids';
import { KiotError } from '../../../../shared/result';
import { createMemoryLogger } from '../../../fixtures/memory-logger';
import { createFixture } from '../fixtures';
import type { Fixture } from '../fixtures';

const ACCOUNT = '0071000123456';

let fx: Fixture;
let payer: Payer;
let billSeq = 0;
let txSeq = 0;

type Receipt = { residentId: string; message: NoticeMessage };

function service(opts: { random?: RandomBytes; receipt?: (residentId: string, message: NoticeMessage) => Promise<'sent'> } = {}) {
  const receipts: Receipt[] = [];
  const memory = createMemoryLogger('payments');
  const payments = createPayments({
    db: fx.db,
    clock: fx.clock.now,
    random: opts.random ?? ((n) => randomBytes(n)),
    newId: fx.newId,
    bills: createBillService({ db: fx.db, clock: fx.clock.now }),
    notifications: {
      receipt:
        opts.receipt ??
        (async (residentId, message) => {
          receipts.push({ residentId, message });
          return 'sent' as const;
        }),
    },
    audit: createAuditService({ db: fx.db, clock: fx.clock.now, newId: fx.newId }),
    logger: memory.logger,
  });
  return { payments, receipts, logs: memory };
}

async function refusal(promise: Promise<unknown>): Promise<KiotError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KiotError);
  return err as KiotError;
}

async function newBills(amounts: number[], unitId = payer.unitId): Promise<string[]> {
  const ids = amounts.map(() => `bill-${++billSeq}`);
  await insertBills(
    fx.db,
    amounts.map((amount_vnd, i) => ({
      id: ids[i]!,
      unit_id: unitId,
      service: 'management' as const,
      month: `2030-${String((billSeq % 12) + 1).padStart(2, '0')}`,
      amount_vnd,
      due_date: `2030-01-${String(10 + i).padStart(2, '0')}`,
      status: 'unpaid' as const,
      paid_at: null,
      meter_unit: null,
      previous_reading: null,
      current_reading: null,
      created_at: fx.clock.now().toISOString(),
    })),
  );
  return ids;
}

const transfer = (amountVnd: number, content: string, more: Partial<TransferInput> = {}): TransferInput => ({
  source: 'webhook',
  provider: 'generic',
  providerTxId: `tx-${++txSeq}`,
  direction: 'in',
  amountVnd,
  content,
  accountNumber: ACCOUNT,
  receivedAt: fx.clock.now().toISOString(),
  ...more,
});

beforeEach(async () => {
  fx = await createFixture();
  const unit = await fx.db.selectFrom('residents').innerJoin('units', 'units.id', 'residents.unit_id').select(['units.id', 'units.label']).where('residents.id', '=', fx.residentId).executeTakeFirstOrThrow();
  payer = { id: fx.residentId, unitId: unit.id, unitLabel: unit.label, buildingId: fx.buildingId };
  const { payments } = service();
  await payments.setAccount(fx.buildingId, { bankBin: '970436', bankName: 'Vietcombank', accountNumber: ACCOUNT, accountName: 'BAN QUAN TRI TOA NHA THU' });
});

afterEach(async () => {
  await fx.db.destroy();
});

describe('payments (real SQLite, no HTTP)', () => {
  it("shows and cancels a payment only for the unit and building it was opened for", async () => {
    const { payments } = service();
    const [bill] = await newBills([500_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    const neighbour = await fx.db.insertInto('units').values({ id: fx.newId(), building_id: fx.buildingId, label: 'A-0102', tower: 'A', floor: 1, area_m2: 70, motorbikes: 1, cars: 0, created_at: fx.clock.now().toISOString(), updated_at: fx.clock.now().toISOString() }).returning('id').executeTakeFirstOrThrow();
    const strangers: Payer[] = [
      { ...payer, id: 'someone-else', unitId: neighbour.id, unitLabel: 'A-0102' },
      // The same unit id claimed from another building.
      { ...payer, buildingId: 'another-building' },
    ];
    for (const stranger of strangers) {
      expect((await refusal(payments.wait(stranger, intent.id, { waitMs: 0 }))).code).toBe('not_found');
      expect((await refusal(payments.cancel(stranger, intent.id))).code).toBe('not_found');
    }
    // Untouched, and still the owner's to see.
    const mine = await payments.wait(payer, intent.id, { waitMs: 0 });
    expect(mine.payment).toMatchObject({ id: intent.id, status: 'open' });
    expect(mine.bills.map((b) => b.id)).toEqual([bill]);
  });

  it('refuses a payment for a bill that does not exist, even beside real ones, and opens nothing', async () => {
    const { payments } = service();
    const [bill] = await newBills([500_000]);
    expect((await refusal(payments.createIntent(payer, [bill!, 'no-such-bill']))).code).toBe('not_found');
    expect(await paymentTables(fx.db).selectFrom('payment_intents').select('id').execute()).toEqual([]);
  });

  it('draws another payment code when the one drawn is taken, and gives up after five draws', async () => {
    // Every draw gives the same code: the second intent collides each time.
    let draws = 0;
    const same: RandomBytes = (n) => {
      draws += 1;
      return Buffer.alloc(n, 0);
    };
    const { payments } = service({ random: same });
    const [first, second] = await newBills([100_000, 200_000]);
    await payments.createIntent(payer, [first!]);
    draws = 0;
    const err = await payments.createIntent(payer, [second!]).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/unique/i);
    expect(draws).toBe(5);

    // Taken once, then free: the intent opens with the second code.
    let turn = 0;
    const thenAnother: RandomBytes = (n) => Buffer.alloc(n, turn++ === 0 ? 0 : 1);
    const retried = await service({ random: thenAnother }).payments.createIntent(payer, [second!]);
    expect(turn).toBe(2);
    expect(retried.status).toBe('open');
  });

  it(`refuses a webhook secret shorter than ${MIN_WEBHOOK_SECRET_LENGTH} characters`, async () => {
    const { payments } = service();
    const short = 'x'.repeat(MIN_WEBHOOK_SECRET_LENGTH - 1);
    expect((await refusal(payments.setWebhookSecret(fx.buildingId, 'generic', short))).code).toBe('invalid_input');
    await payments.setWebhookSecret(fx.buildingId, 'generic', 'x'.repeat(MIN_WEBHOOK_SECRET_LENGTH));
    const stored = await paymentTables(fx.db).selectFrom('payment_webhook_secrets').select('secret').execute();
    expect(stored).toEqual([{ secret: 'x'.repeat(MIN_WEBHOOK_SECRET_LENGTH) }]);
  });

  it('receipts say what was paid and what is still due, in Vietnamese and English, to the resident who opened the payment', async () => {
    const { payments, receipts } = service();
    const [a, b, c] = await newBills([1_000_000, 300_000, 200_000]);
    const partly = await payments.createIntent(payer, [a!]);
    expect((await payments.recordTransfer(fx.buildingId, transfer(400_000, partly.code))).outcome).toBe('partial');
    expect((await payments.recordTransfer(fx.buildingId, transfer(600_000, partly.code))).outcome).toBe('matched');
    const over = await payments.createIntent(payer, [b!]);
    expect((await payments.recordTransfer(fx.buildingId, transfer(350_000, over.code))).outcome).toBe('overpaid');
    expect(receipts.map((r) => r.residentId)).toEqual([fx.residentId, fx.residentId, fx.residentId]);
    expect(receipts.map((r) => r.message.sms)).toEqual([
      'Đã nhận 400.000 ₫ thanh toán hóa đơn. Còn phải trả 600.000 ₫.\nReceived 400,000 ₫ for your bills. Still due: 600,000 ₫.',
      'Đã nhận 600.000 ₫ thanh toán hóa đơn. Các hóa đơn đã được thanh toán.\nReceived 600,000 ₫ for your bills. The bills are paid.',
      'Đã nhận 350.000 ₫ thanh toán hóa đơn. Ban quản lý sẽ liên hệ về số tiền chuyển thừa.\nReceived 350,000 ₫ for your bills. The management office will contact you about the extra amount.',
    ]);
    expect(receipts.every((r) => r.message.mail.subject === 'Biên nhận thanh toán / Payment receipt' && r.message.mail.text === r.message.sms)).toBe(true);

    // A payment whose resident is gone (erased) is still recorded, and no receipt is attempted.
    const orphan = await payments.createIntent(payer, [c!]);
    await paymentTables(fx.db).updateTable('payment_intents').set({ resident_id: null }).where('id', '=', orphan.id).execute();
    expect((await payments.recordTransfer(fx.buildingId, transfer(200_000, orphan.code))).outcome).toBe('matched');
    expect(receipts).toHaveLength(3);
  });

  it('records the payment when the receipt cannot be sent, and logs the failure by intent id only', async () => {
    const { payments, logs } = service({
      receipt: async () => {
        throw new TypeError(`SMS gateway refused ${'+84912345678'}`);
      },
    });
    const [bill] = await newBills([300_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    expect((await payments.recordTransfer(fx.buildingId, transfer(300_000, intent.code))).outcome).toBe('matched');
    expect((await payments.wait(payer, intent.id, { waitMs: 0 })).payment.status).toBe('paid');
    const failed = logs.entries.filter((e) => e.msg === 'Payment receipt failed');
    expect(failed).toEqual([expect.objectContaining({ level: 'warn', data: { intentId: intent.id, errorType: 'TypeError' } })]);
    expect(logs.text()).not.toContain('912345678');
  });

  it('the long poll returns after its wait when nothing happens, and at once when the payment is paid, cancelled or the hub closes', async () => {
    const { payments } = service();
    const [a, b, c] = await newBills([100_000, 100_000, 100_000]);

    const idle = await payments.createIntent(payer, [a!]);
    let started = performance.now();
    expect((await payments.wait(payer, idle.id, { waitMs: 300, seen: 'open' })).payment.status).toBe('open');
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);

    started = performance.now();
    const paying = payments.wait(payer, idle.id, { waitMs: 20_000, seen: 'open' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await payments.recordTransfer(fx.buildingId, transfer(100_000, idle.code));
    expect((await paying).payment.status).toBe('paid');

    const cancelling = await payments.createIntent(payer, [b!]);
    const waiting = payments.wait(payer, cancelling.id, { waitMs: 20_000, seen: 'open' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await payments.cancel(payer, cancelling.id)).status).toBe('cancelled');
    expect((await waiting).payment.status).toBe('cancelled');

    const closing = await payments.createIntent(payer, [c!]);
    const beforeClose = payments.wait(payer, closing.id, { waitMs: 20_000, seen: 'open' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    payments.close();
    expect((await beforeClose).payment.status).toBe('open');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('the long poll sees a payment another hub recorded on the same database within about half a second', async () => {
    const here = service().payments;
    const elsewhere = service().payments;
    const [bill] = await newBills([100_000]);
    const intent = await here.createIntent(payer, [bill!]);
    const started = performance.now();
    const waiting = here.wait(payer, intent.id, { waitMs: 20_000, seen: 'open' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await elsewhere.recordTransfer(fx.buildingId, transfer(100_000, intent.code));
    expect((await waiting).payment.status).toBe('paid');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('only an open payment can be cancelled', async () => {
    const { payments } = service();
    const [bill] = await newBills([100_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    await payments.recordTransfer(fx.buildingId, transfer(40_000, intent.code));
    expect((await refusal(payments.cancel(payer, intent.id))).code).toBe('wrong_state');
    expect((await payments.wait(payer, intent.id, { waitMs: 0 })).payment.status).toBe('partially_paid');
  });

  it('writes a bank reference one way: no spaces, upper case; nothing when empty or over 200 characters', () => {
    expect(normalizeBankReference(' ft 2632 9000\t777 ')).toBe('FT26329000777');
    expect(normalizeBankReference('   ')).toBeNull();
    expect(normalizeBankReference(undefined)).toBeNull();
    expect(normalizeBankReference('a'.repeat(200))).toBe('A'.repeat(200));
    expect(normalizeBankReference('a'.repeat(201))).toBeNull();
  });
});
