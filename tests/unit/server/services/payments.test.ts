/**
 * The payment service on a real (in-memory) SQLite hub database, without HTTP: who may see a
 * payment, how a payment code is drawn again when taken, the webhook secret's minimum length,
 * the bank reference's normal form, receipts and their failures, the long poll's wake-ups.
 * The matching over HTTP and on both databases is in tests/integration/hub/payments*.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NoticeMessage } from '../../../../server/services/notifications';
import { insertBills } from '../../../../server/db/bills';
import { paymentTables } from '../../../../server/db/payments';
import { createAuditService } from '../../../../server/services/audit';
import { createBillService } from '../../../../server/services/bills';
import { genericSignature } from '../../../../server/adapters/payments/generic';
import { createPayments, MIN_WEBHOOK_SECRET_LENGTH, normalizeBankReference, TRANSFERS_PER_TRANSACTION } from '../../../../server/services/payments';
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
    // A neighbour's bill beside one's own is refused too.
    const [theirs] = await newBills([100_000], neighbour.id);
    expect((await refusal(payments.createIntent(payer, [bill!, theirs!]))).code).toBe('not_found');
    for (const stranger of strangers) {
      expect((await refusal(payments.wait(stranger, intent.id, { waitMs: 0 }))).code).toBe('not_found');
      expect((await refusal(payments.cancel(stranger, intent.id))).code).toBe('not_found');
    }
    // Untouched, and still the owner's to see.
    const mine = await payments.wait(payer, intent.id, { waitMs: 0 });
    expect(mine.payment).toMatchObject({ id: intent.id, status: 'open' });
    expect(mine.bills.map((b) => b.id)).toEqual([bill]);
  });

  it('shows the open payment again only for exactly the same bills', async () => {
    const { payments } = service();
    const [a, b, c] = await newBills([100_000, 200_000, 400_000]);
    const justA = await payments.createIntent(payer, [a!]);
    const aAndB = await payments.createIntent(payer, [b!, a!]);
    expect(aAndB.id).not.toBe(justA.id);
    expect(aAndB.amountVnd).toBe(300_000);
    expect((await payments.createIntent(payer, [a!, b!])).id).toBe(aAndB.id);
    const aAndC = await payments.createIntent(payer, [a!, c!]);
    expect(aAndC.id).not.toBe(aAndB.id);
    expect(aAndC.amountVnd).toBe(500_000);
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
    // After the first re-poll has found nothing: the later ones still look.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await elsewhere.recordTransfer(fx.buildingId, transfer(100_000, intent.code));
    expect((await waiting).payment.status).toBe('paid');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('the long poll answers at once when the caller saw another status, or none', async () => {
    const { payments } = service();
    const [bill] = await newBills([100_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    for (const opts of [{ waitMs: 20_000, seen: 'paid' as const }, { waitMs: 20_000 }]) {
      const started = performance.now();
      expect((await payments.wait(payer, intent.id, opts)).payment.status).toBe('open');
      // Well under the 500 ms re-poll that would end a wait begun by mistake.
      expect(performance.now() - started).toBeLessThan(400);
    }
  });

  it('the re-poll does not end the wait while nothing changed', async () => {
    const { payments } = service();
    const [bill] = await newBills([100_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    const started = performance.now();
    expect((await payments.wait(payer, intent.id, { waitMs: 1_300, seen: 'open' })).payment.status).toBe('open');
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_250);
  });

  it("puts the building's bank and account and what is still due into the QR payload", async () => {
    const { payments } = service();
    const [bill] = await newBills([500_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    // EMVCo tags: 0006 + BIN inside the beneficiary block, 01 + length + account, 54 the amount.
    expect(intent.qrPayload).toContain(`0006970436`);
    expect(intent.qrPayload).toContain(`01${String(ACCOUNT.length).padStart(2, '0')}${ACCOUNT}`);
    expect(intent.qrPayload).toContain('5406500000');
    await payments.recordTransfer(fx.buildingId, transfer(200_000, intent.code));
    const after = await payments.wait(payer, intent.id, { waitMs: 0 });
    expect(after.payment.qrPayload).toContain('5406300000');
    expect(after.payment.account).toEqual({ bankBin: '970436', bankName: 'Vietcombank', accountNumber: ACCOUNT, accountName: 'BAN QUAN TRI TOA NHA THU' });
  });

  it('keeps why a payment was closed: the resident cancelled it', async () => {
    const { payments } = service();
    const [bill] = await newBills([100_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    await payments.cancel(payer, intent.id);
    const row = await paymentTables(fx.db).selectFrom('payment_intents').selectAll().where('id', '=', intent.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'cancelled', closed_reason: 'resident', closed_at: fx.clock.now().toISOString() });
  });

  it('in a statement, finds the payment code after another code-shaped word that is no payment', async () => {
    const { payments } = service();
    const [bill] = await newBills([150_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    const decoy = intent.code === 'KT22222222' ? 'KT33333333' : 'KT22222222';
    const [row] = await payments.recordTransfers(fx.buildingId, [transfer(150_000, `${decoy} ${intent.code}`, { source: 'statement' })]);
    expect(row?.outcome).toBe('matched');
    expect((await payments.wait(payer, intent.id, { waitMs: 0 })).payment.status).toBe('paid');
  });

  it('logs what it did by ids and counts only, never what the transfer said or its amount', async () => {
    const { payments, logs } = service();
    const [bill] = await newBills([410_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    const paid = await payments.recordTransfer(fx.buildingId, transfer(410_000, `NGUYEN VAN AN A-0101 ${intent.code}`));
    await payments.recordTransfers(fx.buildingId, [transfer(5_000, 'phi gui xe'), transfer(6_000, 'phi nuoc')]);
    const data = (msg: string): unknown[] => logs.entries.filter((e) => e.msg === msg).map((e) => e.data);
    expect(data('Payment intent opened')).toEqual([{ intentId: intent.id, bills: 1 }]);
    expect(data('Transfer recorded')).toEqual([{ transferId: paid.transfer!.id, match: 'matched', source: 'webhook', provider: 'generic' }]);
    expect(data('Transfers recorded')).toEqual([{ rows: 2, recorded: 2 }]);
    expect(logs.text()).not.toMatch(/NGUYEN|410000|410\.000/);
  });

  it('wakes a kiosk waiting on this hub the moment the payment is recorded, without waiting for the re-poll', async () => {
    const { payments } = service();
    const [bill] = await newBills([120_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    // The wait's timeout and the re-poll stand still: only the hub's own wake-up can end the wait.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      let answered: string | null = null;
      const waiting = payments.wait(payer, intent.id, { waitMs: 20_000, seen: 'open' }).then((r) => (answered = r.payment.status));
      await payments.recordTransfer(fx.buildingId, transfer(120_000, intent.code));
      for (let i = 0; i < 100 && answered === null; i += 1) await new Promise((resolve) => setImmediate(resolve));
      expect(answered).toBe('paid');
      await waiting;
    } finally {
      vi.useRealTimers();
    }
  });

  it('only an open payment can be cancelled', async () => {
    const { payments } = service();
    const [bill] = await newBills([100_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    await payments.recordTransfer(fx.buildingId, transfer(40_000, intent.code));
    expect((await refusal(payments.cancel(payer, intent.id))).code).toBe('wrong_state');
    expect((await payments.wait(payer, intent.id, { waitMs: 0 })).payment.status).toBe('partially_paid');
  });

  it('matches a transfer by the code in its content: the exact amount pays, less pays part (oldest bill first), more is overpaid, no code is unmatched', async () => {
    const { payments } = service();
    const [older, newer, third, fourth] = await newBills([400_000, 600_000, 250_000, 300_000]);
    const both = await payments.createIntent(payer, [newer!, older!]);

    const part = await payments.recordTransfer(fx.buildingId, transfer(550_000, `ck ${both.code.toLowerCase().slice(0, 5)} ${both.code.slice(5)} a-0101`));
    expect(part.outcome).toBe('partial');
    expect(part.transfer).toMatchObject({ match: 'partial', paymentCode: both.code, intentId: both.id, unitLabels: [payer.unitLabel], amountVnd: 550_000 });
    let seen = await payments.wait(payer, both.id, { waitMs: 0 });
    expect(seen.payment).toMatchObject({ status: 'partially_paid', receivedVnd: 550_000, paidAt: null });
    expect(seen.bills.map((b) => [b.id, b.status, b.paidVnd])).toEqual([
      [older, 'paid', 400_000],
      [newer, 'unpaid', 150_000],
    ]);

    const rest = await payments.recordTransfer(fx.buildingId, transfer(450_000, both.code));
    expect(rest.outcome).toBe('matched');
    seen = await payments.wait(payer, both.id, { waitMs: 0 });
    expect(seen.payment).toMatchObject({ status: 'paid', receivedVnd: 1_000_000, paidAt: fx.clock.now().toISOString() });
    expect(seen.bills.every((b) => b.status === 'paid' && b.paidVnd === b.amountVnd)).toBe(true);
    // Money for an intent already paid is an overpayment; nothing more is allocated.
    fx.clock.advance(60);
    const again = await payments.recordTransfer(fx.buildingId, transfer(100_000, both.code));
    expect(again.outcome).toBe('overpaid');
    expect(again.transfer?.unitLabels).toEqual([]);
    seen = await payments.wait(payer, both.id, { waitMs: 0 });
    expect(seen.payment).toMatchObject({ status: 'overpaid', receivedVnd: 1_100_000 });
    // Paid when the bills were: the later overpayment does not move the time.
    expect(seen.payment.paidAt).toBe(new Date(fx.clock.now().getTime() - 60_000).toISOString());

    const exact = await payments.createIntent(payer, [third!]);
    expect((await payments.recordTransfer(fx.buildingId, transfer(250_000, `TT ${exact.code}`))).outcome).toBe('matched');
    expect((await payments.wait(payer, exact.id, { waitMs: 0 })).payment.status).toBe('paid');

    const more = await payments.createIntent(payer, [fourth!]);
    const over = await payments.recordTransfer(fx.buildingId, transfer(320_000, more.code));
    expect(over.outcome).toBe('overpaid');
    seen = await payments.wait(payer, more.id, { waitMs: 0 });
    expect(seen.payment).toMatchObject({ status: 'overpaid', receivedVnd: 320_000, paidAt: fx.clock.now().toISOString() });
    expect(seen.bills[0]).toMatchObject({ status: 'paid', paidVnd: 300_000 });

    const none = await payments.recordTransfer(fx.buildingId, transfer(320_000, 'phi quan ly can ho A-0101'));
    expect(none.outcome).toBe('unmatched');
    expect(none.transfer).toMatchObject({ match: 'unmatched', paymentCode: null, intentId: null, unitLabels: [] });
  });

  it('records a bank transfer once: the same provider transaction, or the same bank reference to the account for the same amount, is a duplicate of the first', async () => {
    const { payments } = service();
    const [bill] = await newBills([500_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    const first = await payments.recordTransfer(fx.buildingId, transfer(200_000, intent.code, { providerTxId: 'tx-once', bankReference: 'FT 2632 9000 777' }));
    expect(first.outcome).toBe('partial');

    const retried = await payments.recordTransfer(fx.buildingId, transfer(200_000, intent.code, { providerTxId: 'tx-once' }));
    expect(retried).toMatchObject({ outcome: 'duplicate', transfer: { id: first.transfer!.id, match: 'partial', unitLabels: [payer.unitLabel] } });
    // The statement's row for the same transfer: another source and id, the same reference however spelt.
    const onStatement = await payments.recordTransfer(fx.buildingId, transfer(200_000, intent.code, { source: 'statement', provider: 'statement:vietcombank', providerTxId: 'row-9', bankReference: 'ft26329000777' }));
    expect(onStatement).toMatchObject({ outcome: 'duplicate', transfer: { id: first.transfer!.id } });
    expect((await payments.wait(payer, intent.id, { waitMs: 0 })).payment.receivedVnd).toBe(200_000);

    // The same reference for another amount, or with no reference at all, is another transfer.
    expect((await payments.recordTransfer(fx.buildingId, transfer(100_000, intent.code, { providerTxId: 'tx-other', bankReference: 'FT26329000777' }))).outcome).toBe('partial');
    expect((await payments.recordTransfer(fx.buildingId, transfer(100_000, intent.code, { providerTxId: 'tx-third', bankReference: null }))).outcome).toBe('partial');
    expect((await payments.wait(payer, intent.id, { waitMs: 0 })).payment.receivedVnd).toBe(400_000);
    expect(await paymentTables(fx.db).selectFrom('bank_transfers').select('id').execute()).toHaveLength(3);
  });

  it('records neither money leaving the account nor money sent to another account; the account number may be spaced, dotted or dashed', async () => {
    const { payments } = service();
    const [bill] = await newBills([500_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    expect(await payments.recordTransfer(fx.buildingId, transfer(500_000, intent.code, { direction: 'out' }))).toEqual({ transfer: null, outcome: 'outgoing' });
    expect(await payments.recordTransfer(fx.buildingId, transfer(500_000, intent.code, { accountNumber: '0071000123457' }))).toEqual({ transfer: null, outcome: 'wrong_account' });
    expect(await paymentTables(fx.db).selectFrom('bank_transfers').select('id').execute()).toEqual([]);
    // A building without an account records nothing either.
    const otherBuilding = await fx.db.selectFrom('buildings').select('id').where('id', '!=', fx.buildingId).executeTakeFirstOrThrow();
    expect((await payments.recordTransfer(otherBuilding.id, transfer(500_000, intent.code))).outcome).toBe('wrong_account');
    const spaced = await payments.recordTransfer(fx.buildingId, transfer(500_000, intent.code, { accountNumber: '0071 000.123-456' }));
    expect(spaced.outcome).toBe('matched');
    // Stored as the building's own spelling.
    expect(spaced.transfer?.accountNumber).toBe(ACCOUNT);
  });

  it("records a statement's rows in one call with the outcomes they would have one by one, across transactions of 500", async () => {
    const { payments, receipts } = service();
    const [a, b, c] = await newBills([300_000, 200_000, 100_000]);
    const one = await payments.createIntent(payer, [a!]);
    const two = await payments.createIntent(payer, [b!]);
    const three = await payments.createIntent(payer, [c!]);
    // Recorded earlier by webhook: the statement's copy of it is a duplicate.
    const earlier = await payments.recordTransfer(fx.buildingId, transfer(100_000, three.code, { providerTxId: 'wh-1', bankReference: 'REF-3' }));
    const row = (providerTxId: string, amountVnd: number, content: string, more: Partial<TransferInput> = {}): TransferInput =>
      transfer(amountVnd, content, { source: 'statement', provider: 'statement:vietcombank', providerTxId, ...more });
    const filler = Array.from({ length: TRANSFERS_PER_TRANSACTION }, (_, i) => row(`F${i}`, 1000 + i, `phi ${i}`));
    const rows = [
      row('A', 100_000, `lan 1 ${one.code}`),
      row('A', 100_000, `lan 1 ${one.code}`),
      row('B', 200_000, two.code),
      ...filler,
      // In the second transaction: the rest of `one`, then one too many for `two`.
      row('C', 200_000, one.code),
      row('D', 5_000, two.code),
      row('E', 100_000, three.code, { bankReference: 'ref-3' }),
      row('G', 100_000, two.code, { direction: 'out' }),
      row('H', 100_000, two.code, { accountNumber: '999' }),
    ];
    const results = await payments.recordTransfers(fx.buildingId, rows);
    const outcome = (id: string): string => results[rows.findIndex((r) => r.providerTxId === id)]!.outcome;
    expect(['A', 'B', 'C', 'D', 'E', 'G', 'H'].map(outcome)).toEqual(['partial', 'matched', 'matched', 'overpaid', 'duplicate', 'outgoing', 'wrong_account']);
    expect(results[1]).toEqual({ transferId: results[0]!.transferId, outcome: 'duplicate' });
    expect(results[rows.findIndex((r) => r.providerTxId === 'E')]!.transferId).toBe(earlier.transfer!.id);
    expect(results.slice(3, 3 + TRANSFERS_PER_TRANSACTION).every((r) => r.outcome === 'unmatched' && r.transferId !== null)).toBe(true);
    expect(results.filter((r) => r.outcome === 'outgoing' || r.outcome === 'wrong_account').map((r) => r.transferId)).toEqual([null, null]);

    const state = async (id: string) => (await payments.wait(payer, id, { waitMs: 0 })).payment;
    expect(await state(one.id)).toMatchObject({ status: 'paid', receivedVnd: 300_000, paidAt: fx.clock.now().toISOString() });
    expect(await state(two.id)).toMatchObject({ status: 'overpaid', receivedVnd: 205_000 });
    expect(await state(three.id)).toMatchObject({ status: 'paid', receivedVnd: 100_000 });
    const billRows = await paymentTables(fx.db).selectFrom('bills').select(['id', 'status', 'paid_vnd', 'paid_at']).where('id', 'in', [a!, b!]).orderBy('id').execute();
    expect(billRows.map((r) => [r.status, Number(r.paid_vnd), r.paid_at])).toEqual([
      ['paid', 300_000, fx.clock.now().toISOString()],
      ['paid', 200_000, fx.clock.now().toISOString()],
    ]);
    const allocated = await paymentTables(fx.db).selectFrom('payment_allocations').select(['bill_id', 'amount_vnd']).where('bill_id', 'in', [a!, b!]).execute();
    expect(allocated.map((r) => [r.bill_id, Number(r.amount_vnd)]).sort()).toEqual([
      [a, 100_000],
      [a, 200_000],
      [b, 200_000],
    ]);
    // A receipt for each payment the statement brought (the earlier webhook sent its own).
    expect(receipts.map((r) => r.message.sms.split('\n')[1])).toEqual([
      'Received 100,000 ₫ for your bills. The bills are paid.',
      'Received 100,000 ₫ for your bills. Still due: 200,000 ₫.',
      'Received 200,000 ₫ for your bills. The bills are paid.',
      'Received 200,000 ₫ for your bills. The bills are paid.',
      'Received 5,000 ₫ for your bills. The management office will contact you about the extra amount.',
    ]);
  });

  it('takes a webhook only with the signature of a building that has a secret, fresh, on a JSON transfer', async () => {
    const { payments } = service();
    const [bill] = await newBills([500_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    const body = (more: Record<string, unknown> = {}): Buffer =>
      Buffer.from(JSON.stringify({ transactionId: `wh-${++txSeq}`, direction: 'in', amountVnd: 500_000, content: intent.code, accountNumber: ACCOUNT, receivedAt: fx.clock.now().toISOString(), ...more }));
    const now = Math.floor(fx.clock.now().getTime() / 1000);
    const signed = (raw: Buffer, secret: string, t = now) => ({ 'x-kiot-signature': genericSignature(secret, t, raw) });
    const code = async (p: Promise<unknown>): Promise<[string, string]> => {
      const err = await refusal(p);
      return [err.code, err.message];
    };

    const raw = body();
    expect((await code(payments.receiveWebhook('generic', { headers: signed(raw, 'a-secret-of-twenty-chars'), body: raw })))[0]).toBe('hub_unavailable');
    const secret = 'the-building-webhook-secret';
    const otherBuilding = await fx.db.selectFrom('buildings').select('id').where('id', '!=', fx.buildingId).executeTakeFirstOrThrow();
    await payments.setWebhookSecret(otherBuilding.id, 'generic', 'another-building-secret');
    await payments.setWebhookSecret(fx.buildingId, 'generic', secret);

    expect(await code(payments.receiveWebhook('generic', { headers: signed(raw, secret, now - 301), body: raw }))).toEqual(['unauthorized', expect.stringMatching(/too old/)]);
    expect(await code(payments.receiveWebhook('generic', { headers: signed(raw, 'not-the-secret-at-all'), body: raw }))).toEqual(['unauthorized', expect.not.stringMatching(/too old/)]);
    // The header twice is no signature.
    const twice = { 'x-kiot-signature': [signed(raw, secret)['x-kiot-signature'], signed(raw, secret)['x-kiot-signature']] };
    expect((await code(payments.receiveWebhook('generic', { headers: twice, body: raw })))[0]).toBe('unauthorized');
    const notJson = Buffer.from('transactionId=1');
    expect((await code(payments.receiveWebhook('generic', { headers: signed(notJson, secret), body: notJson })))[0]).toBe('invalid_input');
    const notTransfer = body({ amountVnd: 'lots' });
    expect((await code(payments.receiveWebhook('generic', { headers: signed(notTransfer, secret), body: notTransfer })))[0]).toBe('invalid_input');
    expect(await paymentTables(fx.db).selectFrom('bank_transfers').select('id').execute()).toEqual([]);

    const outgoing = body({ direction: 'out' });
    expect(await payments.receiveWebhook('generic', { headers: signed(outgoing, secret), body: outgoing })).toBe('ignored');
    expect(await payments.receiveWebhook('generic', { headers: signed(raw, secret, now - 299), body: raw })).toBe('matched');
    expect(await payments.receiveWebhook('generic', { headers: signed(raw, secret), body: raw })).toBe('duplicate');
    // Recorded for this building, with an audit event by the webhook job.
    const events = await fx.db
      .withTables<{ audit_events: { building_id: string; action: string; actor_id: string; detail: string | null } }>()
      .selectFrom('audit_events')
      .select(['building_id', 'actor_id', 'detail'])
      .where('action', '=', 'payment.reconciled')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ building_id: fx.buildingId, actor_id: 'payments-webhook-generic' });
    expect(JSON.parse(events[0]!.detail!)).toMatchObject({ match: 'matched', intentId: intent.id });
  });

  it("takes SePay's format with the building's API key", async () => {
    const { payments } = service();
    const [bill] = await newBills([2_277_000]);
    const intent = await payments.createIntent(payer, [bill!]);
    await payments.setWebhookSecret(fx.buildingId, 'sepay', 'sepay-api-key-of-the-building');
    const raw = Buffer.from(
      JSON.stringify({ id: 92704, gateway: 'Vietcombank', transactionDate: '2026-11-25 09:40:12', accountNumber: ACCOUNT, code: null, content: `${intent.code} thanh toan`, transferType: 'in', transferAmount: 2_277_000, accumulated: 0, subAccount: null, referenceCode: 'MBVCB.1', description: '' }),
    );
    expect((await refusal(payments.receiveWebhook('sepay', { headers: { authorization: 'Apikey wrong-key-0000000000' }, body: raw }))).code).toBe('unauthorized');
    expect((await refusal(payments.receiveWebhook('sepay', { headers: { authorization: 'Apikey sepay-api-key-of-the-building' }, body: Buffer.from('{"id":1}') }))).code).toBe('invalid_input');
    expect(await payments.receiveWebhook('sepay', { headers: { authorization: 'Apikey sepay-api-key-of-the-building' }, body: raw })).toBe('matched');
  });

  it('the nightly sweep expires and flags the payments left open for a day with no money, and only those', async () => {
    const { payments, logs } = service();
    const [a, b, c] = await newBills([100_000, 100_000, 100_000]);
    const forgotten = await payments.createIntent(payer, [a!]);
    const partly = await payments.createIntent(payer, [b!]);
    await payments.recordTransfer(fx.buildingId, transfer(10_000, partly.code));
    fx.clock.advance(12 * 60 * 60);
    const recent = await payments.createIntent(payer, [c!]);
    fx.clock.advance(12 * 60 * 60 + 1);
    expect(await payments.sweep()).toEqual({ expired: 1 });
    const statusOf = async (id: string) => (await paymentTables(fx.db).selectFrom('payment_intents').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    expect([await statusOf(forgotten.id), await statusOf(partly.id), await statusOf(recent.id)]).toEqual(['expired', 'partially_paid', 'open']);
    expect(logs.entries.filter((e) => e.msg === 'Payment intents expired').map((e) => e.data)).toEqual([{ expired: 1 }]);
    expect(await payments.sweep()).toEqual({ expired: 0 });
    expect(logs.entries.filter((e) => e.msg === 'Payment intents expired')).toHaveLength(1);
  });

  it('refuses a bill already marked paid (in cash, without a transfer), and a building that has no receiving account yet', async () => {
    const { payments } = service();
    const [cash, open] = await newBills([300_000, 200_000]);
    await paymentTables(fx.db).updateTable('bills').set({ status: 'paid', paid_at: fx.clock.now().toISOString() }).where('id', '=', cash!).execute();
    expect((await refusal(payments.createIntent(payer, [cash!]))).code).toBe('wrong_state');
    // One paid bill among unpaid ones is enough to refuse.
    expect((await refusal(payments.createIntent(payer, [open!, cash!]))).code).toBe('wrong_state');
    await paymentTables(fx.db).deleteFrom('payment_accounts').execute();
    expect((await refusal(payments.createIntent(payer, [open!]))).code).toBe('wrong_state');
    expect(await paymentTables(fx.db).selectFrom('payment_intents').select('id').execute()).toEqual([]);
  });

  it('audits a payment reconciled from a webhook, not one read from a statement (the import is audited as a whole)', async () => {
    const { payments } = service();
    const [a, b] = await newBills([100_000, 100_000]);
    const byWebhook = await payments.createIntent(payer, [a!]);
    const byStatement = await payments.createIntent(payer, [b!]);
    await payments.recordTransfer(fx.buildingId, transfer(100_000, byWebhook.code));
    await payments.recordTransfer(fx.buildingId, transfer(100_000, byStatement.code, { source: 'statement', provider: 'statement:vietcombank' }));
    const events = await fx.db
      .withTables<{ audit_events: { action: string; detail: string | null } }>()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'payment.reconciled')
      .execute();
    expect(events.map((e) => (JSON.parse(e.detail!) as { intentId: string }).intentId)).toEqual([byWebhook.id]);
  });

  it('writes a bank reference one way: no spaces, upper case; nothing when empty or over 200 characters', () => {
    expect(normalizeBankReference(' ft 2632 9000\t777 ')).toBe('FT26329000777');
    expect(normalizeBankReference('   ')).toBeNull();
    expect(normalizeBankReference(undefined)).toBeNull();
    expect(normalizeBankReference('a'.repeat(200))).toBe('A'.repeat(200));
    expect(normalizeBankReference('a'.repeat(201))).toBeNull();
  });
});
