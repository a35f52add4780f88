/**
 * Reconciliation in the console over loopback HTTP with real staff sign-in, on SQLite and
 * PostgreSQL: care and auditors read but cannot write; a manager matches an unmatched transfer
 * to a unit's bills or sets one aside, and marks a bill paid in cash, each with a reason in the
 * audit trail; a month of bills is checked (every error kind), published all or nothing and
 * seen by the resident at their next sign-in; the export neutralizes formula-like cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoInfo, Hub } from '../../../server/app';
import type { AuditTables } from '../../../server/db/audit';
import type { HubDb } from '../../../server/db/connect';
import type { PaymentTables } from '../../../server/db/payments';
import type { Bill } from '../../../shared/domain';
import { BillsResponse, DevSmsOutboxResponse, OtpRequestResponse, OtpVerifyResponse } from '../../../shared/hub-api';
import {
  ExportBillsResponse,
  ImportBillsResponse,
  StaffBillListResponse,
  StaffBillResponse,
  TransferListResponse,
  TransferResponse,
} from '../../../shared/hub-api/payment-reconciliation';
import type { BillImportRow } from '../../../shared/hub-api/payment-reconciliation';
import { readBillsCsv } from '../../../shared/bills-csv';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { startStaffTestHub } from './staff-hub';
import { call, createTestClock, enroll, errorOf, latestCode, T0 } from './helpers';
import type { Reply } from './helpers';

const OTHER_BUILDING = 'b-reconciliation-other';
const IMPORT_MONTH = '2027-02';

describe.each(backends)('reconciliation in the console over HTTP on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let manager: StaffSession;
  let care: StaffSession;
  let auditor: StaffSession;
  let outsider: StaffSession;
  /** Unit labels of the demo building; the first is the demo resident's. */
  let units: string[];

  beforeAll(async () => {
    ({ database, hub, base, demo, db } = await startStaffTestHub(backend, clock, { otherBuildingId: OTHER_BUILDING }));
    manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    care = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'care' });
    auditor = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'auditor' });
    outsider = await signInStaff(hub, base, { buildingId: OTHER_BUILDING, role: 'manager' });
    const rows = await db.selectFrom('units').select('label').where('building_id', '=', demo.buildingId).orderBy('label').limit(10).execute();
    units = [demo.residents[0]!.unitLabel, ...rows.map((r) => r.label).filter((l) => l !== demo.residents[0]!.unitLabel)];
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  const get = (who: StaffSession, path: string): Promise<Reply> => call(base, 'GET', path, { headers: who.headers });
  const post = (who: StaffSession, path: string, json: unknown): Promise<Reply> => call(base, 'POST', path, { json, headers: who.headers });
  const ok = (reply: Reply): unknown => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };
  const audited = async (action: string): Promise<{ reason: string | null; detail: string | null; actor_id: string; resident_id: string | null }[]> =>
    db.withTables<AuditTables>().selectFrom('audit_events').select(['reason', 'detail', 'actor_id', 'resident_id']).where('action', '=', action).orderBy('seq').execute();

  const unpaidBills = async (unitLabel: string): Promise<Bill[]> =>
    StaffBillListResponse.parse(ok(await get(manager, `/v1/staff/bills?unit=${encodeURIComponent(unitLabel)}&pageSize=200`))).bills.filter((b) => b.status !== 'paid');

  /** An incoming transfer without a payment code, as a webhook would leave it (the matching itself is the payments service's). */
  const unmatchedTransfer = async (id: string, amountVnd: number): Promise<void> => {
    await db
      .withTables<PaymentTables>()
      .insertInto('bank_transfers')
      .values({
        id,
        building_id: demo.buildingId,
        source: 'webhook',
        provider: 'generic',
        provider_tx_id: `tx-${id}`,
        direction: 'in',
        amount_vnd: amountVnd,
        content: 'CHUYEN TIEN CAN HO',
        account_number: '0071000123456',
        received_at: T0.toISOString(),
        recorded_at: T0.toISOString(),
        match: 'unmatched',
        payment_code: null,
        intent_id: null,
        resolved_at: null,
        resolved_by: null,
        resolution_reason: null,
      })
      .execute();
  };

  describe('who may do what', () => {
    it('care and auditors read transfers and bills but cannot write', async () => {
      for (const reader of [care, auditor]) {
        expect((await get(reader, '/v1/staff/payments/transfers')).status).toBe(200);
        expect((await get(reader, '/v1/staff/bills?month=2026-11')).status).toBe(200);
        expect((await get(reader, `/v1/staff/bills/export?month=2026-11`)).status).toBe(200);
        expect((await get(reader, '/v1/staff/payments/intents')).status).toBe(200);
      }
      const [bill] = await unpaidBills(units[1]!);
      await unmatchedTransfer('t-roles', 100_000);
      const writes: [string, unknown][] = [
        [`/v1/staff/bills/${bill!.id}/cash`, { reason: 'Nộp tiền mặt tại văn phòng' }],
        ['/v1/staff/payments/transfers/t-roles/match', { billIds: [bill!.id], reason: 'Cư dân gọi điện xác nhận' }],
        ['/v1/staff/payments/transfers/t-roles/ignore', { reason: 'Không phải tiền phí' }],
        ['/v1/staff/bills/imports', { importId: crypto.randomUUID(), month: IMPORT_MONTH, mode: 'check', rows: [{ line: 2, unit: 'A-0101', service: 'water', period: IMPORT_MONTH, amount: '1', dueDate: '15/03/2027' }] }],
        ['/v1/staff/payments/statements', { importId: crypto.randomUUID(), bank: 'vietcombank', rows: [{ line: 2, providerTxId: 'x', direction: 'in', amountVnd: 1, content: 'x', accountNumber: '', receivedAt: T0.toISOString() }] }],
      ];
      for (const [path, body] of writes) {
        const reply = await post(care, path, body);
        expect(reply.status, path).toBe(403);
        expect(errorOf(reply).code).toBe('forbidden');
      }
      // Nothing changed: the bill is unpaid and the transfer unmatched.
      expect((await unpaidBills(units[1]!)).map((b) => b.id)).toContain(bill!.id);
      const listed = TransferListResponse.parse(ok(await get(manager, '/v1/staff/payments/transfers?match=unmatched')));
      expect(listed.transfers.find((t) => t.id === 't-roles')?.match).toBe('unmatched');
    });

    it("a manager of another building sees none of this building's transfers or bills", async () => {
      const transfers = TransferListResponse.parse(ok(await get(outsider, '/v1/staff/payments/transfers')));
      expect(transfers.total).toBe(0);
      const bills = StaffBillListResponse.parse(ok(await get(outsider, '/v1/staff/bills')));
      expect(bills.total).toBe(0);
      const [bill] = await unpaidBills(units[1]!);
      expect(errorOf(await post(outsider, `/v1/staff/bills/${bill!.id}/cash`, { reason: 'Nộp tiền mặt tại văn phòng' })).code).toBe('not_found');
      expect(errorOf(await post(outsider, '/v1/staff/payments/transfers/t-roles/ignore', { reason: 'Không phải tiền phí' })).code).toBe('not_found');
    });
  });

  describe('transfers', () => {
    it('a manager matches an unmatched transfer to a unit’s bills, oldest due first, with the reason audited', async () => {
      const unit = units[2]!;
      // In the order the hub fills them: oldest due first, then by id.
      const bills = (await unpaidBills(unit)).sort((a, b) => (a.dueDate === b.dueDate ? (a.id < b.id ? -1 : 1) : a.dueDate < b.dueDate ? -1 : 1)).slice(0, 2);
      expect(bills).toHaveLength(2);
      // Enough for the first bill and part of the second.
      const amount = bills[0]!.amountVnd + 1000;
      await unmatchedTransfer('t-match', amount);
      const listed = TransferListResponse.parse(ok(await get(manager, '/v1/staff/payments/transfers')));
      expect(listed.transfers[0]!.match).toBe('unmatched');

      const reason = 'Cư dân gửi ảnh chụp giao dịch, nội dung ghi sai mã';
      const { transfer } = TransferResponse.parse(ok(await post(manager, '/v1/staff/payments/transfers/t-match/match', { billIds: [bills[1]!.id, bills[0]!.id], reason })));
      expect(transfer).toMatchObject({ id: 't-match', match: 'resolved', resolvedBy: manager.staffId, resolutionReason: reason, unitLabels: [unit] });

      const after = StaffBillListResponse.parse(ok(await get(manager, `/v1/staff/bills?unit=${unit}&pageSize=200`))).bills;
      const first = after.find((b) => b.id === bills[0]!.id)!;
      const second = after.find((b) => b.id === bills[1]!.id)!;
      expect(first).toMatchObject({ status: 'paid', paidVnd: bills[0]!.amountVnd });
      expect(second.status).not.toBe('paid');
      expect(second.paidVnd).toBe(1000);

      const events = await audited('payment.reconciled');
      const event = events.find((e) => (e.detail ?? '').includes('t-match'))!;
      expect(event).toMatchObject({ reason, actor_id: manager.staffId, resident_id: null });

      // Resolved once: a second resolution is refused.
      expect(errorOf(await post(manager, '/v1/staff/payments/transfers/t-match/match', { billIds: [bills[1]!.id], reason })).code).toBe('wrong_state');
    });

    it('bills of two units cannot be paid by one transfer, and nothing changes', async () => {
      await unmatchedTransfer('t-two-units', 500_000);
      const [a] = await unpaidBills(units[3]!);
      const [b] = await unpaidBills(units[4]!);
      expect(errorOf(await post(manager, '/v1/staff/payments/transfers/t-two-units/match', { billIds: [a!.id, b!.id], reason: 'Hai căn cùng chủ' })).code).toBe('wrong_state');
      const listed = TransferListResponse.parse(ok(await get(manager, '/v1/staff/payments/transfers?match=unmatched')));
      expect(listed.transfers.map((t) => t.id)).toContain('t-two-units');
    });

    it('a manager sets aside a transfer that is not a bill payment, with the reason audited', async () => {
      await unmatchedTransfer('t-ignore', 2_000_000);
      const reason = 'Tiền đặt cọc sửa chữa, không phải phí dịch vụ';
      const { transfer } = TransferResponse.parse(ok(await post(manager, '/v1/staff/payments/transfers/t-ignore/ignore', { reason })));
      expect(transfer).toMatchObject({ match: 'ignored', resolutionReason: reason, unitLabels: [] });
      expect((await audited('payment.reconciled')).some((e) => e.reason === reason && (e.detail ?? '').includes('transfer_ignored'))).toBe(true);
      expect(errorOf(await post(manager, '/v1/staff/payments/transfers/t-ignore/ignore', { reason })).code).toBe('wrong_state');
      // A reason is required.
      await unmatchedTransfer('t-no-reason', 1000);
      expect((await post(manager, '/v1/staff/payments/transfers/t-no-reason/ignore', { reason: ' ' })).status).toBe(400);
    });
  });

  describe('cash', () => {
    it('a manager marks a bill paid in cash with a reason; paying it twice is refused', async () => {
      const [bill] = await unpaidBills(units[5]!);
      const reason = 'Cư dân nộp tiền mặt tại quầy, phiếu thu số 0153';
      const paid = StaffBillResponse.parse(ok(await post(manager, `/v1/staff/bills/${bill!.id}/cash`, { reason }))).bill;
      expect(paid).toMatchObject({ id: bill!.id, status: 'paid', paidVnd: bill!.amountVnd, paidAt: T0.toISOString() });
      expect((await audited('payment.reconciled')).some((e) => e.reason === reason && (e.detail ?? '').includes(bill!.id))).toBe(true);
      expect(errorOf(await post(manager, `/v1/staff/bills/${bill!.id}/cash`, { reason })).code).toBe('wrong_state');
      expect(errorOf(await post(manager, '/v1/staff/bills/no-such-bill/cash', { reason })).code).toBe('not_found');
    });
  });

  describe('bills import and export', () => {
    const resident = (): DemoInfo['residents'][number] => demo.residents[0]!;

    it('reports every kind of error on its row, and publishes nothing while any remains', async () => {
      const existing = StaffBillListResponse.parse(ok(await get(manager, `/v1/staff/bills?unit=${resident().unitLabel}&pageSize=1`))).bills[0]!;
      const csv = [
        'Căn hộ,Dịch vụ,Kỳ,Số tiền,Hạn thanh toán,Chỉ số cũ,Chỉ số mới',
        `${resident().unitLabel},Nước,${IMPORT_MONTH},"180.000",15/03/2027,100,112`, // 2 fine
        `Z-9999,Nước,${IMPORT_MONTH},180000,15/03/2027,,`, // 3 unknown unit
        `${resident().unitLabel},Phí quản lý,${IMPORT_MONTH},-850000,15/03/2027,,`, // 4 negative
        `${resident().unitLabel},Gửi xe,${IMPORT_MONTH},120000.5,15/03/2027,,`, // 5 not whole đồng
        `${resident().unitLabel},Vệ sinh,02/2027,50000,15/03/2027,,`, // 6 period format
        `${resident().unitLabel},Nước,${IMPORT_MONTH},180000,15/03/2027,,`, // 7 same unit+service+period again
        `${resident().unitLabel},Internet,${IMPORT_MONTH},180000,15/03/2027,,`, // 8 unknown service
        `${resident().unitLabel},An ninh,${IMPORT_MONTH},,15/03/2027,,`, // 9 no amount
        `${resident().unitLabel},Sửa chữa,${IMPORT_MONTH},1000,31/02/2027,,`, // 10 no such day
      ].join('\n');
      const { rows } = readBillsCsv(csv);
      const check = ImportBillsResponse.parse(ok(await post(manager, '/v1/staff/bills/imports', { importId: crypto.randomUUID(), month: IMPORT_MONTH, mode: 'publish', rows })));
      expect(check.errors.map((e) => [e.line, e.code])).toEqual([
        [3, 'unknown_unit'],
        [4, 'negative_amount'],
        [5, 'non_integer_amount'],
        [6, 'bad_period'],
        [7, 'duplicate_in_file'],
        [8, 'unknown_service'],
        [9, 'missing_amount'],
        [10, 'bad_due_date'],
      ]);
      expect(check.counts).toMatchObject({ rows: 9, valid: 1, invalid: 8, published: 0 });
      expect(StaffBillListResponse.parse(ok(await get(manager, `/v1/staff/bills?month=${IMPORT_MONTH}`))).total).toBe(0);

      // A bill the hub already has for that unit, service and period.
      const again: BillImportRow[] = [
        { line: 2, unit: existing.unitLabel, service: existing.service, period: existing.month, amount: '1000', dueDate: '15/03/2027', previousReading: '', currentReading: '' },
      ];
      const dup = ImportBillsResponse.parse(ok(await post(manager, '/v1/staff/bills/imports', { importId: crypto.randomUUID(), month: existing.month, mode: 'check', rows: again })));
      expect(dup.errors).toEqual([{ line: 2, code: 'duplicate_bill', field: 'unit' }]);
    });

    it('publishes a clean month all at once; the resident sees the bills at the next sign-in, and publishing again finds duplicates', async () => {
      const labels = units.slice(0, 3);
      const rows: BillImportRow[] = labels.flatMap((unit, i) => [
        { line: 2 + i * 2, unit, service: 'Điện', period: IMPORT_MONTH, amount: '1.250.000', dueDate: '15/03/2027', previousReading: '1000', currentReading: '1150' },
        { line: 3 + i * 2, unit: unit.toLowerCase(), service: 'management', period: IMPORT_MONTH, amount: '850,000', dueDate: '15/03/2027', previousReading: '', currentReading: '' },
      ]);
      const importId = crypto.randomUUID();
      const checked = ImportBillsResponse.parse(ok(await post(manager, '/v1/staff/bills/imports', { importId, month: IMPORT_MONTH, mode: 'check', rows })));
      expect(checked).toEqual({ errors: [], counts: { rows: 6, valid: 6, invalid: 0, published: 0, totalVnd: 3 * 2_100_000 } });
      const published = ImportBillsResponse.parse(ok(await post(manager, '/v1/staff/bills/imports', { importId, month: IMPORT_MONTH, mode: 'publish', rows })));
      expect(published.counts.published).toBe(6);
      expect((await audited('bills.imported')).at(-1)).toMatchObject({ actor_id: manager.staffId, resident_id: null });

      const kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
      const phone = resident().phone;
      const requested = OtpRequestResponse.parse((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header })).body);
      const outbox = DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body);
      const session = OtpVerifyResponse.parse((await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId: requested.requestId, code: latestCode(outbox, phone) }, headers: kiosk.header })).body);
      const mine = BillsResponse.parse((await call(base, 'GET', '/v1/me/bills', { headers: { ...kiosk.header, authorization: `Bearer ${session.token}` } })).body);
      const imported = mine.bills.filter((b) => b.month === IMPORT_MONTH);
      expect(imported.map((b) => [b.service, b.amountVnd, b.dueDate, b.status])).toEqual([
        ['electricity', 1_250_000, '2027-03-15', 'unpaid'],
        ['management', 850_000, '2027-03-15', 'unpaid'],
      ]);
      expect(imported[0]!.consumption).toEqual({ unit: 'kWh', previousReading: 1000, currentReading: 1150, quantity: 150 });

      const twice = ImportBillsResponse.parse(ok(await post(manager, '/v1/staff/bills/imports', { importId: crypto.randomUUID(), month: IMPORT_MONTH, mode: 'publish', rows })));
      expect(twice.errors.map((e) => e.code)).toEqual(Array(6).fill('duplicate_bill'));
      expect(StaffBillListResponse.parse(ok(await get(manager, `/v1/staff/bills?month=${IMPORT_MONTH}`))).total).toBe(6);
    });

    it('exports a month as CSV with formula-like cells neutralized, and the export is audited', async () => {
      // A unit label a spreadsheet would run as a formula, for each dangerous first character.
      const at = T0.toISOString();
      const labels = ['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)'];
      for (const [i, label] of labels.entries()) {
        await db.insertInto('units').values({ id: `u-csv-${i}`, building_id: demo.buildingId, label, tower: 'Z', floor: 1, area_m2: 50, motorbikes: 0, cars: 0, created_at: at, updated_at: at }).execute();
      }
      const rows: BillImportRow[] = labels.map((unit, i) => ({ line: i + 2, unit, service: 'water', period: '2027-04', amount: '1000', dueDate: '15/05/2027', previousReading: '', currentReading: '' }));
      expect(ImportBillsResponse.parse(ok(await post(manager, '/v1/staff/bills/imports', { importId: crypto.randomUUID(), month: '2027-04', mode: 'publish', rows }))).counts.published).toBe(4);

      const exported = ExportBillsResponse.parse(ok(await get(auditor, '/v1/staff/bills/export?month=2027-04')));
      expect(exported.filename).toBe('bills-2027-04.csv');
      const lines = exported.csv.replace(/^\ufeff/, '').trim().split('\r\n');
      expect(lines).toHaveLength(5);
      const firstCells = lines.slice(1).map((l) => l.split(',')[0]);
      expect(firstCells.sort()).toEqual([`"'+1+1"`, `"'-2+3"`, `"'=HYPERLINK(""http://evil"")"`, `"'@SUM(A1)"`].sort());
      expect(lines[1]).toContain('"15/05/2027"');
      expect((await audited('bills.exported')).at(-1)).toMatchObject({ actor_id: auditor.staffId, resident_id: null });
    });
  });
});
