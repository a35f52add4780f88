/**
 * The deadline tracker's queries (issue 8, item 5): open requests whose legal deadline passed
 * without the managers having been told, the claim that tells them once, and who to tell.
 */
import type { Kysely } from 'kysely';
import type { StaffRole } from '../../shared/domain';
import type { HubDb, HubTrx } from './connect';
import { dialectOf } from './connect';
import type { ExportRequestRow, RequestTables } from './data-export';
import type { Database } from './schema';

type DeadlineTables = RequestTables & {
  staff_members: { id: string; building_id: string | null; full_name: string; role: StaffRole; created_at: string };
  // Migration 0012: where a staff member signs in from, and their optional email for these notices.
  staff_credentials: { staff_id: string; email: string | null; disabled_at: string | null };
};
type Db = HubDb | HubTrx;

function tables(db: Db): Kysely<Database & DeadlineTables> {
  return db.withTables<DeadlineTables>();
}

/**
 * Requests that still run against the law's clock. on_hold counts: a hold pauses the work the
 * request asks for, not the deadlines the law sets, so an overdue held request is still reported.
 */
export const DEADLINE_OPEN_STATUSES = ['received', 'acknowledged', 'in_progress', 'on_hold'] as const;

export type OverdueRow = Pick<ExportRequestRow, 'id' | 'building_id' | 'kind' | 'status' | 'acknowledge_due_at' | 'act_due_at' | 'acknowledged_at' | 'overdue_acknowledge_notified_at' | 'overdue_act_notified_at'>;

const overdueColumns = ['id', 'building_id', 'kind', 'status', 'acknowledge_due_at', 'act_due_at', 'acknowledged_at', 'overdue_acknowledge_notified_at', 'overdue_act_notified_at'] as const;

/** Open requests with a passed deadline nobody was told about yet. */
export async function listUnnotifiedOverdue(db: Db, now: string, limit: number): Promise<{ id: string }[]> {
  return tables(db)
    .selectFrom('data_requests')
    .select('id')
    .where('status', 'in', DEADLINE_OPEN_STATUSES)
    .where((eb) =>
      eb.or([
        eb.and([eb('acknowledge_due_at', '<', now), eb('acknowledged_at', 'is', null), eb('overdue_acknowledge_notified_at', 'is', null)]),
        eb.and([eb('act_due_at', '<', now), eb('overdue_act_notified_at', 'is', null)]),
      ]),
    )
    .orderBy('act_due_at')
    .limit(limit)
    .execute();
}

/** Locks one request for this transaction; on PostgreSQL a request another instance holds is skipped. */
export async function lockOverdueRequest(trx: HubTrx, id: string): Promise<OverdueRow | undefined> {
  const query = tables(trx).selectFrom('data_requests').select(overdueColumns).where('id', '=', id);
  return dialectOf(trx) === 'postgres' ? query.forUpdate().skipLocked().executeTakeFirst() : query.executeTakeFirst();
}

/** Records that the managers were told; only while nobody else did (false otherwise). */
export async function markOverdueNotified(trx: HubTrx, id: string, which: 'acknowledge' | 'act', at: string): Promise<boolean> {
  const column = which === 'acknowledge' ? 'overdue_acknowledge_notified_at' : 'overdue_act_notified_at';
  const result = await tables(trx).updateTable('data_requests').set({ [column]: at }).where('id', '=', id).where(column, 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The building's managers and admins, and the operator-wide admins, with an email and an account not disabled. */
export async function listDeadlineRecipients(db: Db, buildingId: string): Promise<{ id: string; email: string }[]> {
  const rows = await tables(db)
    .selectFrom('staff_members as s')
    .innerJoin('staff_credentials as c', 'c.staff_id', 's.id')
    .select(['s.id as id', 'c.email as email'])
    .where((eb) =>
      eb.or([
        eb.and([eb('s.building_id', '=', buildingId), eb('s.role', 'in', ['manager', 'admin'])]),
        eb.and([eb('s.building_id', 'is', null), eb('s.role', '=', 'admin')]),
      ]),
    )
    .where('c.email', 'is not', null)
    .where('c.disabled_at', 'is', null)
    .orderBy('s.id')
    .execute();
  return rows.flatMap((r) => (r.email ? [{ id: r.id, email: r.email }] : []));
}

export async function getBuildingName(db: Db, buildingId: string): Promise<string | undefined> {
  const row = await db.selectFrom('buildings').select('name').where('id', '=', buildingId).executeTakeFirst();
  return row?.name;
}
