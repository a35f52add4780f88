/**
 * The building change feed: a per-building counter, the change log and the latest state of
 * every entity.
 *
 * Why readers never see a gap on PostgreSQL with several hubs writing: a writer takes its
 * number with `UPDATE sync_heads SET seq = seq + 1 … RETURNING seq` inside the transaction
 * that records the change. The update keeps the building's row locked until that
 * transaction ends, so the next writer of the same building waits, then reads the committed
 * value. Numbers are therefore handed out in commit order: when change n is visible, every
 * change below n committed before it. A reader reads the committed head first and then only
 * changes up to it, so it never sees a number whose predecessors are still in flight, and a
 * rolled-back writer gives its number back (the counter update rolls back with it). On
 * SQLite one write transaction runs at a time, which gives the same order.
 */
import type { SyncChangeType } from '../../shared/hub-api';
import type { HubDb, HubTrx } from './connect';
import { syncTables } from './sync-schema';
import type { SyncChangeRow, SyncEntityRow, SyncHeadRow } from './sync-schema';

type Db = HubDb | HubTrx;

export async function getSyncHead(db: Db, buildingId: string): Promise<SyncHeadRow | undefined> {
  return syncTables(db).selectFrom('sync_heads').selectAll().where('building_id', '=', buildingId).executeTakeFirst();
}

/** Creates the building's counter at 0 unless it exists. */
export async function ensureSyncHead(db: Db, row: SyncHeadRow): Promise<void> {
  await syncTables(db)
    .insertInto('sync_heads')
    .values(row)
    .onConflict((oc) => oc.column('building_id').doNothing())
    .execute();
}

/** The next change number of the building; locks its counter until the transaction ends. */
export async function takeNextSeq(trx: HubTrx, buildingId: string): Promise<number> {
  const row = await syncTables(trx)
    .updateTable('sync_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('building_id', '=', buildingId)
    .returning('seq')
    .executeTakeFirstOrThrow();
  return Number(row.seq);
}

export async function insertSyncChange(trx: HubTrx, row: SyncChangeRow): Promise<void> {
  await syncTables(trx).insertInto('sync_changes').values(row).execute();
}

export async function putSyncEntity(trx: HubTrx, row: SyncEntityRow): Promise<void> {
  await syncTables(trx)
    .insertInto('sync_entities')
    .values(row)
    .onConflict((oc) => oc.columns(['building_id', 'type', 'entity_id']).doUpdateSet({ seq: row.seq, data: row.data }))
    .execute();
}

export type FeedRow = { seq: number; type: SyncChangeType; entity_id: string; data: string | null };

/** Changes with `after < seq <= upTo`, in order. */
export async function listSyncChanges(db: Db, buildingId: string, range: { after: number; upTo: number; limit: number }): Promise<FeedRow[]> {
  const rows = await syncTables(db)
    .selectFrom('sync_changes')
    .select(['seq', 'type', 'entity_id', 'data'])
    .where('building_id', '=', buildingId)
    .where('seq', '>', range.after)
    .where('seq', '<=', range.upTo)
    .orderBy('seq')
    .limit(range.limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/**
 * The latest change of each entity with `after < seq <= upTo`, in seq order. `liveOnly`
 * leaves out the tombstones of deleted things, but never an erasure: a kiosk that starts
 * again from a snapshot must still purge what it queued for an erased resident.
 */
export async function listSyncEntities(db: Db, buildingId: string, range: { after: number; upTo: number; limit: number; liveOnly: boolean }): Promise<FeedRow[]> {
  let query = syncTables(db)
    .selectFrom('sync_entities')
    .select(['seq', 'type', 'entity_id', 'data'])
    .where('building_id', '=', buildingId)
    .where('seq', '>', range.after)
    .where('seq', '<=', range.upTo);
  if (range.liveOnly) query = query.where((eb) => eb.or([eb('data', 'is not', null), eb('type', '=', 'resident_erased')]));
  const rows = await query.orderBy('seq').limit(range.limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
