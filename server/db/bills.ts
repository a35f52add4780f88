import type { HubDb, HubTrx } from './connect';
import { chunks } from './locks';
import type { BillRow } from './schema';

type Db = HubDb | HubTrx;

export async function insertBills(db: Db, rows: readonly BillRow[]): Promise<void> {
  // 12 columns × 400 rows stays well under SQLite's 32766 and PostgreSQL's 65535 parameters.
  for (const chunk of chunks(rows, 400)) await db.insertInto('bills').values(chunk).execute();
}

export type UnitBillRow = BillRow & { unit_label: string };

/** A unit's bills, newest month first. */
export async function listBillsForUnit(db: Db, unitId: string): Promise<UnitBillRow[]> {
  return db
    .selectFrom('bills as b')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .selectAll('b')
    .select('u.label as unit_label')
    .where('b.unit_id', '=', unitId)
    .orderBy('b.month', 'desc')
    .orderBy('b.id')
    .execute();
}
