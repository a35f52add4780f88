/**
 * Reconciliation in the console: transfers a manager matches by hand or sets aside, bills paid
 * in cash, bank statements imported and matched like webhook transfers (through the payments
 * service's one matching function), months of bills imported from CSV and exported as CSV.
 * Every write is one audit event with its reason; none names a resident.
 */
import { checkBillRows, unitLabelKey } from '../../shared/bills-csv';
import { formatInstant, vietnamDate } from '../../shared/dates';
import type { Bill, BillStatus, StaffRole } from '../../shared/domain';
import type {
  BillImportError,
  ExportBillsQuery,
  ExportBillsResponse,
  IgnoreTransferBody,
  ImportBillsBody,
  ImportBillsResponse,
  ImportStatementBody,
  ImportStatementResponse,
  MatchTransferBody,
  PayBillCashBody,
  StaffBillListQuery,
  StaffBillListResponse,
  StaffBillResponse,
  StaffPaymentIntentListResponse,
  StaffPaymentIntentQuery,
  StatementRowOutcome,
  StatementRowResult,
  TransferListQuery,
  TransferListResponse,
  TransferResponse,
} from '../../shared/hub-api/payment-reconciliation';
import { StatementRowOutcome as StatementRowOutcomeSchema } from '../../shared/hub-api/payment-reconciliation';
import type { BankTransfer, IncomingTransfer, PaymentIntentStatus, TransferMatch } from '../../shared/payments';
import type { Logger } from '../../shared/logger';
import { KiotError } from '../../shared/result';
import { insertBills } from '../db/bills';
import type { HubDb, HubTrx } from '../db/connect';
import {
  addBillPayment,
  allocatedVnd,
  existingBillKeys,
  getStaffBills,
  getTransfer,
  insertAllocations,
  listIntents,
  listStaffBills,
  listTransfers,
  monthBills,
  openIntentsCovering,
  receivingAccountNumber,
  resolveTransfer,
  settleIntent,
  transferUnitLabels,
  unitsByLabel,
} from '../db/payment-reconciliation';
import type { StaffBillRecord, TransferRecord } from '../db/payment-reconciliation';
import type { BillRow } from '../db/schema';
import type { IdGenerator } from '../ids';
import type { AuditService } from './audit';
import { toCsv } from './csv';
import { toTransfer } from './payments';

export type ReconciliationActor = { staffId: string; role: StaffRole; buildingId: string };

export type ReconciliationService = {
  listTransfers(actor: ReconciliationActor, query: TransferListQuery): Promise<TransferListResponse>;
  matchTransfer(actor: ReconciliationActor, id: string, body: MatchTransferBody): Promise<TransferResponse>;
  ignoreTransfer(actor: ReconciliationActor, id: string, body: IgnoreTransferBody): Promise<TransferResponse>;
  listBills(actor: ReconciliationActor, query: StaffBillListQuery): Promise<StaffBillListResponse>;
  payBillCash(actor: ReconciliationActor, id: string, body: PayBillCashBody): Promise<StaffBillResponse>;
  importStatement(actor: ReconciliationActor, body: ImportStatementBody): Promise<ImportStatementResponse>;
  importBills(actor: ReconciliationActor, body: ImportBillsBody): Promise<ImportBillsResponse>;
  exportBills(actor: ReconciliationActor, query: ExportBillsQuery): Promise<ExportBillsResponse>;
  listIntents(actor: ReconciliationActor, query: StaffPaymentIntentQuery): Promise<StaffPaymentIntentListResponse>;
};

/** The payments service's one matching function (webhooks and statements alike). */
export type RecordTransfer = (
  buildingId: string,
  incoming: IncomingTransfer,
) => Promise<{ transfer: BankTransfer | null; outcome: StatementRowOutcome | 'ignored' }>;

/** The same matching for many rows at once (payments.recordTransfers), outcomes in row order. */
export type RecordTransfers = (
  buildingId: string,
  incoming: readonly (IncomingTransfer & { bankReference: string | null })[],
) => Promise<{ transferId: string | null; outcome: StatementRowOutcome }[]>;

export type ReconciliationDeps = {
  db: HubDb;
  clock: () => Date;
  newId: IdGenerator;
  audit: AuditService;
  recordTransfer: RecordTransfer;
  recordTransfers: RecordTransfers;
  logger: Logger;
};

/** A manager may resolve a transfer that no payment code settled exactly. */
const RESOLVABLE: readonly TransferMatch[] = ['unmatched', 'partial', 'overpaid'];

/** `YYYY-MM-DD` in Vietnam → the UTC instant that day starts. */
function vietnamDayStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, -7)).toISOString();
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function toBill(row: StaffBillRecord, today: string): Bill {
  const status: BillStatus = row.status === 'paid' ? 'paid' : row.due_date < today ? 'overdue' : 'unpaid';
  return {
    id: row.id,
    unitLabel: row.unit_label,
    service: row.service,
    month: row.month,
    amountVnd: row.amount_vnd,
    dueDate: row.due_date,
    status,
    paidVnd: Math.min(row.paid_vnd, row.amount_vnd),
    paidAt: row.paid_at,
    consumption:
      row.meter_unit !== null && row.previous_reading !== null && row.current_reading !== null
        ? { unit: row.meter_unit, previousReading: row.previous_reading, currentReading: row.current_reading, quantity: row.current_reading - row.previous_reading }
        : null,
  };
}

const emptyCounts = (): Record<StatementRowOutcome, number> =>
  Object.fromEntries(StatementRowOutcomeSchema.options.map((o) => [o, 0])) as Record<StatementRowOutcome, number>;

export function createReconciliationService(deps: ReconciliationDeps): ReconciliationService {
  const { db, clock, newId, audit, logger } = deps;

  async function transferOut(executor: HubDb | HubTrx, row: TransferRecord): Promise<BankTransfer> {
    const labels = await transferUnitLabels(executor, [row.id]);
    return toTransfer(row, labels.get(row.id) ?? []);
  }

  /**
   * Money put on bills by a manager (a manual match, cash at the office) also moves on the
   * payment intents still waiting for those bills, so the resident's kiosk shows them paid
   * (every bill of the intent paid) or partly paid, with what arrived counted.
   */
  async function settleCoveringIntents(trx: HubTrx, buildingId: string, paidByBill: ReadonlyMap<string, number>, now: string): Promise<void> {
    for (const intent of await openIntentsCovering(trx, [...paidByBill.keys()])) {
      const added = intent.bill_ids.reduce((sum, id) => sum + (paidByBill.get(id) ?? 0), 0);
      const bills = await getStaffBills(trx, buildingId, intent.bill_ids);
      const allPaid = bills.length === intent.bill_ids.length && bills.every((b) => b.status === 'paid');
      const to = { status: allPaid ? ('paid' as const) : ('partially_paid' as const), receivedVnd: intent.received_vnd + added, paidAt: allPaid ? (intent.paid_at ?? now) : intent.paid_at, at: now };
      if (!(await settleIntent(trx, { id: intent.id, fromStatus: intent.status }, to))) throw new KiotError('wrong_state', 'A payment changed meanwhile');
    }
  }

  async function loadTransfer(executor: HubDb | HubTrx, actor: ReconciliationActor, id: string): Promise<TransferRecord> {
    const row = await getTransfer(executor, actor.buildingId, id);
    if (!row) throw new KiotError('not_found', 'No such transfer');
    return row;
  }

  return {
    async listTransfers(actor, query) {
      const limit = query.pageSize;
      const { rows, total } = await listTransfers(
        db,
        actor.buildingId,
        { match: query.match, fromInstant: query.from === undefined ? undefined : vietnamDayStart(query.from), toInstant: query.to === undefined ? undefined : vietnamDayStart(nextDay(query.to)) },
        { limit, offset: (query.page - 1) * limit },
      );
      const labels = await transferUnitLabels(db, rows.map((r) => r.id));
      return { transfers: rows.map((r) => toTransfer(r, labels.get(r.id) ?? [])), total };
    },

    async matchTransfer(actor, id, body) {
      const now = clock().toISOString();
      const today = vietnamDate(clock());
      return db.transaction().execute(async (trx) => {
        const transfer = await loadTransfer(trx, actor, id);
        if (!RESOLVABLE.includes(transfer.match)) throw new KiotError('wrong_state', 'This transfer needs no manager');
        const billIds = [...new Set(body.billIds)];
        const bills = await getStaffBills(trx, actor.buildingId, billIds);
        if (bills.length !== billIds.length) throw new KiotError('not_found', 'No such bill');
        if (new Set(bills.map((b) => b.unit_id)).size !== 1) throw new KiotError('wrong_state', 'The bills belong to more than one unit');
        // Claimed first: a second manager resolving the same transfer at once finds it resolved.
        if (!(await resolveTransfer(trx, id, RESOLVABLE, { match: 'resolved', resolvedAt: now, resolvedBy: actor.staffId, reason: body.reason }))) {
          throw new KiotError('wrong_state', 'This transfer was resolved meanwhile');
        }
        let left = transfer.amount_vnd - (await allocatedVnd(trx, id));
        const allocations = [];
        // Oldest due first, as a partial payment fills them.
        for (const bill of [...bills].sort((a, b) => (a.due_date === b.due_date ? (a.id < b.id ? -1 : 1) : a.due_date < b.due_date ? -1 : 1))) {
          const due = bill.amount_vnd - bill.paid_vnd;
          if (left <= 0 || bill.status === 'paid' || due <= 0) continue;
          const pay = Math.min(due, left);
          if (!(await addBillPayment(trx, { id: bill.id, paidVnd: bill.paid_vnd, amountVnd: bill.amount_vnd }, pay, now))) throw new KiotError('wrong_state', 'A bill changed meanwhile');
          allocations.push({ id: newId(), transfer_id: id, bill_id: bill.id, amount_vnd: pay, created_at: now });
          left -= pay;
        }
        if (allocations.length === 0 && bills.every((b) => b.status === 'paid' || b.amount_vnd - b.paid_vnd <= 0)) {
          throw new KiotError('wrong_state', 'These bills are already paid');
        }
        await insertAllocations(trx, allocations);
        await settleCoveringIntents(trx, actor.buildingId, new Map(allocations.map((a) => [a.bill_id, a.amount_vnd])), now);
        await audit.record(trx, {
          buildingId: actor.buildingId,
          residentId: null,
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'payment.reconciled',
          reason: body.reason,
          detail: { step: 'transfer_matched', transferId: id, bills: String(allocations.length), allocatedVnd: String(transfer.amount_vnd - left), unallocatedVnd: String(left), today },
        });
        const updated = await loadTransfer(trx, actor, id);
        return { transfer: await transferOut(trx, updated) };
      });
    },

    async ignoreTransfer(actor, id, body) {
      const now = clock().toISOString();
      return db.transaction().execute(async (trx) => {
        const transfer = await loadTransfer(trx, actor, id);
        // Money already put on bills cannot be set aside; a manager matches the rest instead.
        if (transfer.match !== 'unmatched' || !(await resolveTransfer(trx, id, ['unmatched'], { match: 'ignored', resolvedAt: now, resolvedBy: actor.staffId, reason: body.reason }))) {
          throw new KiotError('wrong_state', 'Only an unmatched transfer can be set aside');
        }
        await audit.record(trx, {
          buildingId: actor.buildingId,
          residentId: null,
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'payment.reconciled',
          reason: body.reason,
          detail: { step: 'transfer_ignored', transferId: id },
        });
        return { transfer: await transferOut(trx, await loadTransfer(trx, actor, id)) };
      });
    },

    async listBills(actor, query) {
      const today = vietnamDate(clock());
      const limit = query.pageSize;
      const { rows, total } = await listStaffBills(db, actor.buildingId, { unitLabel: query.unit, month: query.month, status: query.status, today }, { limit, offset: (query.page - 1) * limit });
      return { bills: rows.map((r) => toBill(r, today)), total };
    },

    async payBillCash(actor, id, body) {
      const now = clock().toISOString();
      const today = vietnamDate(clock());
      return db.transaction().execute(async (trx) => {
        const [bill] = await getStaffBills(trx, actor.buildingId, [id]);
        if (!bill) throw new KiotError('not_found', 'No such bill');
        const due = bill.amount_vnd - bill.paid_vnd;
        if (bill.status === 'paid' || due <= 0) throw new KiotError('wrong_state', 'This bill is already paid');
        if (!(await addBillPayment(trx, { id, paidVnd: bill.paid_vnd, amountVnd: bill.amount_vnd }, due, now))) throw new KiotError('wrong_state', 'This bill changed meanwhile');
        await settleCoveringIntents(trx, actor.buildingId, new Map([[id, due]]), now);
        await audit.record(trx, {
          buildingId: actor.buildingId,
          residentId: null,
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'payment.reconciled',
          reason: body.reason,
          detail: { step: 'bill_paid_cash', billId: id, amountVnd: String(due) },
        });
        const [updated] = await getStaffBills(trx, actor.buildingId, [id]);
        return { bill: toBill(updated!, today) };
      });
    },

    async importStatement(actor, body) {
      const provider = `statement:${body.bank}`;
      const account = await receivingAccountNumber(db, actor.buildingId);
      const counts = emptyCounts();
      const results: (StatementRowResult | null)[] = body.rows.map(() => null);
      const settle = (index: number, outcome: StatementRowOutcome, transferId: string | null): void => {
        counts[outcome] += 1;
        results[index] = { line: body.rows[index]!.line, outcome, transferId };
      };
      // A statement is the building's own account's: a row without an account number is to it.
      const incoming = body.rows.map((row) => {
        const { line: _line, ...transfer } = row;
        return {
          ...transfer,
          accountNumber: transfer.accountNumber === '' && account !== null ? account : transfer.accountNumber,
          source: 'statement' as const,
          provider,
          // The statement's reference is the bank's: the same transfer by webhook is a duplicate.
          bankReference: transfer.providerTxId,
        };
      });
      // One matching rule: the payments service records the rows as it would one by one, in
      // the statement's order, in one transaction per few hundred rows.
      const recorded = await deps.recordTransfers(actor.buildingId, incoming);
      recorded.forEach((r, i) => settle(i, r.outcome, r.transferId));
      await audit.record(db, {
        buildingId: actor.buildingId,
        residentId: null,
        actor: { kind: 'staff', staffId: actor.staffId },
        action: 'payment.reconciled',
        reason: null,
        detail: {
          step: 'statement_imported',
          importId: body.importId,
          bank: body.bank,
          rows: String(body.rows.length),
          ...Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)])),
        },
      });
      logger.info('Statement rows imported', { rows: body.rows.length, matched: counts.matched, unmatched: counts.unmatched, duplicate: counts.duplicate });
      return { results: results.map((r) => r!), counts };
    },

    async importBills(actor, body) {
      const run = async (executor: HubDb | HubTrx): Promise<ImportBillsResponse & { rowsToInsert: BillRow[] }> => {
        const { bills, errors } = checkBillRows(body.rows, body.month);
        const units = await unitsByLabel(executor, actor.buildingId);
        const existing = await existingBillKeys(executor, actor.buildingId, body.month);
        const hubErrors: BillImportError[] = [];
        const rowsToInsert: BillRow[] = [];
        const now = clock().toISOString();
        for (const bill of bills) {
          const unit = units.get(unitLabelKey(bill.unitLabel));
          if (!unit) {
            hubErrors.push({ line: bill.line, code: 'unknown_unit', field: 'unit' });
            continue;
          }
          if (existing.has(`${unit.id}|${bill.service}`)) {
            hubErrors.push({ line: bill.line, code: 'duplicate_bill', field: 'unit' });
            continue;
          }
          rowsToInsert.push({
            id: newId(),
            unit_id: unit.id,
            service: bill.service,
            month: bill.month,
            amount_vnd: bill.amountVnd,
            due_date: bill.dueDate,
            status: 'unpaid',
            paid_at: null,
            meter_unit: bill.meter?.unit ?? null,
            previous_reading: bill.meter?.previousReading ?? null,
            current_reading: bill.meter?.currentReading ?? null,
            created_at: now,
          });
        }
        const all = [...errors, ...hubErrors].sort((a, b) => a.line - b.line);
        const invalid = new Set(all.map((e) => e.line)).size;
        return {
          errors: all,
          counts: { rows: body.rows.length, valid: body.rows.length - invalid, invalid, published: 0, totalVnd: bills.reduce((s, b) => s + b.amountVnd, 0) },
          rowsToInsert,
        };
      };

      if (body.mode === 'check') {
        const { rowsToInsert: _rows, ...report } = await run(db);
        return report;
      }
      return db.transaction().execute(async (trx) => {
        const { rowsToInsert, ...report } = await run(trx);
        // All or nothing: one error anywhere and nothing is written.
        if (report.errors.length > 0) return report;
        await insertBills(trx, rowsToInsert);
        await audit.record(trx, {
          buildingId: actor.buildingId,
          residentId: null,
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'bills.imported',
          reason: null,
          detail: { importId: body.importId, month: body.month, bills: String(rowsToInsert.length), totalVnd: String(report.counts.totalVnd) },
        });
        return { ...report, counts: { ...report.counts, published: rowsToInsert.length } };
      });
    },

    async exportBills(actor, query) {
      const today = vietnamDate(clock());
      const rows = await monthBills(db, actor.buildingId, query.month);
      const [y, m] = query.month.split('-');
      const csv = toCsv(
        ['Unit', 'Service', 'Period', 'Amount', 'Due date', 'Previous reading', 'Current reading', 'Paid', 'Status', 'Paid at'],
        rows.map((r) => {
          const bill = toBill(r, today);
          const [dy, dm, dd] = bill.dueDate.split('-');
          // The import's columns first, so an exported month can be edited and imported elsewhere.
          return [bill.unitLabel, bill.service, bill.month, bill.amountVnd, `${dd}/${dm}/${dy}`, r.previous_reading, r.current_reading, bill.paidVnd, bill.status, bill.paidAt === null ? null : formatInstant(bill.paidAt)];
        }),
      );
      await audit.record(db, {
        buildingId: actor.buildingId,
        residentId: null,
        actor: { kind: 'staff', staffId: actor.staffId },
        action: 'bills.exported',
        reason: null,
        detail: { month: query.month, bills: String(rows.length) },
      });
      return { filename: `bills-${y}-${m}.csv`, csv };
    },

    async listIntents(actor, query) {
      const rows = await listIntents(db, actor.buildingId, { flaggedOnly: query.flagged, limit: 500 });
      return {
        intents: rows.map((r) => ({
          id: r.id,
          code: r.code,
          billIds: r.bill_ids,
          amountVnd: r.amount_vnd,
          receivedVnd: r.received_vnd,
          status: r.status as PaymentIntentStatus,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          paidAt: r.paid_at,
          unitLabel: r.unit_label,
          flaggedAt: r.flagged_at,
        })),
      };
    },
  };
}
