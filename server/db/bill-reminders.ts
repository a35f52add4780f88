/** The query behind bill reminders: unpaid bills falling due in a window, with whose they are. */
import type { HubDb, HubTrx } from './connect';

export type DueBillRow = { resident_id: string; bill_id: string; service: string; month: string; amount_vnd: number; due_date: string; unit_label: string };

/** Unpaid bills due between `from` and `to` (YYYY-MM-DD, inclusive), one row per resident of the unit. */
export async function listUnpaidBillsDueBetween(db: HubDb | HubTrx, from: string, to: string): Promise<DueBillRow[]> {
  return db
    .selectFrom('bills as b')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .innerJoin('residents as r', 'r.unit_id', 'b.unit_id')
    .select(['r.id as resident_id', 'b.id as bill_id', 'b.service', 'b.month', 'b.amount_vnd', 'b.due_date', 'u.label as unit_label'])
    .where('b.status', '=', 'unpaid')
    .where('b.due_date', '>=', from)
    .where('b.due_date', '<=', to)
    .orderBy('r.id')
    .orderBy('b.due_date')
    .execute();
}
