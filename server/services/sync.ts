/**
 * The building change feed that devices pull: services publish changes inside their own
 * transactions, and a device reads a snapshot or the changes after its cursor. Why the
 * sequence has no gaps as readers see it is explained in db/sync-changes.ts.
 */
import { z } from 'zod';
import type { SyncChangeType, SyncPullQuery, SyncPullResponse } from '../../shared/hub-api';
import { KiotError } from '../../shared/result';
import type { HubDb, HubTrx } from '../db/connect';
import { ensureSyncHead, getSyncHead, insertSyncChange, listSyncChanges, listSyncEntities, putSyncEntity, takeNextSeq } from '../db/sync-changes';
import type { FeedRow } from '../db/sync-changes';
import type { SyncHeadRow } from '../db/sync-schema';
import type { IdGenerator } from '../ids';
import type { AuthenticatedDevice } from './devices';

/** Any JSON value; `null` data is a tombstone. */
export type JsonValue = z.infer<ReturnType<typeof z.json>>;

export type PublishedChange = { type: SyncChangeType; id: string; data: JsonValue | null };

export type SyncService = {
  /**
   * Records a change for the building's devices, inside the caller's transaction, so it
   * commits (and gets its number) together with the write it reflects. Returns its seq.
   */
  publish(trx: HubTrx, buildingId: string, change: PublishedChange): Promise<number>;
  pull(device: AuthenticatedDevice, query: SyncPullQuery): Promise<SyncPullResponse>;
};

export type SyncDeps = { db: HubDb; clock: () => Date; newId: IdGenerator };

/**
 * What a cursor carries. `log`: the device holds every change up to `seq`. `snapshot`: the
 * device is part-way through a paged snapshot, holding the latest state of every entity
 * whose latest change is at or below `seq`.
 */
const CursorState = z.object({
  v: z.literal(1),
  building: z.string(),
  epoch: z.string(),
  kind: z.enum(['log', 'snapshot']),
  seq: z.number().int().min(0),
});
type CursorState = z.infer<typeof CursorState>;

const RESYNC_MESSAGE = 'This sync cursor cannot be continued (malformed, from another building, or from before the hub data was reset). Pull again without a cursor to get a fresh snapshot.';

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): CursorState | null {
  try {
    const parsed = CursorState.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function toChange(row: FeedRow): SyncPullResponse['changes'][number] {
  return { seq: row.seq, type: row.type, id: row.entity_id, data: row.data === null ? null : (JSON.parse(row.data) as JsonValue) };
}

export function createSyncService(deps: SyncDeps): SyncService {
  const { db, clock, newId } = deps;

  async function headOf(buildingId: string): Promise<SyncHeadRow> {
    // Read first: a reader must not queue behind a writer holding the counter row.
    const existing = await getSyncHead(db, buildingId);
    if (existing) return { ...existing, seq: Number(existing.seq) };
    await ensureSyncHead(db, { building_id: buildingId, seq: 0, epoch: newId(), created_at: clock().toISOString() });
    const created = await getSyncHead(db, buildingId);
    if (!created) throw new Error('sync head vanished after creation');
    return { ...created, seq: Number(created.seq) };
  }

  return {
    async publish(trx, buildingId, change) {
      await ensureSyncHead(trx, { building_id: buildingId, seq: 0, epoch: newId(), created_at: clock().toISOString() });
      const seq = await takeNextSeq(trx, buildingId);
      const data = change.data === null ? null : JSON.stringify(change.data);
      await insertSyncChange(trx, { building_id: buildingId, seq, type: change.type, entity_id: change.id, data, created_at: clock().toISOString() });
      await putSyncEntity(trx, { building_id: buildingId, type: change.type, entity_id: change.id, seq, data });
      return seq;
    },

    async pull(device, query) {
      const buildingId = device.buildingId;
      // The committed head, read before the rows: everything at or below it has committed
      // (numbers follow commit order), so reading up to it never skips a late commit.
      const head = await headOf(buildingId);
      const limit = query.limit;
      const cursorAt = (kind: CursorState['kind'], seq: number): string => encodeCursor({ v: 1, building: buildingId, epoch: head.epoch, kind, seq });

      let state: CursorState;
      if (query.cursor === undefined) {
        state = { v: 1, building: buildingId, epoch: head.epoch, kind: 'snapshot', seq: 0 };
      } else {
        const decoded = decodeCursor(query.cursor);
        if (!decoded || decoded.building !== buildingId || decoded.epoch !== head.epoch || decoded.seq > head.seq) {
          throw new KiotError('resync_required', RESYNC_MESSAGE);
        }
        state = decoded;
      }

      const range = { after: state.seq, upTo: head.seq, limit: limit + 1 };
      const rows =
        state.kind === 'log'
          ? await listSyncChanges(db, buildingId, range)
          : // A first page has only live entities; later pages also carry the deletions of
            // entities an earlier page may have delivered.
            await listSyncEntities(db, buildingId, { ...range, liveOnly: query.cursor === undefined });
      if (rows.length > limit) {
        const page = rows.slice(0, limit);
        return { changes: page.map(toChange), cursor: cursorAt(state.kind, page[page.length - 1]!.seq), hasMore: true };
      }
      return { changes: rows.map(toChange), cursor: cursorAt('log', head.seq), hasMore: false };
    },
  };
}
