import { sql } from 'kysely';
import type { HubDb, HubTrx } from './connect';
import { chunks } from './locks';
import type { BillRow } from './schema';

type Db = HubDb | HubTrx;

export async function insertBills(db: Db, rows: readonly BillRow[]): Promise<void> {
  // 12 columns × 400 rows stays well under SQLite's 32766 and PostgreSQL's 65535 parameters.
  for (const chunk of chunks(rows, 400)) await db.insertInto('bills').values(chunk).execute();
}

/** What a bill list shows: every column but the bookkeeping ones, with what has arrived against it (0015). */
export type ListedBillRow = Omit<BillRow, 'unit_id' | 'created_at'> & { paid_vnd: number };

/**
 * A unit's bills, newest month first. Read from bills_unit_list_idx alone (migrations 0009, 0015),
 * which holds these columns in this order.
 */
export async function listBillsForUnit(db: Db, unitId: string): Promise<ListedBillRow[]> {
  return db
    .withTables<{ bills: BillRow & { paid_vnd: number } }>()
    .selectFrom('bills')
    .select(['id', 'service', 'month', 'amount_vnd', 'due_date', 'status', 'paid_at', 'meter_unit', 'previous_reading', 'current_reading', 'paid_vnd'])
    .where('unit_id', '=', unitId)
    .orderBy('month', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * The unit's bill list version (migration 0009): database triggers move it on every write
 * to the unit's bills, whoever makes it. Undefined for an unknown unit.
 */
export async function getBillsVersion(db: Db, unitId: string): Promise<number | undefined> {
  const { rows } = await sql<{ v: number | string }>`select bills_version as v from units where id = ${unitId}`.execute(db);
  return rows[0] === undefined ? undefined : Number(rows[0].v);
}
