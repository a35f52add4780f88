/**
 * Reads and writes of reconciliation in the console: a building's transfers and bills with
 * their units, a manager's resolution of a transfer, bills paid by hand. The payment tables
 * come from migration 0015; the matching of incoming transfers is services/payments.ts's.
 */
import { sql } from 'kysely';
import type { ExpressionBuilder } from 'kysely';
import type { ServiceKind } from '../../shared/domain';
import type { TransferMatch } from '../../shared/payments';
import type { HubDb, HubTrx } from './connect';
import type { BillRow, UnitRow } from './schema';

type Db = HubDb | HubTrx;

export type TransferRecord = {
  id: string;
  building_id: string;
  source: 'webhook' | 'statement';
  provider: string;
  provider_tx_id: string;
  direction: string;
  amount_vnd: number;
  content: string;
  account_number: string;
  received_at: string;
  recorded_at: string;
  match: TransferMatch;
  payment_code: string | null;
  intent_id: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_reason: string | null;
};

type AllocationRecord = { id: string; transfer_id: string; bill_id: string; amount_vnd: number; created_at: string };
type BillPaidColumns = BillRow & { paid_vnd: number };
type IntentRecord = {
  id: string;
  building_id: string;
  unit_id: string;
  code: string;
  amount_vnd: number;
  received_vnd: number;
  status: string;
  created_at: string;
  expires_at: string;
  paid_at: string | null;
  flagged_at: string | null;
};
type IntentBillRecord = { intent_id: string; bill_id: string };
type PaymentAccountRecord = { building_id: string; account_number: string };

/** The tables of migration 0015 this module reads, beside the hub's own. */
type Tables = {
  bank_transfers: TransferRecord;
  payment_allocations: AllocationRecord;
  payment_intents: IntentRecord;
  payment_intent_bills: IntentBillRecord;
  payment_accounts: PaymentAccountRecord;
  bills: BillPaidColumns;
  units: UnitRow;
};

const tables = (db: Db) => db.withTables<Tables>();

/** Matches needing a manager come first in the list. */
const MATCH_RANK = sql<number>`case match when 'unmatched' then 0 when 'overpaid' then 1 when 'partial' then 2 else 3 end`;

export type TransferFilter = { match?: TransferMatch | undefined; fromInstant?: string | undefined; toInstant?: string | undefined };

export async function listTransfers(db: Db, buildingId: string, filter: TransferFilter, page: { limit: number; offset: number }): Promise<{ rows: TransferRecord[]; total: number }> {
  const where = (eb: ExpressionBuilder<Tables, 'bank_transfers'>) => {
    const conds = [eb('building_id', '=', buildingId)];
    if (filter.match !== undefined) conds.push(eb('match', '=', filter.match));
    if (filter.fromInstant !== undefined) conds.push(eb('received_at', '>=', filter.fromInstant));
    if (filter.toInstant !== undefined) conds.push(eb('received_at', '<', filter.toInstant));
    return eb.and(conds);
  };
  const t = tables(db);
  const rows = await t.selectFrom('bank_transfers').selectAll().where(where).orderBy(MATCH_RANK).orderBy('received_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
  const count = await t.selectFrom('bank_transfers').select((eb) => eb.fn.countAll<number | string>().as('n')).where(where).executeTakeFirstOrThrow();
  return { rows: rows.map(numericTransfer), total: Number(count.n) };
}

export async function getTransfer(db: Db, buildingId: string, id: string): Promise<TransferRecord | undefined> {
  const row = await tables(db).selectFrom('bank_transfers').selectAll().where('id', '=', id).where('building_id', '=', buildingId).executeTakeFirst();
  return row === undefined ? undefined : numericTransfer(row);
}

/** Claims the transfer for a resolution: only while its match is still one of `from`. */
export async function resolveTransfer(
  db: Db,
  id: string,
  from: readonly TransferMatch[],
  to: { match: TransferMatch; resolvedAt: string; resolvedBy: string; reason: string },
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('bank_transfers')
    .set({ match: to.match, resolved_at: to.resolvedAt, resolved_by: to.resolvedBy, resolution_reason: to.reason })
    .where('id', '=', id)
    .where('match', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function allocatedVnd(db: Db, transferId: string): Promise<number> {
  const row = await tables(db)
    .selectFrom('payment_allocations')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('amount_vnd'), sql<number>`0`).as('total'))
    .where('transfer_id', '=', transferId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function insertAllocations(db: Db, rows: readonly AllocationRecord[]): Promise<void> {
  if (rows.length > 0) await tables(db).insertInto('payment_allocations').values([...rows]).execute();
}

/** Unit labels of the bills each transfer paid part of. */
export async function transferUnitLabels(db: Db, transferIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (transferIds.length === 0) return out;
  const rows = await tables(db)
    .selectFrom('payment_allocations as a')
    .innerJoin('bills as b', 'b.id', 'a.bill_id')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .select(['a.transfer_id', 'u.label'])
    .distinct()
    .where('a.transfer_id', 'in', [...transferIds])
    .orderBy('u.label')
    .execute();
  for (const row of rows) out.set(row.transfer_id, [...(out.get(row.transfer_id) ?? []), row.label]);
  return out;
}

export type StaffBillRecord = {
  id: string;
  unit_id: string;
  unit_label: string;
  service: ServiceKind;
  month: string;
  amount_vnd: number;
  paid_vnd: number;
  due_date: string;
  status: 'unpaid' | 'paid';
  paid_at: string | null;
  meter_unit: 'kWh' | 'm3' | null;
  previous_reading: number | null;
  current_reading: number | null;
};

export type StaffBillFilter = { unitLabel?: string | undefined; month?: string | undefined; status?: 'paid' | 'unpaid' | 'overdue' | undefined; today: string };

const billColumns = [
  'b.id',
  'b.unit_id',
  'u.label as unit_label',
  'b.service',
  'b.month',
  'b.amount_vnd',
  'b.paid_vnd',
  'b.due_date',
  'b.status',
  'b.paid_at',
  'b.meter_unit',
  'b.previous_reading',
  'b.current_reading',
] as const;

export async function listStaffBills(db: Db, buildingId: string, filter: StaffBillFilter, page: { limit: number; offset: number }): Promise<{ rows: StaffBillRecord[]; total: number }> {
  const base = () => {
    let q = tables(db).selectFrom('bills as b').innerJoin('units as u', 'u.id', 'b.unit_id').where('u.building_id', '=', buildingId);
    if (filter.unitLabel !== undefined) q = q.where(sql`upper(u.label)`, '=', filter.unitLabel.trim().toUpperCase());
    if (filter.month !== undefined) q = q.where('b.month', '=', filter.month);
    if (filter.status === 'paid') q = q.where('b.status', '=', 'paid');
    if (filter.status === 'unpaid') q = q.where('b.status', '=', 'unpaid').where('b.due_date', '>=', filter.today);
    if (filter.status === 'overdue') q = q.where('b.status', '=', 'unpaid').where('b.due_date', '<', filter.today);
    return q;
  };
  const rows = await base().select(billColumns).orderBy('b.month', 'desc').orderBy('u.label').orderBy('b.service').orderBy('b.id').limit(page.limit).offset(page.offset).execute();
  const count = await base().select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return { rows: rows.map(numericBill), total: Number(count.n) };
}

export async function getStaffBills(db: Db, buildingId: string, ids: readonly string[]): Promise<StaffBillRecord[]> {
  if (ids.length === 0) return [];
  const rows = await tables(db)
    .selectFrom('bills as b')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .select(billColumns)
    .where('u.building_id', '=', buildingId)
    .where('b.id', 'in', [...ids])
    .execute();
  return rows.map(numericBill);
}

/** Adds to what a bill has received, and marks it paid when that reaches its amount; false if the bill changed meanwhile. */
export async function addBillPayment(db: Db, bill: { id: string; paidVnd: number; amountVnd: number }, add: number, at: string): Promise<boolean> {
  const paid = bill.paidVnd + add;
  const full = paid >= bill.amountVnd;
  const result = await tables(db)
    .updateTable('bills')
    .set({ paid_vnd: paid, status: full ? 'paid' : 'unpaid', paid_at: full ? at : null })
    .where('id', '=', bill.id)
    .where('paid_vnd', '=', bill.paidVnd)
    .where('status', '=', 'unpaid')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The building's units by label (upper case), for an import. */
export async function unitsByLabel(db: Db, buildingId: string): Promise<Map<string, { id: string; label: string }>> {
  const rows = await tables(db).selectFrom('units').select(['id', 'label']).where('building_id', '=', buildingId).execute();
  return new Map(rows.map((r) => [r.label.trim().toUpperCase(), r]));
}

/** `unitId|service` of the bills the building already has for the month. */
export async function existingBillKeys(db: Db, buildingId: string, month: string): Promise<Set<string>> {
  const rows = await tables(db)
    .selectFrom('bills as b')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .select(['b.unit_id', 'b.service'])
    .where('u.building_id', '=', buildingId)
    .where('b.month', '=', month)
    .execute();
  return new Set(rows.map((r) => `${r.unit_id}|${r.service}`));
}

export async function monthBills(db: Db, buildingId: string, month: string): Promise<StaffBillRecord[]> {
  const rows = await tables(db)
    .selectFrom('bills as b')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .select(billColumns)
    .where('u.building_id', '=', buildingId)
    .where('b.month', '=', month)
    .orderBy('u.label')
    .orderBy('b.service')
    .execute();
  return rows.map(numericBill);
}

export async function receivingAccountNumber(db: Db, buildingId: string): Promise<string | null> {
  const row = await tables(db).selectFrom('payment_accounts').select('account_number').where('building_id', '=', buildingId).executeTakeFirst();
  return row?.account_number ?? null;
}

export type StaffIntentRecord = Omit<IntentRecord, 'building_id' | 'unit_id'> & { unit_label: string; bill_ids: string[] };

export async function listIntents(db: Db, buildingId: string, opts: { flaggedOnly: boolean; limit: number }): Promise<StaffIntentRecord[]> {
  let q = tables(db)
    .selectFrom('payment_intents as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.code', 'i.amount_vnd', 'i.received_vnd', 'i.status', 'i.created_at', 'i.expires_at', 'i.paid_at', 'i.flagged_at', 'u.label as unit_label'])
    .where('i.building_id', '=', buildingId);
  if (opts.flaggedOnly) q = q.where('i.flagged_at', 'is not', null);
  const rows = await q.orderBy('i.created_at', 'desc').orderBy('i.id').limit(opts.limit).execute();
  const bills = rows.length === 0 ? [] : await tables(db).selectFrom('payment_intent_bills').selectAll().where('intent_id', 'in', rows.map((r) => r.id)).orderBy('bill_id').execute();
  return rows.map((r) => ({
    ...r,
    amount_vnd: Number(r.amount_vnd),
    received_vnd: Number(r.received_vnd),
    bill_ids: bills.filter((b) => b.intent_id === r.id).map((b) => b.bill_id),
  }));
}

function numericTransfer(row: TransferRecord): TransferRecord {
  return { ...row, amount_vnd: Number(row.amount_vnd) };
}

function numericBill(row: StaffBillRecord): StaffBillRecord {
  return { ...row, amount_vnd: Number(row.amount_vnd), paid_vnd: Number(row.paid_vnd) };
}

export type CoveringIntent = { id: string; status: string; received_vnd: number; paid_at: string | null; bill_ids: string[] };

/** Intents still waiting for money (open or partly paid) that cover any of these bills, with all their bill ids. */
export async function openIntentsCovering(db: Db, billIds: readonly string[]): Promise<CoveringIntent[]> {
  if (billIds.length === 0) return [];
  const t = tables(db);
  const intents = await t
    .selectFrom('payment_intents as i')
    .select(['i.id', 'i.status', 'i.received_vnd', 'i.paid_at'])
    .where('i.status', 'in', ['open', 'partially_paid'])
    .where('i.id', 'in', (eb) => eb.selectFrom('payment_intent_bills').select('intent_id').where('bill_id', 'in', [...billIds]))
    .orderBy('i.id')
    .execute();
  if (intents.length === 0) return [];
  const links = await t.selectFrom('payment_intent_bills').selectAll().where('intent_id', 'in', intents.map((i) => i.id)).orderBy('bill_id').execute();
  return intents.map((i) => ({ ...i, received_vnd: Number(i.received_vnd), bill_ids: links.filter((l) => l.intent_id === i.id).map((l) => l.bill_id) }));
}

/** Moves an intent on after money reached its bills another way; false if it changed meanwhile. */
export async function settleIntent(
  db: Db,
  intent: { id: string; fromStatus: string },
  to: { status: 'paid' | 'partially_paid'; receivedVnd: number; paidAt: string | null; at: string },
): Promise<boolean> {
  const result = await tables(db)
    .withTables<{ payment_intents: IntentRecord & { updated_at: string } }>()
    .updateTable('payment_intents')
    .set({ status: to.status, received_vnd: to.receivedVnd, paid_at: to.paidAt, updated_at: to.at })
    .where('id', '=', intent.id)
    .where('status', '=', intent.fromStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
