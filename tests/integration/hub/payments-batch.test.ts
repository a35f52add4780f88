/**
 * The batched statement path and what a manager does by hand, on SQLite and PostgreSQL:
 * - `payments.recordTransfers` gives the outcomes, bills, intents and allocations that
 *   `recordTransfer` gives one row at a time, on the same rows (two hubs seeded alike);
 * - a transfer that arrived by webhook and then appears on the bank statement (same bank
 *   reference, account and amount) is one payment: the statement row is a duplicate;
 * - a manual match or a cash payment of the bills an open intent covers moves the intent on,
 *   as the resident's kiosk reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../../server/app';
import type { DemoInfo } from '../../../server/app';
import type { HubDb } from '../../../server/db/connect';
import { paymentTables } from '../../../server/db/payments';
import { genericSignature } from '../../../server/adapters/payments/generic';
import { DEV_WEBHOOK_SECRET } from '../../../server/services/payments';
import type { Payer, TransferInput } from '../../../server/services/payments';
import { ImportStatementResponse, TransferListResponse } from '../../../shared/hub-api/payment-reconciliation';
import type { StatementRow } from '../../../shared/hub-api/payment-reconciliation';
import { WebhookResponse } from '../../../shared/hub-api/payments';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { startStaffTestHub } from './staff-hub';
import { call, createTestClock, T0 } from './helpers';
import type { Reply } from './helpers';

const ACCOUNT = '0071000123456';
const PROVIDER = 'statement:vietcombank';

type Started = { database: TestDatabase; hub: Hub; base: string; demo: DemoInfo; db: HubDb };
type UnitBills = { payer: Payer; bills: { id: string; amount: number }[] };

/** Units of the demo building with at least two unpaid bills, in a fixed order. */
async function unitsWithBills(s: Started): Promise<UnitBills[]> {
  const rows = await paymentTables(s.db)
    .selectFrom('bills as b')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .select(['b.id', 'b.amount_vnd', 'b.unit_id', 'u.label'])
    .where('u.building_id', '=', s.demo.buildingId)
    .where('b.status', '=', 'unpaid')
    .where('b.paid_vnd', '=', 0)
    .orderBy('u.label')
    .orderBy('b.month')
    .orderBy('b.service')
    .execute();
  const byUnit = new Map<string, UnitBills>();
  for (const r of rows) {
    const unit = byUnit.get(r.unit_id) ?? { payer: { id: `payer-${r.unit_id}`, unitId: r.unit_id, unitLabel: r.label, buildingId: s.demo.buildingId }, bills: [] };
    unit.bills.push({ id: r.id, amount: Number(r.amount_vnd) });
    byUnit.set(r.unit_id, unit);
  }
  return [...byUnit.values()].filter((u) => u.bills.length >= 2);
}

const row = (providerTxId: string, amountVnd: number, content: string, more: Partial<TransferInput> = {}): TransferInput => ({
  source: 'statement',
  provider: PROVIDER,
  providerTxId,
  direction: 'in',
  amountVnd,
  content,
  accountNumber: ACCOUNT,
  receivedAt: T0.toISOString(),
  ...more,
});

describe.each(backends)('batched statement rows on $name', (backend) => {
  const clock = createTestClock(T0);
  const started: Started[] = [];

  beforeAll(async () => {
    for (const other of ['b-batch-one', 'b-batch-two']) {
      const s = await startStaffTestHub(backend, clock, { otherBuildingId: other });
      started.push(s);
      await s.hub.payments.setAccount(s.demo.buildingId, { bankBin: '970436', bankName: 'Vietcombank', accountNumber: ACCOUNT, accountName: 'BAN QUAN TRI SONG HONG' });
    }
  });

  afterAll(async () => {
    for (const s of started) {
      await s.hub.close();
      await s.db.destroy();
      await s.database.drop();
    }
  });

  /** The same story on a hub: intents opened, then the statement's rows (built from their codes). */
  async function scenario(s: Started): Promise<{ rows: TransferInput[]; intents: string[]; bills: string[] }> {
    const units = await unitsWithBills(s);
    expect(units.length).toBeGreaterThanOrEqual(4);
    const open = async (u: UnitBills, bills: { id: string }[]) => s.hub.payments.createIntent(u.payer, bills.map((b) => b.id));
    const one = await open(units[0]!, [units[0]!.bills[0]!]);
    const two = await open(units[1]!, units[1]!.bills.slice(0, 2));
    const three = await open(units[2]!, [units[2]!.bills[0]!]);
    const four = await open(units[3]!, [units[3]!.bills[0]!]);
    const five = await open(units[0]!, [units[0]!.bills[1]!]);
    const spaced = (code: string): string => `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 7)}-${code.slice(7)}`;
    const filler = Array.from({ length: 600 }, (_, i) => row(`FT-F${i}`, 100_000 + i, `CK phi can ho ${i}`));
    const rows = [
      row('FT-A', one.amountVnd, `MBVCB ${one.code} thanh toan`),
      row('FT-B', one.amountVnd, `lan 2 ${one.code}`),
      row('FT-C', two.amountVnd - 1000, two.code),
      ...filler,
      // Past the first transaction of 500: the rest of the part-paid intent.
      row('FT-D', 1000, `con lai ${two.code}`),
      row('FT-E', three.amountVnd + 50_000, three.code),
      row('FT-F0', 100_000, 'CK phi can ho 0'),
      row('FT-G', one.amountVnd, one.code, { accountNumber: '9999999999' }),
      row('FT-H', 300_000, 'Phi SMS Banking', { direction: 'out' }),
      row('FT-I', four.amountVnd, `ND ${spaced(four.code)}`, { accountNumber: '0071 000 123 456', bankReference: 'ref-i' }),
      row('FT-J', four.amountVnd, four.code, { bankReference: 'REF-I' }),
      row('FT-K', five.amountVnd - 5, five.code),
      row('FT-L', 10, five.code),
    ];
    const intents = [one, two, three, four, five].map((i) => i.id);
    const bills = [units[0]!.bills[0]!, ...units[1]!.bills.slice(0, 2), units[2]!.bills[0]!, units[3]!.bills[0]!, units[0]!.bills[1]!].map((b) => b.id);
    return { rows, intents, bills };
  }

  /** What the rows left behind, in terms that do not depend on the hub's ids or amounts. */
  async function stateOf(s: Started, intents: string[], bills: string[]): Promise<unknown> {
    const t = paymentTables(s.db);
    const intentRows = await t.selectFrom('payment_intents').select(['id', 'status', 'amount_vnd', 'received_vnd']).where('id', 'in', intents).execute();
    const billRows = await t.selectFrom('bills').select(['id', 'status', 'amount_vnd', 'paid_vnd', 'paid_at']).where('id', 'in', bills).execute();
    const transfers = await t.selectFrom('bank_transfers').select(['id', 'provider_tx_id', 'match', 'intent_id', 'account_number', 'bank_reference']).execute();
    const allocations = await t.selectFrom('payment_allocations').select(['transfer_id', 'bill_id', 'amount_vnd']).execute();
    return {
      intents: intents.map((id) => {
        const i = intentRows.find((r) => r.id === id)!;
        return { status: i.status, short: Number(i.amount_vnd) - Number(i.received_vnd) };
      }),
      bills: bills.map((id) => {
        const b = billRows.find((r) => r.id === id)!;
        return { status: b.status, due: Number(b.amount_vnd) - Number(b.paid_vnd), paidAt: b.paid_at === null ? null : 'set' };
      }),
      transfers: transfers
        .map((tr) => ({
          ref: tr.provider_tx_id,
          match: tr.match,
          intent: tr.intent_id === null ? null : intents.indexOf(tr.intent_id),
          account: tr.account_number,
          bankReference: tr.bank_reference,
          allocated: allocations.filter((a) => a.transfer_id === tr.id).map((a) => [bills.indexOf(a.bill_id), Number(a.amount_vnd)]),
        }))
        .sort((a, b) => (a.ref < b.ref ? -1 : 1)),
    };
  }

  it('records a statement in batches with the outcomes and effects of one row at a time', async () => {
    const [single, batched] = started as [Started, Started];
    const a = await scenario(single);
    const b = await scenario(batched);

    const oneByOne = [];
    for (const r of a.rows) oneByOne.push((await single.hub.payments.recordTransfer(single.demo.buildingId, r)).outcome);
    const together = await batched.hub.payments.recordTransfers(batched.demo.buildingId, b.rows);

    const expected = ['matched', 'overpaid', 'partial', ...Array.from({ length: 600 }, () => 'unmatched'), 'matched', 'overpaid', 'duplicate', 'wrong_account', 'outgoing', 'matched', 'duplicate', 'partial', 'overpaid'];
    expect(oneByOne).toEqual(expected);
    expect(together.map((r) => r.outcome)).toEqual(expected);
    // A duplicate names the transfer recorded first; rows not recorded name none.
    const ids = new Map(together.map((r, i) => [b.rows[i]!.providerTxId, r.transferId]));
    expect(together[b.rows.findIndex((r) => r.providerTxId === 'FT-J')]!.transferId).toBe(ids.get('FT-I'));
    expect(together[b.rows.findIndex((r) => r.providerTxId === 'FT-G')]!.transferId).toBeNull();

    const left = await stateOf(single, a.intents, a.bills);
    expect(await stateOf(batched, b.intents, b.bills)).toEqual(left);
    expect(left).toMatchObject({
      intents: [
        { status: 'overpaid' },
        { status: 'paid', short: 0 },
        { status: 'overpaid', short: -50_000 },
        { status: 'paid', short: 0 },
        { status: 'overpaid', short: -5 },
      ],
      bills: [
        { status: 'paid', due: 0 },
        { status: 'paid', due: 0 },
        { status: 'paid', due: 0 },
        { status: 'paid', due: 0 },
        { status: 'paid', due: 0 },
        { status: 'paid', due: 0 },
      ],
    });
  });

  describe('over HTTP', () => {
    let s: Started;
    let manager: StaffSession;
    let txSeq = 0;
    beforeAll(async () => {
      s = started[1]!;
      manager = await signInStaff(s.hub, s.base, { buildingId: s.demo.buildingId, role: 'manager' });
    });
    const ok = (reply: Reply): unknown => {
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body;
    };
    const webhook = async (body: Record<string, unknown>): Promise<WebhookResponse> => {
      const raw = JSON.stringify({ transactionId: `wh-${++txSeq}`, direction: 'in', accountNumber: ACCOUNT, receivedAt: clock.now().toISOString(), ...body });
      const t = Math.floor(clock.now().getTime() / 1000);
      return WebhookResponse.parse(ok(await call(s.base, 'POST', '/v1/payments/webhooks/generic', { raw, headers: { 'x-kiot-signature': genericSignature(DEV_WEBHOOK_SECRET, t, raw) } })));
    };
    const statement = async (rows: StatementRow[]): Promise<ImportStatementResponse> =>
      ImportStatementResponse.parse(ok(await call(s.base, 'POST', '/v1/staff/payments/statements', { json: { importId: crypto.randomUUID(), bank: 'vietcombank', rows }, headers: manager.headers })));
    const transferIdOf = async (content: string): Promise<string> =>
      (await paymentTables(s.db).selectFrom('bank_transfers').select('id').where('content', '=', content).executeTakeFirstOrThrow()).id;
    const transfersOf = async (): Promise<TransferListResponse> =>
      TransferListResponse.parse(ok(await call(s.base, 'GET', '/v1/staff/payments/transfers?pageSize=100', { headers: manager.headers })));

    it('a transfer seen by webhook and then on the statement is one payment; the statement row is a duplicate', async () => {
      const units = await unitsWithBills(s);
      const unit = units.at(-1)!;
      const intent = await s.hub.payments.createIntent(unit.payer, [unit.bills[0]!.id]);
      const before = (await transfersOf()).total;
      expect((await webhook({ amountVnd: intent.amountVnd, content: `TT ${intent.code}`, bankReference: 'FT26329000777' })).recorded).toBe('matched');

      const line = (providerTxId: string, amountVnd: number): StatementRow => ({ line: 4, providerTxId, direction: 'in', amountVnd, content: `MBVCB.1.${intent.code}.CT`, accountNumber: '', receivedAt: T0.toISOString() });
      const result = await statement([line('FT26329000777', intent.amountVnd)]);
      expect(result.results.map((r) => r.outcome)).toEqual(['duplicate']);
      const listed = await transfersOf();
      expect(listed.total).toBe(before + 1);
      expect(result.results[0]!.transferId).toBe(await transferIdOf(`TT ${intent.code}`));
      // Paid once, not overpaid.
      const paid = await s.hub.payments.wait(unit.payer, intent.id, { waitMs: 0 });
      expect(paid.payment).toMatchObject({ status: 'paid', receivedVnd: intent.amountVnd });
      expect(paid.bills[0]).toMatchObject({ status: 'paid', paidVnd: intent.amountVnd });

      // The same reference for another amount is another transfer (here: a second payment).
      expect((await statement([line('FT26329000777-2', intent.amountVnd)])).results[0]!.outcome).toBe('overpaid');
    });

    it('a manager matching a transfer to the bills of an open intent, then taking cash, moves the intent to partly paid, then paid', async () => {
      const units = await unitsWithBills(s);
      const unit = units.at(-2)!;
      const [first, second] = unit.bills as [{ id: string; amount: number }, { id: string; amount: number }];
      const intent = await s.hub.payments.createIntent(unit.payer, [first.id, second.id]);
      // The resident typed the content wrong: no code, so the transfer is unmatched.
      expect((await webhook({ amountVnd: first.amount, content: 'chuyen tien phi can ho' })).recorded).toBe('unmatched');
      const transfer = { id: await transferIdOf('chuyen tien phi can ho') };

      ok(await call(s.base, 'POST', `/v1/staff/payments/transfers/${transfer.id}/match`, { json: { billIds: [first.id], reason: 'Cư dân gọi điện xác nhận' }, headers: manager.headers }));
      const partly = await s.hub.payments.wait(unit.payer, intent.id, { waitMs: 0 });
      expect(partly.payment).toMatchObject({ status: 'partially_paid', receivedVnd: first.amount });

      ok(await call(s.base, 'POST', `/v1/staff/bills/${second.id}/cash`, { json: { reason: 'Nộp tiền mặt tại văn phòng' }, headers: manager.headers }));
      const paid = await s.hub.payments.wait(unit.payer, intent.id, { waitMs: 0 });
      expect(paid.payment).toMatchObject({ status: 'paid', receivedVnd: first.amount + second.amount });
      expect(paid.payment.paidAt).not.toBeNull();
      expect(paid.bills.map((b) => b.status)).toEqual(['paid', 'paid']);
    });
  });
});
