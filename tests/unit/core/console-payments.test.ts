import { describe, expect, it } from 'vitest';
import { createConsolePaymentsHandlers } from '../../../electron/core/features/console-payments/handlers';
import { createConsolePaymentsService } from '../../../electron/core/features/console-payments/service';
import type { ConsolePaymentsRoute } from '../../../electron/core/features/console-payments/service';
import { KiotError } from '../../../shared/result';
import { bankTransfer } from '../renderer/manager/payments-fake';
import { bill } from '../renderer/fake-kiot';
import { fakeStaffHub } from './fake-staff-hub';

const ctx = { requestId: 'r', device: { deviceId: 'd', buildingId: 'b', mode: 'manager' as const }, actor: { kind: 'anonymous' as const }, locale: 'vi' as const };
const importId = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('reconciliation in the core', () => {
  it('asks the hub for transfers and bills with the filters in wire form and pages counted from one', async () => {
    const { hub, calls } = fakeStaffHub<ConsolePaymentsRoute>((key) => (key === 'staff.transfers' ? { transfers: [], total: 0 } : { bills: [], total: 0 }));
    const handlers = createConsolePaymentsHandlers(createConsolePaymentsService({ staffHub: hub }));
    await handlers['consolePayments:transfers']({}, ctx);
    await handlers['consolePayments:transfers']({ match: 'unmatched', from: '2026-11-01', to: '2026-11-30', pageIndex: 2, pageSize: 20 }, ctx);
    await handlers['consolePayments:bills']({ unit: 'A-12.03', month: '2026-11', status: 'unpaid' }, ctx);
    await handlers['consolePayments:bills']({ pageIndex: 1 }, ctx);
    expect(calls).toEqual([
      { key: 'staff.transfers', input: { query: { page: 1, pageSize: 50 } } },
      { key: 'staff.transfers', input: { query: { match: 'unmatched', from: '2026-11-01', to: '2026-11-30', page: 3, pageSize: 20 } } },
      { key: 'staff.bills', input: { query: { unit: 'A-12.03', month: '2026-11', status: 'unpaid', page: 1, pageSize: 50 } } },
      { key: 'staff.bills', input: { query: { page: 2, pageSize: 50 } } },
    ]);
  });

  it('sends each write to its route with the id in the path and the reason in the body, and answers with what the hub returned', async () => {
    const resolved = bankTransfer({ id: 't1', match: 'resolved', resolutionReason: 'Cư dân gọi điện xác nhận' });
    const paid = bill({ id: 'b1', status: 'paid' });
    const { hub, calls } = fakeStaffHub<ConsolePaymentsRoute>((key) => (key === 'staff.payBillCash' ? { bill: paid } : { transfer: resolved }));
    const handlers = createConsolePaymentsHandlers(createConsolePaymentsService({ staffHub: hub }));
    await expect(handlers['consolePayments:matchTransfer']({ transferId: 't1', billIds: ['b1', 'b2'], reason: 'Cư dân gọi điện xác nhận' }, ctx)).resolves.toEqual({ transfer: resolved });
    await handlers['consolePayments:ignoreTransfer']({ transferId: 't2', reason: 'Tiền hoàn cọc, không phải hóa đơn' }, ctx);
    await expect(handlers['consolePayments:payCash']({ billId: 'b1', reason: 'Nộp tiền mặt tại văn phòng' }, ctx)).resolves.toEqual({ bill: paid });
    expect(calls).toEqual([
      { key: 'staff.matchTransfer', input: { params: { id: 't1' }, body: { billIds: ['b1', 'b2'], reason: 'Cư dân gọi điện xác nhận' } } },
      { key: 'staff.ignoreTransfer', input: { params: { id: 't2' }, body: { reason: 'Tiền hoàn cọc, không phải hóa đơn' } } },
      { key: 'staff.payBillCash', input: { params: { id: 'b1' }, body: { reason: 'Nộp tiền mặt tại văn phòng' } } },
    ]);
  });

  it('passes imports, the export and the flagged intents through unchanged', async () => {
    const { hub, calls } = fakeStaffHub<ConsolePaymentsRoute>(() => ({}));
    const handlers = createConsolePaymentsHandlers(createConsolePaymentsService({ staffHub: hub }));
    const row = { line: 7, providerTxId: 'FT2611', direction: 'in' as const, amountVnd: 500_000, content: 'KT7H3M9Q2X', accountNumber: '0011001234567', receivedAt: '2026-11-20T03:15:00.000Z' };
    await handlers['consolePayments:importStatement']({ importId, bank: 'vietcombank', rows: [row] }, ctx);
    const billRow = { line: 2, unit: 'A-12.03', service: 'water', period: '2026-11', amount: '125000', dueDate: '15/12/2026', previousReading: '', currentReading: '' };
    await handlers['consolePayments:importBills']({ importId, month: '2026-11', rows: [billRow], mode: 'check' }, ctx);
    await handlers['consolePayments:exportBills']({ month: '2026-11' }, ctx);
    await handlers['consolePayments:intents']({}, ctx);
    await handlers['consolePayments:intents']({ flaggedOnly: false }, ctx);
    expect(calls).toEqual([
      { key: 'staff.importStatement', input: { body: { importId, bank: 'vietcombank', rows: [row] } } },
      { key: 'staff.importBills', input: { body: { importId, month: '2026-11', rows: [billRow], mode: 'check' } } },
      { key: 'staff.exportBills', input: { query: { month: '2026-11' } } },
      { key: 'staff.paymentIntents', input: { query: { flagged: 'true' } } },
      { key: 'staff.paymentIntents', input: { query: { flagged: 'false' } } },
    ]);
  });

  it('passes a hub refusal through as a typed error', async () => {
    const { hub } = fakeStaffHub<ConsolePaymentsRoute>(() => new KiotError('forbidden', 'care reads only'));
    const payments = createConsolePaymentsService({ staffHub: hub });
    await expect(payments.payCash({ billId: 'b1', reason: 'Tiền mặt' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
