/**
 * The audit chain's tables (migration 0006): one hash chain per building and its head row.
 *
 * Why the chain never forks with several hubs on PostgreSQL: a writer takes its number with
 * `UPDATE audit_heads SET seq = seq + 1 … RETURNING seq, hash` inside its transaction. The
 * update keeps the building's head row locked until that transaction ends, so the next writer
 * waits and then reads the committed seq and hash it must link to (the same pattern as
 * db/sync-changes.ts). On SQLite one write transaction runs at a time.
 */
import type { Kysely } from 'kysely';
import type { HubDb, HubTrx } from './connect';
import type { Database } from './schema';

export type AuditActorKind = 'staff' | 'system' | 'resident';

export type AuditHeadRow = { building_id: string; seq: number; hash: string; updated_at: string };

export type AuditEventRow = {
  building_id: string;
  seq: number;
  id: string;
  resident_id: string | null;
  actor_kind: AuditActorKind;
  /** The staff member's id, the system job's name or the resident's id. */
  actor_id: string;
  actor_role: string | null;
  actor_name: string | null;
  action: string;
  reason: string | null;
  detail: string | null;
  at: string;
  prev_hash: string;
  hash: string;
};

export type AuditTables = { audit_heads: AuditHeadRow; audit_events: AuditEventRow };

type Db = HubDb | HubTrx;

function auditTables(db: Db): Kysely<Database & AuditTables> {
  return db.withTables<AuditTables>();
}

/** Creates the building's head at seq 0 unless it exists. */
export async function ensureAuditHead(db: Db, row: AuditHeadRow): Promise<void> {
  await auditTables(db)
    .insertInto('audit_heads')
    .values(row)
    .onConflict((oc) => oc.column('building_id').doNothing())
    .execute();
}

/**
 * Takes the next seq of the building's chain and returns it with the hash to link to; locks
 * the head until the transaction ends. The hash is not changed by this update, so RETURNING
 * gives the previous event's hash.
 */
export async function takeNextAuditSeq(trx: HubTrx, buildingId: string): Promise<{ seq: number; prevHash: string }> {
  const row = await auditTables(trx)
    .updateTable('audit_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('building_id', '=', buildingId)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), prevHash: row.hash };
}

export async function setAuditHeadHash(trx: HubTrx, buildingId: string, hash: string, updatedAt: string): Promise<void> {
  await auditTables(trx).updateTable('audit_heads').set({ hash, updated_at: updatedAt }).where('building_id', '=', buildingId).execute();
}

export async function insertAuditEvent(trx: HubTrx, row: AuditEventRow): Promise<void> {
  await auditTables(trx).insertInto('audit_events').values(row).execute();
}

export async function getAuditHead(db: Db, buildingId: string): Promise<AuditHeadRow | undefined> {
  const row = await auditTables(db).selectFrom('audit_heads').selectAll().where('building_id', '=', buildingId).executeTakeFirst();
  return row ? { ...row, seq: Number(row.seq) } : undefined;
}

/** Every building that has a chain head or any event (a chain without a head is broken too). */
export async function listAuditBuildings(db: Db): Promise<string[]> {
  const heads = await auditTables(db).selectFrom('audit_heads').select('building_id').execute();
  const events = await auditTables(db).selectFrom('audit_events').select('building_id').distinct().execute();
  return [...new Set([...heads, ...events].map((r) => r.building_id))].sort();
}

/** Events with `seq > after`, in seq order, at most `limit`. */
export async function listAuditEventsAfter(db: Db, buildingId: string, after: number, limit: number): Promise<AuditEventRow[]> {
  const rows = await auditTables(db)
    .selectFrom('audit_events')
    .selectAll()
    .where('building_id', '=', buildingId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** A resident's events done by staff or the system (not by the resident), newest first. */
export async function listAccessEventsForResident(db: Db, buildingId: string, residentId: string, limit: number): Promise<AuditEventRow[]> {
  const rows = await auditTables(db)
    .selectFrom('audit_events')
    .selectAll()
    .where('building_id', '=', buildingId)
    .where('resident_id', '=', residentId)
    .where('actor_kind', 'in', ['staff', 'system'])
    .orderBy('at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export type AuditEventFilter = {
  staffId?: string | undefined;
  residentId?: string | undefined;
  action?: string | undefined;
  /** Inclusive. */
  from?: string | undefined;
  /** Exclusive. */
  to?: string | undefined;
  upToSeq?: number | undefined;
};

function filteredEvents(db: Db, buildingId: string, filter: AuditEventFilter) {
  let query = auditTables(db).selectFrom('audit_events').where('building_id', '=', buildingId);
  if (filter.staffId !== undefined) query = query.where('actor_kind', '=', 'staff').where('actor_id', '=', filter.staffId);
  if (filter.residentId !== undefined) query = query.where('resident_id', '=', filter.residentId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  // Instants are stored as ISO strings of one fixed format, so text order is time order.
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  if (filter.upToSeq !== undefined) query = query.where('seq', '<=', filter.upToSeq);
  return query;
}

/** One building's events matching the filter, newest first (seq order is commit order). */
export async function listAuditEvents(db: Db, buildingId: string, filter: AuditEventFilter, page: { limit: number; offset: number }): Promise<AuditEventRow[]> {
  const rows = await filteredEvents(db, buildingId, filter).selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function countAuditEvents(db: Db, buildingId: string, filter: AuditEventFilter): Promise<number> {
  const row = await filteredEvents(db, buildingId, filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
