import { assertNever } from '../../../shared/assert-never';
import { KiotError } from '../../../shared/result';
import { deleteResidentOutboxRows } from '../db/outbox';
import type { KioskDatabase } from '../db/open';
import { clearSyncedItems, deleteSyncedItem, getSyncState, setSyncCursor, upsertSyncedItem } from '../db/synced-items';
import type { PullChange, PullPage, SyncTransport } from './transport';

export const DEFAULT_PULL_LIMIT = 500;
/** One pull reads at most this many pages; the next scheduled pull goes on from the cursor. */
const MAX_PAGES_PER_PULL = 200;

export type PullDeps = {
  db: KioskDatabase;
  transport: Pick<SyncTransport, 'pull'>;
  now: () => number;
  limit?: number;
  stopped: () => boolean;
  /** After a page that erased residents committed: lock a session of theirs, checkpoint the WAL. */
  onResidentsErased?: (residentIds: readonly string[]) => void;
};

export function isResyncRequired(err: unknown): boolean {
  return err instanceof KiotError && err.code === 'resync_required';
}

/**
 * Applies one page: every change in seq order, and the new cursor, in one transaction, so
 * a crash leaves either the whole page or none of it. A page pulled without a cursor is
 * the start of a snapshot: what was pulled before is replaced. Returns the residents erased.
 */
export function applyPullPage(db: KioskDatabase, page: PullPage, snapshot: boolean, at: string): string[] {
  const erased: string[] = [];
  const changes: PullChange[] = [...page.changes].sort((a, b) => a.seq - b.seq);
  db.transaction(() => {
    if (snapshot) clearSyncedItems(db);
    for (const change of changes) {
      switch (change.type) {
        case 'resident_erased':
          // The hub has erased them: what they queued here is dropped, never sent.
          deleteResidentOutboxRows(db, change.id);
          erased.push(change.id);
          break;
        case 'announcement':
        case 'building_settings':
        case 'service_catalogue':
        case 'policy_version':
        case 'emergency_broadcast':
          if (change.data === null) deleteSyncedItem(db, change.type, change.id);
          else upsertSyncedItem(db, { type: change.type, id: change.id, data: change.data, seq: change.seq }, at);
          break;
        default:
          assertNever(change.type, 'pull change type');
      }
    }
    setSyncCursor(db, page.cursor);
  }).immediate();
  return erased;
}

/**
 * Pulls until the hub has nothing more (or the page budget is spent). A cursor the hub no
 * longer knows (`resync_required`) is forgotten and a snapshot pulled instead — once per
 * call, so a hub that keeps refusing cannot loop. Returns how many changes were applied.
 */
export async function pullChanges(deps: PullDeps): Promise<number> {
  const { db } = deps;
  const limit = deps.limit ?? DEFAULT_PULL_LIMIT;
  let applied = 0;
  let resynced = false;
  for (let pages = 0; pages < MAX_PAGES_PER_PULL && !deps.stopped(); pages++) {
    const { cursor } = getSyncState(db);
    let page: PullPage;
    try {
      page = await deps.transport.pull(cursor === null ? { limit } : { cursor, limit });
    } catch (err) {
      if (isResyncRequired(err) && cursor !== null && !resynced) {
        resynced = true;
        // The data pulled so far stays readable until the snapshot's first page replaces it.
        setSyncCursor(db, null);
        continue;
      }
      throw err;
    }
    if (deps.stopped()) break;
    const erased = applyPullPage(db, page, cursor === null, new Date(deps.now()).toISOString());
    applied += page.changes.length;
    if (erased.length > 0) deps.onResidentsErased?.(erased);
    if (!page.hasMore) break;
  }
  return applied;
}
