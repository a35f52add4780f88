/**
 * The `consolePayments` domain of the fake `window.kiot`: transfers and bills in memory, with
 * the hub's order (unmatched and overpaid first), a manual match that pays the picked bills,
 * setting aside, cash payments, and imports that report what the options say. Set `role` to
 * see the hub's refusals of care and auditors' writes.
 */
import type { ChannelName } from '../../../../shared/channels';
import type { Bill, StaffRole } from '../../../../shared/domain';
import type { ImportBillsResponse, ImportStatementResponse, StaffPaymentIntent } from '../../../../shared/hub-api/payment-reconciliation';
import type { KiotApi } from '../../../../shared/kiot-api';
import type { BankTransfer } from '../../../../shared/payments';
import type { Result } from '../../../../shared/result';

type Handle = <T>(channel: ChannelName, request: unknown, body: () => Result<T>) => Promise<Result<T>>;

export type FakeConsolePaymentsOptions = {
  transfers?: BankTransfer[];
  bills?: Bill[];
  intents?: StaffPaymentIntent[];
  /** What every statement chunk answers (each row `unmatched` by default). */
  statement?: (rows: number[]) => ImportStatementResponse;
  /** What a bills import answers (clean by default). */
  billsImport?: ImportBillsResponse;
  role?: StaffRole;
};

const forbidden: Result<never> = { ok: false, error: { code: 'forbidden', message: 'role' } };
const notFound: Result<never> = { ok: false, error: { code: 'not_found', message: 'no such item' } };
const wrongState: Result<never> = { ok: false, error: { code: 'wrong_state', message: 'already settled' } };

export function bankTransfer(partial: Partial<BankTransfer> & Pick<BankTransfer, 'id'>): BankTransfer {
  return {
    source: 'webhook',
    provider: 'generic',
    providerTxId: `tx-${partial.id}`,
    amountVnd: 1_250_000,
    content: 'CHUYEN TIEN PHI QUAN LY',
    accountNumber: '0011001234567',
    receivedAt: '2026-11-20T03:15:00.000Z',
    match: 'unmatched',
    paymentCode: null,
    intentId: null,
    unitLabels: [],
    resolvedAt: null,
    resolvedBy: null,
    resolutionReason: null,
    ...partial,
  };
}

const attention: Record<BankTransfer['match'], number> = { unmatched: 0, overpaid: 0, partial: 1, matched: 2, resolved: 2, ignored: 2 };

export function createFakeConsolePayments(handle: Handle, options: FakeConsolePaymentsOptions = {}): KiotApi['consolePayments'] {
  const transfers = new Map((options.transfers ?? []).map((t) => [t.id, structuredClone(t)]));
  const bills = new Map((options.bills ?? []).map((b) => [b.id, structuredClone(b)]));
  const writes = options.role === undefined || options.role === 'admin' || options.role === 'manager';
  const page = <T>(rows: T[], pageIndex = 0, pageSize = 50): T[] => rows.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
  const settle = (id: string, change: Partial<BankTransfer>): Result<{ transfer: BankTransfer }> => {
    if (!writes) return forbidden;
    const transfer = transfers.get(id);
    if (!transfer) return notFound;
    if (transfer.match === 'resolved' || transfer.match === 'ignored' || transfer.match === 'matched') return wrongState;
    const next = { ...transfer, ...change, resolvedAt: '2026-11-25T03:00:00.000Z', resolvedBy: 's-1' };
    transfers.set(id, next);
    return { ok: true, value: { transfer: structuredClone(next) } };
  };
  return {
    transfers: (request) =>
      handle('consolePayments:transfers', request, () => {
        const rows = [...transfers.values()]
          .filter((t) => request.match === undefined || t.match === request.match)
          .sort((a, b) => attention[a.match] - attention[b.match] || b.receivedAt.localeCompare(a.receivedAt));
        return { ok: true, value: { transfers: structuredClone(page(rows, request.pageIndex, request.pageSize)), total: rows.length } };
      }),
    matchTransfer: (request) =>
      handle('consolePayments:matchTransfer', request, () => {
        const picked = request.billIds.map((id) => bills.get(id));
        if (picked.some((b) => b === undefined)) return notFound;
        const result = settle(request.transferId, { match: 'resolved', resolutionReason: request.reason, unitLabels: [...new Set(picked.map((b) => b!.unitLabel))] });
        if (result.ok) for (const b of picked) bills.set(b!.id, { ...b!, status: 'paid', paidVnd: b!.amountVnd, paidAt: '2026-11-25T03:00:00.000Z' });
        return result;
      }),
    ignoreTransfer: (request) => handle('consolePayments:ignoreTransfer', request, () => settle(request.transferId, { match: 'ignored', resolutionReason: request.reason })),
    bills: (request) =>
      handle('consolePayments:bills', request, () => {
        const rows = [...bills.values()].filter(
          (b) => (request.unit === undefined || b.unitLabel === request.unit) && (request.month === undefined || b.month === request.month) && (request.status === undefined || b.status === request.status),
        );
        return { ok: true, value: { bills: structuredClone(page(rows, request.pageIndex, request.pageSize)), total: rows.length } };
      }),
    payCash: (request) =>
      handle('consolePayments:payCash', request, () => {
        if (!writes) return forbidden;
        const bill = bills.get(request.billId);
        if (!bill) return notFound;
        if (bill.status === 'paid') return wrongState;
        const next: Bill = { ...bill, status: 'paid', paidVnd: bill.amountVnd, paidAt: '2026-11-25T03:00:00.000Z' };
        bills.set(bill.id, next);
        return { ok: true, value: { bill: structuredClone(next) } };
      }),
    exportBills: (request) =>
      handle('consolePayments:exportBills', request, () => ({ ok: true, value: { filename: `bills-${request.month}.csv`, csv: '\ufeff"unit","service"\r\n' } })),
    importStatement: (request) =>
      handle('consolePayments:importStatement', request, () => {
        if (!writes) return forbidden;
        const lines = request.rows.map((r) => r.line);
        const answer = options.statement?.(lines) ?? { results: lines.map((line) => ({ line, outcome: 'unmatched' as const, transferId: `t-${line}` })), counts: { matched: 0, partial: 0, overpaid: 0, unmatched: lines.length, duplicate: 0, outgoing: 0, wrong_account: 0 } };
        return { ok: true, value: answer };
      }),
    importBills: (request) =>
      handle('consolePayments:importBills', request, () => {
        if (!writes) return forbidden;
        const clean = options.billsImport ?? { errors: [], counts: { rows: request.rows.length, valid: request.rows.length, invalid: 0, published: 0, totalVnd: 0 } };
        const published = request.mode === 'publish' && clean.errors.length === 0 ? clean.counts.valid : 0;
        return { ok: true, value: { ...structuredClone(clean), counts: { ...clean.counts, published } } };
      }),
    intents: (request) => handle('consolePayments:intents', request, () => ({ ok: true, value: { intents: structuredClone(options.intents ?? []) } })),
  };
}
