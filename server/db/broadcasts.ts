/**
 * SQL of emergency broadcasts. A broadcast has no table of its own: it lives as the
 * `emergency_broadcast` entity of the building's change feed (what every kiosk pulls), and
 * who started or ended it, and why, is in the audit log.
 */
import type { HubDb, HubTrx } from './connect';
import { syncTables } from './sync-schema';

type Db = HubDb | HubTrx;

export type LiveBroadcastRow = { entity_id: string; data: string };

/** The building's broadcasts that have not been ended (a tombstone has null data). */
export async function listLiveBroadcasts(db: Db, buildingId: string): Promise<LiveBroadcastRow[]> {
  const rows = await syncTables(db)
    .selectFrom('sync_entities')
    .select(['entity_id', 'data'])
    .where('building_id', '=', buildingId)
    .where('type', '=', 'emergency_broadcast')
    .where('data', 'is not', null)
    .orderBy('seq')
    .execute();
  return rows.flatMap((r) => (r.data === null ? [] : [{ entity_id: r.entity_id, data: r.data }]));
}
