/**
 * A bank statement imported in the console, over loopback HTTP on SQLite and PostgreSQL: the
 * CSV is read by shared/statement-csv.ts as the console reads it, the rows go to the hub, and
 * the hub matches them like webhook transfers through the payments service — exact amount
 * paid, less partial, more overpaid, no code unmatched, another account not recorded, money
 * going out skipped. Importing the same statement again records nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoInfo, Hub } from '../../../server/app';
import type { AuditTables } from '../../../server/db/audit';
import type { HubDb } from '../../../server/db/connect';
import type { Bill } from '../../../shared/domain';
import { BillsResponse, DevSmsOutboxResponse, OtpRequestResponse, OtpVerifyResponse } from '../../../shared/hub-api';
import { PaymentResponse } from '../../../shared/hub-api/payments';
import { ImportStatementResponse, TransferListResponse } from '../../../shared/hub-api/payment-reconciliation';
import type { StatementRow } from '../../../shared/hub-api/payment-reconciliation';
import type { PaymentIntent } from '../../../shared/payments';
import { parseStatementCsv } from '../../../shared/statement-csv';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { startStaffTestHub } from './staff-hub';
import { call, createTestClock, enroll, latestCode, T0 } from './helpers';
import type { Reply } from './helpers';

const ACCOUNT = '0071000123456';
const vnd = (n: number): string => `"${n.toLocaleString('de-DE')}"`;

describe.each(backends)('statement import over HTTP on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let manager: StaffSession;
  let resident: Record<string, string>;

  beforeAll(async () => {
    ({ database, hub, base, demo, db } = await startStaffTestHub(backend, clock, { otherBuildingId: 'b-statement-other' }));
    await hub.payments.setAccount(demo.buildingId, { bankBin: '970436', bankName: 'Vietcombank', accountNumber: ACCOUNT, accountName: 'BAN QUAN TRI SONG HONG' });
    manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    const kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    const phone = demo.residents[0]!.phone;
    const requested = OtpRequestResponse.parse((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header })).body);
    const outbox = DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body);
    const session = OtpVerifyResponse.parse((await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId: requested.requestId, code: latestCode(outbox, phone) }, headers: kiosk.header })).body);
    resident = { ...kiosk.header, authorization: `Bearer ${session.token}` };
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
  const myBills = async (): Promise<Bill[]> => BillsResponse.parse(ok(await call(base, 'GET', '/v1/me/bills', { headers: resident }))).bills;
  const pay = async (bill: Bill): Promise<PaymentIntent> => PaymentResponse.parse(ok(await call(base, 'POST', '/v1/me/payments', { json: { billIds: [bill.id] }, headers: resident }))).payment;
  const importRows = async (rows: readonly StatementRow[]): Promise<ImportStatementResponse> =>
    ImportStatementResponse.parse(ok(await call(base, 'POST', '/v1/staff/payments/statements', { json: { importId: crypto.randomUUID(), bank: 'vietcombank', rows }, headers: manager.headers })));

  it('matches rows by payment code like webhooks, and a second import records nothing twice', async () => {
    const unpaid = (await myBills()).filter((b) => b.status !== 'paid' && b.amountVnd > 2000);
    expect(unpaid.length).toBeGreaterThanOrEqual(3);
    const [exact, partial, over] = [await pay(unpaid[0]!), await pay(unpaid[1]!), await pay(unpaid[2]!)];
    // Banks and apps mangle the content: lower case, spaces and dashes inside the code.
    const spaced = (code: string): string => `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 7)}-${code.slice(7)}`;
    const csv = [
      'NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM',
      `Sao kê tài khoản,${ACCOUNT}`,
      'STT,Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Mô tả',
      `1,25/11/2026 09:40:00,FT001,,${vnd(exact.amountVnd)},MB 0912xxx ${spaced(exact.code)} thanh toan`, // row 4
      `2,25/11/2026 09:41:00,FT002,,${vnd(partial.amountVnd - 1000)},${partial.code}`, // row 5
      `3,25/11/2026 09:42:00,FT003,,${vnd(over.amountVnd + 50_000)},CK ${over.code}`, // row 6
      `4,25/11/2026 09:43:00,FT004,,${vnd(700_000)},chuyen tien phi thang 11 can A0101`, // row 7
      `5,25/11/2026 09:44:00,FT005,${vnd(300_000)},,Phi SMS Banking`, // row 8: money out
      `6,25/11/2026 09:45:00,FT006,,abc,loi`, // row 9: bad amount
    ].join('\r\n');
    const parsed = parseStatementCsv(csv, { accountNumber: '' });
    expect(parsed.errors).toEqual([{ line: 9, code: 'bad_amount', field: 'credit' }]);
    expect(parsed.outgoing).toEqual([8]);
    // A row for another account (a statement of the wrong account pasted in), and money out sent anyway.
    const rows: StatementRow[] = [
      ...parsed.rows,
      { line: 10, providerTxId: 'FT007', direction: 'in', amountVnd: 100_000, content: exact.code, accountNumber: '9999999999', receivedAt: T0.toISOString() },
      { line: 11, providerTxId: 'FT008', direction: 'out', amountVnd: 100_000, content: 'rut tien', accountNumber: '', receivedAt: T0.toISOString() },
    ];

    const first = await importRows(rows);
    expect(first.results.map((r) => [r.line, r.outcome])).toEqual([
      [4, 'matched'],
      [5, 'partial'],
      [6, 'overpaid'],
      [7, 'unmatched'],
      [10, 'wrong_account'],
      [11, 'outgoing'],
    ]);
    expect(first.counts).toMatchObject({ matched: 1, partial: 1, overpaid: 1, unmatched: 1, duplicate: 0, wrong_account: 1, outgoing: 1 });

    const after = await myBills();
    const bill = (id: string): Bill => after.find((b) => b.id === id)!;
    expect(bill(unpaid[0]!.id)).toMatchObject({ status: 'paid', paidVnd: unpaid[0]!.amountVnd });
    expect(bill(unpaid[1]!.id).status).not.toBe('paid');
    expect(bill(unpaid[1]!.id).paidVnd).toBe(unpaid[1]!.amountVnd - 1000);
    expect(bill(unpaid[2]!.id)).toMatchObject({ status: 'paid', paidVnd: unpaid[2]!.amountVnd });

    // Those needing a manager first: unmatched, then overpaid, then partial.
    const listed = TransferListResponse.parse(ok(await call(base, 'GET', '/v1/staff/payments/transfers', { headers: manager.headers })));
    expect(listed.transfers.map((t) => [t.providerTxId, t.match, t.source, t.provider])).toEqual([
      ['FT004', 'unmatched', 'statement', 'statement:vietcombank'],
      ['FT003', 'overpaid', 'statement', 'statement:vietcombank'],
      ['FT002', 'partial', 'statement', 'statement:vietcombank'],
      ['FT001', 'matched', 'statement', 'statement:vietcombank'],
    ]);
    expect(listed.transfers[0]!.accountNumber).toBe(ACCOUNT);

    const again = await importRows(rows);
    expect(again.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'wrong_account', 'outgoing']);
    expect(TransferListResponse.parse(ok(await call(base, 'GET', '/v1/staff/payments/transfers', { headers: manager.headers }))).total).toBe(4);
    expect((await myBills()).find((b) => b.id === unpaid[1]!.id)!.paidVnd).toBe(unpaid[1]!.amountVnd - 1000);

    const events = await db.withTables<AuditTables>().selectFrom('audit_events').select(['detail', 'actor_id']).where('action', '=', 'payment.reconciled').execute();
    const imports = events.filter((e) => (e.detail ?? '').includes('statement_imported'));
    expect(imports).toHaveLength(2);
    expect(imports.every((e) => e.actor_id === manager.staffId)).toBe(true);
  });
  it('in one file, a second payment of the same code is an overpayment and a reference given twice is recorded once', async () => {
    const unpaid = (await myBills()).filter((b) => b.status !== 'paid' && b.amountVnd > 2000);
    const intent = await pay(unpaid[0]!);
    const row = (line: number, ref: string, content: string, amountVnd: number): StatementRow => ({ line, providerTxId: ref, direction: 'in', amountVnd, content, accountNumber: '', receivedAt: T0.toISOString() });
    const result = await importRows([
      row(2, 'FT101', intent.code, intent.amountVnd),
      row(3, 'FT102', `lan 2 ${intent.code}`, intent.amountVnd),
      row(4, 'FT103', 'khong co ma', 10_000),
      row(5, 'FT103', 'khong co ma', 10_000),
    ]);
    expect(result.results.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'matched'],
      [3, 'overpaid'],
      [4, 'unmatched'],
      [5, 'duplicate'],
    ]);
  });
});
